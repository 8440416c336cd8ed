import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import type { DevroomTalkPlayer } from '../../components/talk-player/talk-player.js';
import { describeWidget } from '../../host-tools/apply/widget-output.js';
import type { WidgetKind } from '../../host-tools/apply/widget-url.js';
import { ALICE, ORGANISER, conference, elementIn, leaveAll, sit, waitFor } from './widget-harness.js';

/**
 * What `npx devroom widget …` prints must load the right widget with the right config once
 * Element has templated it (matrix-widget-api's own templating, in the host). The CLI's
 * URLs point at the CDN; here the page part is swapped for this dev server's copy of the
 * same page, keeping the fragment exactly as printed.
 */
function fromCli(kind: WidgetKind, options: Record<string, string>): IWidget {
  const out = describeWidget({ base: 'https://widgets.example.org/devroom/', kind, options, room: 'D.rust' });
  const [page, fragment] = out.url.split('#') as [string, string];
  expect(page).to.equal(`https://widgets.example.org/devroom/widgets/${kind}.html`);
  const local = new URL(`/widgets/${kind}.html`, location.href).toString();
  return {
    id: out.widgetId,
    creatorUserId: ORGANISER,
    type: out.content.type,
    name: out.content.name,
    url: `${local}#${fragment}`,
    data: out.content.data,
    waitForIframeLoad: out.content.waitForIframeLoad,
  };
}

describe('CLI widget URLs in the Element-like host', () => {
  afterEach(leaveAll);

  it('a talk-player URL carries its options through Element templating to the player', async () => {
    const widget = fromCli('talk-player', {
      title: 'Rust & $matrix_user_id in the kernel',
      src: 'https://stream.example.org/d.rust.m3u8',
      startsAt: '2031-02-06T10:00:00+01:00',
      qaAt: '2031-02-06T10:30:00+01:00',
      endsAt: '2031-02-06T10:40:00+01:00',
      jitsiDomain: 'meet.example.org',
      jitsiRoom: 'DevroomRustQA',
    });
    expect(widget.type).to.equal('dev.devroom.talk');
    expect(widget.waitForIframeLoad).to.equal(false);
    const seat = await sit(conference(), ALICE, widget);
    const el = await elementIn<DevroomTalkPlayer>(seat, 'devroom-talk-player');
    // A `$…` inside a value is not substituted by the client.
    await waitFor(() => el.talkTitle, 'title from the URL');
    expect(el.talkTitle).to.equal('Rust & $matrix_user_id in the kernel');
    expect(el.src).to.equal('https://stream.example.org/d.rust.m3u8');
    expect(el.startsAt).to.equal('2031-02-06T09:00:00.000Z');
    expect(el.jitsiDomain).to.equal('meet.example.org');
    expect(el.jitsiRoom).to.equal('DevroomRustQA');
    expect(el.currentPhase).to.equal('upcoming');
    // Element's own parameters arrived too: the widget knows who and where it is.
    expect(seat.win.location.search).to.contain(`widgetId=${encodeURIComponent(widget.id)}`);
    expect(decodeURIComponent(seat.win.location.hash)).to.contain(`userId=${ALICE}`);
  });

  it('each kind loads its own element', async () => {
    const room = conference();
    const kinds: [WidgetKind, string][] = [
      ['qa-queue', 'devroom-qa-queue'],
      ['stand-booth', 'devroom-stand-booth'],
      ['food-truck-menu', 'devroom-food-truck-menu'],
    ];
    for (const [kind, tag] of kinds) {
      const seat = await sit(room, ALICE, fromCli(kind, {}));
      expect((await elementIn(seat, tag)).localName).to.equal(tag);
    }
  });
});
