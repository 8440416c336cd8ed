import { expect, fixture, html } from '@open-wc/testing';
import * as icons from './icons.js';
import type { Icon } from './icons.js';

/** Every icon draws something at the size of its text, in its colour, hidden from screen readers. */
describe('icons', () => {
  const all = Object.entries(icons) as [string, Icon][];

  it('has a thumbs-up and a raised hand (the Q&A) and the 14 allergens', () => {
    expect(all.map(([name]) => name)).to.include.members(['thumbsUp', 'raisedHand', 'wheat', 'egg', 'milk', 'shell']);
    expect(all).to.have.length(16);
  });

  for (const [name, draw] of all) {
    it(`${name} draws a visible, decorative icon`, async () => {
      const el = await fixture<HTMLElement>(html`<p style="font-size: 20px; color: rgb(10, 20, 30)">${draw()} words</p>`);
      const svg = el.querySelector('svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      expect(svg.classList.contains('icon')).to.equal(true);
      // Sized by itself: an element that does not style it gets no 300×150 picture.
      expect(svg.getBoundingClientRect().width).to.equal(25);
      expect(svg.getBoundingClientRect().height).to.equal(25);
      const drawn = svg.querySelector<SVGGraphicsElement>('path, circle, ellipse, rect')!;
      const box = drawn.getBBox();
      expect(box.width * box.height).to.be.greaterThan(20);
      expect(getComputedStyle(drawn).stroke).to.equal('rgb(10, 20, 30)');
      expect(getComputedStyle(drawn).fill).to.equal('none');
    });
  }
});
