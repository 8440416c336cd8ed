/**
 * A room's talks and the clock: which talk is on, which comes next. Pure, shared by the talk
 * player (it follows the room's schedule: 0 writes per talk) and the Q&A (a queue per talk).
 *
 * The talk "on" at `now` is the one whose slot holds `now`; between two talks, the next one
 * (upcoming, with its countdown); after the last, the last (ended). Slots are
 * [startsAt, endsAt) in epoch ms; a talk without an end ends where the next one starts.
 */
export interface ScheduledTalk {
  /** The schedule's own id (stable across edits: it keys the talk's Q&A and a host's override). */
  id: string;
  title: string;
  speakers: { name: string; userId?: string }[];
  /** ISO 8601 times (UTC). */
  startsAt: string;
  endsAt?: string;
  qaAt?: string;
}

export interface TalkNow {
  /** The talk on now, or the next one before it starts, or the last one after all ended. */
  current?: ScheduledTalk;
  /** The talk after `current`, if any ("Next: … · 10:30"). */
  next?: ScheduledTalk;
  /** Talks before `current`, latest first (their Q&A stays readable). */
  earlier: ScheduledTalk[];
  /** When `current` gives way to `next` (epoch ms): the end of its slot; undefined after the last talk. */
  changesAt?: number;
}

const startOf = (t: ScheduledTalk) => Date.parse(t.startsAt);

/** Sorted by start (then id), duplicates of an id dropped (the first wins): the order every reader sees. */
export function orderTalks(talks: readonly ScheduledTalk[]): ScheduledTalk[] {
  const seen = new Set<string>();
  return [...talks]
    .filter((t) => Number.isFinite(startOf(t)))
    .sort((a, b) => startOf(a) - startOf(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .filter((t) => !seen.has(t.id) && seen.add(t.id));
}

/** Where talk `i` of `ordered` ends: its own end, else where the next starts, else never. */
function endOf(ordered: readonly ScheduledTalk[], i: number): number {
  const own = ordered[i]!.endsAt ? Date.parse(ordered[i]!.endsAt!) : NaN;
  if (Number.isFinite(own)) return own;
  const next = ordered[i + 1];
  return next ? startOf(next) : Infinity;
}

export function talkAt(talks: readonly ScheduledTalk[], now: number): TalkNow {
  const ordered = orderTalks(talks);
  if (!ordered.length) return { earlier: [] };
  // The first talk that has not ended yet is current (on now, or next up); none: the last.
  let index = ordered.findIndex((_, i) => now < endOf(ordered, i));
  if (index < 0) index = ordered.length - 1;
  const current = ordered[index]!;
  const next = ordered[index + 1];
  const end = endOf(ordered, index);
  const changesAt = Number.isFinite(end) && end > now ? end : undefined;
  return {
    current,
    ...(next ? { next } : {}),
    earlier: ordered.slice(0, index).reverse(),
    ...(changesAt !== undefined ? { changesAt } : {}),
  };
}
