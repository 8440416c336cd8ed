import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/qa-queue/define.js';
import '../../components/food-truck-menu/define.js';
import '../../components/stand-booth/define.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { SECTIONS } from '../../components/qa-queue/tally.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { LOCAL_ID_KEY } from '../qa-queue/question-schema.js';
import { MAX_PREVIOUS, rootIds } from '../schema/root.js';
import { waitFor } from '../../test/support/wait-for.js';
import { createRoot, rootRepair } from './create-root.js';
import { bindFoodTruckMenu } from '../food-truck-menu/binding.js';
import { bindQaQueue } from '../qa-queue/binding.js';
import type { QaBinding } from '../qa-queue/binding.js';
import { bindStandBooth } from '../stand-booth/binding.js';
import { afterTest, mount } from '../../test/support/cleanup.js';

/**
 * Element loads a widget for everyone in the room at the same moment: two privileged
 * viewers with no root yet both create one, and the second state write replaces the first.
 * These tests hold both root writes until both writers have got that far (each saw no root,
 * also on the re-read right before writing), then check that nothing sent against either
 * root is lost and that the state converges (docs/schema.md, "Roots").
 */

const ADMIN = '@admin:example.org';
const MOD1 = '@mo:example.org';
const MOD2 = '@max:example.org';
const ANN = '@ann:example.org'; // stand staff in sampleStand()
const BO = '@bo:example.org'; // stand staff in sampleStand()
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function devroomRoom(privileged: string[]): MemoryRoom {
  const users = Object.fromEntries(privileged.map((u) => [u, 50]));
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users, events: { ...DEVROOM_EVENT_LEVELS } } });
  for (const u of [...privileged, ALICE, BOB]) room.join(u);
  return room;
}

/**
 * Holds the first `parties` writes of a root state until all of them are waiting: the
 * writers have all read "no root" by then. Later writes (repairs) pass straight through.
 */
