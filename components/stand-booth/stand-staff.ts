import { html, nothing } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/i18n.js';
import type { Translations } from '../shared/i18n.js';
import type { Stand } from './stand.js';
import type { parseStand } from './stand-errors.js';
import type {} from './stand-events.js';
// The schedule and video readers (stand-schedule.ts) the editor's strict parse needs: the
// booth loads them with this part (its editor saves the whole stand).

/** What the booth element offers this part. */
export interface StaffHost extends ReactiveElement {
  readonly theme: string | undefined;
  /** Makes the booth's `updateComplete` wait for a part this one loads. */
  track(part: Promise<unknown>): void;
}

type StaffKey = 'edit' | 'saved' | 'iAmHere' | 'editorFailed' | 'editorReload' | 'reload';

const translations: Translations<StaffKey> = {
  en: {
    edit: 'Edit stand',
    saved: 'Changes sent.',
    iAmHere: "I'm at the booth",
    editorFailed: 'The editor could not be loaded. Try again.',
    editorReload: 'The editor still could not be loaded. Reload the page to load it again.',
    reload: 'Reload',
  },
  de: {
    edit: 'Stand bearbeiten',
    saved: 'Änderungen gesendet.',
    iAmHere: 'Ich bin am Stand',
    editorFailed: 'Der Editor konnte nicht geladen werden. Bitte erneut versuchen.',
    editorReload: 'Der Editor konnte wieder nicht geladen werden. Laden Sie die Seite neu, um ihn erneut zu laden.',
    reload: 'Neu laden',
  },
};

/** Reloads the page (the widget's frame); a seam for tests, which must not reload. */
export const page = { reload: (): void => location.reload() };

/** stand-errors.ts's strict parser, loaded with the editor and handed to it (see formToStand). */
let parse: typeof parseStand | undefined;
let editorLoad: Promise<unknown> | undefined;
/**
 * The editor element's module and the stand parser, on the first edit (again after a
 * failure). Both are import()ed here rather than the editor importing the parser: the booth
 * also loads stand-errors.ts on demand, and a static import of a module whose fetch failed
 * once fails for good, while an import() is retried on a fresh URL.
 */
const loadEditor = () =>
  (editorLoad ??= Promise.all([import('./stand-editor.js'), import('./stand-errors.js')]).then(
    ([, errors]) => (parse = errors.parseStand),
    (err: unknown) => {
      editorLoad = undefined;
      console.error('devroom-stand-booth: could not load the editor', err);
    },
  ));

/**
 * What only stand staff and people with power see: the "I'm at the booth" toggle, the
 * Edit button with the editor, and the "saved" announcement. Loaded only for them (the
 * booth's update waits for it then), so visitors never download it.
 */
export class StaffTools {
  editing = false;
  private announcement = '';
  /** Edits in a row that could not load the editor. */
  private failed = 0;
  private readonly i18n: LocaleController<StaffKey>;

  constructor(private readonly host: StaffHost) {
    this.i18n = new LocaleController(host, translations);
  }

  editButton(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    // Failing again, the editor may need a module whose fetch failed once: that one stays
    // failed in the page's module map (no retry can load it), only a reload does.
    return html`<button part="button edit-button" @click=${this.edit}>${t('edit')}</button>
      ${this.failed
        ? html`<span class="error" part="error" role="alert">${t(this.failed > 1 ? 'editorReload' : 'editorFailed')}</span>`
        : nothing}
      ${this.failed > 1 ? html`<button part="button reload-button" @click=${() => page.reload()}>${t('reload')}</button>` : nothing}`;
  }

  editor(stand: Stand | undefined): TemplateResult | typeof nothing {
    // Created once its parser is here too: an editor whose module came first could not check a Save yet.
    if (!parse) return nothing;
    return html`<devroom-stand-editor
      lang=${this.i18n.lang}
      theme=${this.host.theme ?? nothing}
      .stand=${stand}
      .parse=${parse}
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
    this.host.track(
      loadEditor().then((editor) => {
        if (editor) {
          this.failed = 0;
          this.host.requestUpdate();
        }
        // Could not load: back to the stand and its Edit button, saying so. Editing on would
        // show an empty editor in place of the stand, with no way out (its Cancel never came).
        if (editor || !this.editing) return;
        this.failed++;
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
