/**
 * Which talk's queue the Q&A binds (a room with a schedule, docs/schema.md "Q&A"): the room's
 * talks from its `dev.devroom.schedule` events ("" or one per day), read as the talk player
 * reads them, the current one by `talkAt`, the switch to the next at its end, and the picker's
 * earlier talks. A chunk the binding starts loading with its first state read: a room without
 * a schedule never waits for it.
 */
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { orderTalks, talkAt, type ScheduledTalk, type TalkNow } from '../../components/shared/talk-schedule.js';
import type { RoomEvent } from '../room/room.js';
import { parseRoomSchedule } from '../schema/schedule.js';
import { reject } from '../shared/rejections.js';

/** Schedule events whose problems were said. */
const judged = new WeakSet<RoomEvent>();

/** Longest wait for a talk change in one timer (a sleeping laptop's clock jumps; setTimeout overflows past 24.8 days). */
const MAX_WAIT_MS = 3_600_000;

export interface TalksNow extends TalkNow {
  /** Every talk of the room, ordered. */
  talks: ScheduledTalk[];
  /** What the picker offers: the earlier talks and the current one, in order. */
  pickable: ScheduledTalk[];
}

/**
 * Key "" holds the whole list, or, for a long one, nothing and one event per day holds each
 * day's: a whole list wins over day events a shorter schedule left behind (as the talk player reads it).
 */
export function talksNow(events: readonly RoomEvent[], now: number): TalksNow {
  const lists = events.map((e) => {
    const read = parseRoomSchedule(e.content);
    // Said once per event (this runs at every talk change): a schedule that is no list is
    // rejected, a talk that is no talk is left out (as the talk player reads them).
    if (!judged.has(e)) {
      judged.add(e);
      if ('error' in read) reject(e, read.error);
      else for (const why of read.dropped) console.warn(`devroom: schedule ${e.event_id}: talk left out: ${why}`);
    }
    return [e.state_key, 'error' in read ? [] : read.talks] as const;
  });
  const talks = orderTalks(lists.find(([key, list]) => !key && list.length)?.[1] ?? lists.flatMap(([, list]) => list));
  const at = talkAt(talks, now);
  return { ...at, talks, pickable: at.current ? [...at.earlier].reverse().concat(at.current) : [] };
}

export interface ScheduleFollower {
  /** The schedule's events now (every key): the current talk's queue, the picker, the next switch. */
  update(events: readonly RoomEvent[]): void;
  stop(): void;
}

/**
 * Follows the clock through the room's talks (0 writes): binds the current talk's queue, and at
 * `changesAt` the next one's; the viewer's pick from the picker binds that talk's, read-only
 * unless it is the current one. `bind` stops the queue bound before (binding.ts).
 */
export function followSchedule(el: DevroomQaQueue, bind: (talk: ScheduledTalk | undefined, readOnly: boolean) => void): ScheduleFollower {
  let events: readonly RoomEvent[] = [];
  let talks: ScheduledTalk[] = [];
  let current: ScheduledTalk | undefined;
  /** The queue on screen: its talk (undefined: the room's queue, a schedule without talks) and whether it is read-only. */
  let shown: { id: string | undefined; readOnly: boolean } | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const show = (talk: ScheduledTalk | undefined, readOnly: boolean) => {
    if (shown && shown.id === talk?.id && shown.readOnly === readOnly) return;
    shown = { id: talk?.id, readOnly };
    el.talk = talk?.id;
    // Open until the new queue's root says otherwise (root-binding.ts).
    el.closed = false;
    bind(talk, readOnly);
  };
  const update = (latest = events) => {
    events = latest;
    const now = talksNow(events, Date.now());
    talks = now.talks;
    current = now.current;
    // Someone reading an earlier talk stays there; everyone else moves on with the room.
    if (!shown?.readOnly || shown.id === current?.id) show(current, false);
    // The picker: earlier talks and the current one, in order (the element shows it past one talk).
    el.talks = now.pickable;
    clearTimeout(timer);
    // Re-armed on every schedule change and every switch.
    if (now.changesAt !== undefined) timer = setTimeout(update, Math.min(Math.max(now.changesAt - Date.now(), 0), MAX_WAIT_MS));
  };
  const pick = (ev: GlobalEventHandlersEventMap['devroom-pick-talk']) => {
    const talk = talks.find((t) => t.id === ev.detail.talkId);
    if (talk) show(talk, talk.id !== current?.id);
  };
  el.addEventListener('devroom-pick-talk', pick);
  return {
    update,
    stop() {
      clearTimeout(timer);
      el.removeEventListener('devroom-pick-talk', pick);
    },
  };
}
