import { defaultFilters, filterStorageKey, storage } from './filters-key.js';
import type { StorageLike } from './filters-key.js';
import { ALLERGEN_IDS, DIET_TAG } from './menu.js';
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

export const isFiltering = (f: MenuFilters): boolean => f.avoid.length > 0 || f.diets.length > 0;

export function passesFilters(item: MenuItem, f: MenuFilters): boolean {
  for (const a of f.avoid) {
    if (item.allergens.contains.includes(a)) return false;
    if (f.strict && item.allergens.mayContain.includes(a)) return false;
  }
  return f.diets.every((d) => item.diets.includes(d));
}

// Loaded with the filter panel (not in the first paint); where filters are stored: filters-key.ts.
export { defaultFilters, filterStorageKey, storage };
export type { StorageLike };

export function loadFilters(vendor: string, store: StorageLike | undefined = storage()): MenuFilters {
  try {
    // Nothing stored (or not an object) reads as the defaults; unknown entries are dropped.
    const o = Object(JSON.parse(store?.getItem(filterStorageKey(vendor)) ?? '{}')) as Record<string, unknown>;
    const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
    return {
      avoid: list(o.avoid).filter((a): a is AllergenId => (ALLERGEN_IDS as readonly unknown[]).includes(a)),
      strict: o.strict !== false,
      diets: list(o.diets).filter((d): d is string => typeof d === 'string' && DIET_TAG.test(d)),
    };
  } catch {
    return defaultFilters();
  }
}
