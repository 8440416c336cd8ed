import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import type { OrderStatusDetail, PlaceOrderDetail } from '../../components/food-truck-menu/menu-events.js';
import { checkMenu } from '../../components/food-truck-menu/menu.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { RoomError } from '../room/room.js';
import type { WidgetContext } from '../runtime/boot.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { rootProblem } from '../schema/state-checks.js';
import { capabilityCheck } from '../shared/binding.js';
import type { Bind, BindContext, Binding } from '../shared/binding.js';
import { reject } from '../shared/rejections.js';
import { PowerWatch, StateWatch, rootFrom } from '../shared/room-sync.js';
import { en } from './binding.i18n.js';
import type { BindingMessages, ReasonCode } from './binding.i18n.js';
import { DOWNLOAD_FILE, FOOD_TRUCK_GRANTS } from './capabilities.js';
import type { FoodTruckGrant } from './capabilities.js';
import type { FoodTruckOrders } from './orders.js';
import { errorMessage } from '../../components/shared/error-message.js';

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

export interface FoodTruckBindContext extends BindContext {
  /** Shows (or, with undefined, clears) a message next to the widget. */
  notify?: (message: string | undefined, kind: 'error' | 'info') => void;
  /**
   * The widget: mxc:// item images are downloaded through the client (DOWNLOAD_FILE, an
   * optional capability) by mxc-media.ts (shared with the stand booth), loaded when the
   * element first asks for one. Without it, mxc images show their placeholder.
   */
  media?: WidgetContext;
}

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
/**
 * German, for German viewers only: requested with the start-up reads, and start() waits for
 * it, so every message (also one shown offline later) has it. Not loadable: English.
 */
let german: BindingMessages | undefined;
const loadGerman = loadOnce('the food-truck binding\'s German messages', () => import('./binding.de.js'));

/** The words for an invalid menu's problems (the element's own). */
const loadMenuWords = loadOnce('the menu problem words', () => import('../../components/food-truck-menu/menu-errors.js'));

export class FoodTruckBinding implements Binding {
  /** Resolves once menu, power levels, root and (when there is a root) the order history are loaded. */
  readonly ready: Promise<void>;
  readonly requests: RequestCounts = { readState: 0, relations: 0, send: 0 };

  // Made anew for each start-up try (#watch): a watch whose read failed never reads again.
  /** @internal */ rootWatch!: StateWatch;
  /** @internal */ power!: PowerWatch;
  /** @internal Live order/status events not yet handed to the orders module. */ buffer: RoomEvent[] = [];
  /** @internal */ stopped = false;

