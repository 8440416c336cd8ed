/**
 * From a schedule and the host's config to the rooms devroom wants: aliases, widgets with
 * their URLs, the layout, each room's talks (dev.devroom.schedule) and room-level talk state,
 * and devroom's power levels. Pure and deterministic: the same inputs give the same plan, so
 * `apply` can diff it against a room and the plan output can be snapshot-tested.
 */
import { EventTypes } from '../../widgets/schema/namespace.js';
import type { TalkState } from '../../widgets/talk-player/schema.js';
import { SCHEDULE_EVENT, SCHEDULE_SPLIT_BYTES } from '../../widgets/schema/schedule.js';
import type { ScheduledTalk } from '../../components/shared/talk-schedule.js';
import type { Schedule, ScheduleEvent } from '../schedule/model.js';
import { expandTemplate, roomSettings, type HostConfig } from './config.js';
import { DEVROOM_EVENT_LEVELS } from './power.js';
import { roomSlugs } from './room-slugs.js';
import { LAYOUT_EVENT, WIDGET_EVENT, layoutFor, slugify, widgetContent, widgetId, type LayoutContent, type WidgetContent } from './widget-state.js';
import { buildWidgetUrl, WidgetOptionError, type WidgetKind, type WidgetOptions } from './widget-url.js';

export interface StateEventPlan {
  type: string;
  stateKey: string;
  content: Record<string, unknown>;
}

/** The talk state of a room that follows its schedule: nothing that changes from talk to talk. */
export type RoomTalkState = Omit<TalkState, 'title' | 'speakers' | 'startsAt' | 'endsAt' | 'qaAt'>;

export interface PlannedTalk {
  id: string;
  title: string;
  start: string;
  end: string;
  speakers: string[];
}

export interface PlannedRoom {
  /** Schedule room name. */
  room: string;
  /** ASCII slug: widget ids and {room_slug} (room-slugs.ts). */
  slug: string;
  /** Full alias when known (config alias, or serverName set); otherwise the localpart is used. */
  alias?: string;
  aliasLocalpart: string;
  name: string;
  topic: string;
  widgets: { id: string; kind: WidgetKind; content: WidgetContent }[];
  layout: LayoutContent;
  /**
   * Content of dev.devroom.talk: room-level only (stream, captions, poster, Jitsi meeting), the
   * same for every talk; the talks themselves are in dev.devroom.schedule (null: no talk player,
   * or nothing room-level to say).
   */
  talk: RoomTalkState | null;
  talks: PlannedTalk[];
  /** Widgets, layout and talk state as they should be in the room. */
  state: StateEventPlan[];
}

export interface Plan {
  conference: string;
  format: Schedule['format'];
  timeZone?: string;
  timeZoneNote: string;
  at: string;
  powerLevels: { events: Record<string, number>; users: Record<string, number> };
  rooms: PlannedRoom[];
  skipped: string[];
  warnings: string[];
}

export class PlanError extends Error {
  constructor(readonly problems: string[]) {
    super(problems.join('\n'));
    this.name = 'PlanError';
  }
}

/** The spec's limit for a whole room alias, `#localpart:server`, in UTF-8 bytes. */
export const MAX_ALIAS_BYTES = 255;

const utf8Bytes = (s: string) => new TextEncoder().encode(s).length;

/** A long alias in a message: its start and its end (where the prefix and the room's own part are). */
function shortAlias(alias: string): string {
  const chars = [...alias];
  return chars.length > 60 ? `${chars.slice(0, 20).join('')}…${chars.slice(-30).join('')}` : alias;
}

/**
 * Why a room's alias is too long, or undefined. Refused rather than shortened: only a long
 * `aliasPrefix`, server name or chosen alias gets there (the room's own part is at most 120
 * bytes, room-slugs.ts), and the host should see the alias people will type. Without the
 * server (no `serverName`: apply learns it from whoami and checks again) the part before it
 * must leave room for one.
 */
export function aliasLengthProblem(room: string, alias: { full: string; chosen: boolean } | { localpart: string }): string | undefined {
  const fix = `rooms[${JSON.stringify(room)}].alias`;
  if ('localpart' in alias) {
    const before = `#${alias.localpart}:`;
    const bytes = utf8Bytes(before);
    if (bytes < MAX_ALIAS_BYTES) return undefined;
    return `room "${room}": alias ${shortAlias(`${before}…`)} has ${bytes} bytes before the server name, Matrix allows ${MAX_ALIAS_BYTES} in all: shorten aliasPrefix or set ${fix}`;
  }
  const bytes = utf8Bytes(alias.full);
  if (bytes <= MAX_ALIAS_BYTES) return undefined;
  return `room "${room}": alias ${shortAlias(alias.full)} is ${bytes} bytes, Matrix allows ${MAX_ALIAS_BYTES}: ${alias.chosen ? `set a shorter ${fix}` : `shorten aliasPrefix or set ${fix}`}`;
}

