import { EventTypes } from '../schema/namespace.js';

// The Q&A schema, gathered for the talk player and widgets/index.ts. The Q&A binding imports
// the halves directly: questions / votes / moderation (question-schema.ts) in its first load,
// hands / stage (hand-schema.ts) only once a room has any — a re-export from a first-load
// module would put a module in the first load.
export * from './question-schema.js';
export { parseHand, parseStage, stageUser, type HandState, type StageState } from './hand-schema.js';

// Stage invite keys (stage-schema.ts: the talk player imports them without the rest of this file).
export { stageKey } from './stage-schema.js';

export const QA_TYPES = {
  question: EventTypes.qaQuestionState,
  hand: EventTypes.qaHand,
  stage: EventTypes.qaStage,
} as const;
