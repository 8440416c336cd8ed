import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHARED_MISSING, hasSharedSchedules, ownSchedules, sharedSchedules } from '../../test/node/repo.js';
import { ScheduleError, parseSchedule, sniff, type Schedule } from './index.js';
import { parseDuration, zonedToUtc } from './time.js';

const own = (name: string) => readFileSync(join(ownSchedules, name), 'utf8');
const shared = (name: string) => readFileSync(join(sharedSchedules, name), 'utf8');

// Independent counts: regexes over the XML text, plain traversal of the JSON.
function countXml(text: string) {
  const events = (text.match(/<event[\s>]/g) ?? []).length;
  const rooms = new Set([...text.matchAll(/<room>([^<]*)<\/room>/g)].map((m) => m[1]!.trim()));
  const containers = new Set([...text.matchAll(/<room name=["']([^"']*)["']/g)].map((m) => m[1]!));
  return { events, rooms: rooms.size, containers: containers.size };
}
function countJson(text: string) {
  const data = JSON.parse(text) as { schedule: { conference: { days: { rooms: Record<string, { room: string }[]> }[] } } };
  let events = 0;
  const rooms = new Set<string>();
  for (const day of data.schedule.conference.days)
    for (const list of Object.values(day.rooms))
      for (const ev of list) {
        events++;
        rooms.add(ev.room);
      }
  return { events, rooms: rooms.size };
}
const localDate = (utcIso: string, offsetHours: number) => new Date(Date.parse(utcIso) + offsetHours * 3_600_000).toISOString().slice(0, 10);

function timed(text: string): { schedule: Schedule; ms: number } {
  const t0 = performance.now();
  const schedule = parseSchedule(text);
  return { schedule, ms: performance.now() - t0 };
}

test('time: HH:MM / HH:MM:SS durations, zones incl. the US/Eastern alias and DST', () => {
  assert.equal(parseDuration('00:25'), 25);
  assert.equal(parseDuration('01:30:00'), 90);
  assert.equal(parseDuration('08:00'), 480);
  assert.equal(parseDuration('1:02:00:00'), 1560);
  assert.ok(Number.isNaN(parseDuration('1h')));
  assert.ok(Number.isNaN(parseDuration('00:75')));
  assert.equal(new Date(zonedToUtc('2021-02-06', '09:00', 'Europe/Brussels')).toISOString(), '2021-02-06T08:00:00.000Z');
  assert.equal(new Date(zonedToUtc('2025-03-17', '13:00', 'US/Eastern')).toISOString(), '2025-03-17T17:00:00.000Z');
  assert.equal(new Date(zonedToUtc('2025-01-17', '13:00', 'US/Eastern')).toISOString(), '2025-01-17T18:00:00.000Z');
  // 02:30 does not exist on 2025-03-09 in New York: lands after the gap (03:30 EDT = 07:30Z).
  assert.equal(new Date(zonedToUtc('2025-03-09', '02:30', 'America/New_York')).toISOString(), '2025-03-09T07:30:00.000Z');
  // 01:30 happens twice on 2025-11-02: the first (EDT) wins.
  assert.equal(new Date(zonedToUtc('2025-11-02', '01:30', 'America/New_York')).toISOString(), '2025-11-02T05:30:00.000Z');
  assert.equal(new Date(zonedToUtc('2021-03-28', '03:30', 'Europe/Brussels')).toISOString(), '2021-03-28T01:30:00.000Z');
});

