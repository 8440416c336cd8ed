import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/food-truck-menu/define.js';
import '../../components/qa-queue/define.js';
import '../../components/stand-booth/define.js';
import '../../components/talk-player/define.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { SECTIONS } from '../../components/qa-queue/tally.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { EventTypes } from '../schema/namespace.js';
import { LOCAL_ID_KEY } from '../qa-queue/question-schema.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { afterTest, mount } from '../../test/support/cleanup.js';
import { waitFor } from '../../test/support/wait-for.js';
import { bindFoodTruckMenu } from '../food-truck-menu/binding.js';
import { bindQaQueue } from '../qa-queue/binding.js';
import { clearRejections, rejections } from './rejection-tally.js';
import { bindStandBooth } from '../stand-booth/binding.js';
import { bindTalkPlayer } from '../talk-player/binding.js';

/**
 * What the fuzzer (test/fuzz/) found, one focused test each: hostile events a binding folded
 * in, dropped without a recorded reason, or let replace good data.
 */

const ADMIN = '@admin:example.org';
const HOST = '@host:example.org';
const MOD = '@mod:example.org';
const ANN = '@ann:example.org'; // stand staff in sampleStand()
const BOB = '@bob:example.org';
const ALICE = '@alice:example.org';
const EVE = '@eve:example.org';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** The reason `id` was rejected for (the tally records a moment later). */
const rejected = (id: string) => waitFor(() => rejections.last.find((r) => r.eventId === id)?.reason, `a rejection of ${id}`, 2000);

function devroomRoom(privileged: string[]): MemoryRoom {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users: Object.fromEntries(privileged.map((u) => [u, 50])), events: { ...DEVROOM_EVENT_LEVELS } } });
  for (const u of [...privileged, ALICE, BOB, EVE]) room.join(u);
  return room;
}

beforeEach(() => {
  clearRejections();
  sinon.stub(console, 'warn');
});
afterEach(() => sinon.restore());

describe('talk player: hostile talk, stage and hand state', function () {
  this.timeout(10_000);

  it("an invalid talk state is rejected and never becomes the base of a host's change", async () => {
    const room = devroomRoom([HOST]);
    room.setState(EventTypes.talk, '', { title: 'Keynote', speakers: [] }, HOST);
    const el = mount<DevroomTalkPlayer>('devroom-talk-player');
    const binding = bindTalkPlayer(el, room.as(HOST));
    afterTest(() => binding.stop());
    await binding.ready;
    const bad = room.setState(EventTypes.talk, '', { title: 42, speakers: [] }, HOST);
    expect(await rejected(bad.event_id)).to.equal('title: expected a string, got number');
    expect(el.talkTitle).to.equal('Keynote');
    // Before, the host's request copied the latest (invalid) content: its write was invalid too and changed nothing.
    el.dispatchEvent(new CustomEvent('devroom-phase-request', { detail: { phase: 'qa' } }));
    await waitFor(() => room.getState(EventTypes.talk, '')[0]?.content.phase === 'qa', 'the phase change');
    expect(room.getState(EventTypes.talk, '')[0]!.content.title).to.equal('Keynote');
    await waitUntil(() => el.phase === 'qa', 'the player follows');
  });

  it("a hand written by someone else cannot answer the viewer's stage invite; a stage invite of the wrong kind is rejected", async () => {
    const room = devroomRoom([HOST]);
    room.setState(EventTypes.talk, '', { speakers: [], phase: 'qa' }, HOST);
    room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: true, by: HOST, at: Date.now() - 1000 }, HOST);
    const el = mount<DevroomTalkPlayer>('devroom-talk-player');
    const binding = bindTalkPlayer(el, room.as(ALICE));
    afterTest(() => binding.stop());
    await binding.ready;
    await waitUntil(() => el.stageInvite, 'the invite');
    // A hostile server skips the `@` state key rule: Eve writes Alice's hand.
    const forged = room.setState(EventTypes.qaHand, ALICE, { raised: false, stage: 'accepted', at: Date.now() }, EVE);
    expect(await rejected(forged.event_id)).to.equal('state key is not its sender’s user id');
    await sleep(50);
    expect(el.callAllowed, 'not on stage by a forged answer').to.equal(false);
    expect(el.stageInvite).not.to.equal(null);
    const odd = room.setState(EventTypes.qaStage, stageKey(ALICE), { invited: 'yes', by: HOST }, HOST);
    expect(await rejected(odd.event_id)).to.equal('invited: expected a boolean');
    expect(el.stageInvite, 'the last good invite stays').not.to.equal(null);
  });
});

