import type { MenuUpdateDetail, OrderStatusDetail, PlaceOrderDetail } from '../../components/food-truck-menu/menu-events.js';
import type { Order, OrderStatusEvent } from '../../components/food-truck-menu/orders.js';
import { parseOrderContent } from '../../components/food-truck-menu/orders.js';
import { readAllRelations } from '../room/relations.js';
import { RoomError } from '../room/room.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { ORDER_EVENT, ORDER_STATUS_EVENT, orderContent, orderFromEvent, statusContent, statusFromEvent } from './order-schema.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import type { Room } from '../room/room.js';
import type { PowerWatch, StateWatch } from '../shared/room-sync.js';
import type { BindingMessages } from './binding.i18n.js';
import type { FoodTruckGrant } from './capabilities.js';
import { referenceTarget } from '../room/relations.js';
import { createRoot, repairRoot } from '../shared/create-root.js';
import { rootIds } from '../schema/root.js';
import { isUserId } from '../schema/validate.js';
import { reject } from '../shared/rejections.js';
import { RETRY_LOOKBACK_MS, findSent } from '../shared/find-sent.js';
import { saveUnsent, unsentKey } from '../shared/unsent.js';
import type { Unsent } from '../shared/unsent.js';
import { readUnsent } from '../shared/unsent-read.js';
import { loadMemberNames } from '../shared/load-member-names.js';

/**
 * The order half of the food-truck binding, loaded once there is an `orders` root (or
 * this user may create one).
 *
 * History comes only from relations: one paginated read per root finds its orders and
 * their statuses (a status relates to the root and names its order, docs/schema.md), so
 * start-up costs pages of data, not one read per order. Statuses are folded once every
 * root read is in: one must name an order read under one of the roots, and counts only
 * from a sender with the power to send it. Live order and status events are buffered
 * while history loads.
 *
 * Idempotent ordering: a retry keeps its localId; before re-sending, we look for the
 * order in the room (it may have arrived although the reply was lost), and two orders
 * of one sender with one localId count once. An order is kept in this browser from the
 * moment it is placed until it is seen in the room (unsent.ts): after a reload, once
 * history is in, one that arrived is the room's, the others are offered again as not sent.
 */

/** An order placed here and not seen in the room yet. */
interface UnsentOrder extends Unsent {
  detail: PlaceOrderDetail;
}

/** Kept orders read back: each must still make an order event the readers accept (never sent otherwise). */
const readOrders = (key: string): UnsentOrder[] =>
  readUnsent<UnsentOrder>(key, 'order', ({ id, at, root, detail }) => {
    const d = detail as Partial<PlaceOrderDetail> | undefined;
    if (typeof d !== 'object' || d === null || d.orderLocalId !== id) return 'no order with this local id';
    const parsed = parseOrderContent({ ...d, localId: id });
    if (!parsed.ok) return parsed.error;
    const { lines, note, total, currency } = parsed.content;
    return { id: id as string, at: at as number, ...(root ? { root: root as string } : {}), detail: { orderLocalId: id as string, lines, ...(note ? { note } : {}), total, currency } };
  });

/** What the binding (./binding.ts) offers the order half. */
export interface OrdersHost {
  readonly el: DevroomFoodTruckMenu;
  readonly room: Room;
  readonly rootWatch: StateWatch;
  readonly power: PowerWatch;
  /** Requests made, by kind (the binding's `requests`). */
  readonly requests: { relations: number; send: number };
  /** Live order and status events that arrived before this part did: taken over at its start. */
  readonly buffer: RoomEvent[];
  readonly stopped: boolean;
  readonly isVendor: boolean;
  readonly canCreateRoot: boolean;
  granted(what: FoodTruckGrant): boolean;
  /** Sets the element's `ordering` / `canManage` from power, grants and the root. */
  applyFlags(): void;
  notify(message: string | undefined, kind: 'error' | 'info'): void;
  t(): BindingMessages;
  reason(error: unknown): string;
}

