import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import './define.js';
import type { DevroomFoodTruckMenu } from './define.js';
import type { Order } from './orders.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

/**
 * What a customer and a vendor see right where they act (#17, item 2): the order so far
 * while the cart is out of view, focus after "Place order", loading before empty, and
 * words with their spaces.
 */

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const button = (root: ParentNode, text: string) =>
  [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => plain(b.textContent).startsWith(text))!;
const item = (el: DevroomFoodTruckMenu, id: string) => $(el, `article[aria-labelledby="item-${id}"]`)!;
/** The focused element, through shadow roots. */
function deepActive(): Element | null {
  let active = document.activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
}
/** Whether a person sees `el` in the window now. */
function inView(el: Element): boolean {
  const r = el.getBoundingClientRect();
  return r.height > 0 && r.top >= 0 && r.bottom <= window.innerHeight;
}

/** A long menu (the cart ends up far below the first items on a phone) in a phone-wide column. */
function longMenu() {
  const json = sampleMenuJson();
  const more = Array.from({ length: 14 }, (_, i) => ({ id: `w${i}`, name: `Waffle ${i}`, price: 430, allergens: { contains: [], mayContain: [] } }));
  json.sections[0]!.items.push(...more);
  return json;
}

async function render(opts: { width?: number; lang?: string; menu?: unknown; canManage?: boolean } = {}): Promise<DevroomFoodTruckMenu> {
  const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu
    lang=${opts.lang ?? 'en'}
    style="width: ${opts.width ?? 390}px"
    ?ordering=${!opts.canManage}
    ?can-manage=${opts.canManage}
    .menu=${opts.menu ?? longMenu()}
  ></devroom-food-truck-menu>`);
  await el.updateComplete;
  return el;
}

const forgetCarts = () => {
  for (const key of Object.keys(sessionStorage)) if (key.startsWith('devroom:')) sessionStorage.removeItem(key);
};

describe('food-truck menu: feedback where the customer acts', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    forgetCarts();
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
    forgetCarts();
    window.scrollTo(0, 0);
  });

  it('"Add to order" shows the order so far at the bottom of the screen, announced, with a way to the cart', async () => {
    const el = await render();
    expect($(el, '[part="cart-bar"]')).to.equal(null);
    const add = button(item(el, 'w1'), 'Add');
    add.scrollIntoView({ block: 'center' });
    add.click();
    await el.updateComplete;
    const bar = $(el, '[part="cart-bar"]')!;
    expect(plain(bar.textContent)).to.equal('1 item · €4.30 View order');
    expect(inView(bar), 'the summary is on screen where the person clicked').to.equal(true);
    expect(inView($(el, '#cart-heading')!), 'the cart itself is out of view').to.equal(false);
    expect(plain($(el, '[role="status"]')?.textContent)).to.equal('Waffle 1 added to your order. 1 item · €4.30');

    // Further up the menu, it stays in view and follows the cart.
    button(item(el, 'mate'), 'Add').scrollIntoView({ block: 'start' });
    button(item(el, 'mate'), 'Add').click();
    await el.updateComplete;
    expect(plain(bar.textContent)).to.equal('2 items · €7.30 View order');
    expect(inView(bar)).to.equal(true);

    bar.click();
    await el.updateComplete;
    expect(deepActive()).to.equal($(el, '#cart-heading'));
    expect(inView($(el, '#cart-heading')!)).to.equal(true);

    // Changes in the cart are announced too.
    button($(el, '.cart')!, 'Remove Club-Mate').click();
    await el.updateComplete;
    expect(plain($(el, '[role="status"]')?.textContent)).to.equal('1 item · €4.30');
    await expect(el).to.be.accessible();
  });

  it('the summary speaks the menu\'s currency and the viewer\'s language', async () => {
    const menu = longMenu();
    menu.currency = 'CHF';
    const el = await render({ lang: 'de', menu });
    button(item(el, 'w1'), 'Hinzufügen').click();
    button(item(el, 'w2'), 'Hinzufügen').click();
    await el.updateComplete;
    const total = new Intl.NumberFormat('de', { style: 'currency', currency: 'CHF' }).format(8.6);
    expect(plain($(el, '[part="cart-bar"]')?.textContent)).to.equal(plain(`2 Artikel · ${total} Bestellung ansehen`));
  });

  it('beside a wide menu the cart is in view: no summary bar', async () => {
    const el = await render({ width: 900 });
    button(item(el, 'mate'), 'Add').click();
    await el.updateComplete;
    expect(getComputedStyle($(el, '[part="cart-bar"]')!).display).to.equal('none');
  });

  it('after "Place order" focus goes to the order\'s status, not to the page', async () => {
    const el = await render();
    button(item(el, 'mate'), 'Add').click();
    await el.updateComplete;
    $<HTMLButtonElement>(el, '[part="checkout-button"]')!.focus();
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const heading = $(el, '#my-orders-heading')!;
    expect(deepActive()).to.equal(heading);
    expect(plain(heading.textContent)).to.equal('Your orders');
    expect(plain($(el, '.my-orders')?.textContent)).to.contain('1 × Club-Mate · €3.00 Sending…');
    // The order arrives from the room: the pending entry goes, the heading (and focus) stay.
    const localId = ($(el, '.my-order')!.dataset.localId)!;
    el.orders = [{ id: '$o1', localId, sender: '@me:x', placedAt: NOON, lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }], total: 300, currency: 'EUR' }];
    await el.updateComplete;
    expect(plain($(el, '.my-order .status')?.textContent)).to.equal('Sent, waiting for the vendor');
    expect(deepActive()).to.equal(heading);
  });

  it('an order ready without a pickup number says it is ready, not "number —"', async () => {
    const el = await render();
    el.userId = '@me:x';
    el.orders = [{ id: '$o1', sender: '@me:x', placedAt: NOON, lines: [], total: 0, currency: 'EUR' }];
    el.statusEvents = [{ id: '$s1', orderId: '$o1', status: 'ready', ts: NOON }];
    await el.updateComplete;
    expect(plain($(el, '[part="ready"]')?.textContent)).to.equal('Your order is ready for pickup');
  });
});

describe('food-truck menu: loading before empty', () => {
  afterEach(() => sinon.restore());

  it('says it is loading while `loading` is set, and "No menu yet." only after', async () => {
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" loading></devroom-food-truck-menu>`);
    expect(plain($(el, '.base')?.textContent)).to.equal('Loading the menu…');
    el.loading = false;
    await el.updateComplete;
    expect(plain($(el, '.base')?.textContent)).to.equal('No menu yet.');
  });

  it('a plain page\'s `src` says it is loading until the menu is here', async () => {
    let answer!: (r: Response) => void;
    sinon.stub(window, 'fetch').returns(new Promise<Response>((resolve) => (answer = resolve)));
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" src="/menus/slow.json"></devroom-food-truck-menu>`);
    expect(plain($(el, '.base')?.textContent)).to.equal('Loading the menu…');
    answer(new Response(JSON.stringify(sampleMenuJson())));
    for (let i = 0; i < 100 && !$(el, 'h2'); i++) await aTimeout(10);
    expect(plain($(el, 'h2')?.textContent)).to.equal('Waffle Wagon');
  });
});

