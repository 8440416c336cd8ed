/**
 * The menu's two small on-demand parts when the network drops as they load (test/support/
 * chunk-faults.mjs fails the module and its automatic retry): the words for a menu's problems
 * (menu-errors.ts) and the JSON-LD data block for crawlers (jsonld.ts). What the customer sees
 * meanwhile, and that each part arrives at the element's next update (its 15 s clock) once the
 * network is back. The other parts: food-truck-menu.lazy-faults.test.ts. A part loads once per
 * page: the tests run in order, each faulting a part before this page first imports it.
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
// register.ts only (as the widget page does): no part is loaded before a test asks for it.
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';
import { chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const $ = <T extends Element = HTMLElement>(el: DevroomFoodTruckMenu, sel: string) => el.shadowRoot!.querySelector<T>(sel);
const itemNames = (el: DevroomFoodTruckMenu) => [...el.shadowRoot!.querySelectorAll('.item h4')].map((h) => plain(h.textContent));
const jsonLd = (el: DevroomFoodTruckMenu) => el.querySelector(':scope > script[type="application/ld+json"]')?.textContent;

describe('<devroom-food-truck-menu> when its problem words or JSON-LD cannot load', () => {
  let clock: sinon.SinonFakeTimers;
  let minutes = 0;
  beforeEach(() => {
    // A new minute per test: the import retry's fresh URL is `?retry=<Date.now()>`.
    clock = sinon.useFakeTimers({ now: NOON + minutes++ * 60_000, toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  /** The element's 15 s clock ticks: its next update asks again for a part that could not load. */
  async function nextTick(el: DevroomFoodTruckMenu): Promise<void> {
    clock.tick(15_000);
    await el.updateComplete;
  }

  it('JSON-LD: the menu shows as ever, no data block (no retry loop), and the block once back', async () => {
    const part = '/components/food-truck-menu/jsonld.ts';
    await failChunk(part);
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    await chunkFailed(part);
    await el.updateComplete;
    expect(plain($(el, 'h2')?.textContent)).to.equal('Waffle Wagon');
    expect(itemNames(el)).to.include('Club-Mate');
    expect($(el, '[role="alert"]'), 'nothing for the customer to read about it').to.equal(null);
    expect(jsonLd(el), 'no data block').to.equal(undefined);
    // The update its failure caused does not ask again: still two requests after a while.
    await new Promise((r) => setTimeout(r, 300));
    expect(await chunkRequests(part)).to.deep.equal({ failed: 2, served: 0 });
    await nextTick(el);
    await chunkServed(part);
    await waitFor(() => jsonLd(el), 'the JSON-LD data block');
    expect(JSON.parse(jsonLd(el)!)).to.include({ '@type': 'Menu', name: 'Waffle Wagon' });
    expect(el.querySelectorAll('script[type="application/ld+json"]'), 'one block').to.have.length(1);
  });

  it('problem words: a bad menu says where (the path) and keeps the last good menu; the full words once back', async () => {
    const part = '/components/food-truck-menu/menu-errors.ts';
    await failChunk(part);
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    el.menu = { vendor: 'X', currency: 'EUR' };
    await chunkFailed(part);
    await el.updateComplete;
    const alert = () => plain($(el, '[role="alert"]')?.textContent);
    expect(alert()).to.contain('The menu could not be loaded:');
    expect(alert(), 'where, without the words').to.contain('sections');
    expect(alert()).not.to.contain('is required');
    expect(alert()).to.contain('Showing the last menu that loaded.');
    expect(itemNames(el), 'the last good menu').to.include('Club-Mate');
    await nextTick(el);
    await chunkServed(part);
    await waitFor(() => alert().includes('sections: is required'), 'the words');
    expect(el.menuErrors).to.deep.equal(['sections: is required']);
    expect(itemNames(el)).to.include('Club-Mate');
  });
});
