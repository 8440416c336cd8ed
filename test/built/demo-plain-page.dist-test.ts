import { expect } from '@open-wc/testing';
import { findAll, waitFor } from './page-helpers.js';

/**
 * The plain-page example as `npm start` serves it (examples/plain/: the CDN build with no
 * Matrix): a visitor can order from the food truck, and the page, which the README calls
 * offline, asks nothing of any host but its own.
 */

const text = (el: Element | ShadowRoot) => (el.textContent ?? '').replace(/\s+/g, ' ').trim();

describe('the plain-page example (npm start)', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  async function openPlainPage(): Promise<{ win: Window; doc: Document }> {
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 800px';
    const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    frame.src = '/examples/plain/index.html';
    document.body.append(frame);
    await loaded;
    const doc = frame.contentDocument!;
    for (const tag of ['devroom-talk-player', 'devroom-qa-queue', 'devroom-stand-booth', 'devroom-food-truck-menu']) {
      await waitFor(() => doc.querySelector(tag)?.shadowRoot?.childElementCount, `${tag} rendered`);
    }
    return { win: frame.contentWindow!, doc };
  }

  it('the food truck is open: a visitor adds frites, places the order, and the page\'s backend confirms it', async function () {
    this.timeout(30_000);
    const { doc } = await openPlainPage();
    const menu = doc.querySelector('devroom-food-truck-menu')!;
    const root = menu.shadowRoot!;
    await waitFor(() => /Cone of frites/.test(text(root)), 'the menu');
    expect(text(root)).not.to.match(/closed/i);
    const add = await waitFor(() => root.querySelector<HTMLButtonElement>('[part="add-button"][data-add="cone"]'), 'Add for the frites');
    expect(text(add)).to.equal('Add Cone of frites');
    expect(add.disabled).to.equal(false);
    add.click();
    const checkout = await waitFor(() => findAll(root, '[part="checkout-button"]')[0] as HTMLButtonElement | undefined, 'Place order');
    expect(text(checkout)).to.match(/^Place order · €4\.00$/);
    expect(checkout.disabled).to.equal(false);
    checkout.click();
    // backend.js confirms after 300 ms, as a server would.
    await waitFor(() => /Sent/.test(text(findAll(root, '.my-orders')[0] ?? root)) && !/Sending…/.test(text(findAll(root, '.my-orders')[0]!)), 'the order confirmed');
    expect(text(doc.getElementById('log')!)).to.match(/devroom-place-order: .*"itemId":"cone"/);
  });

  it('fetches nothing from outside hosts (the demo is offline)', async function () {
    this.timeout(30_000);
    const { win, doc } = await openPlainPage();
    await waitFor(() => /Kitten Linux/.test(text(doc.querySelector('devroom-stand-booth')!.shadowRoot!)), 'the stand');
    await waitFor(() => /Cone of frites/.test(text(doc.querySelector('devroom-food-truck-menu')!.shadowRoot!)), 'the menu');
    // Let late parts (lazy chunks, images) start.
    await new Promise((r) => setTimeout(r, 1000));
    const local = (url: string) => url.startsWith('blob:') || url.startsWith('data:') || new URL(url, win.location.href).origin === win.location.origin;
    // Whatever the page asked the network for, and every address an element of it would load.
    const requested = win.performance.getEntriesByType('resource').map((e) => e.name);
    expect(requested.length).to.be.greaterThan(3);
    expect(requested.filter((url) => !local(url)), 'requests to other hosts').to.deep.equal([]);
    const sources = findAll(doc, 'img, video, audio, source, track, iframe, script, link[rel="stylesheet"]')
      .map((el) => el.getAttribute('src') ?? el.getAttribute('href') ?? '')
      .filter(Boolean);
    expect(sources.filter((url) => !local(url)), 'addresses of other hosts').to.deep.equal([]);
  });
});
