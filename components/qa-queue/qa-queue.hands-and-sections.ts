/**
 * Secondary UI of <devroom-qa-queue>, loaded on demand (the first render of the question list
 * never waits for it): the raise-hand / stage-invite panel, the collapsible review / answered /
 * hidden sections, "Show more" for long questions, the "N updates — show" button, polite
 * new-question announcements, why a question was not sent with Retry and Discard (only after
 * something went wrong), and the read-only view's vote counts and room link, and the line
 * saying a moderator closed the questions. The
 * element loads it when one of them has something to show: the hands panel for moderators,
 * a viewer whose hand is raised or who is invited, and at a viewer's first "Raise hand"
 * (the element renders that form itself until then). Render functions; per-element state in WeakMaps.
 */
import { css, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import { repeat } from 'lit/directives/repeat.js';
import { emit } from '../shared/events.js';
import { safeUrl } from '../shared/safe-url.js';
import { raisedHand, thumbsUp } from '../shared/icons.js';
import type { QaTally, Question, SectionView } from './tally.js';
import type { RaisedHand, StageInvite } from './hands.js';
import type { Dictionary } from '../shared/i18n.js';
import { translations, type QaKey, type SectionsKey } from './qa-queue.i18n.js';
import { COLLAPSED_MAX, cleanText, shorten } from './text.js';
import type { QaSendProblem } from './qa-events.js';
import type { QaTalk } from './qa-queue.js';
import './qa-events.js';

/** This part's English strings (German ones are in qa-queue.de.ts). */
const en: Dictionary<SectionsKey> = {
  newQuestion: (text: string) => `New question: ${text}`,
  newQuestions: (n: number) => `${n} new questions`,
  showMore: 'Show more',
  showLess: 'Show less',
  updates: (n: number) => (n === 1 ? '1 update — show' : `${n} updates — show`),
  awaitingApproval: 'Awaiting approval',
  answered: 'Answered',
  hidden: 'Hidden',
  lowerHand: 'Lower hand',
  handText: 'What would you like to say? (optional)',
  cancel: 'Cancel',
  handRaised: (position: number) => `Your hand is raised (#${position} in the queue).`,
  // One wording with the talk player's stage invite.
  stageInvite: 'You are invited on stage for the Q&A.',
  stageInviteBy: (name: string) => `${name} invites you on stage for the Q&A.`,
  accept: 'Join the stage',
  decline: 'No, thanks',
  stageAccepted: 'You accepted. The talk player connects you to the stage.',
  askInRoom: 'Ask and vote in the Matrix room',
  moreItems: (n: number) => `Show more (${n} left)`,
  retry: 'Retry',
  discard: 'Discard',
  // Why a question was not sent, as a widget binding reports it (QaSendProblem).
  notOpen: 'The Q&A is not open yet: a moderator opens it.',
  earlierTalk: 'Asked during an earlier talk, which has ended. Retry sends it to that talk’s questions.',
  closed: 'Questions are closed for this talk.',
};
Object.assign(translations.en, en);

type T = (key: QaKey, ...args: unknown[]) => string;

const styles = css`
  h3 {
    margin: 0;
    font-size: 1rem;
  }
  .hint {
    color: var(--_muted);
    font-size: 0.85rem;
  }
  details > summary {
    cursor: pointer;
    font-weight: 600;
    padding: 0.25rem 0;
  }
  button.link {
    color: var(--_accent);
  }
  .static-list {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .panel {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.6rem;
    background: var(--_surface);
  }
  .panel.invite {
    border-color: var(--_accent);
  }
  /* The hand's line: a small single-line field inside the hand panel, not a second question box. */
  .hand-form.panel {
    max-width: 26rem;
  }
  .hand-form label {
    font-weight: normal;
    font-size: 0.85rem;
  }
  .hand-form input {
    font-size: 0.9rem;
    padding: 0.2rem 0.4rem;
  }
  .hand-form .actions {
    grid-column: 1 / -1;
    margin: 0;
  }
  .closed {
    margin: 0;
    padding: 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    font-weight: 600;
  }
  .vote.count {
    padding: 0.25rem 0.6rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
`;

/** Adds the styles of these parts to the element (once). */
export const attach = (host: ReactiveElement): void => addStyles(host, styles);

/** What the hands panel reads from the element. */
export interface HandsHost extends ReactiveElement {
  userId: string;
  hands: readonly RaisedHand[];
  invites: readonly StageInvite[];
  /** The room's talks (a schedule) and the one on screen: an accepted invite ends with its talk. */
  talks: readonly QaTalk[];
  talk?: string | undefined;
}

/**
 * An accepted invite that belongs to a talk that is over: from before the talk on screen began,
 * or the talk has ended ("You accepted…" would stay for good). The binding re-renders at a slot's end.
 */
function over(host: HandsHost, invite: StageInvite): boolean {
  const talk = host.talks.find((x) => x.id === host.talk);
  return !!talk && (invite.ts < Date.parse(talk.startsAt) || Date.parse(talk.endsAt ?? '') <= Date.now());
}

/** Per element: the raise-hand line being typed. */
const drafts = new WeakMap<object, string>();
/** Per element: whether the hand form was open at the last render (focus follows a change). */
const wasOpen = new WeakMap<object, boolean>();

/**
 * Raise / lower the viewer's hand, their stage invitation, and `queue` (the moderator's hands
 * queue, when loaded). "Raise hand" opens (`setOpen`) a small form of its own with the optional
 * line; `open` is whether it is open.
 */
export function hands(t: T, host: HandsHost, open: boolean | undefined, setOpen: (open: boolean) => void, queue: TemplateResult | typeof nothing): TemplateResult {
  const { userId } = host;
  const draft = drafts.get(host) ?? '';
  const setDraft = (text: string): void => {
    drafts.set(host, text);
    host.requestUpdate();
  };
  // Opened: focus to its field; closed: back to "Raise hand" (once the update is on screen).
  if (!!open !== (wasOpen.get(host) ?? false)) {
    wasOpen.set(host, !!open);
    void host.updateComplete.then(() => host.renderRoot.querySelector<HTMLElement>(open ? '#hand-text' : '#raise-hand')?.focus());
  }
  const position = host.hands.findIndex((h) => h.userId === userId);
  const invite = userId ? host.invites.find((i) => i.userId === userId) : undefined;
  const raise = (event: Event) => {
    event.preventDefault();
    // What is in the field now (a submit right after typing may precede the render).
    const text = cleanText((drafts.get(host) ?? '').trim()).slice(0, 200);
    emit(host, 'devroom-raise-hand', text ? { text } : {});
    setDraft('');
    setOpen(false);
  };
  return html`<div part="hands" class="hands">
    ${invite && invite.response !== 'declined' && !(invite.response === 'accepted' && over(host, invite))
      ? html`<div class="panel invite" part="stage-invite" role="region" aria-label=${t('stageInvite')}>
          ${invite.response === 'accepted'
            ? html`<p>${t('stageAccepted')}</p>`
            : html`<p>${invite.byName ? t('stageInviteBy', invite.byName) : t('stageInvite')}</p>
                <div class="actions">
                  <button type="button" class="primary" @click=${() => emit(host, 'devroom-accept-stage', {})}>${t('accept')}</button>
                  <button type="button" @click=${() => emit(host, 'devroom-decline-stage', {})}>${t('decline')}</button>
                </div>`}
        </div>`
      : nothing}
    ${!userId
      ? nothing
      : position >= 0
        ? html`<p class="hint">${t('handRaised', position + 1)}</p>
            <button type="button" @click=${() => emit(host, 'devroom-lower-hand', {})}>${t('lowerHand')}</button>`
        : open
          ? html`<form class="hand-form panel" aria-label=${t('raiseHand')} @submit=${raise} @keydown=${(e: KeyboardEvent) => e.key === 'Escape' && setOpen(false)}>
              <label for="hand-text">${t('handText')}</label>
              <input id="hand-text" maxlength="200" .value=${draft} @input=${(e: Event) => setDraft((e.target as HTMLInputElement).value)} />
              <div class="actions">
                <button type="submit" class="primary">${raisedHand()} ${t('raiseHand')}</button>
                <button type="button" @click=${() => setOpen(false)}>${t('cancel')}</button>
              </div>
            </form>`
          : html`<button type="button" id="raise-hand" aria-expanded="false" @click=${() => setOpen(true)}>${raisedHand()} ${t('raiseHand')}</button>`}
    ${queue}
  </div>`;
}

export type PagedSection = 'review' | 'answered' | 'hidden';

/** Items shown per "show more". */
const PAGE = 50;

/** Per element: the open sections and how many items each shows. */
const pagedState = new WeakMap<object, { open: Set<PagedSection>; limits: Record<PagedSection, number> }>();

/**
 * A collapsible review / answered / hidden section: its count always, its questions (a page
 * at a time, not virtualised) while open. `row` renders one question's contents.
 */
export function paged(t: T, host: ReactiveElement, section: PagedSection, view: SectionView, row: (q: Question) => TemplateResult): TemplateResult | typeof nothing {
  if (view.size === 0) return nothing;
  let state = pagedState.get(host);
  if (!state) pagedState.set(host, (state = { open: new Set(), limits: { review: PAGE, answered: PAGE, hidden: PAGE } }));
  const { open, limits } = state;
  const shown = open.has(section) ? view.slice(0, limits[section]) : [];
  return html`<details
    part=${section}
    ?open=${open.has(section)}
    @toggle=${(e: Event) => {
      if ((e.target as HTMLDetailsElement).open) open.add(section);
      else open.delete(section);
      host.requestUpdate();
    }}
  >
    <summary>${t(section === 'review' ? 'awaitingApproval' : section)} (${view.size})</summary>
    ${open.has(section)
      ? html`<ul class="static-list">
            ${repeat(
              shown,
              (q) => q.id,
              (q) => html`<li class="item" part="question">${row(q)}</li>`,
            )}
          </ul>
          ${view.size > shown.length
            ? html`<button
                type="button"
                @click=${() => {
                  limits[section] += PAGE;
                  host.requestUpdate();
                }}
              >
                ${t('moreItems', view.size - shown.length)}
              </button>`
            : nothing}`
      : nothing}
  </details>`;
}

/** Per element: the questions shown in full. */
const expandedBy = new WeakMap<object, Set<string>>();

/** A question longer than the element's first cut: collapsed, or in full (up to 5,000 code points) after "Show more". */
export function longText(t: T, host: ReactiveElement, q: Question, tab: number): TemplateResult {
  let expanded = expandedBy.get(host);
  if (!expanded) expandedBy.set(host, (expanded = new Set()));
  const full = expanded.has(q.id);
  const short = shorten(q.text, full ? 5000 : COLLAPSED_MAX);
  const toggle = (): void => {
    if (!expanded.delete(q.id)) expanded.add(q.id);
    host.requestUpdate();
  };
  return html`<p class="text" part="question-text"><bdi dir="auto">${short.text}</bdi>${short.truncated ? '…' : ''}</p>
    <button type="button" class="link" tabindex=${tab} aria-expanded=${full ? 'true' : 'false'} @click=${toggle}>${t(full ? 'showLess' : 'showMore')}</button>`;
}

/** "N updates — show": re-ranking waits while the reader looks at the list. */
export const updates = (t: T, n: number, show: () => void): TemplateResult =>
  html`<button type="button" part="updates-button" class="primary" @click=${show}>${t('updates', n)}</button>`;

/** Per element: new questions gathered for one announcement. */
const news = new WeakMap<object, { n: number; first: string; timer?: ReturnType<typeof setTimeout> }>();

/**
 * Announces new questions politely, gathered for a second: "New question: …" for one,
 * "N new questions" for more. `say` puts the sentence in the element's live region.
 */
export function announce(t: T, host: object, text: string, say: (sentence: string) => void): void {
  let state = news.get(host);
  if (!state) news.set(host, (state = { n: 0, first: '' }));
  const s = state;
  if (++s.n === 1) s.first = shorten(text, 120).text;
  clearTimeout(s.timer);
  s.timer = setTimeout(() => {
    say(s.n === 1 ? t('newQuestion', s.first) : t('newQuestions', s.n));
    s.n = 0;
  }, 1000);
}

/** Read-only: a question's 👍 count (no button). */
export const voteCount = (t: T, votes: number): TemplateResult =>
  html`<span class="vote count" part="vote-count"
    >${thumbsUp()}<span aria-hidden="true">${votes}</span><span class="sr-only">${t('votes', votes)}</span></span
  >`;

/** A moderator closed the questions: the queue is read-only for everyone (the element leaves out the ask form, votes and hands). */
export const closedLine = (t: T): TemplateResult => html`<p part="closed" class="closed">${t('closed')}</p>`;

/** Read-only: where to ask and vote instead (only an absolute http(s) link). */
export function roomLink(t: T, href: string | undefined): TemplateResult | typeof nothing {
  const link = safeUrl(href, { absolute: true });
  return link ? html`<p class="room-link" part="room-link"><a href=${link} target="_blank" rel="noopener noreferrer">${t('askInRoom')}</a></p>` : nothing;
}

/** What "not sent" reads from the element. */
export interface FailureHost extends ReactiveElement {
  model: QaTally;
}

/**
 * "Not sent", why the viewer's question `q` was not sent, and Retry and Discard. `writes`: the tally is
 * the element's own (a plain page), so it marks the question itself; a binding's tally is the
 * binding's, which hears the events. Retry emits once per failure.
 */
export function failure(t: T, host: FailureHost, q: Question, writes: boolean): TemplateResult {
  const localId = q.localId ?? q.id;
  const retry = (): void => {
    if (host.model.get(q.id)?.local !== 'failed' || (writes && !host.model.retryLocal(q.id))) return;
    emit(host, 'devroom-retry-ask', { localId, text: q.text });
  };
  const discard = (): void => {
    emit(host, 'devroom-discard-ask', { localId });
    if (writes) host.model.removeQuestion(q.id);
  };
  return html`<div class="meta">
      <span class="badge danger">${t('notSent')}</span>
      ${q.error ? html`<span>${q.error === ('not-open' satisfies QaSendProblem) ? t('notOpen') : q.error === ('earlier-talk' satisfies QaSendProblem) ? t('earlierTalk') : cleanText(q.error).slice(0, 200)}</span>` : nothing}
    </div>
    <div class="actions">
      <button type="button" class="primary" @click=${retry}>${t('retry')}</button>
      <button type="button" @click=${discard}>${t('discard')}</button>
    </div>`;
}
