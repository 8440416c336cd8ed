import type { Dictionary } from '../shared/i18n.js';
import type { CoreKey } from './strings.js';

/** German first-paint strings of <devroom-food-truck-menu>, loaded only for German viewers. */
export const de: Partial<Dictionary<CoreKey>> = {
  loading: 'Speisekarte wird geladen…',
  menuError: 'Die Speisekarte konnte nicht geladen werden:',
  keptLastGood: 'Angezeigt wird die zuletzt geladene Speisekarte.',
  noMenu: 'Noch keine Speisekarte.',
  openNow: (until: string) => `Jetzt geöffnet, bis ${until}`,
  closedNow: 'Jetzt geschlossen',
  openingHours: 'Öffnungszeiten',
  orderInRoom: 'Im Matrix-Raum bestellen',
  filters: (n: number) => (n ? `Filter (${n})` : 'Filter'),
  contains: 'Enthält:',
  mayContain: 'Kann Spuren enthalten von:',
  noAllergens: 'Keine Allergene angegeben',
  low: 'Nur noch wenige',
  soldOut: 'Ausverkauft',
  from: (time: string) => `Ab ${time}`,
  until: (time: string) => `Bis ${time}`,
};
