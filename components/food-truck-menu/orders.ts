import type { OrderLine } from './cart.js';

/**
 * Order lifecycle, DOM- and Matrix-free. An order is placed by a customer; the vendor
 * posts status events: received → preparing → ready → collected, or cancelled / rejected
 * (with a reason). Events can arrive in any order (relations are paginated, a late event
 * from another server, a reload), so the state of an order is a *fold* of all its status
 * events sorted by timestamp: each one that is a valid transition from the state so far
 * is applied, the others are ignored. The latest valid event by timestamp wins, whatever
 * order they arrived in.
 *
 * Who may post status events is not decided here: the widget binding drops events from
 * senders without the power level before they reach the component.
 */

export const ORDER_STATUSES = ['received', 'preparing', 'ready', 'collected', 'cancelled', 'rejected'] as const;
export type OrderStatus = (typeof ORDER_STATUSES)[number];
/** `placed`: the order exists, the vendor has not acknowledged it yet. */
export type OrderPhase = 'placed' | OrderStatus;
export const ORDER_PHASES: readonly OrderPhase[] = ['placed', ...ORDER_STATUSES];

export const TERMINAL: readonly OrderPhase[] = ['collected', 'cancelled', 'rejected'];

/** Forward skips are allowed (a busy vendor taps "ready" straight away); nothing goes back. */
export const TRANSITIONS: Record<OrderPhase, readonly OrderStatus[]> = {
  placed: ['received', 'preparing', 'ready', 'rejected', 'cancelled'],
  received: ['preparing', 'ready', 'rejected', 'cancelled'],
  preparing: ['ready', 'rejected', 'cancelled'],
  ready: ['collected', 'cancelled'],
  collected: [],
  cancelled: [],
  rejected: [],
};

export const canTransition = (from: OrderPhase, to: OrderStatus): boolean => TRANSITIONS[from].includes(to);

/** The next one-tap step for the vendor, if any. */
export function nextStep(phase: OrderPhase): OrderStatus | undefined {
  const order: Partial<Record<OrderPhase, OrderStatus>> = {
    placed: 'received',
    received: 'preparing',
    preparing: 'ready',
    ready: 'collected',
  };
  return order[phase];
}

export const PICKUP_MAX = 99;

/** An order as the component receives it (the binding builds it from the order event). */
export interface Order {
  /** Event id in a widget; any unique id from a site's backend. */
  id: string;
  /** The customer's idempotency key (the `orderLocalId` of devroom-place-order). */
  localId?: string;
  sender?: string;
  /** Display name of the customer, for the vendor's queue. */
  senderName?: string;
  /** ms since epoch (origin_server_ts). */
  placedAt: number;
  lines: OrderLine[];
  note?: string;
  /** Minor units. */
  total: number;
  currency: string;
  /** Placed by the viewer; defaults to `sender === userId` in the component. */
  mine?: boolean;
}

/** One status event (the binding builds it from `dev.devroom.order.status`). */
export interface OrderStatusEvent {
  id: string;
  orderId: string;
  status: OrderStatus;
  /** ms since epoch. */
  ts: number;
  sender?: string;
  reason?: string;
  pickupNumber?: number;
}

export interface OrderState {
  order: Order;
  phase: OrderPhase;
  pickupNumber?: number;
  pickupAssignedAt?: number;
  /** Reason of a rejection or cancellation. */
  reason?: string;
  /** Applied events, oldest first. */
  history: { status: OrderStatus; ts: number }[];
  readyAt?: number;
  updatedAt: number;
}

const rank = (s: OrderStatus) => ORDER_STATUSES.indexOf(s);

