import { expect } from '@open-wc/testing';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { WIDGET_EVENT, widgetContent } from '../../host-tools/apply/widget-state.js';
import type { WidgetKind } from '../../host-tools/apply/widget-url.js';
import { denyAll } from '../../widgets/testing/driver.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { builtWidgetUrl, conference, homeserver, leaveAll, sit } from './conference.js';
import type { Conference, Seat } from './conference.js';
import { inWidget, waitForText, waitInWidget } from './in-widget.js';
import { visibleText } from '../support/visible-text.js';
import { waitFor } from '../support/wait-for.js';

/**
 * The built widget pages under the strict Content-Security-Policy of docs/security.md
 * (test/support/csp.mjs serves it and collects the reports), in the Element-like client on a
 * homeserver. This suite, not test:dist: here a widget page comes from its own origin, as from
 * a CDN, so 'self' is the widget's server only, and the stream, the images and the homeserver
 * are other hosts the policy must name as a deployment's would. In test:dist everything is one
 * origin and a missing host would go unnoticed. The public reader (a plain page reading a
 * public room) is here too: it needs a homeserver.
 */

interface Report {
  document: string;
  directive: string;
  blocked: string;
  sample: string;
  source: string;
}

const CANARY = '--devroom-csp-canary:1';

/** The widget state's URL with the policy flag: `run` names the reports, `add` the deployment's hosts. */
function strictUrl(kind: WidgetKind, run: string, add: string[]): string {
  const template = builtWidgetUrl(kind);
  const hash = template.indexOf('#');
  const query = new URLSearchParams({ csp: run });
  for (const addition of add) query.append('csp-add', addition);
  return `${template.slice(0, hash)}?${query}${template.slice(hash)}`;
}

async function reports(run: string): Promise<Report[]> {
  return (await fetch(`/__csp/${encodeURIComponent(run)}`)).json() as Promise<Report[]>;
}

/**
 * Every violation the seats' pages reported. Each page first breaks the policy on purpose (an
 * inline style attribute) and the test waits for that report: the pages are under the policy,
 * reports arrive, and everything reported before has arrived too.
 */
async function violations(run: string, seats: Seat[]): Promise<Report[]> {
  for (const seat of seats) await inWidget(seat.widget, (_dom, canary) => document.body.setAttribute('style', canary), CANARY);
  return afterCanaries(run, seats.map((seat) => `widgetId=${new URL(seat.widget.url).searchParams.get('widgetId')}`));
}

