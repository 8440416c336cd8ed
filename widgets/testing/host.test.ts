import { expect } from '@open-wc/testing';
import { ALICE, BOB, conferenceRoom, MOD, probeOf, probeText, probeWidget, startHost, waitFor } from '../../test/fixtures/widgets/harness.js';
import type { Harness } from '../../test/fixtures/widgets/harness.js';
import { rememberedCapabilities } from './approval.js';
import { promptApprover } from './approval.js';
import { LAYOUT_STATE, WIDGET_STATE, layoutFromState, widgetsFromState } from './host.js';
import { templateWidgetUrl } from './templating.js';
import { createHostToolbar } from './toolbar.js';

/** A Storage that lives only for one test. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, String(v)),
  };
}

describe('Element-like widget host', () => {
  let harness: Harness | undefined;
  afterEach(() => {
    harness?.cleanup();
    harness = undefined;
  });

  it("templates URLs like Element: variables and data keys anywhere, widgetId/parentUrl in the query", () => {
    const url = templateWidgetUrl(
      {
        id: 'talk',
        creatorUserId: MOD,
        type: 'dev.devroom.talk',
        url: 'https://w.example/talk.html?track=$track#userId=$matrix_user_id&name=$matrix_display_name&theme=$org.matrix.msc2873.client_theme&w=$matrix_widget_id',
        data: { track: 'Main hall' },
      },
      { roomId: '!r:x', userId: ALICE, displayName: 'Alice A', theme: 'dark' },
      'https://host.example/room?x=1#/room/!r:x',
    );
    const parsed = new URL(url);
    expect(parsed.searchParams.get('track')).to.equal('Main hall');
    expect(parsed.searchParams.get('widgetId')).to.equal('talk');
    expect(parsed.searchParams.get('parentUrl')).to.equal('https://host.example/room?x=1');
    expect(parsed.hash).to.equal(`#userId=${encodeURIComponent(ALICE)}&name=Alice%20A&theme=dark&w=talk`);
  });

  it('mounts widgets from room state into top/right by io.element.widgets.layout', async () => {
    const room = conferenceRoom();
    for (const id of ['a', 'b', 'c', 'd', 'e']) {
      room.setState(WIDGET_STATE, id, { ...probeWidget(id), creatorUserId: undefined });
    }
    room.setState(WIDGET_STATE, 'gone', {});
    room.setState(LAYOUT_STATE, '', {
      widgets: { b: { container: 'top', index: 0, width: 60 }, a: { container: 'top', index: 1 }, c: { container: 'top', index: 2 }, d: { container: 'top', index: 3 } },
    });
    const widgets = widgetsFromState(room);
    expect(widgets.map((w) => w.id)).to.deep.equal(['a', 'b', 'c', 'd', 'e']);
    const layout = layoutFromState(room, widgets);
    expect(layout.top.map((w) => w.id)).to.deep.equal(['b', 'a', 'c']);
    expect(layout.right.map((w) => w.id)).to.deep.equal(['d', 'e']);

    harness = startHost({ room, widgets: [] });
    const topIds = [...harness.host.top.querySelectorAll<HTMLElement>('[data-widget-id]')].map((e) => e.dataset.widgetId);
    expect(topIds).to.deep.equal(['b', 'a', 'c']);
    expect(harness.host.right.querySelectorAll('iframe')).to.have.length(2);
    const iframe = harness.host.mounted('b')!.iframe;
    expect(iframe.getAttribute('sandbox')).to.contain('allow-scripts');
    expect(iframe.allow).to.contain('display-capture');

    // Removing a widget (empty content) unmounts it.
    room.setState(WIDGET_STATE, 'e', {});
    await waitFor(() => !harness!.host.mounted('e'), 'e unmounted');
  });

  it('asks with a prompt, remembers the decision per widget id, and does not ask again', async () => {
    const storage = memoryStorage();
    const container = document.createElement('div');
    document.body.append(container);
    harness = startHost({ approve: promptApprover({ container, storage }) });
    const dialog = await waitFor(() => container.querySelector<HTMLDialogElement>('dialog[data-widget-id="probe"]'), 'prompt');
    expect(dialog.open).to.equal(true);
    expect(dialog.textContent).to.contain('Send dev.devroom.probe (@alice:example.org)');
    await expect(dialog).to.be.accessible();
    // Untick always-on-screen, keep the rest, remember.
    const aos = [...dialog.querySelectorAll<HTMLInputElement>('input[type=checkbox]')].find((b) => b.value === 'm.always_on_screen')!;
    aos.click();
    dialog.querySelector<HTMLButtonElement>('[data-action="approve"]')!.click();
    const win = await probeOf(harness.host.mounted('probe')!);
    expect(win.probe.context!.hasCapability('m.always_on_screen')).to.equal(false);
    expect(rememberedCapabilities('probe', storage)).to.have.length(9);

    // Another user, same browser: remembered capabilities are granted silently; asked are the
    // unticked one and Bob's own state key (a different capability string).
    harness.host.setUser(BOB);
    const again = await waitFor(() => container.querySelector<HTMLDialogElement>('dialog[data-widget-id="probe"]'), 'second prompt');
    expect([...again.querySelectorAll<HTMLInputElement>('input[id*="-cap-"]')].map((b) => b.value)).to.deep.equal([
      'org.matrix.msc2762.send.state_event:dev.devroom.probe#@bob:example.org',
      'm.always_on_screen',
    ]);
    again.querySelector<HTMLButtonElement>('[data-action="decline"]')!.click();
    // Declining Bob's own state key leaves the widget without a required capability.
    const bobWin = await probeOf(harness.host.mounted('probe')!, 'missing-capabilities');
    expect(probeText(bobWin, 'user')).to.contain(BOB);
    container.remove();
  });

  it('lets a widget stay on screen when it has the capability', async () => {
    harness = startHost();
    const mounted = harness.host.mounted('probe')!;
    const win = await probeOf(mounted);
    expect(await win.probe.context!.api.setAlwaysOnScreen(true)).to.equal(true);
    expect(mounted.alwaysOnScreen).to.equal(true);
  });

  it('toolbar switches user and theme', async () => {
    harness = startHost();
    const bar = createHostToolbar(harness.host, { attendees: [{ userId: ALICE }, { userId: BOB }, { userId: MOD }] });
    harness.container.prepend(bar);
    await expect(bar).to.be.accessible();
    const select = bar.querySelector<HTMLSelectElement>('select[name=user]')!;
    expect([...select.options].map((o) => o.textContent)).to.deep.equal(['Alice Attendee (power 0)', 'Bob (power 0)', 'Mo Derator (power 50)']);
    select.value = MOD;
    select.dispatchEvent(new Event('change'));
    const win = await probeOf(harness.host.mounted('probe')!);
    expect(win.probe.context!.params.userId).to.equal(MOD);
    const theme = bar.querySelector<HTMLButtonElement>('button[name=theme]')!;
    theme.click();
    expect(theme.getAttribute('aria-pressed')).to.equal('true');
    await waitFor(() => probeText(win, 'theme') === 'dark', 'dark');
  });
});
