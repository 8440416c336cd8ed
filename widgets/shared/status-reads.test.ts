import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import '../../components/food-truck-menu/define.js';
import '../../components/stand-booth/define.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { readAllRelations } from '../room/relations.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { waitFor } from '../../test/support/wait-for.js';
import { createRoot } from './create-root.js';
import { bindFoodTruckMenu } from '../food-truck-menu/binding.js';
import { bindStandBooth } from '../stand-booth/binding.js';
import { afterTest, mount } from '../../test/support/cleanup.js';

/**
 * Order and contact statuses relate to the root their item hangs off and name the item
 * (docs/schema.md), so a widget's start-up reads pages of data, one paginated read per
 * root, not one read per order or request. These tests count /relations pages for a busy
 * truck and a busy stand, and check which statuses count.
 */

const ADMIN = '@admin:example.org';
const VENDOR = '@vendor:example.org';
const ANN = '@ann:example.org'; // stand staff in sampleStand()
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterEach(() => sinon.restore());

/** A view of the room that counts /relations pages (each is one request to the client). */
function counted(view: Room): { room: Room; pages: () => number } {
  let pages = 0;
  const room = new Proxy(view, {
    get(target, prop) {
      if (prop === 'readRelations') return (...args: Parameters<Room['readRelations']>) => (pages++, target.readRelations(...args));
      const value = Reflect.get(target, prop, target) as unknown;
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
  return { room, pages: () => pages };
}

/** `pageCap`: a server that returns at most this many relations per page, whatever limit is asked. */
function roomWith(privileged: string[], pageCap?: number): MemoryRoom {
  const users = Object.fromEntries(privileged.map((u) => [u, 50]));
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { users, events: { ...DEVROOM_EVENT_LEVELS } }, ...(pageCap ? { relationsPageLimit: pageCap } : {}) });
  for (const u of [...privileged, ALICE, BOB]) room.join(u);
  return room;
}

const ref = (eventId: string) => ({ rel_type: 'm.reference', event_id: eventId });

// ---- food truck ------------------------------------------------------------------------

function truckRoom(pageCap?: number): MemoryRoom {
  const room = roomWith([VENDOR], pageCap);
  const menu = sampleMenuJson();
  const now = Date.now();
  menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
  menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
  room.setState(EventTypes.menu, '', menu as unknown as Record<string, unknown>, VENDOR);
  return room;
}

const order = (room: MemoryRoom, sender: string, root: string, localId: string) =>
  room.inject(
    EventTypes.order,
    { localId, lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }], total: 300, currency: 'EUR', 'm.relates_to': ref(root) },
    sender,
  ).event_id;

const orderStatus = (room: MemoryRoom, root: string, orderId: string, status: string, extra: Record<string, unknown> = {}, sender = VENDOR) =>
  room.inject(EventTypes.orderStatus, { order: orderId, status, ...extra, 'm.relates_to': ref(root) }, sender).event_id;

function truck(view: Room): { el: DevroomFoodTruckMenu; pages: () => number } {
  const c = counted(view);
  const el = mount<DevroomFoodTruckMenu>('devroom-food-truck-menu');
  const binding = bindFoodTruckMenu(el, c.room);
  afterTest(() => binding.stop());
  return { el, pages: c.pages };
}

/** Status names per order id, as the element got them. */
const phases = (el: DevroomFoodTruckMenu) => el.statusEvents.map((s) => `${s.orderId} ${s.status}`).sort();

// ---- stand -------------------------------------------------------------------------------

function standRoom(pageCap?: number): MemoryRoom {
  const room = roomWith([ANN], pageCap);
  room.setState(EventTypes.stand, '', sampleStand(), ANN);
  return room;
}

const request = (room: MemoryRoom, sender: string, root: string, localId: string, message: string) =>
  room.inject(EventTypes.contactRequest, { localId, message, 'm.relates_to': ref(root) }, sender).event_id;

const contactStatus = (room: MemoryRoom, root: string, requestId: string, status: string, sender = ANN) =>
  room.inject(EventTypes.contactStatus, { request: requestId, status, 'm.relates_to': ref(root) }, sender).event_id;

function booth(view: Room): { el: DevroomStandBooth; pages: () => number } {
  const c = counted(view);
  const el = mount<DevroomStandBooth>('devroom-stand-booth');
  const binding = bindStandBooth(el, c.room);
  afterTest(() => binding.stop());
  return { el, pages: c.pages };
}

