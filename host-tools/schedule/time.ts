/**
 * Wall-clock times in an IANA zone → UTC, with Intl only (no tz database dependency: Node
 * and browsers ship ICU). Deprecated aliases such as "US/Eastern" are accepted because ICU
 * still knows them.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, f);
  }
  return f;
}

/** Wall-clock parts (year, month, day, hour, minute, second; zero-padded) of an instant in `zone`. */
export function wallClockParts(utcMs: number, zone: string): Record<string, string> {
  const parts: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = p.value;
  return parts;
}

/** True when the runtime's ICU knows this zone (IANA names and their old aliases). */
export function isTimeZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** Offset of `zone` from UTC at the instant `utcMs`, in milliseconds (east positive). */
export function zoneOffsetMs(utcMs: number, zone: string): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(zone).formatToParts(new Date(utcMs))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const asUtc = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!);
  return asUtc - Math.floor(utcMs / 1000) * 1000;
}

/**
 * UTC milliseconds of a local wall-clock time. Two passes settle the offset around DST
 * changes; a time that does not exist (spring-forward gap) lands after the gap, a repeated
 * time (fall-back) takes the first occurrence.
 */
export function zonedToUtc(date: string, time: string, zone: string): number {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(time);
  if (!d || !t) throw new RangeError(`expected a date YYYY-MM-DD and time HH:MM[:SS], got "${date}" "${time}"`);
  const wall = Date.UTC(+d[1]!, +d[2]! - 1, +d[3]!, +t[1]!, +t[2]!, +(t[3] ?? 0));
  const first = wall - zoneOffsetMs(wall, zone);
  const second = wall - zoneOffsetMs(first, zone);
  if (first === second) return first;
  // DST edge: prefer the candidate whose local time reads back as the wall time.
  return wall - zoneOffsetMs(second, zone) === second ? second : Math.max(first, second);
}

/**
 * Minutes from a duration: "HH:MM" (FOSDEM events, frab), "HH:MM:SS" (FOSDEM conference
 * block) or "D:HH:MM:SS". NaN when malformed.
 */
export function parseDuration(value: string): number {
  const parts = value.trim().split(':');
  if (parts.length < 2 || parts.length > 4 || !parts.every((p) => /^\d{1,3}$/.test(p))) return NaN;
  const n = parts.map(Number);
  const [d, h, m, s] = parts.length === 4 ? n : parts.length === 3 ? [0, ...n] : [0, ...n, 0];
  if (m! > 59 || s! > 59) return NaN;
  return d! * 1440 + h! * 60 + m! + s! / 60;
}

/** "HH:MM[:SS]" → seconds since midnight; NaN when malformed. */
export function clockSeconds(value: string): number {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!m || +m[1]! > 23 || +m[2]! > 59 || +(m[3] ?? 0) > 59) return NaN;
  return +m[1]! * 3600 + +m[2]! * 60 + +(m[3] ?? 0);
}

/**
 * Whether a wall-clock time listed under a congress day is really after midnight (on the next
 * calendar date). frab gives each day a `start`/`end` ("2014-12-27T11:00:00+01:00" to
 * "2014-12-28T04:00:00+01:00"): a time before the start is the night after — unless it is also
 * after the end, i.e. an early talk before the official start. Without a usable start, the
 * conference's `day_change` (Pentabarf) decides; it defaults to midnight.
 */
export function isAfterMidnight(clockSec: number, dayDate: string, bounds: { start?: string; end?: string }, dayChangeSec = 0): boolean {
  const start = wallClock(bounds.start);
  if (!start || start.date !== dayDate) return clockSec < dayChangeSec;
  if (clockSec >= start.sec) return false;
  const end = wallClock(bounds.end);
  if (!end) return true;
  return end.date === addDays(dayDate, 1) && clockSec <= end.sec;
}

/** Date and clock seconds as written in a local ISO time (its offset is the schedule's zone then). */
function wallClock(value: string | undefined): { date: string; sec: number } | undefined {
  const m = value ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}(?::\d{2})?)/.exec(value.trim()) : null;
  if (!m) return undefined;
  const sec = clockSeconds(m[2]!);
  return Number.isNaN(sec) ? undefined : { date: m[1]!, sec };
}

/** Adds whole days to a calendar date "YYYY-MM-DD". */
export function addDays(date: string, days: number): string {
  const ms = Date.parse(`${date}T00:00:00Z`) + days * 86_400_000;
  return new Date(ms).toISOString().slice(0, 10);
}

/** ISO 8601 with a zone (Z or ±hh:mm) → UTC ms; NaN otherwise. */
export function parseIsoWithZone(value: string): number {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})$/.test(value.trim())) return NaN;
  return Date.parse(value.trim());
}

export const iso = (ms: number): string => new Date(ms).toISOString();
