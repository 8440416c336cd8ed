/**
 * The inside of the collapsed "Filters" panel: allergen and diet checkboxes. Loaded when
 * the panel opens (or opens itself because filters are active), so the first paint of
 * the menu does not carry it; the summary and filtering itself stay in the element.
 */
import { html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { LocaleController } from '../shared/i18n.js';
import type { MenuFilters } from './filters.js';
import { ALLERGENS, allergenName, dietName } from './menu.js';
import type { AllergenId } from './menu.js';
import { addStyles } from '../shared/add-styles.js';
import { filterStyles } from './filters-panel.styles.js';
import { filterStrings } from './filters-panel.strings.js';
import type { FilterKey } from './filters-panel.strings.js';

export interface FilterPanelContext {
  filters: MenuFilters;
  /** Diet tags on the menu, in display order. */
  tags: string[];
  toggleAvoid: (id: AllergenId, on: boolean) => void;
  toggleDiet: (tag: string, on: boolean) => void;
  setStrict: (on: boolean) => void;
}

const checked = (e: Event) => (e.target as HTMLInputElement).checked;

export class FilterPanel {
  private readonly i18n: LocaleController<FilterKey>;

  constructor(host: ReactiveElement) {
    addStyles(host, filterStyles);
    this.i18n = new LocaleController(host, filterStrings);
  }

  render({ filters: f, tags, toggleAvoid, toggleDiet, setStrict }: FilterPanelContext): TemplateResult {
    const t = (key: FilterKey) => this.i18n.t(key);
    const locale = this.i18n.locale;
    return html`<fieldset>
      <legend>${t('hideContaining')}</legend>
      <div class="checks">
        ${ALLERGENS.map(
          (a) => html`<label
            ><input type="checkbox" .checked=${f.avoid.includes(a.id)} @change=${(e: Event) => toggleAvoid(a.id, checked(e))} /><span aria-hidden="true"
              >${a.icon}</span
            >
            ${allergenName(a.id, locale)}</label
          >`,
        )}
      </div>
      <label class="strict"><input type="checkbox" .checked=${f.strict} @change=${(e: Event) => setStrict(checked(e))} /> ${t('strict')}</label>
    </fieldset>
    ${tags.length
      ? html`<fieldset>
          <legend>${t('onlyDiets')}</legend>
          <div class="checks">
            ${tags.map(
              (tag) => html`<label
                ><input type="checkbox" .checked=${f.diets.includes(tag)} @change=${(e: Event) => toggleDiet(tag, checked(e))} />
                ${dietName(tag, locale)}</label
              >`,
            )}
          </div>
        </fieldset>`
      : nothing}`;
}
}