/** When a talk's Q&A starts: `qaMinutes` before its end, for talks longer than twice that. */
function qaStart(e: ScheduleEvent, qaMinutes: number): string | undefined {
  const qaMs = qaMinutes * 60_000;
  const long = Date.parse(e.end) - Date.parse(e.start) > 2 * qaMs;
  return qaMs > 0 && long ? new Date(Date.parse(e.end) - qaMs).toISOString() : undefined;
}

/**
 * A room's `dev.devroom.schedule` state: one event (key "") with every talk, or, for a list
 * over SCHEDULE_SPLIT_BYTES, one per day (key = the day's date; "" then holds none).
 */
export function scheduleStates(events: ScheduleEvent[], qaMinutes: number): StateEventPlan[] {
  const byDay = new Map<string, ScheduledTalk[]>();
  const all: ScheduledTalk[] = [];
  for (const e of [...events].sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id))) {
    const qaAt = qaStart(e, qaMinutes);
    const talk: ScheduledTalk = { id: e.id, title: e.title, speakers: e.persons.map((name) => ({ name })), startsAt: e.start, endsAt: e.end, ...(qaAt ? { qaAt } : {}) };
    all.push(talk);
    byDay.set(e.dayDate, [...(byDay.get(e.dayDate) ?? []), talk]);
  }
  const whole = { talks: all };
  if (utf8Bytes(JSON.stringify(whole)) <= SCHEDULE_SPLIT_BYTES) return [{ type: SCHEDULE_EVENT, stateKey: '', content: whole }];
  return [{ type: SCHEDULE_EVENT, stateKey: '', content: { talks: [] } }, ...[...byDay].map(([day, talks]) => ({ type: SCHEDULE_EVENT, stateKey: day, content: { talks } }))];
}

