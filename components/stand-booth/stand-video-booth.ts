import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveElement, TemplateResult } from 'lit';
import { LocaleController } from '../shared/i18n.js';
import { LazyPart } from '../shared/lazy-part.js';
import type * as SessionModule from '../jitsi/jitsi-session.js';
import type { JitsiLeaveReason, JitsiSessionController } from '../jitsi/jitsi-session.js';
import type { StandBoothKey } from './stand-booth.i18n.js';
import { videoBoothTranslations } from './stand-video-booth.i18n.js';
import type { VideoBoothKey } from './stand-video-booth.i18n.js';
import type { JitsiRoom } from './stand.js';
import { errorMessage } from '../shared/error-message.js';

/** What the booth element offers the video booth part. */
export interface VideoBoothHost extends ReactiveElement {
  jitsiScriptUrl: string | undefined;
  displayName: string | undefined;
}

/**
 * The stand's video booth once someone presses Join: the call UI and the Jitsi session.
 * Loaded on the first join (most visitors never join), so the booth's first load only
 * carries the Join button (and the call's styles).
 */
export class VideoBooth implements ReactiveController {
  /** Whether the call is showing (loading, joining, joined or failed). */
  open = false;
  /** The last call's end, shown next to the Join button. */
  notice: string | undefined;
  /** The Jitsi session, once its code is here. */
  private jitsi: JitsiSessionController | undefined;
  /** Why the session code could not load (Retry loads it again). */
  private loadError: string | undefined;
  /**
   * The session code, import()ed on the first join (the talk player loads it on demand too:
   * a static import here would share its failures, see components/shared/lazy-part.ts).
   */
  private readonly code: LazyPart<typeof SessionModule>;
  /** Strings only the open call shows (the Join button's are the booth's). */
  private readonly own: LocaleController<VideoBoothKey>;

  constructor(
    private readonly host: VideoBoothHost,
    private readonly i18n: LocaleController<StandBoothKey>,
  ) {
    host.addController(this);
    this.own = new LocaleController(host, videoBoothTranslations);
    this.code = new LazyPart(host, 'the Jitsi session', () => import('../jitsi/jitsi-session.js'), {
      failed: (err) => (this.loadError = errorMessage(err)),
    });
  }

  hostConnected(): void {}

  /** The Jitsi controller disposes the call itself; show the page again on reconnect. */
  hostDisconnected(): void {
    this.open = false;
  }

  private get status(): 'loading' | 'joining' | 'joined' | 'failed' {
    const status = this.jitsi?.status ?? (this.loadError ? 'failed' : 'idle');
    return status === 'idle' ? 'loading' : status;
  }

  /** The session controller, once its code is here (a failure is shown with Retry). */
  private async session(): Promise<JitsiSessionController | undefined> {
    if (!this.jitsi) {
      try {
        const { JitsiSessionController } = await this.code.get();
        this.jitsi ??= new JitsiSessionController(this.host, {
          onLeft: (reason, error) => void this.ended(reason, error),
          // Screen readers need a name for the call's frame; Jitsi does not always give one.
          onIframe: (iframe) => {
            if (!iframe.title) iframe.title = this.i18n.t('joinVideo');
          },
        });
      } catch {
        // Shown by render() (loadError, set when the load failed).
      }
    }
    return this.jitsi;
  }

  /** Opens (or retries) the call. */
  async join(room: JitsiRoom): Promise<void> {
    this.notice = this.loadError = undefined;
    this.open = true;
    this.host.requestUpdate();
    const jitsi = await this.session();
    await this.host.updateComplete;
    const parent = this.host.renderRoot.querySelector<HTMLElement>('.jitsi-frame');
    if (!jitsi || !parent || !this.open) return;
    const { jitsiScriptUrl, displayName } = this.host;
    await jitsi.join(parent, {
      domain: room.domain,
      room: room.room,
      ...(jitsiScriptUrl ? { scriptUrl: jitsiScriptUrl } : {}),
      ...(displayName ? { displayName } : {}),
      lang: this.i18n.lang,
    });
  }

  /** The open call's UI (the host renders the Join button while closed). */
  render(room: JitsiRoom): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const own = this.own.t.bind(this.own);
    const status = this.status;
    const error = this.jitsi?.error ?? this.loadError;
    return html`<div class="video-booth" part="video-booth">
      <div class="actions">
        ${status === 'failed'
          ? html`<button class="primary" part="button retry-button" @click=${() => this.join(room)}>${own('retry')}</button>`
          : nothing}
        <button part="button leave-button" @click=${this.leave}>${own('leaveVideo')}</button>
      </div>
      ${status === 'failed'
        ? html`<p class="error" part="error" role="alert">${t('videoBoothFailed')}${error ? ` (${error})` : ''}</p>`
        : status !== 'joined'
          ? html`<p class="muted" role="status">${t('videoBoothLoading')}</p>`
          : nothing}
      <div class="jitsi-frame" part="jitsi" ?hidden=${status === 'failed'}></div>
    </div>`;
  }

  private readonly leave = (): void => {
    this.jitsi?.leave();
    void this.ended('left');
  };

  /** Back to the booth page: after hang-up inside Jitsi, readyToClose, a fatal error, or our Leave button. */
  private async ended(reason: JitsiLeaveReason, error?: string): Promise<void> {
    this.open = false;
    const own = this.own.t.bind(this.own);
    this.notice = reason === 'error' ? own('videoBoothError', error ?? '') : own('videoBoothEnded');
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part~="join-button"]')?.focus();
  }
}
