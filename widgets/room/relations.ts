import { isEventId, isRecord } from '../schema/validate.js';
import type { RelationsQuery, Room, RoomEvent } from './room.js';

/**
 * Follows `nextBatch` until the end: servers page /relations in small pages (some
 * default to 5), so one page is never "all". `maxPages` bounds a hostile or broken
 * server that never stops answering with a next batch.
 */
export async function readAllRelations(
  room: Room,
  eventId: string,
  query: Omit<RelationsQuery, 'from'> = {},
  options: { maxPages?: number; onPage?: () => void } = {},
): Promise<RoomEvent[]> {
  const events: RoomEvent[] = [];
  const maxPages = options.maxPages ?? 1000;
  let from: string | undefined;
  const seenBatches = new Set<string>();
  for (let page = 0; page < maxPages; page++) {
    const result = await room.readRelations(eventId, { limit: 100, ...query, ...(from ? { from } : {}) });
    options.onPage?.();
    events.push(...result.events);
    if (!result.nextBatch || seenBatches.has(result.nextBatch)) break;
    seenBatches.add(result.nextBatch);
    from = result.nextBatch;
  }
  // Synapse 1.67 ignores `dir` and always answers newest first: callers that asked for oldest
  // first (the first of two copies counts) get it by server time (stable for equal times).
  if (query.direction === 'f') events.sort((a, b) => a.origin_server_ts - b.origin_server_ts);
  return events;
}

/** Reference relation target of an event (`m.relates_to` with `m.reference`), if any. */
export function referenceTarget(event: RoomEvent): string | undefined {
  const relates = event.content['m.relates_to'];
  if (!isRecord(relates) || relates.rel_type !== 'm.reference' || !isEventId(relates.event_id)) return undefined;
  return relates.event_id;
}