export function buildPlan(schedule: Schedule, config: HostConfig, at: Date): Plan {
  const problems: string[] = [];
  const conference = schedule.conference.acronym && !/^\d+$/.test(schedule.conference.acronym) ? schedule.conference.acronym : schedule.conference.title;
  const conferenceSlug = slugify(conference);
  const byRoom = new Map<string, ScheduleEvent[]>();
  for (const e of schedule.events) byRoom.set(e.room, [...(byRoom.get(e.room) ?? []), e]);

  const rooms: PlannedRoom[] = [];
  const skipped: string[] = [];
  const warnings = [...schedule.warnings];
  // Every room the schedule names, events or not: a room that gets its first talk later must
  // not change the others' aliases.
  const { slugs, collisions } = roomSlugs([...schedule.rooms, ...schedule.roomContainers]);
  for (const group of collisions) {
    const names = group.map((n) => JSON.stringify(n));
    warnings.push(
      `rooms ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]} make the same alias: each gets a short hash of its name (${group.map((n) => config.aliasPrefix + slugs.get(n)!.aliasSlug).join(', ')}); set rooms["…"].alias in the config to choose one`,
    );
  }

  for (const roomName of schedule.rooms) {
    const settings = roomSettings(config, roomName);
    if (settings.skip) {
      skipped.push(roomName);
      continue;
    }
    const { slug, aliasSlug } = slugs.get(roomName)!;
    const vars = { room: roomName, room_slug: slug, conference, conference_slug: conferenceSlug };
    const expand = (t: string | null | undefined) => (t ? expandTemplate(t, vars) : undefined);

    const stream = expand(settings.stream === null ? undefined : (settings.stream ?? config.stream));
    const captions = expand(settings.captions === null ? undefined : (settings.captions ?? config.captions));
    const poster = expand(settings.poster === null ? undefined : (settings.poster ?? config.poster));
    const jitsiDomain = config.jitsi?.domain;
    const jitsiRoom = config.jitsi ? expand(settings.jitsiRoom ?? config.jitsi.room) : undefined;
    const kinds = settings.widgets ?? config.widgets;

    // Room-level options only: per-talk values live in the talk state, so a new talk
    // does not rewrite the widget (and its URL) every half hour.
    const optionsFor = (kind: WidgetKind): WidgetOptions => {
      const o: WidgetOptions = {};
      const put = (k: string, v: string | undefined) => {
        if (v !== undefined) o[k] = v;
      };
      if (kind === 'talk-player') {
        put('src', stream);
        put('captions', captions);
        put('poster', poster);
        put('jitsiDomain', jitsiRoom ? jitsiDomain : undefined);
        put('jitsiRoom', jitsiRoom);
      } else if (kind === 'qa-queue') put('title', `${roomName} Q&A`);
      else if (kind === 'stand-booth') {
        put('src', expand(settings.stand));
        put('jitsiDomain', jitsiRoom ? jitsiDomain : undefined);
        put('jitsiRoom', jitsiRoom);
      } else put('src', expand(settings.menu));
      return o;
    };

    const widgets: PlannedRoom['widgets'] = [];
    for (const kind of kinds) {
      const id = widgetId(kind, slug);
      try {
        const options = optionsFor(kind);
        widgets.push({ id, kind, content: widgetContent(kind, buildWidgetUrl(config.widgetBase, kind, options), options) });
      } catch (e) {
        if (e instanceof WidgetOptionError) problems.push(...e.problems.map((p) => `room "${roomName}", ${kind}: ${p}`));
        else throw e;
      }
    }
    const layout = layoutFor(widgets);

    const events = byRoom.get(roomName) ?? [];
    const talks = [...events]
      .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || a.id.localeCompare(b.id))
      .map((e) => ({ id: e.id, title: e.title, start: e.start, end: e.end, speakers: e.persons }));

    // Room-level only: the room's schedule says which talk is on, so a new talk writes nothing
    // and a moved talk rewrites only its room's schedule.
    let talk: RoomTalkState | null = null;
    if (kinds.includes('talk-player')) {
      const t: RoomTalkState = {
        ...(stream ? { stream } : {}),
        ...(captions ? { captions } : {}),
        ...(poster ? { poster } : {}),
        ...(jitsiRoom && jitsiDomain ? { jitsiDomain, jitsiRoom } : {}),
      };
      // Never an empty content: apply reads an empty state event as none (a removed widget).
      if (Object.keys(t).length) talk = t;
    }

    // The room's own schedule: written once, so the talk player and the Q&A move from talk to
    // talk by the clock (no write per talk); a changed talk rewrites only its room's list.
    const followsTalks = kinds.includes('talk-player') || kinds.includes('qa-queue');
    const scheduled = followsTalks ? scheduleStates(events, config.qaMinutes) : [];

    const state: StateEventPlan[] = [
      ...widgets.map((w) => ({ type: WIDGET_EVENT, stateKey: w.id, content: w.content as unknown as Record<string, unknown> })),
      { type: LAYOUT_EVENT, stateKey: '', content: layout as unknown as Record<string, unknown> },
      ...(talk ? [{ type: EventTypes.talk, stateKey: '', content: talk as unknown as Record<string, unknown> }] : []),
      ...scheduled,
    ];

    const aliasLocalpart = `${config.aliasPrefix}${aliasSlug}`;
    const alias = settings.alias ?? (config.serverName ? `#${aliasLocalpart}:${config.serverName}` : undefined);
    const tooLong = aliasLengthProblem(roomName, alias ? { full: alias, chosen: settings.alias !== undefined } : { localpart: aliasLocalpart });
    if (tooLong) problems.push(tooLong);
    rooms.push({
      room: roomName,
      slug,
      ...(alias ? { alias } : {}),
      aliasLocalpart,
      name: expand(settings.name ?? config.roomName)!,
      topic: expand(settings.topic ?? config.topic)!,
      widgets,
      layout,
      talk,
      talks,
      state,
    });
  }
  for (const pattern of Object.keys(config.rooms)) {
    if (!pattern.includes('*') && !schedule.rooms.includes(pattern)) warnings.push(`config rooms["${pattern}"] matches no room with events in the schedule`);
  }
  if (problems.length) throw new PlanError(problems);

  const tz = schedule.conference.timeZone;
  const timeZoneNote =
    schedule.conference.timeZoneSource === 'default'
      ? `${tz} (assumed: the schedule names none)`
      : schedule.conference.timeZoneSource === 'offsets'
        ? 'UTC offsets given per event'
        : `${tz} (${schedule.conference.timeZoneSource === 'option' ? '--timezone' : 'from the schedule'})`;
  return {
    conference: schedule.conference.title || conference,
    format: schedule.format,
    ...(tz ? { timeZone: tz } : {}),
    timeZoneNote,
    at: at.toISOString(),
    powerLevels: { events: { ...DEVROOM_EVENT_LEVELS }, users: { ...config.powerLevels.users } },
    rooms,
    skipped,
    warnings,
  };
}
