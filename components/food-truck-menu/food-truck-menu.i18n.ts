import type { Translations } from '../shared/i18n.js';
import { allergenInfo, dietName } from './menu.js';
import type { AllergenId } from './menu.js';

/** UI strings of <devroom-food-truck-menu> needed for the first paint, with the allergen and diet names. */
const en = {
  loading: 'Loading menu…',
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
};

export type CoreKey = keyof typeof en;
/** German joins on demand (strings.de.ts): see the component's scheduleUpdate. */
export const strings: Translations<CoreKey> = { en };

/** Dictionaries beyond English, loaded only for viewers of that language. */
export const locales: Record<string, () => Promise<Partial<Record<CoreKey, unknown>>>> = {
  de: () => import('./strings.de.js').then((m) => m.de),
};
