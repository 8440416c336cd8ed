import type { Translations } from '../shared/i18n.js';

/** UI strings of <devroom-qa-queue>. */
export type QaKey =
  | 'title'
  | 'askLabel'
  | 'askPlaceholder'
  | 'ask'
  | 'counter'
  | 'emptyRefused'
  | 'tooLong'
  | 'noQuestions'
  | 'vote'
  | 'votes'
  | 'showMore'
  | 'showLess'
  | 'pinned'
  | 'yours'
  | 'sending'
  | 'notSent'
  | 'retry'
  | 'discard'
  | 'awaitingApproval'
  | 'yourAwaiting'
  | 'answered'
  | 'hidden'
  | 'moreItems'
  | 'updates'
  | 'newQuestion'
  | 'newQuestions'
  | 'pin'
  | 'unpin'
  | 'markAnswered'
  | 'unanswer'
  | 'hide'
  | 'restore'
  | 'approve'
  | 'moderation'
  | 'hands'
  | 'raiseHand'
  | 'handText'
  | 'lowerHand'
  | 'handRaised'
  | 'noHands'
  | 'inviteToStage'
  | 'withdrawInvite'
  | 'removeHand'
  | 'invited'
  | 'accepted'
  | 'declined'
  | 'stageInvite'
  | 'accept'
  | 'decline'
  | 'stageAccepted';

export const translations: Translations<QaKey> = {
  en: {
    title: 'Questions',
    askLabel: 'Ask a question',
    askPlaceholder: 'Your question…',
    ask: 'Ask',
    counter: (n: number, max: number) => `${n} / ${max}`,
    emptyRefused: 'Type a question first.',
    tooLong: (max: number) => `Questions can be at most ${max} characters.`,
    noQuestions: 'No questions yet. Be the first to ask!',
    vote: 'Vote',
    votes: (n: number) => (n === 1 ? '1 vote' : `${n} votes`),
    showMore: 'Show more',
    showLess: 'Show less',
    pinned: 'Pinned',
    yours: 'Your question',
    sending: 'Sending…',
    notSent: 'Not sent',
    retry: 'Retry',
    discard: 'Discard',
    awaitingApproval: 'Awaiting approval',
    yourAwaiting: 'Waiting for a moderator to approve',
    answered: 'Answered',
    hidden: 'Hidden',
    moreItems: (n: number) => `Show more (${n} left)`,
    updates: (n: number) => (n === 1 ? '1 update — show' : `${n} updates — show`),
    newQuestion: (text: string) => `New question: ${text}`,
    newQuestions: (n: number) => `${n} new questions`,
    pin: 'Pin',
    unpin: 'Unpin',
    markAnswered: 'Mark answered',
    unanswer: 'Not answered',
    hide: 'Hide',
    restore: 'Restore',
    approve: 'Approve',
    moderation: 'Moderation',
    hands: 'Raised hands',
    raiseHand: 'Raise hand',
    handText: 'What would you like to say? (optional)',
    lowerHand: 'Lower hand',
    handRaised: (position: number) => `Your hand is raised (#${position} in the queue).`,
    noHands: 'No raised hands.',
    inviteToStage: 'Invite to stage',
    withdrawInvite: 'Withdraw invitation',
    removeHand: 'Remove',
    invited: 'Invited',
    accepted: 'On stage',
    declined: 'Declined',
    stageInvite: 'You are invited to join the stage.',
    accept: 'Join the stage',
    decline: 'Decline',
    stageAccepted: 'You accepted. The talk player connects you to the stage.',
  },
  de: {
    title: 'Fragen',
    askLabel: 'Frage stellen',
    askPlaceholder: 'Deine Frage …',
    ask: 'Fragen',
    emptyRefused: 'Bitte zuerst eine Frage eingeben.',
    tooLong: (max: number) => `Fragen dürfen höchstens ${max} Zeichen lang sein.`,
    noQuestions: 'Noch keine Fragen. Stell die erste!',
    vote: 'Abstimmen',
    votes: (n: number) => (n === 1 ? '1 Stimme' : `${n} Stimmen`),
    showMore: 'Mehr anzeigen',
    showLess: 'Weniger anzeigen',
    pinned: 'Angeheftet',
    yours: 'Deine Frage',
    sending: 'Wird gesendet …',
    notSent: 'Nicht gesendet',
    retry: 'Erneut senden',
    discard: 'Verwerfen',
    awaitingApproval: 'Wartet auf Freigabe',
    yourAwaiting: 'Wartet auf Freigabe durch die Moderation',
    answered: 'Beantwortet',
    hidden: 'Ausgeblendet',
    moreItems: (n: number) => `Mehr anzeigen (noch ${n})`,
    updates: (n: number) => (n === 1 ? '1 Änderung – anzeigen' : `${n} Änderungen – anzeigen`),
    newQuestion: (text: string) => `Neue Frage: ${text}`,
    newQuestions: (n: number) => `${n} neue Fragen`,
    pin: 'Anheften',
    unpin: 'Lösen',
    markAnswered: 'Als beantwortet markieren',
    unanswer: 'Nicht beantwortet',
    hide: 'Ausblenden',
    restore: 'Wiederherstellen',
    approve: 'Freigeben',
    moderation: 'Moderation',
    hands: 'Meldungen',
    raiseHand: 'Hand heben',
    handText: 'Was möchtest du sagen? (optional)',
    lowerHand: 'Hand senken',
    handRaised: (position: number) => `Deine Hand ist gehoben (Platz ${position}).`,
    noHands: 'Keine Meldungen.',
    inviteToStage: 'Auf die Bühne einladen',
    withdrawInvite: 'Einladung zurückziehen',
    removeHand: 'Entfernen',
    invited: 'Eingeladen',
    accepted: 'Auf der Bühne',
    declined: 'Abgelehnt',
    stageInvite: 'Du bist auf die Bühne eingeladen.',
    accept: 'Auf die Bühne',
    decline: 'Ablehnen',
    stageAccepted: 'Angenommen. Der Talk-Player verbindet dich mit der Bühne.',
  },
};
