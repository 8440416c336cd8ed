/**
 * Pentabarf-style XML: FOSDEM's export (day/room/event), its 2007 legacy layout (events
 * directly under day, room only in <event><room>) and frab's schedule.xml (same tree plus
 * <version>, guids and absolute <date>s).
 */
import { ScheduleError, roomsOf, type ParseOptions, type Schedule, type ScheduleEvent, type ScheduleFormat } from './model.js';
import { addDays, clockSeconds, isAfterMidnight, isTimeZone, iso, parseDuration, parseIsoWithZone, zonedToUtc } from './time.js';
import { childText, elements, parseXml, type XmlElement } from './xml.js';

const at = (el: XmlElement) => `${el.line}:${el.column}`;

/** Which Pentabarf dialect a parsed document is (null: not a <schedule> document). */
export function detectXmlFormat(root: XmlElement): ScheduleFormat | null {
  if (root.name !== 'schedule') return null;
  const days = elements(root, 'day');
  if (days.some((d) => elements(d, 'event').length > 0)) return 'pentabarf-legacy';
  if (elements(root, 'version').length) return 'frab-xml';
  const firstEvent = days.flatMap((d) => elements(d, 'room')).flatMap((r) => elements(r, 'event'))[0];
  if (firstEvent && (firstEvent.attrs.guid !== undefined || elements(firstEvent, 'date').length)) return 'frab-xml';
  return 'pentabarf';
}

