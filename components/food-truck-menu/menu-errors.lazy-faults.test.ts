/**
 * A failed load of menu-more.ts must not block the words for menu problems. Chromium keeps a
 * failed module fetch in its module map: the import retry asks for menu-more again on a fresh
 * URL, but a module that imported it statically would keep asking for the failed original
 * URL, and fail until a reload. Here menu-more fails once, the network comes back, and an
 * invalid menu's problems are still worded (not shown as bare paths).
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
// register.ts only (as the widget page does): no part is loaded before the test asks for it.
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';
import { chunkBack, chunkFailed, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();

/** The sample menu without the fields menu-more.ts checks (options, windows, hours, cut-off). */
function plainMenu() {
  const json = sampleMenuJson() as unknown as Record<string, unknown> & { ordering: Record<string, unknown>; sections: { items: Record<string, unknown>[] }[] };
  delete json.openingHours;
  delete json.ordering.closesAt;
  for (const s of json.sections) for (const i of s.items) delete i.options;
  return json;
}

describe('<devroom-food-truck-menu> menu problems after menu-more.ts failed to load', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  it('words an invalid menu while menu-more.ts is down, and after it is back', async () => {
    const part = '/components/food-truck-menu/menu-more.ts';
    await failChunk(part, 100); // down until chunkBack
    const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" .menu=${sampleMenuJson()}></devroom-food-truck-menu>`);
    await chunkFailed(part);
    await el.updateComplete;
    // A menu the first load checks by itself, with a wrong price: its words need no menu-more.
    const bad = plainMenu();
    bad.sections[0]!.items[0]!.price = -1;
    el.menu = bad;
    await waitFor(() => el.menuErrors[0]?.startsWith('sections[0].items[0].price: '), 'worded problems (menu-more down)');
    expect(el.menuErrors).to.deep.equal(['sections[0].items[0].price: expected a non-negative integer (minor units)']);
    expect(plain(el.shadowRoot!.querySelector('[part="error"] li')?.textContent)).to.equal(el.menuErrors[0]);
    // Back: another invalid menu is worded too (a module importing menu-more statically
    // would keep its failed URL and fail until a reload).
    await chunkBack(part);
    const worse = plainMenu();
    worse.sections[0]!.items[1]!.price = 1.5;
    el.menu = worse;
    await waitFor(() => el.menuErrors[0]?.startsWith('sections[0].items[1].price: '), 'worded problems (back)');
    expect(el.menuErrors).to.deep.equal(['sections[0].items[1].price: expected a non-negative integer (minor units)']);
    // menu-more itself loads again at the next update (the clock's), for the menus that need it.
    el.menu = sampleMenuJson();
    await el.updateComplete;
    clock.tick(15_000);
    await chunkServed(part);
    await waitFor(() => el.shadowRoot!.querySelector('.hours'), 'the opening hours');
    expect(el.menuErrors).to.deep.equal([]);
  });
});
