import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { live } from 'lit/directives/live.js';
import { themeTokens } from '../shared/theme.js';
import { LocaleController } from '../shared/i18n.js';
import { emit } from '../shared/events.js';
import { defineElement } from '../shared/define.js';
import { controlStyles } from '../shared/controls.styles.js';
import { personLabel, personOf, personStyles } from '../shared/person-label.js';
import type { PersonNames } from '../shared/person-name.js';
import { formStyles, standStyles } from './stand-booth.styles.js';
import { contactTranslations } from './stand-contact.i18n.js';
import type { StandContactKey } from './stand-contact.i18n.js';
import { CONTACT_LIMITS, newLocalId, validateContactDraft } from './contact.js';
import type { ContactDraftIssues, IncomingContactRequest, OwnContactRequest } from './contact.js';
import type { ContactRequestDetail } from './stand-events.js';

/**
 * The "leave your contact" form, the visitor's own requests and (for staff) the list of
 * incoming requests. Internal part of <devroom-stand-booth>, loaded only when the booth
 * is interactive, so read-only booths never download it. Its request events bubble and
 * are composed, so they reach the page through the booth.
 *
 * @summary Internal: contact requests of a stand booth.
 *
 * @tagname devroom-stand-contact
 */
export class DevroomStandContact extends LitElement {
  static override styles = [themeTokens, controlStyles, standStyles, formStyles, personStyles];

  @property({ attribute: false }) ownRequests: readonly OwnContactRequest[] = [];
  @property({ attribute: false }) contactRequests: readonly IncomingContactRequest[] = [];
  /** People's names (the booth's `names`): the sender's display name, their id on demand. */
  @property({ attribute: false }) names: PersonNames | undefined;
  @property({ type: Boolean, attribute: 'can-manage' }) canManage = false;
  @property({ attribute: 'time-zone' }) timeZone: string | undefined;
  @property({ reflect: true }) theme: string | undefined;

  private readonly i18n = new LocaleController<StandContactKey>(this, contactTranslations);

