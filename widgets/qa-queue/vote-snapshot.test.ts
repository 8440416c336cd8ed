import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { RelationsPage, RelationsQuery, Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindQaQueue } from './binding.js';
import { FRESH_MS } from './vote-snapshot-read.js';
import { HEARTBEAT_MS, WRITE_MS } from './vote-snapshot-write.js';

/**
 * Issue #16, item 4: a late joiner's start-up bounded by pages, not questions. A moderator's
 * widget keeps the vote snapshot (`dev.devroom.qa.votes`); an attendee with a fresh one reads the
 * question pages and no votes, adds what it sees live on top without counting anything twice,
 * and knows its own votes from this browser or, on a new device, from one read when it acts.
 */

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';
const BOB = '@bob:localhost';
const CAROL = '@carol:localhost';
const ZED = '@zed:localhost';
const EVE = '@eve:localhost';
const VOTERS = [ALICE, BOB, CAROL, '@dan:localhost', EVE];

function qaRoom(questions = 6) {
  // Each event a millisecond after the one before (a vote never shares its time with the snapshot before it).
  let t = 0;
  const now = () => (t = Math.max(t + 1, Date.now()));
  const room = new MemoryRoom({ creator: MOD, now, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  for (const u of [...VOTERS, ZED]) room.join(u);
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  const ids: string[] = [];
  for (let i = 0; i < questions; i++) {
    ids.push(room.inject('m.room.message', { msgtype: 'm.text', body: `Question ${i}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, ALICE).event_id);
  }
  // Question i gets votes from the first (questions - i) % 5 voters.
  ids.forEach((q, i) => VOTERS.slice(0, (questions - i) % 5).forEach((v) => vote(room, q, v)));
  return { room, root, ids };
}

const vote = (room: MemoryRoom, target: string, sender: string) =>
  room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } }, sender).event_id;
const snapshotOf = (room: MemoryRoom) => room.getState(EventTypes.qaVotes, 'qa')[0];
/** Writes a snapshot as a moderator's widget would (`upto`: the newest event it had folded in). */
const writeSnapshot = (room: MemoryRoom, root: string, counts: Record<string, number>, upto = room.timeline.at(-1)!.origin_server_ts, sender = MOD) =>
  room.setState(EventTypes.qaVotes, 'qa', { root, upto, counts }, sender);
/** The room's true counts. */
const trueCounts = (room: MemoryRoom, ids: string[]) =>
  Object.fromEntries(ids.map((q) => [q, new Set(room.readRelations(q, { relType: 'm.annotation', limit: 1000 }).events.map((e) => e.sender)).size]).filter(([, n]) => n));

/** A view of the room whose relation reads are counted. */
function counted(view: Room) {
  const reads: string[] = [];
  const room = new Proxy(view, {
    get(t, prop) {
      if (prop === 'readRelations') {
        return (eventId: string, query?: RelationsQuery): Promise<RelationsPage> => {
          reads.push(eventId);
          return t.readRelations(eventId, query);
        };
      }
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return { room, reads };
}

/** A real task's turn (a fake clock holds setTimeout): lets a lazily loaded module arrive. */
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

async function until<T>(el: DevroomQaQueue, check: () => T, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 20_000; i++) {
    const value = check();
    if (value) return value as NonNullable<T>;
    await task();
    await el.updateComplete;
  }
  throw new Error(`timed out waiting for ${what}`);
}

async function seat(view: Room) {
  const el = mount<DevroomQaQueue>('devroom-qa-queue');
  const binding = bindQaQueue(el, view, { recheckMs: 0, hasCapability: () => true });
  afterTest(() => binding.stop());
  await binding.ready;
  await el.updateComplete;
  return { el, binding };
}

/** What a person sees on each question's 👍 button: "Question 0: 4, pressed". */
const buttons = (el: DevroomQaQueue) =>
  Object.fromEntries(
    [...el.shadowRoot!.querySelectorAll('[part~="question"]')].map((row) => {
      const b = row.querySelector('[part="vote-button"]')!;
      return [row.querySelector('.text')!.textContent!.trim(), `${b.textContent!.replace(/\D/g, '')}${b.getAttribute('aria-pressed') === 'true' ? ' pressed' : ''}`];
    }),
  );
const shown = (ids: string[], room: MemoryRoom) =>
  Object.fromEntries(ids.map((q, i) => [`Question ${i}`, String(trueCounts(room, [q])[q] ?? 0)]));
const settle = async (el: DevroomQaQueue) => {
  for (let i = 0; i < 20; i++) await task();
  await el.updateComplete;
};
const press = async (el: DevroomQaQueue, text: string) => {
  const row = [...el.shadowRoot!.querySelectorAll('[part~="question"]')].find((r) => r.querySelector('.text')!.textContent!.trim() === text)!;
  (row.querySelector('[part="vote-button"]') as HTMLButtonElement).click();
  await settle(el);
};

beforeEach(() => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('devroom:')) localStorage.removeItem(key);
});

describe('Q&A vote snapshot (issue #16.4)', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  it('a moderator’s widget writes it; a late joiner then reads the question page and no votes, and shows the same counts', async () => {
    const { room, root, ids } = qaRoom(30);
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const mod = await seat(room.as(MOD));
    await until(mod.el, () => (clock!.tick(5000), snapshotOf(room)), 'the moderator’s snapshot');
    const written = snapshotOf(room)!.content;
    expect(written.root).to.equal(root);
    expect(written.counts).to.deep.equal(trueCounts(room, ids));
    clock.restore();
    clock = undefined;

    const zed = counted(room.as(ZED));
    const { el } = await seat(zed.room);
    expect(zed.reads, 'the root’s one page; no vote reads').to.deep.equal([root]);
    expect(buttons(el)).to.deep.equal(shown(ids, room));
    expect(buttons(mod.el)).to.deep.equal(buttons(el));
  });

  it('votes after the snapshot add up for the late joiner; a newer snapshot folds them in without counting twice; a vote undone goes with the next one', async () => {
    const { room, root, ids } = qaRoom(3);
    const q0 = ids[0]!;
    writeSnapshot(room, root, trueCounts(room, ids));
    const { el } = await seat(room.as(ZED));
    expect(buttons(el)['Question 0']).to.equal('3');

    // Eve's vote arrives live: on top.
    const eves = vote(room, q0, EVE);
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('4');
    // The moderator's next snapshot counts it: still 4, not 5.
    writeSnapshot(room, root, trueCounts(room, ids));
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('4');
    // Alice undoes a vote the snapshot counted (this viewer never saw it: her redaction alone changes nothing here)…
    const alices = room.readRelations(q0, { relType: 'm.annotation', limit: 100 }).events.find((e) => e.sender === ALICE)!.event_id;
    room.redact(ALICE, alices);
    await settle(el);
    // …and the next snapshot has it.
    writeSnapshot(room, root, trueCounts(room, ids));
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('3');
    // Eve undoes hers, which this viewer saw: at once, and the snapshot after agrees.
    room.redact(EVE, eves);
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('2');
    writeSnapshot(room, root, trueCounts(room, ids));
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('2');
    // A vote the writer had already counted (at or before its `upto`) when it reaches this viewer is not counted again.
    writeSnapshot(room, root, { ...trueCounts(room, ids), [q0]: 3 }, Date.now() + 60_000);
    vote(room, q0, EVE);
    await settle(el);
    expect(buttons(el)['Question 0']).to.equal('3');
    expect(buttons(el)).to.deep.equal(shown(ids, room));
  });

  it('the viewer’s own votes: remembered in this browser across a reload; on a new device one read when they press 👍, never a wrong count', async () => {
    const { room, root, ids } = qaRoom(3);
    writeSnapshot(room, root, trueCounts(room, ids));
    const first = await seat(room.as(ZED));
    await press(first.el, 'Question 2');
    expect(buttons(first.el)['Question 2']).to.equal('2 pressed');
    first.binding.stop();
    first.el.remove();
    writeSnapshot(room, root, trueCounts(room, ids));

    // A reload: no vote reads, the button still pressed, and undoing it works.
    const again = counted(room.as(ZED));
    const { el } = await seat(again.room);
    expect(again.reads).to.deep.equal([root]);
    expect(buttons(el)['Question 2']).to.equal('2 pressed');
    await press(el, 'Question 2');
    expect(buttons(el)['Question 2']).to.equal('1');
    await press(el, 'Question 2');
    expect(buttons(el)['Question 2']).to.equal('2 pressed');
    el.remove();

    // Another device (nothing in this browser): Zed's vote is in the count, not on the button.
    for (const key of Object.keys(localStorage)) if (key.startsWith('devroom:')) localStorage.removeItem(key);
    writeSnapshot(room, root, trueCounts(room, ids));
    const other = counted(room.as(ZED));
    const device = await seat(other.room);
    expect(buttons(device.el)['Question 2']).to.equal('2');
    // Pressing 👍: one read of that question finds it is theirs, and nothing is sent (a second 👍 would be refused,
    // M_DUPLICATE_ANNOTATION, and through Element hold back their later sends).
    const sent = room.timeline.length;
    await press(device.el, 'Question 2');
    await until(device.el, () => buttons(device.el)['Question 2'] === '2 pressed', 'the vote found');
    expect(other.reads).to.deep.equal([root, ids[2]]);
    expect(room.timeline.length, 'nothing sent').to.equal(sent);
    await press(device.el, 'Question 2');
    await until(device.el, () => buttons(device.el)['Question 2'] === '1', 'the vote undone');
    expect(trueCounts(room, ids)[ids[2]!]).to.equal(1);
  });

  it('a snapshot it cannot trust is not used: from someone without the power, of another root, malformed, or older than 10 minutes', async () => {
    const cases: [string, (room: MemoryRoom, root: string, counts: Record<string, number>) => void][] = [
      // As a hostile server would pass it on: the room itself refuses it (below), as Synapse does.
      ['an attendee’s', (room, root, counts) => writeSnapshot(room, root, counts, Date.now(), ALICE)],
      ['another root’s', (room, _root, counts) => writeSnapshot(room, '$other', counts)],
      ['malformed', (room, root) => room.setState(EventTypes.qaVotes, 'qa', { root, upto: Date.now(), counts: { $x: -1 } }, MOD)],
      ['old', (room, root, counts) => writeSnapshot(room, root, counts)],
    ];
    const { room: checked, root: checkedRoot } = qaRoom(1);
    const refused = await checked.as(ALICE).sendState(EventTypes.qaVotes, 'qa', { root: checkedRoot, upto: 1, counts: {} }).catch((e: { code?: string }) => e.code);
    expect(refused, 'an attendee may not write it').to.equal('M_FORBIDDEN');
    for (const [name, write] of cases) {
      const { room, root, ids } = qaRoom(4);
      // Wrong counts: were they used, the buttons would say so.
      write(room, root, Object.fromEntries(ids.map((q) => [q, 9])));
      if (name === 'old') clock = sinon.useFakeTimers({ now: Date.now() + FRESH_MS + 1000, toFake: ['Date'] });
      const view = counted(room.as(ZED));
      const { el, binding } = await seat(view.room);
      expect(view.reads.length, name).to.equal(1 + ids.length);
      expect(buttons(el), name).to.deep.equal(shown(ids, room));
      binding.stop();
      el.remove();
      clock?.restore();
      clock = undefined;
    }
  });

  it('the writer: a snapshot within seconds of a change, at most one per 30 s, none while counts stay, again after 5 minutes; never from an attendee', async () => {
    const { room, ids } = qaRoom(3);
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const writes = () => room.timeline.filter((e) => e.type === EventTypes.qaVotes).length;
    const zed = await seat(room.as(ZED));
    const mod = await seat(room.as(MOD));
    const wait = async (ms: number) => {
      for (let t = 0; t < ms; t += 1000) {
        clock!.tick(1000);
        await settle(mod.el);
      }
    };
    await until(mod.el, () => (clock!.tick(1000), writes()), 'the first snapshot');
    await wait(6 * WRITE_MS);
    expect(writes(), 'unchanged: nothing written').to.equal(1);
    // After a quiet spell a change is written within seconds…
    vote(room, ids[0]!, EVE);
    await wait(5000);
    expect(writes(), 'a change after a quiet spell: written within 5 s').to.equal(2);
    expect(snapshotOf(room)!.content.counts).to.deep.equal(trueCounts(room, ids));
    // …and during busy voting at most once per 30 s.
    const since = Date.now();
    vote(room, ids[1]!, EVE);
    await wait(WRITE_MS - 6000);
    expect(writes(), 'not twice within 30 s').to.equal(2);
    await wait(10_000);
    expect(writes()).to.equal(3);
    expect(snapshotOf(room)!.origin_server_ts - since).to.be.at.least(WRITE_MS - 6000);
    expect(snapshotOf(room)!.content.counts).to.deep.equal(trueCounts(room, ids));
    await wait(HEARTBEAT_MS + 10_000);
    expect(writes(), 'written again after 5 minutes unchanged').to.equal(4);
    expect(room.timeline.filter((e) => e.type === EventTypes.qaVotes).every((e) => e.sender === MOD), 'only the moderator writes').to.equal(true);
    expect(zed.el.canModerate).to.equal(false);
  });

  it('a late joiner from a snapshot still loses a question deleted after it opened (its redaction never fed, as through Element) within a re-read, which reads the question page only', async () => {
    const { room, root, ids } = qaRoom(6);
    writeSnapshot(room, root, trueCounts(room, ids));
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const view = counted(room.as(ZED));
    // Element feeds no redaction of an event its client never loaded.
    const deaf = new Proxy(view.room, {
      get(t, prop) {
        if (prop === 'subscribe') return (listener: (e: RoomEvent) => void) => t.subscribe((e) => e.type !== 'm.room.redaction' && listener(e));
        const value = Reflect.get(t, prop, t) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
      },
    });
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    const binding = bindQaQueue(el, deaf, { recheckMs: 10_000, hasCapability: () => true });
    afterTest(() => binding.stop());
    await until(el, () => Object.keys(buttons(el)).length === 6, 'the list');
    expect(view.reads).to.deep.equal([root]);
    room.redact(MOD, ids[3]!);
    await until(el, () => (clock!.tick(1000), !('Question 3' in buttons(el))), 'the deleted question gone');
    expect(view.reads, 'the root’s page once more, no vote reads').to.deep.equal([root, root]);
  });

  it('a vote this browser remembers but the viewer took back on another device: pressed at first, the count right, and the re-read corrects the button', async () => {
    const { room, root, ids } = qaRoom(3);
    writeSnapshot(room, root, trueCounts(room, ids));
    const first = await seat(room.as(ZED));
    await press(first.el, 'Question 2');
    first.binding.stop();
    first.el.remove();
    // Taken back in Element on another device.
    const zeds = room.readRelations(ids[2]!, { relType: 'm.annotation', limit: 100 }).events.find((e) => e.sender === ZED)!.event_id;
    room.redact(ZED, zeds);
    writeSnapshot(room, root, trueCounts(room, ids));
    clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    const binding = bindQaQueue(el, room.as(ZED), { recheckMs: 10_000, hasCapability: () => true });
    afterTest(() => binding.stop());
    await until(el, () => Object.keys(buttons(el)).length === 3, 'the list');
    expect(buttons(el)['Question 2']).to.equal('1 pressed');
    await until(el, () => (clock!.tick(1000), buttons(el)['Question 2'] === '1'), 'the button corrected by a re-read');
    expect(buttons(el)).to.deep.equal(shown(ids, room));
  });

  it('a capped snapshot (partial): only the questions it leaves out have their votes read', async () => {
    const { room, root, ids } = qaRoom(5);
    const counts = trueCounts(room, ids);
    const listed = Object.fromEntries(Object.entries(counts).slice(0, 2));
    room.setState(EventTypes.qaVotes, 'qa', { root, upto: Date.now(), counts: listed, partial: true }, MOD);
    const view = counted(room.as(ZED));
    const { el } = await seat(view.room);
    expect(view.reads.sort()).to.deep.equal([root, ...ids.filter((q) => !(q in listed))].sort());
    expect(buttons(el)).to.deep.equal(shown(ids, room));
  });
});