test('own pentabarf-fosdem.xml: FOSDEM quirks', () => {
  const text = own('pentabarf-fosdem.xml');
  const s = parseSchedule(text);
  const c = countXml(text);
  assert.equal(s.format, 'pentabarf');
  assert.equal(s.events.length, c.events);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.roomContainers.length, c.containers);
  assert.deepEqual(s.rooms, ['K.fosdem', 'D.rust', 'S.example']);
  assert.ok(s.roomContainers.includes('D.empty'));
  assert.equal(s.conference.timeZone, 'Europe/Brussels');
  assert.equal(s.conference.timeZoneSource, 'default');
  assert.match(s.warnings.join('\n'), /assuming Europe\/Brussels/);
  const rust = s.events.find((e) => e.id === '10001')!;
  assert.equal(rust.title, 'kris nóva live: Rust in the kernel');
  assert.equal(rust.subtitle, 'Ownership, for PANDORÆ');
  assert.equal(rust.start, '2021-02-06T09:00:00.000Z');
  assert.equal(rust.end, '2021-02-06T09:30:00.000Z');
  assert.deepEqual(rust.persons, ['Ada Lovelace', 'Grace Hopper']);
  assert.equal(rust.language, undefined, 'empty <language/> is absent, not ""');
  assert.deepEqual(s.events.find((e) => e.id === '12001')!.persons, []);
  assert.equal(s.events.find((e) => e.id === '12001')!.durationMinutes, 480);
  assert.equal(s.events.find((e) => e.id === '10003')!.day, 2);
});

test('own pentabarf-legacy.xml: 2007 layout, id 0, day_change 09:00', () => {
  const text = own('pentabarf-legacy.xml');
  const s = parseSchedule(text);
  assert.equal(s.format, 'pentabarf-legacy');
  assert.equal(s.events.length, countXml(text).events);
  assert.deepEqual(s.rooms, ['Chavanne', 'H.2214']);
  assert.equal(s.events[0]!.id, '0');
  assert.equal(s.events[0]!.slug, undefined);
  assert.equal(s.events[0]!.type, undefined);
  const night = s.events.find((e) => e.id === '6')!;
  assert.equal(night.day, 1, 'the night session still belongs to congress day 1');
  assert.equal(night.start, '2007-02-25T00:30:00.000Z', '01:30 is before day_change 09:00: next calendar day');
  assert.equal(s.events[0]!.start, '2007-02-24T14:00:00.000Z');
});

test('own frab.xml: single quotes, after-midnight, guids', () => {
  const text = own('frab.xml');
  const s = parseSchedule(text);
  assert.equal(s.format, 'frab-xml');
  assert.equal(s.events.length, countXml(text).events);
  assert.equal(s.conference.acronym, 'tc3');
  assert.equal(s.conference.timeZoneSource, 'offsets');
  const late = s.events.find((e) => e.id === '6264')!;
  assert.equal(late.day, 1);
  assert.equal(late.start, '2014-12-27T23:30:00.000Z');
  assert.equal(late.track, 'Ethics, Society & Politics');
  assert.deepEqual(
    s.events.map((e) => e.guid),
    ['29aecfd7-2e44-4f49-ab86-29b5e0877325', 'HOqeNIb6G7M4hYFKFRkCmQ', 'b1c2d3e4-0000-4000-8000-000000000001', 'Zm9vYmFyYmF6cXV4MTIzNA'],
  );
});

test('own frab.json: CRLF, extra timestamp key, offsets, persons objects', () => {
  const text = own('frab.json');
  assert.ok(text.includes('\r\n'));
  const s = parseSchedule(text);
  const c = countJson(text);
  assert.equal(s.format, 'frab-json');
  assert.equal(s.events.length, c.events);
  assert.equal(s.rooms.length, c.rooms);
  assert.deepEqual(s.roomContainers, ['Adams', 'Borg', 'Clarke']);
  assert.deepEqual(s.events[0]!.persons, ['rufus', 'rixx']);
  const late = s.events.find((e) => e.id === '9986')!;
  assert.equal(late.day, 1);
  assert.equal(late.start, '2018-12-27T23:20:00.000Z');
});

test('own pretalx.json: US/Eastern alias, conference rooms, no persons, CRLF in strings', () => {
  const text = own('pretalx.json');
  assert.equal(text.split('\n').length, 1);
  const s = parseSchedule(text);
  assert.equal(s.format, 'pretalx-json');
  assert.equal(s.events.length, countJson(text).events);
  assert.equal(s.conference.timeZone, 'US/Eastern');
  assert.equal(s.conference.acronym, '2025');
  assert.equal(s.roomContainers.length, 3);
  assert.equal(s.rooms.length, 2);
  assert.deepEqual(s.events.find((e) => e.id === '57')!.persons, []);
  assert.equal(s.events[0]!.start, '2025-03-17T17:00:00.000Z');
});

