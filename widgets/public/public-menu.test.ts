import { expect, fixture, html } from '@open-wc/testing';
import '../../components/food-truck-menu/define.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { waitFor } from '../../test/support/wait-for.js';
import { TestHomeserver } from '../room/cs-test-server.js';
import type { TestEvent } from '../room/cs-test-server.js';
import { EventTypes } from '../schema/namespace.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/** The food-truck menu on a plain page, read-only, from a public room (test/support/matrix-cs-plugin.mjs). */

const bindings: PublicRoomBinding[] = [];
afterEach(() => {
  for (const b of bindings.splice(0)) b.stop();
});

const FAST = { syncTimeoutMs: 5000, minBackoffMs: 200, maxBackoffMs: 1000 };
const VENDOR = '@vendor:test.local';
const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();

/** The sample menu, open now (its own hours are a fixed day). */
const menuState = (change: (m: ReturnType<typeof sampleMenuJson>) => void = () => undefined): TestEvent => {
  const menu = sampleMenuJson();
  menu.openingHours = [{ opens: at(-2), closes: at(4) }];
  menu.ordering = { open: true, closesAt: at(3) };
  change(menu);
  return { type: EventTypes.menu, state_key: '', sender: VENDOR, content: menu as unknown as Record<string, unknown> };
};
// Ordering is open in the room: a root exists, so a member with the widget could order.
const ORDERS_NOTICE: TestEvent = { type: 'm.room.message', event_id: '$orders', sender: VENDOR, content: { msgtype: 'm.notice', body: 'Orders' } };
const ORDERS_ROOT: TestEvent = { type: EventTypes.root, state_key: 'orders', sender: VENDOR, content: { event_id: '$orders' } };

async function menu(server: TestHomeserver): Promise<{ el: DevroomFoodTruckMenu; binding: PublicRoomBinding }> {
  const parent = await fixture<HTMLDivElement>(html`<div><devroom-food-truck-menu homeserver=${server.url} room="#public:test.local"></devroom-food-truck-menu></div>`);
  const el = parent.querySelector('devroom-food-truck-menu')!;
  const binding = bindPublicRoom(el, FAST);
  bindings.push(binding);
  await binding.ready;
  await el.updateComplete;
  return { el, binding };
}

/** Item name → whether it shows the "Sold out" badge. */
function soldOut(el: DevroomFoodTruckMenu): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  for (const item of el.shadowRoot!.querySelectorAll('[part="item"]')) {
    out[item.querySelector('h4')!.textContent!.trim()] = item.querySelector('.badge.sold-out') !== null;
  }
  return out;
}

const noOrdering = (el: DevroomFoodTruckMenu) => {
  expect(el.ordering).to.equal(false);
  expect(el.canManage).to.equal(false);
  for (const name of ['add-button', 'cart', 'orders', 'queue']) expect(el.shadowRoot!.querySelector(`[part~="${name}"]`), name).to.equal(null);
};

describe('bindPublicRoom: the food-truck menu of a public room', () => {
  it('shows the live menu without ordering, and links to the room to order', async () => {
    const server = new TestHomeserver('pub-menu-load');
    await server.setup({ events: [menuState(), ORDERS_NOTICE, ORDERS_ROOT] });
    const { el, binding } = await menu(server);
    expect(el.shadowRoot!.querySelector('[part="header"] h2')?.textContent).to.equal('Waffle Wagon');
    expect(soldOut(el)).to.deep.equal({ 'Classic waffle': false, 'Vegan waffle': false, 'Club-Mate': false, Coffee: true });
    noOrdering(el);
    // The orders are nobody's business here: never read.
    expect((await server.stats()).counts.relations ?? 0).to.equal(0);
    const link = el.shadowRoot!.querySelector<HTMLAnchorElement>('[part~="room-link"] a');
    expect(link?.href).to.equal('https://matrix.to/#/%23public%3Atest.local');
    expect(link?.textContent).to.equal('Order in the Matrix room');
    expect(binding.status.state).to.equal('live');
    await expect(el).to.be.accessible();
  });

  it('shows a sold-out change within one sync cycle', async () => {
    const server = new TestHomeserver('pub-menu-live');
    await server.setup({ events: [menuState()] });
    const { el } = await menu(server);
    const before = await server.stats();
    await server.send(menuState((m) => (m.sections[1]!.items[0]!.availability = 'sold-out')));
    await waitFor(() => soldOut(el)['Club-Mate'], 'Club-Mate sold out', 2000);
    expect(((await server.stats()).counts.sync ?? 0) - (before.counts.sync ?? 0)).to.be.at.most(2);
    expect(soldOut(el).Coffee).to.equal(true);
    noOrdering(el);
  });

  it('drops the room link when the vendor closes ordering', async () => {
    const server = new TestHomeserver('pub-menu-closed');
    await server.setup({ events: [menuState()] });
    const { el } = await menu(server);
    expect(el.shadowRoot!.querySelector('[part~="room-link"]')).to.not.equal(null);
    await server.send(menuState((m) => (m.ordering = { open: false })));
    await waitFor(() => el.shadowRoot!.querySelector('[part~="room-link"]') === null, 'the link gone', 2000);
    expect(el.shadowRoot!.textContent).to.contain('Waffle Wagon');
  });
});
