import { expect } from '@open-wc/testing';
import { MemoryRoom } from './memory-room.js';
import { readAllRelations } from './relations.js';
import type { RoomEvent } from './room.js';

const ADMIN = '@admin:example.org';
const MOD = '@mod:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const HAND = 'dev.devroom.qa.hand';
const MODERATION = 'dev.devroom.qa.question';

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('expected a rejection');
}

function conference(options: { relationsPageLimit?: number } = {}): MemoryRoom {
  const room = new MemoryRoom({
    creator: ADMIN,
    creatorDisplayName: 'Ada Admin',
    powerLevels: { users: { [MOD]: 50 }, events: { [HAND]: 0, [MODERATION]: 50 } },
    ...options,
  });
  room.join(MOD, { displayName: 'Mo Derator' });
  room.join(ALICE, { displayName: 'Alice' });
  room.join(BOB);
  return room;
}

describe('MemoryRoom', () => {
  describe('power levels', () => {
    it('lets a user send state only at the level its type needs', async () => {
      const room = conference();
      await room.as(MOD).sendState(MODERATION, '$q1', { pinned: true });
      const err = await rejection(room.as(ALICE).sendState(MODERATION, '$q1', { hidden: true }));
      expect(err.code).to.equal('M_FORBIDDEN');
      expect(room.getState(MODERATION, '$q1')[0]!.content).to.deep.equal({ pinned: true });
    });

    it('uses state_default (50) for state types without an entry and events_default (0) for room events', async () => {
      const room = conference();
      expect((await rejection(room.as(ALICE).sendState('dev.devroom.talk', '', { title: 'x' }))).code).to.equal('M_FORBIDDEN');
      await room.as(MOD).sendState('dev.devroom.talk', '', { title: 'x' });
      const id = await room.as(ALICE).sendEvent('m.room.message', { msgtype: 'm.text', body: 'hi' });
      expect(room.getEvent(id)!.sender).to.equal(ALICE);
    });

    it('honours events_default when a room raises it', async () => {
      const room = new MemoryRoom({ creator: ADMIN, powerLevels: { events_default: 10 } });
      room.join(ALICE);
      expect((await rejection(room.as(ALICE).sendEvent('m.room.message', { body: 'x' }))).code).to.equal('M_FORBIDDEN');
      await room.as(ADMIN).sendEvent('m.room.message', { body: 'x' });
    });

    it('rejects events from users who are not joined', async () => {
      const room = conference();
      const err = await rejection(room.as('@stranger:example.org').sendEvent('m.room.message', { body: 'x' }));
      expect(err.code).to.equal('M_FORBIDDEN');
    });

    it('applies power level changes and forbids raising anyone above the sender', async () => {
      const room = conference();
      const pl = room.getState('m.room.power_levels', '')[0]!.content;
      await room.as(ADMIN).sendState('m.room.power_levels', '', { ...pl, users: { ...(pl.users as object), [ALICE]: 50 } });
      expect(room.userLevel(ALICE)).to.equal(50);
      await room.as(ALICE).sendState(MODERATION, '$q', { answered: true });
      const next = room.getState('m.room.power_levels', '')[0]!.content;
      const err = await rejection(
        room.as(MOD).sendState('m.room.power_levels', '', { ...next, users: { ...(next.users as object), [BOB]: 100 } }),
      );
      expect(err.code).to.equal('M_FORBIDDEN');
      expect(room.userLevel(BOB)).to.equal(0);
    });
  });

  describe('@ state keys', () => {
    it('lets a user set state under their own user id at power 0', async () => {
      const room = conference();
      await room.as(ALICE).sendState(HAND, ALICE, { raised: true });
      expect(room.getState(HAND, ALICE)[0]!.sender).to.equal(ALICE);
    });

    it("rejects touching another user's key, even for a moderator", async () => {
      const room = conference();
      await room.as(ALICE).sendState(HAND, ALICE, { raised: true });
      expect((await rejection(room.as(BOB).sendState(HAND, ALICE, { raised: false }))).code).to.equal('M_FORBIDDEN');
      expect((await rejection(room.as(ADMIN).sendState(HAND, ALICE, { raised: false }))).code).to.equal('M_FORBIDDEN');
      expect(room.getState(HAND, ALICE)[0]!.content).to.deep.equal({ raised: true });
    });
  });

  describe('redactions', () => {
    it('lets a user redact their own event, strips content and sets redacted_because', async () => {
      const room = conference();
      const live: RoomEvent[] = [];
      room.subscribe((e) => live.push(e));
      const id = await room.as(ALICE).sendEvent('m.reaction', {
        'm.relates_to': { rel_type: 'm.annotation', event_id: '$x', key: '👍' },
      });
      const redactionId = await room.as(ALICE).redact(id, 'changed my mind');
      const redacted = room.getEvent(id)!;
      expect(redacted.content).to.deep.equal({});
      expect(redacted.unsigned?.redacted_because?.event_id).to.equal(redactionId);
      expect(live.map((e) => e.type)).to.deep.equal(['m.reaction', 'm.room.redaction']);
      expect(live[1]!.redacts).to.equal(id);
      expect(live[1]!.content).to.deep.equal({ redacts: id, reason: 'changed my mind' });
    });

    it("needs the redact level for someone else's event", async () => {
      const room = conference();
      const id = await room.as(ALICE).sendEvent('m.room.message', { msgtype: 'm.text', body: 'spam' });
      expect((await rejection(room.as(BOB).redact(id))).code).to.equal('M_FORBIDDEN');
      expect(room.getEvent(id)!.content.body).to.equal('spam');
      await room.as(MOD).redact(id);
      expect(room.getEvent(id)!.content).to.deep.equal({});
    });

    it('accepts a redaction sent as an m.room.redaction event (how Element widgets redact)', async () => {
      const room = conference();
      const id = await room.as(ALICE).sendEvent('m.room.message', { msgtype: 'm.text', body: 'oops' });
      await room.as(ALICE).sendEvent('m.room.redaction', { redacts: id });
      expect(room.getEvent(id)!.unsigned?.redacted_because?.sender).to.equal(ALICE);
    });

    it('keeps the essential keys of redacted state (power levels stay in force)', async () => {
      const room = conference();
      const pl = room.getState('m.room.power_levels', '')[0]!;
      await room.as(ADMIN).redact(pl.event_id);
      expect(room.getState('m.room.power_levels', '')[0]!.content.users).to.deep.equal(pl.content.users);
      expect(room.userLevel(MOD)).to.equal(50);
    });

    it('rejects redacting an unknown event', async () => {
      const room = conference();
      expect((await rejection(room.as(ALICE).redact('$nope'))).code).to.equal('M_NOT_FOUND');
    });
  });

  describe('relations', () => {
    async function questions(room: MemoryRoom, count: number): Promise<{ root: string; ids: string[] }> {
      const root = await room.as(MOD).sendEvent('m.room.message', { msgtype: 'm.text', body: 'Q&A' });
      const ids: string[] = [];
      for (let i = 0; i < count; i++) {
        ids.push(
          await room.as(i % 2 ? ALICE : BOB).sendEvent('m.room.message', {
            msgtype: 'm.text',
            body: `question ${i}`,
            'm.relates_to': { rel_type: 'm.reference', event_id: root },
          }),
        );
      }
      return { root, ids };
    }

    it('pages newest first by default and forward with direction f, following nextBatch', async () => {
      const room = conference();
      const { root, ids } = await questions(room, 7);
      const first = await room.as(ALICE).readRelations(root, { limit: 3 });
      expect(first.events.map((e) => e.event_id)).to.deep.equal(ids.slice(4).reverse());
      expect(first.nextBatch).to.be.a('string');
      const second = await room.as(ALICE).readRelations(root, { limit: 3, from: first.nextBatch! });
      expect(second.events.map((e) => e.event_id)).to.deep.equal(ids.slice(1, 4).reverse());
      const third = await room.as(ALICE).readRelations(root, { limit: 3, from: second.nextBatch! });
      expect(third.events.map((e) => e.event_id)).to.deep.equal([ids[0]]);
      expect(third.nextBatch).to.equal(undefined);

      const forward = await room.as(ALICE).readRelations(root, { limit: 4, direction: 'f' });
      expect(forward.events.map((e) => e.event_id)).to.deep.equal(ids.slice(0, 4));
      const rest = await room.as(ALICE).readRelations(root, { limit: 4, direction: 'f', from: forward.nextBatch! });
      expect(rest.events.map((e) => e.event_id)).to.deep.equal(ids.slice(4));
    });

    it('caps every page at relationsPageLimit (servers that page by 5) and readAllRelations still gets all', async () => {
      const room = conference({ relationsPageLimit: 5 });
      const { root, ids } = await questions(room, 12);
      const page = await room.as(ALICE).readRelations(root, { limit: 100 });
      expect(page.events).to.have.length(5);
      let pages = 0;
      const all = await readAllRelations(room.as(ALICE), root, { direction: 'f' }, { onPage: () => pages++ });
      expect(all.map((e) => e.event_id)).to.deep.equal(ids);
      expect(pages).to.equal(3);
    });

    it('defaults to 5 per page without a limit, like Synapse', async () => {
      const room = conference();
      const { root } = await questions(room, 6);
      expect((await room.as(ALICE).readRelations(root)).events).to.have.length(5);
    });

    it('filters by relation type and event type, and drops redacted relations', async () => {
      const room = conference();
      const { root, ids } = await questions(room, 3);
      const vote = await room.as(ALICE).sendEvent('m.reaction', {
        'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' },
      });
      const refs = await room.as(BOB).readRelations(root, { relType: 'm.reference', limit: 50 });
      expect(refs.events).to.have.length(3);
      const votes = await room.as(BOB).readRelations(root, { relType: 'm.annotation', eventType: 'm.reaction' });
      expect(votes.events.map((e) => e.event_id)).to.deep.equal([vote]);
      await room.as(ALICE).redact(vote);
      await room.as(MOD).redact(ids[1]!);
      expect((await room.as(BOB).readRelations(root, { relType: 'm.annotation' })).events).to.deep.equal([]);
      expect((await room.as(BOB).readRelations(root, { limit: 50 })).events.map((e) => e.event_id)).to.deep.equal([
        ids[2],
        ids[0],
      ]);
    });

    it('rejects unknown parents and malformed tokens', async () => {
      const room = conference();
      const { root } = await questions(room, 1);
      expect((await rejection(room.as(ALICE).readRelations('$missing'))).code).to.equal('M_NOT_FOUND');
      expect((await rejection(room.as(ALICE).readRelations(root, { from: 'garbage' }))).code).to.equal('M_INVALID_PARAM');
    });
  });

  describe('live events, members and faults', () => {
    it('delivers every event to subscribers in order', async () => {
      const room = conference();
      const seen: string[] = [];
      const unsubscribe = room.as(BOB).subscribe((e) => seen.push(e.type));
      await room.as(ALICE).sendEvent('m.room.message', { body: 'a' });
      await room.as(ALICE).sendState(HAND, ALICE, { raised: true });
      await room.as(MOD).sendEvent('m.room.message', { body: 'b' });
      unsubscribe();
      await room.as(MOD).sendEvent('m.room.message', { body: 'c' });
      expect(seen).to.deep.equal(['m.room.message', HAND, 'm.room.message']);
    });

    it('knows members and display names', () => {
      const room = conference();
      expect(room.members()).to.have.members([ADMIN, MOD, ALICE, BOB]);
      expect(room.displayName(MOD)).to.equal('Mo Derator');
      expect(room.displayName(BOB)).to.equal(BOB);
    });

    it('fails the next matching operation once (injected fault)', async () => {
      const room = conference();
      room.failNext('M_LIMIT_EXCEEDED', { op: 'send', userId: ALICE });
      await room.as(BOB).sendEvent('m.room.message', { body: 'bob is fine' });
      expect((await rejection(room.as(ALICE).sendEvent('m.room.message', { body: 'x' }))).code).to.equal('M_LIMIT_EXCEEDED');
      await room.as(ALICE).sendEvent('m.room.message', { body: 'second try works' });
    });

    it('holds operations while paused', async () => {
      const room = conference();
      const resume = room.pause();
      let done = false;
      const sending = room.as(ALICE).sendEvent('m.room.message', { body: 'x' }).then(() => (done = true));
      await new Promise((r) => setTimeout(r, 20));
      expect(done).to.equal(false);
      resume();
      await sending;
      expect(done).to.equal(true);
    });
  });
});
