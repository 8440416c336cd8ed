import type { CapabilitySpec } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { READ_MEMBERS } from '../shared/read-members.js';

/**
 * Everything the Q&A widget asks for, once, up front. Moderator-only sends are optional.
 * Roots are asked for with any state key: the room's `qa` and each talk's `qa:<talk id>`,
 * whose ids the widget learns only from the schedule it reads after asking.
 */
export function qaCapabilities({ userId }: { userId: string }): CapabilitySpec {
  return {
    readState: [
      { type: 'm.room.power_levels', stateKey: '' },
      { type: EventTypes.root },
      // The room's talks ("" or one event per day): which talk's queue is current.
      { type: EventTypes.schedule },
      { type: EventTypes.qaQuestionState },
      { type: EventTypes.qaHand },
      { type: EventTypes.qaStage },
      // The vote snapshot a late joiner starts from (vote-snapshot-read.ts).
      { type: EventTypes.qaVotes },
    ],
    readEvents: [{ type: 'm.room.message', msgtype: 'm.text' }, { type: 'm.reaction' }],
    sendEvents: [{ type: 'm.room.message', msgtype: 'm.text' }, { type: 'm.reaction' }],
    sendState: [{ type: EventTypes.qaHand, stateKey: userId }],
    redact: true,
    // People's names (authors, hands, who invites you on stage); declined, they show by id.
    optional: [...moderatorCapabilities(), READ_MEMBERS],
  };
}

function moderatorCapabilities(): string[] {
  const state = (type: string) => `org.matrix.msc2762.send.state_event:${type}`;
  return [
    state(EventTypes.qaQuestionState),
    state(EventTypes.qaStage),
    state(EventTypes.root),
    // Moderators keep the vote snapshot (vote-snapshot-write.ts).
    state(EventTypes.qaVotes),
    // The root is a visible m.notice.
    'org.matrix.msc2762.send.event:m.room.message#m.notice',
  ];
}