/** Status events in fold order: by timestamp, then lifecycle rank, then id (deterministic ties). */
function foldOrder(a: OrderStatusEvent, b: OrderStatusEvent): number {
  return a.ts - b.ts || rank(a.status) - rank(b.status) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

export function foldStatus(order: Order, events: readonly OrderStatusEvent[]): OrderState {
  const state: OrderState = { order, phase: 'placed', history: [], updatedAt: order.placedAt };
  const mine = events.filter((e) => e.orderId === order.id).sort(foldOrder);
  for (const e of mine) {
    if (e.status === state.phase) {
      // A repeat of the current status may only add a missing pickup number.
      if (state.pickupNumber === undefined && validPickup(e.pickupNumber)) {
        state.pickupNumber = e.pickupNumber;
        state.pickupAssignedAt = e.ts;
      }
      continue;
    }
    if (!canTransition(state.phase, e.status)) continue;
    state.phase = e.status;
    state.history.push({ status: e.status, ts: e.ts });
    state.updatedAt = e.ts;
    if (validPickup(e.pickupNumber)) {
      state.pickupNumber = e.pickupNumber;
      state.pickupAssignedAt = e.ts;
    }
    if (e.status === 'ready') state.readyAt = e.ts;
    if ((e.status === 'rejected' || e.status === 'cancelled') && e.reason) state.reason = e.reason;
  }
  return state;
}

const validPickup = (n: unknown): n is number => typeof n === 'number' && Number.isInteger(n) && n >= 1 && n <= 999;

/** Folds every order; status events for unknown orders are ignored (they may arrive before their order). */
export function foldOrders(orders: readonly Order[], events: readonly OrderStatusEvent[]): OrderState[] {
  const byOrder = new Map<string, OrderStatusEvent[]>();
  for (const e of events) {
    const list = byOrder.get(e.orderId);
    if (list) list.push(e);
    else byOrder.set(e.orderId, [e]);
  }
  // The same order can reach us twice (pagination, local echo): keep the first per id.
  const seen = new Set<string>();
  const out: OrderState[] = [];
  for (const o of orders) {
    if (seen.has(o.id)) continue;
    seen.add(o.id);
    out.push(foldStatus(o, byOrder.get(o.id) ?? []));
  }
  return out;
}

export interface QueueView {
  /** Per phase, oldest order first. */
  byPhase: Record<OrderPhase, OrderState[]>;
  counts: Record<OrderPhase, number>;
  /** Orders not yet collected / cancelled / rejected. */
  active: number;
  /** Mean placed→ready time over the last `sample` orders that became ready; null before the first. */
  averageWaitMs: number | null;
  /** How long the oldest active order (not yet ready) has been waiting. */
  longestWaitMs: number | null;
}

export function buildQueue(states: readonly OrderState[], now: number, sample = 20): QueueView {
  const byPhase = Object.fromEntries(ORDER_PHASES.map((p) => [p, [] as OrderState[]])) as Record<OrderPhase, OrderState[]>;
  for (const s of states) byPhase[s.phase].push(s);
  for (const list of Object.values(byPhase)) list.sort((a, b) => a.order.placedAt - b.order.placedAt || (a.order.id < b.order.id ? -1 : 1));
  const counts = Object.fromEntries(ORDER_PHASES.map((p) => [p, byPhase[p].length])) as Record<OrderPhase, number>;
  const done = states
    .filter((s) => s.readyAt !== undefined)
    .sort((a, b) => (b.readyAt ?? 0) - (a.readyAt ?? 0))
    .slice(0, sample);
  const averageWaitMs = done.length
    ? Math.round(done.reduce((sum, s) => sum + Math.max(0, (s.readyAt ?? 0) - s.order.placedAt), 0) / done.length)
    : null;
  const waiting = states.filter((s) => s.phase === 'placed' || s.phase === 'received' || s.phase === 'preparing');
  const oldest = waiting.reduce<number | null>((min, s) => (min === null || s.order.placedAt < min ? s.order.placedAt : min), null);
  return {
    byPhase,
    counts,
    active: states.filter((s) => !TERMINAL.includes(s.phase)).length,
    averageWaitMs,
    longestWaitMs: oldest === null ? null : Math.max(0, now - oldest),
  };
}

/**
 * A short pickup number for the next order: one more than the most recently assigned,
 * wrapping after PICKUP_MAX, skipping numbers held by active orders.
 */
export function nextPickupNumber(states: readonly OrderState[]): number {
  let last = 0;
  let lastAt = -Infinity;
  const inUse = new Set<number>();
  for (const s of states) {
    if (s.pickupNumber === undefined) continue;
    if (!TERMINAL.includes(s.phase)) inUse.add(s.pickupNumber);
    if ((s.pickupAssignedAt ?? 0) >= lastAt) {
      lastAt = s.pickupAssignedAt ?? 0;
      last = s.pickupNumber;
    }
  }
  let candidate = (last % PICKUP_MAX) + 1;
  for (let i = 0; i < PICKUP_MAX && inUse.has(candidate); i++) candidate = (candidate % PICKUP_MAX) + 1;
  return candidate;
}

// ---- event content validation (for bindings and backends) ----

/** Content of an order event (`dev.devroom.order`), without the relation. */
export interface OrderContent {
  localId: string;
  lines: OrderLine[];
  note?: string;
  total: number;
  currency: string;
}

/** Content of a status event (`dev.devroom.order.status`), without the relation. */
export interface OrderStatusContent {
  status: OrderStatus;
  reason?: string;
  pickupNumber?: number;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): v is string => typeof v === 'string' && v.length > 0 && v.length <= max;
const int = (v: unknown, min: number, max: number): v is number => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;

export function parseOrderContent(json: unknown): { ok: true; content: OrderContent } | { ok: false; error: string } {
  if (!isObj(json)) return { ok: false, error: 'order: expected an object' };
  if (!str(json.localId, 128)) return { ok: false, error: 'localId: expected text (at most 128)' };
  if (!str(json.currency, 3) || !/^[A-Z]{3}$/.test(json.currency)) return { ok: false, error: 'currency: expected ISO 4217' };
  if (!int(json.total, 0, 100_000_000)) return { ok: false, error: 'total: expected a non-negative integer (minor units)' };
  if (json.note !== undefined && (typeof json.note !== 'string' || json.note.length > 500)) return { ok: false, error: 'note: expected text (at most 500)' };
  if (!Array.isArray(json.lines) || json.lines.length === 0 || json.lines.length > 50) return { ok: false, error: 'lines: expected 1–50 lines' };
  const lines: OrderLine[] = [];
  for (const [i, l] of json.lines.entries()) {
    const at = `lines[${i}]`;
    if (!isObj(l)) return { ok: false, error: `${at}: expected an object` };
    if (!str(l.itemId, 64) || !str(l.name, 200)) return { ok: false, error: `${at}: itemId and name are required` };
    if (!int(l.quantity, 1, 99)) return { ok: false, error: `${at}.quantity: expected an integer 1–99` };
    if (!int(l.unitPrice, -1_000_000, 1_000_000)) return { ok: false, error: `${at}.unitPrice: expected an integer (minor units)` };
    if (l.note !== undefined && (typeof l.note !== 'string' || l.note.length > 500)) return { ok: false, error: `${at}.note: expected text` };
    const choices: OrderLine['choices'] = [];
    if (l.choices !== undefined) {
      if (!Array.isArray(l.choices)) return { ok: false, error: `${at}.choices: expected a list` };
      for (const c of l.choices) {
        if (!isObj(c) || !str(c.groupId, 64) || !Array.isArray(c.choiceIds) || !c.choiceIds.every((x) => str(x, 64)) || typeof c.label !== 'string') {
          return { ok: false, error: `${at}.choices: expected {groupId, choiceIds, label}` };
        }
        choices.push({ groupId: c.groupId, choiceIds: c.choiceIds as string[], label: c.label.slice(0, 200) });
      }
    }
    lines.push({ itemId: l.itemId, name: l.name, choices, quantity: l.quantity, unitPrice: l.unitPrice, ...(l.note ? { note: l.note as string } : {}) });
  }
  return {
    ok: true,
    content: { localId: json.localId, lines, total: json.total, currency: json.currency, ...(json.note ? { note: json.note as string } : {}) },
  };
}

export function parseStatusContent(json: unknown): { ok: true; content: OrderStatusContent } | { ok: false; error: string } {
  if (!isObj(json)) return { ok: false, error: 'status: expected an object' };
  if (typeof json.status !== 'string' || !(ORDER_STATUSES as readonly string[]).includes(json.status)) {
    return { ok: false, error: `status: expected one of ${ORDER_STATUSES.join(', ')}` };
  }
  if (json.reason !== undefined && (typeof json.reason !== 'string' || json.reason.length > 300)) return { ok: false, error: 'reason: expected text (at most 300)' };
  if (json.pickupNumber !== undefined && !validPickup(json.pickupNumber)) return { ok: false, error: 'pickupNumber: expected an integer 1–999' };
  return {
    ok: true,
    content: {
      status: json.status as OrderStatus,
      ...(json.reason ? { reason: json.reason as string } : {}),
      ...(json.pickupNumber !== undefined ? { pickupNumber: json.pickupNumber as number } : {}),
    },
  };
}
