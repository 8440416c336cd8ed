import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { ATTENDEES, DEMO_WIDGETS, createDemoRoom } from '../../examples/host/demo-room.js';
import { demoJitsiOptions } from '../../examples/host/demo/talk.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { elementIn, leaveAll, sit } from '../e2e/widget-harness.js';
import { findAll, waitFor } from './page-helpers.js';

/**
 * #17.2 "Missing spaces: '3:00 PM· Orders', 'Sauce(Choose up to 2)', 'frites(Mayonnaise)'".
 * Only the BUILT pages lose them: the build's template minifier (rollup.config.mjs) collapses
 * whitespace between inline elements, and the component tests run the sources. So these read
 * the built pages (dist/widgets/ in the Element-like host over the demo room, and the CDN build
 * on the plain-page example), as laid out: no space is added between elements, so a missing
 * one shows as glued words.
 */

const WIDGET_BASE = new URL('/dist/widgets/', location.href).toString();

/** The demo room's widget `page`, served from the build, as the demo host would add it. */
function builtWidget(page: string): IWidget {
  const demo = DEMO_WIDGETS.find((w) => w.page === page)!;
  const data = page === 'talk-player' || page === 'stand-booth' ? demoJitsiOptions(WIDGET_BASE) : {};
  return {
    id: `${demo.id}-built`,
    creatorUserId: ATTENDEES.organiser,
    type: demo.type,
    name: demo.name,
    url: widgetUrlTemplate(new URL(`${page}.html`, WIDGET_BASE).toString(), { dataKeys: Object.keys(data) }),
    waitForIframeLoad: false,
    data,
  };
}

/** Whether `el` holds a shadow host or a slot (innerText stops at shadow roots). */
function composes(el: Element): boolean {
  return [...el.querySelectorAll('*')].some((e) => e.shadowRoot || e.localName === 'slot');
}

/**
 * The text of `node` through shadow roots and slots, as innerText gives it: what is not
 * rendered left out, a line break around each block, and nothing between inline elements
 * that the page does not put there. Works on nodes of a widget iframe (another realm).
 */
