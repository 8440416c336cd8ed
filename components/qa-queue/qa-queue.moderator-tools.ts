/**
 * Moderator-only UI of <devroom-qa-queue>: moderation buttons per question and the
 * queue of raised hands. A separate chunk: most viewers never moderate, so they never
 * download it. Pure render functions over a small context; all state stays in the host.
 */
import { html, type ReactiveElement, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { emit } from '../shared/events.js';
import { addStyles } from '../shared/add-styles.js';
import { personLabel, personStyles } from '../shared/person-label.js';
import type { PersonNames } from '../shared/person-name.js';
import { applyModeration } from './moderation.js';
import type { ModerationAction, Question } from './tally.js';
import type { RaisedHand, StageInvite } from './hands.js';
import type { Dictionary } from '../shared/i18n.js';
import { translations, type ModeratorKey, type QaKey } from './qa-queue.i18n.js';
import { shorten } from './text.js';
import './qa-events.js';

/** This part's English strings (German ones are in qa-queue.de.ts). */
const en: Dictionary<ModeratorKey> = {
  pin: 'Pin',
  unpin: 'Unpin',
  markAnswered: 'Mark answered',
  unanswer: 'Not answered',
  hide: 'Hide',
  restore: 'Restore',
  approve: 'Approve',
  moderation: 'Moderation',
  hands: 'Raised hands',
  noHands: 'No raised hands.',
  inviteToStage: 'Invite to stage',
  withdrawInvite: 'Withdraw invitation',
  removeHand: 'Remove',
  invited: 'Invited',
  accepted: 'On stage',
  declined: 'Declined',
  closeQuestions: 'Close questions',
  reopenQuestions: 'Reopen questions',
};
Object.assign(translations.en, en);

type T = (key: QaKey, ...args: unknown[]) => string;

/** The element: where request events are dispatched from; `canModerate` is checked again at the click. */
export interface ModeratorHost extends ReactiveElement {
  canModerate: boolean;
  /** People's names (a binding's): who raised a hand, by name, the id on demand. */
  names?: PersonNames | undefined;
  hands: readonly RaisedHand[];
  invites: readonly StageInvite[];
  /** The talk whose queue is on screen (a room with a schedule). */
  talk?: string | undefined;
}

/** Asks for the moderation state after `action` (the binding writes it as room state). */
function moderate(host: ModeratorHost, q: Question, action: ModerationAction): void {
  if (host.canModerate) emit(host, 'devroom-moderate', { questionId: q.id, action, state: applyModeration(q.moderation, action) });
}

export function moderationButtons(t: T, host: ModeratorHost, q: Question, tab: number): TemplateResult {
  const m = q.moderation;
  const button = (action: ModerationAction, label: string): TemplateResult =>
    html`<button type="button" tabindex=${tab} @click=${() => moderate(host, q, action)}>${label}</button>`;
  let buttons: TemplateResult[];
  if (m.hidden) buttons = [button('restore', t('restore'))];
  else if (m.answered) buttons = [button('unanswer', t('unanswer')), button('hide', t('hide'))];
  else if (q.section === 'review') buttons = [button('approve', t('approve')), button('hide', t('hide'))];
  else
    buttons = [
      m.pinned ? button('unpin', t('unpin')) : button('pin', t('pin')),
      button('answer', t('markAnswered')),
      button('hide', t('hide')),
    ];
  return html`<div class="actions" part="moderation" role="group" aria-label=${t('moderation')}>${buttons}</div>`;
}

/** "Close questions" / "Reopen questions" for the queue on screen (no confirmation: it is undone as easily). */
export const closeButton = (t: T, host: ModeratorHost, closed: boolean): TemplateResult =>
  html`<button type="button" part="close-button" @click=${() => host.canModerate && emit(host, 'devroom-close-questions', { closed: !closed, ...(host.talk ? { talk: host.talk } : {}) })}>
    ${t(closed ? 'reopenQuestions' : 'closeQuestions')}
  </button>`;

export function handsQueue(t: T, host: ModeratorHost): TemplateResult {
  const { hands, invites, names } = host;
  if (names) addStyles(host, personStyles);
  // Accepting or declining lowers the hand: whoever is invited stays listed with their answer
  // (and Withdraw), so a moderator can always take someone off the stage.
  const raised = new Set(hands.map((h) => h.userId));
  const rows = [
    ...hands,
    ...invites.filter((i) => !raised.has(i.userId)).map((i) => ({ userId: i.userId, ts: i.ts, ...(i.displayName ? { displayName: i.displayName } : {}), text: undefined as string | undefined })),
  ];
  return html`<h3 id="hands-heading">${t('hands')} (${hands.length})</h3>
    ${rows.length === 0
      ? html`<p class="hint">${t('noHands')}</p>`
      : html`<ol class="static-list" aria-labelledby="hands-heading">
          ${repeat(
            rows,
            (h) => h.userId,
            (h) => {
              const invite = invites.find((i) => i.userId === h.userId);
              const status = invite
                ? invite.response === 'accepted'
                  ? t('accepted')
                  : invite.response === 'declined'
                    ? t('declined')
                    : t('invited')
                : '';
              return html`<li class="item" part="hand">
                <div class="body">
                  ${names ? personLabel(names(h.userId)) : html`<bdi dir="auto">${shorten(h.displayName || h.userId, 80).text}</bdi>`}
                  ${status ? html`<span class="badge">${status}</span>` : ''}
                  ${h.text ? html`<p class="text"><bdi dir="auto">${shorten(h.text, 200).text}</bdi></p>` : ''}
                  <div class="actions">
                    ${invite
                      ? html`<button type="button" @click=${() => emit(host, 'devroom-stage-withdraw', { userId: h.userId })}>
                          ${t('withdrawInvite')}
                        </button>`
                      : html`<button type="button" class="primary" @click=${() => emit(host, 'devroom-stage-invite', { userId: h.userId })}>
                          ${t('inviteToStage')}
                        </button>`}
                    <button type="button" @click=${() => emit(host, 'devroom-remove-hand', { userId: h.userId })}>${t('removeHand')}</button>
                  </div>
                </div>
              </li>`;
            },
          )}
        </ol>`}`;
}