function raceGate(parties: number): (view: Room) => Room {
  let arrived = 0;
  let release!: () => void;
  const all = new Promise<void>((r) => (release = r));
  return (view) =>
    new Proxy(view, {
      get(target, prop) {
        if (prop === 'sendState') {
          return async (type: string, key: string, content: Record<string, unknown>) => {
            if (type === EventTypes.root && arrived < parties) {
              if (++arrived === parties) release();
              await all;
            }
            return target.sendState(type, key, content);
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
}

const rootWrites = (room: MemoryRoom, purpose: string) => room.timeline.filter((e) => e.type === EventTypes.root && e.state_key === purpose);
const stateIds = (room: MemoryRoom, purpose: string) => rootIds(room.getState(EventTypes.root, purpose)[0]?.content);
const target = (e: RoomEvent) => (e.content['m.relates_to'] as { event_id?: string } | undefined)?.event_id;

/** Waits until the root writes stop, then checks they stayed few (no ping-pong). */
async function settled(room: MemoryRoom, purpose: string, maxWrites: number): Promise<void> {
  let count = -1;
  while (count !== rootWrites(room, purpose).length) {
    count = rootWrites(room, purpose).length;
    await sleep(250);
  }
  expect(count, 'root state writes').to.be.at.most(maxWrites);
}

afterEach(() => sinon.restore());

// ---- Q&A ------------------------------------------------------------------------------

interface QaSeat {
  el: DevroomQaQueue;
  binding: QaBinding;
}

function qaSeat(room: Room): QaSeat {
  const el = mount<DevroomQaQueue>('devroom-qa-queue');
  const binding = bindQaQueue(el, room);
  afterTest(() => binding.stop());
  return { el, binding };
}

/** What the component does on Ask: the request, which the binding records as pending and sends. */
function ask(el: DevroomQaQueue, text: string, localId: string): void {
  el.dispatchEvent(new CustomEvent('devroom-ask', { detail: { text, localId }, bubbles: true, composed: true, cancelable: true }));
}

/** Every question the viewer's queue holds, in any section, sorted. */
const questionTexts = (el: DevroomQaQueue) =>
  SECTIONS.flatMap((s) => el.model.section(s).slice())
    .map((q) => q.text)
    .sort();

const questionsIn = (room: MemoryRoom) => room.timeline.filter((e) => e.type === 'm.room.message' && e.content.msgtype === 'm.text');

describe('roots: two privileged viewers creating one at once lose nothing', function () {
  this.timeout(20_000);

  it('Q&A: two moderators open it at the same moment (two roots); questions against either reach every queue and a late joiner', async () => {
    const room = devroomRoom([MOD1, MOD2]);
    const gate = raceGate(2);
    const m1 = qaSeat(gate(room.as(MOD1)));
    const m2 = qaSeat(gate(room.as(MOD2)));
    await Promise.all([m1.binding.ready, m2.binding.ready]);

    ask(m1.el, 'From the first moderator', 'l-1');
    ask(m2.el, 'From the second moderator', 'l-2');
    const asked = await waitFor(() => questionsIn(room).length === 2 && questionsIn(room), 'both questions sent');
    // The race happened as both widgets opened the Q&A: each wrote its own root, the second
    // state write replacing the first; the questions went to whichever root each had.
    const [rootA, rootB] = rootWrites(room, 'qa').slice(0, 2).map((e) => e.content.event_id as string);
    expect(rootA).to.not.equal(rootB);
    for (const q of asked) expect([rootA, rootB]).to.include(target(q));

    const both = ['From the first moderator', 'From the second moderator'];
    await waitFor(() => stateIds(room, 'qa').length === 2, 'the state lists both roots');
    expect(stateIds(room, 'qa')).to.have.members([rootA!, rootB!]);
    for (const seat of [m1, m2]) await waitFor(() => String(questionTexts(seat.el)) === String(both), 'both questions in each queue');
    await settled(room, 'qa', 4);

    const late = qaSeat(room.as(ALICE));
    await late.binding.ready;
    expect(questionTexts(late.el)).to.deep.equal(both);
    // Every queue counts each question once.
    for (const seat of [m1, m2, late]) expect(questionTexts(seat.el)).to.have.length(2);
  });

  it('Q&A: the replaced root is put back even when no widget ever receives its state event (a client delivering only the latest state)', async () => {
    const room = devroomRoom([MOD1, MOD2]);
    const gate = raceGate(2);
    const firstRootWrite = () => rootWrites(room, 'qa')[0]?.event_id;
    /** Like a client whose sync coalesced two quick state changes: the first root state never arrives. */
    const coalescing = (view: Room): Room =>
      new Proxy(view, {
        get(target, prop) {
          if (prop === 'subscribe') {
            return (listener: (e: RoomEvent) => void) => target.subscribe((e) => (e.event_id === firstRootWrite() ? undefined : listener(e)));
          }
          const value = Reflect.get(target, prop, target) as unknown;
          return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
        },
      });
    const m1 = qaSeat(gate(coalescing(room.as(MOD1))));
    const m2 = qaSeat(gate(coalescing(room.as(MOD2))));
    await Promise.all([m1.binding.ready, m2.binding.ready]);
    ask(m1.el, 'One', 'l-one');
    ask(m2.el, 'Two', 'l-two');
    await waitFor(() => stateIds(room, 'qa').length === 2, 'the replaced root back in the state');
    for (const seat of [m1, m2]) await waitFor(() => String(questionTexts(seat.el)) === 'One,Two', 'both questions in each queue');
    await settled(room, 'qa', 4);
    const late = qaSeat(room.as(ALICE));
    await late.binding.ready;
    expect(questionTexts(late.el)).to.deep.equal(['One', 'Two']);
  });

  it('Q&A: an attendee whose question hangs off a root that vanished re-sends it once (same local id), counted once everywhere', async () => {
    sinon.stub(rootRepair, 'graceMs').value(50);
    const room = devroomRoom([MOD1, MOD2]);
    const rootA = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD1).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: rootA }, MOD1);
    const alice = qaSeat(room.as(ALICE));
    await alice.binding.ready;
    ask(alice.el, 'Will my question survive?', 'l-alice');
    await waitFor(() => questionsIn(room).some((e) => target(e) === rootA), 'the question on root A');

    // A moderator's client without devroom (or a widget that closed at once) replaces the root.
    const rootB = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD2).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: rootB }, MOD2);

    // Alice cannot fix the state: her widget keeps the question and re-sends it against B.
    const copy = await waitFor(() => questionsIn(room).find((e) => target(e) === rootB), 'the re-sent question');
    expect(copy.sender).to.equal(ALICE);
    expect(copy.content.body).to.equal('Will my question survive?');
    expect(copy.content[LOCAL_ID_KEY]).to.equal('l-alice');
    expect(questionTexts(alice.el)).to.deep.equal(['Will my question survive?']);
    await sleep(300);
    expect(questionsIn(room), 'sent once').to.have.length(2);
    expect(rootWrites(room, 'qa'), 'no state write by an attendee').to.have.length(2);

    // Viewers of root B only, and a moderator who later reads both roots, count it once.
    const late = qaSeat(room.as(BOB));
    await late.binding.ready;
    expect(questionTexts(late.el)).to.deep.equal(['Will my question survive?']);
    room.setState(EventTypes.root, 'qa', { event_id: rootB, previous: [rootA] }, MOD2);
    const mod = qaSeat(room.as(MOD1));
    await mod.binding.ready;
    await sleep(100);
    expect(questionTexts(mod.el)).to.deep.equal(['Will my question survive?']);
    expect(questionTexts(late.el)).to.deep.equal(['Will my question survive?']);
  });

  it('Q&A: the attendee does not re-send when a moderator widget puts the root back within the grace period', async () => {
    sinon.stub(rootRepair, 'graceMs').value(400);
    const room = devroomRoom([MOD1, MOD2]);
    const rootA = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD1).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: rootA }, MOD1);
    const mod = qaSeat(room.as(MOD1));
    const alice = qaSeat(room.as(ALICE));
    await Promise.all([mod.binding.ready, alice.binding.ready]);
    ask(alice.el, 'Kept by the moderator', 'l-kept');
    await waitFor(() => questionsIn(room).length === 1, 'asked');

    const rootB = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD2).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: rootB }, MOD2);
    // The moderator's widget (it read root A) lists A again; the current root stays B.
    await waitFor(() => stateIds(room, 'qa').length === 2, 'root A back in the state');
    expect(stateIds(room, 'qa')).to.deep.equal([rootB, rootA]);
    await sleep(600);
    expect(questionsIn(room), 'no copy').to.have.length(1);
    const late = qaSeat(room.as(BOB));
    await late.binding.ready;
    expect(questionTexts(late.el)).to.deep.equal(['Kept by the moderator']);
  });

  it('Q&A: a hostile previous (wrong types, unknown ids, a huge list) is ignored with a logged reason; the valid roots still count', async () => {
    const warn = sinon.stub(console, 'warn');
    const error = sinon.stub(console, 'error');
    const room = devroomRoom([MOD1]);
    const notice = () => room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD1).event_id;
    const ask$ = (root: string, body: string) =>
      room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, ALICE);
    const current = notice();
    const earlier = notice();
    ask$(current, 'On the current root');
    ask$(earlier, 'On the earlier root');
    room.setState(EventTypes.root, 'qa', { event_id: current, previous: [earlier, 42, { id: earlier }, 'not an id', earlier, '$unknown:example.org'] }, MOD1);

    let pages = 0;
    const read = room.readRelations.bind(room);
    room.readRelations = (...args) => {
      pages++;
      return read(...args);
    };
    const seat = qaSeat(room.as(BOB));
    await seat.binding.ready;
    await waitFor(() => questionTexts(seat.el).length === 2, 'both valid roots read');
    expect(questionTexts(seat.el)).to.deep.equal(['On the current root', 'On the earlier root']);
    expect(warn.args.some((a) => String(a[0]).includes('previous roots ignored'))).to.equal(true);
    // The unknown id is read once, fails (M_NOT_FOUND), and is logged and dropped.
    await waitFor(() => error.args.some((a) => String(a[0]).includes('could not load the Q&A history')), 'the failed read logged');

    // Not a list / far too long: ignored entirely (no read for any of them).
    warn.resetHistory();
    pages = 0;
    room.setState(EventTypes.root, 'qa', { event_id: current, previous: earlier }, MOD1);
    room.setState(EventTypes.root, 'qa', { event_id: current, previous: Array.from({ length: 10_000 }, (_, i) => `$spam${i}:example.org`) }, MOD1);
    await sleep(100);
    // Each state once (and again when a repair re-reads it).
    expect(warn.args.filter((a) => String(a[0]).includes('previous roots ignored')).length).to.be.at.least(2);
    expect(pages, 'no relation reads for ignored roots').to.equal(0);
    expect(questionTexts(seat.el)).to.have.length(2);
    expect(rootIds({ event_id: current, previous: Array.from({ length: MAX_PREVIOUS }, (_, i) => `$r${i}:x`) })).to.have.length(MAX_PREVIOUS + 1);
  });

  // ---- food truck ------------------------------------------------------------------------

  it('food truck: two vendors open ordering at once; orders against either root reach every vendor view and a late one', async () => {
    const room = devroomRoom([MOD1, MOD2]);
    const menu = sampleMenuJson();
    const now = Date.now();
    menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
    menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
    room.setState(EventTypes.menu, '', menu as unknown as Record<string, unknown>, MOD1);
    const gate = raceGate(2);
    const truck = (view: Room) => {
      const el = mount<DevroomFoodTruckMenu>('devroom-food-truck-menu');
      const binding = bindFoodTruckMenu(el, view);
      afterTest(() => binding.stop());
      return { el, binding };
    };
    const v1 = truck(gate(room.as(MOD1)));
    const v2 = truck(gate(room.as(MOD2)));
    await waitFor(() => rootWrites(room, 'orders').length >= 2, 'both vendors wrote a root');
    const [rootA, rootB] = rootWrites(room, 'orders').map((e) => e.content.event_id as string);
    expect(rootA).to.not.equal(rootB);

    const order = (sender: string, root: string, localId: string) =>
      room.as(sender).sendEvent(EventTypes.order, {
        localId,
        lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }],
        total: 300,
        currency: 'EUR',
        'm.relates_to': { rel_type: 'm.reference', event_id: root },
      });
    // Customers whose widgets saw either root order against it.
    const a = await order(ALICE, rootA!, 'o-a');
    const b = await order(BOB, rootB!, 'o-b');
    for (const v of [v1, v2]) await waitFor(() => v.el.orders.length === 2, 'both orders at each vendor');
    await waitFor(() => stateIds(room, 'orders').length === 2, 'the state lists both roots');
    await settled(room, 'orders', 4);

    const late = truck(room.as(MOD1));
    await late.binding.ready;
    await waitFor(() => late.el.orders.length === 2, 'both orders for a vendor who opens later');
    expect(late.el.orders.map((o) => o.id)).to.have.members([a, b]);
  });

  // ---- stand booth -----------------------------------------------------------------------

  it('stand booth: two staff members open the stand at once; contact requests against either root reach all staff', async () => {
    const room = devroomRoom([ANN, BO]);
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const gate = raceGate(2);
    const booth = (view: Room) => {
      const el = mount<DevroomStandBooth>('devroom-stand-booth');
      const binding = bindStandBooth(el, view);
      afterTest(() => binding.stop());
      return { el, binding };
    };
    const ann = booth(gate(room.as(ANN)));
    const bo = booth(gate(room.as(BO)));
    await waitFor(() => rootWrites(room, 'contacts').length >= 2, 'both staff wrote a root');
    const [rootA, rootB] = rootWrites(room, 'contacts').map((e) => e.content.event_id as string);
    expect(rootA).to.not.equal(rootB);

    const contact = (sender: string, root: string, localId: string, message: string) =>
      room.as(sender).sendEvent(EventTypes.contactRequest, { localId, message, 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
    await contact(ALICE, rootA!, 'c-a', 'Do you ship to Ghent?');
    await contact(BOB, rootB!, 'c-b', 'Is there an ARM build?');
    const messages = (el: DevroomStandBooth) => el.contactRequests.map((r) => r.message).sort();
    for (const s of [ann, bo]) await waitFor(() => messages(s.el).length === 2, 'both requests at each staff member');
    await waitFor(() => stateIds(room, 'contacts').length === 2, 'the state lists both roots');
    await settled(room, 'contacts', 4);

    const late = booth(room.as(BO));
    await late.binding.ready;
    await waitFor(() => messages(late.el).length === 2, 'both requests for staff who open later');
    expect(messages(late.el)).to.deep.equal(['Do you ship to Ghent?', 'Is there an ARM build?']);
  });

  it('food truck and stand: a customer / visitor whose order or request lost its root re-sends it once; a vendor / staff member who opens later counts it once', async () => {
    sinon.stub(rootRepair, 'graceMs').value(50);
    const room = devroomRoom([MOD1, ANN]);
    const menu = sampleMenuJson();
    const now = Date.now();
    menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
    menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
    room.setState(EventTypes.menu, '', menu as unknown as Record<string, unknown>, MOD1);
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const notice = (sender: string) => room.inject('m.room.message', { msgtype: 'm.notice', body: 'root' }, sender).event_id;
    const ordersA = notice(MOD1);
    const contactsA = notice(ANN);
    room.setState(EventTypes.root, 'orders', { event_id: ordersA }, MOD1);
    room.setState(EventTypes.root, 'contacts', { event_id: contactsA }, ANN);

    const truckEl = mount<DevroomFoodTruckMenu>('devroom-food-truck-menu');
    const truck = bindFoodTruckMenu(truckEl, room.as(ALICE));
    const boothEl = mount<DevroomStandBooth>('devroom-stand-booth');
    const booth = bindStandBooth(boothEl, room.as(ALICE));
    afterTest(() => truck.stop(), () => booth.stop());
    await Promise.all([truck.ready, booth.ready]);
    const rel = (root: string) => ({ rel_type: 'm.reference', event_id: root });
    await room.as(ALICE).sendEvent(EventTypes.order, {
      localId: 'o-alice',
      lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }],
      total: 300,
      currency: 'EUR',
      'm.relates_to': rel(ordersA),
    });
    await room.as(ALICE).sendEvent(EventTypes.contactRequest, { localId: 'c-alice', message: 'Call me back', 'm.relates_to': rel(contactsA) });
    await waitFor(() => truckEl.orders.length === 1 && boothEl.ownRequests.length === 1, 'her order and request shown');

    // Privileged clients without devroom replace both roots.
    const ordersB = notice(MOD1);
    const contactsB = notice(ANN);
    room.setState(EventTypes.root, 'orders', { event_id: ordersB }, MOD1);
    room.setState(EventTypes.root, 'contacts', { event_id: contactsB }, ANN);

    const copies = (type: string, root: string) => room.timeline.filter((e) => e.type === type && target(e) === root);
    const order = await waitFor(() => copies(EventTypes.order, ordersB)[0], 'the order re-sent');
    const request = await waitFor(() => copies(EventTypes.contactRequest, contactsB)[0], 'the request re-sent');
    expect(order.content.localId).to.equal('o-alice');
    expect(request.content).to.include({ localId: 'c-alice', message: 'Call me back' });
    await sleep(300);
    expect(copies(EventTypes.order, ordersB)).to.have.length(1);
    expect(copies(EventTypes.contactRequest, contactsB)).to.have.length(1);
    expect(truckEl.orders).to.have.length(1);
    expect(boothEl.ownRequests).to.have.length(1);

    const vendorEl = mount<DevroomFoodTruckMenu>('devroom-food-truck-menu');
    const vendor = bindFoodTruckMenu(vendorEl, room.as(MOD1));
    const staffEl = mount<DevroomStandBooth>('devroom-stand-booth');
    const staff = bindStandBooth(staffEl, room.as(ANN));
    afterTest(() => vendor.stop(), () => staff.stop());
    await Promise.all([vendor.ready, staff.ready]);
    await waitFor(() => vendorEl.orders.length === 1 && staffEl.contactRequests.length === 1, 'counted once by the vendor and staff');
  });

  it('a creator that finds a root on its re-read (before or right after its notice) adopts it instead of writing', async () => {
    const room = devroomRoom([MOD1, MOD2]);
    const first = await createRoot(room.as(MOD1), 'qa', 'Q&A');
    expect(first.created).to.equal(true);
    const again = await createRoot(room.as(MOD2), 'qa', 'Q&A');
    expect(again).to.include({ created: false, eventId: first.eventId });

    // Another moderator writes while this one's notice is on its way: adopted, no second write.
    const other = devroomRoom([MOD1, MOD2]);
    const view = other.as(MOD2);
    let theirs = '';
    const racing = new Proxy(view, {
      get(target, prop) {
        if (prop === 'sendEvent') {
          return async (type: string, content: Record<string, unknown>) => {
            const id = await target.sendEvent(type, content);
            theirs = other.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD1).event_id;
            other.setState(EventTypes.root, 'orders', { event_id: theirs }, MOD1);
            return id;
          };
        }
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const adopted = await createRoot(racing, 'orders', 'Orders');
    expect(adopted).to.include({ created: false, eventId: theirs });
    expect(rootWrites(other, 'orders')).to.have.length(1);
  });
});
