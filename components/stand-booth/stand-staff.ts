import { html, nothing } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/i18n.js';
import type { Translations } from '../shared/i18n.js';
import type { Stand } from './stand.js';
import type {} from './stand-events.js';
// The editor saves the whole stand: the booth reads it again with the schedule and video readers.
import './stand-schedule.js';

/** What the booth element offers this part. */
export interface StaffHost extends ReactiveElement {
  readonly theme: string | undefined;
  /** Makes the booth's `updateComplete` wait for a part this one loads. */
  track(part: Promise<unknown>): void;
}

type StaffKey = 'edit' | 'saved' | 'iAmHere' | 'editorFailed';

const translations: Translations<StaffKey> = {
  en: { edit: 'Edit stand', saved: 'Changes sent.', iAmHere: "I'm at the booth", editorFailed: 'The editor could not be loaded. Try again.' },
  de: {
    edit: 'Stand bearbeiten',
    saved: 'Änderungen gesendet.',
    iAmHere: 'Ich bin am Stand',
    editorFailed: 'Der Editor konnte nicht geladen werden. Bitte erneut versuchen.',
  },
};


let editorLoad: Promise<unknown> | undefined;
/** The editor element's module, on the first edit (again after a failure). */
const loadEditor = () =>
  (editorLoad ??= import('./stand-editor.js').catch((err: unknown) => {
    editorLoad = undefined;
    console.error('devroom-stand-booth: could not load the editor', err);
  }));

/**
 * What only stand staff and people with power see: the "I'm at the booth" toggle, the
 * Edit button with the editor, and the "saved" announcement. Loaded only for them (the
 * booth's update waits for it then), so visitors never download it.
 */
export class StaffTools {
  editing = false;
  private announcement = '';
  /** The last Edit could not load the editor. */
  private failed = false;
  private readonly i18n: LocaleController<StaffKey>;

  constructor(private readonly host: StaffHost) {
    this.i18n = new LocaleController(host, translations);
  }

  editButton(): TemplateResult {
    return html`<button part="button edit-button" @click=${this.edit}>${this.i18n.t('edit')}</button>
      ${this.failed ? html`<span class="error" part="error" role="alert">${this.i18n.t('editorFailed')}</span>` : nothing}`;
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
    this.failed = false;
    this.host.track(
      loadEditor().then((editor) => {
        // Could not load: back to the stand and its Edit button, saying so. Editing on would
        // show an empty editor in place of the stand, with no way out (its Cancel never came).
        if (editor || !this.editing) return;
        this.failed = true;
        void this.stop(false);
      }),
    );
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
