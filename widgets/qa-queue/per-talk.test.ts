import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { RelationsPage, RelationsQuery, Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { bindQaQueue, type QaBinding } from './binding.js';
import { clearRejections, rejections } from '../shared/rejection-tally.js';

/**
 * A room with a schedule has a Q&A per talk (docs/schema.md, "Q&A"): each talk's questions
 * relate to its own root (`dev.devroom.root` keyed `qa:<talk id>`), the widget shows the current
 * talk's queue, moves to the next one's at the end of the slot, and an earlier talk's questions
 * stay readable (read-only) from the talk picker.
 */

const MOD = '@mo:localhost';
const ALICE = '@alice:localhost';
const BOB = '@bob:localhost';
const MIN = 60_000;
const T0 = new Date(new Date().setHours(10, 0, 0, 0)).getTime();
const iso = (ms: number) => new Date(ms).toISOString();

/** Talks a, b, c: 10:01–10:10, 10:10–10:20, 10:20–10:30. */
const TALKS = ['a', 'b', 'c'].map((id, i) => ({ id, title: `Talk ${id.toUpperCase()}`, speakers: [], startsAt: iso(T0 + (i ? i * 10 : 1) * MIN), endsAt: iso(T0 + (i + 1) * 10 * MIN) }));

function scheduledRoom(talks = TALKS, { roots = true } = {}): { room: MemoryRoom; roots: Map<string, string> } {
  const room = new MemoryRoom({ creator: MOD, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ALICE);
  room.join(BOB);
  room.setState(EventTypes.schedule, '', { talks });
  const ids = new Map<string, string>();
  // As `devroom apply` leaves it: every talk's root notice and state.
  if (roots) {
    for (const t of talks) {
      const id = room.inject('m.room.message', { msgtype: 'm.notice', body: `💬 Q&A — ${t.title}` }, MOD).event_id;
      room.setState(EventTypes.root, `qa:${t.id}`, { event_id: id }, MOD);
      ids.set(t.id, id);
    }
  }
  return { room, roots: ids };
}

const question = (room: MemoryRoom, root: string, sender: string, body: string) =>
  room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, sender).event_id;
const vote = (room: MemoryRoom, target: string, sender: string) => room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key: '👍' } }, sender);
const target = (content: Record<string, unknown>) => (content['m.relates_to'] as { event_id?: string } | undefined)?.event_id;

const $ = (el: DevroomQaQueue, selector: string) => el.shadowRoot!.querySelector(selector);
const rowTexts = (el: DevroomQaQueue) => [...el.shadowRoot!.querySelectorAll('[part~="question"] .text')].map((p) => p.textContent!.trim());
const emptyText = (el: DevroomQaQueue) => $(el, '.empty')?.textContent?.trim();

/** Types and asks as a person does. */
async function ask(el: DevroomQaQueue, text: string): Promise<void> {
  const input = $(el, 'textarea#ask') as HTMLTextAreaElement;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  ($(el, '[part="ask-button"]') as HTMLButtonElement).click();
}

async function pick(el: DevroomQaQueue, talkId: string): Promise<void> {
  const select = $(el, '[part="talk-picker"] select') as HTMLSelectElement;
  select.value = talkId;
  select.dispatchEvent(new Event('change'));
  await settle(el);
}

/** Lets the binding's reads (microtasks) and the element's updates run. */
async function settle(el: DevroomQaQueue): Promise<void> {
  for (let i = 0; i < 5; i++) {
    await new Promise<void>((r) => queueMicrotask(r));
    await el.updateComplete;
  }
}

/** A real task's turn (the fake clock holds setTimeout): lets a lazily loaded module arrive. */
const task = () =>
  new Promise<void>((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve();
    channel.port2.postMessage(0);
  });

/**
 * Polls `check`, a real task at a time (the clock is fake; a part's `import()` is not): enough
 * tasks for a lazy chunk to arrive on a loaded machine (2,000 were not, once, on CI).
 */
