import type { DevroomFoodTruckMenu, OrderStatusDetail, PlaceOrderDetail } from '../../components/food-truck-menu/food-truck-menu.js';
import { checkMenu } from '../../components/food-truck-menu/menu.js';
import { RoomError } from '../room/room.js';
import type { WidgetContext } from '../runtime/boot.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { rootProblem } from '../schema/state-checks.js';
import type { FoodTruckOrders } from './orders.js';
import { reject } from '../shared/rejections.js';
import { PowerWatch, StateWatch, rootFrom } from '../shared/room-sync.js';

/**
 * Room ↔ <devroom-food-truck-menu>.
 *
 * Down: `dev.devroom.menu` state → `menu`; power levels and granted capabilities →
 * `canManage` (vendor) / `ordering` (customer); orders and their statuses → `orders` /
 * `statusEvents` (./orders.ts). Up: `devroom-menu-update` → new menu state;
 * `devroom-place-order` / `devroom-order-status` → order and status events.
 *
 * Everything about orders and the vendor's menu edits lives in a module loaded once the
 * `orders` root exists (or this user may create it): the menu paints without it, and the
 * cart and the vendor view are only offered once it is there. Live order events that
 * arrive before it has loaded are buffered here and handed over.
 */

/** Optional capabilities the binding checks before offering a feature. */
export type FoodTruckGrant = 'sendOrder' | 'sendStatus' | 'sendMenu' | 'createRoot';

export interface FoodTruckBindingOptions {
  /** Whether the client granted the capabilities behind a feature. Default: all granted (MemoryRoom tests). */
  granted?: (what: FoodTruckGrant) => boolean;
  /** Shows (or, with undefined, clears) a message next to the widget. */
  notify?: (message: string | undefined, kind: 'error' | 'info') => void;
  /**
   * The widget: mxc:// item images are downloaded through the client (DOWNLOAD_FILE, an
   * optional capability) by mxc-media.ts (shared with the stand booth), loaded when the
   * element first asks for one. Without it, mxc images show their placeholder.
   */
  media?: WidgetContext;
}

/** MatrixCapabilities.MSC4039DownloadFile: item images uploaded to Matrix (mxc://). */
export const DOWNLOAD_FILE = 'org.matrix.msc4039.download_file';

/** Requests the binding made, by kind (startup cost is part of the contract: see the e2e tests). */
export interface RequestCounts {
  readState: number;
  relations: number;
  send: number;
}

const ORDER_EVENT = EventTypes.order;
const ORDER_STATUS_EVENT = EventTypes.orderStatus;

/** The page's language is German (the runtime sets <html lang> from the client). */
const isGerman = () => document.documentElement.lang.startsWith('de');
/** Messages by language (the orders module's: loaded with it). */
export type Messages<T> = { en: T; de: T };
export const pick = <T>(messages: Messages<T>): T => (isGerman() ? messages.de : messages.en);

/** Error codes with a translated reason (see `reason`). */
type ReasonCode = 'M_FORBIDDEN' | 'DEVROOM_TIMEOUT' | 'M_LIMIT_EXCEEDED' | 'DEVROOM_NO_ROOT';
export type BindingMessages = Record<'notOpen' | 'noGrant' | ReasonCode, string> & { loadFailed: (why: string) => string };

const EN: BindingMessages = {
  loadFailed: (why: string) => `Orders could not be loaded (${why}). Reload the widget to try again.`,
  notOpen: 'Ordering opens once the vendor has opened this widget.',
  noGrant: 'To order from here, allow this widget to send orders in the widget permissions.',
  M_FORBIDDEN: 'not allowed in this room',
  DEVROOM_TIMEOUT: 'the server did not answer in time',
  M_LIMIT_EXCEEDED: 'too many requests, wait a moment',
  DEVROOM_NO_ROOT: 'ordering is not open yet',
};
/**
 * German, for German viewers only: requested with the start-up reads, and start() waits for
 * it, so every message (also one shown offline later) has it. Not loadable: English.
 */
let german: BindingMessages | undefined;

export class FoodTruckBinding {
  /** Resolves once menu, power levels, root and (when there is a root) the order history are loaded. */
  readonly ready: Promise<void>;
  readonly requests: RequestCounts = { readState: 0, relations: 0, send: 0 };

