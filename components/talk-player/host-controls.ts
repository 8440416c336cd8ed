import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import { addStyles } from '../shared/add-styles.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import type { TalkPhase } from './phases.js';

/**
 * The host controls: only users with power to change the talk see them, so they load on
 * demand (with their strings and CSS) when `can-host` is set. The player decides nothing:
 * each button emits a request the page or binding answers.
 */

const en = {
  label: 'Host controls',
  startQa: 'Start Q&A',
  resumeTalk: 'Back to the talk',
  openCall: 'Open the call to everyone',
  closeCall: 'Close the call to everyone',
  endTalk: 'End the talk',
  followSchedule: 'Follow the schedule',
};
const strings: Record<string, typeof en> = {
  en,
  de: {
    label: 'Moderation',
    startQa: 'Fragerunde starten',
    resumeTalk: 'Zurück zum Vortrag',
    openCall: 'Anruf für alle öffnen',
    closeCall: 'Anruf für alle schließen',
    endTalk: 'Vortrag beenden',
    followSchedule: 'Dem Zeitplan folgen',
  },
};

const styles = css`
  .host {
    padding-top: 0.5rem;
    border-top: 1px solid var(--_border);
  }
`;

export function renderHostControls(el: DevroomTalkPlayer, lang: string): TemplateResult {
  addStyles(el, styles);
  const t = strings[lang.split('-')[0] ?? lang] ?? en;
  const phase = el.currentPhase;
  const b = (label: string, fn: () => void) => html`<button part="button" @click=${fn}>${label}</button>`;
  const request = (next: TalkPhase | null) => () => emit(el, 'devroom-phase-request', { phase: next });
  return html`<div part="host-controls" class="host" role="group" aria-label=${t.label}>
    ${phase !== 'qa' ? b(t.startQa, request('qa')) : b(t.resumeTalk, request('talk'))}
    ${b(el.hallway ? t.closeCall : t.openCall, () => emit(el, 'devroom-hallway-request', { open: !el.hallway }))}
    ${phase !== 'ended' ? b(t.endTalk, request('ended')) : nothing}
    ${el.phase ? b(t.followSchedule, request(null)) : nothing}
  </div>`;
}
