import type { Room, RoomEvent } from '../room/room.js';

/**
 * A retry's first step (questions, orders): did an earlier attempt reach the room although
 * neither its reply nor its live echo came back? Sent again, every Matrix client would show
 * both copies (readers count one local id once, clients do not). Loaded with the rarer
 * requests: only a retry reads.
 */

/** How far before the first attempt a retry looks (clocks of client and server differ). */
export const RETRY_LOOKBACK_MS = 5 * 60_000;
/** At most this many pages of 50: a busy root costs a retry a bounded read. */
const MAX_PAGES = 10;

/** Newest first, back to `since`: the first event of `type` under `rootId` that `match`es. */
export async function findSent(
  room: Room,
  rootId: string,
  type: string,
  match: (event: RoomEvent) => boolean,
  since: number,
  onPage: () => void = () => undefined,
): Promise<RoomEvent | undefined> {
  let from: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    onPage();
    const result = await room.readRelations(rootId, { relType: 'm.reference', eventType: type, direction: 'b', limit: 50, ...(from ? { from } : {}) });
    const hit = result.events.find((e) => e.type === type && match(e));
    if (hit) return hit;
    const oldest = result.events[result.events.length - 1];
    if (!result.nextBatch || !oldest || oldest.origin_server_ts < since) return undefined;
    from = result.nextBatch;
  }
  return undefined;
}
