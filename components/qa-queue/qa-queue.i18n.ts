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
  | 'stageAccepted'
  | 'askInRoom';

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
    askInRoom: 'Ask and vote in the Matrix room',
  },
};