describe('stand booth: hostile contacts, presence and root', function () {
  this.timeout(10_000);

  async function booth(view = ANN) {
    const room = devroomRoom([ANN]);
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const notice = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Contacts' }, ANN).event_id;
    room.setState(EventTypes.root, 'contacts', { event_id: notice }, ANN);
    const el = mount<DevroomStandBooth>('devroom-stand-booth');
    const binding = bindStandBooth(el, room.as(view));
    afterTest(() => binding.stop());
    await binding.ready;
    const ask = (sender: string, content: Record<string, unknown>) =>
      room.inject(EventTypes.contactRequest, { localId: `c-${Math.random()}`, message: 'Call me', ...content, 'm.relates_to': { rel_type: 'm.reference', event_id: notice } }, sender).event_id;
    const shown = () => el.contactRequests.map((q) => q.id);
    return { room, el, notice, ask, shown };
  }

  it('a redaction counts from the sender or staff with the power, not from anyone else', async () => {
    const { room, ask, shown } = await booth();
    const [a, b, c] = [ask(ALICE, {}), ask(ALICE, {}), ask(ALICE, {})];
    await waitFor(() => shown().length === 3, 'three requests');
    const forged = room.inject('m.room.redaction', { redacts: a }, EVE);
    room.inject('m.room.redaction', { redacts: b }, ALICE);
    room.inject('m.room.redaction', { redacts: c }, ANN);
    await sleep(20);
    expect(shown()).to.deep.equal([a]);
    expect(await rejected(forged.event_id)).to.equal(`${EVE} may not redact ${ALICE}’s event`);
  });

  it('a request redacted before it arrived is rejected when it comes (unless the redaction was forged)', async () => {
    const { room, ask, shown } = await booth();
    const next = (n: number) => `$${room.roomId.slice(1).replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}-${room.timeline.length + n}`;
    room.inject('m.room.redaction', { redacts: next(2) }, ANN);
    const early = ask(ALICE, {});
    const forged = room.inject('m.room.redaction', { redacts: next(2) }, EVE);
    const kept = ask(ALICE, {});
    await sleep(20);
    expect(await rejected(early)).to.match(/^redacted \(\$\S+\) before it arrived$/);
    expect(await rejected(forged.event_id)).to.equal(`${EVE} may not redact ${ALICE}’s event`);
    expect(shown()).to.deep.equal([kept]);
  });

  it('an empty localId, a sender that is no user id, and a status for a redacted request are rejected with their reasons', async () => {
    const { room, notice, ask, shown } = await booth();
    const empty = ask(ALICE, { localId: '' });
    const nobody = ask('not-a-user', {});
    const ok = ask(ALICE, {});
    await waitFor(() => shown().length === 1, 'the valid request');
    room.inject('m.room.redaction', { redacts: ok }, ALICE);
    const late = room.inject(EventTypes.contactStatus, { request: ok, status: 'answered', 'm.relates_to': { rel_type: 'm.reference', event_id: notice } }, ANN).event_id;
    await sleep(20);
    expect(await rejected(empty)).to.equal('localId: is empty');
    expect(await rejected(nobody)).to.equal('sender: expected a user id');
    expect(await rejected(late)).to.equal(`its contact request ${ok} was redacted`);
  });

  it('presence of the wrong kind or for someone else is rejected; a root state without a valid event_id keeps the last good root', async () => {
    const { room, el, ask, shown } = await booth(ANN);
    const forged = room.setState(EventTypes.standPresence, '@bo:example.org', { present: true, since: Date.now() }, EVE);
    const odd = room.setState(EventTypes.standPresence, ANN, { present: true, since: '1700000000000' }, ANN);
    const badRoot = room.setState(EventTypes.root, 'contacts', { event_id: 42 }, ANN);
    expect(await rejected(forged.event_id)).to.equal('state key is not its sender’s user id');
    expect(await rejected(odd.event_id)).to.equal('since: expected epoch milliseconds');
    expect(await rejected(badRoot.event_id)).to.equal('event_id: expected an event id');
    expect([...el.presence]).to.deep.equal([]);
    // Contacts still hang off the good root.
    const later = ask(ALICE, {});
    await waitFor(() => shown().includes(later), 'a request after the bad root state');
  });
});