/** The reports of `run` but the canaries, once a canary came from each document (matched by a part of its URL). */
async function afterCanaries(run: string, documents: string[]): Promise<Report[]> {
  const start = performance.now();
  for (;;) {
    const all = await reports(run);
    const missing = documents.filter((d) => !all.some((r) => r.sample.includes(CANARY) && r.document.includes(d)));
    if (!missing.length) return all.filter((r) => !r.sample.includes(CANARY));
    if (performance.now() - start > 5000) throw new Error(`no canary report from ${missing.join(', ')}: is the page under the policy?`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** One line per violation, to read in a failure. */
const described = (list: Report[]) => list.map((r) => `${new URL(r.document).pathname}: ${r.directive} blocked ${r.blocked}${r.sample ? ` "${r.sample}"` : ''} at ${r.source}`);

async function addWidgets(conf: Conference, run: string, kinds: WidgetKind[], add: string[]): Promise<void> {
  for (const kind of kinds) await conf.setState(conf.organiser, WIDGET_EVENT, `devroom-${kind}`, { ...widgetContent(kind, strictUrl(kind, run, add)) });
}

const uid = () => `csp-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;

describe('widget pages under a strict Content-Security-Policy', () => {
  afterEach(leaveAll);

  it('all four pages, the offline-stream slate and the Q&A past 100 questions (virtual list) break no rule', async () => {
    const run = uid();
    const hs = await homeserver();
    const streamHost = location.origin; // the dev server: the HLS fixtures, another origin than the widgets'
    const imageHost = 'https://kitten.example.org'; // the sample stand's banner and featured video
    // What a deployment adds: its stream host (hls.js fetches playlists and segments: connect-src;
    // MP4 and the featured video: media-src), its image host, and the homeserver (mxc thumbnails).
    const add = [`connect-src ${streamHost}`, `media-src ${streamHost}`, `media-src ${imageHost}`, `img-src ${imageHost}`, `img-src ${hs.url}`];
    const kinds: WidgetKind[] = ['talk-player', 'qa-queue', 'stand-booth', 'food-truck-menu'];
    const conf = await conference({ people: { Alice: 0 } });
    await addWidgets(conf, run, kinds, add);

    // A talk under way whose stream has not started: the player's slate with Retry.
    const stream = `${streamHost}/__hls-live/${run}`;
    await fetch(`${stream}/control?offline=1`);
    const now = Date.now();
    await conf.setState(conf.organiser, EventTypes.talk, '', {
      title: 'Strict pages',
      startsAt: new Date(now - 60_000).toISOString(),
      endsAt: new Date(now + 3_600_000).toISOString(),
      stream: `${stream}/index.m3u8`,
    });
    // 120 open questions: past 100 the list is virtual (row heights and offsets set from script).
    const root = await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.notice', body: 'Q&A' });
    await conf.setState(conf.organiser, EventTypes.root, 'qa', { event_id: root });
    for (let i = 0; i < 120; i += 20) {
      await Promise.all(
        Array.from({ length: 20 }, (_, j) =>
          conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.text', body: `Question ${i + j + 1}`, 'm.relates_to': { rel_type: 'm.reference', event_id: root } }),
        ),
      );
    }
    await conf.setState(conf.organiser, EventTypes.stand, '', sampleStand());
    await conf.setState(conf.organiser, EventTypes.menu, '', sampleMenuJson() as unknown as Record<string, unknown>);

    const seats: Seat[] = [];
    for (const kind of kinds) seats.push(await sit(conf, conf.people.Alice!, kind));
    const [talk, qa, stand, menu] = seats as [Seat, Seat, Seat, Seat];

    await waitForText(talk.widget, 'offline or has not started', 15_000);
    // Then it starts: hls.js fetches it from the stream host and plays it from a blob: URL (MSE).
    await fetch(`${stream}/control?start=1`);
    await inWidget(talk.widget, (dom) => dom.button('^Try again$')?.click());
    await waitInWidget(talk.widget, 'the stream playing', () => {
      const video = document.querySelector('devroom-talk-player')?.shadowRoot?.querySelector('video');
      return !!video && video.currentTime > 0 && video.src.startsWith('blob:');
    });
    await waitInWidget(qa.widget, 'the virtual list', (dom) => dom.findAll('.spacer.virtual .row').length > 0);
    // Scrolled to the end: other rows, placed by their offsets.
    await inWidget(qa.widget, (dom) => {
      const scroller = dom.findAll('.scroller')[0] as HTMLElement;
      scroller.scrollTop = scroller.scrollHeight;
      scroller.dispatchEvent(new Event('scroll'));
    });
    await waitInWidget(qa.widget, 'the last rows, each at its own offset', (dom) => {
      const rows = dom.findAll('.spacer.virtual .row') as HTMLElement[];
      const spacer = dom.findAll('.spacer.virtual')[0] as HTMLElement;
      const offsets = new Set(rows.map((row) => row.getBoundingClientRect().top));
      return rows.some((row) => Number(row.dataset.index) >= 110) && offsets.size === rows.length && spacer.offsetHeight > 100 * 40;
    });
    await waitForText(stand.widget, 'Kitten Linux');
    await waitForText(menu.widget, 'Classic waffle');

    // The pages' own styles apply (they no longer come from a <style> element).
    const body = await inWidget(talk.widget, () => getComputedStyle(document.body).margin);
    expect(body, "the page's stylesheet").to.equal('0px');

    expect(described(await violations(run, seats))).to.deep.equal([]);
  });

  it('the explanation screen when permissions are declined breaks no rule, and is styled', async () => {
    const run = uid();
    const conf = await conference({ people: { Alice: 0 } });
    await addWidgets(conf, run, ['qa-queue'], []);
    const seat = await sit(conf, conf.people.Alice!, 'qa-queue', { approve: denyAll });
    await waitForText(seat.widget, 'This widget needs your permission');
    const button = await inWidget(seat.widget, (dom) => {
      const retry = dom.button('^Retry$');
      return retry ? getComputedStyle(retry).borderRadius : '';
    });
    expect(button, "the screen's stylesheet").to.equal('8px');
    expect(described(await violations(run, [seat]))).to.deep.equal([]);
  });

  it('the public reader (dist/public/auto.js) on a plain page breaks no rule when the policy names the homeserver', async () => {
    const run = uid();
    const hs = await homeserver();
    const conf = await conference({ people: {}, guestAccess: true });
    const root = await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.notice', body: 'Q&A' });
    await conf.setState(conf.organiser, EventTypes.root, 'qa', { event_id: root });
    await conf.send(conf.organiser, 'm.room.message', { msgtype: 'm.text', body: 'Read without a login?', 'm.relates_to': { rel_type: 'm.reference', event_id: root } });
    const stand = sampleStand();
    delete stand.logo; // no media download without a login
    delete stand.jitsi;
    await conf.setState(conf.organiser, EventTypes.stand, '', stand);
    await conf.setState(conf.organiser, EventTypes.talk, '', { title: 'Public talk', startsAt: new Date(Date.now() + 3_600_000).toISOString() });
    // The page's own origin serves the script; the homeserver is another (connect-src), the
    // stand's banner on its image host (img-src).
    const query = new URLSearchParams({ csp: run, homeserver: hs.url, room: conf.roomId });
    query.append('csp-add', `connect-src ${hs.url}`);
    query.append('csp-add', 'img-src https://kitten.example.org');
    const frame = document.createElement('iframe');
    frame.style.cssText = 'width: 800px; height: 900px';
    frame.src = `/test/fixtures/csp/public-reader.html?${query}`;
    document.body.append(frame);
    try {
      const shown = () => visibleText(frame.contentDocument?.body ?? document.createElement('p'));
      await waitFor(() => /Read without a login\?/.test(shown()) && /Kitten Linux/.test(shown()) && /Public talk/.test(shown()), 'the public room on the page', 15_000);
      frame.contentDocument!.body.setAttribute('style', CANARY);
      expect(described(await afterCanaries(run, ['/test/fixtures/csp/public-reader.html']))).to.deep.equal([]);
    } finally {
      frame.remove();
    }
  });
});
