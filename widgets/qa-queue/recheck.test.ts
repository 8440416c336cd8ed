import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import type { RelationsPage, RelationsQuery, Room, RoomListener } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindQaQueue } from './binding.js';

/**
 * Issue #13, 3d: a late joiner's Q&A reads again what it read from history, because Element
 * never feeds it the redaction of an event its client did not load. Through the binding, on a
 * MemoryRoom seen as Element shows it to such a widget, with a fake clock: an undone vote or a
 * deleted question leaves the queue after the round that reads it again (10 questions' votes a
 * round, in turn); a failed or partial read removes nothing; rounds come every `recheckMs`
 * ± 25 %.
 */

const MOD = '@mo:localhost';
const BOB = '@bob:localhost';
const CAROL = '@carol:localhost';
const RECHECK_MS = 10_000;

function qaRoom(questions: number, voted = (_i: number) => true, relationsPageLimit?: number) {
  const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } }, ...(relationsPageLimit ? { relationsPageLimit } : {}) });
  room.join(BOB);
  room.join(CAROL);
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  const ids: string[] = [];
  const votes: string[] = [];
  for (let i = 0; i < questions; i++) {
    const q = room.inject('m.room.message', { msgtype: 'm.text', body: `Question ${i}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, MOD).event_id;
    ids.push(q);
    if (voted(i)) votes.push(room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: q, key: '👍' } }, BOB).event_id);
  }
  return { room, root, ids, votes };
}

/**
 * Carol's room as Element hands it to a widget that opened after all of the above: everything
 * she has was read from history, so no redaction of it is ever fed (test/element/element-host.ts).
 * `failPage(root)` makes the next read of a later page of that event's relations fail (a read
 * cut short halfway); `reads` has each relations read with the fake clock's time.
 */
function lateJoiner(room: MemoryRoom) {
  const view = room.as(CAROL);
  const reads: { eventId: string; at: number }[] = [];
  let failing: string | undefined;
  const wrapped: Room = {
    roomId: view.roomId,
    userId: view.userId,
    readState: (type, stateKey) => view.readState(type, stateKey),
    readRelations: async (eventId: string, query?: RelationsQuery): Promise<RelationsPage> => {
      reads.push({ eventId, at: Date.now() });
      if (failing === eventId && query?.from) {
        failing = undefined;
        throw new RoomError('Injected failure on a later page', 'M_UNKNOWN');
      }
      return view.readRelations(eventId, query);
    },
    sendEvent: (type, content) => view.sendEvent(type, content),
    sendState: (type, stateKey, content) => view.sendState(type, stateKey, content),
    redact: (eventId, reason) => view.redact(eventId, reason),
    subscribe: (listener: RoomListener) => view.subscribe((event) => event.type !== 'm.room.redaction' && listener(event)),
  };
  return { room: wrapped, reads, failPage: (eventId: string) => (failing = eventId) };
}

/** A real task's turn (the fake clock holds setTimeout): lets reads and the lazily loaded re-read run. */
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

async function settle(el: DevroomQaQueue): Promise<void> {
  for (let i = 0; i < 30; i++) await task();
  await el.updateComplete;
}

async function seat(view: Room) {
  const el = mount<DevroomQaQueue>('devroom-qa-queue');
  const binding = bindQaQueue(el, view, { recheckMs: RECHECK_MS });
  afterTest(() => binding.stop());
  await binding.ready;
  await settle(el);
  return el;
}

/** What a person sees: each question's text and the count on its 👍 button. */
const shown = (el: DevroomQaQueue): Record<string, number> =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('[part~="question"]')].map((row) => [
      row.querySelector('.text')!.textContent!.trim(),
      Number(row.querySelector('[part="vote-button"]')!.textContent!.replace(/\D/g, '') || 0),
    ]),
  );
const zeros = (el: DevroomQaQueue) => Object.values(shown(el)).filter((n) => n === 0).length;

describe('Q&A binding: a late joiner reads its history again', () => {
  let clock: sinon.SinonFakeTimers;

  before(async () => {
    // The re-read loads on demand; loaded once here, so a round runs when its timer fires.
    await import('./recheck.js');
  });
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => clock.restore());

  /** The longest a round can wait (recheckMs + 25 %), then the round's reads. */
  const nextRound = async (el: DevroomQaQueue) => {
    clock.tick(RECHECK_MS * 1.25);
    await settle(el);
  };

  it("votes undone on 25 questions leave the counts 10 questions a round, in turn, until every question's votes were read again", async () => {
    const { room, votes } = qaRoom(25);
    const carol = lateJoiner(room);
    const el = await seat(carol.room);
    expect(Object.keys(shown(el))).to.have.length(25);
    expect(zeros(el)).to.equal(0);

    for (const v of votes) room.redact(BOB, v);
    await settle(el);
    expect(zeros(el), 'not fed: nothing changes before a re-read').to.equal(0);

    await nextRound(el);
    expect(zeros(el), 'first round').to.equal(10);
    await nextRound(el);
    expect(zeros(el), 'second round').to.equal(20);
    await nextRound(el);
    expect(zeros(el), 'third round').to.equal(25);
    expect(Object.keys(shown(el)), 'the questions stay').to.have.length(25);
  });

  it('a question deleted meanwhile leaves the queue at the next round, with its votes', async () => {
    const { room, ids } = qaRoom(3);
    const el = await seat(lateJoiner(room).room);
    room.redact(MOD, ids[1]!);
    await settle(el);
    expect(Object.keys(shown(el))).to.include('Question 1');
    await nextRound(el);
    expect(shown(el)).to.deep.equal({ 'Question 0': 1, 'Question 2': 1 });
  });

  it('a failed read of the questions removes nothing; the next round that reads them all does', async () => {
    const { room, ids } = qaRoom(3);
    const el = await seat(lateJoiner(room).room);
    room.redact(MOD, ids[0]!);
    room.failNext('M_UNKNOWN', { op: 'relations', userId: CAROL, type: 'm.room.message' });
    await nextRound(el);
    expect(Object.keys(shown(el)), 'the read failed').to.include('Question 0');
    await nextRound(el);
    expect(Object.keys(shown(el))).to.deep.equal(['Question 1', 'Question 2']);
  });

  it('a read of the questions cut short on a later page removes nothing (the questions it did not reach are not gone)', async () => {
    // The server hands out /relations 5 at a time: 12 questions are 3 pages.
    const { room, root, ids } = qaRoom(12, () => false, 5);
    const carol = lateJoiner(room);
    const el = await seat(carol.room);
    expect(Object.keys(shown(el))).to.have.length(12);
    room.redact(MOD, ids[11]!);
    carol.failPage(root);
    await nextRound(el);
    expect(Object.keys(shown(el)), 'partial read').to.have.length(12);
    await nextRound(el);
    expect(Object.keys(shown(el))).to.have.length(11);
    expect(Object.keys(shown(el))).not.to.include('Question 11');
  });

  it("a failed read of a question's votes keeps its count; a later round that reads them corrects it", async () => {
    // One question with a vote: every round reads its votes.
    const { room, votes } = qaRoom(3, (i) => i === 2);
    const el = await seat(lateJoiner(room).room);
    expect(shown(el)['Question 2']).to.equal(1);
    room.redact(BOB, votes[0]!);
    room.failNext('M_UNKNOWN', { op: 'relations', userId: CAROL, type: 'm.reaction' });
    await nextRound(el);
    expect(shown(el)['Question 2'], 'the read failed').to.equal(1);
    await nextRound(el);
    expect(shown(el)['Question 2']).to.equal(0);
  });

  it('rounds come every recheckMs ± 25 %, not in step across widgets that opened together', async () => {
    const { room, root } = qaRoom(2);
    const seats = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const carol = lateJoiner(room);
        return { carol, el: await seat(carol.room) };
      }),
    );
    const start = Date.now();
    const startUp = seats.map((s) => s.carol.reads.length);
    // Each seat's reads of the questions after its start-up: one per round.
    const rounds = (i: number) =>
      seats[i]!.carol.reads
        .slice(startUp[i])
        .filter((r) => r.eventId === root)
        .map((r) => r.at - start);
    for (let t = 0; t < RECHECK_MS * 2.6; t += 100) {
      clock.tick(100);
      await settle(seats[0]!.el);
    }
    const firsts = seats.map((_, i) => rounds(i)[0]!);
    const gaps = seats.map((_, i) => rounds(i)[1]! - rounds(i)[0]!);
    for (const ms of [...firsts, ...gaps]) {
      expect(ms).to.be.within(RECHECK_MS * 0.75, RECHECK_MS * 1.25 + 100);
    }
    expect(new Set(firsts).size, `first rounds at ${firsts.join(', ')} ms`).to.be.above(1);
    expect(new Set(gaps).size, `gaps ${gaps.join(', ')} ms`).to.be.above(1);
  });
});
