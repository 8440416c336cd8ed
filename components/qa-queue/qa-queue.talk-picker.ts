/**
 * The talk picker of <devroom-qa-queue>: in a room with a schedule, the current talk and the
 * earlier ones, by time and title; choosing one asks for its questions (`devroom-pick-talk`).
 * A separate chunk: a room without a schedule, or at its first talk, never needs it.
 */
import { css, html, nothing, type ReactiveElement, type TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import { emit } from '../shared/events.js';
import type { Dictionary } from '../shared/i18n.js';
import { translations, type PickerKey, type QaKey } from './qa-queue.i18n.js';
import type { QaTalk } from './qa-queue.js';
import './qa-events.js';

/** This part's English strings (German ones are in qa-queue.de.ts). */
const en: Dictionary<PickerKey> = {
  talk: 'Talk',
  talkEnded: 'This talk has ended: its questions stay here to read.',
};
Object.assign(translations.en, en);

type T = (key: QaKey, ...args: unknown[]) => string;

const styles = css`
  .talk-pick {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    align-items: center;
  }
  .talk-pick select {
    flex: 1;
    min-width: 0;
  }
  .talk-pick .note {
    flex-basis: 100%;
    margin: 0;
    color: var(--_muted);
  }
`;

/**
 * The picker, and under it, for an ended talk (any but the last, the current one), why there
 * is nothing to ask or vote. `time` words a talk's start in the viewer's language.
 */
export function talkPicker(t: T, host: ReactiveElement, talks: readonly QaTalk[], shown: string | undefined, time: (ts: number) => string): TemplateResult {
  addStyles(host, styles);
  const ended = shown !== undefined && shown !== talks[talks.length - 1]?.id;
  return html`<div class="talk-pick" part="talk-picker">
    <label for="talk">${t('talk')}</label>
    <select id="talk" @change=${(e: Event) => emit(host, 'devroom-pick-talk', { talkId: (e.target as HTMLSelectElement).value })}>
      ${talks.map((k) => html`<option value=${k.id} ?selected=${k.id === shown}>${time(Date.parse(k.startsAt))} · ${k.title}</option>`)}
    </select>
    ${ended ? html`<p class="note" role="status">${t('talkEnded')}</p>` : nothing}
  </div>`;
}
