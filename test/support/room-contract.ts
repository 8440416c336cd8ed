/**
 * The `Room` contract: what every Room devroom runs on must do, as a homeserver (Synapse,
 * verified: ../shared/BRIEF.md §6) does it. One suite, run against `MemoryRoom`
 * (widgets/room/memory-room.contract.test.ts) and against a homeserver over HTTP — the
 * widget room through an Element-like host and the public reader as a guest
 * (test/element/room-contract.homeserver-test.ts) — so the in-memory room cannot drift
 * from what a homeserver does.
 */
import { expect } from '@open-wc/testing';
import { readAllRelations } from '../../widgets/room/relations.js';
import { RoomError } from '../../widgets/room/room.js';
import type { Room, RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { waitFor } from './wait-for.js';

export type Person = 'mod' | 'alice' | 'bob';

export interface ContractWorld {
  /** `person`'s Room in one shared room: `mod` at power 50 (devroom's levels), the others 0. */
  as(person: Person): Promise<Room>;
  /**
   * A new attendee's Room, for sends the server refuses: through Element (matrix-js-sdk) a
   * refused room event stays "not sent" in the client and holds back that user's later sends
   * until they resend or cancel it, so each refusal gets a person of its own.
   */
  newcomer(): Promise<Room>;
  /** A read-only guest's Room (the public reader), where the world has one. */
  guest?(): Promise<Room>;
  /** Events delivered live to `person` arrive; waits up to this long (HTTP and sync are slower). */
  liveTimeoutMs?: number;
  close?(): Promise<void> | void;
}

async function refused(promise: Promise<unknown>): Promise<RoomError> {
  try {
    await promise;
  } catch (error) {
    expect(error, String(error)).to.be.instanceOf(RoomError);
    return error as RoomError;
  }
  throw new Error('expected the homeserver to refuse it');
}

/** Polls an async check (a read through HTTP) until it holds. */
async function eventually(check: () => Promise<boolean>, what: string, timeoutMs: number): Promise<void> {
  const start = performance.now();
  while (!(await check())) {
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Records what `room` delivers live. */
function record(room: Room): { events: RoomEvent[]; stop(): void } {
  const events: RoomEvent[] = [];
  return { events, stop: room.subscribe((e) => events.push(e)) };
}

export function describeRoomContract(label: string, makeWorld: () => Promise<ContractWorld>): void {
  describe(`Room contract: ${label}`, function () {
    let world: ContractWorld;
    let mod: Room;
    let alice: Room;
    let bob: Room;
    let root: string;
    const live = () => world.liveTimeoutMs ?? 6000;

    before(async function () {
      this.timeout(60_000);
      world = await makeWorld();
      [mod, alice, bob] = await Promise.all([world.as('mod'), world.as('alice'), world.as('bob')]);
    });
    after(async () => world?.close?.());
    beforeEach(async () => {
      root = await mod.sendEvent('m.room.message', { msgtype: 'm.text', body: 'root' });
    });

    it('/relations come in small pages (5 unless asked) with next_batch; following it returns each once', async () => {
      for (let i = 0; i < 7; i++) await alice.sendEvent('m.room.message', { msgtype: 'm.text', body: `q${i}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
      const first = await bob.readRelations(root, { relType: 'm.reference' });
      expect(first.events.length).to.be.at.most(5);
      expect(first.nextBatch, 'next_batch on a partial page').to.be.a('string');
      const all = await readAllRelations(bob, root, { relType: 'm.reference' });
      expect(all.map((e) => e.content.body).sort()).to.deep.equal(['q0', 'q1', 'q2', 'q3', 'q4', 'q5', 'q6']);
      expect(new Set(all.map((e) => e.event_id)).size).to.equal(7);
    });

    it('/relations filters by relation type and event type', async () => {
      const q = await alice.sendEvent('m.room.message', { msgtype: 'm.text', body: 'q', 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
      await bob.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' } });
      const refs = await readAllRelations(mod, root, { relType: 'm.reference', eventType: 'm.room.message' });
      expect(refs.map((e) => e.event_id)).to.deep.equal([q]);
      const votes = await readAllRelations(mod, root, { relType: 'm.annotation', eventType: 'm.reaction' });
      expect(votes.map((e) => e.sender)).to.deep.equal([bob.userId]);
    });

    it('the same reaction key by one user on one event a second time is refused (400)', async () => {
      const carol = await world.newcomer();
      const vote = (room: Room, key = '👍') => room.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key } });
      await vote(carol);
      // Another key, or another user, is fine.
      await vote(carol, '👍🏽');
      await vote(bob);
      const error = await refused(vote(carol));
      expect(error.code).to.equal('M_DUPLICATE_ANNOTATION');
    });

    it('a redacted reaction leaves /relations and may be sent again; the redaction is delivered live', async () => {
      const seen = record(bob);
      try {
        const vote = await alice.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' } });
        const redaction = await alice.redact(vote);
        expect(await readAllRelations(bob, root, { relType: 'm.annotation' })).to.deep.equal([]);
        await waitFor(() => seen.events.some((e) => e.event_id === redaction && e.type === 'm.room.redaction'), 'redaction delivered', live());
        const delivered = seen.events.find((e) => e.event_id === redaction)!;
        expect(delivered.redacts ?? delivered.content.redacts).to.equal(vote);
        await alice.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' } });
      } finally {
        seen.stop();
      }
    });

    it("nobody redacts another's event without the power; a moderator at the redact level can", async () => {
      const q = await alice.sendEvent('m.room.message', { msgtype: 'm.text', body: 'q' });
      expect((await refused(bob.redact(q))).code).to.equal('M_FORBIDDEN');
      await mod.redact(q);
    });

    it('power levels: state needs its level (moderation 50), an attendee is refused with M_FORBIDDEN', async () => {
      expect((await refused(alice.sendState(EventTypes.qaQuestionState, root, { pinned: true }))).code).to.equal('M_FORBIDDEN');
      await mod.sendState(EventTypes.qaQuestionState, root, { pinned: true });
      await eventually(async () => (await alice.readState(EventTypes.qaQuestionState, root))[0]?.content.pinned === true, 'state read back', live());
    });

    it('a state key starting with @ may only be set by that user', async () => {
      await alice.sendState(EventTypes.qaHand, alice.userId, { raised: true });
      expect((await refused(mod.sendState(EventTypes.qaHand, alice.userId, { raised: false }))).code).to.equal('M_FORBIDDEN');
      expect((await refused(bob.sendState(EventTypes.qaHand, alice.userId, { raised: false }))).code).to.equal('M_FORBIDDEN');
    });

    it('state another user writes is pushed live and read back', async () => {
      const seen = record(bob);
      try {
        await alice.sendState(EventTypes.qaHand, alice.userId, { raised: true, text: 'contract' });
        await waitFor(() => seen.events.some((e) => e.type === EventTypes.qaHand && e.state_key === alice.userId && e.content.text === 'contract'), 'pushed', live());
        const read = await bob.readState(EventTypes.qaHand, alice.userId);
        expect(read[0]?.content.text).to.equal('contract');
      } finally {
        seen.stop();
      }
    });

    it('an event over 64 KiB is refused (M_TOO_LARGE)', async () => {
      const error = await refused((await world.newcomer()).sendEvent('m.room.message', { msgtype: 'm.text', body: 'x'.repeat(70 * 1024) }));
      expect(error.code).to.equal('M_TOO_LARGE');
    });

    // The public reader is read-only by design; a homeserver is not: Synapse lets a joined guest
    // send what the power levels allow (test/homeserver/rooms.node-test.ts, "guests: …"). So
    // the refusals below are the reader's own, and the server is asked whether anything arrived.
    it('a guest (the public reader) reads state and relations from the server, is sent new events live, and refuses to write before asking: nothing it tried reaches the room', async function () {
      if (!world.guest) this.skip();
      const guest = await world.guest!();
      const seen = record(guest);
      try {
        const vote = await alice.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' } });
        const votes = await readAllRelations(guest, root, { relType: 'm.annotation' });
        expect(votes.map((e) => e.sender)).to.deep.equal([alice.userId]);
        expect((await guest.readState('m.room.power_levels', '')).length).to.equal(1);
        await waitFor(() => seen.events.some((e) => e.event_id === vote), 'the vote delivered live to the guest', live());

        const tries = [
          guest.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👎' } }),
          guest.sendEvent('m.room.message', { msgtype: 'm.text', body: 'guest question', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }),
          guest.sendState(EventTypes.qaHand, guest.userId, { raised: true }),
          guest.redact(vote),
        ];
        for (const attempt of tries) expect((await refused(attempt)).code).to.equal('DEVROOM_READ_ONLY');
        // Read back from the server as others see the room: the vote stands, nothing from the guest.
        const after = await readAllRelations(mod, root);
        expect(after.map((e) => `${e.type} ${e.sender}`)).to.deep.equal([`m.reaction ${alice.userId}`]);
        expect(await mod.readState(EventTypes.qaHand, guest.userId)).to.deep.equal([]);
      } finally {
        seen.stop();
      }
    });
  });
}