const answered = (el: DevroomStandBooth) => el.contactRequests.filter((r) => r.status === 'answered').map((r) => r.message).sort();

describe('statuses relate to the root: start-up reads pages of data, not one read per item', function () {
  this.timeout(30_000);

  // Before (statuses related to each order/request, one read per item), measured on the same
  // rooms: vendor 61 pages (server honours limit=100) / 72 (server caps pages at 5); customer
  // with 2 orders 3 / 14; staff with 30 requests 31 / 36; visitor with 2 requests 3 / 8.
  const cases = [
    { cap: undefined, vendor: 3, customer: 3, staff: 1, visitor: 1 },
    { cap: 5, vendor: 48, customer: 48, staff: 9, visitor: 9 },
  ];
  for (const { cap, vendor, customer, staff, visitor } of cases) {
    const server = cap ? `a server that caps pages at ${cap}` : 'a server that honours limit=100';
    it(`food truck, 60 orders with 3 statuses each, ${server}: vendor ${vendor} pages, customer ${customer}`, async () => {
      const room = truckRoom(cap);
      const root = (await createRoot(room.as(VENDOR), 'orders', 'Orders')).eventId;
      for (let i = 0; i < 60; i++) {
        const id = order(room, i < 2 ? ALICE : BOB, root, `o${i}`);
        orderStatus(room, root, id, 'received', { pickupNumber: i + 1 });
        orderStatus(room, root, id, 'preparing');
        orderStatus(room, root, id, 'ready');
      }
      const v = truck(room.as(VENDOR));
      await waitFor(() => v.el.orders.length === 60 && v.el.statusEvents.length === 180, 'every order and status at the vendor', 15_000);
      await sleep(100);
      expect(v.pages()).to.equal(vendor);
      // Pages, not items: 240 relations in pages of min(100, cap).
      expect(v.pages()).to.equal(Math.ceil(240 / Math.min(100, cap ?? 100)));

      // A customer reads the same pages (her statuses hang off the root too) and keeps only hers.
      const a = truck(room.as(ALICE));
      await waitFor(() => a.el.orders.length === 2 && a.el.statusEvents.length === 6, "Alice's orders and statuses", 15_000);
      await sleep(100);
      expect(a.pages()).to.equal(customer);
      expect(new Set(a.el.statusEvents.map((s) => s.orderId))).to.deep.equal(new Set(a.el.orders.map((o) => o.id)));

      // Measured: two reads filtered by event type would cost at least as many pages.
      let filtered = 0;
      const onPage = () => filtered++;
      for (const eventType of [EventTypes.order, EventTypes.orderStatus]) await readAllRelations(room.as(VENDOR), root, { relType: 'm.reference', eventType, direction: 'f' }, { onPage });
      expect(filtered).to.be.at.least(vendor);
    });

    it(`stand, 30 contact requests (15 answered), ${server}: staff ${staff} pages, visitor ${visitor}`, async () => {
      const room = standRoom(cap);
      const root = (await createRoot(room.as(ANN), 'contacts', 'Contacts')).eventId;
      for (let i = 0; i < 30; i++) {
        const id = request(room, i < 2 ? ALICE : BOB, root, `c${i}`, `message ${i}`);
        if (i % 2 === 0) contactStatus(room, root, id, 'answered');
      }
      const s = booth(room.as(ANN));
      await waitFor(() => s.el.contactRequests.length === 30 && answered(s.el).length === 15, 'every request and status at the staff member', 15_000);
      await sleep(100);
      expect(s.pages()).to.equal(staff);
      const a = booth(room.as(ALICE));
      await waitFor(() => a.el.ownRequests.length === 2 && a.el.ownRequests.some((r) => r.status === 'answered'), "Alice's requests", 15_000);
      await sleep(100);
      expect(a.pages()).to.equal(visitor);
      expect(a.el.ownRequests.map((r) => `${r.message} ${r.status}`).sort()).to.deep.equal(['message 0 answered', 'message 1 sent']);
    });
  }
});

