/**
 * Which talk's queue the Q&A shows (a room with a schedule, docs/schema.md "Q&A"): the room's
 * talks from its `dev.devroom.schedule` events ("" or one per day), read as the talk player
 * reads them, the current one by `talkAt`, the switch to the next at its end, and the picker's
 * earlier talks. A chunk the binding starts loading with its first state reads: a room without
 * a schedule never waits for it.
 */
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { orderTalks, talkAt, type ScheduledTalk, type TalkNow } from '../../components/shared/talk-schedule.js';
import type { RoomEvent } from '../room/room.js';
import { parseRoomSchedule } from '../schema/schedule.js';

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
    return [e.state_key, 'error' in read ? [] : read.talks] as const;
  });
  const talks = orderTalks(lists.find(([key, list]) => !key && list.length)?.[1] ?? lists.flatMap(([, list]) => list));
  const at = talkAt(talks, now);
  return { ...at, talks, pickable: at.current ? [...at.earlier].reverse().concat(at.current) : [] };
}

/** What the binding lends the schedule: its queues (one per talk, the room's without one) and its element. */
export interface TalkQueues<Q> {
  el: DevroomQaQueue;
  /** The queue of a talk, made (and its questions read) on first need. */
  queueFor(talk: ScheduledTalk | undefined): Q;
  /** The queue new questions go to. */
  setCurrent(q: Q): void;
  /** Puts a queue on screen (read-only unless it is the current one). */
  show(q: Q): void;
}

export interface ScheduleFollower {
  /** The schedule's events now (every key): the current talk's queue, the picker, the next switch. */
  update(events: readonly RoomEvent[]): void;
  /** The viewer picked a talk: its queue on screen. */
  pick(talkId: string): void;
  stop(): void;
}

/** Follows the clock through the room's talks: the current talk's queue, moved on at `changesAt` (0 writes). */
export function followSchedule<Q>(queues: TalkQueues<Q>): ScheduleFollower {
  let events: readonly RoomEvent[] = [];
  let talks: ScheduledTalk[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  const update = (latest = events) => {
    events = latest;
    const now = talksNow(events, Date.now());
    talks = now.talks;
    queues.setCurrent(queues.queueFor(now.current));
    // The picker: earlier talks and the current one, in order (the element shows it past one talk).
    queues.el.talks = now.pickable;
    clearTimeout(timer);
    // Re-armed on every schedule change and every switch.
    if (now.changesAt !== undefined) timer = setTimeout(update, Math.min(Math.max(now.changesAt - Date.now(), 0), MAX_WAIT_MS));
  };
  return {
    update,
    pick(talkId) {
      const talk = talks.find((t) => t.id === talkId);
      if (talk) queues.show(queues.queueFor(talk));
    },
    stop: () => clearTimeout(timer),
  };
}
