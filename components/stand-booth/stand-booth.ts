import { LitElement, html, nothing } from 'lit';
import type { PersonName, PersonNames } from '../shared/person-name.js';
import { personLabel, personOf, personStyles } from '../shared/person-label.js';
import type { PropertyValues, ReactiveElement, TemplateResult } from 'lit';
import { themeTokens } from '../shared/theme.js';
import { controlStyles } from '../shared/controls.styles.js';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import { LazyPart, partsSettled } from '../shared/lazy-part.js';
import { checkUrl, safeUrl } from '../shared/safe-url.js';
import { boothStyles, standStyles } from './stand-booth.styles.js';
import { translations } from './stand-booth.i18n.js';
import type { StandBoothKey } from './stand-booth.i18n.js';
import { checkStand } from './stand.js';
import type { Stand, JitsiRoom } from './stand.js';
import { issuesText } from './stand-errors.js';
import type * as DescriptionModule from './description.js';
import type { ScheduleVideo } from './stand-schedule-video.js';
import type { StaffTools } from './stand-staff.js';
import type { IncomingContactRequest, OwnContactRequest } from './contact.js';
import type {} from './stand-events.js';
import type { VideoBooth } from './stand-video-booth.js';
import { errorMessage } from '../shared/error-message.js';

/** Dictionaries beyond English load on demand; the first render in that language waits for them. */
const LOCALES: Record<string, () => Promise<Partial<Record<StandBoothKey, unknown>>>> = {
  de: () => import('./stand-booth.de.js').then((m) => m.de),
};

/**
 * Anything markdown.ts would treat as formatting (inline markers, list lines). Descriptions
 * without it render as plain paragraphs here, exactly as markdown.ts would, so the
 * renderer (description.ts) loads only when a description needs it.
 */
