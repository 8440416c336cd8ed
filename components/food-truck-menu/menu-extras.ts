import { MAX_PRICE, currencyExponent, formatPrice } from './menu.js';
import type { Menu, MenuItem } from './menu.js';

/**
 * Menu helpers the first paint of a menu does not use (cart, vendor price edits, JSON-LD):
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
