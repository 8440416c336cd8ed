import { ALLERGEN_IDS, AVAILABILITIES, MAX_PRICE, checkMenu } from './menu.js';
import type { IssueCode, MenuIssue, MenuParseResult } from './menu.js';

/**
 * The words for menu problems. checkMenu (menu.ts, in every first load) reports codes; this
 * module, loaded only when a menu is invalid, turns them into `path: message` lines such as
 * `sections[1].items[0].price: expected a non-negative integer (minor units)`. Its
 * `parseMenu` checks and words at once (plain pages, tests, library users).
 */

const REQUIRED = 'is required';
const INTEGER = 'integer (minor units)';
/** The fields a nested object must have. */
const SHAPES: Record<string, string> = {
  image: '{url, alt}',
  allergens: '{contains, mayContain}',
  window: '{from?, until?}',
  ordering: '{open, closesAt?}',
};

const MESSAGES: Record<IssueCode, (...values: never[]) => string> = {
  json: () => 'expected a JSON object',
  required: () => REQUIRED,
  text: () => 'expected text',
  url: (reason: string) => reason,
  long: (max: number) => `must be at most ${max} characters`,
  id: () => 'expected an id (letters, digits, _ . : -; at most 64)',
  duplicate: (id: string) => `duplicate id "${id}"`,
  int: () => `expected an ${INTEGER}`,
  uint: () => `expected a non-negative ${INTEGER}`,
  price: () => `must be at most ${MAX_PRICE} minor units`,
  instant: () => 'expected an ISO 8601 date-time with offset, e.g. 2026-02-01T12:00:00+01:00',
  bool: () => 'expected true or false',
  list: () => 'expected a list',
  entries: (max: number) => `must have at most ${max} entries`,
  object: () => 'expected an object',
  shape: (key: string) => `expected an object ${SHAPES[key] ?? ''}`.trim(),
  vendor: () => `${REQUIRED} (a name, or {name, location?, url?})`,
  iso4217: () => 'expected an ISO 4217 code in upper case, e.g. "EUR"',
  currency: (code: string) => `unknown ISO 4217 currency "${code}"`,
  alt: () => `${REQUIRED} (use "" only for a purely decorative image)`,
  diet: () => 'expected a lowercase diet tag such as "vegan"',
  allergens: () => `${REQUIRED} ({contains: [], mayContain: []} when there are none)`,
  allergen: (value: unknown) => `unknown allergen ${JSON.stringify(value)}; expected one of: ${ALLERGEN_IDS.join(', ')}`,
  both: (id: string) => `"${id}" is also listed in contains`,
  min: () => 'expected a non-negative integer',
  max: () => 'expected an integer ≥ 1 and ≥ min',
  choices: (min: number, count: number) => `is ${min} but there are only ${count} choices`,
  availability: () => `expected one of: ${AVAILABILITIES.join(', ')}`,
  window: () => '"from" must be before "until"',
  items: (max: number) => `must hold at most ${max} items in all`,
  period: () => '"opens" must be before "closes"',
};

/** `sections[1].items[0].price: expected a non-negative integer (minor units)`. */
export function issueText([at, code, ...values]: MenuIssue): string {
  return `${at}: ${(MESSAGES[code] as (...v: unknown[]) => string)(...values)}`;
}

/** Validates untrusted menu JSON (checkMenu) and words its problems: `path: message` each. */
export function parseMenu(json: unknown): MenuParseResult {
  const result = checkMenu(json);
  return result.ok ? result : { ok: false, errors: result.issues.map(issueText) };
}