const FORMATTED = /[\\`*_[<]|^\s{0,3}(?:[-*+]|\d{1,9}[.)])\s/m;

/** Reloads the page (the widget's frame); a seam for tests, which must not reload. */
export const page = { reload: (): void => location.reload() };

/** A link's or a slot's kind, unless its own words already say it ("Website Website"). */
export const kindLabel = (kind: string, words: string): TemplateResult | typeof nothing =>
  kind.trim().toLowerCase() === words.trim().toLowerCase() ? nothing : html`<span class="kind">${kind}</span>`;

/** A titled list section (links, downloads, social); nothing without entries. */
function section(part: string, title: string, items: TemplateResult[]): TemplateResult | typeof nothing {
  return items.length
    ? html`<section part=${part} aria-labelledby="${part}-h">
        <h3 id="${part}-h">${title}</h3>
        <ul class="plain">${items}</ul>
      </section>`
    : nothing;
}

/** Paragraphs split on blank lines, lines joined with a space (markdown.ts without markup). */
function plainParagraphs(source: string): TemplateResult[] {
  return source
    .replace(/\r\n?/g, '\n')
    .split(/\n\s*\n/)
    .map((p) => p.split('\n').map((line) => line.trim()).filter(Boolean).join(' '))
    .filter(Boolean)
    .map((text) => html`<p>${text}</p>`);
}

/**
 * A project's stand: who they are, links and downloads, a booth schedule, who is at the
 * booth, a video booth and a way to leave a contact.
 *
 * @summary A conference stand (booth) page with staff presence, video booth and contact requests.
 *
 * @event devroom-presence - The current user (a staff member) toggled "at the booth". Detail `{present}`; only ever about the current user.
 * @event devroom-contact-request - A visitor sent (or retried) a contact request. Detail `{localId, message, contact?}`.
 * @event devroom-contact-status - Staff marked a contact request. Detail `{requestId, status: 'open'|'answered'}`.
 * @event devroom-stand-update - Staff saved a valid stand config. Detail `{stand}`.
 *
 * @slot - Extra content shown under the description.
 * @slot name - Replaces the stand name.
 * @slot tagline - Replaces the tagline.
 * @slot logo - Replaces the logo.
 * @slot description - Replaces the description.
 *
 * @csspart base - The whole booth.
 * @csspart banner - The banner image.
 * @csspart header - Logo, name, tagline and the edit button.
 * @csspart logo - The logo image (or placeholder).
 * @csspart name - The stand name heading.
 * @csspart tagline - The tagline.
 * @csspart description - The description.
 * @csspart links - The links list.
 * @csspart downloads - The downloads list.
 * @csspart social - The social links list.
 * @csspart schedule - The booth schedule list.
 * @csspart video - The featured video section.
 * @csspart people - The staff section.
 * @csspart presence-toggle - The current staff member's "I'm at the booth" toggle.
 * @csspart video-booth - The video booth section.
 * @csspart contact-form - The "leave your contact" form.
 * @csspart room-link - "Write to us in the room" link on read-only pages (`room-link`).
 * @csspart own-requests - The visitor's own requests.
 * @csspart incoming-requests - The staff list of contact requests.
 * @csspart editor - The stand editor form.
 * @csspart error - Error messages.
 * @csspart button - Every button.
 *
 * @cssproperty --devroom-color-accent - Accent colour (see shared theme tokens for all).
 *
 * @tagname devroom-stand-booth
 */
export class DevroomStandBooth extends LitElement {
  static override styles = [themeTokens, controlStyles, standStyles, boothStyles, personStyles];

  // Declared here rather than with decorators: the widget page's first load then needs no
  // decorator code (-0.38 KB gz). Internal state is `attribute: false` (as @state() does;
  // `state: true` would show up as attributes in custom-elements.json).
  static override properties = {
    stand: { attribute: false },
    src: {},
    currentUser: { attribute: 'current-user' },
    presence: { attribute: false },
    interactive: { type: Boolean, reflect: true },
    roomLink: { attribute: 'room-link' },
    canManage: { type: Boolean, attribute: 'can-manage' },
    canEdit: { type: Boolean, attribute: 'can-edit' },
    ownRequests: { attribute: false },
    contactRequests: { attribute: false },
    names: { attribute: false },
    resolveMedia: { attribute: false },
    timeZone: { attribute: 'time-zone' },
    jitsiDomain: { attribute: 'jitsi-domain' },
    jitsiScriptUrl: { attribute: 'jitsi-script-url' },
    displayName: { attribute: 'display-name' },
    theme: { reflect: true },
    notice: { attribute: false },
    current: { attribute: false },
    error: { attribute: false },
    loading: { type: Boolean },
    videoNotice: { attribute: false },
    boothLoading: { attribute: false },
  };

  /**
   * Stand config (the `dev.devroom.stand` state content). Validated here (leniently:
   * bad items are dropped); when invalid, an error shows and the last good stand stays.
   */
  stand: unknown = undefined;

  /** URL of stand JSON for plain pages. Fetched with abort; invalid JSON keeps the last good stand. */
  src: string | undefined;

  /** Matrix user id of the viewer; a staff member whose id this is gets the presence toggle. */
  currentUser: string | undefined;

  /** User ids currently at the booth (only staff of this stand are shown). */
  presence: ReadonlySet<string> | readonly string[] = [];

  /** Whether something answers the request events. Off: contact, presence toggle and editing are hidden. */
  interactive = false;

  /** Read-only pages: where visitors can reach the stand instead (e.g. a matrix.to link), shown when not interactive. */
  roomLink: string | undefined;

  /** Shows the staff view of contact requests. */
  canManage = false;

  /** Shows the stand editor (for people with power to write the stand). */
  canEdit = false;

  /** The visitor's own contact requests, with status, as the binding reports them. */
  ownRequests: readonly OwnContactRequest[] = [];

  /** Contact requests for staff (`canManage`). */
  contactRequests: readonly IncomingContactRequest[] = [];

  /** People's names as the room knows them (a binding's); without it, `senderName` beside the id. */
  names: PersonNames | undefined;

  /**
   * Turns `mxc://` media URLs into displayable ones (http(s) or `blob:`); the widget binding
   * uses the client's media. Return undefined while not available and assign a new function
   * when it is (that re-renders). Without it mxc media shows as missing.
   */
  resolveMedia: ((url: string) => string | undefined) | undefined;

  /** IANA time zone for the schedule; defaults to the viewer's. */
  timeZone: string | undefined;

  /**
   * The video booth's Jitsi server, from the page's own settings (a widget: its URL). The
   * stand names the meeting room; the stand's own server is used only with a
   * `jitsi-script-url` and no `jitsi-domain`, and without either there is no video booth:
   * the script that server sent would run in this page (docs/security.md).
   */
  jitsiDomain: string | undefined;

  /**
   * Jitsi IFrame API script (https or this page's origin); default
   * `https://<jitsi-domain>/external_api.js`. From the page's own settings, never from content.
   */
  jitsiScriptUrl: string | undefined;

  /** Name shown to others in the video booth (a widget passes the Matrix display name). */
  displayName: string | undefined;

  /** Light/dark override (`light` | `dark`); otherwise prefers-color-scheme. */
  theme: string | undefined;

  /** A message from whoever binds the booth (e.g. the room refused a save), shown as an alert. */
  notice: string | undefined;

  readonly #i18n = new LocaleController<StandBoothKey>(this, translations);

  /**
   * The stand is on its way (a `src` fetch; a widget reading the room): "Loading the stand…"
   * shows until it is here, and "not set up yet" only once it is known that there is none.
   */
  loading = false;

  private current: Stand | undefined;
  private error: string | undefined;
  private videoNotice: string | undefined;
  private boothLoading = false;
  #parsedDescription?: { source: string; rich: boolean; blocks: TemplateResult[] };

  // The parts loaded on demand (components/shared/lazy-part.ts): each when the stand shown
  // needs it, so the first load carries only what every visitor sees.
  /** The renderer of descriptions with formatting (plain ones need none). */
  readonly #description = new LazyPart<typeof DescriptionModule>(this, 'the description renderer', () => import('./description.js'));
  /** Schedule and featured video: many stands have neither. */
  #scheduleVideo?: ScheduleVideo;
  readonly #scheduleVideoPart = new LazyPart(this, 'the schedule and video', () => import('./stand-schedule-video.js'), {
    loaded: (m) => (this.#scheduleVideo = new m.ScheduleVideo(this)),
  });
  /** Presence toggle and the editor: only for staff and people with power. */
  #staff?: StaffTools;
  readonly #staffPart = new LazyPart(this, 'the staff tools', () => import('./stand-staff.js'), {
    loaded: (m) => (this.#staff = new m.StaffTools(this)),
  });
  /** The contact form, a custom element: it upgrades in place when its module arrives. */
  readonly #contact = new LazyPart(this, 'the contact form', () => import('./stand-contact.js'));
  /** The call UI, on the first Join (it loads the Jitsi session code itself). */
  #booth?: VideoBooth;
  readonly #boothPart = new LazyPart(this, 'the video booth', () => import('./stand-video-booth.js'), {
    loaded: (m) => (this.#booth = new m.VideoBooth(this, this.#i18n)),
    failed: (err) => (this.#boothError = errorMessage(err)),
  });
  #boothError = '';
  /** Joins in a row whose video booth part could not load. */
  #boothFailed = 0;
  #fetchAbort?: AbortController;
  /** A src load was interrupted by disconnecting: redo it on reconnect. */
  #reloadOnConnect = false;

  /** The stand as shown (validated), if any. */
  get currentStand(): Stand | undefined {
    return this.current;
  }

  /** Whether the current user is on this stand's staff list. */
  get isStaff(): boolean {
    return Boolean(this.currentUser && this.current?.staff.some((m) => m.userId === this.currentUser));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#reloadOnConnect = this.loading;
    this.#fetchAbort?.abort();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Reconnected after a move: fetch again if disconnecting aborted a load.
    if (this.#reloadOnConnect && this.src) void this.#load(this.src);
    this.#reloadOnConnect = false;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('stand') && this.stand !== undefined) this.#accept(this.stand, 'property');
    if (changed.has('src')) {
      if (this.src) void this.#load(this.src);
      else this.#fetchAbort?.abort();
    }
    // Staff and editors need their tools for an empty booth too: that is where they set it up.
    if (this.interactive && (this.canEdit || this.isStaff)) this.#staffPart.want();
    const stand = this.current;
    if (!stand) return;
    if (stand.description && FORMATTED.test(stand.description)) this.#description.want();
    if (stand.schedule.length || stand.video) this.#scheduleVideoPart.want();
    if (this.interactive) this.#contact.want();
  }

  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.#i18n.lang, translations, LOCALES, 'devroom-stand-booth');
    super.scheduleUpdate();
  }

  #accept(value: unknown, from: 'property' | 'src'): void {
    const result = value === null ? undefined : checkStand(value);
    if (result?.ok === false) {
      this.error = this.#i18n.t(from === 'src' ? 'invalidSrc' : 'invalidStand', issuesText(result.errors));
      return;
    }
    if (result?.dropped.length) console.warn('devroom-stand-booth: ignored invalid stand entries:', issuesText(result.dropped));
    this.current = result?.stand;
    this.error = undefined;
  }

  async #load(src: string): Promise<void> {
    this.#fetchAbort?.abort();
    const abort = new AbortController();
    this.#fetchAbort = abort;
    this.loading = true;
    try {
      // The rule every element's src follows: http(s), relative to the page.
      const checked = checkUrl(src);
      if (!checked.ok) throw new Error(checked.reason);
      const response = await fetch(checked.url, { signal: abort.signal, credentials: 'same-origin' });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      let json: unknown;
      try {
        json = JSON.parse(await response.text());
      } catch {
        throw new Error('not valid JSON');
      }
      if (!abort.signal.aborted) this.#accept(json, 'src');
    } catch (err) {
      if (abort.signal.aborted) return;
      this.error = this.#i18n.t('invalidSrc', errorMessage(err));
    } finally {
      if (this.#fetchAbort === abort) this.loading = false;
    }
  }

  #media(url: string | undefined): string | undefined {
    if (!url?.startsWith('mxc:')) return url;
    const resolved = this.resolveMedia?.(url);
    if (!resolved) return undefined;
    // Authenticated media arrives as a download the binding turns into a blob: URL; anything
    // else the resolver returns must still be a web URL (never javascript:/data:).
    return resolved.startsWith('blob:') ? resolved : safeUrl(resolved, { absolute: true });
  }

  // ---------------------------------------------------------------- rendering

  protected override render(): TemplateResult {
    const stand = this.current;
    const { lang } = this.#i18n;
    const t = this.#i18n.t.bind(this.#i18n);
    const banner = this.#media(stand?.banner);
    const logo = this.#media(stand?.logo);
    // No stand yet (loading): no empty heading. A plain page's slotted name may come later (slotchange).
    const named = stand || this.querySelector(':scope > [slot="name"]');
    return html`
      <article part="base" aria-label=${stand?.name ?? t('booth')} lang=${lang}>
        ${banner ? html`<img class="banner" part="banner" src=${banner} alt="" />` : nothing}
        <div class="content">
          <header part="header">
            <slot name="logo">
              ${logo
                ? html`<img class="logo" part="logo" src=${logo} alt="" />`
                : stand
                  ? html`<span class="logo missing" part="logo" aria-hidden="true">${stand.name.trim().charAt(0).toUpperCase()}</span>`
                  : nothing}
            </slot>
            <div class="titles">
              <h2 part="name" ?hidden=${!named}><slot name="name" @slotchange=${() => this.requestUpdate()}>${stand?.name}</slot></h2>
              <p class="tagline" part="tagline"><slot name="tagline">${stand?.tagline}</slot></p>
            </div>
            ${this.interactive && this.canEdit && this.#staff && !this.#staff.editing ? this.#staff.editButton() : nothing}
          </header>
          ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
          ${this.notice ? html`<p class="error" part="error notice" role="alert">${this.notice}</p>` : nothing}
          ${this.loading && !stand && !this.notice ? html`<p class="muted" role="status">${t('loading')}</p>` : nothing}
          ${this.#staff?.editing
            ? this.#staff.editor(stand)
            : html`<section class="description" part="description" aria-label=${t('about')}>
                  <slot name="description">${stand?.description ? this.#renderDescription(stand.description) : nothing}</slot>
                  <slot></slot>
                </section>
                ${stand
                  ? this.#renderDetails(stand, t)
                  : this.loading || this.error || this.children.length
                    ? nothing
                    : html`<p class="muted">${t('noStand')}</p>`}`}
          ${this.#staff?.status()}
        </div>
      </article>
    `;
  }

  /**
   * How the staff list names someone (docs/security.md, "People's names"). Bound to a room
   * (`names` set): by the room's display name and Element's rules, never by the name the stand
   * gives, which whoever wrote the stand typed and could be anyone's; without a room name (no
   * member event held yet) that name with the id always beside it, so it cannot pass as someone
   * else. A plain page's own stand (no `names`): its names, the id on demand.
   */
  #staffPerson({ userId, name }: { userId: string; name: string }): PersonName {
    const known = this.names?.(userId);
    if (known?.name !== undefined) return known;
    // Direction controls would reorder the id after it in plain text ("At the booth now: …").
    const typed = name.replace(/[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
    if (!known) return personOf(undefined, userId, typed);
    // Nothing visible, or a user id of its own: the id (as Element shows it then).
    if (!typed.trim() || /@.+:.+/.test(typed)) return known;
    return { id: userId, name: typed, withId: true, text: `${typed} (${userId})` };
  }

  /** Rendered once per description, not on every presence or clock update. */
  #renderDescription(source: string): TemplateResult[] {
    const renderer = this.#description.module;
    const rich = Boolean(renderer) && FORMATTED.test(source);
    // Again when the renderer arrived after a failed load had left formatted text plain.
    if (this.#parsedDescription?.source !== source || rich !== this.#parsedDescription.rich) {
      this.#parsedDescription = { source, rich, blocks: rich ? renderer!.renderMarkdown(source) : plainParagraphs(source) };
    }
    return this.#parsedDescription.blocks;
  }

  #renderDetails(stand: Stand, t: LocaleController<StandBoothKey>['t']): TemplateResult {
    const present = new Set(this.presence);
    const staff = stand.staff.map((m) => ({ ...m, person: this.#staffPerson(m) }));
    const here = staff.filter((m) => present.has(m.userId));
    const self = this.interactive && this.isStaff ? this.currentUser : undefined;
    const contact = this.interactive;
    const roomLink = contact ? undefined : safeUrl(this.roomLink, { absolute: true });
    // The stand names the meeting; the page, the server (see jitsiDomain).
    const domain = this.jitsiDomain ?? (this.jitsiScriptUrl ? stand.jitsi?.domain : undefined);
    const jitsi = stand.jitsi && domain ? { domain, room: stand.jitsi.room } : undefined;
    const videoNotice = this.videoNotice ?? this.#booth?.notice;
    const links = (part: 'links' | 'downloads') =>
      section(
        part,
        t(part),
        stand[part].map(
          (link) => html`<li>
            ${kindLabel(t(`link.${link.kind}`), link.label)}
            <a href=${link.url} rel="noopener noreferrer" target="_blank" ?download=${link.kind === 'download'}>${link.label}</a>
          </li>`,
        ),
      );
    return html`
      <div class="grid-2">
        ${stand.schedule.length ? this.#scheduleVideo?.schedule(stand.schedule) : nothing}
        <section part="people" aria-labelledby="people-h">
          <h3 id="people-h">${t('people')}</h3>
          <p aria-live="polite">${here.length ? t('atBoothNow', here.map((m) => m.person.text).join(', ')) : t('nobodyAtBooth')}</p>
          ${staff.length
            ? html`<ul class="plain">
                ${staff.map((m) => {
                  const on = present.has(m.userId);
                  return html`<li class="staff-member">
                    <span class="badge ${on ? 'present' : ''}">${on ? t('presentBadge') : t('awayBadge')}</span>
                    <strong>${personLabel(m.person)}</strong>
                    ${m.role ? html`<span class="role">${m.role}</span>` : nothing}
                  </li>`;
                })}
              </ul>`
            : nothing}
          ${self ? this.#staff?.presenceToggle(present.has(self)) : nothing}
        </section>
      </div>
      <div class="grid-2">
        ${links('links')} ${links('downloads')}
        ${section(
          'social',
          t('social'),
          stand.social.map((s) => html`<li><a href=${s.url} rel="me noopener noreferrer" target="_blank">${s.network}</a></li>`),
        )}
      </div>
      ${stand.video ? this.#scheduleVideo?.video(stand.video, stand.name) : nothing}
      ${jitsi || contact || roomLink
        ? html`<section part="talk" aria-labelledby="talk-h">
            <h3 id="talk-h">${t('talkToUs')}</h3>
            ${!jitsi
              ? nothing
              : this.#booth?.open
                ? this.#booth.render(jitsi)
                : // Until the first join only the Join button is here; the call UI loads with the session code.
                  html`<div class="video-booth" part="video-booth">
                    <div class="actions">
                      <button class="primary" part="button join-button" ?disabled=${this.boothLoading} @click=${() => this.#joinVideo(jitsi)}>
                        ${t('joinVideo')}
                      </button>
                      ${this.#boothFailed > 1
                        ? html`<button part="button reload-button" @click=${() => page.reload()}>${t('reload')}</button>`
                        : nothing}
                    </div>
                    ${this.boothLoading ? html`<p class="muted" role="status">${t('videoBoothLoading')}</p>` : nothing}
                    ${videoNotice ? html`<p class="muted" role="status">${videoNotice}</p>` : nothing}
                  </div>`}
            ${contact
              ? html`<devroom-stand-contact
                  lang=${this.#i18n.lang}
                  theme=${this.theme ?? nothing}
                  time-zone=${this.timeZone ?? nothing}
                  ?can-manage=${this.canManage}
                  .ownRequests=${this.ownRequests}
                  .contactRequests=${this.contactRequests}
                  .names=${this.names}
                ></devroom-stand-contact>`
              : nothing}
            ${roomLink
              ? html`<p part="room-link"><a href=${roomLink} target="_blank" rel="noopener noreferrer">${t('writeInRoom')}</a></p>`
              : nothing}
          </section>`
        : nothing}
    `;
  }

  /** Loads the video booth part on the first join, then joins. */
  async #joinVideo(room: JitsiRoom): Promise<void> {
    this.videoNotice = undefined;
    if (!this.#booth) {
      this.boothLoading = true;
      try {
        await this.#boothPart.get();
        this.#boothFailed = 0;
      } catch {
        // The Join button stays: pressing it again loads again. Failing again, the part may
        // need a module whose fetch failed once: browsers that keep failures in the module
        // map fetch that one again only on a reload (the Reload button).
        this.videoNotice =
          ++this.#boothFailed > 1 ? this.#i18n.t('videoBoothReload') : `${this.#i18n.t('videoBoothFailed')} (${this.#boothError})`;
        return;
      } finally {
        this.boothLoading = false;
      }
    }
    await this.#booth!.join(room);
  }

  /** Also waits for the parts loading and for the contact form's and editor's own renders, so callers see a settled booth. */
  protected override async getUpdateComplete(): Promise<boolean> {
    const result = await partsSettled(this, () => super.getUpdateComplete());
    const elements = this.renderRoot.querySelectorAll<ReactiveElement>('devroom-stand-contact, devroom-stand-editor');
    await Promise.all([...elements].map((p) => p.updateComplete));
    return result;
  }
}
