import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { addStyles } from '../shared/add-styles.js';
import { personLabel, personStyles } from '../shared/person-label.js';
import type { DevroomTalkPlayer, StageInvite } from './talk-player.js';
import type { TalkPhase } from './phases.js';
import { stageWords } from './stage-controls.i18n.js';

/**
 * The stage controls: the host's (phase, open call) for users with power to change the talk,
 * and the stage invitation for a viewer a Q&A moderator asked on stage. Most viewers never
 * see either, so talk-player.ts loads this module on demand. The player decides nothing here:
 * each button emits a request the page or binding answers.
 */

/** The words for the player's language (`lang` as the player resolved it, e.g. `de-at`). */
const wordsFor = (lang: string) => stageWords[lang.split('-')[0] ?? lang] ?? stageWords.en!;

const styles = css`
  .host {
    padding-top: 0.5rem;
    border-top: 1px solid var(--_border);
  }
  .invite {
    padding: 0.5rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;

/** Players whose host asked to end the talk and has not confirmed or cancelled yet. */
const confirmingEnd = new WeakSet<DevroomTalkPlayer>();

/** After the update, focus the button `selector` finds (the confirmation, or back to "End the talk"). */
const focusAfterUpdate = (el: DevroomTalkPlayer, selector: string) =>
  void el.updateComplete.then(() => el.renderRoot.querySelector<HTMLButtonElement>(selector)?.focus());

export function renderHostControls(el: DevroomTalkPlayer, lang: string): TemplateResult {
  addStyles(el, styles);
  const t = wordsFor(lang);
  const phase = el.currentPhase;
  const b = (label: string, fn: () => void, name = '') => html`<button part="button" data-name=${name || nothing} @click=${fn}>${label}</button>`;
  const request = (next: TalkPhase | null) => () => emit(el, 'devroom-phase-request', { phase: next });
  // Ending the talk ends it for every viewer: it asks first, in place (no modal in a widget's frame).
  const confirmEnd = (on: boolean) => () => {
    if (on) confirmingEnd.add(el);
    else confirmingEnd.delete(el);
    el.requestUpdate();
    focusAfterUpdate(el, on ? '[data-name="end-confirm"]' : '[data-name="end"]');
  };
  const end =
    phase === 'ended'
      ? nothing
      : confirmingEnd.has(el)
        ? html`<span id="end-question">${t.endConfirm}</span>
            <button part="button" class="primary" data-name="end-confirm" aria-describedby="end-question" @click=${() => (confirmingEnd.delete(el), request('ended')())}>${t.endIt}</button>
            ${b(t.cancel, confirmEnd(false))}`
        : b(t.endTalk, confirmEnd(true), 'end');
  return html`<div part="host-controls" class="host actions" role="group" aria-label=${t.hostControls}>
    ${phase !== 'qa' ? b(t.startQa, request('qa')) : b(t.resumeTalk, request('talk'))}
    ${b(el.hallway ? t.closeCall : t.openCall, () => emit(el, 'devroom-hallway-request', { open: !el.hallway }))}
    ${end}
    ${el.phase ? b(t.followSchedule, request(null)) : nothing}
  </div>`;
}

/** `answer(true)` accepts, `answer(false)` declines. */
export function renderStageInvite(el: DevroomTalkPlayer, invite: StageInvite, lang: string, answer: (accept: boolean) => void): TemplateResult {
  addStyles(el, styles);
  addStyles(el, personStyles);
  const t = wordsFor(lang);
  const who = invite.inviter;
  const text = t.invite(who ? who.text : (invite.by ?? ''));
  // The inviter's name in the sentence, with their id on demand: the words around a marker.
  const [before, after] = who ? t.invite('\u0000').split('\u0000') : [text];
  return html`<div part="invite" class="invite actions" role="group" aria-label=${text}>
    <span>${who ? html`${before}${personLabel(who)}${after}` : text}</span>
    <button part="button" class="primary" @click=${() => answer(true)}>${t.accept}</button>
    <button part="button" @click=${() => answer(false)}>${t.decline}</button>
  </div>`;
}
