import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomFoodTruckMenu, PlaceOrderDetail } from './define.js';
import { addToCart, checkChoices, emptyCart, reviewCart, toOrderLines, unitPrice } from './cart.js';
import type { Cart } from './cart.js';
import { parseMenu } from './menu-errors.js';
import type { Menu } from './menu.js';
import type { Order, OrderStatusEvent } from './orders.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

/**
 * Ids come from the vendor's menu and from other people's orders: names that
 * Object.prototype also has must be ids like any other (a plain object indexed by them
 * finds a function where it expects a list).
 */

const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];
/** What a menu may carry (`__proto__` does not pass the id pattern; the model must cope anyway). */
const MENU_IDS = HOSTILE.filter((id) => id !== '__proto__');

type Json = ReturnType<typeof sampleMenuJson>;
const group = (id: string) => ({ id, name: `Group ${id}`, min: 0, max: 1, choices: [{ id: 'toString', name: `Extra ${id}`, priceDelta: 10 }] });

/** The sample menu; the classic waffle gets one option group per id, the mate item the id `constructor`. */
function menu(ids: string[]): Menu {
  const json: Json = sampleMenuJson();
  const classic = json.sections[0]!.items[0]!;
  classic.options = ids.map((_, i) => group(`g${i}`));
  const parsed = parseMenu(json);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  // Set after parsing, so `__proto__` reaches the model too.
  parsed.menu.sections[0]!.items[0]!.options.forEach((g, i) => (g.id = ids[i]!));
  return parsed.menu;
}

function add(cart: Cart, m: Menu, choices: Record<string, string[]>): Cart {
  const r = addToCart(cart, m, 'classic', { choices }, NOON);
  if (!r.ok) throw new Error(r.reason);
  return r.cart;
}

describe('food-truck model: hostile option-group ids', () => {
  it('adds, prices, merges and orders lines whatever the group ids are', () => {
    const m = menu(HOSTILE);
    // Nothing chosen: every group is looked up and must read as "no choice".
    let cart = add(emptyCart(), m, {});
    for (const id of HOSTILE) {
      const choices = Object.fromEntries([[id, ['toString']]]) as Record<string, string[]>;
      cart = add(cart, m, choices);
      cart = add(cart, m, choices);
    }
    // One line without options, one per group (each added twice: merged).
    expect(cart.lines.map((l) => l.quantity)).to.deep.equal([1, 2, 2, 2, 2, 2]);
    const review = reviewCart(cart, m, NOON);
    expect(review.blocked).to.equal(false);
    expect(review.lines.map((l) => l.unitPrice)).to.deep.equal([450, 460, 460, 460, 460, 460]);
    const lines = toOrderLines(review);
    expect(lines.slice(1).map((l) => l.choices)).to.deep.equal(
      HOSTILE.map((id, i) => [{ groupId: id, choiceIds: ['toString'], label: `Extra g${i}` }]),
    );
  });

  it('checks choices given as a plain object or a null-prototype one', () => {
    const m = menu(HOSTILE);
    const item = m.sections[0]!.items[0]!;
    expect(checkChoices(item, {})).to.equal(undefined);
    expect(checkChoices(item, Object.create(null) as Record<string, string[]>)).to.equal(undefined);
    expect(unitPrice(item, {})).to.equal(450);
    expect(checkChoices(item, { nope: [] })).to.equal('unknown option group "nope"');
  });
});

describe('<devroom-food-truck-menu> with hostile ids', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date'], shouldAdvanceTime: true });
  });
  afterEach(() => clock.restore());

  const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
  const button = (root: ParentNode, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => plain(b.textContent).startsWith(text));

  it('a customer orders an item whose option groups are named like Object.prototype members', async () => {
    const json = sampleMenuJson();
    json.sections[0]!.items[0]!.options = MENU_IDS.map(group);
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" ordering .menu=${json}></devroom-food-truck-menu>`);
    const classic = [...el.shadowRoot!.querySelectorAll('.item')].find((i) => i.querySelector('h4')?.textContent?.trim() === 'Classic waffle')!;
    button(classic, 'Add')!.click();
    await el.updateComplete;
    const form = el.shadowRoot!.querySelector('form.choose')!;
    const extra = [...form.querySelectorAll('label')].find((l) => l.textContent?.includes('Extra toString'))!.querySelector('input')!;
    extra.click();
    await el.updateComplete;
    button(form, 'Add to order')!.click();
    await el.updateComplete;
    const placed = new Promise<PlaceOrderDetail>((resolve) => el.addEventListener('devroom-place-order', (e) => resolve(e.detail), { once: true }));
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="checkout-button"]')!.click();
    const detail = await placed;
    expect(detail.lines[0]!.choices).to.deep.equal([{ groupId: 'toString', choiceIds: ['toString'], label: 'Extra toString' }]);
    expect(detail.total).to.equal(460);
  });

  it('the vendor sees orders whose ids, senders and lines are named like Object.prototype members', async () => {
    const orders: Order[] = HOSTILE.map((id, i) => ({
      id,
      sender: id,
      senderName: id,
      placedAt: NOON - (i + 1) * 60_000,
      lines: [{ itemId: id, name: id, choices: [{ groupId: id, choiceIds: [id], label: id }], quantity: 1, unitPrice: 100 }],
      total: 100,
      currency: 'EUR',
    }));
    const statusEvents: OrderStatusEvent[] = [{ id: 'valueOf', orderId: 'constructor', status: 'ready', ts: NOON, pickupNumber: 3 }];
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" can-manage .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    el.orders = orders;
    el.statusEvents = statusEvents;
    await el.updateComplete;
    button(el.shadowRoot!, 'Orders')!.click();
    await el.updateComplete;
    const shown = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.order')].map((o) => o.dataset.orderId).sort();
    expect(shown).to.deep.equal([...HOSTILE].sort());
    expect(plain(button(el.shadowRoot!, 'Orders')!.textContent)).to.equal(`Orders (${HOSTILE.length})`);
  });
});
