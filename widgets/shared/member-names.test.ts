import { expect } from '@open-wc/testing';
import { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import type { PersonNames } from '../../components/shared/person-name.js';
import { watchMemberNames } from './member-names.js';

const ADMIN = '@admin:example.org';
const ANA = '@ana:example.org';
const BOB = '@bob:example.org';

describe("member names: people's names from m.room.member state, followed live", () => {
  it('reads the names the room holds, then follows renames, in one update per burst', async () => {
    const room = new MemoryRoom({ creator: ADMIN });
    room.join(ANA, { displayName: 'Ana' });
    const names = watchMemberNames(room.as(ANA));
    const updates: PersonNames[] = [];
    names.onChange((n) => updates.push(n));
    await names.ready;
    await Promise.resolve();
    expect(names.names(ANA).text).to.equal('Ana');
    expect(updates).to.have.length(1);

    room.join(BOB, { displayName: 'Bob' });
    room.join(ANA, { displayName: 'Bob' });
    await Promise.resolve();
    expect(updates).to.have.length(2);
    // A new function per change (an element re-renders); it answers with the current names.
    expect(updates[1]).not.to.equal(updates[0]);
    expect(updates[1]!(ANA).text).to.equal(`Bob (${ANA})`);
    names.stop();
    room.join(ANA, { displayName: 'Ana' });
    await Promise.resolve();
    expect(updates).to.have.length(2);
  });

  it('a failed read leaves people by id (and says so); live names still arrive', async () => {
    const room = new MemoryRoom({ creator: ADMIN });
    room.join(ANA, { displayName: 'Ana' });
    room.failNext(new RoomError('no', 'M_FORBIDDEN'), { op: 'readState' });
    const warn = console.warn;
    const warned: unknown[] = [];
    console.warn = (...args: unknown[]) => void warned.push(args[0]);
    try {
      const names = watchMemberNames(room.as(ANA));
      await names.ready;
      expect(names.names(ANA).text).to.equal(ANA);
      expect(String(warned[0])).to.contain('people show by id');
      room.join(BOB, { displayName: 'Bob' });
      await Promise.resolve();
      expect(names.names(BOB).text).to.equal('Bob');
      names.stop();
    } finally {
      console.warn = warn;
    }
  });

  it('a rename that arrives while the first read is in flight is not undone by the read', async () => {
    const room = new MemoryRoom({ creator: ADMIN });
    room.join(ANA, { displayName: 'Ana' });
    // The read answers with the state from before the rename (a client's snapshot), after it.
    const before = room.getState('m.room.member');
    let answer!: () => void;
    const view = room.as(ANA);
    const stale = Object.assign(Object.create(view) as typeof view, {
      readState: () => new Promise<typeof before>((resolve) => (answer = () => resolve(before))),
      subscribe: view.subscribe.bind(view),
    });
    const names = watchMemberNames(stale);
    room.join(ANA, { displayName: 'Ana Lima' });
    answer();
    await names.ready;
    expect(names.names(ANA).text).to.equal('Ana Lima');
    names.stop();
  });
});
