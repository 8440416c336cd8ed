/**
 * The Q&A binding's rarer requests: moderation, hands and the stage (all room state), and
 * opening the Q&A (root notice + state) when a moderator asks the first question. A chunk
 * loaded with the first such request: most attendees only ask and vote.
 */
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../schema/qa.js';
import { createRoot } from './create-root.js';
import type { PowerWatch } from './room-sync.js';
import type { QaBindingOptions, QaRequest } from './qa-queue.js';

type Send<K extends QaRequest> = (room: Room, me: string, detail: GlobalEventHandlersEventMap[K]['detail']) => Promise<unknown>;

const hand = (room: Room, me: string, content: Record<string, unknown>) => room.sendState(EventTypes.qaHand, me, content);
const stage = (room: Room, userId: string, content: Record<string, unknown>) => room.sendState(EventTypes.qaStage, stageKey(userId), content);

export const requests: { [K in QaRequest]: Send<K> } = {
  'devroom-moderate': (room, _me, d) => room.sendState(EventTypes.qaQuestionState, d.questionId, { ...d.state }),
  'devroom-raise-hand': (room, me, d) => hand(room, me, { raised: true, ...(d.text ? { text: d.text } : {}), at: Date.now() }),
  'devroom-lower-hand': (room, me) => hand(room, me, { raised: false }),
  'devroom-accept-stage': (room, me) => hand(room, me, { raised: false, stage: 'accepted', at: Date.now() }),
  'devroom-decline-stage': (room, me) => hand(room, me, { raised: false, stage: 'declined', at: Date.now() }),
  'devroom-stage-invite': (room, me, d) => stage(room, d.userId, { invited: true, by: me, at: Date.now() }),
  'devroom-stage-withdraw': (room, _me, d) => stage(room, d.userId, { invited: false }),
  // A moderator cannot write somebody else's hand (`@` state key): dismiss it on the stage key.
  'devroom-remove-hand': (room, _me, d) => stage(room, d.userId, { invited: false, dismissedAt: Date.now() }),
};

/** Opens the Q&A (the visible root notice, then the root state pointing at it) if the viewer may; resolves to the root's id. */
export async function openQa(room: Room, power: PowerWatch, { title, hasCapability }: QaBindingOptions): Promise<string> {
  const may =
    power.can(room.userId, EventTypes.root, true) &&
    hasCapability(`org.matrix.msc2762.send.state_event:${EventTypes.root}#qa`) &&
    hasCapability('org.matrix.msc2762.send.event:m.room.message#m.notice');
  if (!may) throw new Error('The Q&A is not open yet: a moderator opens it.');
  const root = await createRoot(room, 'qa', `💬 Q&A${title ? ` — ${title}` : ''}: ask and vote in the devroom Q&A widget (or react 👍 to a question).`);
  return root.eventId;
}
