/**
 * The Q&A binding's rarer requests: moderation, hands and the stage (all room state), and
 * opening the Q&A (root notice + state) when a moderator asks the first question. A chunk
 * loaded with the first such request: most attendees only ask and vote.
 */
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from './schema.js';
import { LOCAL_ID_KEY, qaRootKey, type QaRootKey } from './question-schema.js';
import { rootIds } from '../schema/root.js';
import { createRoot, repairRoot } from '../shared/create-root.js';
import type { PowerWatch } from '../shared/room-sync.js';
import type { QaRequest } from './root-binding.js';
import type { QaSendProblem } from '../../components/qa-queue/qa-events.js';

// The hands code travels in this chunk: its readers (moderators, a viewer with a hand or an
// invitation) are the people who send these requests, so one chunk, not two, is in the first load's map.
export { followHands } from './hands.js';

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
  'devroom-close-questions': (room, _me, d) => closeQuestions(room, qaRootKey(d.talk), d.closed),
};

/** What opening a Q&A needs from the binding: the client's grants, the root's key (`qa`, `qa:<talk id>`), and its name for the notice. */
export interface Opener {
  hasCapability(capability: string): boolean;
  key: QaRootKey;
  title?: string;
}

/** Whether the viewer may write Q&A roots (power, and the client granted the root state, any key, and the notice: capabilities.ts). */
const mayOpen = (room: Room, power: PowerWatch, { hasCapability }: Opener) =>
  power.can(room.userId, EventTypes.root, true) &&
  hasCapability(`org.matrix.msc2762.send.state_event:${EventTypes.root}`) &&
  hasCapability('org.matrix.msc2762.send.event:m.room.message#m.notice');

/**
 * Opens the Q&A (the visible root notice, then the root state pointing at it) if the viewer
 * may; resolves to the root's id (one another moderator wrote meanwhile is adopted). The
 * root counts at once (`add`), without waiting for the state's echo: a client that delivers
 * only the latest of two quick state events would otherwise never show it, nor put it back.
 */
export async function openQa(room: Room, power: PowerWatch, options: Opener, known: ReadonlySet<string>, add: (id: string) => void): Promise<string> {
  const { title, key } = options;
  // The element words it ("The Q&A is not open yet …") in the viewer's language.
  if (!mayOpen(room, power, options)) throw new Error('not-open' satisfies QaSendProblem);
  const root = await createRoot(room, key, `💬 Q&A${title ? ` — ${title}` : ''}: ask and vote in the devroom Q&A widget (or react 👍 to a question).`);
  add(root.eventId);
  void repair(room, power, options, known);
  return root.eventId;
}

/** Puts roots this widget counts back into the state, or (without the power) re-sends our own questions (create-root.ts). */
const repair = (room: Room, power: PowerWatch, options: Opener, known: ReadonlySet<string>) =>
  repairRoot({ room, purpose: options.key, known, mayWrite: () => mayOpen(room, power, options), itemType: 'm.room.message', localIdKey: LOCAL_ID_KEY });

/**
 * A Q&A root state with earlier roots, or one that lacks a root this widget read: reads the
 * questions of every root it names (`add`), and puts a missing root back in the state, or
 * (without the power) re-sends our own questions (create-root.ts).
 */
export function moreRoots(room: Room, power: PowerWatch, options: Opener, state: RoomEvent, known: ReadonlySet<string>, add: (id: string) => void): void {
  const ids = rootIds(state.content, state.event_id);
  ids.forEach(add);
  if ([...known].some((id) => !ids.includes(id))) void repair(room, power, options, known);
}

/**
 * Closes (`closed` true) or reopens a Q&A's questions: its root state (`key`) with `closed: true`
 * or without it, everything else kept (docs/schema.md). Needs the moderator's power over roots.
 */
export async function closeQuestions(room: Room, key: QaRootKey, closed: boolean): Promise<void> {
  const [state] = await room.readState(EventTypes.root, key);
  const content = { ...state?.content };
  if (!rootIds(content).length) throw new Error(`the Q&A ${key} is not open`);
  delete content.closed;
  await room.sendState(EventTypes.root, key, closed ? { ...content, closed: true } : content);
}
