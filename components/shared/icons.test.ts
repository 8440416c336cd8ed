import { expect, fixture, html } from '@open-wc/testing';
import * as icons from './icons.js';
import type { SVGTemplateResult } from 'lit';

/** Every icon draws something at the size of its text, in its colour, hidden from screen readers. */
describe('icons', () => {
  const shapes = Object.entries(icons).filter(([name]) => name !== 'icon') as [string, () => SVGTemplateResult][];

  it('has a thumbs-up and a raised hand (the Q&A) and the 14 allergens', () => {
    expect(shapes.map(([name]) => name)).to.include.members(['thumbsUp', 'raisedHand', 'wheat', 'egg', 'milk', 'shell']);
    expect(shapes).to.have.length(16);
  });

  for (const [name, shape] of shapes) {
    it(`${name} draws a visible, decorative icon`, async () => {
      const el = await fixture<HTMLElement>(html`<p style="font-size: 20px; color: rgb(10, 20, 30)">${icons.icon(shape())} words</p>`);
      const svg = el.querySelector('svg')!;
      expect(svg.getAttribute('aria-hidden')).to.equal('true');
      expect(svg.getAttribute('focusable')).to.equal('false');
      // Sized by itself: an element that does not style it gets no 300×150 picture.
      expect(svg.getBoundingClientRect().width).to.equal(25);
      const drawn = svg.querySelector<SVGGraphicsElement>('path, circle, ellipse, rect')!;
      const box = drawn.getBBox();
      expect(box.width * box.height).to.be.greaterThan(20);
      expect(getComputedStyle(drawn).stroke).to.equal('rgb(10, 20, 30)');
    });
  }
});
