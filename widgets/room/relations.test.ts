import { expect } from '@open-wc/testing';
import { readAllRelations } from './relations.js';
import type { RelationsPage, RelationsQuery, Room, RoomEvent } from './room.js';

/** A server like Synapse 1.67 (and the test homeserver): /relations newest first, `dir` ignored, pages of 2. */
function ignoringDir(events: RoomEvent[]): Room {
  const newestFirst = [...events].reverse();
  return {
    roomId: '!r:example.org',
    userId: '@me:example.org',
    async readRelations(_id: string, query: RelationsQuery = {}): Promise<RelationsPage> {
      const from = query.from ? Number(query.from) : 0;
      const page = newestFirst.slice(from, from + 2);
      return { events: page, ...(from + 2 < newestFirst.length ? { nextBatch: String(from + 2) } : {}) };
    },
  } as unknown as Room;
}

const event = (n: number): RoomEvent => ({ event_id: `$e${n}`, room_id: '!r:example.org', type: 'm.room.message', sender: '@a:example.org', origin_server_ts: 1000 + n, content: {} });

describe('readAllRelations', () => {
  it('returns oldest first when asked (dir=f) even from a server that ignores dir, as Synapse 1.67 does', async () => {
    const events = [1, 2, 3, 4, 5].map(event);
    const read = await readAllRelations(ignoringDir(events), '$root', { direction: 'f' });
    expect(read.map((e) => e.event_id)).to.deep.equal(['$e1', '$e2', '$e3', '$e4', '$e5']);
  });
});
