import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import type { DevroomTalkPlayer, StageInvite } from './talk-player.js';

/**
 * The stage invitation (a Q&A moderator asks this viewer on stage): it arrives from the
 * room, with the network up, so it loads on demand with its strings and CSS.
 */

const en = {
  invite: (by: string) => (by ? `${by} invites you on stage for the Q&A.` : 'You are invited on stage for the Q&A.'),
  accept: 'Join on stage',
  decline: 'No, thanks',
};
const strings: Record<string, typeof en> = {
  en,
  de: {
    invite: (by: string) => (by ? `${by} lädt dich für die Fragerunde auf die Bühne ein.` : 'Du bist für die Fragerunde auf die Bühne eingeladen.'),
    accept: 'Auf die Bühne',
    decline: 'Nein, danke',
  },
};

const styles = css`
  .invite {
    padding: 0.5rem;
    border: 1px solid var(--_accent);
    border-radius: var(--_radius);
    background: var(--_surface);
  }
`;

/** `answer(true)` accepts, `answer(false)` declines. */
export function renderStageInvite(el: DevroomTalkPlayer, invite: StageInvite, lang: string, answer: (accept: boolean) => void): TemplateResult {
  addStyles(el, styles);
  const t = strings[lang.split('-')[0] ?? lang] ?? en;
  const text = t.invite(invite.by ?? '');
  return html`<div part="invite" class="invite" role="group" aria-label=${text}>
    <span>${text}</span>
    <button part="button" class="primary" @click=${() => answer(true)}>${t.accept}</button>
    <button part="button" @click=${() => answer(false)}>${t.decline}</button>
  </div>`;
}
