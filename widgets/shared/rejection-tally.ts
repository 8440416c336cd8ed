/**
 * The page's tally of rejections (rejections.ts): loaded with the first one, so a page that
 * sees none never downloads it. One per page (a widget page runs one element; every binding
 * on a page shares it), bounded whatever the room sends: counts by reason, with event, user
 * and room ids masked so that a reason names a kind of problem (100 kinds at most, later ones
 * count as "other"), and the last `limit` records. Read it from the page's module graph:
 * `import { rejections } from '…/widgets/shared/rejection-tally.js'` (the fuzz tests do; a
 * higher `limit` keeps every record), after the task that delivered the events.
 */

export interface Rejection {
  eventId: string;
  type: string;
  reason: string;
}

export const rejections = {
  total: 0,
  /** Reason (ids masked) → count. */
  byReason: new Map<string, number>(),
  /** The most recent records, oldest first. */
  last: [] as Rejection[],
  limit: 50,
  /** Recently rejected event ids (the last 1000): an event read twice, from history and live, counts once. */
  recent: new Set<string>(),
};

/** Empties the tally (tests: each starts from nothing). */
export function clearRejections(): void {
  rejections.total = 0;
  rejections.byReason.clear();
  rejections.last.length = 0;
  rejections.recent.clear();
}

/**
 * Room data reaches the log: control and format characters (bidi overrides, zero-width)
 * could make one line read as another, and a 64 KiB field would flood it.
 */
const clean = (text: string) => text.slice(0, 300).replace(/[\p{Cc}\p{Cf}]/gu, '\uFFFD');

/** Counts one rejection and logs it (one line). */
export function record(event: { event_id: string; type: string }, reason: string): void {
  const { byReason, last, recent } = rejections;
  const id = event.event_id;
  if (recent.has(id)) return;
  if (recent.add(id).size > 1000) recent.delete(recent.values().next().value!);
  const record = { eventId: clean(id), type: clean(event.type), reason: clean(reason) || 'invalid' };
  let kind = record.reason.replace(/[$@!][^\s,;)'’"]+/g, '…');
  if (byReason.size > 99 && !byReason.has(kind)) kind = 'other';
  byReason.set(kind, (byReason.get(kind) ?? 0) + 1);
  rejections.total++;
  if (last.push(record) > rejections.limit) last.shift();
  console.warn(`devroom: ${record.type} ${record.eventId} rejected: ${record.reason}`);
}
