import { html, nothing } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/i18n.js';
import type { Stand } from './stand.js';
import type {} from './stand-events.js';
import { staffTranslations } from './stand-staff.i18n.js';
import type { StaffKey } from './stand-staff.i18n.js';
// The editor comes with the tools (one part): its Edit button is here.
import './stand-editor.js';

/**
 * What only stand staff and people with power see: the "I'm at the booth" toggle, the
 * Edit button with the editor, and the "saved" announcement. Loaded only for them, so
 * visitors never download it.
 */
export class StaffTools {
  editing = false;
  private announcement = '';
  private readonly i18n: LocaleController<StaffKey>;

  constructor(private readonly host: ReactiveElement & { readonly theme: string | undefined }) {
    this.i18n = new LocaleController(host, staffTranslations);
  }

  editButton(): TemplateResult {
    return html`<button part="button edit-button" @click=${this.edit}>${this.i18n.t('edit')}</button>`;
  }

  editor(stand: Stand | undefined): TemplateResult {
    return html`<devroom-stand-editor
      lang=${this.i18n.lang}
      theme=${this.host.theme ?? nothing}
      .stand=${stand}
      @devroom-stand-update=${() => void this.stop(true)}
      @stand-editor-close=${() => void this.stop(false)}
    ></devroom-stand-editor>`;
  }

  /** Where "saved" is announced to screen readers. */
  status(): TemplateResult {
    return html`<p class="sr-only" role="status">${this.announcement}</p>`;
  }

  /** The current staff member's own presence (never anyone else's). */
  presenceToggle(present: boolean): TemplateResult {
    return html`<div class="actions">
      <button part="button presence-toggle" aria-pressed=${present} @click=${() => emit(this.host, 'devroom-presence', { present: !present })}>
        ${this.i18n.t('iAmHere')}
      </button>
    </div>`;
  }

  private readonly edit = (): void => {
    this.editing = true;
    this.host.requestUpdate();
  };

  private async stop(saved: boolean): Promise<void> {
    this.editing = false;
    if (saved) this.announcement = this.i18n.t('saved');
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLButtonElement>('[part~="edit-button"]')?.focus();
  }
}
