import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { themeTokens } from '../shared/theme.js';
import { LocaleController } from '../shared/i18n.js';
import { safeUrl } from '../shared/safe-url.js';
import { styles } from './room-status.styles.js';
import { translations, type RoomStatusKey } from './room-status.i18n.js';

export type RoomStatusState =
  | 'connecting'
  | 'live'
  | 'retrying'
  | 'offline'
  | 'not-found'
  | 'not-world-readable'
  | 'guest-disabled'
  /** The element's `homeserver` and `room` attributes do not name a room (or it is no devroom element). */
  | 'invalid-attributes'
  /** The element's own code could not load (a reload may help). */
  | 'load-failed'
  | 'failed';

const ERRORS: Partial<Record<RoomStatusState, RoomStatusKey>> = {
  'not-found': 'notFound',
  'not-world-readable': 'notWorldReadable',
  'guest-disabled': 'guestDisabled',
  'invalid-attributes': 'invalidAttributes',
  'load-failed': 'loadFailed',
};

/**
 * @summary The connection state of a public room shown next to the element bound to it:
 * connecting, retrying (with a countdown), offline, or why the room cannot be shown.
 *
 * Nothing is shown while the room is live. Final problems are alerts and offer the
 * `room-link` (a matrix.to link) so a visitor can still reach the room.
 *
 * @csspart base - the message box
 * @csspart link - the "open in a Matrix client" link
 *
 * @tagname devroom-room-status
 */
export class DevroomRoomStatus extends LitElement {
  static override styles = [themeTokens, styles];

  @property({ reflect: true }) state: RoomStatusState = 'connecting';
  /** When `retrying`: the next attempt (epoch ms); a countdown is shown. */
  @property({ type: Number, attribute: 'retry-at' }) retryAt = 0;
  /** For `failed`: what went wrong, short. */
  @property() detail = '';
  /** Where the room can be opened (https only). */
  @property({ attribute: 'room-link' }) roomLink?: string;

  @state() private now = Date.now();
  private timer?: ReturnType<typeof setInterval>;
  private readonly i18n = new LocaleController<RoomStatusKey>(this, translations);

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.tick(false);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('state') || changed.has('retryAt')) {
      this.now = Date.now();
      this.tick(this.state === 'retrying');
    }
    this.setAttribute('kind', ERRORS[this.state] || this.state === 'failed' ? 'error' : 'info');
  }

  private tick(on: boolean): void {
    if (on && !this.timer) this.timer = setInterval(() => (this.now = Date.now()), 1000);
    if (!on && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  private message(): string {
    const t = this.i18n.t.bind(this.i18n);
    const error = ERRORS[this.state];
    if (error) return t(error);
    switch (this.state) {
      case 'retrying': {
        const seconds = Math.ceil((this.retryAt - this.now) / 1000);
        return seconds > 0 ? t('retrying', seconds) : t('retryingNow');
      }
      case 'offline':
        return t('offline');
      case 'failed':
        return t('failed', this.detail || '?');
      default:
        return t('connecting');
    }
  }

  protected override render(): TemplateResult | typeof nothing {
    if (this.state === 'live') return nothing;
    const final = this.state === 'failed' || ERRORS[this.state] !== undefined;
    const link = final ? safeUrl(this.roomLink, { absolute: true }) : undefined;
    // Final problems interrupt (alert); progress is announced politely (status).
    return html`<div part="base" class="base" role=${final ? 'alert' : 'status'}>
      <p>${this.message()}</p>
      ${link ? html`<p><a part="link" href=${link} target="_blank" rel="noopener noreferrer">${this.i18n.t('openInMatrix')}</a></p>` : nothing}
    </div>`;
  }
}