export class FoodTruckOrders {
  /** The current root: new orders relate to it. */
  rootId?: string;
  /**
   * Every root whose orders count: each root of each state seen (docs/schema.md, "Roots"),
   * never fewer, so no order disappears when two vendors opened ordering at once.
   */
  readonly roots = new Set<string>();
  /** History reads in flight: live events wait in `buffer` until none is left. */
  private loading = 0;
  /** Orders this viewer sees, by event id. */
  private readonly orders = new Map<string, Order>();
  /** `sender \n localId` → event id of the first order with that key. */
  private readonly byLocalId = new Map<string, string>();
  /**
   * Every valid order read under one of the roots (also those a customer does not show):
   * its `sender \n localId` key and its root, so a status can be checked and sent against it.
   */
  private readonly known = new Map<string, { key: string; root: string }>();
  /** Status events read with the history, folded once every root read is in. */
  private readStatuses: RoomEvent[] = [];
  /** Trusted status events of shown orders, by event id. */
  private readonly statuses = new Map<string, OrderStatusEvent>();
  /** Live events that arrive while history loads; undefined when not loading. */
  private buffer: RoomEvent[] | undefined;
  private readonly inFlight = new Set<string>();
  /** Our orders not seen in the room yet, by local id (oldest first), kept in this browser. */
  private readonly unsent: Map<string, UnsentOrder>;
  private readonly unsentKey: string;
  /** Kept by an earlier page: offered again once history is in (`offerKept`). */
  private kept?: UnsentOrder[];
  private creatingRoot?: Promise<string>;
  private pushQueued = false;

  private naming?: Promise<unknown>;

  /**
   * The vendor's queue names who ordered (customers see only their own orders): follows people's
   * names once, their code loaded on demand; a failed load is asked again at the next call.
   */
  nameOrders(keep: (stop: () => void) => void): void {
    this.naming ??= loadMemberNames().then(
      (m) => keep(m.followNames(this.b.room, (names) => (this.b.el.names = names))),
      () => (this.naming = undefined),
    );
  }

  constructor(private readonly b: OrdersHost) {
    // Whatever arrived before this module loaded is replayed after the history read.
    this.buffer = b.buffer.splice(0);
    this.unsentKey = unsentKey('orders', b.room);
    this.kept = readOrders(this.unsentKey);
    this.unsent = new Map(this.kept.map((o) => [o.id, o]));
    this.keep();
  }

  private keep(): void {
    saveUnsent(this.unsentKey, this.unsent.values());
  }

  /** Ours, in the room (or dropped by the customer): nothing to keep. */
  forget(localId: string): void {
    if (this.unsent.delete(localId)) this.keep();
  }

  /** Once, when history is in: kept orders that did not arrive show as not sent (with Retry and Discard). */
  private offerKept(): void {
    const kept = this.kept ?? [];
    this.kept = undefined;
    for (const order of kept) {
      // Arrived meanwhile, or read with the history: the room's copy shows.
      if (!this.unsent.has(order.id)) continue;
      if (this.byLocalId.has(`${this.me}\n${order.id}`)) this.forget(order.id);
      else this.b.el.restoreOrder(order.detail);
    }
  }

  private get me(): string {
    return this.b.room.userId;
  }

  /** Follows the root state: a root not seen before means more history. */
  async onRoot(): Promise<void> {
    // A state without a valid event_id never gets here: rejected by the watch's check.
    const event = this.b.rootWatch.get('orders');
    const ids = rootIds(event?.content, event?.event_id);
    if (ids[0]) {
      this.rootId = ids[0];
      const reads = this.addRoots(ids, false);
      // The state lacks a root we read: add it back (vendor) or re-send our own orders (create-root.ts).
      if ([...this.roots].some((id) => !ids.includes(id))) this.repair();
      await reads;
      return this.offerKept();
    }
    if (this.rootId === undefined) {
      this.buffer = undefined;
      this.offerKept();
      this.b.applyFlags();
      // The vendor opens ordering by opening the widget.
      if (this.b.isVendor && this.b.canCreateRoot) {
        try {
          await this.ensureRoot();
        } catch (error) {
          this.b.notify(this.b.t().loadFailed(this.b.reason(error)), 'error');
        }
      }
    }
  }

  private repair(): void {
    void repairRoot({ room: this.b.room, purpose: 'orders', known: this.roots, mayWrite: () => this.b.canCreateRoot, itemType: ORDER_EVENT, localIdKey: 'localId' });
  }

  /** Counts the orders of roots not seen before: reads their history (a root we just created has none). */
  private async addRoots(ids: string[], fresh: boolean): Promise<void> {
    const added = ids.filter((id) => !this.roots.has(id));
    for (const id of added) this.roots.add(id);
    this.b.applyFlags();
    if (!fresh) await Promise.all(added.map((id) => this.loadRoot(id)));
    else if (!this.loading) this.flush();
  }

  private async loadRoot(rootId: string): Promise<void> {
    this.loading++;
    this.buffer ??= [];
    try {
      await this.loadHistory(rootId);
    } catch (error) {
      // Read again when a later state names it.
      this.roots.delete(rootId);
      if (rootId === this.rootId) this.b.notify(this.b.t().loadFailed(this.b.reason(error)), 'error');
      else console.warn(`devroom: orders of the earlier root ${rootId} could not be read:`, error);
    }
    if (!--this.loading) this.flush();
  }

