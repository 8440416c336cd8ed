import { WidgetApi } from 'matrix-widget-api';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { WidgetApiRoom, handleAction } from '../room/widget-api-room.js';
import type { Room } from '../room/room.js';
import { capabilityList } from './capabilities.js';
import type { CapabilitySpec } from './capabilities.js';
import { installOriginGuard } from './origin-guard.js';
import { normaliseLang, normaliseTheme, readWidgetParams } from './params.js';
import type { Theme, WidgetParams } from './params.js';
import type { ScreenKind, renderScreen as RenderScreen } from './screens.js';
import { Watchable } from './watchable.js';

/**
 * The one bootstrap every devroom widget page calls:
 *
 *   bootWidget({ capabilities, render: (ctx) => …, standalone: (ctx) => … })
 *
 * Reads the URL, decides widget / standalone / invalid, creates the WidgetApi with the
 * parent origin before anything renders, guards incoming messages, requests the declared
 * capabilities once, renders, sends content_loaded (widget state uses
 * waitForIframeLoad: false), then watches the negotiation: denied capabilities and a
 * silent client each get an explanation screen with Retry.
 */

export type WidgetStatus = 'connecting' | 'ready' | 'missing-capabilities' | 'no-client' | 'invalid' | 'standalone';

export interface WidgetContext {
  mode: 'widget';
  room: Room;
  params: WidgetParams;
  api: WidgetApi;
  /** Where the widget renders; hidden while a runtime screen shows. */
  container: HTMLElement;
  /** Client theme (Element's theme_change); undefined = follow prefers-color-scheme. */
  theme: Watchable<Theme | undefined>;
  /** Element's `visibility` action (e.g. hidden in the right panel). */
  visible: Watchable<boolean>;
  /** BCP 47; also on <html lang>. */
  lang: Watchable<string>;
  status: Watchable<WidgetStatus>;
  hasCapability(capability: string): boolean;
}

export interface StandaloneContext {
  mode: 'standalone';
  container: HTMLElement;
  lang: string;
  theme?: Theme;
  /** Fragment/query parameters, for configuring the component on a plain page. */
  extra: Record<string, string>;
}

export interface BootOptions {
  capabilities: CapabilitySpec | ((params: WidgetParams) => CapabilitySpec);
  /** First render in a client. May return a promise (e.g. `el.updateComplete`); content_loaded follows it. */
  render(context: WidgetContext): void | Promise<unknown>;
  /** Outside a client. Default: a short "open this in a Matrix room" screen. */
  standalone?(context: StandaloneContext): void | Promise<unknown>;
  /** Default: document.body. */
  container?: HTMLElement;
  /** No capabilities request from the client within this time → "no answer" screen. Default 10 s. */
  clientTimeoutMs?: number;
  /** For tests: where we are. */
  location?: Pick<Location, 'href'>;
}

export interface BootedWidget {
  mode: 'widget' | 'standalone' | 'invalid';
  status: Watchable<WidgetStatus>;
  context?: WidgetContext;
  /** Stops the API, the guard and the timers (tests, hot reload). */
  dispose(): void;
}

/**
 * The explanation screens show only when something is wrong (or outside a client), so
 * they load on demand and stay out of every widget's first load.
 */
const loadScreens = loadOnce('the runtime screens', () => import('./screens.js'));
async function showRuntimeScreen(...args: Parameters<typeof RenderScreen>) {
  return (await loadScreens()).renderScreen(...args);
}

