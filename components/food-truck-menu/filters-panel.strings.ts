import type { Translations } from '../shared/i18n.js';

/** Strings of the filter panel (loaded with it). */
const en = {
  hideContaining: 'Hide items containing',
  strict: 'Also hide items that may contain traces',
  onlyDiets: 'Only show',
};

const de: typeof en = {
  hideContaining: 'Gerichte ausblenden mit',
  strict: 'Auch Gerichte ausblenden, die Spuren enthalten können',
  onlyDiets: 'Nur zeigen',
};

export type FilterKey = keyof typeof en;
export const filterStrings: Translations<FilterKey> = { en, de };
