/**
 * The Q&A on a screen in the hall, loaded on demand (most viewers never see it): the projector
 * layout's large type (`layout="projector"`), and the speaker view (`view="speaker"`, the widget
 * URL's `view=speaker`) for the projector or the speaker's laptop: the current talk's title, the
 * time left in its slot from the room's schedule (updated every minute), and the top five open
 * questions by votes, live; no ask form, no buttons.
 */
import { css, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import type { Dictionary } from '../shared/i18n.js';
import { translations, type QaKey, type SpeakerKey } from './qa-queue.i18n.js';
import type { QaTally } from './tally.js';
import type { QaTalk } from './qa-queue.js';
import { shorten } from './text.js';
import { thumbsUp } from '../shared/icons.js';

/** This part's English strings (German ones are in qa-queue.de.ts). */
const en: Dictionary<SpeakerKey> = {
  minutesLeft: (n: number) => `${n} min left`,
  timeUp: 'Time is up',
  topQuestions: 'Top questions',
  noneYet: 'No questions yet.',
};
Object.assign(translations.en, en);

type T = (key: QaKey, ...args: unknown[]) => string;

/** Questions the speaker view shows. */
const TOP = 5;
const MINUTE = 60_000;

const styles = css`
  /* A screen in the hall: read from the back row. */
  :host([layout='projector']),
  :host([view='speaker']) {
    font-size: 1.75rem;
    --devroom-qa-list-height: 80vh;
  }
  :host([layout='projector']) h2 {
    font-size: 1.25em;
  }
  .speaker h2 {
    font-size: 1.4em;
  }
  .left {
    margin: 0;
    font-weight: 700;
  }
  .top {
    margin: 0;
    padding: 0;
    list-style: none;
    display: grid;
    gap: 0.5em;
  }
  .top li {
    display: flex;
    gap: 0.75em;
    align-items: baseline;
    padding: 0.4em 0.6em;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .top .n {
    min-width: 2.5em;
    font-weight: 700;
  }
`;

/** Adds the large-type styles to the element (once). */
export const attach = (host: ReactiveElement): void => addStyles(host, styles);

/** What the speaker view reads from the element. */
export interface SpeakerHost extends ReactiveElement {
  model: QaTally;
  talks: readonly QaTalk[];
  talk?: string | undefined;
  loading: boolean;
}

/** Per element: the timer that brings the next minute's "N min left". */
const timers = new WeakMap<object, ReturnType<typeof setTimeout>>();

/**
 * "N min left" in the current talk's slot, "Time is up" after its end; '' before it starts or
 * without a schedule. Re-renders the element when the minute changes (while it is connected).
 */
function timeLeft(t: T, host: SpeakerHost, talk: QaTalk | undefined): string {
  clearTimeout(timers.get(host));
  const now = Date.now();
  const start = Date.parse(talk?.startsAt ?? '');
  const end = Date.parse(talk?.endsAt ?? '');
  if (!Number.isFinite(end)) return '';
  const left = end - now;
  // Next change: the talk's start, the next whole minute before its end, or its end.
  const wait = now < start ? start - now : left > 0 ? left % MINUTE || MINUTE : undefined;
  if (wait !== undefined) timers.set(host, setTimeout(() => host.isConnected && host.requestUpdate(), wait));
  if (now < start) return '';
  return left > 0 ? t('minutesLeft', Math.ceil(left / MINUTE)) : t('timeUp');
}

/** The speaker view: the talk's title, the time left, the top open questions by votes (hidden and answered ones are in other sections). */
export function speaker(t: T, host: SpeakerHost): TemplateResult {
  const talk = host.talks.find((x) => x.id === host.talk);
  const left = timeLeft(t, host, talk);
  const top = host.model.section('open').slice(0, TOP);
  return html`<section part="base" class="base speaker" aria-labelledby="speaker-title">
    <h2 id="speaker-title">${talk ? html`<bdi dir="auto">${shorten(talk.title, 200).text}</bdi>` : t('topQuestions')}</h2>
    ${left ? html`<p class="left" part="time-left">${left}</p>` : nothing}
    ${talk ? html`<h3 class="sr-only">${t('topQuestions')}</h3>` : nothing}
    ${top.length
      ? html`<ol class="top" part="list" aria-live="polite">
          ${top.map(
            (q) =>
              html`<li part="question">
                <span class="n"><span aria-hidden="true">${thumbsUp()} ${q.votes}</span><span class="sr-only">${t('votes', q.votes)}</span></span>
                <span class="text"><bdi dir="auto">${shorten(q.text, 280).text}</bdi></span>
              </li>`,
          )}
        </ol>`
      : html`<p class="empty" part="list">${t(host.loading ? 'loading' : 'noneYet')}</p>`}
  </section>`;
}