describe('Q&A: hostile questions, votes, redactions and state', function () {
  this.timeout(10_000);

  function qaRoom() {
    const room = devroomRoom([MOD]);
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
    const ask = (sender: string, body: string, extra: Record<string, unknown> = {}) =>
      room.inject('m.room.message', { msgtype: 'm.text', body, ...extra, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, sender).event_id;
    const vote = (sender: string, question: string, relates: Record<string, unknown> = {}) =>
      room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: question, key: '👍', ...relates } }, sender).event_id;
    return { room, root, ask, vote };
  }

  async function queue(room: MemoryRoom, viewer = MOD) {
    const el = mount<DevroomQaQueue>('devroom-qa-queue');
    const binding = bindQaQueue(el, room.as(viewer));
    afterTest(() => binding.stop());
    await binding.ready;
    const shown = () => new Map(SECTIONS.flatMap((name) => el.model.section(name).slice()).map((q) => [q.id, q]));
    return { el, shown };
  }

  it('a redaction of a question or a vote counts from its sender or a moderator, not from anyone else', async () => {
    const { room, ask, vote } = qaRoom();
    const { shown } = await queue(room);
    const [a, b, c] = [ask(ALICE, 'A?'), ask(ALICE, 'B?'), ask(ALICE, 'C?')];
    const [v1, v2] = [vote(BOB, a), vote(ALICE, a)];
    const forgedQuestion = room.inject('m.room.redaction', { redacts: a }, EVE).event_id;
    const forgedVote = room.inject('m.room.redaction', { redacts: v1 }, EVE).event_id;
    room.inject('m.room.redaction', { redacts: b }, ALICE);
    room.inject('m.room.redaction', { redacts: c }, MOD);
    room.inject('m.room.redaction', { redacts: v2 }, ALICE);
    // Redactions are judged by code that loads with the first one (question-redactions.ts).
    await waitFor(() => shown().size === 1, 'the redactions judged');
    expect([...shown().keys()]).to.deep.equal([a]);
    expect(shown().get(a)!.votes, "Bob's vote stays, Alice's is gone").to.equal(1);
    expect(await rejected(forgedQuestion)).to.equal(`${EVE} may not redact it`);
    expect(await rejected(forgedVote)).to.equal(`${EVE} may not redact it`);
  });

  it('of two questions with one local id the first counts, also for a late joiner (history is read oldest first)', async () => {
    const { room, ask, vote } = qaRoom();
    const first = ask(ALICE, 'Same?', { [LOCAL_ID_KEY]: 'q-1' });
    vote(BOB, first);
    const copy = ask(ALICE, 'Same?', { [LOCAL_ID_KEY]: 'q-1' });
    const { shown } = await queue(room);
    expect([...shown().keys()]).to.deep.equal([first]);
    expect(shown().get(first)!.votes).to.equal(1);
    expect(await rejected(copy)).to.equal(`a copy of ${first}: the first counts`);
  });

  it('a question redacted before it arrives is rejected; malformed questions and votes are rejected with reasons, other emoji are no votes', async () => {
    const { room, root, ask, vote } = qaRoom();
    const { shown } = await queue(room);
    const next = () => `$${room.roomId.slice(1).replace(/[^A-Za-z0-9]/g, '').slice(0, 12)}-${room.timeline.length + 2}`;
    room.inject('m.room.redaction', { redacts: next() }, MOD);
    const early = ask(ALICE, 'Gone before it came?');
    const notice = room.inject('m.room.message', { msgtype: 'm.notice', body: 'x', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, ALICE).event_id;
    const blank = ask(ALICE, ' \n ');
    const nobody = ask('nobody', 'Who?');
    const q = ask(ALICE, 'Fine?');
    const notAnnotation = vote(BOB, q, { rel_type: 'm.reference' });
    const noKey = vote(BOB, q, { key: 42 });
    const noUser = vote('nobody', q);
    const party = vote(BOB, q, { key: '🎉' });
    vote(BOB, q, { key: '👍🏽' });
    // Events after the first redaction wait, in order, for the code that judges it.
    await waitFor(() => shown().has(q), 'the events after the redaction folded');
    expect([...shown().keys()]).to.deep.equal([q]);
    expect(shown().get(q)!.votes).to.equal(1);
    expect(await rejected(early)).to.match(/^redacted \(\$\S+\) before it arrived$/);
    expect(await rejected(notice)).to.equal('msgtype m.notice is not m.text');
    expect(await rejected(blank)).to.equal('no text in body');
    expect(await rejected(nobody)).to.equal('bad sender');
    expect(await rejected(notAnnotation)).to.equal('not an m.annotation with a key');
    expect(await rejected(noKey)).to.equal('not an m.annotation with a key');
    expect(await rejected(noUser)).to.equal('bad sender');
    expect(rejections.last.some((r) => r.eventId === party), 'another emoji is not rejected').to.equal(false);
  });

  it('moderation of the wrong kind keeps the last good one; a root state without event_id does not switch pre-moderation; a forged hand is not queued', async () => {
    const { room, ask } = qaRoom();
    const q = ask(ALICE, 'Pin me?');
    room.setState(EventTypes.qaQuestionState, q, { pinned: true }, MOD);
    const { el, shown } = await queue(room);
    const odd = room.setState(EventTypes.qaQuestionState, q, { pinned: 'false' }, MOD);
    const badKey = room.setState(EventTypes.qaQuestionState, 'not-an-event', { pinned: true }, MOD);
    const badRoot = room.setState(EventTypes.root, 'qa', { event_id: 42, preModeration: true }, MOD);
    const forgedHand = room.setState(EventTypes.qaHand, ALICE, { raised: true, at: Date.now() }, EVE);
    room.setState(EventTypes.qaHand, BOB, { raised: true, text: 'Me!', at: Date.now() }, BOB);
    expect(await rejected(odd.event_id)).to.equal('pinned: expected a boolean');
    expect(await rejected(badKey.event_id)).to.equal('state key is not an event id');
    expect(await rejected(badRoot.event_id)).to.equal('event_id: expected an event id');
    expect(await rejected(forgedHand.event_id)).to.equal('state key is not its sender’s user id');
    expect(shown().get(q)!.moderation.pinned, 'still pinned').to.equal(true);
    expect(el.preModeration).to.equal(false);
    await waitFor(() => el.hands.length, 'the hands queue');
    expect(el.hands.map((h) => h.userId)).to.deep.equal([BOB]);
  });
});

