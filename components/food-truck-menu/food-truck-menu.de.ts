import type { Dictionary } from '../shared/i18n.js';
import type { AllergenId } from './menu.js';
import type { CoreKey } from './strings.js';

const ALLERGENS: Record<AllergenId, string> = {
  gluten: 'Glutenhaltiges Getreide',
  crustaceans: 'Krebstiere',
  eggs: 'Eier',
  fish: 'Fisch',
  peanuts: 'Erdnüsse',
  soybeans: 'Soja',
  milk: 'Milch (inkl. Laktose)',
  nuts: 'Schalenfrüchte (Nüsse)',
  celery: 'Sellerie',
  mustard: 'Senf',
  sesame: 'Sesamsamen',
  sulphites: 'Schwefeldioxid und Sulfite',
  lupin: 'Lupinen',
  molluscs: 'Weichtiere',
};

const DIETS: Record<string, string> = {
  vegan: 'Vegan',
  vegetarian: 'Vegetarisch',
  'gluten-free': 'Glutenfrei',
  'lactose-free': 'Laktosefrei',
  halal: 'Halal',
  kosher: 'Koscher',
  pescatarian: 'Pescetarisch',
};

/** German first-paint strings of <devroom-food-truck-menu>, loaded only for German viewers. */
export const de: Partial<Dictionary<CoreKey>> = {
  loading: 'Speisekarte wird geladen…',
  menuError: 'Die Speisekarte konnte nicht geladen werden:',
  keptLastGood: 'Angezeigt wird die zuletzt geladene Speisekarte.',
  noMenu: 'Noch keine Speisekarte.',
  filters: (n: number) => (n ? `Filter (${n})` : 'Filter'),
  contains: 'Enthält:',
  mayContain: 'Kann Spuren enthalten von:',
  noAllergens: 'Keine Allergene angegeben',
  low: 'Nur noch wenige',
  soldOut: 'Ausverkauft',
  allergen: (id: AllergenId) => ALLERGENS[id],
  diet: (tag: string) => (Object.hasOwn(DIETS, tag) && DIETS[tag]) || tag,
};
