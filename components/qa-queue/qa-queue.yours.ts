/**
 * The viewer's own questions, loaded on demand once there are any (their first Ask, unsent ones
 * read back after a reload, pre-moderated ones awaiting approval): "Sending…", "Waiting for a
 * moderator to approve", "Not sent" (its reason, Retry and Discard come with the
 * hands-and-sections part), and once one is sent, "Your question was sent" in the live region
 * with the question brought into view (#17.2: after Ask it used to land out of view).
 */
import { html, nothing, type TemplateResult } from 'lit';
import type { Dictionary } from '../shared/i18n.js';
import { translations, type QaKey, type YoursKey } from './qa-queue.i18n.js';
import type { QaTally, Question, Section } from './tally.js';
import type { LazyPart } from '../shared/lazy-part.js';
import type * as Sections from './qa-queue.hands-and-sections.js';
import type { FailureHost } from './qa-queue.hands-and-sections.js';
import type { VirtualRows } from './virtual.js';

/** This part's English strings (German ones are in qa-queue.de.ts). */
const en: Dictionary<YoursKey> = {
  sending: 'Sending…',
  yourAwaiting: 'Waiting for a moderator to approve',
  questionSent: 'Your question was sent.',
  yourHidden: 'A moderator hid your question.',
};
Object.assign(translations.en, en);

type T = (key: QaKey, ...args: unknown[]) => string;

/** Per element: the last word about the viewer's own questions (sent, hidden), shown until the next. */
const notices = new WeakMap<object, string>();

/** What the list of own questions reads from the element. */
export interface YoursHost extends FailureHost {
  model: QaTally;
  userId: string;
  canModerate: boolean;
}

/**
 * Own questions that are sending, not sent, or (pre-moderation) awaiting approval. `text`
 * renders a question's text; a failed one's "Not sent" with Retry is the `sections` part's
 * (`writes`: the element's own tally), the badge alone if that part cannot load.
 */
export function yours(
  t: T,
  host: YoursHost,
  text: (q: Question) => TemplateResult,
  sections: LazyPart<typeof Sections>,
  writes: boolean,
): TemplateResult {
  const failed = (q: Question) => {
    // Why it was not sent, with Retry and Discard: the sections part, asked for only now.
    sections.want();
    return sections.module?.failure(t, host, q, writes) ?? (sections.failed ? html`<div class="meta"><span class="badge danger">${t('notSent')}</span></div>` : nothing);
  };
  const mine = host.model.section('mine').slice();
  if (!host.canModerate && host.userId) host.model.section('review').forEach((q) => q.author === host.userId && mine.push(q));
  // The status line is there before its words change, so screen readers announce them.
  return html`<p class="meta" part="notice" role="status">${notices.get(host)}</p>
    ${mine.length ? list(t, mine, text, failed) : nothing}`;
}

function list(t: T, mine: Question[], text: (q: Question) => TemplateResult, failed: (q: Question) => TemplateResult | typeof nothing): TemplateResult {
  return html`<ul part="mine" class="static-list" aria-label=${t('yours')}>
    ${mine.map(
      (q) =>
        html`<li class="item" part="question" data-id=${q.id} tabindex="-1">
          <div class="body">
            ${text(q)}
            ${q.local === 'failed'
              ? failed(q)
              : html`<div class="meta">
                  ${q.local === 'pending' ? html`<span class="badge">${t('sending')}</span>` : html`<span class="badge warn">${t('yourAwaiting')}</span>`}
                </div>`}
          </div>
        </li>`,
    )}
  </ul>`;
}

/**
 * The viewer's question `id` moved to `section`: hidden by a moderator, or else sent. Says so
 * in the status line and, for a sent one, once the element has rendered it, brings it into view
 * in the list (or among "yours" while it awaits approval). In a virtualised list (`rows`) its
 * row may not be rendered: the list scrolls to its place in `order` (the open list's ids).
 */
export async function own(t: T, host: YoursHost, id: string, section: Section, order: readonly string[], rows?: VirtualRows): Promise<void> {
  notices.set(host, t(section === 'hidden' ? 'yourHidden' : 'questionSent'));
  host.requestUpdate();
  if (section === 'hidden') return;
  await host.updateComplete;
  const root = host.renderRoot;
  const row = root.querySelector<HTMLElement>(`[data-id="${CSS.escape(id)}"]`);
  const index = order.indexOf(id);
  if (row) row.scrollIntoView({ block: 'nearest' });
  else if (rows && index >= 0) root.querySelector('.scroller')?.scrollTo({ top: rows.geometry.offsetOf(index) });
}
