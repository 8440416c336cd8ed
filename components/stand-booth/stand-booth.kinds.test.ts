/**
 * A link's kind and a schedule slot's kind stand beside their words, unless those words say it
 * already: the demo's stand read "Website Website" and "Meet the maintainers Meet the maintainers".
 */
import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();

describe('<devroom-stand-booth> kinds beside links and slots', () => {
  it('says a kind once: not beside words that already say it, beside words that do not', async () => {
    const stand = sampleStand();
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" .stand=${stand}></devroom-stand-booth>`);
    await el.updateComplete;
    const links = [...el.shadowRoot!.querySelectorAll('[part~="links"] li')].map((li) => plain(li.textContent));
    expect(links).to.include('Website');
    expect(links).to.include('Source Source code');
    expect(links).to.include('Docs Handbook');
    // The schedule is an on-demand part.
    await new Promise((resolve) => setTimeout(resolve, 0));
    await el.updateComplete;
    const slots = [...el.shadowRoot!.querySelectorAll('[part="schedule"] li strong')].map((s) => plain(s.parentElement!.textContent));
    const meet = slots.find((s) => s.includes('Meet the maintainers'))!;
    expect(meet).to.match(/^Meet the maintainers \S/);
    expect(meet).not.to.contain('Meet the maintainers Meet the maintainers');
    expect(slots.find((s) => s.includes('Installer demo'))).to.match(/^Demo Installer demo /);
    await expect(el).to.be.accessible();
  });
});
