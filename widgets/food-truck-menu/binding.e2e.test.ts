import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import { ATTENDEES } from '../../examples/host/demo-room.js';
import { seedFoodTruck } from '../../examples/host/demo/food-truck.js';
import { approveAll } from '../testing/driver.js';
import type { CapabilityApprover } from '../testing/driver.js';
import { WidgetHost } from '../testing/host.js';
import type { FoodTruckBinding } from './binding.js';
import { waitFor } from '../../test/support/wait-for.js';

/**
 * The food-truck widget end to end: the real page (from source) in an iframe, the real
 * ClientWidgetApi, an Element-like host per person, all on one MemoryRoom.
 */

const ADMIN = '@admin:example.org';
const VENDOR = '@vendor:example.org';
const ALICE = '@alice:example.org';
const BOB = '@bob:example.org';
const PAGE = new URL('/widgets/food-truck-menu.html', location.href).toString();

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The sample menu, open now (the sample's own hours are a fixed day). */
function menuNow(edit: (m: ReturnType<typeof sampleMenuJson>) => void = () => undefined): Record<string, unknown> & ReturnType<typeof sampleMenuJson> {
  const m = sampleMenuJson();
  const now = Date.now();
  m.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
  m.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
  edit(m);
  return m as Record<string, unknown> & ReturnType<typeof sampleMenuJson>;
}

function truckRoom(roomId?: string): MemoryRoom {
  const room = new MemoryRoom({ ...(roomId ? { roomId } : {}), creator: ADMIN, powerLevels: { users: { [VENDOR]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(VENDOR, { displayName: 'Vera Vendor' });
  room.join(ALICE, { displayName: 'Alice' });
  room.join(BOB, { displayName: 'Bob' });
  room.setState(EventTypes.menu, '', menuNow(), VENDOR);
  return room;
}


type TruckWindow = Window & typeof globalThis & { devroomFoodTruck?: FoodTruckBinding };

interface Person {
  host: WidgetHost;
  userId: string;
  widgetId: string;
  win(): TruckWindow;
  el(): DevroomFoodTruckMenu;
  binding(): FoodTruckBinding;
  /** Visible text of the component's shadow root (or of a part of it). */
  text(selector?: string): string;
  button(text: string, within?: string): HTMLButtonElement | undefined;
  notice(kind: 'error' | 'info'): string;
  remount(): Promise<void>;
}

const hosts: WidgetHost[] = [];
afterEach(() => {
  for (const host of hosts.splice(0)) {
    const container = host.element.parentElement;
    host.stop();
    container?.remove();
  }
});

let opened = 0;

async function open(room: MemoryRoom, userId: string, approve: CapabilityApprover = approveAll, lang = 'en'): Promise<Person> {
  const person = mount(room, userId, approve, lang);
  await booted(person);
  return person;
}

/** The widget in its host, before it has read anything. */
function mount(room: MemoryRoom, userId: string, approve: CapabilityApprover = approveAll, lang = 'en'): Person {
  const container = document.createElement('div');
  document.body.append(container);
  // One id per widget on this page: ClientWidgetApi tells widgets apart by id (one person may sit in two rooms).
  const widgetId = `menu-${userId.slice(1, userId.indexOf(':'))}-${++opened}`;
  const widget: IWidget = { id: widgetId, creatorUserId: ADMIN, type: 'dev.devroom.menu', name: 'Food truck', url: widgetUrlTemplate(PAGE), waitForIframeLoad: false };
  const host = new WidgetHost({ room, userId, container, approve, storage: null, widgets: [widget], lang }).start();
  hosts.push(host);
  const person: Person = {
    host,
    userId,
    widgetId,
    win: () => host.mounted(widgetId)!.iframe.contentWindow as TruckWindow,
    el: () => person.win().document.querySelector('devroom-food-truck-menu')!,
    binding: () => person.win().devroomFoodTruck!,
    text: (selector) => {
      const root = person.el().shadowRoot!;
      const scope = selector ? root.querySelector(selector) : root;
      return plain(scope?.textContent);
    },
    button: (text, within) => {
      const root = person.el().shadowRoot!;
      const scope = within ? root.querySelector(within) : root;
      return [...(scope?.querySelectorAll<HTMLButtonElement>('button') ?? [])].find((b) => plain(b.textContent).startsWith(text));
    },
    notice: (kind) => plain(person.win().document.querySelector(`.devroom-notice.${kind}`)?.textContent),
    remount: async () => {
      host.render();
      await booted(person);
    },
  };
  return person;
}

async function booted(person: Person): Promise<void> {
  await waitFor(() => person.win()?.devroomFoodTruck, 'the binding');
  await person.binding().ready;
  await waitFor(() => person.el().currentMenu, 'the menu');
  await person.el().updateComplete;
}

const orders = (room: MemoryRoom) => room.timeline.filter((e) => e.type === EventTypes.order);
const ordersRoot = (room: MemoryRoom) => room.getState(EventTypes.root, 'orders')[0]?.content.event_id as string | undefined;

async function addAndOrder(person: Person, itemName = 'Club-Mate'): Promise<void> {
  await waitFor(() => person.el().ordering && person.button('Add', `article[aria-labelledby="item-${itemName === 'Club-Mate' ? 'mate' : 'vegan'}"]`), 'the Add button');
  person.button('Add', `article[aria-labelledby="item-${itemName === 'Club-Mate' ? 'mate' : 'vegan'}"]`)!.click();
  await person.el().updateComplete;
  person.button('Place order')!.click();
}

describe('food-truck widget (Element-like host, real ClientWidgetApi)', function () {
  this.timeout(20_000);

  it('full order lifecycle: the vendor opens ordering, a customer orders, the vendor moves it to ready; it survives a reload', async () => {
    const room = truckRoom();
    const vendor = await open(room, VENDOR);
    // Opening the widget as the vendor creates the orders root: a visible notice, then the state.
    const rootId = await waitFor(() => ordersRoot(room), 'the orders root');
    expect(room.getEvent(rootId)!.content.msgtype).to.equal('m.notice');
    expect(vendor.el().canManage).to.equal(true);
    expect(vendor.el().ordering).to.equal(false);

    const alice = await open(room, ALICE);
    expect(alice.el().canManage).to.equal(false);
    expect(alice.el().ordering).to.equal(true);
    // Startup cost for a customer with no orders: 3 state reads (served from the client's push), 1 relations page.
    expect(alice.binding().requests).to.deep.equal({ readState: 3, relations: 1, send: 0 });

    await addAndOrder(alice);
    const order = await waitFor(() => orders(room)[0], 'the order event');
    expect(order.sender).to.equal(ALICE);
    expect(order.content['m.relates_to']).to.deep.equal({ rel_type: 'm.reference', event_id: rootId });
    expect(order.content).to.include({ total: 300, currency: 'EUR' });
    expect(order.content.localId).to.be.a('string');
    await waitFor(() => alice.text('.my-orders').includes('Sent, waiting for the vendor'), 'the order in "Your orders"');

    // The vendor's queue gets it live.
    await waitFor(() => vendor.button('Orders (1)'), 'the order in the vendor tab');
    vendor.button('Orders (1)')!.click();
    await vendor.el().updateComplete;
    expect(vendor.text('.queue')).to.contain('1 × Club-Mate');
    const card = `[data-order-id="${order.event_id}"]`;
    vendor.button('Accept', card)!.click();
    await waitFor(() => vendor.button('Start preparing', card), 'received');
    vendor.button('Start preparing', card)!.click();
    await waitFor(() => vendor.button('Mark ready', card), 'preparing');
    vendor.button('Mark ready', card)!.click();
    await waitFor(() => alice.text('[part="ready"]').includes('Ready for pickup — number 1'), 'the ready moment');
    const statuses = room.timeline.filter((e) => e.type === EventTypes.orderStatus);
    expect(statuses.map((e) => e.content.status)).to.deep.equal(['received', 'preparing', 'ready']);
    expect(statuses[0]!.content).to.include({ pickupNumber: 1 });
    // Each status relates to the root (one read finds orders and statuses) and names its order.
    expect(statuses.every((e) => (e.content['m.relates_to'] as { event_id: string }).event_id === rootId && e.content.order === order.event_id)).to.equal(true);

    // Reload: everything comes back from relations. Alice: 1 page with her order and its statuses
    // (2 before statuses related to the root: the orders page, then one read per own order).
    await alice.remount();
    await waitFor(() => alice.text('[part="ready"]').includes('number 1'), 'ready after reload');
    expect(alice.text('.my-orders')).to.contain('1 × Club-Mate');
    expect(alice.binding().requests).to.deep.equal({ readState: 3, relations: 1, send: 0 });
    await vendor.remount();
    vendor.button('Orders (0)')?.click();
    await vendor.el().updateComplete;
    expect(ordersRoot(room)).to.equal(rootId);
    // The vendor reads every order and status in one page, whatever the number of orders; no new root.
    expect(vendor.binding().requests).to.deep.equal({ readState: 3, relations: 1, send: 0 });
    expect(vendor.el().orders.map((o) => o.id)).to.deep.equal([order.event_id]);
  });

  it('customers see only their own orders and fetch only their statuses', async () => {
    const room = truckRoom();
    const vendor = await open(room, VENDOR);
    const rootId = await waitFor(() => ordersRoot(room), 'root');
    const relates = { rel_type: 'm.reference', event_id: rootId };
    const line = { itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] };
    const bobs = await room.as(BOB).sendEvent(EventTypes.order, { localId: 'b1', lines: [line], total: 300, currency: 'EUR', 'm.relates_to': relates });
    await room.as(BOB).sendEvent(EventTypes.order, { localId: 'b2', lines: [line], total: 300, currency: 'EUR', 'm.relates_to': relates });
    const alices = await room.as(ALICE).sendEvent(EventTypes.order, { localId: 'a1', lines: [line], total: 300, currency: 'EUR', 'm.relates_to': relates });
    await room.as(VENDOR).sendEvent(EventTypes.orderStatus, { order: bobs, status: 'received', pickupNumber: 7, 'm.relates_to': relates });
    vendor.host.stop();

    const alice = await open(room, ALICE);
    await waitFor(() => alice.el().orders.length, 'orders');
    expect(alice.el().orders.map((o) => o.id)).to.deep.equal([alices]);
    // One page each: the root's orders and statuses (before: 2 for Alice, 4 for the vendor, one read per order).
    expect(alice.binding().requests).to.deep.equal({ readState: 3, relations: 1, send: 0 });
    expect(alice.el().statusEvents).to.deep.equal([]);
    const vendorAgain = await open(room, VENDOR);
    await waitFor(() => vendorAgain.el().orders.length === 3, 'all orders');
    expect(vendorAgain.binding().requests).to.deep.equal({ readState: 3, relations: 1, send: 0 });
    expect(vendorAgain.el().statusEvents.map((s) => s.pickupNumber)).to.deep.equal([7]);
  });

  it('a non-vendor gets no status controls, and a forged status from a non-vendor is ignored', async () => {
    const room = truckRoom();
    await open(room, VENDOR);
    await waitFor(() => ordersRoot(room), 'root');
    const alice = await open(room, ALICE);
    await addAndOrder(alice);
    const order = await waitFor(() => orders(room)[0], 'order');
    await waitFor(() => alice.el().orders.length, 'own order');

    const bob = await open(room, BOB);
    expect(bob.el().canManage).to.equal(false);
    expect(bob.text()).to.not.contain('Order queue');
    expect(bob.button('Accept')).to.equal(undefined);
    expect(bob.el().shadowRoot!.querySelector('select')).to.equal(null);

    // Bob forges a status on Alice's order (the event type's level would stop him on a real
    // server for this type; a reader still checks, e.g. for a room with looser levels).
    const rootId = ordersRoot(room)!;
    room.inject(EventTypes.orderStatus, { order: order.event_id, status: 'ready', pickupNumber: 13, 'm.relates_to': { rel_type: 'm.reference', event_id: rootId } }, BOB);
    await new Promise((r) => setTimeout(r, 300));
    expect(alice.el().statusEvents).to.deep.equal([]);
    expect(alice.text('.my-orders')).to.contain('Sent, waiting for the vendor');
    expect(alice.text()).to.not.contain('number 13');
    // Also after a reload (read from relations).
    await alice.remount();
    await waitFor(() => alice.el().orders.length, 'own order after reload');
    expect(alice.el().statusEvents).to.deep.equal([]);
  });

  it('a double click places exactly one order', async () => {
    const room = truckRoom();
    await open(room, VENDOR);
    await waitFor(() => ordersRoot(room), 'root');
    const alice = await open(room, ALICE);
    await waitFor(() => alice.el().ordering && alice.button('Add', 'article[aria-labelledby="item-mate"]'), 'Add');
    alice.button('Add', 'article[aria-labelledby="item-mate"]')!.click();
    await alice.el().updateComplete;
    const place = alice.button('Place order')!;
    place.click();
    place.click();
    place.dispatchEvent(new MouseEvent('dblclick', { bubbles: true, composed: true }));
    await waitFor(() => alice.el().orders.length, 'the order');
    await new Promise((r) => setTimeout(r, 300));
    expect(orders(room)).to.have.length(1);
    expect(alice.binding().requests.send).to.equal(1);
  });

  it('a failed send shows "not sent"; retry sends exactly one order', async () => {
    const room = truckRoom();
    await open(room, VENDOR);
    await waitFor(() => ordersRoot(room), 'root');
    const alice = await open(room, ALICE);
    room.failNext('M_LIMIT_EXCEEDED', { op: 'send', type: EventTypes.order });
    await addAndOrder(alice);
    await waitFor(() => alice.text('.my-orders').includes('Not sent.'), '"not sent"');
    expect(alice.notice('error')).to.contain('too many requests');
    expect(orders(room)).to.have.length(0);
    alice.button('Retry', '.my-orders')!.click();
    await waitFor(() => alice.el().orders.length, 'the order after retry');
    await waitFor(() => !alice.text('.my-orders').includes('Not sent.'), 'pending cleared');
    expect(orders(room)).to.have.length(1);
    expect(alice.notice('error')).to.equal('');
  });

  it('a retry after a lost reply finds the order that arrived and does not send it again', async () => {
    const room = truckRoom();
    await open(room, VENDOR);
    await waitFor(() => ordersRoot(room), 'root');
    const alice = await open(room, ALICE);
    // The order reaches the room, but the reply is lost (the client reports a timeout)…
    const driver = alice.host.mounted(alice.widgetId)!.driver;
    const original = driver.sendEvent.bind(driver);
    let lose = true;
    // …and the live echo is lost as well (e.g. the widget was in the background).
    const feed = alice.host.mounted(alice.widgetId)!.api;
    const originalFeed = feed.feedEvent.bind(feed);
    feed.feedEvent = async (raw) => {
      if (lose && raw.type === EventTypes.order) return;
      return originalFeed(raw);
    };
    driver.sendEvent = async (...args: Parameters<typeof driver.sendEvent>) => {
      const result = await original(...args);
      if (lose && args[0] === EventTypes.order) throw new Error('Request timed out');
      return result;
    };
    await addAndOrder(alice);
    await waitFor(() => alice.text('.my-orders').includes('Not sent.'), '"not sent"');
    expect(orders(room)).to.have.length(1);
    lose = false;
    alice.button('Retry', '.my-orders')!.click();
    await waitFor(() => alice.el().orders.length, 'the order found by the retry');
    expect(orders(room)).to.have.length(1);
    expect(alice.el().orders[0]!.id).to.equal(orders(room)[0]!.event_id);
  });

  describe('after a reload', () => {
    // Every person's widget shares this test page's storage, as people share a browser.
    const forgetStored = () => {
      for (const area of [localStorage, sessionStorage]) for (const key of Object.keys(area)) if (key.startsWith('devroom:')) area.removeItem(key);
    };
    beforeEach(forgetStored);
    afterEach(forgetStored);

    /** Order sends never come back: `arrive` ones reach the room (reply and echo lost), others never leave. */
    function loseOrders(person: Person, arrive: () => boolean): void {
      const { driver, api } = person.host.mounted(person.widgetId)!;
      const send = driver.sendEvent.bind(driver);
      driver.sendEvent = async (...args: Parameters<typeof driver.sendEvent>) => {
        if (args[0] !== EventTypes.order) return send(...args);
        if (arrive()) await send(...args);
        return new Promise(() => undefined);
      };
      const feed = api.feedEvent.bind(api);
      api.feedEvent = async (raw) => {
        if (raw.type === EventTypes.order) return;
        return feed(raw);
      };
    }
    const pending = (person: Person) => person.el().pendingOrders.map((p) => `${p.detail.lines[0]!.name}: ${p.state}`);

    it('an unsent order is offered again as not sent (Retry sends it once); one that arrived is the room\'s, not offered', async () => {
      const room = truckRoom();
      await open(room, VENDOR);
      await waitFor(() => ordersRoot(room), 'root');
      const alice = await open(room, ALICE);
      let arrive = true;
      loseOrders(alice, () => arrive);
      await addAndOrder(alice);
      await waitFor(() => orders(room).length === 1, 'the first order reached the room');
      await alice.remount();
      // It arrived: the room's order shows, nothing is offered again.
      await waitFor(() => alice.el().orders.length === 1, 'the order from history');
      await new Promise((r) => setTimeout(r, 200));
      expect(pending(alice)).to.deep.equal([]);

      arrive = false;
      loseOrders(alice, () => arrive);
      await addAndOrder(alice, 'Vegan waffle');
      await waitFor(() => pending(alice).length === 1, 'sending');
      await alice.remount();
      await waitFor(() => alice.text('.my-orders').includes('Not sent.'), '"Not sent" after the reload');
      expect(pending(alice)).to.deep.equal(['Vegan waffle: failed']);
      expect(alice.button('Discard', '.my-orders')).to.not.equal(undefined);

      alice.button('Retry', '.my-orders')!.click();
      await waitFor(() => orders(room).length === 2, 'sent');
      await waitFor(() => pending(alice).length === 0, 'no longer pending');
      await new Promise((r) => setTimeout(r, 200));
      expect(orders(room)).to.have.length(2);
      await alice.remount();
      await waitFor(() => alice.el().orders.length === 2, 'both orders');
      await new Promise((r) => setTimeout(r, 200));
      expect(pending(alice)).to.deep.equal([]);
    });

    it('the cart comes back, only to its customer, only in its room', async () => {
      const room = truckRoom();
      await open(room, VENDOR);
      await waitFor(() => ordersRoot(room), 'root');
      const alice = await open(room, ALICE);
      const cart = (person: Person) => person.text('.cart');
      await waitFor(() => alice.el().ordering && alice.button('Add', 'article[aria-labelledby="item-mate"]'), 'the Add button');
      alice.button('Add', 'article[aria-labelledby="item-mate"]')!.click();
      await alice.el().updateComplete;
      expect(cart(alice)).to.contain('1 × Club-Mate');

      await alice.remount();
      await waitFor(() => cart(alice).includes('1 × Club-Mate'), 'the cart after the reload');
      const bob = await open(room, BOB);
      const other = truckRoom('!other:example.org');
      await open(other, VENDOR);
      await waitFor(() => ordersRoot(other), 'the other root');
      const elsewhere = await open(other, ALICE);
      await waitFor(() => cart(bob).includes('Nothing in your order yet.') && cart(elsewhere).includes('Nothing in your order yet.'), 'empty carts elsewhere');
      expect(orders(room)).to.have.length(0);
    });

    it('only to its customer, only in its room; Discard forgets it', async () => {
      const room = truckRoom();
      await open(room, VENDOR);
      await waitFor(() => ordersRoot(room), 'root');
      const alice = await open(room, ALICE);
      room.failNext('M_LIMIT_EXCEEDED', { op: 'send', type: EventTypes.order });
      await addAndOrder(alice);
      await waitFor(() => alice.text('.my-orders').includes('Not sent.'), '"Not sent"');

      // Bob on the same browser (the same storage), and Alice at another room's truck: nothing of hers.
      const bob = await open(room, BOB);
      const other = truckRoom('!other:example.org');
      await open(other, VENDOR);
      await waitFor(() => ordersRoot(other), 'the other root');
      const elsewhere = await open(other, ALICE);
      await alice.remount();
      await waitFor(() => pending(alice).length === 1, 'offered again to Alice');
      await new Promise((r) => setTimeout(r, 200));
      expect(pending(bob)).to.deep.equal([]);
      expect(bob.text()).to.not.contain('Not sent');
      expect(pending(elsewhere)).to.deep.equal([]);

      alice.button('Discard', '.my-orders')!.click();
      await waitFor(() => pending(alice).length === 0, 'discarded');
      expect(orders(room)).to.have.length(0);
      await alice.remount();
      await new Promise((r) => setTimeout(r, 200));
      expect(pending(alice)).to.deep.equal([]);
      expect(orders(room)).to.have.length(0);
    });
  });

  it('two orders from one sender with one localId count once (a retry that arrived twice)', async () => {
    const room = truckRoom();
    const vendor = await open(room, VENDOR);
    const rootId = await waitFor(() => ordersRoot(room), 'root');
    const content = {
      localId: 'same',
      lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }],
      total: 300,
      currency: 'EUR',
      'm.relates_to': { rel_type: 'm.reference', event_id: rootId },
    };
    const first = await room.as(ALICE).sendEvent(EventTypes.order, content);
    await room.as(ALICE).sendEvent(EventTypes.order, content);
    await room.as(BOB).sendEvent(EventTypes.order, content);
    await waitFor(() => vendor.el().orders.length === 2, 'two orders live');
    await new Promise((r) => setTimeout(r, 200));
    expect(vendor.el().orders.filter((o) => o.sender === ALICE).map((o) => o.id)).to.deep.equal([first]);
    await vendor.remount();
    await waitFor(() => vendor.el().orders.length === 2, 'two orders after reload');
    expect(vendor.el().orders.filter((o) => o.sender === ALICE).map((o) => o.id)).to.deep.equal([first]);
  });

  it('sold out propagates: the vendor marks an item sold out and the open cart flags it', async () => {
    const room = truckRoom();
    const vendor = await open(room, VENDOR);
    await waitFor(() => ordersRoot(room), 'root');
    const alice = await open(room, ALICE);
    await waitFor(() => alice.el().ordering && alice.button('Add', 'article[aria-labelledby="item-mate"]'), 'Add');
    alice.button('Add', 'article[aria-labelledby="item-mate"]')!.click();
    await alice.el().updateComplete;
    expect(alice.button('Place order')!.disabled).to.equal(false);

    await waitFor(() => vendor.el().shadowRoot!.querySelector('article[aria-labelledby="item-mate"] select'), 'the availability select');
    const select = vendor.el().shadowRoot!.querySelector<HTMLSelectElement>('article[aria-labelledby="item-mate"] select')!;
    select.value = 'sold-out';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => alice.text('.cart').includes('Sold out. Remove it to order.'), 'the cart flag');
    expect(alice.button('Place order')!.disabled).to.equal(true);
    expect(alice.text('article[aria-labelledby="item-mate"]')).to.contain('Sold out');
    const menuState = room.getState(EventTypes.menu, '')[0]!;
    expect(menuState.sender).to.equal(VENDOR);
  });

  it('a menu change the server refuses shows an error and keeps the saved menu', async () => {
    const room = truckRoom();
    const vendor = await open(room, VENDOR);
    await waitFor(() => vendor.el().shadowRoot!.querySelector('article[aria-labelledby="item-mate"] select'), 'select');
    room.failNext('M_FORBIDDEN', { op: 'state', type: EventTypes.menu });
    const select = vendor.el().shadowRoot!.querySelector<HTMLSelectElement>('article[aria-labelledby="item-mate"] select')!;
    select.value = 'sold-out';
    select.dispatchEvent(new Event('change'));
    await waitFor(() => vendor.notice('error'), 'the error');
    expect(vendor.notice('error')).to.contain('The menu change was not saved (not allowed in this room)');
    expect(vendor.el().currentMenu!.sections[1]!.items[0]!.availability).to.equal('available');
    // The control shows what is really on the menu again.
    await vendor.el().updateComplete;
    expect(select.value).to.equal('available');
  });

  it('an invalid menu state event shows a clear error and keeps the last good menu', async () => {
    const room = truckRoom();
    const alice = await open(room, ALICE);
    expect(alice.text('h2')).to.equal('Waffle Wagon');
    const warnings: string[] = [];
    const console = alice.win().console;
    const warn = console.warn;
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
    try {
      const bad = room.setState(EventTypes.menu, '', { ...menuNow(), currency: 'euros' }, VENDOR);
      await waitFor(() => alice.text('[part="error"]'), 'the error');
      expect(alice.text('[part="error"]')).to.contain('The menu could not be loaded: currency');
      expect(alice.text('[part="error"]')).to.contain('Showing the last menu that loaded.');
      expect(alice.text('h2')).to.equal('Waffle Wagon');
      expect(alice.el().currentMenu!.currency).to.equal('EUR');
      // The binding logs the event id with the element's worded problems once they are there.
      await waitFor(() => warnings.join('\n').includes(bad.event_id), 'the warning');
      expect(warnings.join('\n')).to.contain('currency: expected an ISO 4217 code');
    } finally {
      console.warn = warn;
    }
    // A good menu again clears the error.
    room.setState(EventTypes.menu, '', menuNow((m) => (m.vendor = { name: 'Waffle Wagon II' })), VENDOR);
    await waitFor(() => alice.text('h2') === 'Waffle Wagon II', 'the new menu');
    expect(alice.text('[part="error"]')).to.equal('');
  });

  it('without a root and no power to create one, customers see the menu and a "not open yet" note; ordering opens when the root appears', async () => {
    const room = truckRoom();
    const alice = await open(room, ALICE);
    expect(alice.el().ordering).to.equal(false);
    expect(alice.notice('info')).to.contain('Ordering opens once the vendor has opened this widget.');
    await open(room, VENDOR);
    await waitFor(() => alice.el().ordering, 'ordering opens live');
    expect(alice.notice('info')).to.equal('');
  });

  it('a German customer gets the menu and the widget notes in German (their words load only for German)', async () => {
    const room = truckRoom();
    const alice = await open(room, ALICE, approveAll, 'de');
    expect(alice.notice('info')).to.equal('Bestellen ist möglich, sobald der Stand dieses Widget geöffnet hat.');
    expect(alice.text('[aria-labelledby="item-classic"] .contains')).to.contain('Enthält: Glutenhaltiges Getreide');
  });

  it('says it is loading while the person answers the permission prompt, and "No menu yet." only in a room without one', async () => {
    let decide: (() => void) | undefined;
    const asking: CapabilityApprover = (requested) => new Promise((resolve) => (decide = () => resolve(new Set(requested))));
    const alice = mount(truckRoom(), ALICE, asking);
    await waitFor(() => decide, 'the permission prompt');
    await waitFor(() => alice.win().document.querySelector('devroom-food-truck-menu')?.shadowRoot?.textContent?.trim(), 'the first render');
    expect(alice.text()).to.equal('Loading the menu…');
    decide!();
    await booted(alice);
    expect(alice.text('h2')).to.equal('Waffle Wagon');

    const bare = new MemoryRoom({ creator: ADMIN, powerLevels: { users: { [VENDOR]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    bare.join(ALICE);
    const bob = mount(bare, ALICE);
    await waitFor(() => bob.win()?.devroomFoodTruck, 'the binding');
    await bob.binding().ready;
    await bob.el().updateComplete;
    expect(bob.text()).to.equal('No menu yet.');
  });

  it('declining the optional send capabilities leaves a working read-only menu', async () => {
    const room = truckRoom();
    const readOnly: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => !c.includes('.send.')));
    const vendor = await open(room, VENDOR, readOnly);
    expect(vendor.win().document.querySelector('.devroom-runtime-screen')!.hasAttribute('hidden')).to.equal(true);
    expect(vendor.el().canManage).to.equal(false);
    expect(vendor.el().ordering).to.equal(false);
    expect(vendor.text('h2')).to.equal('Waffle Wagon');
    expect(ordersRoot(room)).to.equal(undefined);
  });

  it('the demo truck: Alice sees her order ready, Bob his being prepared, Vera the queue', async () => {
    const room = new MemoryRoom({ creator: ATTENDEES.organiser, powerLevels: { users: { [ATTENDEES.vendor]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } } });
    for (const id of [ATTENDEES.vendor, ATTENDEES.alice, ATTENDEES.bob, ATTENDEES.carol]) room.join(id);
    seedFoodTruck(room);
    const alice = await open(room, ATTENDEES.alice);
    await waitFor(() => alice.text('[part="ready"]').includes('number 12'), "Alice's ready order");
    expect(alice.el().orders).to.have.length(2);
    const bob = await open(room, ATTENDEES.bob);
    await waitFor(() => bob.text('.my-orders').includes('Being prepared'), "Bob's order");
    expect(bob.text('.my-orders')).to.contain('Number 13');
    const vera = await open(room, ATTENDEES.vendor);
    await waitFor(() => vera.button('Orders (3)'), 'three active orders');
    expect(vera.el().menuErrors).to.deep.equal([]);
  });
});

describe('food-truck page outside a client', () => {
  async function plainPage(fragment: string): Promise<{ win: TruckWindow; el: DevroomFoodTruckMenu; iframe: HTMLIFrameElement }> {
    const iframe = document.createElement('iframe');
    iframe.src = `${PAGE}#${fragment}`;
    document.body.append(iframe);
    const win = iframe.contentWindow as TruckWindow;
    const el = await waitFor(() => {
      const found = win.document?.querySelector('devroom-food-truck-menu');
      return found?.currentMenu ? found : undefined;
    }, 'the menu');
    return { win, el, iframe };
  }

  it('renders the menu from `src` with no ordering and no Matrix', async () => {
    const { win, el, iframe } = await plainPage(`src=${encodeURIComponent('/test/fixtures/food-truck/menu.json')}`);
    try {
      expect(el.ordering).to.equal(false);
      expect(plain(el.shadowRoot!.querySelector('h2')?.textContent)).to.equal('Frites Fixture');
      expect(win.devroomFoodTruck).to.equal(undefined);
      expect(el.shadowRoot!.querySelector('button[part="add-button"]')).to.equal(null);
    } finally {
      iframe.remove();
    }
  });

  it('renders an inline `menu` option', async () => {
    const { el, iframe } = await plainPage(`menu=${encodeURIComponent(JSON.stringify(menuNow()))}`);
    try {
      expect(plain(el.shadowRoot!.querySelector('h2')?.textContent)).to.equal('Waffle Wagon');
      expect(el.ordering).to.equal(false);
    } finally {
      iframe.remove();
    }
  });
});
