import type { DevroomFoodTruckMenu, MenuUpdateDetail, OrderStatusDetail, PlaceOrderDetail } from '../../components/food-truck-menu/food-truck-menu.js';
import type { Menu } from '../../components/food-truck-menu/menu.js';
import type { Order, OrderStatusEvent } from '../../components/food-truck-menu/orders.js';
import { parseOrderContent } from '../../components/food-truck-menu/orders.js';
import { readAllRelations } from '../room/relations.js';
import { RoomError } from '../room/room.js';
import type { Room, RoomEvent } from '../room/room.js';
import { MENU_EVENT, ORDER_EVENT, ORDER_STATUS_EVENT, menuFromEvent, orderContent, orderFromEvent, statusContent, statusFromEvent } from '../schema/menu.js';
import { EventTypes } from '../schema/namespace.js';
import { PowerWatch, StateWatch, createRoot, mapLimited, referenceTarget, rootFrom } from './room-sync.js';

/**
 * Room ↔ <devroom-food-truck-menu>.
 *
 * Down: `dev.devroom.menu` state → `menu`; orders (relations of the `orders` root) and
 * their status events (relations of each order) → `orders` / `statusEvents`; power
 * levels and granted capabilities → `canManage` (vendor) / `ordering` (customer).
 * Up: `devroom-place-order` → an order event, `devroom-order-status` → a status event,
 * `devroom-menu-update` → new menu state.
 *
 * Customers see (and fetch statuses of) only their own orders; the vendor sees all.
 * Status events count only from senders with the power to send them. A retried order
 * keeps its localId: before re-sending, the binding looks for it in the room (it may
 * have arrived despite a timeout), and two orders of one sender with one localId count once.
 */

/** Optional capabilities the binding checks before offering a feature. */
export type FoodTruckGrant = 'sendOrder' | 'sendStatus' | 'sendMenu' | 'createRoot';

export interface FoodTruckBindingOptions {
  /** Whether the client granted the capabilities behind a feature. Default: all granted (MemoryRoom tests). */
  granted?: (what: FoodTruckGrant) => boolean;
  /** Shows (or, with undefined, clears) a message next to the widget. */
  notify?: (message: string | undefined, kind: 'error' | 'info') => void;
}

/** Requests the binding made, by kind (startup cost is part of the contract: see the e2e tests). */
export interface RequestCounts {
  readState: number;
  relations: number;
  send: number;
}

const STATUS_CONCURRENCY = 4;
/** How far before the first attempt a retry looks for an order that arrived anyway. */
const RETRY_LOOKBACK_MS = 5 * 60_000;
const RETRY_MAX_PAGES = 10;

const MESSAGES = {
  en: {
    orderFailed: (why: string) => `Your order was not sent (${why}). Nothing was charged; use Retry in “Your orders”.`,
    statusFailed: (why: string) => `The status change was not sent (${why}). Try again.`,
    menuFailed: (why: string) => `The menu change was not saved (${why}). The menu shows the last saved version.`,
    loadFailed: (why: string) => `Orders could not be loaded (${why}). Reload the widget to try again.`,
    notOpen: 'Ordering opens once the vendor has opened this widget.',
    noGrant: 'To order from here, allow this widget to send orders in the widget permissions.',
    forbidden: 'not allowed in this room',
    timeout: 'the server did not answer in time',
    limited: 'too many requests, wait a moment',
    noRoot: 'ordering is not open yet',
  },
  de: {
    orderFailed: (why: string) => `Deine Bestellung wurde nicht gesendet (${why}). Nutze „Erneut versuchen“ unter „Deine Bestellungen“.`,
    statusFailed: (why: string) => `Die Statusänderung wurde nicht gesendet (${why}). Bitte erneut versuchen.`,
    menuFailed: (why: string) => `Die Änderung der Speisekarte wurde nicht gespeichert (${why}). Angezeigt wird der zuletzt gespeicherte Stand.`,
    loadFailed: (why: string) => `Bestellungen konnten nicht geladen werden (${why}). Lade das Widget neu.`,
    notOpen: 'Bestellen ist möglich, sobald der Stand dieses Widget geöffnet hat.',
    noGrant: 'Um hier zu bestellen, erlaube diesem Widget in den Widget-Berechtigungen, Bestellungen zu senden.',
    forbidden: 'in diesem Raum nicht erlaubt',
    timeout: 'der Server hat nicht rechtzeitig geantwortet',
    limited: 'zu viele Anfragen, bitte kurz warten',
    noRoot: 'Bestellen ist noch nicht geöffnet',
  },
};
type Messages = (typeof MESSAGES)['en'];

