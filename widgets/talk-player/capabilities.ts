import type { CapabilitySpec } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { READ_MEMBERS } from '../shared/read-members.js';

/** Sending the talk state: optional, only hosts use it (the binding shows host controls only with it). */
export const SEND_TALK = `org.matrix.msc2762.send.state_event:${EventTypes.talk}#`;

/** Everything the talk widget asks for, once, up front. */
export function talkCapabilities({ userId }: { userId: string }): CapabilitySpec {
  return {
    readState: [
      { type: 'm.room.power_levels', stateKey: '' },
      { type: EventTypes.talk, stateKey: '' },
      // Every key: "" or one per day (widgets/schema/schedule.ts).
      { type: EventTypes.schedule },
      { type: EventTypes.qaStage, stateKey: stageKey(userId) },
      { type: EventTypes.qaHand, stateKey: userId },
    ],
    // Answering a stage invite is written on the user's own hand state.
    sendState: [{ type: EventTypes.qaHand, stateKey: userId }],
    alwaysOnScreen: true,
    // Only hosts use it; everyone else may decline it and keep watching. Members: who
    // invites you on stage, by name.
    optional: [SEND_TALK, READ_MEMBERS],
  };
}
