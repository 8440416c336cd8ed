/**
 * What the first paint needs of the viewer's filters: where they are remembered. Reading and
 * applying them (filters-panel.ts) loads with the filter panel, which the menu waits for only
 * when this browser remembers filters for the truck.
 */
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
