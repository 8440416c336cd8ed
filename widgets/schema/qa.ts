import { EventTypes } from './namespace.js';

// The Q&A schema, gathered for the talk player and widgets/index.ts. The Q&A binding imports
// the halves directly: questions / votes / moderation (qa-questions.ts) in its first load,
// hands / stage (qa-hands.ts) only once a room has any — a re-export from a first-load
// module would put a module in the first load.
export * from './qa-questions.js';
export { parseHand, parseStage, stageUser, type HandState, type StageState } from './qa-hands.js';

// Stage invite keys (stage.ts: the talk player imports them without the rest of this file).
export { stageKey } from './stage.js';

export const QA_TYPES = {
  question: EventTypes.qaQuestionState,
  hand: EventTypes.qaHand,
  stage: EventTypes.qaStage,
} as const;
