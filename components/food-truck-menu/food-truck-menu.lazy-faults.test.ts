/**
 * What a customer sees when a part of the menu loads on demand and the network drops right
 * then (test/support/chunk-faults.mjs fails the module and its automatic retry on a fresh
 * URL), and that it recovers once the network is back. The tests run in order: each part is
 * faulted before this page first imports it (a page fetches a module once). The loading rule
 * itself (once, no loop, asked again at a later update) is tested in
 * components/shared/lazy-part.test.ts; here, what the menu shows meanwhile.
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
// register.ts only (as the widget page does): no part is loaded before a test asks for it.
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { filterStorageKey } from './filters-key.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';
import { chunkBack, chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => [...el.shadowRoot!.querySelectorAll<T>(sel)];
const item = (el: DevroomFoodTruckMenu, name: string) => $$(el, '.item').find((i) => i.querySelector('h4')?.textContent?.trim() === name);
const button = (root: ParentNode, text: string) => [...root.querySelectorAll<HTMLButtonElement>('button')].find((b) => plain(b.textContent).startsWith(text));
const cartLines = (el: DevroomFoodTruckMenu) => $$(el, '.cart .line').map((l) => plain(l.querySelector('.line-name')?.textContent));

async function render(opts: { ordering?: boolean } = {}): Promise<DevroomFoodTruckMenu> {
  const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" ?ordering=${opts.ordering} .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
  await el.updateComplete;
  return el;
}

/** The element's 15 s clock ticks: its next update asks again for a part that could not load. */
async function nextTick(clock: sinon.SinonFakeTimers, el: DevroomFoodTruckMenu): Promise<void> {
  clock.tick(15_000);
  await el.updateComplete;
}

describe('<devroom-food-truck-menu> when a part cannot load', () => {
  let clock: sinon.SinonFakeTimers;
  let minutes = 0;
  // Carts are kept per tab (sessionStorage): every test starts with none, and leaves none.
  const forgetCarts = () => {
    for (const key of Object.keys(sessionStorage)) if (key.startsWith('devroom:')) sessionStorage.removeItem(key);
  };
  afterEach(forgetCarts);
  beforeEach(() => {
    forgetCarts();
    localStorage.removeItem(filterStorageKey('Waffle Wagon'));
    // A new minute per test: the import retry's fresh URL is `?retry=<Date.now()>`, and a URL
    // that failed in an earlier test of this page stays failed in its module map.
    clock = sinon.useFakeTimers({ now: NOON + minutes++ * 60_000, toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  it('ordering: the menu stays readable while the ordering part cannot load, and ordering works once back', async () => {
    // The other parts first (JSON-LD): else their arrival is an update, and an update asks
    // again for the ordering part at once.
    await render();
    const part = '/components/food-truck-menu/ordering-view.ts';
    await failChunk(part);
    const el = await render({ ordering: true });
    await chunkFailed(part);
    await el.updateComplete;
    expect(plain($(el, 'h2')?.textContent)).to.equal('Waffle Wagon');
    expect(!!item(el, 'Club-Mate'), 'the menu is there').to.equal(true);
    expect(!!button(item(el, 'Club-Mate')!, 'Add'), 'no Add button yet').to.equal(false);
    await nextTick(clock, el);
    await chunkServed(part);
    await waitFor(() => button(item(el, 'Club-Mate')!, 'Add'), 'the Add button');
    button(item(el, 'Club-Mate')!, 'Add')!.click();
    await el.updateComplete;
    expect(cartLines(el)).to.deep.equal(['1 × Club-Mate']);
  });

  it('keeps the cart while the filter panel cannot load, and shows the filters once back', async () => {
    const part = '/components/food-truck-menu/filters-panel.ts';
    await failChunk(part);
    const el = await render({ ordering: true });
    await waitFor(() => item(el, 'Club-Mate') && button(item(el, 'Club-Mate')!, 'Add'), 'the Add button');
    button(item(el, 'Club-Mate')!, 'Add')!.click();
    await el.updateComplete;
    button(item(el, 'Club-Mate')!, 'Add')!.click();
    await el.updateComplete;
    expect(cartLines(el)).to.deep.equal(['2 × Club-Mate']);
    const details = $<HTMLDetailsElement>(el, 'details.filters')!;
    details.querySelector('summary')!.click();
    await chunkFailed(part);
    await el.updateComplete;
    expect(details.open).to.equal(true);
    expect(cartLines(el)).to.deep.equal(['2 × Club-Mate']);
    await nextTick(clock, el);
    await chunkServed(part);
    await waitFor(() => $$(el, '.filters label').length > 0, 'the filter checkboxes');
    expect(cartLines(el)).to.deep.equal(['2 × Club-Mate']);
    expect(await chunkRequests(part)).to.deep.equal({ failed: 2, served: 1 });
  });

  it('an mxc:// item image keeps its placeholder while the media part cannot load (no retry loop), and shows once back', async () => {
    const part = '/components/food-truck-menu/menu-media.ts';
    await failChunk(part, 100); // down until chunkBack
    const png = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
    const loadMedia = sinon.fake(async () => URL.createObjectURL(new Blob([png], { type: 'image/png' })));
    const menu = sampleMenuJson();
    menu.sections[1]!.items[0]!.image = { url: 'mxc://example.org/mate', alt: 'A bottle of Club-Mate' };
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" .loadMedia=${loadMedia} .menu=${menu}></devroom-food-truck-menu>`);
    await chunkFailed(part);
    await el.updateComplete;
    expect(plain(item(el, 'Club-Mate')?.querySelector('.image-missing')?.textContent)).to.equal('A bottle of Club-Mate');
    expect(item(el, 'Club-Mate')?.querySelector('img')).to.equal(null);
    const { failed } = await chunkRequests(part);
    await new Promise((r) => setTimeout(r, 300));
    expect(await chunkRequests(part), 'no loop while offline').to.deep.equal({ failed, served: 0 });
    await chunkBack(part);
    await nextTick(clock, el);
    await chunkServed(part);
    const img = await waitFor(() => {
      const found = item(el, 'Club-Mate')?.querySelector('img');
      return found?.complete && found.naturalWidth > 0 ? found : undefined;
    }, 'the image');
    expect(img.alt).to.equal('A bottle of Club-Mate');
    expect(loadMedia.args).to.deep.equal([['mxc://example.org/mate']]);
  });

  it('a vendor sees the menu while the vendor view cannot load, and the orders tab once back', async () => {
    const part = '/components/food-truck-menu/vendor-view.ts';
    await failChunk(part, 100); // down until chunkBack (other parts arriving are updates that ask again)
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" can-manage .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    el.orders = [{ id: '$a', sender: '@ana:x', placedAt: NOON, lines: [{ itemId: 'mate', name: 'Club-Mate', choices: [], quantity: 1, unitPrice: 300 }], total: 300, currency: 'EUR' }];
    await chunkFailed(part);
    await el.updateComplete;
    expect(plain($(el, 'h2')?.textContent)).to.equal('Waffle Wagon');
    expect(!!item(el, 'Club-Mate'), 'the menu is there').to.equal(true);
    expect(!!$(el, '.tabs'), 'no tabs yet').to.equal(false);
    await chunkBack(part);
    await nextTick(clock, el);
    await chunkServed(part);
    await waitFor(() => button(el.shadowRoot!, 'Orders'), 'the Orders tab');
    button(el.shadowRoot!, 'Orders')!.click();
    await el.updateComplete;
    expect(plain($(el, '.base')?.textContent)).to.contain('Club-Mate');
    expect((await chunkRequests(part)).served).to.equal(1);
  });
});
