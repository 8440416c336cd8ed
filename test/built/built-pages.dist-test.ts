import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { createRoot } from '../../widgets/shared/create-root.js';
import { ALICE, MOD, ORGANISER, conference, elementIn, leaveAll, sit, waitFor } from '../e2e/widget-harness.js';

/** The next `times` requests for paths starting with `path` fail (test/support/chunk-faults.mjs). */
async function failRequests(path: string, times = 1): Promise<void> {
  await fetch('/__chunk_faults', { method: 'POST', body: JSON.stringify({ path, times }) });
}

/** Visible text through shadow roots. */
function deepText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  const el = node as HTMLElement;
  if (el.localName === 'style' || el.hidden) return '';
  const children = [...(el.shadowRoot ?? node).childNodes];
  return children.map(deepText).join(' ').replace(/\s+/g, ' ');
}

/** Finds an element through shadow roots. */
function deepFind<T extends Element>(node: ParentNode, selector: string): T | undefined {
  const direct = node.querySelector<T>(selector);
  if (direct) return direct;
  for (const el of node.querySelectorAll('*')) {
    const inner = el.shadowRoot ? deepFind<T>(el.shadowRoot, selector) : undefined;
    if (inner) return inner;
  }
  return undefined;
}

/**
 * The built widget pages (dist/widgets/*.html: minified, split, preloaded) — what ships —
 * in the Element-like host. The other tests run the sources; this one runs after
 * `npm run build` (`npm run test:dist`) so a build step can never break what users get.
 */
function builtWidget(kind: string): IWidget {
  return {
    id: `built-${kind}`,
    creatorUserId: ORGANISER,
    type: `dev.devroom.${kind}`,
    name: kind,
    url: widgetUrlTemplate(new URL(`/dist/widgets/${kind}.html`, location.href).toString()),
    waitForIframeLoad: false,
    data: {},
  };
}

describe('built widget pages', () => {
  afterEach(leaveAll);

  it('every page boots, negotiates and renders its element', async () => {
    const room = conference();
    for (const [kind, tag] of [
      ['talk-player', 'devroom-talk-player'],
      ['qa-queue', 'devroom-qa-queue'],
      ['stand-booth', 'devroom-stand-booth'],
      ['food-truck-menu', 'devroom-food-truck-menu'],
    ] as const) {
      const seat = await sit(room, ALICE, builtWidget(kind));
      const el = await elementIn(seat, tag);
      await waitFor(() => el.shadowRoot?.childElementCount, `${tag} rendered`);
      expect(seat.win.document.querySelector('[data-screen]'), `${kind}: no error screen`).to.equal(null);
    }
  });

  it('the built Q&A page reads the room and sends a question', async () => {
    const room = conference();
    const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
    room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
    room.inject('m.room.message', { msgtype: 'm.text', body: 'From history', 'm.relates_to': { rel_type: 'm.reference', event_id: root } }, MOD);
    const seat = await sit(room, ALICE, builtWidget('qa-queue'));
    const el = await elementIn(seat, 'devroom-qa-queue');
    await waitFor(() => el.shadowRoot!.textContent!.includes('From history'), 'history shown');
    const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!;
    input.value = 'Built and shipped?';
    input.dispatchEvent(new Event('input'));
    await (el as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    el.shadowRoot!.querySelector<HTMLButtonElement>('[part="ask-button"]')!.click();
    await waitFor(() => room.timeline.some((e) => e.content.body === 'Built and shipped?' && e.sender === ALICE), 'question sent');
  });

  it('a part that failed to load (dropped connection) loads on the next try: the stand contact request is still sent', async () => {
    // Chromium remembers a failed module fetch: without the build's retry URL, every later
    // import() of that chunk would fail without asking the server again.
    const room = conference();
    room.setState(EventTypes.stand, '', sampleStand(), ORGANISER);
    await createRoot(room.as(ORGANISER), 'contacts', 'Contact requests');
    await failRequests('/dist/widgets/chunks/stand-booth/contacts', 1);
    const seat = await sit(room, ALICE, builtWidget('stand-booth'));
    const el = await elementIn(seat, 'devroom-stand-booth');
    const message = await waitFor(() => deepFind<HTMLTextAreaElement>(el.shadowRoot!, '#message'), 'contact form');
    message.value = 'Is there an ARM build?';
    message.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
    deepFind<HTMLButtonElement>(el.shadowRoot!, '[part~="send-button"]')!.click();
    // The part failed at start-up; sending asks for it again (a Retry button, if the send
    // raced the failure, asks once more). Either way the request is sent once.
    await waitFor(() => {
      deepFind<HTMLButtonElement>(el.shadowRoot!, '[part~="retry-button"]')?.click();
      return deepText(el).includes('Sent — the team will get back to you');
    }, 'sent');
    expect(await (await fetch('/__chunk_faults')).json(), 'the injected failure happened').to.deep.equal({});
    expect(room.timeline.filter((e) => e.type === EventTypes.contactRequest && e.sender === ALICE)).to.have.length(1);
  });

  it('custom-elements.json documents the four elements with their attributes and events', async () => {
    const manifest = (await (await fetch('/custom-elements.json')).json()) as {
      modules: { declarations?: { tagName?: string; attributes?: unknown[]; events?: unknown[] }[] }[];
    };
    const tags = new Map(manifest.modules.flatMap((m) => m.declarations ?? []).filter((d) => d.tagName).map((d) => [d.tagName!, d]));
    for (const tag of ['devroom-talk-player', 'devroom-qa-queue', 'devroom-stand-booth', 'devroom-food-truck-menu']) {
      expect(tags.get(tag)?.attributes?.length, `${tag} attributes`).to.be.greaterThan(0);
      expect(tags.get(tag)?.events?.length, `${tag} events`).to.be.greaterThan(0);
    }
  });
});
