import { aTimeout, expect, fixture, html, oneEvent } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import './define.js';
import type { DevroomFoodTruckMenu, MenuUpdateDetail, OrderStatusDetail, PlaceOrderDetail } from './define.js';
import { filterStorageKey } from './filters-key.js';
import type { Order, OrderStatusEvent } from './orders.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

type Json = ReturnType<typeof sampleMenuJson>;
const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

function menuWith(edit: (j: Json) => void): Json {
  const j = sampleMenuJson();
  edit(j);
  return j;
}

const $ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const itemNames = (el: DevroomFoodTruckMenu) => $$(el, '.item h4').map((h) => h.textContent?.trim());
const item = (el: DevroomFoodTruckMenu, name: string) => $$(el, '.item').find((i) => i.querySelector('h4')?.textContent?.trim() === name)!;
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => plain(b.textContent).startsWith(text))!;
const checkbox = (el: DevroomFoodTruckMenu, label: string) =>
  $$(el, '.filters label').find((l) => plain(l.textContent).endsWith(label))!.querySelector('input')!;
/** Opens the filter panel as a user would; its checkboxes load then. */
async function openFilters(el: DevroomFoodTruckMenu): Promise<void> {
  const details = $<HTMLDetailsElement>(el, 'details.filters')!;
  expect(details.open).to.equal(false);
  details.querySelector('summary')!.click();
  await oneEvent(details, 'toggle');
  await el.updateComplete;
}