describe('food-truck menu: words with their spaces', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    forgetCarts();
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval', 'setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    forgetCarts();
  });

  it('the customer: "· Orders until", "Topping (Choose up to 2)", "Add Club-Mate"', async () => {
    const el = await render();
    const until = new Intl.DateTimeFormat('en', { hour: 'numeric', minute: '2-digit' }).format(new Date('2026-02-01T17:30:00+01:00'));
    expect(plain($(el, '.hours')?.textContent)).to.match(new RegExp(`\\S · Orders until ${plain(until)}$`));
    expect(plain(button(item(el, 'mate'), 'Add').textContent)).to.equal('Add Club-Mate');
    button(item(el, 'classic'), 'Add').click();
    await el.updateComplete;
    expect(plain($(el, 'form.choose legend')?.textContent)).to.equal('Topping (Choose up to 2)');
  });

  it('the vendor: "Classic waffle (Whipped cream) — no nuts", no "0 min", no "—" for an order without a number', async () => {
    const el = await render({ canManage: true, width: 900 });
    const orders: Order[] = [
      {
        id: '$a',
        sender: '@ana:x',
        senderName: 'Ana',
        placedAt: NOON - 10_000,
        lines: [{ itemId: 'classic', name: 'Classic waffle', choices: [{ groupId: 'topping', choiceIds: ['cream'], label: 'Whipped cream' }], quantity: 1, unitPrice: 500, note: 'no nuts' }],
        total: 500,
        currency: 'EUR',
      },
    ];
    // One order was ready 20 s after it was placed.
    el.orders = [...orders, { id: '$b', sender: '@bo:x', placedAt: NOON - 60_000, lines: [], total: 0, currency: 'EUR' }];
    el.statusEvents = [{ id: '$s1', orderId: '$b', status: 'ready', ts: NOON - 40_000, pickupNumber: 3 }];
    await el.updateComplete;
    button(el.shadowRoot!, 'Orders').click();
    await el.updateComplete;
    const card = $(el, '[data-order-id="$a"]')!;
    expect(plain(card.querySelector('.order-lines')?.textContent)).to.equal('1 × Classic waffle (Whipped cream) — no nuts');
    expect(plain(card.querySelector('.pickup')?.textContent)).to.equal('No number yet');
    expect(plain(card.querySelector('.order-head')?.textContent)).to.match(/· under a minute$/);
    expect(plain($(el, '.stats')?.textContent)).to.contain('Average wait under a minute');
    expect(plain($(el, '.stats')?.textContent)).not.to.match(/\b0 min/);
    expect(plain(button(card, 'Accept').textContent)).to.equal('Accept Ana');
  });
});
