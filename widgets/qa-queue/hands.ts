import type { PersonNames } from '../../components/shared/person-name.js';
import type { RaisedHand, StageInvite } from '../../components/qa-queue/hands.js';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { handProblem, parseHand, parseStage, stageProblem, stageUser, supersedes } from './hand-schema.js';
import { reject } from '../shared/rejections.js';
import type { StateWatch } from '../shared/room-sync.js';

/**
 * Hand and stage events in arrival order (`queue`, filled from when this code follows them)
 * and the last good one of each key. Judged here, not in the binding's first load:
 * a bad one is rejected once, and the last good one of its key still counts.
 */
export interface HandsState {
  queue: RoomEvent[];
  hands: Map<string, RoomEvent>;
  stages: Map<string, RoomEvent>;
  judged?: WeakSet<RoomEvent>;
}

function judge(state: HandsState): void {
  const judged = (state.judged ??= new WeakSet());
  for (const event of state.queue.splice(0)) {
    if (judged.has(event)) continue;
    judged.add(event);
    const hand = event.type === EventTypes.qaHand;
    const why = (hand ? handProblem : stageProblem)(event);
    if (why) reject(event, why);
    else (hand ? state.hands : state.stages).set(event.state_key!, event);
  }
}

/**
 * The hands queue and stage invites from `qa.hand` / `qa.stage` state, as
 * `<devroom-qa-queue>` shows them (HandsModel order: oldest hand first, ties by user id).
 * In the Q&A's requests chunk: the binding loads it only for those the hands concern.
 */
export function readHands(state: HandsState, names: PersonNames | undefined): { hands: RaisedHand[]; invites: StageInvite[] } {
  judge(state);
  const name = (userId: string) => (names ? names(userId).text : userId);
  const handEvents = state.hands.values();
  const stageEvents = state.stages.values();
  const invites = new Map<string, StageInvite>();
  const dismissed = new Map<string, number>();
  const inviteEvents = new Map<string, RoomEvent>();
  for (const e of stageEvents) {
    const user = stageUser(e.state_key as string);
    if (!user) continue;
    const stage = parseStage(e.content);
    // By the server's times, as every comparison here (hand-schema.ts): the moderator's and the
    // hand's writer's clocks may disagree by minutes. A later stage write (an invite) ends it.
    if (stage.dismissed) dismissed.set(user, e.origin_server_ts);
    // Who invited is the state's sender (the server checked their power), not what `by` claims.
    if (!stage.invited) continue;
    inviteEvents.set(user, e);
    invites.set(user, { userId: user, displayName: name(user), by: e.sender, byName: name(e.sender), ts: e.origin_server_ts });
  }
  const hands: RaisedHand[] = [];
  for (const e of handEvents) {
    // The server enforces state key = sender for `@` keys; check anyway for other rooms' rules.
    if (e.state_key !== e.sender) continue;
    const hand = parseHand(e.content);
    // The queue's order and every comparison by server time: `at` is each writer's own clock.
    const at = e.origin_server_ts;
    if (hand.raised && !(dismissed.get(e.sender)! >= at)) {
      hands.push({ userId: e.sender, displayName: name(e.sender), ...(hand.text ? { text: hand.text } : {}), ts: at });
    }
    const invite = invites.get(e.sender);
    if (!invite) continue;
    // Raised (or lowered) again since the invite, with no answer: it asks no more (hand-schema.ts).
    if (supersedes(e, inviteEvents.get(e.sender)!)) invites.delete(e.sender);
    // An answer counts for the invite it followed, not for a later one (ties: the answer, which
    // its writer saw the invite to give): an older one leaves the new invite asking.
    if (!hand.stage || at < invite.ts) continue;
    // Ended: the talk it was accepted in is over (the invitee's talk player wrote it), so the
    // invite is too: gone for the invitee and the moderator (who may invite again: that counts).
    if (hand.stage !== 'ended') invites.set(e.sender, { ...invite, response: hand.stage });
    else invites.delete(e.sender);
  }
  hands.sort((a, b) => a.ts - b.ts || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0));
  return { hands, invites: [...invites.values()] };
}

/**
 * Follows the room's hands and stage invites for `<devroom-qa-queue>` from now on (the binding
 * calls it once its moderator, hand or invite wants them): `since` — their state when they were
 * wanted and every change while this code loaded — then each change in order. Returns what shows them again (with new names). `cleanups` run at the binding's stop.
 */
export function followHands(el: DevroomQaQueue, handWatch: StateWatch, stageWatch: StateWatch, cleanups: (() => void)[], since: RoomEvent[]): () => void {
  const state: HandsState = { queue: since, hands: new Map(), stages: new Map() };
  const show = () => {
    const read = readHands(state, el.names);
    el.hands = read.hands;
    el.invites = read.invites;
  };
  // After the first read a watch names no event: what it read is its state.
  const onChange = (watch: StateWatch) => (event: RoomEvent | undefined) => {
    state.queue.push(...(event ? [event] : watch.byKey.values()));
    show();
  };
  cleanups.push(handWatch.onChange(onChange(handWatch)), stageWatch.onChange(onChange(stageWatch)));
  show();
  return show;
}
