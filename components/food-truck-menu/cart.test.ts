import { expect } from '@open-wc/testing';
import { acceptPrices, addToCart, emptyCart, removeUnavailable, reviewCart, setQuantity, toOrderLines } from './cart.js';
import type { Cart } from './cart.js';
import { parseMenu } from './menu-errors.js';
import type { Availability, Menu } from './menu.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

function menu(edit?: (json: ReturnType<typeof sampleMenuJson>) => void): Menu {
  const json = sampleMenuJson();
  edit?.(json);
  const r = parseMenu(json);
  if (!r.ok) throw new Error(r.errors.join('\n'));
  return r.menu;
}

function add(cart: Cart, m: Menu, itemId: string, input = {}): Cart {
  const r = addToCart(cart, m, itemId, input, NOON);
  if (!r.ok) throw new Error(r.reason);
  return r.cart;
}

describe('food-truck cart model', () => {
  it('adds lines with options, merges identical ones and totals in minor units', () => {
    const m = menu();
    let cart = add(emptyCart(), m, 'classic', { choices: { topping: ['choc', 'cream'] } });
    cart = add(cart, m, 'classic', { choices: { topping: ['cream', 'choc'] } });
    cart = add(cart, m, 'mate', { quantity: 2, note: 'cold please' });
    expect(cart.lines).to.have.length(2);
    expect(cart.lines[0]!.quantity).to.equal(2);
    expect(cart.lines[0]!.choices).to.deep.equal({ topping: ['cream', 'choc'] });
    const review = reviewCart(cart, m, NOON);
    expect(review.total).to.equal(2 * (450 + 50 + 80) + 2 * 300);
    expect(review.itemCount).to.equal(4);
    expect(review.blocked).to.equal(false);
    expect(toOrderLines(review)[0]).to.deep.equal({
      itemId: 'classic',
      name: 'Classic waffle',
      choices: [{ groupId: 'topping', choiceIds: ['cream', 'choc'], label: 'Whipped cream, Chocolate' }],
      quantity: 2,
      unitPrice: 580,
    });
  });

  it('refuses sold-out, hidden, unknown items and invalid options', () => {
    const m = menu();
    expect(addToCart(emptyCart(), m, 'coffee', {}, NOON)).to.deep.equal({ ok: false, reason: 'sold out' });
    expect(addToCart(emptyCart(), m, 'secret', {}, NOON)).to.deep.equal({ ok: false, reason: 'not on the menu' });
    expect(addToCart(emptyCart(), m, 'nope', {}, NOON).ok).to.equal(false);
    expect(addToCart(emptyCart(), m, 'classic', { choices: { topping: ['cream', 'choc', 'cream'] } }, NOON).ok).to.equal(false);
    expect(addToCart(emptyCart(), m, 'classic', { choices: { topping: ['gold'] } }, NOON).ok).to.equal(false);
  });

  for (const [availability, kind] of [['sold-out', 'sold-out'], ['hidden', 'hidden']] as [Availability, string][]) {
    it(`flags a line whose item became ${availability} and blocks checkout`, () => {
      let cart = add(emptyCart(), menu(), 'classic');
      cart = add(cart, menu(), 'mate');
      const now = menu((j) => ((j.sections[0]!.items[0] as Record<string, unknown>).availability = availability));
      const review = reviewCart(cart, now, NOON);
      expect(review.lines[0]!.issues).to.deep.equal([{ kind }]);
      expect(review.lines[0]!.blocked).to.equal(true);
      expect(review.lines[1]!.blocked).to.equal(false);
      expect(review.blocked).to.equal(true);
      const cleaned = removeUnavailable(cart, now);
      expect(cleaned.lines.map((l) => l.itemId)).to.deep.equal(['mate']);
      expect(reviewCart(cleaned, now, NOON).blocked).to.equal(false);
    });
  }

  it('flags a removed item', () => {
    const cart = add(emptyCart(), menu(), 'mate');
    const now = menu((j) => j.sections.pop());
    const review = reviewCart(cart, now, NOON);
    expect(review.lines[0]!.issues).to.deep.equal([{ kind: 'removed' }]);
    expect(review.total).to.equal(0);
    expect(review.blocked).to.equal(true);
  });

  it('flags a price change until the customer accepts it', () => {
    const cart = add(emptyCart(), menu(), 'classic', { choices: { topping: ['cream'] } });
    const now = menu((j) => (j.sections[0]!.items[0]!.price = 480));
    const review = reviewCart(cart, now, NOON);
    expect(review.lines[0]!.issues).to.deep.equal([{ kind: 'price-changed', was: 500, now: 530 }]);
    expect(review.blocked).to.equal(true);
    const accepted = reviewCart(acceptPrices(cart, now), now, NOON);
    expect(accepted.blocked).to.equal(false);
    expect(accepted.total).to.equal(530);
  });

  it('flags an option that ran out', () => {
    const cart = add(emptyCart(), menu(), 'classic', { choices: { topping: ['choc'] } });
    const now = menu((j) => (j.sections[0]!.items[0]!.options![0]!.choices[1]!.available = false));
    const review = reviewCart(cart, now, NOON);
    expect(review.lines[0]!.issues[0]).to.deep.equal({ kind: 'options', message: 'Topping: Chocolate is no longer available' });
    expect(review.blocked).to.equal(true);
  });

  it('low stock is shown but does not block', () => {
    const cart = add(emptyCart(), menu(), 'vegan');
    const review = reviewCart(cart, menu(), NOON);
    expect(review.lines[0]!.issues).to.deep.equal([{ kind: 'low' }]);
    expect(review.blocked).to.equal(false);
  });

  it('blocks when ordering is closed or the cart is empty; quantity 0 removes', () => {
    const cart = add(emptyCart(), menu(), 'mate');
    expect(reviewCart(cart, menu((j) => (j.ordering.open = false)), NOON).blocked).to.equal(true);
    expect(reviewCart(cart, menu(), Date.parse('2026-02-01T17:31:00+01:00')).blocked).to.equal(true);
    expect(reviewCart(setQuantity(cart, 'l1', 0), menu(), NOON).blocked).to.equal(true);
    expect(setQuantity(cart, 'l1', 99).lines[0]!.quantity).to.equal(20);
  });

  it('honours item time windows', () => {
    const m = menu((j) => ((j.sections[1]!.items[0] as Record<string, unknown>).window = { until: '2026-02-01T11:00:00+01:00' }));
    expect(addToCart(emptyCart(), m, 'mate', {}, NOON)).to.deep.equal({ ok: false, reason: 'not available at this time' });
    const cart = add(emptyCart(), menu(), 'mate');
    expect(reviewCart(cart, m, NOON).lines[0]!.issues[0]!.kind).to.equal('not-now');
  });
});
