import { ClientWidgetApi, Widget } from 'matrix-widget-api';
import type { IRoomEvent, IWidget, IWidgetApiRequest } from 'matrix-widget-api';
import type { MemoryRoom } from '../room/memory-room.js';
import type { RoomEvent } from '../room/room.js';
import { promptApprover } from './approval.js';
import { MemoryWidgetDriver } from './driver.js';
import type { CapabilityApprover } from './driver.js';
import { MediaStore } from './media.js';
import { templateWidgetUrl } from './templating.js';

/**
 * An Element-like widget host over a MemoryRoom: it reads the room's widgets
 * (`im.vector.modular.widgets`) and layout (`io.element.widgets.layout`), mounts each in
 * an iframe with Element's URL templating, sandbox and permissions, talks to it through
 * matrix-widget-api's own ClientWidgetApi with a MemoryWidgetDriver, feeds it every live
 * room event, and lets you switch the signed-in user, the theme and the language.
 */

export const WIDGET_STATE = 'im.vector.modular.widgets';
export const LAYOUT_STATE = 'io.element.widgets.layout';

/** Element's iframe permissions for room widgets (a nested Jitsi iframe gets at most these). */
export const IFRAME_ALLOW = 'microphone; camera; encrypted-media; autoplay; display-capture; clipboard-write;';
export const IFRAME_SANDBOX =
  'allow-forms allow-popups allow-popups-to-escape-sandbox allow-same-origin allow-scripts allow-presentation allow-downloads';

export type HostTheme = 'light' | 'dark';

export interface LayoutEntry {
  container: 'top' | 'right';
  index?: number;
  /** Top container: share of the row in percent. */
  width?: number;
  /** Top container: height in percent of the host's top area maximum. */
  height?: number;
}

export interface WidgetHostOptions {
  room: MemoryRoom;
  userId: string;
  container: HTMLElement;
  theme?: HostTheme;
  lang?: string;
  /** Default: Element's prompt dialog, remembered per widget id in `storage`. */
  approve?: CapabilityApprover;
  /** Where approvals are remembered. Default localStorage; null = never. */
  storage?: Storage | null;
  deviceId?: string;
  baseUrl?: string;
  /** Also mount these, as if they were in room state (tests). */
  widgets?: IWidget[];
  /**
   * The homeserver's media (mxc:// files widgets download with MSC4039 `download_file`).
   * Default: an empty store on the room's server, at `host.media`.
   */
  media?: MediaStore;
}

export interface MountedWidget {
  widget: Widget;
  iframe: HTMLIFrameElement;
  api: ClientWidgetApi;
  driver: MemoryWidgetDriver;
  /** The templated URL the iframe loaded. */
  url: string;
  /** Capabilities validated (ClientWidgetApi `ready`). */
  ready: Promise<void>;
  /** The widget told the client about the approved capabilities. */
  capabilitiesNotified: Promise<void>;
  /** The widget sent content_loaded. */
  contentLoaded: Promise<void>;
  alwaysOnScreen: boolean;
  unmount(): void;
}

/** Widgets in room state: state key = widget id; empty content = removed. */
export function widgetsFromState(room: MemoryRoom): IWidget[] {
  return room
    .getState(WIDGET_STATE)
    .filter((e) => typeof e.content.url === 'string' && typeof e.content.type === 'string')
    .map((e) => widgetFromEvent(e));
}

function widgetFromEvent(e: RoomEvent): IWidget {
  const c = e.content;
  return {
    id: e.state_key!,
    creatorUserId: typeof c.creatorUserId === 'string' ? c.creatorUserId : e.sender,
    type: c.type as string,
    url: c.url as string,
    ...(typeof c.name === 'string' ? { name: c.name } : {}),
    ...(c.data && typeof c.data === 'object' ? { data: c.data as IWidget['data'] } : {}),
    ...(typeof c.waitForIframeLoad === 'boolean' ? { waitForIframeLoad: c.waitForIframeLoad } : {}),
  };
}

/** Element's layout rules: top holds at most 3 widgets ordered by index; the rest go right. */
export function layoutFromState(room: MemoryRoom, widgets: IWidget[]): { top: IWidget[]; right: IWidget[]; entries: Record<string, LayoutEntry> } {
  const raw = room.getState(LAYOUT_STATE, '')[0]?.content.widgets;
  const entries: Record<string, LayoutEntry> = {};
  if (raw && typeof raw === 'object') {
    for (const [id, value] of Object.entries(raw as Record<string, unknown>)) {
      if (value && typeof value === 'object' && (value as LayoutEntry).container) entries[id] = value as LayoutEntry;
    }
  }
  const top = widgets
    .filter((w) => entries[w.id]?.container === 'top')
    .sort((a, b) => (entries[a.id]?.index ?? 0) - (entries[b.id]?.index ?? 0))
    .slice(0, 3);
  const right = widgets.filter((w) => !top.includes(w));
  return { top, right, entries };
}

