import { MAX_PRICE, currencyExponent, formatPrice } from './menu.js';
import type { Menu, MenuItem, TimeWindow } from './menu.js';

/**
 * Menu helpers the first paint of a menu does not use (cart, ordering, vendor price edits,
 * JSON-LD, the read-only pages' room link):
 * kept out of menu.ts so they load with those views.
 */

export function findItem(menu: Menu, itemId: string): MenuItem | undefined {
  for (const s of menu.sections) for (const i of s.items) if (i.id === itemId) return i;
  return undefined;
}

/** A price delta with an explicit sign: `+0,50 €`, `−1.00 US$`. Zero gives ''. */
export function formatDelta(minor: number, currency: string, locale: string): string {
  if (minor === 0) return '';
  return `${minor > 0 ? '+' : '−'}${formatPrice(Math.abs(minor), currency, locale)}`;
}

/** Decimal string for machines (schema.org, inputs): `450, 'EUR'` → `"4.50"`; JPY → `"1500"`. */
export function decimalPrice(minor: number, currency: string): string {
  const exp = currencyExponent(currency);
  const sign = minor < 0 ? '-' : '';
  const abs = Math.abs(minor);
  if (exp === 0) return `${sign}${abs}`;
  const s = String(abs).padStart(exp + 1, '0');
  return `${sign}${s.slice(0, -exp)}.${s.slice(-exp)}`;
}

/**
 * Reads what a vendor typed into a price field: `4.50`, `4,50`, `4` → minor units.
 * Returns undefined for anything else (more decimals than the currency has, letters, …).
 */
export function parsePriceInput(input: string, currency: string): number | undefined {
  const exp = currencyExponent(currency);
  const m = /^\s*(\d{1,7})(?:[.,](\d+))?\s*$/.exec(input);
  if (!m) return undefined;
  const frac = m[2] ?? '';
  if (frac.length > exp) return undefined;
  const value = Number(m[1]) * 10 ** exp + Number(frac.padEnd(exp, '0') || '0');
  return value <= MAX_PRICE ? value : undefined;
}

/** Inside the item's time window (open ends count as inside). */
export function inWindow(window: TimeWindow | undefined, now: number): boolean {
  if (!window) return true;
  if (window.from && now < Date.parse(window.from)) return false;
  if (window.until && now >= Date.parse(window.until)) return false;
  return true;
}

/** Whether the truck is open: no opening hours given means "always". */
export function isOpen(menu: Menu, now: number): boolean {
  if (menu.openingHours.length === 0) return true;
  return menu.openingHours.some((p) => now >= Date.parse(p.opens) && now < Date.parse(p.closes));
}

/** Whether new orders are accepted now: ordering switched on, before the cut-off, and open. */
export function orderingOpen(menu: Menu, now: number): boolean {
  if (!menu.ordering.open) return false;
  if (menu.ordering.closesAt && now >= Date.parse(menu.ordering.closesAt)) return false;
  return isOpen(menu, now);
}