async function until<T>(el: DevroomQaQueue, check: () => T, what: string): Promise<NonNullable<T>> {
  for (let i = 0; i < 20_000; i++) {
    const value = check();
    if (value) return value as NonNullable<T>;
    await task();
    await el.updateComplete;
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** A view of the room whose relation reads are counted, and can be held. */
function counted(view: Room) {
  const reads: string[] = [];
  let held: Promise<void> | undefined;
  let release = () => {};
  const room = new Proxy(view, {
    get(t, prop) {
      if (prop === 'readRelations') {
        return async (eventId: string, query?: RelationsQuery): Promise<RelationsPage> => {
          reads.push(eventId);
          await held;
          return t.readRelations(eventId, query);
        };
      }
      const value = Reflect.get(t, prop, t) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(t) : value;
    },
  });
  return {
    room,
    reads,
    hold() {
      held = new Promise((r) => (release = r));
    },
    release() {
      held = undefined;
      release();
    },
  };
}

describe('Q&A binding: a queue per talk', function () {
  this.timeout(10000);
  let clock: sinon.SinonFakeTimers | undefined;
  afterEach(() => {
    clock?.restore();
    clock = undefined;
  });

  async function seat(view: Room, at: number): Promise<{ el: DevroomQaQueue; binding: QaBinding }> {
    clock ??= sinon.useFakeTimers({ now: T0 + at, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    el.lang = 'en';
    const binding = bindQaQueue(el, view, { recheckMs: 0 });
    afterTest(() => binding.stop());
    await binding.ready;
    await settle(el);
    return { el, binding };
  }

  const to = async (el: DevroomQaQueue, at: number) => {
    await clock!.tickAsync(T0 + at - Date.now());
    await settle(el);
  };

  it('questions of talk A are A’s; at the switch B’s queue shows (loading, then empty); A stays readable, read-only', async () => {
    const { room, roots } = scheduledRoom();
    const alice = counted(room.as(ALICE));
    const { el } = await seat(alice.room, 2 * MIN);

    await ask(el, 'Will the slides be online?');
    // Sent by a part that loads with the first question (unsent-questions.ts).
    const asked = await until(el, () => room.timeline.find((e) => e.content.body === 'Will the slides be online?'), 'the question sent');
    expect(target(asked.content), 'related to talk A’s root').to.equal(roots.get('a'));
    // Bob, in Element without the widget, votes with 👍; a plain chat message is no question.
    vote(room, asked.event_id, BOB);
    room.inject('m.room.message', { msgtype: 'm.text', body: 'hello room' }, BOB);
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['Will the slides be online?']);
    expect($(el, '[part="vote-button"]')!.textContent).to.contain('1');
    expect($(el, '[part="talk-picker"]'), 'one talk so far: no picker').to.equal(null);

    // Talk B's questions are read at the switch, not before: until they are in, "Loading".
    alice.hold();
    await to(el, 10 * MIN + 1);
    expect(rowTexts(el)).to.deep.equal([]);
    expect(emptyText(el)).to.equal('Loading questions…');
    alice.release();
    await settle(el);
    expect(emptyText(el)).to.equal('No questions yet. Be the first to ask!');
    expect($(el, 'textarea#ask'), 'B takes questions').to.not.equal(null);

    // Talk A from the picker: its question and vote, read-only, kept after its end.
    const options = [...el.shadowRoot!.querySelectorAll('[part="talk-picker"] option')].map((o) => o.textContent!.trim());
    expect(options).to.have.length(2);
    expect(options[0]).to.match(/· Talk A$/);
    expect(options[1]).to.match(/· Talk B$/);
    await pick(el, 'a');
    expect(rowTexts(el)).to.deep.equal(['Will the slides be online?']);
    expect($(el, 'textarea#ask'), 'no asking in an ended talk').to.equal(null);
    expect($(el, '[part="vote-button"]'), 'no voting in an ended talk').to.equal(null);
    expect($(el, '[part="vote-count"]')!.textContent).to.contain('1');
    expect($(el, '[part="talk-picker"]')!.textContent).to.contain('This talk has ended');

    // Back to B: asking again, and the question goes to B.
    await pick(el, 'b');
    expect(rowTexts(el)).to.deep.equal([]);
    await ask(el, 'What about B?');
    expect(target((await until(el, () => room.timeline.find((e) => e.content.body === 'What about B?'), 'B’s question sent')).content)).to.equal(roots.get('b'));
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['What about B?']);
  });

  it('a question asked as the talk switches lands on the talk the person saw', async () => {
    const { room, roots } = scheduledRoom();
    const { el } = await seat(room.as(ALICE), 9 * MIN);
    // The homeserver stalls: the send is still on its way when talk B begins.
    const resume = room.pause();
    await ask(el, 'Last one for A');
    await to(el, 10 * MIN + 1);
    resume();
    await settle(el);
    await to(el, 10 * MIN + 2);
    const sent = room.timeline.find((e) => e.content.body === 'Last one for A')!;
    expect(target(sent.content)).to.equal(roots.get('a'));
    expect(rowTexts(el), 'B’s queue').to.deep.equal([]);
    await pick(el, 'a');
    expect(rowTexts(el)).to.deep.equal(['Last one for A']);
  });

  it('a late joiner reads only the current talk’s questions and votes: the same reads with 1 or 5 earlier talks', async () => {
    const readsWith = async (earlier: number) => {
      const talks = Array.from({ length: earlier + 1 }, (_, i) => ({ id: `t${i}`, title: `Talk ${i}`, speakers: [], startsAt: iso(T0 + i * 10 * MIN), endsAt: iso(T0 + (i + 1) * 10 * MIN) }));
      const { room, roots } = scheduledRoom(talks);
      // Every talk had questions, each with votes.
      for (const [id, root] of roots) {
        for (let q = 0; q < 3; q++) {
          const asked = question(room, root, ALICE, `${id} question ${q}`);
          vote(room, asked, BOB);
        }
      }
      const view = counted(room.as(BOB));
      const { el, binding } = await seat(view.room, earlier * 10 * MIN + MIN);
      const current = roots.get(`t${earlier}`)!;
      const currentQuestions = new Set(room.timeline.filter((e) => target(e.content) === current).map((e) => e.event_id));
      expect(rowTexts(el).sort()).to.deep.equal([0, 1, 2].map((q) => `t${earlier} question ${q}`));
      expect(
        view.reads.every((id) => id === current || currentQuestions.has(id)),
        'reads only the current talk’s root and its questions',
      ).to.equal(true);
      clock!.restore();
      clock = undefined;
      return { reads: view.reads.length, requests: binding.startupRequests };
    };
    const one = await readsWith(1);
    const five = await readsWith(5);
    expect(one.reads).to.equal(4); // the root, then the votes of its 3 questions
    expect(five).to.deep.equal(one);
  });

  it('a long schedule, one event per day ("" left empty): the current talk’s queue all the same', async () => {
    const { room, roots } = scheduledRoom();
    // As apply writes a list over 32 KiB: key "" empty, the talks under their day.
    room.setState(EventTypes.schedule, '', { talks: [] });
    room.setState(EventTypes.schedule, '2021-02-06', { talks: TALKS });
    question(room, roots.get('b')!, ALICE, 'For B');
    question(room, roots.get('a')!, ALICE, 'For A');
    const { el } = await seat(room.as(BOB), 12 * MIN);
    expect(rowTexts(el)).to.deep.equal(['For B']);
  });

  it('a schedule that is no list is rejected with its reason, once; a talk that is no talk is left out and said once; the rest works', async () => {
    clearRejections();
    const warn = sinon.stub(console, 'warn');
    afterTest(() => warn.restore());
    const { room, roots } = scheduledRoom([...TALKS, { id: 'x', title: 'No time', speakers: [] } as unknown as (typeof TALKS)[number]]);
    const bad = room.setState(EventTypes.schedule, '2021-02-07', { talks: 'soon' });
    question(room, roots.get('a')!, ALICE, 'For A');
    const { el } = await seat(room.as(BOB), 2 * MIN);
    expect(rowTexts(el)).to.deep.equal(['For A']);
    const reason = await until(el, () => rejections.last.find((r) => r.eventId === bad.event_id)?.reason, 'the rejection');
    expect(reason).to.equal('talks: expected a list');
    // A talk change reads the schedule again: nothing is said twice.
    await to(el, 12 * MIN);
    expect(rowTexts(el)).to.deep.equal([]);
    const leftOut = warn.getCalls().filter((c) => /schedule \S+: talk left out: talks\[3\]/.test(String(c.args[0])));
    expect(leftOut).to.have.length(1);
    expect(rejections.last.filter((r) => r.eventId === bad.event_id)).to.have.length(1);
  });

  it('a moderator’s widget opens the current talk’s Q&A when apply has not, and the next one’s at the switch', async () => {
    const { room } = scheduledRoom(TALKS, { roots: false });
    const { el } = await seat(room.as(MOD), 2 * MIN);
    expect(el.canModerate).to.equal(true);
    const rootState = (key: string) => room.getState(EventTypes.root, key)[0]?.content.event_id as string | undefined;
    const a = await until(el, () => rootState('qa:a'), 'talk A’s root');
    expect(room.getEvent(a!)!.content.body).to.match(/^💬 Q&A — Talk A:/);
    expect(rootState('qa:b')).to.equal(undefined);
    expect(rootState('qa'), 'no room-level root in a room with a schedule').to.equal(undefined);
    await to(el, 10 * MIN + 1);
    const b = await until(el, () => rootState('qa:b'), 'talk B’s root');
    expect(room.getEvent(b)!.content.body).to.match(/^💬 Q&A — Talk B:/);
  });

  it('an attendee asking in a talk with no root yet is told the Q&A is not open', async () => {
    const { room } = scheduledRoom(TALKS, { roots: false });
    const { el } = await seat(room.as(ALICE), 2 * MIN);
    await ask(el, 'Anyone?');
    await until(el, () => /The Q&A is not open yet/.test($(el, '[part="mine"]')?.textContent ?? ''), '"not open"');
  });
});
