import type { Dictionary, LocaleLoaders, Translations } from '../shared/i18n.js';
import { allergenInfo, dietName } from './menu.js';
import type { AllergenId } from './menu.js';

/**
 * The words of <devroom-food-truck-menu>: here the English of the menu itself (its first
 * paint, with the allergen and diet names, and the words the parts share); the English of
 * the parts loaded on demand comes with them (ordering-view.ts, vendor-view.ts,
 * filters-panel.ts) and joins `translations.en`; all German is in food-truck-menu.de.ts,
 * loaded only for German viewers.
 */

/** Words of the parts loaded on demand: their English joins `translations.en` when they load. */
export type OrderingKey =
  | 'add'
  | 'addToCart'
  | 'chooseUpTo'
  | 'chooseExactly'
  | 'chooseBetween'
  | 'unavailable'
  | 'added'
  | 'cartSummary'
  | 'viewCart'
  | 'cart'
  | 'cartEmpty'
  | 'decrease'
  | 'increase'
  | 'remove'
  | 'lineNote'
  | 'orderNote'
  | 'total'
  | 'placeOrder'
  | 'sending'
  | 'issueRemoved'
  | 'issueHidden'
  | 'issueSoldOut'
  | 'issueNotNow'
  | 'issuePrice'
  | 'issueOptions'
  | 'issueLow'
  | 'acceptPrices'
  | 'removeUnavailable'
  | 'checkoutBlocked'
  | 'orderingClosed'
  | 'ordersUntil'
  | 'myOrders'
  | 'notSent'
  | 'retry'
  | 'discard'
  | 'sentWaiting'
  | 'readyBanner'
  | 'readyNoNumber'
  | 'notifyMe'
  | 'notifyOn'
  | 'notifyTitle'
  | 'reason'
  | 'pickupNumber';
export type VendorKey =
  | 'queue'
  | 'averageWait'
  | 'longestWait'
  | 'noOrders'
  | 'minutes'
  | 'underAMinute'
  | 'noNumber'
  | 'action'
  | 'reject'
  | 'rejectReason'
  | 'confirmReject'
  | 'cancelOrder'
  | 'availability'
  | 'editPrice'
  | 'savePrice'
  | 'invalidPrice'
  | 'available'
  | 'hiddenItem'
  | 'viewMenu'
  | 'viewOrders'
  | 'vendorView';
export type FilterKey = 'hideContaining' | 'strict' | 'onlyDiets' | 'hiddenByFilters' | 'clearFilters';

const en = {
  loading: 'Loading the menu…',
  menuError: 'The menu could not be loaded:',
  keptLastGood: 'Showing the last menu that loaded.',
  noMenu: 'No menu yet.',
  filters: (n: number) => (n ? `Filters (${n})` : 'Filters'),
  contains: 'Contains:',
  mayContain: 'May contain:',
  noAllergens: 'No listed allergens',
  low: 'Only a few left',
  soldOut: 'Sold out',
  allergen: (id: AllergenId) => allergenInfo(id).en,
  diet: dietName,
  openNow: (until: string) => `Open now, until ${until}`,
  closedNow: 'Closed now',
  openingHours: 'Opening hours',
  from: (time: string) => `From ${time}`,
  until: (time: string) => `Until ${time}`,
  orderInRoom: 'Order in the Matrix room',
  // Shared by the ordering and vendor views.
  cancel: 'Cancel',
  phase: (p: string) =>
    ({
      placed: 'Sent, waiting for the vendor',
      received: 'Received',
      preparing: 'Being prepared',
      ready: 'Ready for pickup',
      collected: 'Collected',
      cancelled: 'Cancelled',
      rejected: 'Rejected',
    })[p] ?? p,
} satisfies Dictionary<string>;

export type CoreKey = keyof typeof en;
export type MenuKey = CoreKey | OrderingKey | VendorKey | FilterKey;

/**
 * English holds the menu's own words until a part brings its own; German joins on demand
 * (food-truck-menu.de.ts): see the element's scheduleUpdate.
 */
export const translations = { en: en as Partial<Dictionary<MenuKey>> } as Translations<MenuKey>;

/** Dictionaries beyond English, loaded only for viewers of that language. */
export const locales: LocaleLoaders = {
  de: () => import('./food-truck-menu.de.js').then((m) => m.de),
};