export class FoodTruckBinding {
  /** Resolves once menu, power levels, root and order history are loaded. */
  readonly ready: Promise<void>;
  readonly requests: RequestCounts = { readState: 0, relations: 0, send: 0 };

  private readonly room: Room;
  private readonly menuWatch: StateWatch;
  private readonly rootWatch: StateWatch;
  private readonly power: PowerWatch;
  private readonly cleanups: (() => void)[] = [];
  private readonly granted: (what: FoodTruckGrant) => boolean;
  private readonly notifyFn: NonNullable<FoodTruckBindingOptions['notify']>;

  private rootId?: string;
  /** Bumped when the root changes: loads for an older root are discarded. */
  private generation = 0;
  /** Orders this viewer sees, by event id. */
  private readonly orders = new Map<string, Order>();
  /** `sender \n localId` → event id of the first order with that key (retries count once). */
  private readonly byLocalId = new Map<string, string>();
  /** Trusted status events of shown orders, by event id. */
  private readonly statuses = new Map<string, OrderStatusEvent>();
  /** Live events that arrive while history loads; undefined when not loading. */
  private buffer: RoomEvent[] | undefined = [];
  private readonly inFlight = new Map<string, Promise<void>>();
  /** localId → time of the first send attempt. */
  private readonly attempts = new Map<string, number>();
  private creatingRoot?: Promise<string>;
  private pushQueued = false;
  private stopped = false;
  private lastMenu?: Menu;

  constructor(
    private readonly el: DevroomFoodTruckMenu,
    room: Room,
    options: FoodTruckBindingOptions = {},
  ) {
    this.room = room;
    this.granted = options.granted ?? (() => true);
    this.notifyFn = options.notify ?? (() => undefined);
    el.noJsonLd = true;
    el.userId = room.userId;
    el.ordering = false;
    el.canManage = false;

    // Subscribe before reading (the watches do the same for state).
    this.cleanups.push(room.subscribe((event) => this.onLive(event)));
    this.menuWatch = new StateWatch(room, MENU_EVENT, '');
    this.rootWatch = new StateWatch(room, EventTypes.root, 'orders');
    this.power = new PowerWatch(room);
    this.requests.readState += 3;
    this.cleanups.push(
      () => this.menuWatch.stop(),
      () => this.rootWatch.stop(),
      () => this.power.stop(),
    );

    const on = <K extends 'devroom-place-order' | 'devroom-order-status' | 'devroom-menu-update'>(
      name: K,
      handler: (detail: GlobalEventHandlersEventMap[K]['detail']) => Promise<void>,
    ) => {
      const listener = (ev: GlobalEventHandlersEventMap[K]) => void handler.call(this, ev.detail);
      el.addEventListener(name, listener as EventListener);
      this.cleanups.push(() => el.removeEventListener(name, listener as EventListener));
    };
    on('devroom-place-order', this.placeOrder);
    on('devroom-order-status', this.setStatus);
    on('devroom-menu-update', this.updateMenu);

    this.ready = this.start();
  }

  stop(): void {
    this.stopped = true;
    this.cleanups.splice(0).forEach((fn) => fn());
  }

  // ---- who may do what ----

  private me(): string {
    return this.room.userId;
  }

  /** Vendor: may send status events (power) and the client lets us. */
  get isVendor(): boolean {
    return this.granted('sendStatus') && this.power.can(this.me(), ORDER_STATUS_EVENT, false);
  }

  get canCreateRoot(): boolean {
    return this.granted('createRoot') && this.power.can(this.me(), EventTypes.root, true) && this.power.can(this.me(), 'm.room.message', false);
  }

  get canOrder(): boolean {
    return this.granted('sendOrder') && this.power.can(this.me(), ORDER_EVENT, false);
  }

  get canEditMenu(): boolean {
    return this.granted('sendMenu') && this.power.can(this.me(), MENU_EVENT, true);
  }

