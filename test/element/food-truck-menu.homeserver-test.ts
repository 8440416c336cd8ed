import { expect } from '@open-wc/testing';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { conference, leaveAll, sit } from './conference.js';
import { inWidget, waitForText, waitInWidget } from './in-widget.js';
import type { FrameOf } from './in-widget.js';

/** The sample menu, open for ordering now. */
function menuNow(): Record<string, unknown> {
  const m = sampleMenuJson();
  const now = Date.now();
  m.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
  m.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
  return m as unknown as Record<string, unknown>;
}

/** Clicks the first button whose text starts with `label` (inside `within`, if given) once it shows. */
function press(widget: FrameOf, label: string, within = ''): Promise<unknown> {
  return waitInWidget(widget, `the "${label}" button`, (dom, text, scope) => {
    const roots = scope ? dom.findAll(scope) : [document.body];
    for (const root of roots) {
      const button = dom.findAll('button', root).find((b) => (b.textContent ?? '').replace(/\s+/g, ' ').trim().startsWith(text)) as HTMLButtonElement | undefined;
      if (button && !button.disabled) {
        button.click();
        return true;
      }
    }
    return false;
  }, label, within);
}

/** The words of what `selector` finds, as the page has them (visibleText puts a space between elements; this does not). */
function wordsOf(widget: FrameOf, selector: string): Promise<string> {
  return waitInWidget(widget, selector, (dom, sel) => {
    const found = dom.findAll(sel).map((e) => (e.textContent ?? '').replace(/\s+/g, ' ').trim());
    return found.length ? found.join(' | ') : undefined;
  }, selector).then((words) => words ?? '');
}

describe('food truck through Element on a homeserver', () => {
  afterEach(leaveAll);

  it('a customer orders, the vendor accepts, prepares and marks it ready; the customer sees the pickup number', async () => {
    const conf = await conference({ people: { Vera: 50, Alice: 0 }, widgets: ['food-truck-menu'] });
    await conf.setState(conf.people.Vera!, EventTypes.menu, '', menuNow());
    const vera = await sit(conf, conf.people.Vera!, 'food-truck-menu');
    const alice = await sit(conf, conf.people.Alice!, 'food-truck-menu');
    // The built page keeps the spaces between words (its template minifier once dropped them).
    await waitForText(alice.widget, 'Orders until');
    expect(await wordsOf(alice.widget, '.hours')).to.match(/[^\s·] · Orders until /);
    await press(alice.widget, 'Add', 'article[aria-labelledby="item-classic"]');
    expect(await wordsOf(alice.widget, 'form.choose legend')).to.equal('Topping (Choose up to 2)');
    await inWidget(alice.widget, (dom) => {
      const label = dom.findAll('form.choose label').find((l) => (l.textContent ?? '').includes('Whipped cream'));
      label?.querySelector('input')?.click();
    });
    await press(alice.widget, 'Add to order');
    await press(alice.widget, 'Add', 'article[aria-labelledby="item-mate"]');
    // The order so far, where the person is.
    await waitForText(alice.widget, '2 items · €8\\.00');
    await press(alice.widget, 'Place order');
    await waitForText(alice.widget, 'Sent, waiting for the vendor');
    await press(vera.widget, 'Orders (1)');
    await waitForText(vera.widget, '1 × Club-Mate');
    await waitForText(vera.widget, 'Classic waffle');
    expect(await wordsOf(vera.widget, '.order-lines li')).to.equal('1 × Classic waffle (Whipped cream) | 1 × Club-Mate');
    expect(await wordsOf(vera.widget, '.order .pickup')).to.equal('No number yet');
    await press(vera.widget, 'Accept');
    await press(vera.widget, 'Start preparing');
    await press(vera.widget, 'Mark ready');
    await waitForText(alice.widget, 'Ready for pickup — number 1');
    // A reload reads it all back from the server's /relations.
    await leaveAll();
    const again = await sit(conf, conf.people.Alice!, 'food-truck-menu');
    await waitForText(again.widget, 'Ready for pickup — number 1');
    const text = await inWidget(again.widget, (dom) => dom.text());
    expect(text).to.contain('1 × Club-Mate');
  });
});
