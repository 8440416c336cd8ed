import { findItem, inWindow, orderingOpen } from './menu.js';
import type { Menu, MenuItem } from './menu.js';

/**
 * The customer's cart, as immutable values. The menu can change under an open cart (the
 * vendor marks an item sold out, edits a price), so a cart is always reviewed against the
 * *current* menu before checkout: `reviewCart` flags each line and says whether checkout is
 * blocked. Each line remembers the unit price the customer saw, so a price change is shown
 * and must be accepted rather than silently charged.
 */

/**
 * Chosen option choices per option group id. Group ids come from the vendor's menu and may be
 * `constructor` or `toString`: read with `chosen()` (own keys only), build with `noChoices()`.
 */
export type Choices = Record<string, string[]>;

/** An empty Choices without a prototype, so any group id (even `__proto__`) is an own key. */
export const noChoices = (): Choices => Object.create(null) as Choices;

/** The choices made in group `groupId` (none when the id is only inherited, e.g. `toString`). */
export const chosen = (choices: Choices, groupId: string): string[] | undefined => (Object.hasOwn(choices, groupId) ? choices[groupId] : undefined);

export interface CartLine {
  lineId: string;
  itemId: string;
  /** Name when added, to describe a line whose item has since left the menu. */
  name: string;
  choices: Choices;
  quantity: number;
  note: string;
  /** Unit price (item + options) the customer saw, minor units. */
  seenUnitPrice: number;
}

export interface Cart {
  lines: CartLine[];
  /** Next line number; keeps line ids unique within a cart. */
  seq: number;
}

export const MAX_QUANTITY = 20;
export const MAX_NOTE = 200;
/** An order has at most 50 lines (parseOrderContent): a longer cart could never be ordered. */
export const MAX_LINES = 50;

export const emptyCart = (): Cart => ({ lines: [], seq: 1 });

export type LineIssue =
  | { kind: 'removed' }
  | { kind: 'hidden' }
  | { kind: 'sold-out' }
  | { kind: 'not-now'; from?: string; until?: string }
  | { kind: 'price-changed'; was: number; now: number }
  | { kind: 'options'; message: string }
  /** Informational: few left. Never blocks. */
  | { kind: 'low' };

export const isBlocking = (issue: LineIssue): boolean => issue.kind !== 'low';

export interface ReviewedLine {
  line: CartLine;
  item?: MenuItem;
  unitPrice: number;
  lineTotal: number;
  issues: LineIssue[];
  blocked: boolean;
}

export interface CartReview {
  lines: ReviewedLine[];
  /** Sum over lines whose item is still on the menu, at current prices. */
  total: number;
  itemCount: number;
  orderingOpen: boolean;
  /** True when the cart is empty, ordering is closed, or any line has a blocking issue. */
  blocked: boolean;
}

/** The snapshot of a line that goes into an order event. */
export interface OrderLine {
  itemId: string;
  name: string;
  choices: { groupId: string; choiceIds: string[]; label: string }[];
  quantity: number;
  note?: string;
  /** Minor units, item + options. */
  unitPrice: number;
}

export function unitPrice(item: MenuItem, choices: Choices): number {
  let price = item.price;
  for (const group of item.options) {
    for (const cid of chosen(choices, group.id) ?? []) price += group.choices.find((c) => c.id === cid)?.priceDelta ?? 0;
  }
  return price;
}

/** Problems with a set of choices for an item, as human-readable English (shown to developers and as a fallback). */
export function checkChoices(item: MenuItem, choices: Choices): string | undefined {
  for (const key of Object.keys(choices)) {
    if (!item.options.some((g) => g.id === key)) return `unknown option group "${key}"`;
  }
  for (const group of item.options) {
    const ids = chosen(choices, group.id) ?? [];
    if (new Set(ids).size !== ids.length) return `${group.name}: a choice is repeated`;
    if (ids.length < group.min) return `${group.name}: choose at least ${group.min}`;
    if (ids.length > group.max) return `${group.name}: choose at most ${group.max}`;
    for (const cid of ids) {
      const choice = group.choices.find((c) => c.id === cid);
      if (!choice) return `${group.name}: unknown choice "${cid}"`;
      if (!choice.available) return `${group.name}: ${choice.name} is no longer available`;
    }
  }
  return undefined;
}