test('frab XML without <date>: times after midnight go by the day\'s start/end, not 24 h early', () => {
  const noDates = own('frab.xml')
    .replace(/<date>[^<]*<\/date>\n/g, '')
    .replace('<title>Test Communication Congress</title>', '<title>Test Communication Congress</title>\n<time_zone_name>Europe/Berlin</time_zone_name>');
  assert.ok(!noDates.includes('<date>') && !noDates.includes('day_change'));
  const s = parseSchedule(noDates);
  const late = s.events.find((e) => e.id === '6264')!;
  assert.equal(late.day, 1);
  assert.equal(late.start, '2014-12-27T23:30:00.000Z', '00:30 on congress day 1 (11:00–04:00) is the night to the 28th');
  assert.equal(s.events.find((e) => e.id === '6561')!.start, '2014-12-27T10:00:00.000Z');
  // An early start before the day's start but after its end stays on the day's date.
  const early = noDates.replace('<start>12:00</start>', '<start>09:00</start>');
  assert.equal(parseSchedule(early).events.find((e) => e.id === '6400')!.start, '2014-12-27T08:00:00.000Z');
});

test('shared 31c3.xml and 35c3.json without their dates: every event lands where its date said', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  for (const [file, strip, count] of [
    ['31c3.xml', (x: string) => x.replace(/<date>[^<]*<\/date>/g, ''), 138],
    ['35c3.json', (x: string) => x.replace(/"date": "[^"]*T[^"]*",\s*/g, ''), 164],
  ] as const) {
    const text = shared(file);
    const withDates = parseSchedule(text);
    const without = parseSchedule(strip(text), { timeZone: 'Europe/Berlin' });
    assert.equal(without.events.length, count);
    const moved = without.events.filter((e, i) => e.start !== withDates.events[i]!.start);
    assert.deepEqual(moved.map((e) => `${e.id} ${e.start}`), [], `${file}: same instants as the absolute dates`);
  }
});

test('--format and --timezone override detection; a zone-less JSON without dates needs --timezone', () => {
  const noDates = own('frab.json').replace(/"date": "20[^"]*T[^"]*",\s*/g, '');
  assert.throws(() => parseSchedule(noDates), /pass --timezone/);
  const s = parseSchedule(noDates, { timeZone: 'Europe/Berlin' });
  assert.equal(s.conference.timeZoneSource, 'option');
  assert.equal(s.events.find((e) => e.id === '9986')!.start, '2018-12-27T23:20:00.000Z', 'day_start 11:00: 00:20 is the next night');
  assert.throws(() => parseSchedule(own('frab.json'), { timeZone: 'Mars/Olympus' }), /--timezone: unknown time zone "Mars\/Olympus"/);
  assert.equal(parseSchedule(own('frab.json'), { format: 'pretalx-json' }).format, 'pretalx-json');
});

