/**
 * An Element Web-like widget host over a matrix-js-sdk client: one room widget in an
 * iframe with Element's URL templating, sandbox and permissions, matrix-widget-api's own
 * ClientWidgetApi, and events fed the way element-web's StopGapWidget feeds them:
 * - state changes pushed as `update_state` (RoomStateEvent.Events → feedStateUpdate);
 * - timeline events only after the point the client had reached when the widget started
 *   (the "read up to" marker, searched in the newest 100 events of the live timeline);
 *   an event relating to a parent the client does not hold skips that check;
 * - thread replies are not in the live timeline, so they are never fed;
 * - redactions only as matrix-js-sdk delivers them.
 */
import { ClientEvent, RoomStateEvent } from 'matrix-js-sdk';
import type { MatrixEvent } from 'matrix-js-sdk';
import { ClientWidgetApi, Widget } from 'matrix-widget-api';
import type { IRoomEvent, IWidget } from 'matrix-widget-api';
import { IFRAME_ALLOW, IFRAME_SANDBOX } from '../../widgets/testing/host.js';
import { approveAll } from '../../widgets/testing/driver.js';
import type { CapabilityApprover } from '../../widgets/testing/driver.js';
import { templateWidgetUrl } from '../../widgets/testing/templating.js';
import type { ElementClient } from './element-client.js';
import { ElementWidgetDriver } from './element-widget-driver.js';

export interface ElementWidget {
  iframe: HTMLIFrameElement;
  api: ClientWidgetApi;
  /** The templated URL the iframe loaded. */
  url: string;
  /** `performance.now()` when the iframe was created. */
  createdAt: number;
  /** Resolves with `performance.now()` when the widget sent content_loaded. */
  contentLoaded: Promise<number>;
  /** Resolves with `performance.now()` at the iframe's load event. */
  iframeLoaded: Promise<number>;
  /** Capabilities negotiated (ClientWidgetApi `ready`). */
  ready: Promise<void>;
  unmount(): void;
}

export interface MountOptions {
  approve?: CapabilityApprover;
  theme?: 'light' | 'dark';
  lang?: string;
}

const raw = (e: MatrixEvent): IRoomEvent => e.getEffectiveEvent() as unknown as IRoomEvent;

/** Mounts `definition` for `element`'s user in `roomId`, into `container`. */
export function mountElementWidget(element: ElementClient, roomId: string, definition: IWidget, container: HTMLElement, options: MountOptions = {}): ElementWidget {
  const { client } = element;
  const doc = container.ownerDocument;
  const widget = new Widget(definition);
  const userId = client.getSafeUserId();
  const room = client.getRoom(roomId);
  if (!room) throw new Error(`${userId} has not joined ${roomId}`);
  const displayName = room.getMember(userId)?.rawDisplayName ?? userId;
  const url = templateWidgetUrl(
    definition,
    {
      roomId,
      userId,
      displayName,
      theme: options.theme ?? 'light',
      lang: options.lang ?? 'en',
      clientId: 'io.element.web',
      deviceId: client.getDeviceId() ?? '',
      baseUrl: client.baseUrl,
    },
    doc.defaultView?.location.href ?? doc.baseURI,
  );

  const iframe = doc.createElement('iframe');
  iframe.title = widget.name ?? widget.id;
  iframe.allow = IFRAME_ALLOW;
  iframe.setAttribute('sandbox', IFRAME_SANDBOX);
  iframe.style.cssText = 'width: 420px; height: 560px; border: 1px solid #8884';
  const createdAt = performance.now();
  const iframeLoaded = new Promise<number>((resolve) => iframe.addEventListener('load', () => resolve(performance.now()), { once: true }));
  iframe.src = url;
  container.append(iframe);

  const driver = new ElementWidgetDriver(client, roomId, widget, options.approve ?? approveAll);
  const api = new ClientWidgetApi(widget, iframe, driver);
  api.setViewedRoomId(roomId);
  const contentLoaded = new Promise<number>((resolve) => api.on('action:content_loaded', () => resolve(performance.now())));
  const ready = new Promise<void>((resolve) => api.once('ready', () => resolve()));
  void ready.then(() => api.updateTheme({ name: options.theme ?? 'light' }).catch(() => undefined));

  // The "read up to" marker: the newest event the client held when the widget started.
  const events = room.getLiveTimeline().getEvents();
  let readUpTo = events[events.length - 1]?.getId();

  const relatesToUnknown = (ev: MatrixEvent): boolean => {
    if (!ev.relationEventId || ev.replyEventId) return false;
    return !room.findEventById(ev.relationEventId);
  };
  const advanceReadUpTo = (ev: MatrixEvent): boolean => {
    const id = ev.getId();
    if (!id || ev.getRoomId() !== roomId) return false;
    if (!readUpTo) {
      readUpTo = id;
      return true;
    }
    if (readUpTo === id) return false;
    const newest = [...room.getLiveTimeline().getEvents()].reverse().slice(0, 100);
    for (const timelineEvent of newest) {
      if (timelineEvent.getId() === readUpTo) return false;
      if (timelineEvent.getId() === id) {
        readUpTo = id;
        return true;
      }
    }
    // Not found: assume the widget has seen it (Element does).
    return false;
  };
  const onEvent = (ev: MatrixEvent): void => {
    if (ev.getRoomId() !== roomId) return;
    if (relatesToUnknown(ev) || advanceReadUpTo(ev)) api.feedEvent(raw(ev)).catch(() => undefined);
  };
  const onStateUpdate = (ev: MatrixEvent): void => {
    if (ev.getRoomId() !== roomId) return;
    api.feedStateUpdate(raw(ev)).catch(() => undefined);
  };
  client.on(ClientEvent.Event, onEvent);
  client.on(RoomStateEvent.Events, onStateUpdate);

  return {
    iframe,
    api,
    url,
    createdAt,
    contentLoaded,
    iframeLoaded,
    ready,
    unmount: () => {
      client.off(ClientEvent.Event, onEvent);
      client.off(RoomStateEvent.Events, onStateUpdate);
      api.stop();
      api.removeAllListeners();
      iframe.remove();
    },
  };
}