const HOST_STYLE = `
.devroom-host { display: grid; gap: 12px; grid-template-columns: minmax(0, 1fr) minmax(280px, 380px); grid-template-areas: "top top" "main right"; color: CanvasText; }
.devroom-host[data-theme='dark'] { color-scheme: dark; background: #15191e; color: #ebeef2; }
.devroom-host[data-theme='light'] { color-scheme: light; background: #fff; color: #17191c; }
.devroom-host-top { grid-area: top; display: flex; gap: 12px; min-height: 0; }
.devroom-host-top:empty { display: none; }
.devroom-host-main { grid-area: main; min-width: 0; }
.devroom-host-right { grid-area: right; display: flex; flex-direction: column; gap: 12px; }
.devroom-host-widget { display: flex; flex-direction: column; border: 1px solid #8884; border-radius: 8px; overflow: hidden; flex: 1 1 0; min-width: 0; }
.devroom-host-widget h3 { margin: 0; padding: 4px 8px; font: 600 0.85rem system-ui, sans-serif; background: #8882; }
.devroom-host-widget iframe { border: 0; width: 100%; flex: 1; min-height: 320px; background: Canvas; }
.devroom-host-prompt { max-width: 32rem; font-family: system-ui, sans-serif; }
`;

export class WidgetHost {
  readonly room: MemoryRoom;
  userId: string;
  theme: HostTheme;
  lang: string;
  /** Top row, right panel and a main area for the embedding page (e.g. a timeline). */
  readonly element: HTMLElement;
  readonly top: HTMLElement;
  readonly right: HTMLElement;
  readonly main: HTMLElement;
  /** The content repository widgets download mxc:// media from. */
  readonly media: MediaStore;

  private readonly approve: CapabilityApprover;
  private readonly mountedWidgets = new Map<string, MountedWidget>();
  private unsubscribe?: () => void;
  private renderQueued = false;

  constructor(private readonly options: WidgetHostOptions) {
    this.room = options.room;
    this.userId = options.userId;
    this.theme = options.theme ?? 'light';
    this.lang = options.lang ?? 'en';
    this.media = options.media ?? new MediaStore(/:(.+)$/.exec(this.room.roomId)?.[1] ?? 'localhost', options.baseUrl);
    const doc = options.container.ownerDocument;
    if (!doc.getElementById('devroom-host-style')) {
      const style = doc.createElement('style');
      style.id = 'devroom-host-style';
      style.textContent = HOST_STYLE;
      doc.head.append(style);
    }
    this.element = doc.createElement('div');
    this.element.className = 'devroom-host';
    this.element.dataset.theme = this.theme;
    this.top = doc.createElement('div');
    this.top.className = 'devroom-host-top';
    this.top.setAttribute('role', 'region');
    this.top.setAttribute('aria-label', 'Top widgets');
    this.main = doc.createElement('div');
    this.main.className = 'devroom-host-main';
    this.right = doc.createElement('aside');
    this.right.className = 'devroom-host-right';
    this.right.setAttribute('aria-label', 'Right panel widgets');
    this.element.append(this.top, this.main, this.right);
    this.approve = options.approve ?? promptApprover({ container: this.element, storage: options.storage });
  }

  /** Renders the room's widgets and starts feeding live events. */
  start(): this {
    this.options.container.append(this.element);
    this.unsubscribe = this.room.subscribe((event) => this.onRoomEvent(event));
    this.render();
    return this;
  }

  stop(): void {
    this.unsubscribe?.();
    for (const mounted of [...this.mountedWidgets.values()]) mounted.unmount();
    this.element.remove();
  }

  /** Widgets from room state plus any given in the options. */
  widgets(): IWidget[] {
    const fromState = widgetsFromState(this.room);
    const extra = (this.options.widgets ?? []).filter((w) => !fromState.some((s) => s.id === w.id));
    return [...fromState, ...extra];
  }

  mounted(widgetId: string): MountedWidget | undefined {
    return this.mountedWidgets.get(widgetId);
  }

  /** Remounts every widget (Element reloads widgets when the layout changes or you sign in as someone else). */
  render(): void {
    for (const mounted of [...this.mountedWidgets.values()]) mounted.unmount();
    const { top, right, entries } = layoutFromState(this.room, this.widgets());
    for (const widget of top) {
      const slot = this.mountWidget(widget, this.top);
      const width = entries[widget.id]?.width;
      if (typeof width === 'number') slot.iframe.closest<HTMLElement>('.devroom-host-widget')!.style.flex = `0 0 ${width}%`;
      const height = entries[widget.id]?.height;
      if (typeof height === 'number') slot.iframe.style.minHeight = `${Math.max(120, Math.round(height * 6))}px`;
    }
    for (const widget of right) this.mountWidget(widget, this.right);
  }

  /** Signs in as another attendee: every widget reloads as that user. */
  setUser(userId: string): void {
    this.userId = userId;
    this.render();
  }

  /** Like Element's theme switch: tells every widget (theme_change) without reloading it. */
  setTheme(theme: HostTheme): void {
    this.theme = theme;
    this.element.dataset.theme = theme;
    for (const { api } of this.mountedWidgets.values()) api.updateTheme({ name: theme }).catch(() => undefined);
  }

