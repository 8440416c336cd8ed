import { expect } from '@open-wc/testing';
import { findAll, waitFor } from './page-helpers.js';

/**
 * The plain-page example (examples/plain/: the CDN build, dist/cdn/devroom.js, with no Matrix)
 * under the strict Content-Security-Policy of docs/security.md, served by
 * test/support/csp.mjs, which collects the violation reports. Here in test:dist, not the
 * homeserver suite: a plain page needs no client, and it is the site's own page, same origin
 * as its JSON and its stream (as on a site that hosts them), so the test reaches into it
 * directly. The widget pages, which run on another origin than their host, are tested in
 * test/element/csp.homeserver-test.ts.
 */

interface Report {
  document: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

const CANARY = '--devroom-csp-canary:1';

/** Violations the page reported, after one on purpose (the page is under the policy and reports arrive). */
async function violations(run: string, doc: Document): Promise<string[]> {
  doc.body.setAttribute('style', CANARY);
  const start = performance.now();
  for (;;) {
    const all = (await (await fetch(`/__csp/${run}`)).json()) as Report[];
    if (all.some((r) => r.sample.includes(CANARY))) {
      return all.filter((r) => !r.sample.includes(CANARY)).map((r) => `${r.directive} blocked ${r.blocked}${r.sample ? ` "${r.sample}"` : ''} at ${r.source}`);
    }
    if (performance.now() - start > 5000) throw new Error('no canary report: is the page under the policy?');
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('the plain-page example under a strict Content-Security-Policy', () => {
  let frame: HTMLIFrameElement | undefined;
  afterEach(() => frame?.remove());

  it('renders all four tags, its own script and styles, the Q&A past 100 questions and a recording, breaking no rule', async function () {
    this.timeout(30_000);
    const run = `plain-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // The sample stand's banner and featured video are on its own host: a site adds it, as a
    // deployment adds its image and stream hosts.
    const query = new URLSearchParams({ csp: run });
    query.append('csp-add', 'img-src https://kitten.example.org');
    query.append('csp-add', 'media-src https://kitten.example.org');
    frame = document.createElement('iframe');
    frame.style.cssText = 'width: 1000px; height: 800px';
    const loaded = new Promise((resolve) => frame!.addEventListener('load', resolve, { once: true }));
    frame.src = `/examples/plain/index.html?${query}`;
    document.body.append(frame);
    await loaded;
    const win = frame.contentWindow!;
    const doc = frame.contentDocument!;
    for (const tag of ['devroom-talk-player', 'devroom-qa-queue', 'devroom-stand-booth', 'devroom-food-truck-menu']) {
      await waitFor(() => doc.querySelector(tag)?.shadowRoot?.childElementCount, `${tag} rendered`);
    }
    expect(win.getComputedStyle(doc.querySelector('.grid')!).display, "the page's stylesheet").to.equal('grid');
    await waitFor(() => /Kitten Linux/.test(doc.querySelector('devroom-stand-booth')!.shadowRoot!.textContent ?? ''), 'the stand');
    await waitFor(() => /Cone of frites/.test(doc.querySelector('devroom-food-truck-menu')!.shadowRoot!.textContent ?? ''), 'the menu');

    // The page's own script ("the site's backend") still runs: it logs and confirms a question.
    const qa = doc.querySelector('devroom-qa-queue')!;
    const ask = await waitFor(() => findAll(qa.shadowRoot!, 'textarea#ask')[0] as HTMLTextAreaElement | undefined, 'the ask field');
    ask.value = 'Does a strict policy cost anything?';
    ask.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    await waitFor(() => findAll(qa.shadowRoot!, '[part="ask-button"]')[0], 'the ask button');
    findAll(qa.shadowRoot!, '[part="ask-button"]')[0]!.click();
    await waitFor(() => /devroom-ask/.test(doc.getElementById('log')!.textContent ?? ''), 'the backend log');

    // 120 questions: past 100 the list is virtual (heights and offsets set from script).
    (qa as HTMLElement & { questions: unknown }).questions = Array.from({ length: 120 }, (_, i) => ({ id: `q${i}`, text: `Question ${i + 1}`, author: '@ann:example.org', votes: 120 - i }));
    // On a timeout, what the queue shows instead: a race that replaced the page's list (its inline
    // JSON read finishing after the property was set) shows "Questions (3)", not 120.
    const heading = () => findAll(qa.shadowRoot!, '#open-heading')[0]?.textContent?.trim();
    await waitFor(() => findAll(qa.shadowRoot!, '.spacer.virtual .row').length, 'the virtual list').catch((error: Error) => {
      throw new Error(`${error.message}; the queue shows "${heading()}"`);
    });
    const scroller = findAll(qa.shadowRoot!, '.scroller')[0]!;
    scroller.scrollTop = scroller.scrollHeight;
    scroller.dispatchEvent(new Event('scroll'));
    await waitFor(() => {
      const rows = findAll(qa.shadowRoot!, '.spacer.virtual .row');
      const offsets = new Set(rows.map((row) => row.getBoundingClientRect().top));
      return rows.some((row) => Number(row.dataset.index) >= 110) && offsets.size === rows.length && findAll(qa.shadowRoot!, '.spacer.virtual')[0]!.offsetHeight > 100 * 40;
    }, 'the last rows, each at its own offset');

    // The talk player's recording: the loading slate, then hls.js plays from a blob: URL.
    const player = doc.querySelector('devroom-talk-player')!;
    (await waitFor(() => findAll(player.shadowRoot!, 'button').find((b) => /Watch the recording/.test(b.textContent ?? '')), 'Watch the recording')).click();
    await waitFor(() => {
      const video = findAll(player.shadowRoot!, 'video')[0] as HTMLVideoElement | undefined;
      return video && video.currentTime > 0 && video.src.startsWith('blob:');
    }, 'the recording playing');

    expect(await violations(run, doc)).to.deep.equal([]);
  });
});