export function parsePentabarf(text: string, options: ParseOptions = {}): Schedule {
  const root = parseXml(text);
  const format = options.format ?? detectXmlFormat(root);
  if (root.name !== 'schedule' || !format) {
    throw new ScheduleError(at(root), `expected a <schedule> root element (Pentabarf/frab XML), found <${root.name}>`);
  }
  const conf = elements(root, 'conference')[0];
  if (!conf) throw new ScheduleError(at(root), 'expected a <conference> element inside <schedule>');
  const warnings: string[] = [];

  const zoneInFile = childText(conf, 'time_zone_name');
  let timeZone = options.timeZone ?? zoneInFile;
  let timeZoneSource: Schedule['conference']['timeZoneSource'] = options.timeZone ? 'option' : 'schedule';
  if (timeZone && !isTimeZone(timeZone)) {
    throw new ScheduleError(options.timeZone ? '--timezone' : at(conf), `unknown time zone "${timeZone}" (expected an IANA name like Europe/Brussels)`);
  }

  const dayChange = childText(conf, 'day_change') ?? '00:00';
  const dayChangeSec = clockSeconds(dayChange);
  if (Number.isNaN(dayChangeSec)) throw new ScheduleError(at(conf), `<day_change> "${dayChange}": expected HH:MM or HH:MM:SS`);

  const containers: string[] = [];
  const events: ScheduleEvent[] = [];
  let needsZone = false;
  const pending: { event: ScheduleEvent; date: string; time: string; el: XmlElement }[] = [];

  for (const day of elements(root, 'day')) {
    const date = day.attrs.date;
    if (!date || !/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new ScheduleError(at(day), `<day> needs a date="YYYY-MM-DD" attribute, found ${date === undefined ? 'none' : `"${date}"`}`);
    const index = Number(day.attrs.index ?? NaN);
    const dayIndex = Number.isInteger(index) ? index : elements(root, 'day').indexOf(day) + 1;

    const groups: { container?: string; events: XmlElement[] }[] = [];
    for (const el of elements(day)) {
      if (el.name === 'room') {
        const name = el.attrs.name?.trim();
        if (!name) throw new ScheduleError(at(el), '<room> needs a name="…" attribute');
        if (!containers.includes(name)) containers.push(name);
        groups.push({ container: name, events: elements(el, 'event') });
      } else if (el.name === 'event') groups.push({ events: [el] });
    }

    for (const group of groups) {
      for (const el of group.events) {
        const id = el.attrs.id;
        if (id === undefined || id.trim() === '') throw new ScheduleError(at(el), '<event> needs an id="…" attribute');
        const room = childText(el, 'room') ?? group.container;
        if (!room) throw new ScheduleError(at(el), `event ${id}: expected a <room> (the legacy layout names the room only there)`);
        if (group.container && room !== group.container) warnings.push(`event ${id} at ${at(el)}: <room>${room}</room> inside <room name="${group.container}">; using ${room}`);
        if (!containers.includes(room)) containers.push(room);

        const start = childText(el, 'start');
        const startSec = start === undefined ? NaN : clockSeconds(start);
        if (start === undefined || Number.isNaN(startSec)) throw new ScheduleError(at(el), `event ${id}: <start> expected HH:MM, found ${start === undefined ? 'nothing' : `"${start}"`}`);
        const durationText = childText(el, 'duration');
        const duration = durationText === undefined ? NaN : parseDuration(durationText);
        if (Number.isNaN(duration)) throw new ScheduleError(at(el), `event ${id}: <duration> expected HH:MM or HH:MM:SS, found ${durationText === undefined ? 'nothing' : `"${durationText}"`}`);
        let title = childText(el, 'title');
        if (!title) {
          warnings.push(`event ${id} at ${at(el)} has no title`);
          title = `Event ${id}`;
        }
        const personsEl = elements(el, 'persons')[0];
        const persons = personsEl ? elements(personsEl, 'person').map(childTextOf).filter((n): n is string => !!n) : [];

        const event: ScheduleEvent = {
          id: id.trim(),
          title,
          room,
          day: dayIndex,
          dayDate: date,
          start: '',
          end: '',
          durationMinutes: duration,
          persons,
        };
        const optional = { subtitle: childText(el, 'subtitle'), track: childText(el, 'track'), type: childText(el, 'type'), language: childText(el, 'language'), slug: childText(el, 'slug'), url: childText(el, 'url') };
        for (const [k, v] of Object.entries(optional)) if (v !== undefined) (event as unknown as Record<string, unknown>)[k] = v;
        if (el.attrs.guid) event.guid = el.attrs.guid;

        const absolute = childText(el, 'date');
        if (absolute !== undefined) {
          const ms = parseIsoWithZone(absolute);
          if (Number.isNaN(ms)) throw new ScheduleError(at(el), `event ${id}: <date> expected ISO 8601 with offset, found "${absolute}"`);
          event.start = iso(ms);
          event.end = iso(ms + duration * 60_000);
        } else {
          needsZone = true;
          // Before the day's start (frab) or day_change (Pentabarf) the clock has passed midnight.
          const next = isAfterMidnight(startSec, date, { start: day.attrs.start, end: day.attrs.end }, dayChangeSec);
          pending.push({ event, date: next ? addDays(date, 1) : date, time: start, el });
        }
        events.push(event);
      }
    }
  }

  if (needsZone && !timeZone) {
    if (format === 'pentabarf' || format === 'pentabarf-legacy') {
      // FOSDEM's exports carry no zone: they are Brussels wall-clock times.
      timeZone = 'Europe/Brussels';
      timeZoneSource = 'default';
      warnings.push('no time zone in the schedule: assuming Europe/Brussels (FOSDEM); pass --timezone to change');
    } else {
      throw new ScheduleError(at(conf), 'events have local times but the schedule names no time zone: pass --timezone (an IANA name)');
    }
  }
  if (!needsZone && !options.timeZone && !zoneInFile) timeZoneSource = 'offsets';
  for (const p of pending) {
    const ms = zonedToUtc(p.date, p.time, timeZone!);
    p.event.start = iso(ms);
    p.event.end = iso(ms + p.event.durationMinutes * 60_000);
  }

  return {
    format,
    conference: {
      title: childText(conf, 'title') ?? '',
      ...(childText(conf, 'acronym') ? { acronym: childText(conf, 'acronym') } : {}),
      ...(childText(conf, 'start') ? { start: childText(conf, 'start') } : {}),
      ...(childText(conf, 'end') ? { end: childText(conf, 'end') } : {}),
      ...(timeZone ? { timeZone } : {}),
      timeZoneSource,
      dayChange,
    },
    rooms: roomsOf(events),
    roomContainers: containers,
    events,
    warnings,
  };
}

function childTextOf(el: XmlElement): string | undefined {
  const t = el.children.map((c) => (typeof c === 'string' ? c : '')).join('').trim();
  return t || undefined;
}
