import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { ALICE, MOD, ORGANISER, conference, elementIn, leaveAll, sit, waitFor } from '../e2e/widget-harness.js';

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