async function render(opts: { ordering?: boolean; canManage?: boolean; menu?: unknown; lang?: string } = {}): Promise<DevroomFoodTruckMenu> {
  const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu
    lang=${opts.lang ?? 'en'}
    ?ordering=${opts.ordering}
    ?can-manage=${opts.canManage}
    .menu=${opts.menu ?? sampleMenuJson()}
  ></devroom-food-truck-menu>`);
  await el.updateComplete;
  return el;
}

/** Carts are kept per tab (sessionStorage): every test starts with none, and leaves none. */
const forgetCarts = () => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('devroom:')) sessionStorage.removeItem(key);
};

describe('<devroom-food-truck-menu>', () => {
  let clock: sinon.SinonFakeTimers;
  afterEach(forgetCarts);
  beforeEach(() => {
    forgetCarts();
    localStorage.removeItem(filterStorageKey('Waffle Wagon'));
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  describe('menu', () => {
    it('read-only pages: the room link (loaded only when set) in the viewer\'s language; unsafe links are not shown', async () => {
      const el = await render({ lang: 'de' });
      expect($(el, '[part~="room-link"]')).to.equal(null);
      el.roomLink = 'https://matrix.to/#/#truck:example.org';
      await el.updateComplete;
      const a = $<HTMLAnchorElement>(el, '[part~="room-link"] a')!;
      expect(a.textContent).to.equal('Im Matrix-Raum bestellen');
      expect(a.href).to.equal('https://matrix.to/#/#truck:example.org');
      el.roomLink = 'javascript:alert(1)';
      await el.updateComplete;
      expect($(el, '[part~="room-link"]')).to.equal(null);
    });

    it('shows sections, prices, badges, diets and allergens; never hidden items', async () => {
      const el = await render();
      expect(plain($(el, 'h2')?.textContent)).to.equal('Waffle Wagon');
      expect(itemNames(el)).to.deep.equal(['Classic waffle', 'Vegan waffle', 'Club-Mate', 'Coffee']);
      const classic = item(el, 'Classic waffle');
      expect(plain(classic.querySelector('.price')?.textContent)).to.equal('€4.50');
      expect(plain(classic.querySelector('.contains')?.textContent)).to.equal('Contains: Cereals containing gluten, Eggs, Milk (incl. lactose)');
      expect(plain(classic.querySelector('.may-contain')?.textContent)).to.equal('May contain: Tree nuts');
      expect(plain(item(el, 'Vegan waffle').querySelector('.badge')?.textContent)).to.equal('Only a few left');
      expect(plain(item(el, 'Coffee').querySelector('.badge')?.textContent)).to.equal('Sold out');
      expect([...item(el, 'Club-Mate').querySelectorAll('.diets li')].map((li) => plain(li.textContent))).to.deep.equal(['Vegan', 'Vegetarian', 'Gluten-free']);
      const closes = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date('2026-02-01T18:00:00+01:00'));
      expect(plain($(el, '.hours')?.textContent)).to.contain(plain(`Open now, until ${closes}`));
    });

    it('translates to German with German price format', async () => {
      const el = await render({ lang: 'de' });
      const classic = item(el, 'Classic waffle');
      expect(plain(classic.querySelector('.price')?.textContent)).to.equal('4,50 €');
      expect(plain(classic.querySelector('.contains')?.textContent)).to.contain('Enthält: Glutenhaltiges Getreide');
      expect(plain(classic.querySelector('.diets')?.textContent)).to.equal('Vegetarisch');
      await openFilters(el);
      expect(plain($(el, '.filters .checks')?.textContent)).to.contain('Milch (inkl. Laktose)');
      expect(plain(item(el, 'Coffee').querySelector('.badge')?.textContent)).to.equal('Ausverkauft');
    });

    it('shows JPY without decimals', async () => {
      const el = await render({ menu: menuWith((j) => ((j.currency = 'JPY'), (j.sections[1]!.items[0]!.price = 300))) });
      expect(plain(item(el, 'Club-Mate').querySelector('.price')?.textContent)).to.equal('¥300');
    });

    it('hides the ordering UI unless `ordering` is set', async () => {
      const el = await render();
      expect($(el, '.add')).to.equal(null);
      expect($(el, '.cart')).to.equal(null);
      el.ordering = true;
      await el.updateComplete;
      expect($$(el, '.add')).to.have.length(4);
      expect($(el, '.cart')).to.not.equal(null);
    });

    it('reads inline JSON from a <script type="application/json"> child', async () => {
      const el = await fixture<DevroomFoodTruckMenu>(
        `<devroom-food-truck-menu lang="en"><script type="application/json">${JSON.stringify(sampleMenuJson())}</script></devroom-food-truck-menu>`,
      );
      await el.updateComplete;
      expect(itemNames(el)).to.include('Club-Mate');
    });

    it('invalid JSON from src gives a clear error and keeps the last good menu', async () => {
      const fetch = sinon.stub(window, 'fetch');
      fetch.withArgs(sinon.match(/good\.json$/)).resolves(new Response(JSON.stringify(sampleMenuJson()), { status: 200 }));
      fetch.withArgs(sinon.match(/broken\.json$/)).resolves(new Response('{"vendor": "Oops", ', { status: 200 }));
      fetch.withArgs(sinon.match(/invalid\.json$/)).resolves(new Response(JSON.stringify(menuWith((j) => (j.sections[1]!.items[0]!.price = -1))), { status: 200 }));
      const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" src="/menus/good.json"></devroom-food-truck-menu>`);
      await waitFor(() => itemNames(el).length > 0);
      expect($(el, '[role="alert"]')).to.equal(null);

      el.src = '/menus/broken.json';
      await waitFor(() => !!$(el, '[role="alert"]'));
      const alert = plain($(el, '[role="alert"]')?.textContent);
      expect(alert).to.contain('The menu could not be loaded');
      expect(alert).to.contain('/menus/broken.json: not valid JSON');
      expect(alert).to.contain('Showing the last menu that loaded.');
      expect(itemNames(el)).to.include('Club-Mate');

      el.src = '/menus/invalid.json';
      await waitFor(() => plain($(el, '[role="alert"]')?.textContent).includes('sections[1].items[0].price'));
      await el.updateComplete; // the messages' module
      expect(plain($(el, '[role="alert"]')?.textContent)).to.contain('sections[1].items[0].price: expected a non-negative integer (minor units)');
      expect(el.menuErrors).to.have.length(1);
      expect(itemNames(el)).to.include('Club-Mate');
    });

    it('an invalid menu property shows the error and keeps the last good menu', async () => {
      const el = await render();
      el.menu = { vendor: 'X', currency: 'EUR' };
      await el.updateComplete;
      expect(plain($(el, '[role="alert"]')?.textContent)).to.contain('sections: is required');
      expect(el.currentMenu?.vendor.name).to.equal('Waffle Wagon');
    });
  });

  describe('filters', () => {
    it('hides items containing an allergen (and, by default, those that may contain it), and remembers it', async () => {
      const el = await render();
      expect($$(el, '.filters label')).to.have.length(0);
      await openFilters(el);
      expect(getComputedStyle($(el, '.filters .checks')!).display).to.equal('grid');
      checkbox(el, 'Tree nuts').click();
      await el.updateComplete;
      expect(itemNames(el)).to.deep.equal(['Vegan waffle', 'Club-Mate', 'Coffee']);
      expect(plain($(el, '.filtered')?.textContent)).to.contain('1 item hidden by your filters.');

      checkbox(el, 'Also hide items that may contain traces').click();
      await el.updateComplete;
      expect(itemNames(el)).to.include('Classic waffle');

      checkbox(el, 'Milk (incl. lactose)').click();
      await el.updateComplete;
      expect(itemNames(el)).to.deep.equal(['Vegan waffle', 'Club-Mate']);

      const again = await render();
      expect(itemNames(again)).to.deep.equal(['Vegan waffle', 'Club-Mate']);
      expect(checkbox(again, 'Milk (incl. lactose)').checked).to.equal(true);
      // A different truck has its own filters.
      const other = await render({ menu: menuWith((j) => (j.vendor = 'Other Truck')) });
      expect(itemNames(other)).to.have.length(4);
    });

    it('reads remembered filters defensively: junk means none, unknown entries are dropped', async () => {
      const key = filterStorageKey('Waffle Wagon');
      for (const junk of ['not json', 'null', '[1]', '{"avoid": "milk"}']) {
        localStorage.setItem(key, junk);
        expect(itemNames(await render()), junk).to.have.length(4);
      }
      localStorage.setItem(key, JSON.stringify({ avoid: ['milk', 'bogus'], diets: ['Vegan!', 'vegan'], strict: 'no' }));
      const el = await render();
      expect(itemNames(el)).to.deep.equal(['Vegan waffle', 'Club-Mate']);
      expect(plain($(el, 'summary')?.textContent)).to.equal('Filters (2)');
    });

    it('diet filters show only items with every chosen diet', async () => {
      const el = await render();
      await openFilters(el);
      checkbox(el, 'Vegan').click();
      await el.updateComplete;
      expect(itemNames(el)).to.deep.equal(['Vegan waffle', 'Club-Mate']);
      checkbox(el, 'Gluten-free').click();
      await el.updateComplete;
      expect(itemNames(el)).to.deep.equal(['Club-Mate']);
      // Button styles arrive with the panel (the menu alone has no buttons).
      expect(getComputedStyle(button(el.shadowRoot!, 'Clear filters')).textDecorationLine).to.equal('underline');
      button(el.shadowRoot!, 'Clear filters').click();
      await el.updateComplete;
      expect(itemNames(el)).to.have.length(4);
      expect(localStorage.getItem(filterStorageKey('Waffle Wagon'))).to.equal(null);
    });
  });

  describe('cart and ordering', () => {
    async function addMate(el: DevroomFoodTruckMenu) {
      button(item(el, 'Club-Mate'), 'Add').click();
      await el.updateComplete;
    }

    it('adds items with options and totals the cart', async () => {
      const el = await render({ ordering: true });
      button(item(el, 'Classic waffle'), 'Add').click();
      await el.updateComplete;
      const form = $(el, 'form.choose')!;
      const choc = [...form.querySelectorAll('label')].find((l) => l.textContent?.includes('Chocolate'))!.querySelector('input')!;
      choc.click();
      await el.updateComplete;
      expect(plain(button(form, 'Add to order').textContent)).to.equal('Add to order · €5.30');
      button(form, 'Add to order').click();
      await el.updateComplete;
      await addMate(el);
      await addMate(el);
      expect($$(el, '.cart .line').map((l) => plain(l.querySelector('.line-name')?.textContent))).to.deep.equal(['1 × Classic waffle', '2 × Club-Mate']);
      expect(plain($(el, '.cart .total .price')?.textContent)).to.equal('€11.30');
      // The cart's styles arrive with the ordering view.
      expect(getComputedStyle($(el, '.cart')!).borderTopStyle).to.equal('solid');
      expect(getComputedStyle($(el, '.cart .total')!).display).to.equal('flex');
      expect(plain($(el, '[role="status"]')?.textContent)).to.equal('Club-Mate added to your order. 3 items · €11.30');
    });

    it('shows the ordering cut-off in the header, and that ordering has closed after it', async () => {
      expect(plain($(await render(), '.header')?.textContent)).not.to.contain('Orders until');
      const el = await render({ ordering: true });
      expect(plain($(el, '.hours')?.textContent)).to.contain('· Orders until');
      expect($(el, '.header .notice')).to.equal(null);
      clock.tick(6 * 60 * 60_000); // 18:00, past the 17:30 cut-off and closing time
      await el.updateComplete;
      expect(plain($(el, '.hours')?.textContent)).not.to.contain('Orders until');
      expect(plain($(el, '.header .notice')?.textContent)).to.equal('Ordering is closed right now.');
    });

    it('flags a cart line whose item just sold out and blocks checkout', async () => {
      const el = await render({ ordering: true });
      await addMate(el);
      expect($<HTMLButtonElement>(el, '[part="checkout-button"]')!.disabled).to.equal(false);
      el.menu = menuWith((j) => (j.sections[1]!.items[0]!.availability = 'sold-out'));
      await el.updateComplete;
      const line = $(el, '.cart .line')!;
      expect(line.classList.contains('blocked')).to.equal(true);
      expect(plain(line.querySelector('.issue')?.textContent)).to.equal('Sold out. Remove it to order.');
      expect($<HTMLButtonElement>(el, '[part="checkout-button"]')!.disabled).to.equal(true);
      const spy = sinon.spy();
      el.addEventListener('devroom-place-order', spy);
      $<HTMLButtonElement>(el, '[part="checkout-button"]')!.click();
      expect(spy.callCount).to.equal(0);
      button($(el, '.cart')!, 'Remove unavailable items').click();
      await el.updateComplete;
      expect($$(el, '.cart .line')).to.have.length(0);
    });

    it('a double click places exactly one order', async () => {
      const el = await render({ ordering: true });
      await addMate(el);
      const spy = sinon.spy();
      el.addEventListener('devroom-place-order', spy);
      const checkout = $<HTMLButtonElement>(el, '[part="checkout-button"]')!;
      checkout.click();
      checkout.click();
      checkout.dispatchEvent(new MouseEvent('dblclick', { bubbles: true }));
      await el.updateComplete;
      expect(spy.callCount).to.equal(1);
      const detail = (spy.firstCall.args[0] as CustomEvent<PlaceOrderDetail>).detail;
      expect(detail.lines).to.deep.equal([{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }]);
      expect(detail.total).to.equal(300);
      expect(detail.currency).to.equal('EUR');
      expect(detail.orderLocalId).to.be.a('string').with.length.greaterThan(8);
      expect(plain($(el, '.my-orders')?.textContent)).to.contain('Sending…');
    });

    it('a failed send shows "not sent"; retry re-emits the same localId once', async () => {
      const el = await render({ ordering: true });
      await addMate(el);
      const ids: string[] = [];
      el.addEventListener('devroom-place-order', (e) => {
        ids.push(e.detail.orderLocalId);
        if (ids.length === 1) el.markOrderFailed(e.detail.orderLocalId);
      });
      $<HTMLButtonElement>(el, '[part="checkout-button"]')!.click();
      await el.updateComplete;
      expect(plain($(el, '.my-order.failed')?.textContent)).to.contain('Not sent.');
      const retry = button($(el, '.my-orders')!, 'Retry');
      retry.click();
      retry.click();
      await el.updateComplete;
      expect(ids).to.have.length(2);
      expect(ids[1]).to.equal(ids[0]);
      // The room echoes the order: the pending entry becomes the real order.
      el.orders = [{ id: '$o1', localId: ids[0], placedAt: NOON, lines: [], total: 300, currency: 'EUR' }];
      await el.updateComplete;
      expect($(el, '.my-order.sending')).to.equal(null);
      expect(plain($(el, '.my-order.placed')?.textContent)).to.contain('Sent, waiting for the vendor');
    });

    it('an order restored after a reload shows as not sent, with Retry (the same localId) and Discard (in German too)', async () => {
      const detail: PlaceOrderDetail = { orderLocalId: 'kept-1', lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 2, unitPrice: 300 }], total: 600, currency: 'EUR' };
      // Before the ordering view has loaded: it is shown once it has.
      const el = document.createElement('devroom-food-truck-menu') as DevroomFoodTruckMenu;
      el.restoreOrder(detail);
      el.menu = sampleMenuJson();
      el.ordering = true;
      const placed: PlaceOrderDetail[] = [];
      const discarded: string[] = [];
      el.addEventListener('devroom-place-order', (e) => placed.push(e.detail));
      el.addEventListener('devroom-discard-order', (e) => discarded.push(e.detail.orderLocalId));
      await fixture(html`<div></div>`).then((div) => div.append(el));
      await el.updateComplete;
      expect(plain($(el, '.my-order.failed')?.textContent)).to.contain('2 × Club-Mate · €6.00 Not sent. Retry Discard');
      el.restoreOrder(detail);
      await el.updateComplete;
      expect($$(el, '.my-order')).to.have.length(1);
      button($(el, '.my-orders')!, 'Retry').click();
      await el.updateComplete;
      expect(placed).to.deep.equal([detail]);
      el.markOrderFailed('kept-1');
      await el.updateComplete;
      button($(el, '.my-orders')!, 'Discard').click();
      await el.updateComplete;
      expect(discarded).to.deep.equal(['kept-1']);
      expect($(el, '.my-orders')).to.equal(null);

      const de = await render({ ordering: true, lang: 'de' });
      de.restoreOrder(detail);
      await de.updateComplete;
      expect(plain($(de, '.my-order.failed')?.textContent)).to.contain('Nicht gesendet. Erneut senden Verwerfen');
    });

    describe('after a reload', () => {
      const lines = (el: DevroomFoodTruckMenu) => $$(el, '.cart .line').map((l) => plain(l.querySelector('.line-name')?.textContent));
      const noteOf = (el: DevroomFoodTruckMenu) => $<HTMLTextAreaElement>(el, '.order-note textarea')?.value;
      async function again(attrs: { user?: string; key?: string } = {}): Promise<DevroomFoodTruckMenu> {
        const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu
          lang="en"
          ordering
          user-id=${attrs.user ?? ''}
          cart-key=${attrs.key ?? ''}
          .menu=${sampleMenuJson()}
        ></devroom-food-truck-menu>`);
        await el.updateComplete;
        return el;
      }

      it('the cart and its note come back, per page (or cart-key), person and truck; an order placed empties it', async () => {
        const el = await again({ user: '@alice:x' });
        await addMate(el);
        await addMate(el);
        const note = $<HTMLTextAreaElement>(el, '.order-note textarea')!;
        note.value = 'No straw';
        note.dispatchEvent(new Event('input'));
        el.remove();

        const back = await again({ user: '@alice:x' });
        expect(lines(back)).to.deep.equal(['2 × Club-Mate']);
        expect(noteOf(back)).to.equal('No straw');
        // Someone else on this browser, or another cart-key (a widget's room): their own cart.
        expect(lines(await again({ user: '@bob:x' }))).to.deep.equal([]);
        expect(lines(await again({ user: '@alice:x', key: '!other:x' }))).to.deep.equal([]);

        back.addEventListener('devroom-place-order', (e) => back.markOrderSent(e.detail.orderLocalId));
        $<HTMLButtonElement>(back, '[part="checkout-button"]')!.click();
        await back.updateComplete;
        expect(lines(await again({ user: '@alice:x' }))).to.deep.equal([]);
        expect(Object.keys(sessionStorage).filter((k) => k.startsWith('devroom:'))).to.deep.equal([]);
      });

      it('a cart this browser cannot read is ignored with a logged reason', async () => {
        const el = await again();
        await addMate(el);
        const key = Object.keys(sessionStorage).find((k) => k.startsWith('devroom:'))!;
        expect(key).to.be.a('string');
        el.remove();
        const warn = sinon.stub(console, 'warn');
        const bad = (lines: unknown) => JSON.stringify({ v: 1, cart: { lines, seq: 2 }, note: '' });
        for (const [value, why] of [
          ['{"v":1,', 'not JSON'],
          [JSON.stringify({ cart: [] }), 'not a version 1 cart'],
          [bad([{ lineId: 'l1', itemId: 'mate', name: 'Club-Mate', choices: {}, quantity: 500, note: '', seenUnitPrice: 300 }]), 'a line is malformed'],
          [bad([{ lineId: 'l1', itemId: 'mate', name: 'Club-Mate', choices: { g: 'x' }, quantity: 1, note: '', seenUnitPrice: 300 }]), 'a line is malformed'],
          [bad(Array.from({ length: 51 }, (_, i) => ({ lineId: `l${i}`, itemId: 'mate', name: 'M', choices: {}, quantity: 1, note: '', seenUnitPrice: 1 }))), 'more than 50 lines'],
        ] as const) {
          sessionStorage.setItem(key, value);
          const next = await again();
          expect(lines(next), value).to.deep.equal([]);
          expect(String(warn.lastCall?.args[0]), value).to.contain(`cart in this browser ignored: ${why}`);
          expect(sessionStorage.getItem(key), value).to.equal(null);
          next.remove();
        }
        // Group ids are the vendor's: `__proto__` is a group like any other.
        sessionStorage.setItem(key, bad([{ lineId: 'l1', itemId: 'mate', name: 'Club-Mate', choices: JSON.parse('{"__proto__": ["x"]}') as object, quantity: 1, note: '', seenUnitPrice: 300 }]));
        const hostile = await again();
        expect(lines(hostile)).to.deep.equal(['1 × Club-Mate']);
        expect(({} as Record<string, unknown>).x).to.equal(undefined);
      });
    });

    it('no answer within send-timeout counts as not sent', async () => {
      const el = await render({ ordering: true });
      el.sendTimeout = 5000;
      await addMate(el);
      $<HTMLButtonElement>(el, '[part="checkout-button"]')!.click();
      await el.updateComplete;
      clock.tick(5001);
      await el.updateComplete;
      expect(plain($(el, '.my-order.failed')?.textContent)).to.contain('Not sent.');
    });

    it('shows the customer their order status live and a prominent ready moment', async () => {
      const el = await render({ ordering: true });
      el.userId = '@ana:example.org';
      const order: Order = {
        id: '$o1',
        sender: '@ana:example.org',
        placedAt: NOON - 60_000,
        lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }],
        total: 300,
        currency: 'EUR',
      };
      const other: Order = { ...order, id: '$o2', sender: '@bob:example.org' };
      el.orders = [order, other];
      el.statusEvents = [{ id: '$s1', orderId: '$o1', status: 'preparing', ts: NOON, pickupNumber: 42 }];
      await el.updateComplete;
      expect($$(el, '.my-order')).to.have.length(1);
      expect(plain($(el, '.my-order .status')?.textContent)).to.equal('Being prepared · Number 42');
      expect($(el, '[part="ready"]')).to.equal(null);
      el.statusEvents = [...el.statusEvents, { id: '$s2', orderId: '$o1', status: 'ready', ts: NOON + 1000 }];
      await el.updateComplete;
      const ready = $(el, '[part="ready"]')!;
      expect(plain(ready.textContent)).to.equal('Ready for pickup — number 42');
      expect(ready.closest('[aria-live="assertive"]')).to.not.equal(null);
    });
  });

  describe('ready notification', () => {
    it('after opt-in, notifies once when my order becomes ready (not for orders already ready on load)', async () => {
      const shown: { title: string; body?: string }[] = [];
      class FakeNotification {
        static permission: NotificationPermission = 'default';
        static requestPermission = sinon.stub().callsFake(async () => (FakeNotification.permission = 'granted'));
        constructor(title: string, options?: NotificationOptions) {
          shown.push({ title, body: options?.body });
        }
      }
      sinon.stub(window, 'Notification').value(FakeNotification);
      const el = await render({ ordering: true });
      el.userId = '@ana:x';
      const mine = (id: string): Order => ({ id, sender: '@ana:x', placedAt: NOON, lines: [], total: 0, currency: 'EUR' });
      el.orders = [mine('$old'), mine('$new')];
      el.statusEvents = [{ id: '$s0', orderId: '$old', status: 'ready', ts: NOON, pickupNumber: 3 }];
      await el.updateComplete;
      button($(el, '.my-orders')!, 'Notify me').click();
      await waitFor(() => plain($(el, '.my-orders')?.textContent).includes('You will get a notification'));
      el.statusEvents = [...el.statusEvents, { id: '$s1', orderId: '$new', status: 'ready', ts: NOON + 1, pickupNumber: 42 }];
      await el.updateComplete;
      expect(shown).to.deep.equal([{ title: 'Your order is ready', body: 'Ready for pickup — number 42' }]);
    });
  });

  describe('vendor view', () => {
    const orders: Order[] = [
      { id: '$a', sender: '@ana:x', senderName: 'Ana', placedAt: NOON - 10 * 60_000, lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 2, unitPrice: 300 }], total: 600, currency: 'EUR' },
      { id: '$b', sender: '@bob:x', senderName: 'Bob', placedAt: NOON - 5 * 60_000, lines: [{ itemId: 'vegan', name: 'Vegan waffle', choices: [], quantity: 1, unitPrice: 500 }], total: 500, currency: 'EUR' },
      { id: '$c', sender: '@cy:x', senderName: 'Cy', placedAt: NOON - 20 * 60_000, lines: [], total: 0, currency: 'EUR' },
    ];
    const events: OrderStatusEvent[] = [
      { id: '$s1', orderId: '$c', status: 'ready', ts: NOON - 14 * 60_000, pickupNumber: 7 },
    ];

    async function vendor() {
      const el = await render({ canManage: true });
      el.orders = orders;
      el.statusEvents = events;
      button(el.shadowRoot!, 'Orders').click();
      await el.updateComplete;
      return el;
    }

    it('lists orders by status, oldest first, with counts and average wait', async () => {
      const el = await vendor();
      const placed = $$(el, '.column')[0]!;
      expect([...placed.querySelectorAll('.order')].map((o) => (o as HTMLElement).dataset.orderId)).to.deep.equal(['$a', '$b']);
      const stats = plain($(el, '.stats')?.textContent);
      expect(stats).to.contain('Sent, waiting for the vendor: 2');
      expect(stats).to.contain('Ready for pickup: 1');
      expect(stats).to.contain('Average wait 6 min');
      expect(plain(button(el.shadowRoot!, 'Orders').textContent)).to.equal('Orders (3)');
      // The queue's styles arrive with the vendor view.
      expect(getComputedStyle($(el, '.order-head')!).display).to.equal('flex');
    });

    it('one tap accepts with a pickup number, once', async () => {
      const el = await vendor();
      const spy = sinon.spy();
      el.addEventListener('devroom-order-status', spy);
      const accept = button($(el, '[data-order-id="$a"]')!, 'Accept');
      accept.click();
      await el.updateComplete;
      accept.click();
      expect(spy.callCount).to.equal(1);
      expect((spy.firstCall.args[0] as CustomEvent<OrderStatusDetail>).detail).to.deep.equal({ orderId: '$a', status: 'received', pickupNumber: 8 });
      // The status event comes back from the room: the order moves on.
      el.statusEvents = [...events, { id: '$s2', orderId: '$a', status: 'received', ts: NOON, pickupNumber: 8 }];
      await el.updateComplete;
      button($(el, '[data-order-id="$a"]')!, 'Start preparing').click();
      expect((spy.secondCall.args[0] as CustomEvent<OrderStatusDetail>).detail).to.deep.equal({ orderId: '$a', status: 'preparing' });
    });

    it('rejects with a reason', async () => {
      const el = await vendor();
      const card = () => $(el, '[data-order-id="$b"]')!;
      button(card(), 'Reject').click();
      await el.updateComplete;
      const input = card().querySelector<HTMLInputElement>('form input')!;
      input.value = 'Out of batter';
      const event = oneEvent(el, 'devroom-order-status');
      button(card(), 'Reject order').click();
      expect((await event).detail).to.deep.equal({ orderId: '$b', status: 'rejected', reason: 'Out of batter' });
    });

    it('marks an item sold out and edits a price through devroom-menu-update', async () => {
      const el = await render({ canManage: true });
      expect(itemNames(el)).to.include('Secret waffle');
      expect(plain(item(el, 'Secret waffle').querySelector('.badge')?.textContent)).to.equal('Hidden from customers');
      const select = item(el, 'Club-Mate').querySelector('select')!;
      select.value = 'sold-out';
      const updated = oneEvent(el, 'devroom-menu-update');
      select.dispatchEvent(new Event('change'));
      const detail: MenuUpdateDetail = (await updated).detail;
      expect(detail.change).to.deep.equal({ kind: 'availability', itemId: 'mate', availability: 'sold-out' });
      expect(detail.menu.sections[1]!.items[0]!.availability).to.equal('sold-out');
      expect(el.currentMenu?.sections[1]!.items[0]!.availability).to.equal('available');

      button(item(el, 'Club-Mate'), 'Price of Club-Mate').click();
      await el.updateComplete;
      const input = item(el, 'Club-Mate').querySelector<HTMLInputElement>('form input')!;
      expect(input.value).to.equal('3.00');
      input.value = '3,50';
      const priced = oneEvent(el, 'devroom-menu-update');
      button(item(el, 'Club-Mate'), 'Save price').click();
      expect((await priced).detail.change).to.deep.equal({ kind: 'price', itemId: 'mate', price: 350 });
    });
  });

  describe('accessibility and keyboard', () => {
    it('is axe-clean as a customer with a cart and as a vendor', async () => {
      const el = await render({ ordering: true });
      button(item(el, 'Club-Mate'), 'Add').click();
      button(item(el, 'Classic waffle'), 'Add').click();
      await el.updateComplete;
      await expect(el).to.be.accessible();
      const v = await render({ canManage: true });
      v.orders = [{ id: '$a', sender: '@ana:x', placedAt: NOON, lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }], total: 300, currency: 'EUR' }];
      await v.updateComplete;
      await expect(v).to.be.accessible();
      button(v.shadowRoot!, 'Orders').click();
      await v.updateComplete;
      await expect(v).to.be.accessible();
    });

    it('keyboard path: add with options, add another, place the order', async () => {
      const el = await render({ ordering: true });
      const spy = sinon.spy();
      el.addEventListener('devroom-place-order', spy);
      $<HTMLButtonElement>(el, '[data-add="classic"]')!.focus();
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      // Focus moved into the options form.
      expect(el.shadowRoot!.activeElement?.closest('form.choose') ?? null).to.not.equal(null);
      await sendKeys({ press: 'Space' }); // Whipped cream
      await el.updateComplete;
      await tabTo(el, (b) => plain(b.textContent).startsWith('Add to order'));
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(el.shadowRoot!.activeElement).to.equal($(el, '[data-add="classic"]'));
      await tabTo(el, (b) => b.getAttribute('data-add') === 'mate');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      await tabTo(el, (b) => b.getAttribute('part') === 'checkout-button');
      await sendKeys({ press: 'Enter' });
      await el.updateComplete;
      expect(spy.callCount).to.equal(1);
      const detail = (spy.firstCall.args[0] as CustomEvent<PlaceOrderDetail>).detail;
      expect(detail.lines.map((l) => [l.itemId, l.quantity, l.unitPrice])).to.deep.equal([
        ['classic', 1, 500],
        ['mate', 1, 300],
      ]);
      expect(detail.total).to.equal(800);
    });
  });

  describe('plain page JSON-LD', () => {
    it('adds schema.org Menu JSON-LD to the light DOM and removes it with no-json-ld', async () => {
      const el = await render();
      const script = el.querySelector('script[type="application/ld+json"]')!;
      expect(script).to.not.equal(null);
      const ld = JSON.parse(script.textContent!);
      expect(ld['@type']).to.equal('Menu');
      expect(ld.name).to.equal('Waffle Wagon');
      expect(ld.hasMenuSection[0].hasMenuItem.map((i: { name: string }) => i.name)).to.deep.equal(['Classic waffle', 'Vegan waffle']);
      el.menu = menuWith((j) => (j.vendor = { name: 'Waffle Wagon </script><b>x</b>' }));
      await el.updateComplete;
      expect(el.querySelectorAll('script[type="application/ld+json"]')).to.have.length(1);
      expect(JSON.parse(el.querySelector('script[type="application/ld+json"]')!.textContent!).name).to.equal('Waffle Wagon </script><b>x</b>');
      expect(el.querySelector('b')).to.equal(null);
      el.noJsonLd = true;
      await el.updateComplete;
      expect(el.querySelector('script[type="application/ld+json"]')).to.equal(null);
    });
  });
});

async function waitFor(check: () => boolean, ms = 2000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) throw new Error('timed out waiting');
    await aTimeout(10);
  }
}

/** Presses Tab until the focused element in the shadow root matches (max 60 presses). */
async function tabTo(el: DevroomFoodTruckMenu, match: (e: HTMLElement) => boolean): Promise<void> {
  for (let i = 0; i < 60; i++) {
    const active = el.shadowRoot!.activeElement as HTMLElement | null;
    if (active && match(active)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error('could not reach the element with Tab');
}