test('bad inputs: the line/element at fault and what was expected', () => {
  const bad = (text: string, re: RegExp) => {
    assert.throws(() => parseSchedule(text), (e: unknown) => e instanceof ScheduleError && re.test(e.message), `expected ${re}`);
  };
  bad('', /cannot tell the schedule format/);
  bad('hello', /1:1: cannot tell/);
  bad('<schedule>\n<conference><title>x</title></conference>\n<day index="1" date="2021-02-06">\n<room name="A">\n<event id="1"><start>10:00</start><duration>00:30</duration><title>t</title>\n</room>', /^6:1: expected <\/event> \(opened at 5:1\), found <\/room>/);
  bad('<agenda/>', /^1:1: expected a <schedule> root element/);
  bad('<schedule><day date="2021-02-06"/></schedule>', /expected a <conference> element/);
  bad('<schedule><conference/><day date="6 Feb"/></schedule>', /^1:24: <day> needs a date="YYYY-MM-DD" attribute, found "6 Feb"/);
  bad(
    '<schedule><conference/><day index="1" date="2021-02-06"><room name="A">\n  <event id="7"><start>10h</start><duration>00:30</duration></event></room></day></schedule>',
    /^2:3: event 7: <start> expected HH:MM, found "10h"/,
  );
  bad(
    '<schedule><conference/><day index="1" date="2021-02-06"><room name="A"><event id="7"><start>10:00</start><duration>half an hour</duration></event></room></day></schedule>',
    /event 7: <duration> expected HH:MM or HH:MM:SS, found "half an hour"/,
  );
  bad('<schedule><conference/><day date="2021-02-06"><event id="3"><start>10:00</start><duration>00:30</duration></event></day></schedule>', /event 3: expected a <room>/);
  bad('{"schedule": {"conference": {"days": [}}}', /^1:39: invalid JSON: expected a value \(string, number, object, array, true, false or null\), found "\}"/);
  bad('{\r\n "schedule": {\r\n  "version": "x",\r\n }\r\n}', /^4:2: invalid JSON: expected a string, found "\}"/);
  bad('{"schedule": {"conference": "x"} "extra"}', /^1:34: invalid JSON: expected "," or "\}", found "\\""/);
  bad('{"schedule": {"conference": {"title": "x"}}}', /schedule\.conference\.days: expected a list of days/);
  bad(
    '{"schedule": {"conference": {"days": [{"index": 1, "date": "2018-12-27", "rooms": {"Adams": [{"id": 1, "start": "11:00", "duration": "30min", "room": "Adams", "title": "x"}]}}]}}}',
    /schedule\.conference\.days\[0\]\.rooms\["Adams"\]\[0\]\.duration: expected HH:MM or HH:MM:SS, found "30min"/,
  );
  bad('{"schedule": {"conference": {"time_zone_name": "Nowhere/City", "days": []}}}', /time_zone_name: unknown time zone "Nowhere\/City"/);
  assert.equal(sniff('\uFEFF  <x/>'), 'xml');
});

// The real schedules (../shared): expected counts from the fixtures' README, checked against
// an independent count of the raw text.

test('shared fosdem-2021.xml: 773 events, 106 rooms with events, 108 containers, quirks', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const text = shared('fosdem-2021.xml');
  const { schedule: s, ms } = timed(text);
  t.diagnostic(`parsed fosdem-2021.xml (${(text.length / 1e6).toFixed(2)} MB) in ${ms.toFixed(0)} ms`);
  const c = countXml(text);
  assert.equal(c.events, 773);
  assert.equal(s.events.length, c.events);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.rooms.length, 106);
  assert.equal(s.roomContainers.length, c.containers);
  assert.equal(s.roomContainers.length, 108);
  assert.equal(s.roomContainers.filter((r) => !s.rooms.includes(r)).length, 2);
  assert.equal(s.rooms.filter((r) => r.startsWith('S.')).length, 51);
  assert.equal(s.events.filter((e) => e.persons.length === 0).length, 102);
  assert.equal(s.events.filter((e) => e.persons.length === 0 && e.type === 'standtrack').length, 89);
  const types: Record<string, number> = {};
  for (const e of s.events) types[e.type ?? ''] = (types[e.type ?? ''] ?? 0) + 1;
  assert.deepEqual(types, { devroom: 616, standtrack: 111, maintrack: 22, lightningtalk: 21, infodesk: 2, bof: 1 });
  assert.ok(s.events.some((e) => e.title.includes('kris nóva live')));
  assert.ok(s.events.some((e) => e.title.includes('PANDORÆ')));
  assert.equal(s.conference.timeZone, 'Europe/Brussels');
  const welcome = s.events.find((e) => e.id === '11795')!;
  assert.equal(welcome.start, '2021-02-06T08:00:00.000Z');
  assert.ok(s.events.every((e) => Date.parse(e.end) > Date.parse(e.start)));
  assert.ok(ms < 2000, `parse took ${ms} ms`);
});