  private applyFlags(): void {
    const vendor = this.isVendor;
    this.el.canManage = vendor;
    // The vendor runs the queue; ordering (the cart) is for customers.
    this.el.ordering = !vendor && this.canOrder && (this.rootId !== undefined || this.canCreateRoot);
    if (vendor) return;
    if (!this.canOrder && this.power.can(this.me(), ORDER_EVENT, false)) this.notify(this.t().noGrant, 'info');
    else if (this.canOrder && this.rootId === undefined && !this.canCreateRoot) this.notify(this.t().notOpen, 'info');
    else if (this.infoShown) this.notify(undefined, 'info');
  }

  // ---- startup ----

  private async start(): Promise<void> {
    try {
      await Promise.all([this.menuWatch.ready, this.rootWatch.ready, this.power.ready]);
    } catch (error) {
      this.notify(this.t().loadFailed(this.reason(error)), 'error');
      return;
    }
    if (this.stopped) return;
    this.applyMenu();
    this.cleanups.push(
      this.menuWatch.onChange(() => this.applyMenu()),
      this.power.onChange(() => this.applyFlags()),
      this.rootWatch.onChange(() => void this.onRoot()),
    );
    await this.onRoot();
  }

  private applyMenu(): void {
    const event = this.menuWatch.get('');
    if (!event) return;
    const result = menuFromEvent(event);
    if (result.ok) {
      this.lastMenu = result.value;
      this.el.menu = result.value;
    } else {
      console.warn(`devroom: ${MENU_EVENT} ${event.event_id} is invalid, keeping the last good menu:`, result.errors.join('; '));
      // The component shows the errors and keeps its last good menu.
      this.el.menu = event.content;
    }
  }

  private async onRoot(): Promise<void> {
    const event = this.rootWatch.get('orders');
    const root = rootFrom(event);
    if (event && !root) console.warn(`devroom: ${EventTypes.root} (orders) ${event.event_id} has no valid event_id; ignored`);
    if (root && root.eventId !== this.rootId) {
      await this.useRoot(root.eventId, false);
      return;
    }
    if (!root && this.rootId === undefined) {
      this.buffer = undefined;
      this.applyFlags();
      // The vendor opens ordering by opening the widget.
      if (this.isVendor && this.canCreateRoot) {
        try {
          await this.ensureRoot();
        } catch (error) {
          this.notify(this.t().loadFailed(this.reason(error)), 'error');
        }
      }
    }
  }

  /** Switches to a root: resets what we know and reads its history (a fresh root has none). */
  private async useRoot(rootId: string, fresh: boolean): Promise<void> {
    const generation = ++this.generation;
    this.rootId = rootId;
    this.orders.clear();
    this.byLocalId.clear();
    this.statuses.clear();
    this.applyFlags();
    if (fresh) {
      this.buffer = undefined;
      this.schedulePush();
      return;
    }
    this.buffer = [];
    try {
      await this.loadHistory(rootId, generation);
    } catch (error) {
      if (generation === this.generation) this.notify(this.t().loadFailed(this.reason(error)), 'error');
    }
    if (generation !== this.generation) return;
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    for (const event of buffered) this.applyLive(event);
    this.schedulePush();
  }

  private async loadHistory(rootId: string, generation: number): Promise<void> {
    const onPage = () => this.requests.relations++;
    const events = await readAllRelations(this.room, rootId, { relType: 'm.reference', eventType: ORDER_EVENT, direction: 'f' }, { onPage });
    if (generation !== this.generation) return;
    for (const event of events) this.addOrder(event);
    // Customers: only their own orders are shown, so only theirs need statuses.
    const shown = [...this.orders.values()];
    await mapLimited(shown, STATUS_CONCURRENCY, async (order) => {
      try {
        const related = await readAllRelations(this.room, order.id, { relType: 'm.reference', eventType: ORDER_STATUS_EVENT, direction: 'f' }, { onPage });
        if (generation === this.generation) for (const event of related) this.addStatus(event);
      } catch (error) {
        console.warn(`devroom: statuses of order ${order.id} could not be read:`, error);
      }
    });
  }

  // ---- folding room events ----

  private onLive(event: RoomEvent): void {
    if (event.type !== ORDER_EVENT && event.type !== ORDER_STATUS_EVENT) return;
    if (this.buffer) this.buffer.push(event);
    else this.applyLive(event);
  }

  private applyLive(event: RoomEvent): void {
    if (!this.rootId) return;
    if (event.type === ORDER_EVENT) {
      // Orders of an older root are not ours to show (and not worth a warning).
      if (referenceTarget(event) !== this.rootId) return;
      this.addOrder(event);
    } else this.addStatus(event);
    this.schedulePush();
  }

