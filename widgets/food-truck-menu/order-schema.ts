import { parseOrderContent, parseStatusContent } from '../../components/food-truck-menu/orders.js';
import type { Order, OrderStatusEvent } from '../../components/food-truck-menu/orders.js';
import type { OrderStatusDetail, PlaceOrderDetail } from '../../components/food-truck-menu/menu-events.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId, isRecord, type Result } from '../schema/validate.js';

/**
 * Orders and order statuses (docs/schema.md "Food-truck menu and orders") ↔ the
 * component's models. The component's validators (parseOrderContent, parseStatusContent)
 * are the schema; these wrappers add what only the room knows: event ids, senders,
 * timestamps and the `m.reference` relation.
 */

export const ORDER_EVENT = EventTypes.order;
export const ORDER_STATUS_EVENT = EventTypes.orderStatus;

const fail = <T>(error: string): Result<T> => ({ ok: false, errors: [error] });

/** The `m.reference` target of an event, if it has one. */
function referenceOf(event: RoomEvent): string | undefined {
  const rel = event.content['m.relates_to'];
  return isRecord(rel) && rel.rel_type === 'm.reference' && isEventId(rel.event_id) ? rel.event_id : undefined;
}

/** `dev.devroom.order` relating to `rootId` → Order (sender, time and event id from the event). */
export function orderFromEvent(event: RoomEvent, rootId: string): Result<Order> {
  if (event.type !== ORDER_EVENT || event.state_key !== undefined) return fail(`expected a ${ORDER_EVENT} room event`);
  if (referenceOf(event) !== rootId) return fail('m.relates_to: expected an m.reference to the orders root');
  const parsed = parseOrderContent(event.content);
  if (!parsed.ok) return fail(parsed.error);
  const c = parsed.content;
  return {
    ok: true,
    value: {
      id: event.event_id,
      localId: c.localId,
      sender: event.sender,
      placedAt: event.origin_server_ts,
      lines: c.lines,
      ...(c.note ? { note: c.note } : {}),
      total: c.total,
      currency: c.currency,
    },
  };
}

/** A status as read from the room: the order it names, and the root it relates to. */
export type OrderStatusRead = OrderStatusEvent & { root: string };

/**
 * `dev.devroom.order.status` → OrderStatusEvent (not yet checked for the sender's power,
 * nor whether the order it names exists: the binding knows the orders). Since 0.x a status
 * relates to the orders root and names its order in `order` (docs/schema.md), so one
 * /relations read of a root finds orders and statuses.
 */
export function statusFromEvent(event: RoomEvent): Result<OrderStatusRead> {
  if (event.type !== ORDER_STATUS_EVENT || event.state_key !== undefined) return fail(`expected a ${ORDER_STATUS_EVENT} room event`);
  const root = referenceOf(event);
  if (!root) return fail('m.relates_to: expected an m.reference to the orders root');
  const orderId = event.content.order;
  if (!isEventId(orderId)) return fail('order: expected the event id of the order');
  const parsed = parseStatusContent(event.content);
  if (!parsed.ok) return fail(parsed.error);
  return {
    ok: true,
    value: { id: event.event_id, orderId, ts: event.origin_server_ts, sender: event.sender, ...parsed.content, root },
  };
}

/** Content of the order event for a `devroom-place-order` request. */
export function orderContent(detail: PlaceOrderDetail, rootId: string): Record<string, unknown> {
  return {
    localId: detail.orderLocalId,
    lines: detail.lines,
    ...(detail.note ? { note: detail.note } : {}),
    total: detail.total,
    currency: detail.currency,
    'm.relates_to': { rel_type: 'm.reference', event_id: rootId },
  };
}

/** Content of the status event for a `devroom-order-status` request; `rootId` is the root the order relates to. */
export function statusContent(detail: OrderStatusDetail, rootId: string): Record<string, unknown> {
  return {
    order: detail.orderId,
    status: detail.status,
    ...(detail.reason ? { reason: detail.reason } : {}),
    ...(detail.pickupNumber !== undefined ? { pickupNumber: detail.pickupNumber } : {}),
    'm.relates_to': { rel_type: 'm.reference', event_id: rootId },
  };
}
