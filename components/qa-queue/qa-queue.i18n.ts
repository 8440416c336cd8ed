import type { Dictionary, Translations } from '../shared/i18n.js';

/** UI strings of <devroom-qa-queue> in its first load. */
type CoreKey =
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
  | 'pinned'
  | 'yours'
  | 'sending'
  | 'notSent'
  | 'retry'
  | 'discard'
  | 'yourAwaiting'
  | 'raiseHand'
  | 'handText';

const en: Dictionary<CoreKey> = {
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
  pinned: 'Pinned',
  yours: 'Your question',
  sending: 'Sending…',
  notSent: 'Not sent',
  retry: 'Retry',
  discard: 'Discard',
  yourAwaiting: 'Waiting for a moderator to approve',
  // The raise-hand form renders before the sections chunk (most viewers never raise a hand).
  raiseHand: 'Raise hand',
  handText: 'What would you like to say? (optional)',
};

/** Strings only the moderator chunk renders: its English joins `translations.en` when it loads. */
export type ModeratorKey =
  | 'pin'
  | 'unpin'
  | 'markAnswered'
  | 'unanswer'
  | 'hide'
  | 'restore'
  | 'approve'
  | 'moderation'
  | 'hands'
  | 'noHands'
  | 'inviteToStage'
  | 'withdrawInvite'
  | 'removeHand'
  | 'invited'
  | 'accepted'
  | 'declined';
/** Strings only the sections chunk renders (hands, stage, read-only, paging): likewise. */
export type SectionsKey =
  | 'newQuestion'
  | 'newQuestions'
  | 'showMore'
  | 'showLess'
  | 'updates'
  | 'awaitingApproval'
  | 'answered'
  | 'hidden'
  | 'lowerHand'
  | 'handRaised'
  | 'stageInvite'
  | 'accept'
  | 'decline'
  | 'stageAccepted'
  | 'askInRoom'
  | 'moreItems';
export type QaKey = CoreKey | ModeratorKey | SectionsKey;

/** English is complete once a chunk has added its strings, and a chunk renders only its own. */
export const translations = { en } as Translations<QaKey>;
