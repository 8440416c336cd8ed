import { LitElement, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { themeTokens } from '../shared/theme.js';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import { emit } from '../shared/events.js';
import { LazyPart, partsSettled } from '../shared/lazy-part.js';
import { controlStyles } from '../shared/controls.styles.js';
import { raisedHand, thumbsUp } from '../shared/icons.js';
import { styles } from './qa-queue.styles.js';
import { translations, type QaKey } from './qa-queue.i18n.js';
import type { PagedSection } from './qa-queue.hands-and-sections.js';
import { QaTally, type Question, type QuestionData, type TallyChange } from './tally.js';
import type { RaisedHand, StageInvite } from './hands.js';
import type { PersonNames } from '../shared/person-name.js';
import type { VirtualRows } from './virtual.js';
import { COLLAPSED_MAX, codePoints, shorten } from './text.js';
import './qa-events.js';

/** A vote request with no answer stops blocking the button after this long. */
const VOTE_TIMEOUT = 10_000;
/** Longer open lists are virtualised (virtual.ts loads then); shorter ones render whole. */
const STATIC_ROWS = 100;
/** Rows a long list shows while virtual.ts loads (a screenful; all STATIC_ROWS if it cannot load). */
const INTERIM_ROWS = 20;
/** Typical row height in px, for PageUp / PageDown. */
const ROW_HEIGHT = 76;

/** Dictionaries beyond English load on demand; the first render in that language waits for them. */
const LOCALES: Record<string, () => Promise<Partial<Record<QaKey, unknown>>>> = {
  de: () => import('./qa-queue.de.js').then((m) => m.de),
};

let localSeq = 0;

/** A talk the viewer can pick (a room with a schedule): its questions show when chosen. */
export interface QaTalk {
  id: string;
  title: string;
  /** ISO 8601. */
  startsAt: string;
  /** ISO 8601: the end of its slot (the speaker view's time left). */
  endsAt?: string | undefined;
}

/**
 * @summary Audience questions with 👍 votes, moderation and "raise your hand" to the stage.
 *
 * Requests go up as events, state comes down as properties: the element never assumes a
 * request succeeded. The questions' tally has one writer: in a widget the binding, which
 * hands its tally down as `model` (and records the viewer's own questions from the request
 * events); on a plain page the element itself, from `questions`, a JSON `src`, or an inline
 * `<script type="application/json">` child, and the page's `confirmQuestion` /
 * `failQuestion` answers.
 *
 * A long open list is virtualised (virtual.ts, loaded past 100 questions: 10,000 scroll at
 * 60 fps). What most viewers never need loads on demand (components/shared/lazy-part.ts):
 * moderator tools (qa-queue.moderator-tools.ts), the hands / stage panel and the other
 * sections (qa-queue.hands-and-sections.ts), plain-page data (data.ts), German. Asking,
 * voting and "not sent" + Retry work without them. The order is
 * stable: while the reader points at, focuses, or has scrolled the list, re-ranking waits
 * behind an "N updates — show" button; new questions are announced politely.
 *
 * @event devroom-ask - {text, localId} ask a question (cancelable: cancel to keep no pending copy)
 * @event devroom-retry-ask - {localId, text} send a failed question again (emitted once per failure)
 * @event devroom-discard-ask - {localId} drop a question that was not sent
 * @event devroom-vote - {questionId, vote} add (true) or take back (false) the viewer's 👍
 * @event devroom-moderate - {questionId, action, state} pin / unpin / answer / unanswer / hide / restore / approve
 * @event devroom-raise-hand - {text?} raise the viewer's hand
 * @event devroom-lower-hand - {} lower the viewer's hand
 * @event devroom-stage-invite - {userId} moderator invites a raised hand to the stage
 * @event devroom-stage-withdraw - {userId} moderator withdraws a stage invitation
 * @event devroom-remove-hand - {userId} moderator removes a hand from the queue
 * @event devroom-accept-stage - {} the viewer accepts their stage invitation
 * @event devroom-decline-stage - {} the viewer declines their stage invitation
 * @event devroom-pick-talk - {talkId} show that talk's questions (one of `talks`)
 * @event devroom-close-questions - {closed} moderator closes (true) or reopens (false) the queue's questions
 *
 * @slot - an optional `<script type="application/json">` with questions (plain pages)
 *
 * @csspart base - the wrapper
 * @csspart ask-form - the ask form
 * @csspart ask-input - the question textarea
 * @csspart ask-button - the submit button
 * @csspart counter - the length counter
 * @csspart mine - the viewer's unsent / awaiting questions
 * @csspart updates-button - "N updates — show"
 * @csspart list - the scrolling open-question list
 * @csspart question - one question row (any section)
 * @csspart vote-button - the 👍 button with its count
 * @csspart question-text - a question's text
 * @csspart moderation - a question's moderation buttons
 * @csspart review - the awaiting-approval section (moderators)
 * @csspart answered - the answered section
 * @csspart hidden - the hidden section (moderators)
 * @csspart hands - the raise-hand area / hands queue
 * @csspart stage-invite - the viewer's stage invitation
 * @csspart vote-count - a question's 👍 count in read-only mode
 * @csspart room-link - "ask and vote in the room" link in read-only mode
 * @csspart talk-picker - the talk picker (a room with a schedule, past its first talk)
 * @csspart closed - "Questions are closed for this talk."
 * @csspart close-button - a moderator's "Close questions" / "Reopen questions"
 * @csspart notice - what happened to the viewer's own question ("Your question was sent.")
 *
 * @csspart time-left - the speaker view's "12 min left" / "Time is up"
 *
 * @cssproperty --devroom-qa-list-height - maximum height of the open list (default 32rem)
 *
 * @tagname devroom-qa-queue
 */
export class DevroomQaQueue extends LitElement {
  static override styles = [themeTokens, controlStyles, styles];
  // Reactive properties declared here, not with decorators: no decorator helpers in the first load.
  static override properties = {
    model: { attribute: false },
    questions: { attribute: false },
    src: {},
    userId: { attribute: 'user-id' },
    canModerate: { type: Boolean, attribute: 'can-moderate' },
    preModeration: { type: Boolean, attribute: 'pre-moderation' },
    maxLength: { type: Number, attribute: 'max-length' },
    handsEnabled: { type: Boolean, attribute: 'hands-enabled' },
    hands: { attribute: false },
    invites: { attribute: false },
    names: { attribute: false },
    readOnly: { type: Boolean, reflect: true, attribute: 'read-only' },
    closed: { type: Boolean, reflect: true },
    roomLink: { attribute: 'room-link' },
    layout: { reflect: true },
    view: { reflect: true },
    loading: { type: Boolean },
    talks: { attribute: false },
    talk: {},
  };

  /** The tally the element writes (plain pages); `model` until a binding hands down its own. */
  readonly #own = new QaTally();
  /**
   * The live tally. A widget binding hands down its own and is its only writer; the element
   * writes only the tally it made itself (plain pages: `questions`, `src`, asked questions).
   */
  model: QaTally = this.#own;
  /** Plain-page data: replaces the tally's contents (own unsent questions survive). */
  declare questions?: QuestionData[];
  /** URL of a JSON array of questions (plain pages). */
  declare src?: string;
  /** The viewer's user id: whose votes are "pressed", whose questions are "yours". */
  userId = '';
  /** Show moderation controls and the hands queue (from the room's power levels). */
  canModerate = false;
  /** Plain pages: questions need approval before everyone sees them (a widget's tally has it from the room). */
  preModeration = false;
  /** Maximum question length in characters (code points). */
  maxLength = 500;
  /** Show "raise hand" (and for moderators the hands queue). */
  handsEnabled = false;
  /** Raised hands in queue order (HandsModel.hands()). */
  hands: readonly RaisedHand[] = [];
  /** Current stage invitations (HandsModel.allInvites()). */
  invites: readonly StageInvite[] = [];

  /**
   * People's names as the room knows them (a binding's, by Element's rules): authors show by
   * name, "Name (@id)" where names look alike; the id on hover. Without it, `authorName` or the id.
   */
  names: PersonNames | undefined;
  /** A view without taking part (a public room on a plain page): no ask form, hands or vote buttons. */
  readOnly = false;
  /** A moderator closed the questions: read-only for everyone (the viewer's own unsent ones are kept), with a line saying so. */
  closed = false;
  /** Where to take part instead (e.g. a matrix.to link), shown in read-only mode. */
  declare roomLink?: string;
  /** `projector`: large type for a screen in the hall. */
  layout: 'default' | 'projector' = 'default';
  /** `speaker`: for the projector or the speaker's laptop: the talk, its time left, the top 5 questions; nothing to press. */
  declare view?: 'speaker' | undefined;
  /** The questions are being read: an empty list says so instead of "No questions yet". */
  loading = false;
  /** Talks to pick from, in order, the current one last (a picker shows past one). */
  talks: readonly QaTalk[] = [];
  /** The id of the talk whose questions show. */
  declare talk?: string | undefined;

  // View state: plain private fields (terser shortens their names); each change calls requestUpdate().
  #draft = '';
  #askError?: string;
  #announcement?: string;
  #pendingUpdates = 0;
  #active = 0;
  #loadError?: string;
  /** "Raise hand" was pressed: the hands panel (hands-and-sections part) shows its small form. */
  #handOpen?: boolean;

  readonly #i18n = new LocaleController<QaKey>(this, translations);
  readonly #t = (key: QaKey, ...args: unknown[]): string => this.#i18n.t(key, ...args);
  #displayIds: string[] = [];
  #orderDirty = true;
  // Flags start undefined (falsy): no initialiser code.
  #hovering?: boolean;
  #focusWithin?: boolean;
  #scrolledAway = false;
  #focusRow?: boolean;
  /** The question the keyboard focus was on before this update (see updated()). */
  #focusedId?: string;
  readonly #votePending = new Map<string, boolean>();
  #unsubscribe?: () => void;
  #subscribed?: QaTally;
  /** Moderator tools, loaded only for moderators (most viewers never download them). */
  readonly #moderator = new LazyPart(this, 'the Q&A moderator tools', () => import('./qa-queue.moderator-tools.js'));
  /** Hands panel, review / answered / hidden sections and the rest (see willUpdate), loaded when one has something to show. */
  readonly #sections = new LazyPart(this, 'the Q&A hands and sections', () => import('./qa-queue.hands-and-sections.js'), { loaded: (m) => m.attach(this) });
  /** Virtualisation, loaded once the open list is longer than STATIC_ROWS. */
  readonly #virtual = new LazyPart(this, 'the Q&A virtual list', () => import('./virtual.js'), { loaded: (m) => (this.#rows = new m.VirtualRows(this)) });
  #rows?: VirtualRows;
  /** The viewer's own questions, once there are any (most viewers never ask). */
  readonly #yours = new LazyPart(this, 'the Q&A own questions', () => import('./qa-queue.yours.js'));
  /** Large type for a screen in the hall: the projector layout's styles and the speaker view. */
  readonly #screen = new LazyPart(this, 'the Q&A speaker view', () => import('./qa-queue.big-screen.js'), { loaded: (m) => m.attach(this) });
  /** The talk picker, once there is more than one talk to pick from. */
  readonly #picker = new LazyPart(this, 'the Q&A talk picker', () => import('./qa-queue.talk-picker.js'));
  /**
   * Plain-page mode (data.ts: `src`, inline JSON, `questions`, `pre-moderation`), loaded when an
   * element that writes its own tally has any (a widget never loads it); without it the element
   * says why it has no questions.
   */
  readonly #data = new LazyPart(this, 'the Q&A plain-page data', () => import('./data.js'), {
    loaded: (m) => m.update(this, this.#show),
    failed: (error) => {
      this.#loadError = String(error);
      this.loading = false;
    },
  });
  readonly #show = (error: string): void => {
    this.#loadError = error;
    this.requestUpdate();
  };

  // ---- public helpers for plain pages ------------------------------------------------

  /** The page's backend accepted question `localId` as `id`. */
  confirmQuestion(localId: string, id: string): void {
    this.model.confirmLocal(localId, id);
  }

  /** The page's backend refused question `localId`: it shows "not sent" with Retry. */
  failQuestion(localId: string, reason?: string): void {
    this.model.failLocal(localId, reason);
  }

  // ---- lifecycle -----------------------------------------------------------------------

  override connectedCallback(): void {
    super.connectedCallback();
    this.#subscribe();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#subscribed = undefined;
  }

  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.#i18n.lang, translations, LOCALES, 'devroom-qa-queue');
    super.scheduleUpdate();
  }

  /** Also waits for on-demand parts and plain-page data read, so `await el.updateComplete` sees them. */
  protected override getUpdateComplete(): Promise<boolean> {
    return partsSettled(this, () => this.#data.module?.settled(this, () => super.getUpdateComplete()) ?? super.getUpdateComplete());
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#focusedId = this.shadowRoot?.activeElement?.closest<HTMLElement>('[data-id]')?.dataset.id;
    if (changed.has('model')) this.#subscribe();
    // Plain-page mode: data.ts, once the element has data of its own to read.
    if (this.#writes) {
      const data = this.#data.module;
      if (data) data.update(this, this.#show, changed);
      else if (this.src || this.questions || this.preModeration || this.querySelector(':scope > script[type="application/json"]')) {
        // "Loading questions…", not "No questions yet", until the part has read them.
        this.loading = true;
        this.#data.want();
      }
    }
    // Re-rank now (notifications land in this update, not during render).
    this.model.flush();
    for (const [questionId, want] of this.#votePending) {
      if (this.model.hasVoted(questionId, this.userId) === want) this.#votePending.delete(questionId);
    }
    if (this.#orderDirty && !this.#frozen) this.#applyOrder();
    // On-demand parts, once the model is current. The list renders without them meanwhile.
    const model = this.model;
    if (this.canModerate) this.#moderator.want();
    if (this.talks.length > 1) this.#picker.want();
    if (this.layout === 'projector' || this.view === 'speaker') this.#screen.want();
    if (model.section('mine').size || (this.userId && model.section('review').size)) this.#yours.want();
    // The hands panel loads for whoever has more than "Raise hand" to see; the form itself is here.
    const sections =
      // Hands and invites come down only for moderators and a viewer with a hand or an invitation (the binding's rule).
      (this.handsEnabled && (this.canModerate || this.hands.length || this.invites.length)) ||
      this.readOnly ||
      this.closed ||
      this.#pendingUpdates > 0;
    // Also asked for while rendering: a paged section with questions, "Show more", and (the
    // yours part) why a question was not sent, with Retry and Discard.
    if (sections) this.#sections.want();
    // Until it arrives (or if it cannot), the first rows render as a plain list.
    if (this.#displayIds.length > STATIC_ROWS) this.#virtual.want();
  }

  protected override updated(): void {
    // Rows are positional (no DOM per question): if the focused row now shows another question,
    // or its element went, focus follows the question to its row, or steps back to the row
    // in its place — never onto another question's buttons.
    const id = this.#focusedId;
    const item = this.shadowRoot?.activeElement?.closest<HTMLElement>('[data-id]');
    if (id && item?.dataset.id !== id) {
      const index = this.#displayIds.indexOf(id);
      if (index >= 0) this.#active = index;
      if (index >= 0 || !item) this.#focusRow = true;
      else item.focus();
    }
    if (this.#focusRow) {
      this.#focusRow = false;
      // Focus scrolls the row into view (a virtualised list always renders the active row).
      this.renderRoot.querySelector<HTMLElement>(`.row[data-index="${this.#active}"]`)?.focus();
    }
  }


  /** The moderator tools, only while the viewer may moderate. */
  get #mod() {
    return this.canModerate ? this.#moderator.module : undefined;
  }

  /** The element writes the tally only when it is its own (a plain page); a binding's is the binding's. */
  get #writes(): boolean {
    return this.model === this.#own;
  }

  // ---- model & order -------------------------------------------------------------------

  #subscribe(): void {
    if (this.#subscribed === this.model && this.#unsubscribe) return;
    this.#unsubscribe?.();
    this.#subscribed = this.model;
    this.#unsubscribe = this.model.subscribe((change) => this.#onChange(change));
    this.#orderDirty = true;
    this.#pendingUpdates = 0;
    this.requestUpdate();
  }

  /** The reader is looking at the list: re-ranking would move rows under them. */
  get #frozen(): boolean | undefined {
    return this.hasUpdated && (this.#hovering || this.#focusWithin || this.#scrolledAway);
  }

  #onChange(change: TallyChange): void {
    this.requestUpdate();
    if (change.type === 'reset') {
      this.#orderDirty = true;
      this.#pendingUpdates = 0;
      // A bulk load (history, new data) is no moment to keep an old order.
      this.#applyOrder();
      return;
    }
    if (change.type === 'changed') return;
    // The viewer's own question was sent, or a moderator hid it: the yours part says so (and
    // shows a sent one in its place now, not behind "N updates").
    const q = this.model.get(change.id);
    if (change.type === 'moved' && this.userId && q?.author === this.userId && (change.from === 'mine' || change.section === 'hidden')) {
      this.#yours.get().then((m) => m.own(this.#t, this, q.id, change.section, this.#displayIds, this.#rows), () => undefined);
      if (change.section === 'open') return this.#applyOrder();
    }
    // Gone from the open list: removed from it, or moved out of it.
    const leftOpen = change.type === 'removed' ? change.section === 'open' : change.type === 'moved' && change.from === 'open';
    if (leftOpen && change.section !== 'open') {
      // Gone from the open list (answered, hidden): remove now, without re-ranking the rest.
      this.#displayIds = this.#displayIds.filter((id) => id !== change.id);
      return;
    }
    if (change.type === 'removed' || change.section !== 'open') {
      if (change.type === 'added' && change.section === 'review' && this.canModerate) this.#queueAnnouncement(change.id);
      return;
    }
    this.#orderDirty = true;
    if (this.#frozen) this.#pendingUpdates++;
    if (change.type === 'added' || (change.type === 'moved' && change.from === 'mine')) this.#queueAnnouncement(change.id);
  }

  #applyOrder(): void {
    const ids: string[] = [];
    this.model.section('open').forEach((q) => ids.push(q.id));
    this.#displayIds = ids;
    this.#orderDirty = false;
    this.#pendingUpdates = 0;
    if (this.#active >= ids.length) this.#active = Math.max(0, ids.length - 1);
  }

  /** New questions are announced by the hands-and-sections part: like it, they come over the network. */
  #queueAnnouncement(id: string): void {
    const q = this.model.get(id);
    if (!q || (q.author === this.userId && this.userId)) return;
    this.#sections.get().then(
      (m) =>
        m.announce(this.#t, this, q.text, (text) => {
          // A trailing no-break space toggles so the same sentence is spoken again.
          this.#announcement = this.#announcement === text ? `${text}\u00a0` : text;
          this.requestUpdate();
        }),
      () => undefined, // not announced (the part's load logged why)
    );
  }


  // ---- open list: scrolling and keyboard ---------------------------------------------

  #onScroll(event: Event): void {
    const away = (event.currentTarget as HTMLElement).scrollTop > 2;
    if (away !== this.#scrolledAway) {
      this.#scrolledAway = away;
      this.requestUpdate();
    }
    this.#rows?.scrolled();
  }

  #onListKeydown(event: KeyboardEvent): void {
    const n = this.#displayIds.length;
    if (n === 0) return;
    const page = Math.max(1, Math.floor((event.currentTarget as HTMLElement).clientHeight / ROW_HEIGHT));
    const moves: Record<string, number> = {
      ArrowDown: this.#active + 1,
      ArrowUp: this.#active - 1,
      PageDown: this.#active + page,
      PageUp: this.#active - page,
      Home: 0,
      End: n - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    this.#active = Math.min(n - 1, Math.max(0, next));
    this.#focusRow = true;
    this.requestUpdate();
  }

  #onListFocusIn(event: FocusEvent): void {
    this.#focusWithin = true;
    const row = (event.target as HTMLElement).closest<HTMLElement>('.row');
    if (row) this.#active = Number(row.dataset.index);
    this.requestUpdate();
  }

  #onListFocusOut(event: FocusEvent): void {
    if ((event.currentTarget as HTMLElement).contains(event.relatedTarget as Node | null)) return;
    this.#focusWithin = false;
    this.requestUpdate();
  }

  #setHover(on: boolean): void {
    this.#hovering = on;
    if (!on) this.requestUpdate();
  }

  // ---- user intents ----------------------------------------------------------------------

  #onAsk(event: Event): void {
    event.preventDefault();
    this.requestUpdate();
    const text = this.#draft.trim();
    if (text === '') {
      this.#askError = this.#t('emptyRefused');
      this.renderRoot.querySelector('textarea')?.focus();
      return;
    }
    if (codePoints(text) > this.maxLength) {
      this.#askError = this.#t('tooLong', this.maxLength);
      return;
    }
    const localId = `local-${Date.now().toString(36)}-${(localSeq++).toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
    // A listener that cancels keeps no pending copy; a binding records it in its own tally.
    if (emit(this, 'devroom-ask', { text, localId }, { cancelable: true }) && this.#writes) {
      this.model.addLocal({ localId, author: this.userId, text, ts: Date.now() });
    }
    this.#draft = '';
    this.#askError = '';
  }

  #onAskKeydown(event: KeyboardEvent): void {
    // Enter sends, Shift+Enter is a new line (as in chat); IME composition is left alone.
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) this.#onAsk(event);
  }

  #vote(q: Question): void {
    if (this.#votePending.has(q.id)) return;
    const want = !this.model.hasVoted(q.id, this.userId);
    this.#votePending.set(q.id, want);
    emit(this, 'devroom-vote', { questionId: q.id, vote: want });
    setTimeout(() => {
      if (this.#votePending.get(q.id) === want) {
        this.#votePending.delete(q.id);
        this.requestUpdate();
      }
    }, VOTE_TIMEOUT);
    this.requestUpdate();
  }

  /** Opens (loading it: a person's click asks again at once) or closes the hands panel's form (the panel moves focus). */
  readonly #openHand = (open: boolean): void => {
    this.#handOpen = open;
    this.#sections.retry();
    this.requestUpdate();
  };

  // ---- rendering -------------------------------------------------------------------------

  protected override render(): TemplateResult | typeof nothing {
    const t = this.#t;
    const open = this.model.section('open');
    const sections = this.#sections.module;
    const picker = this.talks.length > 1 ? this.#picker.module?.talkPicker : undefined;
    if (this.view === 'speaker') return this.#screen.module?.speaker(t, this) ?? nothing;
    return html`
      <section part="base" class="base" aria-label=${t('title')}>
        <div class="sr-only" role="status" aria-live="polite">${this.#announcement}</div>
        ${picker ? picker(t, this, this.talks, this.talk, (ts) => formatTime(this.#i18n.locale, ts)) : nothing}
        ${this.closed ? sections?.closedLine(t) : nothing}
        ${this.readOnly
          ? (sections?.roomLink(t, this.roomLink) ?? nothing)
          : html`${this.closed ? nothing : this.#renderAskForm()} ${this.#renderYours()}
            ${this.handsEnabled && (!this.closed || this.canModerate) ? (sections?.hands(t, this, this.#handOpen, this.#openHand, this.#mod?.handsQueue(t, this) ?? nothing) ?? this.#renderRaise()) : nothing}`}
        ${this.canModerate ? this.#renderPaged('review') : nothing}
        <div class="list-head">
          <h2 id="open-heading">${t('title')} (${open.size})</h2>
          ${this.readOnly ? nothing : this.#mod?.closeButton(t, this, this.closed)}
          ${this.#pendingUpdates > 0 ? (sections?.updates(t, this.#pendingUpdates, () => {
                this.#applyOrder();
                this.requestUpdate();
              }) ?? nothing) : nothing}
        </div>
        ${this.#loadError ? html`<p class="error" role="alert">${this.#loadError}</p>` : nothing}
        ${this.#renderOpenList()} ${this.#renderPaged('answered')} ${this.canModerate ? this.#renderPaged('hidden') : nothing}
      </section>
    `;
  }

  #renderAskForm(): TemplateResult {
    const t = this.#t;
    const length = codePoints(this.#draft.trim());
    const over = length > this.maxLength;
    return html`
      <form part="ask-form" @submit=${this.#onAsk} novalidate>
        <label for="ask">${t('askLabel')}</label>
        <textarea
          id="ask"
          part="ask-input"
          rows="2"
          placeholder=${t('askPlaceholder')}
          aria-describedby="ask-counter ask-error"
          aria-invalid=${over || this.#askError ? 'true' : 'false'}
          .value=${this.#draft}
          @input=${(e: Event) => {
            this.#draft = (e.target as HTMLTextAreaElement).value;
            if (this.#askError && this.#draft.trim()) this.#askError = '';
            this.requestUpdate();
          }}
          @keydown=${this.#onAskKeydown}
        ></textarea>
        <button type="submit" part="ask-button" class="primary">${t('ask')}</button>
        <div class="form-foot">
          <span id="ask-error" class="error">${over ? t('tooLong', this.maxLength) : this.#askError}</span>
          <span id="ask-counter" part="counter" class="counter ${over ? 'over' : ''}">${t('counter', length, this.maxLength)}</span>
        </div>
      </form>
    `;
  }

  /**
   * "Raise hand" until the hands-and-sections part brings the panel (same ids and parts): a
   * press opens the panel's own small form, so the line never looks like a second question box.
   */
  #renderRaise(): TemplateResult | typeof nothing {
    const failed = this.#handOpen && this.#sections.failed;
    return this.userId
      ? html`<div part="hands" class="hands">
          <button type="button" id="raise-hand" aria-expanded="false" aria-disabled=${this.#handOpen && !failed ? 'true' : 'false'} @click=${() => this.#openHand(true)}>
            ${raisedHand()} ${this.#t('raiseHand')}
          </button>
          ${failed ? html`<span class="error" role="status">${this.#t('notSent')}</span>` : nothing}
        </div>`
      : nothing;
  }

  /**
   * Own questions (the yours part): sending, not sent (with Retry, the sections part's), awaiting
   * approval. While the part cannot load they are kept (tally, this browser) and show once it is
   * back: it is asked for again at each update.
   */
  #renderYours(): TemplateResult | typeof nothing {
    return this.#yours.module?.yours(this.#t, this, (q) => this.#renderText(q, 0), this.#sections, this.#writes) ?? nothing;
  }

  #renderOpenList(): TemplateResult {
    const n = this.#displayIds.length;
    if (n === 0) return html`<p class="empty" part="list">${this.#t(this.loading ? 'loading' : 'noQuestions')}</p>`;
    const v = n > STATIC_ROWS ? this.#rows : undefined;
    const row = (i: number) => this.#renderRow(i, n, v);
    // Rows first: they bring the geometry up to date for the spacer's height.
    const rows = v
      ? v.rows(this.#displayIds, this.#active, row)
      : // Positional rows: updated() keeps keyboard focus with its question.
        Array.from({ length: n <= STATIC_ROWS ? n : this.#virtual.failed ? STATIC_ROWS : INTERIM_ROWS }, (_, i) => row(i));
    // Heights and offsets go through the `style` property (the CSSOM: `.style=`), never a style
    // attribute (`style=`), which a strict Content-Security-Policy (style-src 'self') blocks.
    return html`<div
      class="scroller"
      part="list"
      @scroll=${this.#onScroll}
      @keydown=${this.#onListKeydown}
      @focusin=${this.#onListFocusIn}
      @focusout=${this.#onListFocusOut}
      @pointerenter=${() => this.#setHover(true)}
      @pointerleave=${() => this.#setHover(false)}
    >
      <div class="spacer ${v ? 'virtual' : ''}" role="list" aria-labelledby="open-heading" .style=${v ? `height:${v.geometry.total}px` : ''}>
        ${rows}
      </div>
    </div>`;
  }

  #renderRow(index: number, n: number, v: VirtualRows | undefined): TemplateResult | typeof nothing {
    const id = this.#displayIds[index];
    const q = id === undefined ? undefined : this.model.get(id);
    if (!q) return nothing;
    const tab = index === this.#active ? 0 : -1;
    return html`<div
      class="row"
      role="listitem"
      part="question"
      data-id=${q.id}
      data-index=${index}
      aria-posinset=${index + 1}
      aria-setsize=${n}
      tabindex=${tab}
      .style=${v ? `transform:translateY(${v.geometry.offsetOf(index)}px)` : ''}
    >
      ${this.#renderVote(q, tab)} ${this.#renderBody(q, tab)}
    </div>`;
  }

  /** A question's text, who asked and when, and (moderators) its buttons: in the open list and the paged sections alike. */
  #renderBody(q: Question, tab: number): TemplateResult {
    return html`<div class="body">${this.#renderText(q, tab)} ${this.#renderMeta(q)} ${this.#mod?.moderationButtons(this.#t, this, q, tab) ?? nothing}</div>`;
  }

  #renderVote(q: Question, tab: number): TemplateResult | typeof nothing {
    const t = this.#t;
    if (this.readOnly || this.closed) return this.#sections.module?.voteCount(t, q.votes) ?? nothing;
    const voted = this.model.hasVoted(q.id, this.userId);
    const busy = this.#votePending.has(q.id);
    return html`<button
      type="button"
      class="vote"
      part="vote-button"
      tabindex=${tab}
      aria-pressed=${voted ? 'true' : 'false'}
      aria-disabled=${busy ? 'true' : 'false'}
      aria-label="${t('vote')}, ${t('votes', q.votes)}"
      @click=${() => this.#vote(q)}
    >
      ${thumbsUp()}${q.votes}
    </button>`;
  }

  #renderText(q: Question, tab: number): TemplateResult {
    const short = shorten(q.text, COLLAPSED_MAX);
    if (short.truncated) {
      // "Show more" is the part's: asked for once a long question is on screen.
      this.#sections.want();
      const sections = this.#sections.module;
      if (sections) return sections.longText(this.#t, this, q, tab);
    }
    return html`<p class="text" part="question-text"><bdi dir="auto">${short.text}</bdi>${short.truncated ? '…' : ''}</p>`;
  }


  #renderMeta(q: Question): TemplateResult {
    const t = this.#t;
    // The name rule caps a name (person-name.ts) and an id is never cut; other names are shortened.
    const who = q.author && this.names?.(q.author);
    const name = who ? who.text : shorten(q.authorName || q.author || '', 80).text;
    return html`<div class="meta">
      ${q.moderation.pinned ? html`<span class="badge">${t('pinned')}</span>` : nothing}
      ${q.author && q.author === this.userId ? html`<span class="badge">${t('yours')}</span>` : nothing}
      ${name ? html`<bdi dir="auto" title=${q.author || nothing}>${name}</bdi>` : nothing}
      ${q.ts > 0 ? html`<time datetime=${new Date(q.ts).toISOString()}>${formatTime(this.#i18n.locale, q.ts)}</time>` : nothing}
    </div>`;
  }

  /** Review / answered / hidden: collapsible sections from the hands-and-sections part. */
  #renderPaged(section: PagedSection): TemplateResult | typeof nothing {
    const view = this.model.section(section);
    if (view.size) this.#sections.want();
    return (
      this.#sections.module?.paged(this.#t, this, section, view, (q) =>
        // Questions of these sections have the same parts as open ones (no vote button unless answered).
        html`${section === 'answered' ? this.#renderVote(q, 0) : nothing} ${this.#renderBody(q, 0)}`,
      ) ?? nothing
    );
  }

}

const timeFormats = new Map<string, Intl.DateTimeFormat>();

/** hh:mm in `locale` (English where the language tag is not one Intl accepts). */
function formatTime(locale: string, ts: number): string {
  let format = timeFormats.get(locale);
  if (!format) {
    const options = { hour: '2-digit', minute: '2-digit' } as const;
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      format = new Intl.DateTimeFormat('en', options);
    }
    timeFormats.set(locale, format);
  }
  return format.format(ts);
}
