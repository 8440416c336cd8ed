/**
 * Schedule import: detects the format from the content (file names lie), or takes
 * `format` from the caller, and returns the common Schedule shape.
 */
import { parseFrabJson } from './frab-json.js';
import { SCHEDULE_FORMATS, ScheduleError, type ParseOptions, type Schedule, type ScheduleFormat } from './model.js';
import { parsePentabarf } from './pentabarf.js';
import { XmlError } from './xml.js';

export { SCHEDULE_FORMATS, ScheduleError };
export type { ParseOptions, Schedule, ScheduleEvent, ScheduleFormat } from './model.js';

export const isScheduleFormat = (v: string): v is ScheduleFormat => (SCHEDULE_FORMATS as readonly string[]).includes(v);

/** XML or JSON, by the first non-blank character. */
export function sniff(text: string): 'xml' | 'json' | null {
  const m = /^\uFEFF?\s*(\S)/.exec(text);
  if (!m) return null;
  return m[1] === '<' ? 'xml' : m[1] === '{' ? 'json' : null;
}

export function parseSchedule(text: string, options: ParseOptions = {}): Schedule {
  const kind = options.format ? (options.format.endsWith('json') ? 'json' : 'xml') : sniff(text);
  try {
    if (kind === 'xml') return parsePentabarf(text, options);
    if (kind === 'json') return parseFrabJson(text, options);
  } catch (e) {
    if (e instanceof XmlError) throw new ScheduleError(`${e.line}:${e.column}`, e.detail);
    throw e;
  }
  throw new ScheduleError('1:1', `cannot tell the schedule format: expected XML ("<") or JSON ("{") (formats: ${SCHEDULE_FORMATS.join(', ')})`);
}
