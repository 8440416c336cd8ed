import { expect, fixture, html } from '@open-wc/testing';
import './define.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { $, boothText } from './test-helpers.js';

/**
 * Issue #17.2: while the stand is read ("Loading the stand…") the booth has no name yet: no
 * empty heading for a screen reader to land on (axe `empty-heading`), no "not set up yet";
 * the name's heading once the stand is there, or a plain page's own slotted name.
 */
describe('<devroom-stand-booth loading>', () => {
  it('says "Loading the stand…", shows no empty state and no empty heading, and is accessible', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" loading></devroom-stand-booth>`);
    expect(boothText(el)).to.contain('Loading the stand…');
    expect(boothText(el)).to.not.contain('not been set up');
    const headings = [...el.shadowRoot!.querySelectorAll<HTMLElement>('h1, h2, h3, [role="heading"]')].filter((h) => h.checkVisibility());
    expect(headings.map((h) => h.textContent!.trim())).to.not.include('');
    await expect(el).to.be.accessible();
  });

  it('once the stand is read: its name as the heading', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" loading></devroom-stand-booth>`);
    el.stand = sampleStand();
    el.loading = false;
    await el.updateComplete;
    const heading = $(el, 'h2[part="name"]')!;
    expect(heading.checkVisibility()).to.equal(true);
    expect(heading.innerText.trim()).to.equal('Kitten Linux');
    expect(boothText(el)).to.not.contain('Loading the stand');
  });

  it('a plain page naming the stand in the name slot, also when added later: that heading', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en"></devroom-stand-booth>`);
    const name = document.createElement('span');
    name.slot = 'name';
    name.textContent = 'Slotted Stand';
    el.append(name);
    await new Promise((r) => setTimeout(r));
    await el.updateComplete;
    const heading = $(el, 'h2[part="name"]')!;
    expect(heading.checkVisibility()).to.equal(true);
    expect(heading.querySelector('slot')!.assignedNodes().map((n) => n.textContent)).to.deep.equal(['Slotted Stand']);
    await expect(el).to.be.accessible();
  });
});
