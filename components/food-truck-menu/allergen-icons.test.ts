import { expect, fixture, html, oneEvent } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomFoodTruckMenu } from './define.js';
import { ALLERGEN_IDS } from './menu.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

/** #17 item 3: allergen marks are drawn (SVG), not emoji, which show as empty boxes without an emoji font. */

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const EMOJI = /\p{Extended_Pictographic}/u;

/** All text a person could see in `root`, through shadow roots. */
function deepText(root: Node): string {
  let text = '';
  for (const node of (root as ParentNode).childNodes ?? []) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element) text += (node.shadowRoot ? deepText(node.shadowRoot) : '') + deepText(node);
  }
  return text;
}

describe('food-truck menu: allergen icons', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
  });
  afterEach(() => clock.restore());

  it('each allergen shows a drawn icon beside its name; screen readers get the name alone', async () => {
    const menu = sampleMenuJson();
    menu.sections[0]!.items[0]!.allergens = { contains: [...ALLERGEN_IDS], mayContain: [] };
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" ordering .menu=${menu}></devroom-food-truck-menu>`);
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('article[aria-labelledby="item-classic"] .contains li')];
    expect(items).to.have.length(14);
    const drawings = new Set<string>();
    for (const li of items) {
      const svg = li.querySelector('svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      const box = svg.getBoundingClientRect();
      const fontSize = parseFloat(getComputedStyle(li).fontSize);
      // Drawn at the size of the words, and with something in it (not an empty box).
      expect(box.width).to.be.closeTo(1.25 * fontSize, 1);
      expect(svg.querySelectorAll('path, circle, ellipse, rect').length).to.be.greaterThan(0);
      expect(getComputedStyle(svg.querySelector('path, circle, ellipse, rect')!).stroke).to.equal(getComputedStyle(li).color);
      drawings.add(svg.innerHTML.replace(/<!--[^>]*-->/g, ''));
      // The words beside it, after a gap.
      expect(plain(li.textContent)).to.match(/^[A-Z][^,]+,?$/);
      expect(parseFloat(getComputedStyle(svg).marginInlineEnd)).to.be.greaterThan(0);
    }
    expect(drawings.size, 'every allergen has its own icon').to.equal(14);
    expect(plain(el.shadowRoot!.querySelector('.contains')?.textContent)).to.contain('Contains: Cereals containing gluten, Crustaceans, Eggs,');
    await expect(el).to.be.accessible();
  });

  it('no emoji anywhere: the menu, the filters, the cart and the vendor\'s queue', async () => {
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" ordering .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    await el.updateComplete;
    const details = el.shadowRoot!.querySelector<HTMLDetailsElement>('details.filters')!;
    details.querySelector('summary')!.click();
    await oneEvent(details, 'toggle');
    el.shadowRoot!.querySelector<HTMLButtonElement>('[data-add="mate"]')!.click();
    await el.updateComplete;
    expect(el.shadowRoot!.querySelectorAll('.filters .checks svg.icon')).to.have.length(14);
    const customer = deepText(el.shadowRoot!);
    expect(customer).to.contain('Cereals containing gluten');
    expect(customer).to.contain('Your order');
    expect(customer.match(EMOJI)).to.equal(null);

    const vendor = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" can-manage .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    vendor.orders = [{ id: '$a', sender: '@ana:x', placedAt: NOON, lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }], total: 300, currency: 'EUR' }];
    await vendor.updateComplete;
    [...vendor.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.includes('Orders'))!.click();
    await vendor.updateComplete;
    const queue = deepText(vendor.shadowRoot!);
    expect(queue).to.contain('Club-Mate');
    expect(queue.match(EMOJI)).to.equal(null);
  });
});
