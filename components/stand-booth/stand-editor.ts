import { LitElement, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { live } from 'lit/directives/live.js';
import { themeTokens } from '../shared/theme.js';
import { LocaleController } from '../shared/i18n.js';
import { emit } from '../shared/events.js';
import { defineElement } from '../shared/define.js';
import { controlStyles } from '../shared/controls.styles.js';
import { formStyles, standStyles } from './stand-booth.styles.js';
import { editorTranslations } from './stand-editor.i18n.js';
import type { StandEditorKey } from './stand-editor.i18n.js';
import { FORM_FIELDS, LIST_COLUMNS, formToStand, standToForm } from './stand-form.js';
import type { FormField, FormIssue, StandFormValues } from './stand-form.js';
import type { Stand } from './stand.js';
import type {} from './stand-events.js';

/**
 * The stand editor: a form over the whole stand config with inline, per-line errors.
 * Only a strictly valid config leaves it (`devroom-stand-update`, after which the booth
 * closes it); "Cancel" fires a local
 * `stand-editor-close` (not composed) that the booth answers by closing it. Internal part
 * of <devroom-stand-booth>: it comes with the staff tools (stand-staff.ts).
 *
 * @summary Internal: stand config editor.
 *
 * @tagname devroom-stand-editor
 */
export class DevroomStandEditor extends LitElement {
  static override styles = [themeTokens, controlStyles, standStyles, formStyles];

  /** The stand to start from; read once when the editor connects. */
  @property({ attribute: false }) stand: Stand | undefined;
  @property({ reflect: true }) theme: string | undefined;

  private readonly i18n = new LocaleController<StandEditorKey>(this, editorTranslations);

  @state() private form: StandFormValues = standToForm(undefined);
  @state() private issues: FormIssue[] = [];

  override connectedCallback(): void {
    super.connectedCallback();
    this.form = standToForm(this.stand);
  }

  protected override willUpdate(): void {
    // Properties set before the element upgraded are restored only now, after
    // connectedCallback read nothing.
    if (!this.hasUpdated) this.form = standToForm(this.stand);
  }

  protected override firstUpdated(): void {
    this.field('name')?.focus();
  }

  private field(name: FormField): HTMLElement | null {
    return this.renderRoot.querySelector<HTMLElement>(`#f-${name}`);
  }

  protected override render(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    return html`<form part="editor" novalidate @submit=${this.submit} aria-labelledby="editor-h">
      <h3 id="editor-h">${t('editTitle')}</h3>
      ${this.issues.length
        ? html`<p class="error" part="error" role="alert">${t('fixErrors', this.issues.length)}</p>`
        : nothing}
      ${FORM_FIELDS.map((f) => this.renderField(f))}
      <div class="actions">
        <button class="primary" part="button save-button" type="submit">${t('save')}</button>
        <button part="button cancel-button" type="button" @click=${this.close}>${t('cancel')}</button>
      </div>
    </form>`;
  }

  private renderField(field: FormField): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const issues = this.issues.filter((i) => i.field === field);
    const columns = (LIST_COLUMNS as Partial<Record<FormField, readonly string[]>>)[field];
    const hint =
      field === 'description'
        ? t('field.descriptionHint')
        : field === 'logo' || field === 'banner'
          ? t('field.mediaHint')
          : columns
            ? `${t('field.listHint')} ${columns.join(' | ')}`
            : '';
    const id = `f-${field}`;
    const describedBy = [hint ? `${id}-hint` : '', issues.length ? `${id}-error` : ''].filter(Boolean).join(' ');
    const onInput = (e: Event): void => {
      this.form = { ...this.form, [field]: (e.target as HTMLInputElement | HTMLTextAreaElement).value };
    };
    const invalid = issues.length ? 'true' : 'false';
    return html`<div>
      <label for=${id}>${t(`field.${field}`)}</label>
      ${columns || field === 'description'
        ? html`<textarea
            id=${id}
            class=${columns ? 'list' : ''}
            .value=${live(this.form[field])}
            @input=${onInput}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            spellcheck=${columns ? 'false' : 'true'}
          ></textarea>`
        : html`<input
            id=${id}
            .value=${live(this.form[field])}
            @input=${onInput}
            aria-invalid=${invalid}
            aria-describedby=${describedBy || nothing}
            ?required=${field === 'name'}
          />`}
      ${hint ? html`<p class="hint" id="${id}-hint">${hint}</p>` : nothing}
      ${issues.length
        ? html`<div class="field-error" id="${id}-error">
            <ul>
              ${issues.map((i) => html`<li>${i.line ? `${t('line', i.line)}: ` : ''}${i.message}</li>`)}
            </ul>
          </div>`
        : nothing}
    </div>`;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const result = formToStand(this.form);
    if (!result.ok) {
      this.issues = result.issues;
      await this.updateComplete;
      const first = result.issues[0];
      if (first) this.field(first.field)?.focus();
      return;
    }
    this.issues = [];
    // The booth closes the editor when it sees this event.
    emit(this, 'devroom-stand-update', { stand: result.stand });
  }

  private close(): void {
    this.dispatchEvent(new Event('stand-editor-close'));
  }
}

defineElement('devroom-stand-editor', DevroomStandEditor);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-stand-editor': DevroomStandEditor;
  }
}