  setLanguage(lang: string): void {
    this.lang = lang;
    for (const { api } of this.mountedWidgets.values()) api.updateLanguage(lang).catch(() => undefined);
  }

  setVisible(widgetId: string, visible: boolean): Promise<unknown> {
    const mounted = this.mountedWidgets.get(widgetId);
    return mounted ? mounted.api.updateVisibility(visible) : Promise.resolve();
  }

  /** Mounts one widget into `into` (used by render(); tests may call it directly). */
  mountWidget(definition: IWidget, into: HTMLElement): MountedWidget {
    this.mountedWidgets.get(definition.id)?.unmount();
    const doc = into.ownerDocument;
    // Element needs absolute URLs; accept page-relative ones for convenience. The URL is
    // otherwise kept as stored: an escaped `%24` in a value must not become a template
    // variable (Element turns `%24` back into `$` only after templating).
    const definitionAbs: IWidget = { ...definition, url: new URL(definition.url, doc.baseURI).toString() };
    const widget = new Widget(definitionAbs);
    const avatarUrl = this.room.avatarUrl(this.userId);
    const url = templateWidgetUrl(
      definitionAbs,
      {
        roomId: this.room.roomId,
        userId: this.userId,
        displayName: this.room.displayName(this.userId),
        ...(avatarUrl ? { avatarUrl } : {}),
        theme: this.theme,
        lang: this.lang,
        clientId: 'dev.devroom.host',
        ...(this.options.deviceId ? { deviceId: this.options.deviceId } : {}),
        ...(this.options.baseUrl ? { baseUrl: this.options.baseUrl } : {}),
      },
      doc.defaultView?.location.href ?? doc.baseURI,
    );

    const frame = doc.createElement('section');
    frame.className = 'devroom-host-widget';
    frame.dataset.widgetId = widget.id;
    const heading = doc.createElement('h3');
    heading.textContent = widget.name ?? widget.id;
    const iframe = doc.createElement('iframe');
    iframe.title = widget.name ?? widget.id;
    iframe.allow = IFRAME_ALLOW;
    iframe.setAttribute('sandbox', IFRAME_SANDBOX);
    iframe.src = url;
    frame.append(heading, iframe);
    into.append(frame);

    const driver = new MemoryWidgetDriver(this.room, this.userId, widget, { approve: this.approve, media: this.media });
    const api = new ClientWidgetApi(widget, iframe, driver);
    api.setViewedRoomId(this.room.roomId);
    const once = (name: string) => new Promise<void>((resolve) => api.once(name, () => resolve()));
    let loaded!: () => void;
    const contentLoaded = new Promise<void>((resolve) => (loaded = resolve));
    api.on('action:content_loaded', () => loaded());

    const mounted: MountedWidget = {
      widget,
      iframe,
      api,
      driver,
      url,
      ready: once('ready'),
      capabilitiesNotified: once('capabilitiesNotified'),
      contentLoaded,
      alwaysOnScreen: false,
      unmount: () => {
        // ClientWidgetApi.stop() leaves its content_loaded wait running: a widget removed before
        // it sent content_loaded (a quick switch of person) was reported as "timed out waiting
        // for contentLoaded" 10 s later, in a console that should stay clean.
        clearTimeout((api as unknown as { contentLoadedWaitTimer?: ReturnType<typeof setTimeout> }).contentLoadedWaitTimer);
        api.stop();
        api.removeAllListeners();
        frame.remove();
        if (this.mountedWidgets.get(widget.id) === mounted) this.mountedWidgets.delete(widget.id);
      },
    };
    // Element handles always-on-screen itself (ClientWidgetApi would refuse the action).
    api.on('action:set_always_on_screen', (ev: CustomEvent<IWidgetApiRequest>) => {
      ev.preventDefault();
      if (!api.hasCapability('m.always_on_screen')) {
        api.transport.reply(ev.detail, { error: { message: 'Missing capability' } });
        return;
      }
      mounted.alwaysOnScreen = (ev.detail.data as { value?: unknown }).value === true;
      frame.dataset.alwaysOnScreen = String(mounted.alwaysOnScreen);
      api.transport.reply(ev.detail, { success: true });
    });
    this.mountedWidgets.set(widget.id, mounted);
    return mounted;
  }

  private onRoomEvent(event: RoomEvent): void {
    const raw = { ...event, unsigned: event.unsigned ?? {} } as IRoomEvent;
    for (const { api } of this.mountedWidgets.values()) {
      // Element feeds every timeline event, and state changes separately (MSC2762 update_state).
      api.feedEvent(raw).catch(() => undefined);
      if (event.state_key !== undefined) api.feedStateUpdate(raw).catch(() => undefined);
    }
    if (event.type === WIDGET_STATE || event.type === LAYOUT_STATE) this.queueRender();
  }

  private queueRender(): void {
    if (this.renderQueued) return;
    this.renderQueued = true;
    queueMicrotask(() => {
      this.renderQueued = false;
      this.render();
    });
  }
}