  private visible(order: Order): boolean {
    return this.isVendor || order.sender === this.me();
  }

  private addOrder(event: RoomEvent): void {
    if (!this.rootId) return;
    const result = orderFromEvent(event, this.rootId);
    if (!result.ok) {
      console.warn(`devroom: ${ORDER_EVENT} ${event.event_id} dropped:`, result.errors.join('; '));
      return;
    }
    const order = result.value;
    if (!this.visible(order)) return;
    const key = `${order.sender}\n${order.localId}`;
    const first = this.byLocalId.get(key);
    // A retry that reached the room twice: the first order counts, the second is ignored.
    if (first !== undefined && first !== order.id) return;
    this.byLocalId.set(key, order.id);
    this.orders.set(order.id, order);
  }

  private addStatus(event: RoomEvent): void {
    const result = statusFromEvent(event);
    if (!result.ok) {
      console.warn(`devroom: ${ORDER_STATUS_EVENT} ${event.event_id} dropped:`, result.errors.join('; '));
      return;
    }
    const status = result.value;
    if (!this.orders.has(status.orderId)) return;
    if (!this.power.can(event.sender, ORDER_STATUS_EVENT, false)) {
      console.warn(`devroom: ${ORDER_STATUS_EVENT} ${event.event_id} dropped: ${event.sender} lacks the power level to set order status`);
      return;
    }
    this.statuses.set(status.id, status);
  }

  private schedulePush(): void {
    if (this.pushQueued) return;
    this.pushQueued = true;
    queueMicrotask(() => {
      this.pushQueued = false;
      if (this.stopped) return;
      this.el.orders = [...this.orders.values()].sort((a, b) => a.placedAt - b.placedAt);
      this.el.statusEvents = [...this.statuses.values()];
    });
  }

  // ---- requests from the component ----

  private async placeOrder(detail: PlaceOrderDetail): Promise<void> {
    const localId = detail.orderLocalId;
    // The same localId again while it is on its way (the component's own timeout fired): one send.
    if (this.inFlight.has(localId)) return;
    const sending = this.sendOrder(detail).finally(() => this.inFlight.delete(localId));
    this.inFlight.set(localId, sending);
    await sending;
  }

  private ownOrder(localId: string): Order | undefined {
    const id = this.byLocalId.get(`${this.me()}\n${localId}`);
    return id === undefined ? undefined : this.orders.get(id);
  }

  private async sendOrder(detail: PlaceOrderDetail): Promise<void> {
    const localId = detail.orderLocalId;
    const known = this.ownOrder(localId);
    if (known) {
      this.el.markOrderSent(localId, known.id);
      return;
    }
    try {
      const rootId = await this.ensureRoot();
      const firstAttempt = this.attempts.get(localId);
      if (firstAttempt === undefined) this.attempts.set(localId, Date.now());
      else {
        // A retry: the earlier attempt may have reached the room although we heard nothing.
        const arrived = await this.findSentOrder(rootId, localId, firstAttempt - RETRY_LOOKBACK_MS);
        if (arrived) {
          this.addOrder(arrived);
          this.schedulePush();
          this.el.markOrderSent(localId, arrived.event_id);
          this.notify(undefined, 'error');
          return;
        }
      }
      const content = orderContent(detail, rootId);
      const checked = parseOrderContent(content);
      if (!checked.ok) throw new RoomError(checked.error, 'M_BAD_JSON');
      this.requests.send++;
      const eventId = await this.room.sendEvent(ORDER_EVENT, content);
      // Show it now; the live echo (same event id) replaces it with the server's timestamp.
      this.addOrder({ event_id: eventId, room_id: this.room.roomId, type: ORDER_EVENT, sender: this.me(), origin_server_ts: Date.now(), content });
      this.schedulePush();
      this.el.markOrderSent(localId, eventId);
      this.notify(undefined, 'error');
    } catch (error) {
      this.el.markOrderFailed(localId);
      this.notify(this.t().orderFailed(this.reason(error)), 'error');
    }
  }

