import { DevroomRoomStatus } from '../../components/room-status/room-status.js';
import type { RoomStatusState } from '../../components/room-status/room-status.js';
import { defineElement } from '../../components/shared/define.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { ClientServerRoom, PublicRoomCodes } from '../room/client-server-room.js';
import { RoomError } from '../room/room.js';
import type { Bind } from '../shared/binding.js';
import type { ClientServerRoomOptions, PublicRoomStatus } from '../room/client-server-room.js';

/**
 * Binds a devroom element to a public Matrix room, read-only, on a plain page:
 *
 *   <devroom-qa-queue homeserver="https://matrix.example.org" room="#talk-42:example.org"></devroom-qa-queue>
 *   bindPublicRoom(document.querySelector('devroom-qa-queue'))
 *
 * Components never import Matrix code, so this lives in widgets/: it reads the element's
 * `homeserver` and `room` attributes, opens a ClientServerRoom (guest, no login) and calls
 * the element's existing binding with it and no capabilities, so every write is hidden or
 * refused. A `<devroom-room-status>` right before the element shows connecting, retrying,
 * offline and the final problems (room not found, not world-readable, guest access
 * disabled) with a matrix.to link to the room.
 */

export interface PublicRoomBinding {
  /** The page's one connection to this homeserver + room, shared by every element bound to it. */
  room: ClientServerRoom;
  status: DevroomRoomStatus;
  /** Resolves when the element shows the room's data; rejects with the RoomError that stopped it. */
  ready: Promise<void>;
  stop(): void;
}

export type PublicRoomOptions = Partial<Omit<ClientServerRoomOptions, 'homeserver' | 'room'>> & {
  /** Loads the element's definition when nothing defined it yet (the auto-binder's on-demand chunks). */
  define?: () => Promise<unknown>;
};

/** Open connections by homeserver + room: one join and one /sync loop per room per page. */
const connections = new Map<string, { room: ClientServerRoom; users: number }>();

/**
 * The page's connection to `room` on `homeserver`, opened by the first element bound to it
 * (its options win) and stopped when the last one lets go. A room given once by alias and
 * once by id is two connections.
 */
function connect(options: ClientServerRoomOptions): { room: ClientServerRoom; release(): void } {
  const key = `${options.homeserver.replace(/\/+$/, '')} ${options.room}`;
  let entry = connections.get(key);
  // A room that failed for good is not handed out again: an element bound later tries anew.
  if (!entry || entry.room.status.state === 'failed' || entry.room.status.state === 'stopped') {
    connections.set(key, (entry = { room: new ClientServerRoom(options), users: 0 }));
  }
  const own = entry;
  own.users++;
  let released = false;
  return {
    room: own.room,
    release() {
      if (released) return;
      released = true;
      if (--own.users > 0) return;
      own.room.stop();
      if (connections.get(key) === own) connections.delete(key);
    },
  };
}

/** matrix.to link for a room id or alias. */
export function matrixToLink(room: string): string {
  return `https://matrix.to/#/${encodeURIComponent(room)}`;
}

const CODE_STATE: Record<string, RoomStatusState> = {
  [PublicRoomCodes.notFound]: 'not-found',
  [PublicRoomCodes.notWorldReadable]: 'not-world-readable',
  [PublicRoomCodes.guestAccessDisabled]: 'guest-disabled',
};

function showStatus(el: DevroomRoomStatus, status: PublicRoomStatus): void {
  switch (status.state) {
    case 'live':
      el.state = 'live';
      break;
    case 'retrying':
      el.state = 'retrying';
      el.retryAt = status.retryAt;
      break;
    case 'offline':
      el.state = 'offline';
      break;
    case 'failed':
      el.state = CODE_STATE[status.code] ?? 'failed';
      el.detail = status.code;
      break;
    case 'stopped':
      break;
    default:
      el.state = 'connecting';
  }
}