/** Choices in a stable order, so equal selections compare equal. */
function normalise(item: MenuItem, choices: Choices): Choices {
  const out = noChoices();
  for (const group of item.options) {
    const ids = chosen(choices, group.id);
    if (ids?.length) out[group.id] = group.choices.map((c) => c.id).filter((id) => ids.includes(id));
  }
  return out;
}

const sameChoices = (a: Choices, b: Choices) => JSON.stringify(a) === JSON.stringify(b);

export type AddResult = { ok: true; cart: Cart; lineId: string } | { ok: false; reason: string };

/** Adds an item (merging with an identical line). Refuses what cannot be ordered now. */
export function addToCart(
  cart: Cart,
  menu: Menu,
  itemId: string,
  input: { choices?: Choices; quantity?: number; note?: string } = {},
  now: number = Date.now(),
): AddResult {
  const item = findItem(menu, itemId);
  if (!item || item.availability === 'hidden') return { ok: false, reason: 'not on the menu' };
  if (item.availability === 'sold-out') return { ok: false, reason: 'sold out' };
  if (!inWindow(item.window, now)) return { ok: false, reason: 'not available at this time' };
  const quantity = input.quantity ?? 1;
  if (!Number.isInteger(quantity) || quantity < 1 || quantity > MAX_QUANTITY) return { ok: false, reason: 'invalid quantity' };
  const problem = checkChoices(item, input.choices ?? {});
  if (problem) return { ok: false, reason: problem };
  const choices = normalise(item, input.choices ?? {});
  const note = (input.note ?? '').trim().slice(0, MAX_NOTE);
  const price = unitPrice(item, choices);

  const same = cart.lines.find((l) => l.itemId === itemId && l.note === note && sameChoices(l.choices, choices));
  if (same) {
    const merged = Math.min(MAX_QUANTITY, same.quantity + quantity);
    return {
      ok: true,
      lineId: same.lineId,
      cart: { ...cart, lines: cart.lines.map((l) => (l === same ? { ...l, quantity: merged, seenUnitPrice: price } : l)) },
    };
  }
  const lineId = `l${cart.seq}`;
  const line: CartLine = { lineId, itemId, name: item.name, choices, quantity, note, seenUnitPrice: price };
  return { ok: true, lineId, cart: { lines: [...cart.lines, line], seq: cart.seq + 1 } };
}

/** Sets a line's quantity; 0 removes the line. Clamped to 0…MAX_QUANTITY. */
export function setQuantity(cart: Cart, lineId: string, quantity: number): Cart {
  const q = Math.max(0, Math.min(MAX_QUANTITY, Math.floor(quantity)));
  if (q === 0) return removeLine(cart, lineId);
  return { ...cart, lines: cart.lines.map((l) => (l.lineId === lineId ? { ...l, quantity: q } : l)) };
}

export function removeLine(cart: Cart, lineId: string): Cart {
  return { ...cart, lines: cart.lines.filter((l) => l.lineId !== lineId) };
}

export function setNote(cart: Cart, lineId: string, note: string): Cart {
  return { ...cart, lines: cart.lines.map((l) => (l.lineId === lineId ? { ...l, note: note.slice(0, MAX_NOTE) } : l)) };
}

/** The customer saw the new prices: remember them so the lines stop being flagged. */
export function acceptPrices(cart: Cart, menu: Menu): Cart {
  return {
    ...cart,
    lines: cart.lines.map((l) => {
      const item = findItem(menu, l.itemId);
      return item ? { ...l, seenUnitPrice: unitPrice(item, l.choices) } : l;
    }),
  };
}

/** Drops lines that can never be ordered again (removed, hidden, sold out). */
export function removeUnavailable(cart: Cart, menu: Menu): Cart {
  return {
    ...cart,
    lines: cart.lines.filter((l) => {
      const item = findItem(menu, l.itemId);
      return item !== undefined && item.availability !== 'hidden' && item.availability !== 'sold-out';
    }),
  };
}