  #menuWatch!: StateWatch;
  readonly #cleanups: (() => void)[] = [];
  readonly #hasCapability: (capability: string) => boolean;
  readonly #notifyFn: NonNullable<FoodTruckBindContext['notify']>;
  #orders?: FoodTruckOrders;
  /**
   * The order half (./orders.ts) and its first read of the root, once: calls meanwhile wait
   * for it; after a failed load, the next root change asks again.
   */
  readonly #startOrders = loadOnce('the food-truck orders', async () => {
    const { FoodTruckOrders } = await import('./orders.js');
    if (this.stopped) return;
    this.#orders = new FoodTruckOrders(this);
    await this.#orders.onRoot();
  });
  #infoShown = false;

  constructor(
    readonly el: DevroomFoodTruckMenu,
    readonly room: Room,
    context: FoodTruckBindContext = {},
  ) {
    this.#hasCapability = capabilityCheck(context);
    this.#notifyFn = context.notify ?? (() => undefined);
    el.noJsonLd = true;
    el.userId = room.userId;
    // The cart comes back after a reload: kept per room (and user) in this tab.
    el.cartKey = room.roomId;
    el.ordering = false;
    el.canManage = false;
    // "Loading the menu…" until the room has been read: "No menu yet." only when it has none.
    el.loading = true;
    const { media } = context;
    if (media) el.loadMedia = async (mxc) => (await import('../shared/mxc-media.js')).widgetMediaLoader(media, DOWNLOAD_FILE)(mxc);

    // Subscribe before reading (the watches do the same for state).
    this.#cleanups.push(
      room.subscribe((event) => {
        if (event.type !== ORDER_EVENT && event.type !== ORDER_STATUS_EVENT) return;
        if (this.#orders) this.#orders.onLive(event);
        else this.buffer.push(event);
      }),
    );
    this.#watch();
    this.#cleanups.push(() => this.#stopWatches());

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

    const lang = isGerman() ? loadGerman().then((m) => void (german = m.de), () => undefined) : undefined;
    this.ready = this.#start(lang);
  }

  stop(): void {
    this.stopped = true;
    this.#cleanups.splice(0).forEach((fn) => fn());
  }

  // ---- who may do what ----

  /** @internal Whether the client granted the capabilities behind a feature (all of them, in a test on a MemoryRoom; none, on a public page). */
  granted(what: FoodTruckGrant): boolean {
    return FOOD_TRUCK_GRANTS[what].every(this.#hasCapability);
  }

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
    if (vendor) this.#orders?.nameOrders((stop) => (this.stopped ? stop() : this.#cleanups.push(stop)));
    if (vendor) return;
    if (!this.canOrder && this.power.can(this.room.userId, ORDER_EVENT, false)) this.notify(this.t().noGrant, 'info');
    else if (this.canOrder && rootId === undefined && !this.canCreateRoot) this.notify(this.t().notOpen, 'info');
    else if (this.#infoShown) this.notify(undefined, 'info');
  }

  // ---- startup ----

  /** Follows the menu, the orders root and the power levels: subscribed, then read. */
  #watch(): void {
    const room = this.room;
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
  }

  #stopWatches(): void {
    [this.#menuWatch, this.rootWatch, this.power].forEach((w) => w.stop());
  }

  async #start(lang: Promise<void> | undefined): Promise<void> {
    const { el } = this;
    let reads = Promise.all([this.#menuWatch.ready, this.rootWatch.ready, this.power.ready]);
    reads.catch(() => undefined); // awaited below, after the language
    await lang;
    /**
     * A start-up read that fails (the client does not answer, or refuses) is tried again, ever
     * less often: meanwhile the notice says why and the element is hidden, since "No menu yet."
     * would tell a person something nobody knows. A hidden the page set stays the page's.
     */
    let hidden: boolean | undefined;
    for (let wait = 2000; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        await reads;
        break;
      } catch (error) {
        if (this.stopped) return;
        this.notify(this.t().readFailed(this.reason(error)), 'error');
        hidden ??= el.hidden;
        el.hidden = true;
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (this.stopped) return;
        this.#stopWatches();
        this.#watch();
        reads = Promise.all([this.#menuWatch.ready, this.rootWatch.ready, this.power.ready]);
      }
    }
    if (this.stopped) return;
    if (hidden !== undefined) {
      el.hidden = hidden;
      this.notify(undefined, 'error');
    }
    el.loading = false;
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

  /** An invalid menu state is rejected, with the element's words for its problems (their codes when the words cannot load). */
  async #judgeMenu(event: RoomEvent): Promise<void> {
    const check = checkMenu(event.content);
    if (check.ok) return;
    const { issues } = check;
    const words = await loadMenuWords().then((m) => issues.map(m.issueText), () => issues.map(([at, code]) => `${at}: ${code}`));
    reject(event, words.join('; '));
  }

  /** Loads the orders module when there is a root, or when this user would create one. */
  async #onRoot(): Promise<void> {
    if (this.#orders) return this.#orders.onRoot();
    // Neither ordering nor running the queue granted (a read-only public page): orders stay unread.
    if (!this.granted('sendOrder') && !this.granted('sendStatus')) return;
    const hasRoot = rootFrom(this.rootWatch.get('orders')) !== undefined;
    if (!hasRoot && !(this.canCreateRoot && (this.isVendor || this.canOrder))) return;
    try {
      await this.#startOrders();
    } catch (error) {
      this.notify(this.t().loadFailed(this.reason(error)), 'error');
    }
  }


  // ---- messages ----

  /** @internal */
  notify(message: string | undefined, kind: 'error' | 'info'): void {
    if (kind === 'info') this.#infoShown = message !== undefined;
    this.#notifyFn(message, kind);
  }

  /** @internal */
  t(): BindingMessages {
    return (isGerman() && german) || en;
  }

  /** @internal A short, translated reason for a failed request. */
  reason(error: unknown): string {
    const code = error instanceof RoomError ? error.code : undefined;
    const t = this.t();
    if (code && Object.hasOwn(t, code)) return t[code as ReasonCode];
    const message = errorMessage(error);
    return code && code !== 'M_UNKNOWN' ? `${message} (${code})` : message;
  }
}

/** Binds an element to a room (widgets/shared/binding.ts); `stop()` undoes it. */
export const bindFoodTruckMenu: Bind<DevroomFoodTruckMenu, FoodTruckBindContext, FoodTruckBinding> = (el, room, context) => new FoodTruckBinding(el, room, context);