  /** Newest orders first, back to `since`: is there an order of ours with this localId? */
  private async findSentOrder(rootId: string, localId: string, since: number): Promise<RoomEvent | undefined> {
    let from: string | undefined;
    for (let page = 0; page < RETRY_MAX_PAGES; page++) {
      this.requests.relations++;
      const result = await this.room.readRelations(rootId, {
        relType: 'm.reference',
        eventType: ORDER_EVENT,
        direction: 'b',
        limit: 50,
        ...(from ? { from } : {}),
      });
      const hit = result.events.find((e) => e.sender === this.me() && e.content.localId === localId && e.type === ORDER_EVENT);
      if (hit) return hit;
      const oldest = result.events[result.events.length - 1];
      if (!result.nextBatch || !oldest || oldest.origin_server_ts < since) return undefined;
      from = result.nextBatch;
    }
    return undefined;
  }

  /** The root's event id, creating the root when there is none and we may (one creation at a time). */
  private async ensureRoot(): Promise<string> {
    if (this.rootId) return this.rootId;
    if (!this.canCreateRoot) throw new RoomError(this.t().noRoot, 'DEVROOM_NO_ROOT');
    this.creatingRoot ??= createRoot(this.room, 'orders', `Orders for ${this.lastMenu?.vendor.name ?? 'the food truck'}: order in the devroom widget`)
      .then((info) => info.eventId)
      .finally(() => {
        this.requests.send += 2;
        this.creatingRoot = undefined;
      });
    const eventId = await this.creatingRoot;
    // The state echo may have been faster than the reply.
    if (this.rootId === undefined) await this.useRoot(eventId, true);
    return this.rootId ?? eventId;
  }

  private async setStatus(detail: OrderStatusDetail): Promise<void> {
    try {
      if (!this.isVendor) throw new RoomError('only the vendor changes order status', 'M_FORBIDDEN');
      this.requests.send++;
      const eventId = await this.room.sendEvent(ORDER_STATUS_EVENT, statusContent(detail));
      this.statuses.set(eventId, {
        id: eventId,
        orderId: detail.orderId,
        status: detail.status,
        ts: Date.now(),
        sender: this.me(),
        ...(detail.reason ? { reason: detail.reason } : {}),
        ...(detail.pickupNumber !== undefined ? { pickupNumber: detail.pickupNumber } : {}),
      });
      this.schedulePush();
      this.notify(undefined, 'error');
    } catch (error) {
      this.notify(this.t().statusFailed(this.reason(error)), 'error');
      // A new array lets the vendor view forget the tap it was waiting for (buttons enable again).
      this.el.statusEvents = [...this.el.statusEvents];
    }
  }

  private async updateMenu(detail: MenuUpdateDetail): Promise<void> {
    try {
      if (!this.canEditMenu) throw new RoomError('only the vendor edits the menu', 'M_FORBIDDEN');
      this.requests.send++;
      await this.room.sendState(MENU_EVENT, '', detail.menu as unknown as Record<string, unknown>);
      this.notify(undefined, 'error');
    } catch (error) {
      this.notify(this.t().menuFailed(this.reason(error)), 'error');
      // Re-render from the last saved menu so the controls show what is really on the menu.
      if (this.lastMenu) this.el.menu = structuredClone(this.lastMenu);
    }
  }

  // ---- messages ----

  private infoShown = false;

  private notify(message: string | undefined, kind: 'error' | 'info'): void {
    if (kind === 'info') this.infoShown = message !== undefined;
    this.notifyFn(message, kind);
  }

  private t(): Messages {
    const lang = (document.documentElement.lang || 'en').split('-')[0] ?? 'en';
    return lang in MESSAGES ? MESSAGES[lang as keyof typeof MESSAGES] : MESSAGES.en;
  }

  private reason(error: unknown): string {
    const code = error instanceof RoomError ? error.code : undefined;
    const t = this.t();
    if (code === 'M_FORBIDDEN') return t.forbidden;
    if (code === 'DEVROOM_TIMEOUT') return t.timeout;
    if (code === 'M_LIMIT_EXCEEDED') return t.limited;
    if (code === 'DEVROOM_NO_ROOT') return t.noRoot;
    const message = error instanceof Error ? error.message : String(error);
    return code && code !== 'M_UNKNOWN' ? `${message} (${code})` : message;
  }
}

/** Binds an element to a room; `stop()` undoes it. */
export function bindFoodTruckMenu(el: DevroomFoodTruckMenu, room: Room, options: FoodTruckBindingOptions = {}): FoodTruckBinding {
  return new FoodTruckBinding(el, room, options);
}
