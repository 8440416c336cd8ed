import { css, html, nothing } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import { allergenIcon } from './allergen-icons.js';
import type { Dictionary } from '../shared/i18n.js';
import { filterStorageKey, storage } from './filters-key.js';
import type { StorageLike } from './filters-key.js';
import { translations } from './food-truck-menu.i18n.js';
import type { FilterKey, MenuKey } from './food-truck-menu.i18n.js';
import { ALLERGENS, ALLERGEN_IDS, DIETS, DIET_TAG } from './menu.js';
import type { AllergenId, Menu, MenuItem } from './menu.js';

/**
 * The viewer's dietary filters, inside the collapsed "Filters" panel: allergen and diet
 * checkboxes, and the "n items hidden · Clear filters" note. Loaded when the panel opens (or
 * opens itself because this browser remembers filters for the truck: the menu waits for it
 * then), so the first paint does not carry it.
 *
 * Filters are remembered per browser in localStorage, per vendor (two trucks at one
 * conference may use the same item ids, and a person's needs do not change per truck, but a
 * vendor-specific key keeps a clear-all on one truck from surprising the other).
 */

/** What the menu element offers this part. */
export interface FilterHost extends ReactiveElement {
  t(key: MenuKey, ...args: unknown[]): string;
}

export interface MenuFilters {
  /** Hide items that contain any of these. */
  avoid: AllergenId[];
  /** Also hide items that *may contain* an avoided allergen (traces). Default true: safer. */
  strict: boolean;
  /** Show only items tagged with every one of these diets. */
  diets: string[];
}

const en: Dictionary<FilterKey> = {
  hideContaining: 'Hide items containing',
  strict: 'Also hide items that may contain traces',
  onlyDiets: 'Only show',
  hiddenByFilters: (n: number) => (n === 1 ? '1 item hidden by your filters.' : `${n} items hidden by your filters.`),
  clearFilters: 'Clear filters',
};
Object.assign(translations.en, en);

const styles = css`
  .filtered {
    color: var(--_muted);
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.25rem 1rem;
  }
  .strict {
    display: block;
    margin-top: 0.5rem;
  }
`;

export const defaultFilters = (): MenuFilters => ({ avoid: [], strict: true, diets: [] });

export const isFiltering = (f: MenuFilters): boolean => f.avoid.length > 0 || f.diets.length > 0;

export function passesFilters(item: MenuItem, f: MenuFilters): boolean {
  for (const a of f.avoid) {
    if (item.allergens.contains.includes(a)) return false;
    if (f.strict && item.allergens.mayContain.includes(a)) return false;
  }
  return f.diets.every((d) => item.diets.includes(d));
}

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

/** Remembers filters per vendor (loadFilters reads them back); default filters are forgotten. */
export function saveFilters(vendor: string, f: MenuFilters, store: StorageLike | undefined = storage()): void {
  try {
    if (isFiltering(f) || !f.strict) store?.setItem(filterStorageKey(vendor), JSON.stringify(f));
    else store?.removeItem(filterStorageKey(vendor));
  } catch {
    // Quota or privacy mode: filters still work for this page view.
  }
}

const checked = (e: Event) => (e.target as HTMLInputElement).checked;
/** Known diets first, in their order; other tags after them. */
const dietRank = (tag: string) => DIETS.findIndex((d) => d.id === tag) + 1 || 99;
const shown = (menu: Menu): MenuItem[] => menu.sections.flatMap((s) => s.items).filter((i) => i.availability !== 'hidden');

export class FilterPanel {
  /** The filters of the truck named `vendor` (read from this browser when the truck changes). */
  #vendor?: string;
  #filters = defaultFilters();

  constructor(private readonly host: FilterHost) {
    addStyles(host, styles);
  }

  #of(menu: Menu): MenuFilters {
    const vendor = menu.vendor.name;
    if (vendor !== this.#vendor) {
      this.#vendor = vendor;
      this.#filters = loadFilters(vendor);
    }
    return this.#filters;
  }

  /** How many filters are on (the panel's summary says so). */
  active(menu: Menu): number {
    const f = this.#of(menu);
    return f.avoid.length + f.diets.length;
  }

  /** Whether the viewer's filters let an item through. */
  filter(menu: Menu): (item: MenuItem) => boolean {
    const f = this.#of(menu);
    return (item) => passesFilters(item, f);
  }

  /** Sets and remembers (per vendor) the filters. */
  #set(menu: Menu, next: Partial<MenuFilters>): void {
    const f = (this.#filters = { ...this.#of(menu), ...next });
    saveFilters(menu.vendor.name, f);
    this.host.requestUpdate();
  }

  render(menu: Menu): TemplateResult {
    const f = this.#of(menu);
    const t = (key: MenuKey, ...args: unknown[]) => this.host.t(key, ...args);
    const tags = [...new Set(shown(menu).flatMap((i) => i.diets))].sort((a, b) => dietRank(a) - dietRank(b));
    const toggleAvoid = (id: AllergenId, on: boolean) => {
      const avoid = on ? [...f.avoid, id] : f.avoid.filter((a) => a !== id);
      this.#set(menu, { avoid: ALLERGENS.map((a) => a.id).filter((a) => avoid.includes(a)) });
    };
    const toggleDiet = (tag: string, on: boolean) => this.#set(menu, { diets: on ? [...f.diets, tag] : f.diets.filter((d) => d !== tag) });
    return html`<fieldset>
        <legend>${t('hideContaining')}</legend>
        <div class="checks">
          ${ALLERGENS.map(
            (a) => html`<label
              ><input type="checkbox" .checked=${f.avoid.includes(a.id)} @change=${(e: Event) => toggleAvoid(a.id, checked(e))} />${allergenIcon(a.id)}${t('allergen', a.id)}</label
            >`,
          )}
        </div>
        <label class="strict"><input type="checkbox" .checked=${f.strict} @change=${(e: Event) => this.#set(menu, { strict: checked(e) })} /> ${t('strict')}</label>
      </fieldset>
      ${tags.length
        ? html`<fieldset>
            <legend>${t('onlyDiets')}</legend>
            <div class="checks">
              ${tags.map(
                (tag) => html`<label
                  ><input type="checkbox" .checked=${f.diets.includes(tag)} @change=${(e: Event) => toggleDiet(tag, checked(e))} />
                  ${t('diet', tag)}</label
                >`,
              )}
            </div>
          </fieldset>`
        : nothing}`;
  }

  /** Under the panel while filters are active: how many items they hide, and a way out. */
  renderNote(menu: Menu): TemplateResult | typeof nothing {
    const f = this.#of(menu);
    if (!isFiltering(f)) return nothing;
    const hidden = shown(menu).filter((i) => !passesFilters(i, f)).length;
    return html`<p class="filtered" aria-live="polite">
      ${hidden ? this.host.t('hiddenByFilters', hidden) : nothing}
      <button type="button" class="link" @click=${() => this.#set(menu, { ...defaultFilters(), strict: f.strict })}>${this.host.t('clearFilters')}</button>
    </p>`;
  }
}