  @state() private draftMessage = '';
  @state() private draftContact = '';
  @state() private draftIssues: ContactDraftIssues = {};
  @state() private announcement = '';
  /** Requests sent from here that the binding has not reported yet. */
  @state() private localRequests: OwnContactRequest[] = [];
  /** Failed requests the visitor retried: shown as pending until the binding reports again. */
  @state() private retrying = new Set<string>();
  /** Each own request's status as last shown: a change is announced ("being sent" is followed by "sent"). */
  #shown = new Map<string, OwnContactRequest['status']>();

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('ownRequests')) {
      const known = new Set(this.ownRequests.map((r) => r.localId));
      this.localRequests = this.localRequests.filter((r) => !known.has(r.localId));
      if (this.retrying.size) this.retrying = new Set();
    }
    for (const r of this.visibleOwnRequests) {
      const before = this.#shown.get(r.localId);
      if (before !== undefined && before !== r.status) this.announcement = this.statusText(r);
      this.#shown.set(r.localId, r.status);
    }
  }

  private statusText(r: OwnContactRequest): string {
    return `${this.i18n.t(`status.${r.status}`)}${r.status === 'failed' && r.error ? `: ${r.error}` : ''}`;
  }

  private get visibleOwnRequests(): OwnContactRequest[] {
    return [...this.ownRequests, ...this.localRequests].map((r) =>
      this.retrying.has(r.localId) ? { ...r, status: 'pending' as const } : r,
    );
  }

  protected override render(): TemplateResult {
    return html`${this.renderForm()} ${this.renderOwn()} ${this.canManage ? this.renderIncoming() : nothing}
      <p class="sr-only" role="status">${this.announcement}</p>`;
  }

  private renderForm(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const issues = this.draftIssues;
    const messageError =
      issues.message === 'required'
        ? t('messageRequired')
        : issues.message === 'too-long'
          ? t('tooLong', CONTACT_LIMITS.message)
          : '';
    const contactError = issues.contact ? t('tooLong', CONTACT_LIMITS.contact) : '';
    return html`<form part="contact-form" novalidate @submit=${this.submit} aria-labelledby="contact-h">
      <h4 id="contact-h" class="sr-only">${t('leaveContact')}</h4>
      <div>
        <label for="message">${t('message')}</label>
        <textarea
          id="message"
          .value=${live(this.draftMessage)}
          @input=${(e: Event) => (this.draftMessage = (e.target as HTMLTextAreaElement).value)}
          aria-invalid=${messageError ? 'true' : 'false'}
          aria-describedby="message-hint message-error"
          required
        ></textarea>
        <p class="hint" id="message-hint">${t('messageHint', CONTACT_LIMITS.message)}</p>
        <p class="field-error" id="message-error">${messageError}</p>
      </div>
      <div>
        <label for="contact">${t('contactField')}</label>
        <input
          id="contact"
          autocomplete="email"
          .value=${live(this.draftContact)}
          @input=${(e: Event) => (this.draftContact = (e.target as HTMLInputElement).value)}
          aria-invalid=${contactError ? 'true' : 'false'}
          aria-describedby="contact-hint contact-error"
        />
        <p class="hint" id="contact-hint">${t('contactHint', CONTACT_LIMITS.contact)}</p>
        <p class="field-error" id="contact-error">${contactError}</p>
      </div>
      <div class="actions">
        <button class="primary" part="button send-button" type="submit">${t('leaveContact')}</button>
      </div>
    </form>`;
  }

  private renderOwn(): TemplateResult | typeof nothing {
    const own = this.visibleOwnRequests;
    if (!own.length) return nothing;
    const t = this.i18n.t.bind(this.i18n);
    return html`<div part="own-requests">
      <h4>${t('yourRequests')}</h4>
      <ul class="plain" aria-live="polite">
        ${repeat(
          own,
          (r) => r.localId,
          (r) => html`<li class="request ${r.status}">
            <p>${r.message}</p>
            <span class="status ${r.status}">${this.statusText(r)}</span>
            ${r.status === 'failed'
              ? html` <button part="button retry-button" @click=${() => this.retry(r)}>${t('retry')}</button>`
              : nothing}
          </li>`,
        )}
      </ul>
    </div>`;
  }

  private async submit(e: Event): Promise<void> {
    e.preventDefault();
    const issues = validateContactDraft(this.draftMessage, this.draftContact);
    this.draftIssues = issues;
    if (issues.message || issues.contact) {
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>(issues.message ? '#message' : '#contact')?.focus();
      return;
    }
    const detail: ContactRequestDetail = { localId: newLocalId(), message: this.draftMessage.trim() };
    const contact = this.draftContact.trim();
    if (contact) detail.contact = contact;
    this.localRequests = [...this.localRequests, { ...detail, status: 'pending', createdAt: Date.now() }];
    this.draftMessage = '';
    this.draftContact = '';
    this.announcement = this.i18n.t('requestQueued');
    emit(this, 'devroom-contact-request', detail);
  }

  private retry(request: OwnContactRequest): void {
    this.retrying = new Set([...this.retrying, request.localId]);
    const detail: ContactRequestDetail = { localId: request.localId, message: request.message };
    if (request.contact) detail.contact = request.contact;
    emit(this, 'devroom-contact-request', detail);
  }

  private renderIncoming(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    // Open requests first, newest first within each group.
    const sorted = [...this.contactRequests].sort(
      (a, b) => Number(a.status === 'answered') - Number(b.status === 'answered') || b.createdAt - a.createdAt,
    );
    const when = new Intl.DateTimeFormat(this.i18n.locale, {
      dateStyle: 'short',
      timeStyle: 'short',
      ...(this.timeZone ? { timeZone: this.timeZone } : {}),
    });
    // "From <name>": the words around the name, which renders with its id on demand.
    const [fromBefore, fromAfter] = t('from', '\u0000').split('\u0000');
    return html`<section part="incoming-requests" aria-labelledby="incoming-h">
      <h3 id="incoming-h">${t('incoming')}</h3>
      ${sorted.length
        ? html`<ul class="plain" aria-live="polite">
            ${repeat(
              sorted,
              (r) => r.id,
              (r) => html`<li class="request ${r.status}">
                <p>
                  <strong>${fromBefore}${personLabel(personOf(this.names, r.sender, r.senderName))}${fromAfter}</strong> ·
                  ${when.format(r.createdAt)}
                </p>
                <p>${r.message}</p>
                ${r.contact ? html`<p>${t('contactVia', r.contact)}</p>` : nothing}
                <div class="actions">
                  <span class="badge ${r.status === 'answered' ? 'present' : ''}"
                    >${r.status === 'answered' ? t('answered') : t('open')}</span
                  >
                  <button
                    part="button status-button"
                    @click=${() =>
                      emit(this, 'devroom-contact-status', {
                        requestId: r.id,
                        status: r.status === 'answered' ? 'open' : 'answered',
                      })}
                  >
                    ${r.status === 'answered' ? t('reopen') : t('markAnswered')}
                  </button>
                </div>
              </li>`,
            )}
          </ul>`
        : html`<p class="muted">${t('noIncoming')}</p>`}
    </section>`;
  }
}

defineElement('devroom-stand-contact', DevroomStandContact);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-stand-contact': DevroomStandContact;
  }
}