describe('which statuses count', function () {
  this.timeout(20_000);

  it('food truck: a status for an unknown order, against another root, or from someone without the power is ignored with a logged reason', async () => {
    const room = truckRoom();
    const root = (await createRoot(room.as(VENDOR), 'orders', 'Orders')).eventId;
    const other = room.inject('m.room.message', { msgtype: 'm.notice', body: 'not a root' }, VENDOR).event_id;
    const mine = order(room, ALICE, root, 'a1');
    orderStatus(room, root, mine, 'received', { pickupNumber: 5 });
    const unknown = orderStatus(room, root, '$no-such-order', 'ready');
    const elsewhere = orderStatus(room, other, mine, 'ready', { pickupNumber: 66 });
    const forged = orderStatus(room, root, mine, 'ready', { pickupNumber: 13 }, BOB);
    const warn = sinon.spy(console, 'warn');

    const a = truck(room.as(ALICE));
    await waitFor(() => a.el.statusEvents.length, "Alice's status");
    await sleep(100);
    expect(phases(a.el)).to.deep.equal([`${mine} received`]);
    expect(a.el.statusEvents[0]!.pickupNumber).to.equal(5);
    const logged = warn.args.map((args) => args.map(String).join(' '));
    expect(logged.find((l) => l.includes(unknown))).to.contain('not an order under a root we read');
    expect(logged.find((l) => l.includes(forged))).to.contain('lacks the power level');
    // A status relating to another event is not in the root's relations: never read, never counted.
    expect(logged.some((l) => l.includes(elsewhere))).to.equal(false);

    // Live: the same rules.
    const liveForged = orderStatus(room, root, mine, 'preparing', {}, BOB);
    const liveUnknown = orderStatus(room, root, '$also-unknown', 'preparing');
    const liveElsewhere = orderStatus(room, other, mine, 'preparing');
    orderStatus(room, root, mine, 'preparing');
    await waitFor(() => a.el.statusEvents.length === 2, 'the vendor status, live');
    const live = warn.args.map((args) => args.map(String).join(' '));
    expect(live.find((l) => l.includes(liveForged))).to.contain('lacks the power level');
    expect(live.find((l) => l.includes(liveUnknown))).to.contain('not an order under a root we read');
    expect(live.find((l) => l.includes(liveElsewhere))).to.contain('not an orders root we read');
    expect(phases(a.el)).to.deep.equal([`${mine} preparing`, `${mine} received`]);
  });

  it('stand: a status for an unknown request or from someone without the power is ignored with a logged reason; the latest trusted one wins', async () => {
    const room = standRoom();
    const root = (await createRoot(room.as(ANN), 'contacts', 'Contacts')).eventId;
    const mine = request(room, ALICE, root, 'c1', 'Call me');
    const unknown = contactStatus(room, root, '$no-such-request', 'answered');
    const forged = contactStatus(room, root, mine, 'answered', BOB);
    const warn = sinon.spy(console, 'warn');
    const a = booth(room.as(ALICE));
    await waitFor(() => a.el.ownRequests.length, "Alice's request");
    await sleep(100);
    expect(a.el.ownRequests[0]!.status).to.equal('sent');
    const logged = warn.args.map((args) => args.map(String).join(' '));
    expect(logged.find((l) => l.includes(unknown))).to.contain('not a contact request under a root we read');
    expect(logged.find((l) => l.includes(forged))).to.contain('lacks the power level');

    // Staff answer, reopen, answer again, live: the latest trusted status wins.
    contactStatus(room, root, mine, 'answered');
    await waitFor(() => a.el.ownRequests[0]!.status === 'answered', 'answered');
    contactStatus(room, root, mine, 'open');
    await waitFor(() => a.el.ownRequests[0]!.status === 'sent', 'reopened');
    contactStatus(room, root, mine, 'open', BOB);
    contactStatus(room, root, mine, 'answered');
    await waitFor(() => a.el.ownRequests[0]!.status === 'answered', 'answered again');
    // And after a reload, from the root's relations.
    const again = booth(room.as(ALICE));
    await waitFor(() => again.el.ownRequests[0]?.status === 'answered', 'answered after reload');
    expect(again.pages()).to.equal(1);
  });

  it('a status for an order / request under a previous root is found, and the vendor / staff send theirs against that root', async () => {
    const room = roomWith([VENDOR, ANN]);
    const menu = sampleMenuJson();
    const now = Date.now();
    menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
    menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
    room.setState(EventTypes.menu, '', menu as unknown as Record<string, unknown>, VENDOR);
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const notice = (sender: string) => room.inject('m.room.message', { msgtype: 'm.notice', body: 'root' }, sender).event_id;
    const [ordersA, ordersB, contactsA, contactsB] = [notice(VENDOR), notice(VENDOR), notice(ANN), notice(ANN)];
    const old = order(room, ALICE, ordersA!, 'o-old');
    orderStatus(room, ordersA!, old, 'received', { pickupNumber: 9 });
    const oldRequest = request(room, ALICE, contactsA!, 'c-old', 'Old question');
    contactStatus(room, contactsA!, oldRequest, 'answered');
    // Two vendors (staff) opened at once: B is current, A is listed as previous.
    room.setState(EventTypes.root, 'orders', { event_id: ordersB, previous: [ordersA] }, VENDOR);
    room.setState(EventTypes.root, 'contacts', { event_id: contactsB, previous: [contactsA] }, ANN);

    const a = truck(room.as(ALICE));
    const b = booth(room.as(ALICE));
    await waitFor(() => a.el.statusEvents.length === 1 && b.el.ownRequests[0]?.status === 'answered', 'the statuses under the previous roots');
    expect(a.el.statusEvents[0]).to.include({ orderId: old, status: 'received', pickupNumber: 9 });
    // One read per root.
    expect(a.pages()).to.equal(2);
    expect(b.pages()).to.equal(2);

    // The vendor moves the old order on: the status goes against the order's own root.
    const v = truck(room.as(VENDOR));
    await waitFor(() => v.el.orders.length === 1 && v.el.statusEvents.length === 1, "the vendor's queue");
    v.el.dispatchEvent(new CustomEvent('devroom-order-status', { detail: { orderId: old, status: 'preparing' }, bubbles: true, composed: true }));
    const sent = await waitFor(() => room.timeline.find((e) => e.type === EventTypes.orderStatus && e.content.status === 'preparing'), 'the status event');
    expect(sent.content).to.deep.include({ order: old, 'm.relates_to': ref(ordersA!) });
    await waitFor(() => phases(a.el).includes(`${old} preparing`), 'Alice sees it live');

    const s = booth(room.as(ANN));
    await waitFor(() => s.el.contactRequests.length === 1, "the staff member's list");
    s.el.dispatchEvent(new CustomEvent('devroom-contact-status', { detail: { requestId: oldRequest, status: 'open' }, bubbles: true, composed: true }));
    const reopened = await waitFor(() => room.timeline.find((e) => e.type === EventTypes.contactStatus && e.content.status === 'open'), 'the status event');
    expect(reopened.content).to.deep.include({ request: oldRequest, 'm.relates_to': ref(contactsA!) });
    await waitFor(() => b.el.ownRequests[0]?.status === 'sent', 'Alice sees it reopened');
  });

  it('a status given to either copy of a re-sent order / request applies to the copy that counts', async () => {
    const room = roomWith([VENDOR, ANN]);
    room.setState(EventTypes.stand, '', sampleStand(), ANN);
    const menu = sampleMenuJson();
    const now = Date.now();
    menu.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
    menu.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
    room.setState(EventTypes.menu, '', menu as unknown as Record<string, unknown>, VENDOR);
    const notice = (sender: string) => room.inject('m.room.message', { msgtype: 'm.notice', body: 'root' }, sender).event_id;
    const [ordersA, ordersB, contactsA, contactsB] = [notice(VENDOR), notice(VENDOR), notice(ANN), notice(ANN)];
    // Alice's order and request, then their re-sent copies against the new roots (create-root.ts).
    order(room, ALICE, ordersA!, 'o-1');
    const copy = order(room, ALICE, ordersB!, 'o-1');
    request(room, ALICE, contactsA!, 'c-1', 'Call me');
    const requestCopy = request(room, ALICE, contactsB!, 'c-1', 'Call me');
    room.setState(EventTypes.root, 'orders', { event_id: ordersB, previous: [ordersA] }, VENDOR);
    room.setState(EventTypes.root, 'contacts', { event_id: contactsB, previous: [contactsA] }, ANN);
    // A vendor / staff widget that counted the copy gave it the status.
    orderStatus(room, ordersB!, copy, 'received', { pickupNumber: 3 });
    contactStatus(room, contactsB!, requestCopy, 'answered');

    for (const viewer of [ALICE, VENDOR]) {
      const t = truck(room.as(viewer));
      await waitFor(() => t.el.orders.length === 1 && t.el.statusEvents.length === 1, `${viewer}: one order with its status`);
      // Whichever copy this widget counts, the status is on it.
      expect(t.el.statusEvents[0]!.orderId).to.equal(t.el.orders[0]!.id);
    }
    const a = booth(room.as(ALICE));
    await waitFor(() => a.el.ownRequests.length === 1 && a.el.ownRequests[0]!.status === 'answered', 'one answered request');
    const s = booth(room.as(ANN));
    await waitFor(() => s.el.contactRequests.length === 1 && s.el.contactRequests[0]!.status === 'answered', 'one answered request for staff');
  });
});
