/**
 * Which talk's queue the Q&A shows (a room with a schedule, docs/schema.md "Q&A"): the room's
 * talks from its `dev.devroom.schedule` events ("" or one per day), read as the talk player
 * reads them, and `talkAt` now. A chunk the binding starts loading with its first state reads:
 * a room without a schedule never waits for it.
 */
import { orderTalks, talkAt, type ScheduledTalk, type TalkNow } from '../../components/shared/talk-schedule.js';
import type { RoomEvent } from '../room/room.js';
import { parseRoomSchedule } from '../schema/schedule.js';

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
