/**
 * Which phase a talk is in, from its schedule and a clock. Pure: the element passes
 * `now` (its clock plus a skew offset) and re-asks at `nextChangeAt`.
 *
 *   upcoming  before starts-at (with a countdown)
 *   talk      from starts-at
 *   qa        from qa-at (when qa-at lies inside the talk)
 *   ended     from ends-at
 *
 * A host override wins over the clock; a talk kept in `talk`/`qa` past ends-at by an
 * override is "overrunning" (the player says so instead of silently cutting off).
 */
export const TALK_PHASES = ['upcoming', 'talk', 'qa', 'ended'] as const;
export type TalkPhase = (typeof TALK_PHASES)[number];

export const isTalkPhase = (v: unknown): v is TalkPhase => TALK_PHASES.includes(v as TalkPhase);

/** Schedule in epoch milliseconds; every field optional. */
export interface TalkSchedule {
  startsAt?: number;
  qaAt?: number;
  endsAt?: number;
}

export interface PhaseState {
  phase: TalkPhase;
  /** Where the phase came from. `none`: no schedule and no override (treated as `talk`). */
  source: 'override' | 'clock' | 'none';
  /** ms until starts-at while upcoming (for the countdown). */
  startsInMs?: number;
  /** ms the talk runs past ends-at while an override keeps it in talk/qa. */
  overrunMs?: number;
  /** Clock time (same base as `now`) of the next schedule boundary, if any. */
  nextChangeAt?: number;
}

/** Parses an ISO 8601 date-time; undefined for missing or unparsable values (never NaN). */
export function parseTime(value: string | null | undefined): number | undefined {
  if (!value) return undefined;
  // Date-only strings parse as UTC midnight, which is never what a schedule means.
  if (!/\d{2}:\d{2}/.test(value)) return undefined;
  const t = Date.parse(value);
  return Number.isFinite(t) ? t : undefined;
}

/** Drops schedule entries that contradict each other (qa outside the talk, end before start). */
export function normaliseSchedule(s: TalkSchedule): TalkSchedule {
  const out: TalkSchedule = { ...s };
  if (out.startsAt !== undefined && out.endsAt !== undefined && out.endsAt <= out.startsAt) delete out.endsAt;
  if (out.qaAt !== undefined) {
    if (out.startsAt !== undefined && out.qaAt < out.startsAt) out.qaAt = out.startsAt;
    if (out.endsAt !== undefined && out.qaAt >= out.endsAt) delete out.qaAt;
  }
  return out;
}

function clockPhase(s: TalkSchedule, now: number): TalkPhase | undefined {
  if (s.startsAt === undefined && s.qaAt === undefined && s.endsAt === undefined) return undefined;
  if (s.endsAt !== undefined && now >= s.endsAt) return 'ended';
  if (s.startsAt !== undefined && now < s.startsAt) return 'upcoming';
  if (s.qaAt !== undefined && now >= s.qaAt) return 'qa';
  return 'talk';
}

export function phaseAt(schedule: TalkSchedule, now: number, override?: TalkPhase | null): PhaseState {
  const s = normaliseSchedule(schedule);
  const fromClock = clockPhase(s, now);
  const boundaries = [s.startsAt, s.qaAt, s.endsAt].filter((t): t is number => t !== undefined && t > now);
  const nextChangeAt = boundaries.length ? Math.min(...boundaries) : undefined;

  const state: PhaseState = override
    ? { phase: override, source: 'override' }
    : { phase: fromClock ?? 'talk', source: fromClock ? 'clock' : 'none' };
  if (nextChangeAt !== undefined) state.nextChangeAt = nextChangeAt;
  if (state.phase === 'upcoming' && s.startsAt !== undefined && s.startsAt > now) state.startsInMs = s.startsAt - now;
  if ((state.phase === 'talk' || state.phase === 'qa') && s.endsAt !== undefined && now >= s.endsAt) {
    state.overrunMs = now - s.endsAt;
  }
  return state;
}

/** "2 days" style for far countdowns, "1:02:03" / "4:05" for near ones. */
export function formatCountdown(ms: number, locale: string): string {
  const total = Math.max(0, Math.ceil(ms / 1000));
  const days = Math.floor(total / 86400);
  if (days >= 1) {
    // numeric: 'always' and style: 'long' are the defaults ("in 2 days").
    return new Intl.RelativeTimeFormat(locale).format(days, 'day');
  }
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const sec = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(sec)}` : `${m}:${pad(sec)}`;
}
