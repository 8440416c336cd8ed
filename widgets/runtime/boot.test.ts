import { expect } from '@open-wc/testing';
import { ClientWidgetApi, Widget } from 'matrix-widget-api';
import type { Capability } from 'matrix-widget-api';
import { ALICE, conferenceRoom, probeOf, probeText, probeWidget, PROBE_PAGE, startHost, waitFor } from '../../test/fixtures/widgets/harness.js';
import type { Harness } from '../../test/fixtures/widgets/harness.js';
import { approveAll, MemoryWidgetDriver } from '../testing/driver.js';
import { templateWidgetUrl } from '../testing/templating.js';

/**
 * The widget runtime through the real ClientWidgetApi: the probe widget page runs in an
 * iframe served by the dev server, the Element-like host drives it.
 */
describe('widget runtime (through ClientWidgetApi)', () => {
  let harness: Harness | undefined;
  const extraFrames: HTMLIFrameElement[] = [];
  afterEach(() => {
    harness?.cleanup();
    harness = undefined;
    extraFrames.splice(0).forEach((f) => f.remove());
  });

  it('handshakes: content_loaded first, then capabilities, then ready with the templated user', async () => {
    harness = startHost();
    const mounted = harness.host.mounted('probe')!;
    const order: string[] = [];
    void mounted.contentLoaded.then(() => order.push('content_loaded'));
    void mounted.ready.then(() => order.push('ready'));
    const win = await probeOf(mounted);
    expect(order).to.deep.equal(['content_loaded', 'ready']);
    expect(probeText(win, 'user')).to.equal(`Alice Attendee (${ALICE})`);
    // Element's URL shape: widgetId/parentUrl in the query, our parameters in the fragment.
    const url = new URL(mounted.url);
    expect(url.searchParams.get('widgetId')).to.equal('probe');
    expect(url.searchParams.get('parentUrl')).to.equal(location.href.split('#')[0]);
    expect(url.hash).to.contain(`userId=${encodeURIComponent(ALICE)}`);
    expect(win.probe.context!.params.roomId).to.equal(harness.room.roomId);
  });

  it('shows the missing-capabilities screen when denied, and Retry renegotiates', async () => {
    let calls = 0;
    harness = startHost({
      approve: async (requested) => (++calls === 1 ? new Set<Capability>() : new Set(requested)),
    });
    const win = await probeOf(harness.host.mounted('probe')!, 'missing-capabilities');
    // The screens load on demand (kept out of the first load): wait for the one that says why.
    const screen = (await waitFor(() => win.document.querySelector<HTMLElement>('[data-screen="missing-capabilities"]'), 'missing-capabilities screen'))!;
    expect(screen.querySelector('h2')!.textContent).to.equal('This widget needs your permission');
    expect(screen.textContent).to.contain('dev.devroom.probe (@alice:example.org)');
    expect(win.document.querySelector<HTMLElement>('.devroom-widget')!.hidden).to.equal(true);
    // Optional capabilities (always-on-screen) are never listed as missing.
    expect(screen.textContent).not.to.contain('always_on_screen');

    screen.querySelector('button')!.click();
    await waitFor(() => win.probe.context!.status.value === 'ready', 'ready after retry');
    expect(calls).to.equal(2);
    expect(win.document.querySelector('[data-screen]')).to.equal(null);
    expect(win.document.querySelector<HTMLElement>('.devroom-widget')!.hidden).to.equal(false);
    const id = await win.probe.context!.room.sendEvent('m.room.message', { msgtype: 'm.text', body: 'works now' });
    expect(harness.room.getEvent(id)!.content.body).to.equal('works now');
  });

  it('explains a client that never answers, and Retry reconnects once it listens', async () => {
    const room = conferenceRoom();
    const widget = probeWidget('silent', { probeTimeout: 300 });
    const iframe = document.createElement('iframe');
    iframe.src = templateWidgetUrl(widget, { roomId: room.roomId, userId: ALICE, lang: 'de' }, location.href);
    document.body.append(iframe);
    extraFrames.push(iframe);
    const win = await probeOf(iframe, 'no-client');
    const screen = (await waitFor(() => win.document.querySelector<HTMLElement>('[data-screen="no-client"]'), 'no-client screen'))!;
    expect(screen.querySelector('h2')!.textContent).to.equal('Keine Antwort von deinem Matrix-Client');
    expect(win.document.activeElement?.textContent).to.equal('Erneut versuchen');

    // The client turns up late: Retry re-sends content_loaded and the handshake completes.
    const w = new Widget(widget);
    const api = new ClientWidgetApi(w, iframe, new MemoryWidgetDriver(room, ALICE, w, { approve: approveAll }));
    api.setViewedRoomId(room.roomId);
    try {
      screen.querySelector('button')!.click();
      await waitFor(() => win.probe.context!.status.value === 'ready', 'ready after retry');
    } finally {
      api.stop();
    }
  });

  it('follows theme_change from the client', async () => {
    harness = startHost({ theme: 'light' });
    const win = await probeOf(harness.host.mounted('probe')!);
    expect(probeText(win, 'theme')).to.equal('light');
    expect(win.document.documentElement.dataset.devroomTheme).to.equal('light');
    harness.host.setTheme('dark');
    await waitFor(() => probeText(win, 'theme') === 'dark', 'dark theme');
    expect(win.document.documentElement.dataset.devroomTheme).to.equal('dark');
  });

  it('takes the language from the URL (and from language_change)', async () => {
    harness = startHost({ lang: 'de-DE' });
    const win = await probeOf(harness.host.mounted('probe')!);
    expect(win.document.documentElement.lang).to.equal('de-de');
    harness.host.setLanguage('en');
    await waitFor(() => win.document.documentElement.lang === 'en', 'lang en');
  });

  it('exposes visibility', async () => {
    harness = startHost();
    const mounted = harness.host.mounted('probe')!;
    const win = await probeOf(mounted);
    expect(probeText(win, 'visible')).to.equal('visible');
    await harness.host.setVisible('probe', false);
    expect(probeText(win, 'visible')).to.equal('hidden');
    await harness.host.setVisible('probe', true);
    expect(probeText(win, 'visible')).to.equal('visible');
  });

  it('ignores messages from other origins and other windows', async () => {
    harness = startHost({ theme: 'light' });
    const mounted = harness.host.mounted('probe')!;
    const win = await probeOf(mounted);
    const request = (id: string) => ({ api: 'toWidget', widgetId: 'probe', requestId: id, action: 'theme_change', data: { name: 'dark' } });

    // A sandboxed frame has the opaque origin "null"; a plain srcdoc frame has our origin but is not the parent.
    for (const sandboxed of [true, false]) {
      const attacker = document.createElement('iframe');
      if (sandboxed) attacker.setAttribute('sandbox', 'allow-scripts');
      attacker.srcdoc = `<script>
        const msg = ${JSON.stringify(request(sandboxed ? 'evil-null' : 'evil-sibling'))};
        for (let i = 0; i < parent.frames.length; i++) parent.frames[i].postMessage(msg, '*');
        parent.postMessage({ attackerDone: ${sandboxed} }, '*');
      </script>`;
      const done = new Promise<void>((resolve) =>
        window.addEventListener('message', function listener(ev) {
          if (ev.data?.attackerDone === sandboxed) {
            window.removeEventListener('message', listener);
            resolve();
          }
        }),
      );
      document.body.append(attacker);
      extraFrames.push(attacker);
      await done;
    }
    // Also a forged event claiming the right origin but from another source.
    win.dispatchEvent(new MessageEvent('message', { data: request('evil-forged'), origin: location.origin, source: null }));
    await new Promise((r) => setTimeout(r, 150));
    expect(probeText(win, 'theme')).to.equal('light');

    // Control: the same request from the parent at the parent origin is obeyed.
    win.postMessage(request('from-parent'), location.origin);
    await waitFor(() => probeText(win, 'theme') === 'dark', 'parent theme_change');
  });

  it('lets other messages through (a nested Jitsi iframe talks to its IFrame API by postMessage)', async () => {
    harness = startHost();
    const win = await probeOf(harness.host.mounted('probe')!);
    const heard = new Promise<unknown>((resolve) => win.addEventListener('message', (ev) => ev.data?.jitsi && resolve(ev.data)));
    // A frame inside the widget, like Jitsi's, posting to the widget window (its parent).
    const jitsi = win.document.createElement('iframe');
    jitsi.srcdoc = `<script>parent.postMessage({ jitsi: 'videoConferenceJoined' }, '*');</script>`;
    win.document.body.append(jitsi);
    expect(await heard).to.deep.equal({ jitsi: 'videoConferenceJoined' });
  });

  it('runs standalone outside a client, as a plain page configured by its URL', async () => {
    const iframe = document.createElement('iframe');
    iframe.src = `${PROBE_PAGE}#lang=de&src=questions.json`;
    document.body.append(iframe);
    extraFrames.push(iframe);
    const win = await probeOf(iframe, null);
    expect(win.probe.standalone).to.equal(true);
    expect(win.probe.booted!.mode).to.equal('standalone');
    expect(win.document.documentElement.lang).to.equal('de');
  });

  it('opened by itself (no client, nothing to show), says at once that it belongs in a Matrix room, and how', async () => {
    const iframe = document.createElement('iframe');
    iframe.src = `${PROBE_PAGE}#lang=en`;
    const started = Date.now();
    document.body.append(iframe);
    extraFrames.push(iframe);
    const screen = await waitFor(() => iframe.contentDocument?.querySelector<HTMLElement>('[data-screen="standalone"]'), 'standalone screen');
    expect(Date.now() - started).to.be.below(5000);
    expect(screen.querySelector('h1')!.textContent).to.equal('Open this widget in a Matrix room');
    expect(screen.textContent).to.contain('it works only inside a Matrix room');
    expect(screen.querySelector('code')!.textContent).to.match(/^\/addwidget http:\/\/[^ ]+\/probe\.html#\?roomId=\$matrix_room_id&userId=\$matrix_user_id/);
    // Not the app waiting for a client that is not there.
    expect((iframe.contentWindow as Window & { probe?: { standalone?: boolean } }).probe?.standalone).to.not.equal(true);
  });

  it('says "Connecting…" while the client is still asking the person about permissions, then shows the app', async () => {
    let answer!: () => void;
    const asked = new Promise<void>((resolve) => (answer = resolve));
    harness = startHost({
      approve: async (requested) => {
        await asked;
        return new Set(requested);
      },
    });
    const mounted = harness.host.mounted('probe')!;
    const win = await probeOf(mounted, null);
    const screen = await waitFor(() => win.document.querySelector<HTMLElement>('[data-screen="connecting"]'), 'connecting screen');
    expect(screen.querySelector('h2')!.textContent).to.equal('Connecting…');
    expect(win.document.querySelector<HTMLElement>('.devroom-widget')!.hidden).to.equal(true);
    answer();
    await waitFor(() => win.probe.context!.status.value === 'ready', 'ready');
    expect(win.document.querySelector<HTMLElement>('.devroom-runtime-screen')!.hidden).to.equal(true);
    expect(win.document.querySelector<HTMLElement>('.devroom-widget')!.hidden).to.equal(false);
  });

  it('shows an error screen for a broken widget URL (no user id)', async () => {
    const iframe = document.createElement('iframe');
    iframe.src = `${PROBE_PAGE}?widgetId=x&parentUrl=${encodeURIComponent(location.href)}#roomId=!r:x`;
    document.body.append(iframe);
    extraFrames.push(iframe);
    const screen = await waitFor(() => iframe.contentDocument?.querySelector<HTMLElement>('[data-screen="invalid"]'), 'invalid screen');
    expect(screen.textContent).to.contain('userId must be a Matrix user id');
  });
});