export function bindPublicRoom(element: HTMLElement, { define, ...options }: PublicRoomOptions = {}): PublicRoomBinding {
  const homeserver = element.getAttribute('homeserver') ?? '';
  const roomRef = element.getAttribute('room') ?? '';
  const link = matrixToLink(roomRef);
  // Defined on first use, not on import: `devroom/widget` has no import-time side effects.
  defineElement('devroom-room-status', DevroomRoomStatus);
  const status = document.createElement('devroom-room-status');
  status.roomLink = link;
  element.before(status);

  // Hidden until it shows the room's data: before that its own empty state (an ask form,
  // "No questions yet", "not set up yet") would be wrong, while connecting and when the room
  // cannot be read. The status says which. A `hidden` the page set stays the page's.
  const hide = !element.hidden;
  element.hidden = true;
  let shown = false;

  const connection = connect({ homeserver, room: roomRef, ...options });
  const room = connection.room;
  const unwatch = room.onStatus((s) => {
    // "Connecting" lasts until the element shows the data, not just until the room answers.
    showStatus(status, s.state === 'live' && !shown ? { state: 'connecting' } : s);
    if (s.state === 'failed') element.hidden = true;
  });
  let stopBinding: (() => void) | undefined;
  let stopped = false;
  /** The element's code did not load: it can show nothing, so this element lets go of the room. */
  const cannotLoad = (error: unknown): never => {
    if (!stopped) {
      unwatch();
      connection.release();
      status.state = 'load-failed';
    }
    throw error;
  };

  const ready = (async () => {
    const tag = element.localName;
    if (!/^(!|#)[^:]+:.+$/.test(roomRef) || !/^https?:\/\//.test(homeserver) || !isPublicTag(tag)) {
      connection.release();
      status.state = 'invalid-attributes';
      throw new Error(`devroom: bindPublicRoom needs a devroom element with homeserver="https://…" and room="#alias:server" (got <${tag}>, "${homeserver}", "${roomRef}")`);
    }
    const entry = BINDINGS[tag] as PublicEntry<HTMLElement>;
    const defined = customElements.get(tag) || !define ? customElements.whenDefined(tag) : define().catch(cannotLoad);
    const [bind] = await Promise.all([entry.load().catch(cannotLoad), room.connect(), defined, customElements.whenDefined(tag)]);
    if (stopped) return;
    try {
      // Read-only: nothing granted, so every write is hidden or refused.
      const binding = bind(element, room, { hasCapability: () => false });
      entry.prepare?.(element, link);
      stopBinding = () => binding.stop();
      await binding.ready;
    } catch (error) {
      // The room answered but the element's data could not be read (e.g. a 403 on /relations).
      const code = error instanceof RoomError ? error.code : 'M_UNKNOWN';
      if (!stopped) showStatus(status, { state: 'failed', code, message: String(error) });
      throw error;
    }
    if (stopped) return; // stop() has stopped the binding
    shown = true;
    if (hide && room.status.state !== 'failed') element.hidden = false;
    showStatus(status, room.status);
  })();
  ready.catch((error: unknown) => console.warn('devroom: public room not shown', error));

  return {
    room,
    status,
    ready,
    stop() {
      if (stopped) return;
      stopped = true;
      unwatch();
      stopBinding?.();
      connection.release();
      status.remove();
      if (hide) element.hidden = false;
    },
  };
}

/** How the public reader binds one kind of element: the widget's own binding, nothing granted. */
interface PublicEntry<E extends HTMLElement> {
  /** The widget's binding, loaded on demand (a page pays only for its tags). */
  load(): Promise<Bind<E>>;
  /**
   * The read-only view's settings, set right after the binding is called and before it is
   * ready (while the element is still hidden), so they win over the binding's own defaults.
   */
  prepare?(element: E, link: string): void;
}

type PublicTag = 'devroom-qa-queue' | 'devroom-talk-player' | 'devroom-stand-booth' | 'devroom-food-truck-menu';

const BINDINGS: { [T in PublicTag]: PublicEntry<HTMLElementTagNameMap[T]> } = {
  'devroom-qa-queue': {
    load: loadOnce('the Q&A binding', () => import('../qa-queue/binding.js').then((m) => m.bindQaQueue)),
    prepare(el, link) {
      // No ask form, votes or hands: the room link says where to take part.
      el.readOnly = true;
      el.roomLink = link;
      el.handsEnabled = false;
    },
  },
  'devroom-talk-player': {
    load: loadOnce('the talk binding', () => import('../talk-player/binding.js').then((m) => m.bindTalkPlayer)),
  },
  'devroom-stand-booth': {
    load: loadOnce('the stand binding', () => import('../stand-booth/binding.js').then((m) => m.bindStandBooth)),
    // No contact form, presence toggle or editor (nothing granted): the link stands in.
    prepare: (el, link) => (el.roomLink = link),
  },
  'devroom-food-truck-menu': {
    load: loadOnce('the menu binding', () => import('../food-truck-menu/binding.js').then((m) => m.bindFoodTruckMenu)),
    // Nothing granted: no cart, no vendor queue, the orders part never loads.
    prepare: (el, link) => (el.roomLink = link),
  },
};

const isPublicTag = (tag: string): tag is PublicTag => Object.hasOwn(BINDINGS, tag);