  /** @internal */ readonly rootWatch: StateWatch;
  /** @internal */ readonly power: PowerWatch;
  /** @internal Live order/status events not yet handed to the orders module. */ buffer: RoomEvent[] = [];
  /** @internal */ stopped = false;

  readonly #menuWatch: StateWatch;
  readonly #cleanups: (() => void)[] = [];
  /** @internal */ readonly granted: (what: FoodTruckGrant) => boolean;
  readonly #notifyFn: NonNullable<FoodTruckBindingOptions['notify']>;
  #orders?: FoodTruckOrders;
  #ordersLoading?: Promise<void>;
  #infoShown = false;

  constructor(
    readonly el: DevroomFoodTruckMenu,
    readonly room: Room,
    options: FoodTruckBindingOptions = {},
  ) {
    this.granted = options.granted ?? (() => true);
    this.#notifyFn = options.notify ?? (() => undefined);
    el.noJsonLd = true;
    el.userId = room.userId;
    // The cart comes back after a reload: kept per room (and user) in this tab.
    el.cartKey = room.roomId;
    el.ordering = false;
    el.canManage = false;
    const { media } = options;
    if (media) el.loadMedia = async (mxc) => (await import('../shared/mxc-media.js')).widgetMediaLoader(media, DOWNLOAD_FILE)(mxc);

    // Subscribe before reading (the watches do the same for state).
    this.#cleanups.push(
      room.subscribe((event) => {
        if (event.type !== ORDER_EVENT && event.type !== ORDER_STATUS_EVENT) return;
        if (this.#orders) this.#orders.onLive(event);
        else this.buffer.push(event);
      }),
    );
    this.#menuWatch = new StateWatch(room, EventTypes.menu, '');
    // Every menu state is judged as it arrives (also one a later one replaces at once); the
    // element shows the latest and keeps the last good menu.
    const judged = new WeakSet<RoomEvent>();
    this.#menuWatch.onChange((event) => {
      const current = event ?? this.#menuWatch.get('');
      if (!current || judged.has(current)) return;
      judged.add(current);
      void this.#judgeMenu(current);
    });
    // A root state without a valid event_id is rejected; the last good root stays.
    this.rootWatch = new StateWatch(room, EventTypes.root, 'orders', rootProblem);
    this.power = new PowerWatch(room);
    this.requests.readState += 3;
    this.#cleanups.push(
      () => this.#menuWatch.stop(),
      () => this.rootWatch.stop(),
      () => this.power.stop(),
    );

    const on = <K extends 'devroom-place-order' | 'devroom-discard-order' | 'devroom-order-status' | 'devroom-menu-update'>(
      name: K,
      handler: (detail: GlobalEventHandlersEventMap[K]['detail']) => unknown,
    ) => {
      const listener = (ev: GlobalEventHandlersEventMap[K]) => void handler(ev.detail);
      el.addEventListener(name, listener as EventListener);
      this.#cleanups.push(() => el.removeEventListener(name, listener as EventListener));
    };
    // The cart and the vendor view are offered only once the orders module is there.
    on('devroom-place-order', (detail: PlaceOrderDetail) => {
      if (this.#orders) return this.#orders.placeOrder(detail);
      el.markOrderFailed(detail.orderLocalId);
      this.notify(this.t().notOpen, 'error');
    });
    on('devroom-discard-order', (detail) => this.#orders?.forget(detail.orderLocalId));
    on('devroom-order-status', (detail: OrderStatusDetail) => this.#orders?.setStatus(detail));
    on('devroom-menu-update', (detail) => this.#orders?.updateMenu(detail));

    const lang = isGerman() ? import('./binding.de.js').then((m) => void (german = m.de), () => undefined) : undefined;
    this.ready = this.#start(lang);
  }

  stop(): void {
    this.stopped = true;
    this.#cleanups.splice(0).forEach((fn) => fn());
  }

  // ---- who may do what ----

  /** Vendor: may send status events (power) and the client lets us. */
  get isVendor(): boolean {
    return this.granted('sendStatus') && this.power.can(this.room.userId, ORDER_STATUS_EVENT, false);
  }

  get canCreateRoot(): boolean {
    const me = this.room.userId;
    return this.granted('createRoot') && this.power.can(me, EventTypes.root, true) && this.power.can(me, 'm.room.message', false);
  }

  get canOrder(): boolean {
    return this.granted('sendOrder') && this.power.can(this.room.userId, ORDER_EVENT, false);
  }

  /** @internal */
  applyFlags(): void {
    const vendor = this.isVendor;
    const rootId = this.#orders?.rootId;
    // Both views need the orders module; the vendor runs the queue, the cart is for customers.
    this.el.canManage = vendor && this.#orders !== undefined;
    this.el.ordering = !vendor && this.canOrder && this.#orders !== undefined && (rootId !== undefined || this.canCreateRoot);
    if (vendor) return;
    if (!this.canOrder && this.power.can(this.room.userId, ORDER_EVENT, false)) this.notify(this.t().noGrant, 'info');
    else if (this.canOrder && rootId === undefined && !this.canCreateRoot) this.notify(this.t().notOpen, 'info');
    else if (this.#infoShown) this.notify(undefined, 'info');
  }

  // ---- startup ----

  async #start(lang: Promise<void> | undefined): Promise<void> {
    const reads = Promise.all([this.#menuWatch.ready, this.rootWatch.ready, this.power.ready]);
    reads.catch(() => undefined); // awaited below, after the language
    await lang;
    try {
      await reads;
    } catch (error) {
      this.notify(this.t().loadFailed(this.reason(error)), 'error');
      return;
    }
    if (this.stopped) return;
    this.#applyMenu();
    this.#cleanups.push(
      this.#menuWatch.onChange(() => this.#applyMenu()),
      this.power.onChange(() => this.applyFlags()),
      this.rootWatch.onChange(() => void this.#onRoot()),
    );
    this.applyFlags();
    await this.#onRoot();
  }

  /** The element validates the menu: it shows the problems of an invalid one and keeps the last good menu (its `currentMenu`). */
  #applyMenu(): void {
    const event = this.#menuWatch.get('');
    if (event) this.el.menu = event.content;
  }

  /** An invalid menu state is rejected, with the element's words for its problems. */
  async #judgeMenu(event: RoomEvent): Promise<void> {
    let check = checkMenu(event.content);
    // Rarer fields (options, times, images) are checked by the part the element loads for them.
    if (!check.ok && check.later) check = await import('../../components/food-truck-menu/menu-more.js').then(() => checkMenu(event.content), () => check);
    if (check.ok || check.later) return;
    const { issues } = check;
    const words = await import('../../components/food-truck-menu/menu-issues.js').then((m) => issues.map(m.issueText), () => issues.map(([at, code]) => `${at}: ${code}`));
    reject(event, words.join('; '));
  }

  /** Loads the orders module when there is a root, or when this user would create one. */
  async #onRoot(): Promise<void> {
    if (this.#orders) return this.#orders.onRoot();
    // Neither ordering nor running the queue granted (a read-only public page): orders stay unread.
    if (!this.granted('sendOrder') && !this.granted('sendStatus')) return;
    const hasRoot = rootFrom(this.rootWatch.get('orders')) !== undefined;
    if (!hasRoot && !(this.canCreateRoot && (this.isVendor || this.canOrder))) return;
    this.#ordersLoading ??= import('./orders.js').then(
      async ({ FoodTruckOrders }) => {
        if (this.stopped) return;
        this.#orders = new FoodTruckOrders(this);
        await this.#orders.onRoot();
      },
      (error: unknown) => {
        this.#ordersLoading = undefined;
        this.notify(this.t().loadFailed(this.reason(error)), 'error');
      },
    );
    await this.#ordersLoading;
  }

  // ---- messages ----

  /** @internal */
  notify(message: string | undefined, kind: 'error' | 'info'): void {
    if (kind === 'info') this.#infoShown = message !== undefined;
    this.#notifyFn(message, kind);
  }

  /** @internal */
  t(): BindingMessages {
    return (isGerman() && german) || EN;
  }

  /** @internal A short, translated reason for a failed request. */
  reason(error: unknown): string {
    const code = error instanceof RoomError ? error.code : undefined;
    const t = this.t();
    if (code && Object.hasOwn(t, code)) return t[code as ReasonCode];
    const message = error instanceof Error ? error.message : String(error);
    return code && code !== 'M_UNKNOWN' ? `${message} (${code})` : message;
  }
}

/** Binds an element to a room; `stop()` undoes it. */
export function bindFoodTruckMenu(el: DevroomFoodTruckMenu, room: Room, options: FoodTruckBindingOptions = {}): FoodTruckBinding {
  return new FoodTruckBinding(el, room, options);
}