  /** History is in: what arrived meanwhile is applied (duplicates are ignored). */
  private flush(): void {
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    const read = this.readStatuses;
    this.readStatuses = [];
    for (const event of read) this.addStatus(event);
    for (const event of buffered) this.applyLive(event);
    this.schedulePush();
  }

  private async loadHistory(rootId: string): Promise<void> {
    const { room, requests } = this.b;
    const onPage = () => requests.relations++;
    // No event-type filter: orders and statuses come in one read (fewer pages than two filtered ones).
    const events = await readAllRelations(room, rootId, { relType: 'm.reference', direction: 'f' }, { onPage });
    for (const event of events) {
      if (event.type === ORDER_EVENT) this.addOrder(event);
      // A status may name an order of another root still being read: folded in flush().
      else if (event.type === ORDER_STATUS_EVENT) this.readStatuses.push(event);
    }
  }

  // ---- folding room events ----

  /** A live order or status event. */
  onLive(event: RoomEvent): void {
    if (this.buffer) this.buffer.push(event);
    else this.applyLive(event);
  }

  private applyLive(event: RoomEvent): void {
    if (!this.rootId) return;
    if (event.type === ORDER_EVENT) {
      // Orders of a root the state never named are not ours to show (and not worth a warning).
      if (!this.roots.has(referenceTarget(event) ?? '')) return;
      this.addOrder(event);
    } else this.addStatus(event);
    this.schedulePush();
  }

  private addOrder(event: RoomEvent): void {
    const target = referenceTarget(event) ?? '';
    const result = orderFromEvent(event, this.roots.has(target) ? target : '');
    if (!result.ok) return reject(event, result.errors.join('; '));
    // The vendor's queue names who ordered (a hostile server may send anything there).
    if (!isUserId(event.sender)) return reject(event, 'sender: expected a user id');
    const order = result.value;
    const key = `${order.sender}\n${order.localId}`;
    if (!this.known.has(order.id)) this.known.set(order.id, { key, root: target });
    if (!this.b.isVendor && order.sender !== this.me) return;
    const first = this.byLocalId.get(key);
    // A retry that reached the room twice: the first order counts, the second is ignored.
    if (first !== undefined && first !== order.id) return reject(event, `a copy of ${first}: the first counts`);
    this.byLocalId.set(key, order.id);
    this.orders.set(order.id, order);
    if (order.sender === this.me && order.localId) this.forget(order.localId);
  }

  private addStatus(event: RoomEvent): void {
    const drop = (why: string) => reject(event, why);
    const result = statusFromEvent(event);
    if (!result.ok) return drop(result.errors.join('; '));
    const { root, ...status } = result.value;
    if (!this.roots.has(root)) return drop(`it relates to ${root}, not an orders root we read`);
    const order = this.known.get(status.orderId);
    if (!order) return drop(`it names ${status.orderId}, not an order under a root we read`);
    // The copy that counts (a re-sent order has two): a status given to either applies to it.
    const counted = this.byLocalId.get(order.key);
    // Someone else's order: customers show only their own.
    if (counted === undefined) return;
    if (!this.b.power.can(event.sender, ORDER_STATUS_EVENT, false)) return drop(`${event.sender} lacks the power level to set order status`);
    this.statuses.set(status.id, { ...status, orderId: counted });
  }

  private schedulePush(): void {
    if (this.pushQueued) return;
    this.pushQueued = true;
    queueMicrotask(() => {
      this.pushQueued = false;
      if (this.b.stopped) return;
      this.b.el.orders = [...this.orders.values()].sort((a, b) => a.placedAt - b.placedAt);
      this.b.el.statusEvents = [...this.statuses.values()];
    });
  }

  // ---- requests from the component ----

  async placeOrder(detail: PlaceOrderDetail): Promise<void> {
    const localId = detail.orderLocalId;
    // The same localId again while it is on its way (the component's own timeout fired): one send.
    if (this.inFlight.has(localId)) return;
    this.inFlight.add(localId);
    if (!this.unsent.has(localId)) {
      this.unsent.set(localId, { id: localId, at: Date.now(), detail });
      this.keep();
    }
    try {
      await this.sendOrder(detail);
    } finally {
      this.inFlight.delete(localId);
    }
  }

