import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { addStyles } from '../shared/add-styles.js';
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

export function renderHostControls(el: DevroomTalkPlayer, lang: string): TemplateResult {
  addStyles(el, styles);
  const t = wordsFor(lang);
  const phase = el.currentPhase;
  const b = (label: string, fn: () => void) => html`<button part="button" @click=${fn}>${label}</button>`;
  const request = (next: TalkPhase | null) => () => emit(el, 'devroom-phase-request', { phase: next });
  return html`<div part="host-controls" class="host actions" role="group" aria-label=${t.hostControls}>
    ${phase !== 'qa' ? b(t.startQa, request('qa')) : b(t.resumeTalk, request('talk'))}
    ${b(el.hallway ? t.closeCall : t.openCall, () => emit(el, 'devroom-hallway-request', { open: !el.hallway }))}
    ${phase !== 'ended' ? b(t.endTalk, request('ended')) : nothing}
    ${el.phase ? b(t.followSchedule, request(null)) : nothing}
  </div>`;
}

/** `answer(true)` accepts, `answer(false)` declines. */
export function renderStageInvite(el: DevroomTalkPlayer, invite: StageInvite, lang: string, answer: (accept: boolean) => void): TemplateResult {
  addStyles(el, styles);
  const t = wordsFor(lang);
  const text = t.invite(invite.by ?? '');
  return html`<div part="invite" class="invite actions" role="group" aria-label=${text}>
    <span>${text}</span>
    <button part="button" class="primary" @click=${() => answer(true)}>${t.accept}</button>
    <button part="button" @click=${() => answer(false)}>${t.decline}</button>
  </div>`;
}