export function reviewLine(line: CartLine, menu: Menu, now: number): ReviewedLine {
  const item = findItem(menu, line.itemId);
  const issues: LineIssue[] = [];
  if (!item) {
    issues.push({ kind: 'removed' });
    return { line, unitPrice: line.seenUnitPrice, lineTotal: 0, issues, blocked: true };
  }
  if (item.availability === 'hidden') issues.push({ kind: 'hidden' });
  else if (item.availability === 'sold-out') issues.push({ kind: 'sold-out' });
  else if (item.availability === 'low') issues.push({ kind: 'low' });
  if (!inWindow(item.window, now)) issues.push({ kind: 'not-now', ...item.window });
  const problem = checkChoices(item, line.choices);
  if (problem) issues.push({ kind: 'options', message: problem });
  const price = unitPrice(item, line.choices);
  if (price !== line.seenUnitPrice) issues.push({ kind: 'price-changed', was: line.seenUnitPrice, now: price });
  return { line, item, unitPrice: price, lineTotal: price * line.quantity, issues, blocked: issues.some(isBlocking) };
}

export function reviewCart(cart: Cart, menu: Menu, now: number = Date.now()): CartReview {
  const lines = cart.lines.map((l) => reviewLine(l, menu, now));
  const open = orderingOpen(menu, now);
  return {
    lines,
    total: lines.reduce((sum, l) => sum + l.lineTotal, 0),
    itemCount: cart.lines.reduce((n, l) => n + l.quantity, 0),
    orderingOpen: open,
    blocked: lines.length === 0 || !open || lines.some((l) => l.blocked),
  };
}

/** Order lines for the order event; only call when the review is not blocked. */
export function toOrderLines(review: CartReview): OrderLine[] {
  return review.lines.map(({ line, item, unitPrice: price }) => ({
    itemId: line.itemId,
    name: item?.name ?? line.name,
    choices: Object.entries(line.choices).map(([groupId, choiceIds]) => {
      const group = item?.options.find((g) => g.id === groupId);
      return {
        groupId,
        choiceIds,
        label: choiceIds.map((id) => group?.choices.find((c) => c.id === id)?.name ?? id).join(', '),
      };
    }),
    quantity: line.quantity,
    ...(line.note ? { note: line.note } : {}),
    unitPrice: price,
  }));
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * A cart kept in this browser (`{v: 1, cart, note}`), read back: untrusted like any input, so
 * each field is checked and choices are rebuilt without a prototype. Returns why it cannot be
 * used instead. Lines whose item has left the menu stay: the review flags them.
 */
export function cartFromJson(json: unknown): { cart: Cart; note: string } | string {
  if (!isObject(json) || json.v !== 1 || !isObject(json.cart) || !Array.isArray(json.cart.lines)) return 'not a version 1 cart';
  const stored = json.cart.lines as unknown[];
  if (stored.length > MAX_LINES) return `more than ${MAX_LINES} lines`;
  const lines: CartLine[] = [];
  // New line ids continue after every kept one (`l<n>`), so none is given twice.
  let seq = typeof json.cart.seq === 'number' && Number.isInteger(json.cart.seq) && json.cart.seq > 0 ? json.cart.seq : 1;
  for (const l of stored) {
    if (!isObject(l)) return 'a line is not an object';
    const { lineId, itemId, name, choices, quantity, note, seenUnitPrice } = l;
    const malformed =
      typeof lineId !== 'string' ||
      lines.some((other) => other.lineId === lineId) ||
      typeof itemId !== 'string' ||
      typeof name !== 'string' ||
      typeof note !== 'string' ||
      note.length > MAX_NOTE ||
      typeof quantity !== 'number' ||
      !Number.isInteger(quantity) ||
      quantity < 1 ||
      quantity > MAX_QUANTITY ||
      typeof seenUnitPrice !== 'number' ||
      !Number.isSafeInteger(seenUnitPrice) ||
      !isObject(choices) ||
      !Object.values(choices).every((ids) => Array.isArray(ids) && ids.every((id) => typeof id === 'string'));
    if (malformed) return 'a line is malformed';
    const own = noChoices();
    for (const [group, ids] of Object.entries(choices as Record<string, string[]>)) own[group] = [...ids];
    lines.push({ lineId, itemId, name, choices: own, quantity, note, seenUnitPrice });
    const n = /^l(\d+)$/.exec(lineId);
    if (n) seq = Math.max(seq, Number(n[1]) + 1);
  }
  return { cart: { lines, seq }, note: typeof json.note === 'string' ? json.note.slice(0, 500) : '' };
}
