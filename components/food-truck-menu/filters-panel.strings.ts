import type { Translations } from '../shared/i18n.js';

/** Strings of the filter panel (loaded with it). */
const en = {
  hideContaining: 'Hide items containing',
  strict: 'Also hide items that may contain traces',
  onlyDiets: 'Only show',
  hiddenByFilters: (n: number) => (n === 1 ? '1 item hidden by your filters.' : `${n} items hidden by your filters.`),
  clearFilters: 'Clear filters',
};

const de: typeof en = {
  hideContaining: 'Gerichte ausblenden mit',
  strict: 'Auch Gerichte ausblenden, die Spuren enthalten können',
  onlyDiets: 'Nur zeigen',
  hiddenByFilters: (n: number) => (n === 1 ? '1 Gericht durch deine Filter ausgeblendet.' : `${n} Gerichte durch deine Filter ausgeblendet.`),
  clearFilters: 'Filter zurücksetzen',
};

export type FilterKey = keyof typeof en;
export const filterStrings: Translations<FilterKey> = { en, de };