export async function bootWidget(options: BootOptions): Promise<BootedWidget> {
  const root = options.container ?? document.body;
  const result = readWidgetParams(options.location ?? window.location);
  const html = document.documentElement;
  const applyTheme = (theme: Theme | undefined) => {
    if (theme) html.dataset.devroomTheme = theme;
    else delete html.dataset.devroomTheme;
  };

  if (result.mode !== 'widget') {
    html.lang = result.lang;
    const status = new Watchable<WidgetStatus>(result.mode);
    if (result.mode === 'invalid') {
      console.error('devroom:', result.error.message);
      await showRuntimeScreen(root, 'invalid', { lang: result.lang, problem: result.error });
      return { mode: 'invalid', status, dispose: () => undefined };
    }
    applyTheme(result.theme);
    const context: StandaloneContext = { mode: 'standalone', container: root, lang: result.lang, extra: result.extra, ...(result.theme ? { theme: result.theme } : {}) };
    // A plain page needs its data from the URL (`src`, …); without any, the page was opened
    // by itself: say at once that it belongs in a Matrix room, not show an app that waits for nobody.
    if (options.standalone && Object.keys(result.extra).length) await options.standalone(context);
    else await showRuntimeScreen(root, 'standalone', { lang: result.lang });
    return { mode: 'standalone', status, dispose: () => undefined };
  }

  const params = result.params;
  const status = new Watchable<WidgetStatus>('connecting');
  const theme = new Watchable<Theme | undefined>(params.theme);
  const lang = new Watchable(params.lang);
  const visible = new Watchable(true);
  const cleanups: (() => void)[] = [];

  // The guard and the API exist before anything renders or listens.
  let clientAlive = false;
  cleanups.push(installOriginGuard(params.parentOrigin));
  const api = new WidgetApi(params.widgetId, params.parentOrigin);
  const spec = typeof options.capabilities === 'function' ? options.capabilities(params) : options.capabilities;
  const { required, optional } = capabilityList(spec);
  api.requestCapabilities([...required, ...optional]);

  let negotiated = false;
  const ready = new Promise<void>((resolve) => api.once('ready', () => resolve()));
  // The room tracks what the client approved; the runtime asks it. After a renegotiation the
  // WidgetApi emits no second `ready`: the room's notification is when to look again.
  const room = new WidgetApiRoom(api, {
    roomId: params.roomId,
    userId: params.userId,
    ready,
    onCapabilities: () => {
      if (negotiated) evaluate();
    },
  });
  cleanups.push(() => room.dispose());
  const has = (capability: string) => room.hasCapability(capability);

  cleanups.push(
    handleAction(api, 'theme_change', (data) => {
      // Element sends {name: <theme id>}; the format is unstandardised, so accept `theme` too.
      const next = normaliseTheme(typeof data.name === 'string' ? data.name : typeof data.theme === 'string' ? data.theme : undefined);
      if (next) theme.set(next);
    }),
    handleAction(api, 'language_change', (data) => {
      const next = normaliseLang(typeof data.lang === 'string' ? data.lang : undefined);
      if (next) lang.set(next);
    }),
    handleAction(api, 'visibility', (data) => visible.set(data.visible !== false)),
  );

  // Any capabilities request means a client is there (the user may still be deciding).
  api.on('action:capabilities', () => {
    clientAlive = true;
    if (status.value === 'no-client') showApp('connecting');
  });

  cleanups.push(theme.subscribe(applyTheme));
  cleanups.push(lang.subscribe((value) => (html.lang = value)));

  // Layout: the app and the runtime screen side by side, one of them hidden.
  const app = document.createElement('div');
  app.className = 'devroom-widget';
  const screen = document.createElement('div');
  screen.className = 'devroom-runtime-screen';
  screen.hidden = true;
  root.replaceChildren(app, screen);

  function showApp(next: WidgetStatus) {
    status.set(next);
    screen.hidden = true;
    screen.replaceChildren();
    app.hidden = false;
  }
  function showScreen(kind: ScreenKind & WidgetStatus, extra: { missing?: string[]; onRetry?: () => void }) {
    status.set(kind);
    app.hidden = true;
    showRuntimeScreen(screen, kind, { lang: lang.value, ...extra }).then(
      (section) => {
        // The situation may have changed while the screen loaded.
        if (status.value === kind) section.querySelector('button')?.focus();
      },
      // loadOnce has said why; the next screen asks again.
      () => undefined,
    );
  }

  function evaluate() {
    const missing = required.filter((c) => !has(c));
    if (missing.length) showScreen('missing-capabilities', { missing, onRetry: () => void renegotiate() });
    else showApp('ready');
  }

  async function renegotiate() {
    showApp('connecting');
    const versions = await api.getClientVersions();
    if (versions.includes('org.matrix.msc2974')) {
      // MSC2974: ask again for what we still lack; the client answers with notify_capabilities.
      await api.updateRequestedCapabilities().catch((error: unknown) => console.warn('devroom: renegotiation failed', error));
    } else {
      window.location.reload();
    }
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeoutMs = options.clientTimeoutMs ?? 10_000;
  function watchClient() {
    clearTimeout(timer);
    timer = setTimeout(() => {
      if (clientAlive) return;
      showScreen('no-client', {
        onRetry: () => {
          showApp('connecting');
          // The client may have missed our content_loaded (e.g. it attached late): say it again.
          api.sendContentLoaded().catch(() => undefined);
          watchClient();
        },
      });
    }, timeoutMs);
  }
  cleanups.push(() => clearTimeout(timer));

  api.start();
  cleanups.push(() => api.transport.stop());
  watchClient();

  const context: WidgetContext = {
    mode: 'widget',
    room,
    params,
    api,
    container: app,
    theme,
    visible,
    lang,
    status,
    hasCapability: has,
  };
  await options.render(context);
  // After the document's load event: ClientWidgetApi (waitForIframeLoad: false) starts waiting
  // for content_loaded at the iframe's load event and forgets one that came earlier, then logs
  // "timed out waiting for contentLoaded" 10 s later. Never wait long for it: a slow image
  // must not hold capabilities back (the message is then only noise in the client's console).
  await afterLoad(window, 3000);
  // A client that waits for the iframe load instead answers with an error: harmless.
  api.sendContentLoaded().catch(() => undefined);
  // The client may be asking the person about permissions now: say "Connecting…" rather than
  // show the app's empty states. Not at once, so a quick answer loads no screen.
  const waiting = setTimeout(() => negotiated || showScreen('connecting', {}), 500);
  cleanups.push(() => clearTimeout(waiting));
  void ready.then(() => {
    negotiated = true;
    evaluate();
  });

  return {
    mode: 'widget',
    status,
    context,
    dispose: () => cleanups.splice(0).forEach((fn) => fn()),
  };
}

/** Resolves a task after the window's load event (or at once if it has fired), at most after `capMs`. */
function afterLoad(win: Window, capMs: number): Promise<void> {
  return new Promise((resolve) => {
    // The iframe's load event reaches the parent as its own task: let it go first.
    const done = () => setTimeout(resolve, 0);
    if (win.document.readyState === 'complete') return done();
    // Whichever comes first (resolving twice does nothing; load fires once).
    win.addEventListener('load', done);
    setTimeout(done, capMs);
  });
}
