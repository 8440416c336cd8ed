import { ALLERGEN_IDS } from './menu.js';
import type { AllergenId, MenuItem } from './menu.js';

/**
 * The viewer's dietary filters: "hide items containing …" allergens and "only …" diets.
 * Remembered per browser in localStorage, namespaced by vendor (two trucks at one
 * conference may use the same item ids, and a person's needs do not change per truck,
 * but a vendor-specific key keeps a clear-all on one truck from surprising the other).
 */
export interface MenuFilters {
  /** Hide items that contain any of these. */
  avoid: AllergenId[];
  /** Also hide items that *may contain* an avoided allergen (traces). Default true: safer. */
  strict: boolean;
  /** Show only items tagged with every one of these diets. */
  diets: string[];
}

export const defaultFilters = (): MenuFilters => ({ avoid: [], strict: true, diets: [] });

export const isFiltering = (f: MenuFilters): boolean => f.avoid.length > 0 || f.diets.length > 0;

export function passesFilters(item: MenuItem, f: MenuFilters): boolean {
  for (const a of f.avoid) {
    if (item.allergens.contains.includes(a)) return false;
    if (f.strict && item.allergens.mayContain.includes(a)) return false;
  }
  return f.diets.every((d) => item.diets.includes(d));
}

export const filterStorageKey = (vendor: string): string => `devroom:food-truck-menu:filters:${vendor.trim().toLowerCase()}`;

export type StorageLike = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

export function storage(): StorageLike | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Sandboxed iframes without allow-same-origin throw on access.
    return undefined;
  }
}

export function loadFilters(vendor: string, store: StorageLike | undefined = storage()): MenuFilters {
  try {
    const raw = store?.getItem(filterStorageKey(vendor));
    if (!raw) return defaultFilters();
    const v: unknown = JSON.parse(raw);
    if (typeof v !== 'object' || v === null) return defaultFilters();
    const o = v as Record<string, unknown>;
    return {
      avoid: Array.isArray(o.avoid) ? (o.avoid.filter((a) => (ALLERGEN_IDS as readonly unknown[]).includes(a)) as AllergenId[]) : [],
      strict: o.strict !== false,
      diets: Array.isArray(o.diets) ? o.diets.filter((d): d is string => typeof d === 'string' && /^[a-z][a-z0-9-]{0,31}$/.test(d)) : [],
    };
  } catch {
    return defaultFilters();
  }
}
