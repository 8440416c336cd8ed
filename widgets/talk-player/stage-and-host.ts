import type { TalkPhase } from '../../components/talk-player/phases.js';
import { parseTime } from '../../components/talk-player/phases.js';
import { talkAt, type ScheduledTalk } from '../../components/shared/talk-schedule.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { handProblem, parseHand, parseStage, stageProblem, supersedes } from '../qa-queue/hand-schema.js';
import { reject } from '../shared/rejections.js';
import { loadMemberNames } from '../shared/load-member-names.js';
import type { PersonNames } from '../../components/shared/person-name.js';
import type { DevroomTalkPlayer, StageInvite } from '../../components/talk-player/talk-player.js';

/**
 * Who invites, by name (only a stage invite names someone in the player): people's names are
 * followed from the first invite on, and a rename re-renders the invite shown — the same
 * object, so a dismissed invite stays dismissed. By id until the names are read.
 */
export class InviteNames {
  #names: PersonNames | undefined;
  #shown: { byId: string; value: StageInvite } | undefined;
  readonly #stop: Promise<(() => void) | undefined>;
  /** The names could not load (said once by loadOnce): the binding asks again with the next invite. */
  failed = false;

  constructor(room: Room, el: DevroomTalkPlayer) {
    this.#stop = loadMemberNames().then(
      (m) =>
        m.followNames(room, (names) => {
          this.#names = names;
          const shown = this.#shown;
          if (!shown) return;
          shown.value.inviter = names(shown.byId);
          el.requestUpdate();
        }),
      () => void (this.failed = true),
    );
  }

  /** A new invite's value, naming who sent it. */
  invite(byId: string | undefined): StageInvite {
    const value: StageInvite = byId ? { inviter: this.#names?.(byId) ?? { id: byId, withId: false, text: byId } } : {};
    this.#shown = byId ? { byId, value } : undefined;
    return value;
  }

  stop(): void {
    void this.#stop.then((stop) => stop?.());
  }
}

/**
 * The talk binding's parts only some users need, loaded on demand by binding.ts:
 * reading and answering a stage invitation (users with stage or hand state) and the host
 * requests that write the talk state (users with power).
 */

export interface StageOffer {
  /** Invited and not answered yet: the player offers the stage. */
  pending: boolean;
  accepted: boolean;
  /** Who invited: the stage state's sender (the server checked their power; `content.by` is only their word). */
  byId?: string;
}

/** The viewer's last good stage invite and hand (the binding's `unjudged` events go through `judge`). */
export interface Judged {
  stage?: RoomEvent;
  hand?: RoomEvent;
}

/** Judges stage and hand events in arrival order (and empties the list): a bad one is rejected, a good one counts. */
export function judge(events: RoomEvent[], good: Judged): void {
  for (const event of events.splice(0)) {
    const hand = event.type === EventTypes.qaHand;
    const why = (hand ? handProblem : stageProblem)(event);
    if (why) reject(event, why);
    else good[hand ? 'hand' : 'stage'] = event;
  }
}

export function stageOffer(stageEvent: RoomEvent | undefined, handEvent: RoomEvent | undefined): StageOffer {
  const stage = stageEvent ? parseStage(stageEvent.content) : undefined;
  const hand = handEvent ? parseHand(handEvent.content) : undefined;
  // An answer counts for the invite it followed, not for a later one: by the server's times, not
  // `at` (the invitee's and the moderator's device clocks may disagree by minutes; hand-schema.ts).
  const answer = hand?.stage && handEvent!.origin_server_ts >= (stageEvent?.origin_server_ts ?? 0) ? hand.stage : undefined;
  // Raised or lowered again since the invite, with no answer: it asks no more (hand-schema.ts).
  const invited = stage?.invited === true && !(handEvent && supersedes(handEvent, stageEvent!));
  return {
    pending: invited && !answer,
    accepted: invited && answer === 'accepted',
    ...(stageEvent ? { byId: stageEvent.sender } : {}),
  };
}

/** Accepted answers this player ended: one write each (the next render may come before its echo). */
const endedAnswers = new WeakSet<RoomEvent>();

/**
 * The stage acceptance ends with the talk it was given in, however that talk ends: a host's
 * "End the talk" after it, or its time (its slot by the room's schedule `talks`, or its own
 * end). The viewer's own answer `accepted` then becomes `ended` on their hand, so their Q&A
 * drops "You accepted…" and the invite, and the stage is not theirs by it in a later Q&A. One
 * given after the end (invited for the next talk, in the break) stays. `talkEvent`: the room's
 * talk state (its time: when a host ended the talk); `now`: the binding's clock.
 */
export function endStage(room: Room, el: DevroomTalkPlayer, good: Judged, talkEvent: RoomEvent | undefined, talks: readonly ScheduledTalk[] | undefined, now: number): void {
  const hand = good.hand;
  if (!hand || endedAnswers.has(hand) || !stageOffer(good.stage, hand).accepted) return;
  // Server times on both sides for a host's end; a slot's or talk's end is wall-clock time.
  const at = hand.origin_server_ts;
  let end: number | undefined;
  if (el.phase === 'ended') {
    end = talkEvent?.origin_server_ts;
  } else if (talks) {
    // The slot it was given in (in a break: the next talk's) has passed. Not the phase: at a
    // slot's end the binding moves on to the next talk, and this one may never show 'ended'.
    const slotEnd = talkAt(talks, at).changesAt;
    if (slotEnd !== undefined && slotEnd <= now) end = slotEnd;
  } else if (el.currentPhase === 'ended') end = parseTime(el.endsAt);
  if (end === undefined || at > end) return;
  endedAnswers.add(hand);
  room.sendState(EventTypes.qaHand, room.userId, { raised: false, stage: 'ended', at: Date.now() }).catch((error: unknown) => console.warn('devroom: the ended stage answer was not sent', error));
}

export interface RequestContext {
  room: Room;
  /** The talk state content a change starts from (the room's, or the URL options' before the room has one). */
  talkContent(): Record<string, unknown>;
  /** The id of the talk on now by the room's schedule; undefined without one. */
  currentTalk(): string | undefined;
}

/**
 * Host controls write the talk state (everyone's widget follows it); a stage answer is
 * written on the user's own hand state.
 */
export function onRequest({ room, talkContent, currentTalk }: RequestContext, ev: GlobalEventHandlersEventMap['devroom-phase-request' | 'devroom-hallway-request' | 'devroom-accept-stage' | 'devroom-decline-stage']): void {
  if (ev.type === 'devroom-accept-stage' || ev.type === 'devroom-decline-stage') {
    const stage = ev.type === 'devroom-accept-stage' ? 'accepted' : 'declined';
    room.sendState(EventTypes.qaHand, room.userId, { raised: false, stage, at: Date.now() }).catch((error: unknown) => console.warn('devroom: stage answer not sent', error));
    return;
  }
  // As it is: a room that follows its schedule keeps no speakers (or title, times) here.
  const content = { ...talkContent() };
  const detail = ev.detail as { phase?: TalkPhase | null; open?: boolean };
  const talk = currentTalk();
  if (ev.type === 'devroom-hallway-request') content.hallway = detail.open;
  else if (detail.phase) {
    // The override names its talk: readers drop it once the schedule moves on to the next.
    content.phase = detail.phase;
    if (talk) content.phaseTalk = talk;
    else delete content.phaseTalk;
  } else {
    delete content.phase;
    delete content.phaseTalk;
  }
  room.sendState(EventTypes.talk, '', content).catch((error: unknown) => console.warn('devroom: the talk state was not changed', error));
}