  private async sendOrder(detail: PlaceOrderDetail): Promise<void> {
    const { el, room, requests } = this.b;
    const localId = detail.orderLocalId;
    const knownId = this.byLocalId.get(`${this.me}\n${localId}`);
    if (knownId !== undefined) {
      this.forget(localId);
      el.markOrderSent(localId, knownId);
      return;
    }
    try {
      const rootId = await this.ensureRoot();
      const kept = this.unsent.get(localId);
      if (kept && !kept.root) {
        kept.root = rootId;
        this.keep();
      } else if (kept?.root) {
        // A retry: the earlier attempt may have reached the room although we heard nothing.
        const mine = (e: RoomEvent) => e.sender === this.me && e.content.localId === localId;
        const arrived = await findSent(room, this.roots.has(kept.root) ? kept.root : rootId, ORDER_EVENT, mine, kept.at - RETRY_LOOKBACK_MS, () => requests.relations++);
        if (arrived) {
          this.addOrder(arrived);
          this.schedulePush();
          el.markOrderSent(localId, arrived.event_id);
          this.b.notify(undefined, 'error');
          return;
        }
      }
      const content = orderContent(detail, rootId);
      const checked = parseOrderContent(content);
      if (!checked.ok) throw new RoomError(checked.error, 'M_BAD_JSON');
      requests.send++;
      const eventId = await room.sendEvent(ORDER_EVENT, content);
      // Show it now; the live echo (same event id) replaces it with the server's timestamp.
      this.addOrder({ event_id: eventId, room_id: room.roomId, type: ORDER_EVENT, sender: this.me, origin_server_ts: Date.now(), content });
      this.forget(localId);
      this.schedulePush();
      el.markOrderSent(localId, eventId);
      this.b.notify(undefined, 'error');
    } catch (error) {
      el.markOrderFailed(localId);
      this.b.notify(this.b.t().orderFailed(this.b.reason(error)), 'error');
    }
  }

  /** The root's event id, creating the root when there is none and we may (one creation at a time). */
  private async ensureRoot(): Promise<string> {
    if (this.rootId) return this.rootId;
    if (!this.b.canCreateRoot) throw new RoomError(this.b.t().DEVROOM_NO_ROOT, 'DEVROOM_NO_ROOT');
    const name = this.b.el.currentMenu?.vendor.name ?? 'the food truck';
    this.creatingRoot ??= createRoot(this.b.room, 'orders', `Orders for ${name}: order in the devroom widget`)
      .then(async (info) => {
        // Counted at once, not only from the state's echo (a client may deliver just the latest
        // of two quick state events); an adopted root (another vendor's) has history to read.
        this.rootId ??= info.eventId;
        await this.addRoots(info.ids, info.created);
        // Another vendor's root may already have replaced ours.
        this.repair();
        return info.eventId;
      })
      .finally(() => {
        this.b.requests.send += 2;
        this.creatingRoot = undefined;
      });
    const eventId = await this.creatingRoot;
    return this.rootId ?? eventId;
  }

  async setStatus(detail: OrderStatusDetail): Promise<void> {
    const { el, room, requests } = this.b;
    try {
      if (!this.b.isVendor) throw new RoomError('only the vendor changes order status', 'M_FORBIDDEN');
      // Against the root the order hangs off: readers of that root find it with the order.
      const rootId = this.known.get(detail.orderId)?.root ?? this.rootId;
      if (!rootId) throw new RoomError(this.b.t().DEVROOM_NO_ROOT, 'DEVROOM_NO_ROOT');
      requests.send++;
      const eventId = await room.sendEvent(ORDER_STATUS_EVENT, statusContent(detail, rootId));
      this.statuses.set(eventId, {
        id: eventId,
        orderId: detail.orderId,
        status: detail.status,
        ts: Date.now(),
        sender: this.me,
        ...(detail.reason ? { reason: detail.reason } : {}),
        ...(detail.pickupNumber !== undefined ? { pickupNumber: detail.pickupNumber } : {}),
      });
      this.schedulePush();
      this.b.notify(undefined, 'error');
    } catch (error) {
      this.b.notify(this.b.t().statusFailed(this.b.reason(error)), 'error');
      // A new array lets the vendor view forget the tap it was waiting for (buttons enable again).
      el.statusEvents = [...el.statusEvents];
    }
  }

  // ---- vendor: menu edits ----

  async updateMenu(detail: MenuUpdateDetail): Promise<void> {
    const b = this.b;
    try {
      // Power and the client's grant (the vendor view is offered on status power alone).
      if (!b.granted('sendMenu') || !b.power.can(this.me, EventTypes.menu, true)) throw new RoomError('only the vendor edits the menu', 'M_FORBIDDEN');
      b.requests.send++;
      await b.room.sendState(EventTypes.menu, '', detail.menu as unknown as Record<string, unknown>);
      b.notify(undefined, 'error');
    } catch (error) {
      b.notify(b.t().menuFailed(b.reason(error)), 'error');
      // Re-render from the last saved menu so the controls show what is really on the menu.
      const last = b.el.currentMenu;
      if (last) b.el.menu = structuredClone(last);
    }
  }
}
