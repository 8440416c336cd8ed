/**
 * frab's schedule.json and pretalx's schedule export (pretalx writes the frab JSON shape,
 * plus a conference-level `rooms` list, `time_zone_name` and person `code`s).
 */
import { ScheduleError, roomsOf, type ParseOptions, type Schedule, type ScheduleEvent, type ScheduleFormat } from './model.js';
import { addDays, clockSeconds, isAfterMidnight, isTimeZone, iso, parseDuration, parseIsoWithZone, zonedToUtc } from './time.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Parses JSON text; on failure names line:column and what was expected. */
export function parseJsonText(text: string): unknown {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (e) {
    // V8's messages often carry no position: find the fault with a small validator.
    const fault = locateJsonError(body);
    if (!fault) throw new ScheduleError('', `invalid JSON: ${(e as Error).message}`);
    const before = body.slice(0, fault.offset);
    const line = before.split('\n').length;
    const found = fault.offset >= body.length ? 'end of file' : JSON.stringify(body[fault.offset]);
    throw new ScheduleError(`${line}:${fault.offset - before.lastIndexOf('\n')}`, `invalid JSON: expected ${fault.expected}, found ${found}`);
  }
}

/** A minimal JSON grammar walk: the offset of the first error and what was expected there. */
export function locateJsonError(src: string): { offset: number; expected: string } | null {
  let i = 0;
  class Fault {
    constructor(
      readonly offset: number,
      readonly expected: string,
    ) {}
  }
  const ws = () => {
    while (i < src.length && ' \t\n\r'.includes(src[i]!)) i++;
  };
  const expect = (ch: string, what: string) => {
    if (src[i] !== ch) throw new Fault(i, what);
    i++;
  };
  const string = () => {
    expect('"', 'a string');
    for (;;) {
      if (i >= src.length) throw new Fault(i, 'a closing "');
      const c = src[i]!;
      if (c === '"') return void i++;
      if (c < ' ') throw new Fault(i, 'an escaped control character (\\n, \\t, …)');
      if (c === '\\') {
        const n = src[i + 1] ?? '';
        if (n === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(src.slice(i + 2, i + 6))) throw new Fault(i, 'four hex digits after \\u');
          i += 6;
        } else if ('"\\/bfnrt'.includes(n) && n) i += 2;
        else throw new Fault(i + 1, 'a valid escape (\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u)');
      } else i++;
    }
  };
  const value = (): void => {
    ws();
    const c = src[i];
    if (c === '{') {
      i++;
      ws();
      if (src[i] === '}') return void i++;
      for (;;) {
        ws();
        string();
        ws();
        expect(':', '":" after the key');
        value();
        ws();
        if (src[i] === ',') i++;
        else return expect('}', '"," or "}"');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (src[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (src[i] === ',') i++;
        else return expect(']', '"," or "]"');
      }
    }
    if (c === '"') return string();
    const m = /^(-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?|true|false|null)/.exec(src.slice(i, i + 400));
    if (!m) throw new Fault(i, 'a value (string, number, object, array, true, false or null)');
    i += m[0].length;
  };
  try {
    value();
    ws();
    if (i < src.length) throw new Fault(i, 'end of file');
    return null;
  } catch (e) {
    if (e instanceof Fault) return { offset: e.offset, expected: e.expected };
    throw e;
  }
}

export function detectJsonFormat(data: unknown): ScheduleFormat | null {
  if (!isObj(data) || !isObj(data.schedule) || !isObj(data.schedule.conference)) return null;
  const conf = data.schedule.conference;
  return Array.isArray(conf.rooms) ? 'pretalx-json' : 'frab-json';
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

export function parseFrabJson(text: string, options: ParseOptions = {}): Schedule {
  const data = parseJsonText(text);
  const format = options.format ?? detectJsonFormat(data);
  if (!format || !isObj(data)) throw new ScheduleError('(root)', 'expected an object with schedule.conference (frab/pretalx schedule JSON)');
  const schedule = data.schedule;
  if (!isObj(schedule)) throw new ScheduleError('schedule', 'expected an object');
  const conf = schedule.conference;
  if (!isObj(conf)) throw new ScheduleError('schedule.conference', 'expected an object');
  if (!Array.isArray(conf.days)) throw new ScheduleError('schedule.conference.days', 'expected a list of days');
  const warnings: string[] = [];

  const zoneInFile = str(conf.time_zone_name);
  const timeZone = options.timeZone ?? zoneInFile;
  let timeZoneSource: Schedule['conference']['timeZoneSource'] = options.timeZone ? 'option' : 'schedule';
  if (timeZone && !isTimeZone(timeZone)) {
    throw new ScheduleError(options.timeZone ? '--timezone' : 'schedule.conference.time_zone_name', `unknown time zone "${timeZone}" (expected an IANA name like Europe/Berlin)`);
  }

  const containers: string[] = [];
  if (Array.isArray(conf.rooms)) {
    conf.rooms.forEach((r, i) => {
      const name = isObj(r) ? str(r.name) : str(r);
      if (!name) throw new ScheduleError(`schedule.conference.rooms[${i}]`, 'expected a room with a name');
      if (!containers.includes(name)) containers.push(name);
    });
  }
  const events: ScheduleEvent[] = [];
  const pending: { event: ScheduleEvent; date: string; time: string }[] = [];

  conf.days.forEach((day, di) => {
    const dpath = `schedule.conference.days[${di}]`;
    if (!isObj(day)) throw new ScheduleError(dpath, 'expected an object');
    const date = str(day.date);
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ScheduleError(`${dpath}.date`, `expected YYYY-MM-DD, found ${JSON.stringify(day.date)}`);
    const dayIndex = typeof day.index === 'number' ? day.index : di + 1;
    // The congress day runs from day_start to day_end: earlier clock times are after midnight.
    const bounds = { start: typeof day.day_start === 'string' ? day.day_start : undefined, end: typeof day.day_end === 'string' ? day.day_end : undefined };
    if (!isObj(day.rooms)) throw new ScheduleError(`${dpath}.rooms`, 'expected an object of room name → events');
    for (const [roomName, list] of Object.entries(day.rooms)) {
      const rpath = `${dpath}.rooms[${JSON.stringify(roomName)}]`;
      if (!containers.includes(roomName)) containers.push(roomName);
      if (!Array.isArray(list)) throw new ScheduleError(rpath, 'expected a list of events');
      list.forEach((ev, ei) => {
        const path = `${rpath}[${ei}]`;
        if (!isObj(ev)) throw new ScheduleError(path, 'expected an event object');
        const id = str(ev.id);
        if (id === undefined) throw new ScheduleError(`${path}.id`, 'expected an id');
        const start = str(ev.start);
        const startSec = start === undefined ? NaN : clockSeconds(start);
        if (start === undefined || Number.isNaN(startSec)) throw new ScheduleError(`${path}.start`, `expected HH:MM, found ${JSON.stringify(ev.start)}`);
        const duration = typeof ev.duration === 'string' ? parseDuration(ev.duration) : NaN;
        if (Number.isNaN(duration)) throw new ScheduleError(`${path}.duration`, `expected HH:MM or HH:MM:SS, found ${JSON.stringify(ev.duration)}`);
        const room = str(ev.room) ?? roomName;
        if (room !== roomName) warnings.push(`${path}: room "${room}" listed under "${roomName}"; using ${room}`);
        if (!containers.includes(room)) containers.push(room);
        let title = str(ev.title);
        if (!title) {
          warnings.push(`${path}: event ${id} has no title`);
          title = `Event ${id}`;
        }
        const persons = Array.isArray(ev.persons)
          ? ev.persons
              .map((p) => (isObj(p) ? (str(p.public_name) ?? str(p.full_public_name) ?? str(p.name)) : str(p)))
              .filter((n): n is string => !!n)
          : [];
        const event: ScheduleEvent = { id, title, room, day: dayIndex, dayDate: date, start: '', end: '', durationMinutes: duration, persons };
        const optional = { guid: str(ev.guid), subtitle: str(ev.subtitle), track: str(ev.track), type: str(ev.type), language: str(ev.language), slug: str(ev.slug), url: str(ev.url) };
        for (const [k, v] of Object.entries(optional)) if (v !== undefined) (event as unknown as Record<string, unknown>)[k] = v;

        if (ev.date !== undefined && ev.date !== null) {
          const ms = typeof ev.date === 'string' ? parseIsoWithZone(ev.date) : NaN;
          if (Number.isNaN(ms)) throw new ScheduleError(`${path}.date`, `expected ISO 8601 with offset, found ${JSON.stringify(ev.date)}`);
          event.start = iso(ms);
          event.end = iso(ms + duration * 60_000);
        } else pending.push({ event, date: isAfterMidnight(startSec, date, bounds) ? addDays(date, 1) : date, time: start });
        events.push(event);
      });
    }
  });

  if (pending.length && !timeZone) {
    throw new ScheduleError('schedule.conference', 'events have no absolute date and the schedule names no time zone: pass --timezone (an IANA name)');
  }
  if (!pending.length && !timeZone) timeZoneSource = 'offsets';
  for (const p of pending) {
    const ms = zonedToUtc(p.date, p.time, timeZone!);
    p.event.start = iso(ms);
    p.event.end = iso(ms + p.event.durationMinutes * 60_000);
  }

  return {
    format,
    conference: {
      title: str(conf.title) ?? '',
      ...(str(conf.acronym) ? { acronym: str(conf.acronym) } : {}),
      ...(str(conf.start) ? { start: str(conf.start) } : {}),
      ...(str(conf.end) ? { end: str(conf.end) } : {}),
      ...(timeZone ? { timeZone } : {}),
      timeZoneSource,
    },
    rooms: roomsOf(events),
    roomContainers: containers,
    events,
    warnings,
  };
}
