import type { ScheduledTalk } from '../../components/shared/talk-schedule.js';
import { EventTypes } from './namespace.js';
import { isRecord, isUserId } from './validate.js';
import { Problems, isoTime, str } from './fields.js';

/**
 * `dev.devroom.schedule`: a room's talks, written once by `devroom apply` (docs/schema.md).
 * State key "" holds the whole list; a room whose list would not fit comfortably in one event
 * (Synapse refuses events over 64 KiB) gets one event per day, keyed `YYYY-MM-DD`. The
 * largest room of the largest real schedule we have (good2025: 33 talks) is 7.8 KB.
 */
export const SCHEDULE_EVENT = EventTypes.schedule;

/** Above this a room's list is written per day. */
export const SCHEDULE_SPLIT_BYTES = 32 * 1024;

export const MAX_TALKS = 500;

export interface ParsedSchedule {
  talks: ScheduledTalk[];
  /** One line per talk left out, and why (the rest of the schedule still counts). */
  dropped: string[];
}

/** Reads one schedule event's content: bad talks are dropped one by one, with a reason. */
export function parseRoomSchedule(content: unknown): ParsedSchedule | { error: string } {
  if (!isRecord(content) || !Array.isArray(content.talks)) return { error: 'talks: expected a list' };
  const talks: ScheduledTalk[] = [];
  const dropped: string[] = [];
  content.talks.slice(0, MAX_TALKS).forEach((raw, i) => {
    const p = new Problems();
    if (!isRecord(raw)) return dropped.push(`talks[${i}]: expected an object`);
    const path = `talks[${i}]`;
    const id = str(p, raw, 'id', { required: true, max: 100, path });
    const title = str(p, raw, 'title', { required: true, max: 500, path });
    const startsAt = isoTime(p, raw, 'startsAt', path);
    if (!startsAt && !p.errors.length) p.add(`${path}.startsAt`, 'is required');
    const endsAt = isoTime(p, raw, 'endsAt', path);
    const qaAt = isoTime(p, raw, 'qaAt', path);
    const speakers: ScheduledTalk['speakers'] = [];
    if (Array.isArray(raw.speakers)) {
      for (const s of raw.speakers.slice(0, 50)) {
        if (!isRecord(s) || typeof s.name !== 'string' || !s.name.trim() || s.name.length > 200) continue;
        speakers.push(isUserId(s.userId) ? { name: s.name, userId: s.userId } : { name: s.name });
      }
    }
    if (p.errors.length || !id || !title || !startsAt) return dropped.push(p.errors.join('; '));
    talks.push({ id, title, speakers, startsAt, ...(endsAt && Date.parse(endsAt) > Date.parse(startsAt) ? { endsAt } : {}), ...(qaAt ? { qaAt } : {}) });
  });
  if (content.talks.length > MAX_TALKS) dropped.push(`talks: only the first ${MAX_TALKS} are read`);
  return { talks, dropped };
}
