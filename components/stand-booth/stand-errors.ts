import { checkStand } from './stand.js';
import type { StandIssue, StandIssueCode, StandIssueCodes, StandParseResult } from './stand.js';

/**
 * The words for stand validation problems. checkStand (stand.ts) reports codes; the booth
 * and its editor turn them into messages such as `links[2].url must use https` here (the
 * binding, which only needs to know whether a stand is usable, goes without them).
 * They stay English: they are for editors and logs.
 */

const MESSAGES: Record<StandIssueCode, (value: never) => string> = {
  json: () => 'must be a JSON object',
  required: () => 'is required',
  text: () => 'must be text',
  long: (max: number) => `must be at most ${max} characters`,
  url: (reason: string) => reason,
  mxc: () => 'is not a valid mxc:// URL',
  https: () => 'must use https',
  list: () => 'must be a list',
  entries: (max: number) => `must have at most ${max} entries`,
  object: () => 'must be an object',
  shape: () => 'must be an object',
  oneOf: (allowed: readonly string[]) => `must be one of: ${allowed.join(', ')}`,
  time: () => 'must be an ISO 8601 date and time with an offset, e.g. 2026-02-01T10:00:00+01:00',
  order: () => 'must be after the start',
  host: () => 'must be a host name like meet.jit.si',
  room: () => 'may contain only letters, digits, "-", "_" and "."',
  userId: () => 'must be a Matrix user id like @name:server',
  twice: () => 'is listed twice',
};

/** The fields an optional object (`shape` code, by path) must have. */
const SHAPES: Record<string, string> = { jitsi: 'domain and room', video: 'src' };

/** `{path: 'links[2].url', message: 'must use https'}`. */
export function standIssue([path, code, value]: StandIssueCodes): StandIssue {
  const message = (MESSAGES[code] as (v: unknown) => string)(value);
  return { path, message: code === 'shape' ? `${message} with ${SHAPES[path] ?? '…'}` : message };
}

/** `name is required; links[2].url must use https` (a message alone for the whole value). */
export function issuesText(issues: readonly StandIssueCodes[]): string {
  return issues
    .map(standIssue)
    .map((e) => (e.path ? `${e.path} ${e.message}` : e.message))
    .join('; ');
}

/**
 * Validates stand JSON (checkStand) and words its problems. Strict mode (the editor) fails
 * on any issue; lenient mode drops bad list items and optional fields (reported in
 * `dropped`) and fails only without a usable name.
 */
export function parseStand(json: unknown, options: { strict?: boolean } = {}): StandParseResult {
  const result = checkStand(json, options.strict);
  return result.ok ? { ...result, dropped: result.dropped.map(standIssue) } : { ok: false, errors: result.errors.map(standIssue) };
}
