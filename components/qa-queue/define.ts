import './register.js';
import { DevroomQaQueue } from './qa-queue.js';

export { DevroomQaQueue };
export { QaTally, normaliseVoteKey, VOTE_KEY, SECTIONS } from './tally.js';
export { applyModeration } from './moderation.js';
export type {
  Question,
  QuestionData,
  QuestionInput,
  VoteInput,
  Moderation,
  ModerationAction,
  LocalState,
  Section,
  SectionView,
  TallyChange,
} from './tally.js';
export { HandsModel } from './hands.js';
export type { RaisedHand, StageInvite, StageResponse } from './hands.js';
export { parseQuestions, loadQuestions } from './data.js';
export type * from './qa-events.js';

declare global {
  interface HTMLElementTagNameMap {
    'devroom-qa-queue': DevroomQaQueue;
  }
}
