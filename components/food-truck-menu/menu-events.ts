import type { OrderLine } from './cart.js';
import type { Availability, Menu } from './menu.js';
import type { OrderStatus } from './orders.js';

/**
 * Request events of <devroom-food-truck-menu> (and its lazily loaded parts). All bubble and
 * are composed, so a page or the widget binding listens on the menu element.
 */

/** Detail of `devroom-place-order`. Re-sent unchanged (same `orderLocalId`) on retry: dedupe on it. */
export interface PlaceOrderDetail {
  orderLocalId: string;
  lines: OrderLine[];
  note?: string;
  /** Minor units of `currency`. */
  total: number;
  currency: string;
}

/** Detail of `devroom-discard-order`: a failed order the customer dropped (never to be sent). */
export interface DiscardOrderDetail {
  orderLocalId: string;
}

/** Detail of `devroom-order-status` (vendor only). */
export interface OrderStatusDetail {
  orderId: string;
  status: OrderStatus;
  reason?: string;
  pickupNumber?: number;
}

export type MenuChange =
  | { kind: 'availability'; itemId: string; availability: Availability }
  | { kind: 'price'; itemId: string; price: number };

/** Detail of `devroom-menu-update` (vendor only): the whole new menu, plus what changed. */
export interface MenuUpdateDetail {
  menu: Menu;
  change: MenuChange;
}

/** An order the customer placed that the room / backend has not confirmed yet. */
export interface PendingOrder {
  detail: PlaceOrderDetail;
  state: 'sending' | 'failed' | 'sent';
  orderId?: string;
}

declare module '../shared/events.js' {
  interface DevroomEventMap {
    'devroom-place-order': PlaceOrderDetail;
    'devroom-discard-order': DiscardOrderDetail;
    'devroom-order-status': OrderStatusDetail;
    'devroom-menu-update': MenuUpdateDetail;
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'devroom-place-order': CustomEvent<PlaceOrderDetail>;
    'devroom-discard-order': CustomEvent<DiscardOrderDetail>;
    'devroom-order-status': CustomEvent<OrderStatusDetail>;
    'devroom-menu-update': CustomEvent<MenuUpdateDetail>;
  }
}
