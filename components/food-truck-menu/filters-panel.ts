/**
 * The inside of the collapsed "Filters" panel: allergen and diet checkboxes, and the
 * "n items hidden · Clear filters" note. Loaded when the panel opens (or opens itself
 * because this browser remembers filters for the truck: the menu waits for it then), so
 * the first paint does not carry it. It reads the remembered filters and applies them.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { LocaleController } from '../shared/i18n.js';
import { defaultFilters, filterStorageKey, isFiltering, loadFilters, passesFilters, storage } from './filters.js';
import type { MenuFilters, StorageLike } from './filters.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { ALLERGENS, DIETS } from './menu.js';
import type { AllergenId, Menu, MenuItem } from './menu.js';
import { addStyles } from '../shared/add-styles.js';
import { controlStyles } from './controls.styles.js';
import { filterStyles } from './filters-panel.styles.js';
import { filterStrings } from './filters-panel.strings.js';
import type { FilterKey } from './filters-panel.strings.js';

const checked = (e: Event) => (e.target as HTMLInputElement).checked;
/** Known diets first, in their order; other tags after them. */
const dietRank = (tag: string) => DIETS.findIndex((d) => d.id === tag) + 1 || 99;
const shown = (menu: Menu): MenuItem[] => menu.sections.flatMap((s) => s.items).filter((i) => i.availability !== 'hidden');

/** Remembers filters per vendor (loadFilters in filters.ts reads them back); default filters are forgotten. */
export function saveFilters(vendor: string, f: MenuFilters, store: StorageLike | undefined = storage()): void {
  try {
    if (isFiltering(f) || !f.strict) store?.setItem(filterStorageKey(vendor), JSON.stringify(f));
    else store?.removeItem(filterStorageKey(vendor));
  } catch {
    // Quota or privacy mode: filters still work for this page view.
  }
}

export class FilterPanel {
  private readonly i18n: LocaleController<FilterKey>;

  constructor(private readonly host: DevroomFoodTruckMenu) {
    addStyles(host, controlStyles);
    addStyles(host, filterStyles);
    this.i18n = new LocaleController(host, filterStrings);
  }

  /** The filters this browser remembers for `vendor`. */
  load(vendor: string): MenuFilters {
    return loadFilters(vendor);
  }

  /** Whether the viewer's filters let `item` through. */
  passes(item: MenuItem): boolean {
    return passesFilters(item, this.host._filters);
  }

  /** Sets and remembers (per vendor) the filters. */
  private set(menu: Menu, next: Partial<MenuFilters>): void {
    const f = (this.host._filters = { ...this.host._filters, ...next });
    saveFilters(menu.vendor.name, f);
  }

  render(menu: Menu): TemplateResult {
    const f = this.host._filters;
    const t = (key: FilterKey) => this.i18n.t(key);
    const tags = [...new Set(shown(menu).flatMap((i) => i.diets))].sort((a, b) => dietRank(a) - dietRank(b));
    const toggleAvoid = (id: AllergenId, on: boolean) => {
      const avoid = on ? [...f.avoid, id] : f.avoid.filter((a) => a !== id);
      this.set(menu, { avoid: ALLERGENS.map((a) => a.id).filter((a) => avoid.includes(a)) });
    };
    const toggleDiet = (tag: string, on: boolean) => this.set(menu, { diets: on ? [...f.diets, tag] : f.diets.filter((d) => d !== tag) });
    return html`<fieldset>
      <legend>${t('hideContaining')}</legend>
      <div class="checks">
        ${ALLERGENS.map(
          (a) => html`<label
            ><input type="checkbox" .checked=${f.avoid.includes(a.id)} @change=${(e: Event) => toggleAvoid(a.id, checked(e))} /><span aria-hidden="true"
              >${a.icon}</span
            >
            ${this.host.t('allergen', a.id)}</label
          >`,
        )}
      </div>
      <label class="strict"><input type="checkbox" .checked=${f.strict} @change=${(e: Event) => this.set(menu, { strict: checked(e) })} /> ${t('strict')}</label>
    </fieldset>
    ${tags.length
      ? html`<fieldset>
          <legend>${t('onlyDiets')}</legend>
          <div class="checks">
            ${tags.map(
              (tag) => html`<label
                ><input type="checkbox" .checked=${f.diets.includes(tag)} @change=${(e: Event) => toggleDiet(tag, checked(e))} />
                ${this.host.t('diet', tag)}</label
              >`,
            )}
          </div>
        </fieldset>`
      : nothing}`;
  }

  /** Under the panel while filters are active: how many items they hide, and a way out. */
  renderNote(menu: Menu): TemplateResult | typeof nothing {
    const f = this.host._filters;
    if (!isFiltering(f)) return nothing;
    const hidden = shown(menu).filter((i) => !passesFilters(i, f)).length;
    return html`<p class="filtered" aria-live="polite">
      ${hidden ? this.i18n.t('hiddenByFilters', hidden) : nothing}
      <button type="button" class="link" @click=${() => this.set(menu, { ...defaultFilters(), strict: f.strict })}>${this.i18n.t('clearFilters')}</button>
    </p>`;
  }
}