describe('food truck: hostile menus, orders and statuses', function () {
  this.timeout(10_000);

  it('every menu state is judged, also one the next replaces at once; bad orders, copies and a bad root state are rejected with reasons', async () => {
    const VENDOR = MOD;
    const room = devroomRoom([VENDOR]);
    const menu = (name: string) => ({ ...sampleMenuJson(), vendor: { name } }) as unknown as Record<string, unknown>;
    room.setState(EventTypes.menu, '', menu('Waffle Wagon'), VENDOR);
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Orders' }, VENDOR).event_id;
    room.setState(EventTypes.root, 'orders', { event_id: root }, VENDOR);
    const el = mount<DevroomFoodTruckMenu>('devroom-food-truck-menu');
    const binding = bindFoodTruckMenu(el, room.as(VENDOR));
    afterTest(() => binding.stop());
    await binding.ready;
    // Before, only the menu on screen after the next render was checked: this one was never reported.
    const replaced = room.setState(EventTypes.menu, '', { ...menu('Bad'), currency: 'euros' }, VENDOR);
    room.setState(EventTypes.menu, '', menu('Waffle Wagon II'), VENDOR);
    expect(await rejected(replaced.event_id)).to.contain('currency: expected an ISO 4217 code');
    await waitFor(() => el.currentMenu?.vendor.name === 'Waffle Wagon II', 'the good menu');

    const order = (sender: string, localId: string, extra: Record<string, unknown> = {}) =>
      room.inject(EventTypes.order, { localId, lines: [{ itemId: 'classic', name: 'Classic', quantity: 1, unitPrice: 450, choices: [] }], total: 450, currency: 'EUR', ...extra, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, sender).event_id;
    const badRoot = room.setState(EventTypes.root, 'orders', { event_id: 'nope' }, VENDOR);
    const first = order(ALICE, 'o-1');
    const copy = order(ALICE, 'o-1');
    const nobody = order('nobody', 'o-2');
    const badTotal = order(BOB, 'o-3', { total: -1 });
    await waitFor(() => el.orders.length === 1, 'the one good order, under the last good root');
    expect(el.orders[0]!.id).to.equal(first);
    expect(await rejected(badRoot.event_id)).to.equal('event_id: expected an event id');
    expect(await rejected(copy)).to.equal(`a copy of ${first}: the first counts`);
    expect(await rejected(nobody)).to.equal('sender: expected a user id');
    expect(await rejected(badTotal)).to.equal('total: expected a non-negative integer (minor units)');
  });
});
