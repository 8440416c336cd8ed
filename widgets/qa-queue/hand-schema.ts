import type { RoomEvent } from '../room/room.js';
import { ownKey, wrongField } from '../schema/state-checks.js';
import { isUserId } from '../schema/validate.js';

/** Stage invites are keyed `stage:<user id>` (see stageKey in stage.ts). */
export const stageUser = (key: string): string | undefined => {
  const user = key.startsWith('stage:') ? key.slice(6) : undefined;
  return user && isUserId(user) ? user : undefined;
};

/**
 * The content `at` (and a stage state's `at`, `dismissedAt`) is the writer's own device clock:
 * written, checked for type, never compared. Whether a hand or an answer came after an invite or
 * a dismissal, and the queue's order, go by `origin_server_ts` (see `supersedes`, docs/schema.md).
 */
export interface HandState {
  raised: boolean;
  text?: string;
  /** The answer to a stage invite; `ended`: accepted, and the talk has ended since (the invitee's talk player writes it). */
  stage?: 'accepted' | 'declined' | 'ended';
}

const isAnswer = (stage: unknown): stage is HandState['stage'] => stage === 'accepted' || stage === 'declined' || stage === 'ended';

/** `dev.devroom.qa.hand` content (state key = the user's own id, enforced by the server). */
export function parseHand(content: Record<string, unknown>): HandState {
  const text = typeof content.text === 'string' ? content.text.trim().slice(0, 200) : '';
  return {
    raised: content.raised === true,
    ...(text ? { text } : {}),
    ...(isAnswer(content.stage) ? { stage: content.stage } : {}),
  };
}

/**
 * A hand state with no answer, written after the invite, supersedes it: the invitee answered it
 * before (declined, or accepted until the talk ended) and raised their hand again, a new request,
 * or let it go by lowering their hand. Only an invite sent after that asks again. By the server's
 * times, not `at`: that is each writer's own clock (two people's devices may disagree by minutes,
 * which would hide a new invite or bring back an old one), while homeservers stamp both (docs/schema.md).
 */
export const supersedes = (hand: RoomEvent, stage: RoomEvent) => hand.content.stage == null && hand.origin_server_ts > stage.origin_server_ts;

export interface StageState {
  invited: boolean;
  by?: string;
  /** A moderator took this user's hand off the queue (`dismissedAt`): hands from before this state's server time stay off. */
  dismissed?: true;
}

export function parseStage(content: Record<string, unknown>): StageState {
  return {
    invited: content.invited === true,
    ...(isUserId(content.by) ? { by: content.by } : {}),
    ...(typeof content.dismissedAt === 'number' && Number.isFinite(content.dismissedAt) ? { dismissed: true as const } : {}),
  };
}

// The checks of these events (StateWatch-style, widgets/schema/state-checks.ts), beside their
// parsers: only the code that reads hands judges them, and it loads on demand (the Q&A's
// hands.ts, the talk player's stage-and-host.ts), so they stay out of every first load.

/** `dev.devroom.qa.hand`, keyed by the hand's owner. */
export const handProblem = (e: RoomEvent) => {
  const { stage } = e.content;
  return (
    ownKey(e) ??
    wrongField(e.content, { raised: 'boolean', text: 'string', at: 'number', stage: 'string' }) ??
    (stage != null && !isAnswer(stage) ? 'stage: expected accepted, declined or ended' : undefined)
  );
};

/** `dev.devroom.qa.stage`, keyed `stage:<user id>` (stage-schema.ts). */
export const stageProblem = (e: RoomEvent) => {
  const { by } = e.content;
  return !stageUser(e.state_key ?? '')
    ? 'state key is not stage:<user id>'
    : (wrongField(e.content, { invited: 'boolean', at: 'number', dismissedAt: 'number' }) ?? (by != null && !isUserId(by) ? 'by: expected a user id' : undefined));
};
