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
  | 'loading'
  | 'vote'
  | 'votes'
  | 'pinned'
  | 'yours'
  | 'notSent'
  | 'raiseHand';

const en: Dictionary<CoreKey> = {
  title: 'Questions',
  askLabel: 'Ask a question',
  askPlaceholder: 'Your question…',
  ask: 'Ask',
  counter: (n: number, max: number) => `${n} / ${max}`,
  emptyRefused: 'Type a question first.',
  tooLong: (max: number) => `Questions can be at most ${max} characters.`,
  noQuestions: 'No questions yet. Be the first to ask!',
  // While a queue's questions are read (start-up, the next talk): never "no questions" then.
  loading: 'Loading questions…',
  vote: 'Vote',
  votes: (n: number) => (n === 1 ? '1 vote' : `${n} votes`),
  pinned: 'Pinned',
  yours: 'Your question',
  notSent: 'Not sent',
  // "Raise hand" renders before the hands-and-sections part, whose panel has the hand's form (most viewers never raise a hand).
  raiseHand: 'Raise hand',
};

/** Strings only the moderator tools render: their English joins `translations.en` when they load. */
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
  | 'declined'
  | 'closeQuestions'
  | 'reopenQuestions';
/** Strings only the hands-and-sections part renders (hands, stage, read-only, paging): likewise. */
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
  | 'handText'
  | 'cancel'
  | 'stageInviteBy'
  | 'handRaised'
  | 'stageInvite'
  | 'accept'
  | 'decline'
  | 'stageAccepted'
  | 'askInRoom'
  | 'moreItems'
  | 'retry'
  | 'discard'
  | 'notOpen'
  | 'earlierTalk'
  | 'closed';
/** Strings only the viewer's own questions render (qa-queue.yours.ts): likewise. */
export type YoursKey = 'sending' | 'yourAwaiting' | 'questionSent' | 'yourHidden';
/** Strings only the speaker view renders (qa-queue.big-screen.ts): likewise. */
export type SpeakerKey = 'minutesLeft' | 'timeUp' | 'topQuestions' | 'noneYet';
/** Strings only the talk picker renders (qa-queue.talk-picker.ts): likewise. */
export type PickerKey = 'talk' | 'talkEnded';
export type QaKey = CoreKey | ModeratorKey | SectionsKey | YoursKey | SpeakerKey | PickerKey;

/** English is complete once a chunk has added its strings, and a chunk renders only its own. */
export const translations = { en } as Translations<QaKey>;