test('shared fosdem-2007.xml: legacy layout, 215 events, 18 rooms, ids from 0', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const text = shared('fosdem-2007.xml');
  const { schedule: s, ms } = timed(text);
  t.diagnostic(`parsed fosdem-2007.xml in ${ms.toFixed(0)} ms`);
  const c = countXml(text);
  assert.equal(s.format, 'pentabarf-legacy');
  assert.equal(s.events.length, c.events);
  assert.equal(s.events.length, 215);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.rooms.length, 18);
  assert.ok(s.events.some((e) => e.id === '0'));
  assert.equal(s.conference.dayChange, '09:00:00');
  assert.ok(s.events.every((e) => e.slug === undefined && e.type === undefined && e.language === undefined));
});

test('shared 31c3.xml: frab XML, 138 events, 4 rooms, 4 after midnight, two guid formats', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const text = shared('31c3.xml');
  const { schedule: s, ms } = timed(text);
  t.diagnostic(`parsed 31c3.xml in ${ms.toFixed(0)} ms`);
  const c = countXml(text);
  assert.equal(s.format, 'frab-xml');
  assert.equal(s.events.length, c.events);
  assert.equal(s.events.length, 138);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.rooms.length, 4);
  assert.equal(s.events.filter((e) => localDate(e.start, 1) !== e.dayDate).length, 4);
  const uuid = s.events.filter((e) => /^[0-9a-f]{8}-[0-9a-f]{4}-/.test(e.guid ?? '')).length;
  const b64 = s.events.filter((e) => /^[A-Za-z0-9+/_-]{22}$/.test(e.guid ?? '')).length;
  assert.ok(uuid > 0 && b64 > 0);
  assert.equal(uuid + b64, s.events.length);
});

test('shared 35c3.json: frab JSON, 164 events, 5 rooms, 5 after midnight', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const text = shared('35c3.json');
  const { schedule: s, ms } = timed(text);
  t.diagnostic(`parsed 35c3.json in ${ms.toFixed(0)} ms`);
  const c = countJson(text);
  assert.equal(s.format, 'frab-json');
  assert.equal(s.events.length, c.events);
  assert.equal(s.events.length, 164);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.rooms.length, 5);
  assert.equal(s.events.filter((e) => localDate(e.start, 1) !== e.dayDate).length, 5);
  // Cross-check the Intl zone conversion against the file's own offsets.
  for (const e of s.events) {
    const raw = text.slice(text.indexOf(`"id": ${e.id},`));
    const startClock = /"start": "(\d\d:\d\d)"/.exec(raw)![1]!;
    const date = localDate(e.start, 1);
    assert.equal(new Date(zonedToUtc(date, startClock, 'Europe/Berlin')).toISOString(), e.start);
  }
});

test('shared good2025.json: pretalx, 72 events, 5 rooms, US/Eastern, 14 without persons', (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const text = shared('good2025.json');
  const { schedule: s, ms } = timed(text);
  t.diagnostic(`parsed good2025.json in ${ms.toFixed(0)} ms`);
  const c = countJson(text);
  assert.equal(s.format, 'pretalx-json');
  assert.equal(s.events.length, c.events);
  assert.equal(s.events.length, 72);
  assert.equal(s.rooms.length, c.rooms);
  assert.equal(s.rooms.length, 5);
  assert.equal(s.conference.timeZone, 'US/Eastern');
  assert.equal(s.events.filter((e) => e.persons.length === 0).length, 14);
  // Local wall-clock + US/Eastern through Intl gives the same instants as the -04:00 offsets.
  const data = JSON.parse(text) as { schedule: { conference: { days: { rooms: Record<string, { id: number; start: string; date: string }[]> }[] } } };
  for (const day of data.schedule.conference.days)
    for (const list of Object.values(day.rooms))
      for (const ev of list) {
        const mine = s.events.find((e) => e.id === String(ev.id))!;
        assert.equal(new Date(zonedToUtc(ev.date.slice(0, 10), ev.start, 'US/Eastern')).toISOString(), mine.start);
      }
});