function laidOutText(node: Node): string {
  const raw = (n: Node): string => {
    if (n.nodeType === Node.TEXT_NODE) return (n.textContent ?? '').replace(/\s+/g, ' ');
    if (n.nodeType === Node.DOCUMENT_FRAGMENT_NODE) return [...n.childNodes].map(raw).join('');
    if (n.nodeType !== Node.ELEMENT_NODE) return '';
    const el = n as HTMLElement;
    const display = el.ownerDocument.defaultView!.getComputedStyle(el).display;
    // checkVisibility() is false for a box-less element (display: contents: a slot), not its content.
    if (display !== 'contents' && !el.checkVisibility({ visibilityProperty: true })) return '';
    const assigned = el.localName === 'slot' ? (el as HTMLSlotElement).assignedNodes({ flatten: true }) : [];
    const inner = el.shadowRoot
      ? raw(el.shadowRoot)
      : assigned.length
        ? assigned.map(raw).join('')
        : composes(el)
          ? [...el.childNodes].map(raw).join('')
          : el.innerText;
    return display.startsWith('inline') || display === 'contents' ? inner : `\n${inner}\n`;
  };
  return raw(node)
    .split('\n')
    .map((line) => line.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n');
}

/** The lines of `text` where a letter or digit is glued to an opening parenthesis or a middle dot. */
function gluedSpaces(text: string): string[] {
  return text.split('\n').filter((line) => /[\p{L}\p{N}][(·]|·[\p{L}\p{N}]/u.test(line));
}

function expectNoGluedSpaces(el: Element, where: string): void {
  const text = laidOutText(el);
  expect(text.length, `${where}: some text`).to.be.greaterThan(20);
  expect(gluedSpaces(text).join(' | '), `${where}: words glued to "(" or "·"`).to.equal('');
}

/** Waits until `el` reads `words`; else fails with what it reads. */
async function waitForWords(el: Element, words: string, what: string): Promise<void> {
  try {
    await waitFor(() => laidOutText(el).includes(words), what);
  } catch {
    throw new Error(`${what}: "${words}" not in ${JSON.stringify(laidOutText(el))}`);
  }
}

/** The first button inside `root` whose laid-out text starts with `label`, once it shows and is enabled. */
function button(root: ParentNode, label: string, within = '*'): Promise<HTMLButtonElement> {
  return waitFor(
    () => findAll(root, `${within} button`).find((b) => laidOutText(b).startsWith(label) && !(b as HTMLButtonElement).disabled) as HTMLButtonElement | undefined,
    `the "${label}" button`,
  );
}

describe('built pages keep the spaces between words (#17.2)', function () {
  this.timeout(60_000);
  let room: MemoryRoom;
  beforeEach(() => {
    // The demo room (npm start) with no widgets of its own: each test mounts the built pages.
    room = createDemoRoom(WIDGET_BASE, location.origin + '/', []).room;
  });
  afterEach(leaveAll);

  it('food truck: "… PM · Orders until", "Sauce (Choose up to 2)", the vendor reads "frites (Mayonnaise)"', async () => {
    const alice = await sit(room, ATTENDEES.alice, builtWidget('food-truck-menu'));
    const menu = await elementIn(alice, 'devroom-food-truck-menu');
    const root = menu.shadowRoot!;
    const hours = await waitFor(() => findAll(root, '.hours').find((p) => laidOutText(p).includes('Orders until')), 'the ordering cut-off');
    expect(laidOutText(hours)).to.match(/^Open now, until .*\S · Orders until \S/);
    expectNoGluedSpaces(menu, 'the menu, as Alice');

    (await waitFor(() => findAll(root, '[part="add-button"][data-add="cone-small"]')[0], 'Add Small cone of frites')).click();
    const legend = await waitFor(() => findAll(root, 'form.choose legend')[0], 'the sauce choice');
    expect(laidOutText(legend)).to.equal('Sauce (Choose up to 2)');
    expectNoGluedSpaces(menu, 'the options form');
    const mayo = findAll(root, 'form.choose label').find((l) => laidOutText(l).startsWith('Mayonnaise'))!;
    mayo.querySelector('input')!.click();
    (await button(root, 'Add to order', 'form.choose')).click();
    (await waitFor(() => findAll(root, '[part="checkout-button"]')[0] as HTMLButtonElement | undefined, 'Place order')).click();
    await waitFor(() => findAll(root, '.my-orders').some((o) => laidOutText(o).includes('Small cone of frites (Mayonnaise)')), 'the order in "Your orders"');
    expectNoGluedSpaces(menu, 'the cart and orders, as Alice');

    const vera = await sit(room, ATTENDEES.vendor, builtWidget('food-truck-menu'));
    const queue = (await elementIn(vera, 'devroom-food-truck-menu')).shadowRoot!;
    (await button(queue, 'Orders (')).click();
    const lines = await waitFor(
      () => findAll(queue, '.order-lines li').find((li) => laidOutText(li).includes('Mayonnaise')),
      'Alice\'s order in the queue',
    );
    expect(laidOutText(lines)).to.equal('1 × Small cone of frites (Mayonnaise)');
    expectNoGluedSpaces(queue.host, 'the order queue, as Vera');
  });

  for (const [page, tag, people, ready] of [
    ['stand-booth', 'devroom-stand-booth', [ATTENDEES.alice, ATTENDEES.staff], 'Could you bring a USB stick'],
    ['qa-queue', 'devroom-qa-queue', [ATTENDEES.alice, ATTENDEES.moderator], 'unsafe code'],
    ['talk-player', 'devroom-talk-player', [ATTENDEES.alice, ATTENDEES.moderator], 'Rust in the kernel'],
  ] as const) {
    it(`${page}: no word glued to "(" or "·", as an attendee and as the room's staff`, async () => {
      for (const person of people) {
        const seat = await sit(room, person, builtWidget(page));
        const el = await elementIn(seat, tag);
        await waitForWords(el, ready, `${page} as ${person}`);
        expectNoGluedSpaces(el, `${page} as ${person}`);
      }
    });
  }

  it('the plain-page example (CDN build, no Matrix): all four elements', async () => {
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 800px';
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    frame.src = '/examples/plain/index.html';
    document.body.append(frame);
    try {
      await loaded;
      const doc = frame.contentDocument!;
      for (const [tag, ready] of [
        ['devroom-talk-player', 'Rust in the kernel'],
        ['devroom-qa-queue', 'unsafe code'],
        // Its description rendered (the Markdown part loaded), not the first render alone.
        ['devroom-stand-booth', 'boots in under five seconds'],
        ['devroom-food-truck-menu', 'Cone of frites'],
      ] as const) {
        const el = await waitFor(() => doc.querySelector(tag) ?? undefined, tag);
        await waitForWords(el, ready, `${tag} on the plain page`);
        expectNoGluedSpaces(el, `${tag} on the plain page`);
      }
    } finally {
      frame.remove();
    }
  });
});
