import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
// register.ts only, as the widget page does.
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { checkMenu } from './menu.js';
import { NOON, sampleMenuJson } from './test-fixtures.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/[\u00a0\u202f]/g, ' ').replace(/\s+/g, ' ').trim();
const text = (el: DevroomFoodTruckMenu, sel: string) => plain(el.shadowRoot!.querySelector(sel)?.textContent);

const render = async (menu: unknown, lang = 'en') => {
  const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang=${lang} .menu=${menu}></devroom-food-truck-menu>`);
  await el.updateComplete;
  return el;
};

describe('<devroom-food-truck-menu> menus with opening hours, time windows, options or images', () => {
  let clock: sinon.SinonFakeTimers;
  beforeEach(() => {
    clock = sinon.useFakeTimers({ now: NOON, toFake: ['Date', 'setInterval', 'clearInterval'], shouldAdvanceTime: true });
  });
  afterEach(() => {
    clock.restore();
    sinon.restore();
  });

  it('checkMenu checks every field at once: a menu with hours, windows and options is accepted', () => {
    const result = checkMenu(sampleMenuJson());
    expect(result.ok).to.equal(true);
    expect(result.ok && result.menu.openingHours.length).to.be.greaterThan(0);
  });

  it('the first render shows the menu with its hours and options', async () => {
    const el = await render(sampleMenuJson());
    expect(text(el, 'h2')).to.equal('Waffle Wagon');
    expect(text(el, '.hours')).to.match(/^Open now, until/);
    expect(el.currentMenu!.sections[0]!.items[0]!.options[0]!.choices.length).to.be.greaterThan(0);
  });

  it('checks options, windows, images and links: a bad one is an error, the last good menu stays', async () => {
    const el = await render(sampleMenuJson());
    const bad = sampleMenuJson();
    bad.sections[0]!.items[0]!.options![0]!.min = 4;
    bad.sections[0]!.items[0]!.options![0]!.max = 4;
    bad.sections[0]!.items[1]!.window = { from: '2026-02-01T12:00:00+01:00', until: '2026-02-01T11:00:00+01:00' };
    el.menu = bad;
    await el.updateComplete;
    expect(el.menuErrors).to.deep.equal([
      'sections[0].items[0].options[0].min: is 4 but there are only 2 choices',
      'sections[0].items[1].window: "from" must be before "until"',
    ]);
    expect(text(el, 'h2')).to.equal('Waffle Wagon');
    // Images and the vendor's link are checked here too: no javascript: URLs, alt text required.
    const pics = sampleMenuJson();
    pics.vendor = { name: 'Waffle Wagon', url: 'javascript:alert(1)' };
    pics.sections[0]!.items[0]!.image = { url: 'https://example.org/w.jpg' };
    el.menu = pics;
    await el.updateComplete;
    expect(el.menuErrors.map((e) => e.split(':')[0])).to.deep.equal(['vendor.url', 'sections[0].items[0].image.alt']);
    pics.vendor = { name: 'Waffle Wagon', url: 'https://example.org/' };
    pics.sections[0]!.items[0]!.image = { url: 'https://example.org/w.jpg', alt: 'A waffle' };
    el.menu = { ...pics };
    await el.updateComplete;
    expect(el.menuErrors).to.deep.equal([]);
    expect(el.shadowRoot!.querySelector('img')!.alt).to.equal('A waffle');
  });

  it('German hours and window badges', async () => {
    const json = sampleMenuJson();
    json.sections[0]!.items[0]!.window = { until: '2026-02-01T13:00:00Z' };
    const el = await render(json, 'de');
    expect(text(el, '.hours')).to.match(/^Jetzt geöffnet, bis/);
    expect(text(el, '.item .badges')).to.equal(`Bis ${new Date('2026-02-01T13:00:00Z').toLocaleTimeString('de', { hour: 'numeric', minute: '2-digit' })}`);
  });
});
