import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Widget, type IWidget } from 'matrix-widget-api';
import { SHARED_MISSING, hasSharedSchedules, ownSchedules, sharedSchedules } from '../../test/node/repo.js';
import { run } from '../cli/cli.js';
import { parseTalkState } from '../../widgets/talk-player/schema.js';
import { parseRoomSchedule, SCHEDULE_EVENT, SCHEDULE_SPLIT_BYTES } from '../../widgets/schema/schedule.js';
import type { ScheduleEvent } from '../schedule/model.js';
import { scheduleStates } from './plan.js';
import { ConfigError, parseConfig } from './config.js';
import { buildWidgetUrl, WidgetOptionError } from './widget-url.js';
import { layoutFor, slugify } from './widget-state.js';

async function cli(argv: string[], files: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await run(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readFile: async (p) => files[p] ?? readFileSync(p, 'utf8'),
    env: {},
    now: () => Date.parse('2021-02-06T09:10:00Z'),
  });
  return { code, out, err };
}

const BASE = 'https://widgets.example.org/devroom';

/** What Element does: matrix-widget-api's templating, then widgetId + parentUrl in the query. */
function expandLikeElement(url: string, data: Record<string, string> = {}, id = 'devroom-talk-player-d-rust') {
  const definition: IWidget = { id, creatorUserId: '@bot:example.org', type: 'dev.devroom.talk', url, data };
  const complete = new Widget(definition).getCompleteUrl({
    widgetRoomId: '!abc:example.org',
    currentUserId: '@ada:example.org',
    userDisplayName: 'Ada L',
    userHttpAvatarUrl: 'https://example.org/a.png',
    clientTheme: 'dark',
    clientLanguage: 'de',
    deviceId: 'DEVICE1',
    baseUrl: 'https://matrix.example.org',
  });
  const u = new URL(complete);
  u.searchParams.set('widgetId', id);
  u.searchParams.set('parentUrl', 'https://app.element.io/#/room/!abc:example.org');
  return u;
}

test('widget URL: Element template variables in the fragment, expanded by matrix-widget-api', () => {
  const url = buildWidgetUrl(BASE + '/', 'talk-player', {
    src: 'https://stream.example.org/live/d-rust.m3u8?token=a&b=$matrix_user_id',
    title: 'Cost: $5 & more — $matrix_room_id',
    startsAt: '2021-02-06T10:00:00+01:00',
    endsAt: '2021-02-06T10:30:00+01:00',
    qaAt: '2021-02-06T10:25:00+01:00',
    jitsiDomain: 'meet.example.org',
    jitsiRoom: 'devconf21-d-rust',
  });
  assert.match(url, /^https:\/\/widgets\.example\.org\/devroom\/widgets\/talk-player\.html#\?roomId=\$matrix_room_id&userId=\$matrix_user_id&displayName=\$matrix_display_name&/);
  assert.ok(!url.includes('?', url.indexOf('#') + 2) || url.indexOf('?') === url.indexOf('#') + 1, 'no query string of our own');
  const loaded = expandLikeElement(url, { title: 'data values must not leak in' });
  assert.equal(loaded.searchParams.get('widgetId'), 'devroom-talk-player-d-rust');
  assert.ok(loaded.searchParams.get('parentUrl'));
  const p = new URLSearchParams(loaded.hash.slice(2));
  assert.equal(p.get('roomId'), '!abc:example.org');
  assert.equal(p.get('userId'), '@ada:example.org');
  assert.equal(p.get('displayName'), 'Ada L');
  assert.equal(p.get('avatarUrl'), 'https://example.org/a.png');
  assert.equal(p.get('theme'), 'dark');
  assert.equal(p.get('lang'), 'de');
  assert.equal(p.get('deviceId'), 'DEVICE1');
  assert.equal(p.get('baseUrl'), 'https://matrix.example.org');
  // Literal "$…" in values is escaped so Element's templating leaves it alone.
  assert.equal(p.get('src'), 'https://stream.example.org/live/d-rust.m3u8?token=a&b=$matrix_user_id');
  assert.equal(p.get('title'), 'Cost: $5 & more — $matrix_room_id');
  assert.equal(p.get('startsAt'), '2021-02-06T09:00:00.000Z');
  assert.equal(p.get('qaAt'), '2021-02-06T09:25:00.000Z');
  assert.equal(p.get('jitsiRoom'), 'devconf21-d-rust');
});

test('widget options are validated with clear reasons', () => {
  const problems = (kind: Parameters<typeof buildWidgetUrl>[1], o: Record<string, string>, base = BASE) => {
    try {
      buildWidgetUrl(base, kind, o);
    } catch (e) {
      if (e instanceof WidgetOptionError) return e.problems.join('\n');
      throw e;
    }
    return '';
  };
  assert.match(problems('talk-player', { src: 'http://stream.example.org/x.m3u8' }), /src: must be an https:\/\/ URL, got http:/);
  assert.match(problems('talk-player', { src: 'javascript:alert(1)' }), /src: must be an https:\/\/ URL, got javascript:/);
  assert.match(problems('talk-player', { jitsiDomain: 'meet.example.org', jitsiRoom: 'my room!' }), /jitsiRoom: Jitsi room names are/);
  assert.match(problems('talk-player', { jitsiRoom: 'room1' }), /jitsiRoom needs jitsiDomain/);
  assert.match(problems('talk-player', { jitsiDomain: 'https://meet.example.org' }), /jitsiDomain: expected a host name/);
  assert.match(problems('talk-player', { startsAt: '2021-02-06 10:00' }), /startsAt: expected an ISO 8601 time with a zone/);
  assert.match(problems('talk-player', { startsAt: '2021-02-06T10:00:00Z', endsAt: '2021-02-06T09:00:00Z' }), /endsAt is before startsAt/);
  assert.match(problems('qa-queue', { src: 'https://x.example/' }), /src: not an option of qa-queue/);
  assert.match(problems('food-truck-menu', {}, 'http://cdn.example.org'), /base: must be an https:\/\/ URL/);
  assert.equal(problems('food-truck-menu', { src: 'https://menus.example.org/truck.json' }), '');
});

test('slugs and layout', () => {
  assert.equal(slugify('D.rust'), 'd-rust');
  assert.equal(slugify('Tsai Auditorium (CGIS S010)'), 'tsai-auditorium-cgis-s010');
  assert.equal(slugify('Saal Ærø Größe'), 'saal-aero-grosse');
  assert.equal(slugify('!!!'), 'room');
  const l = layoutFor([
    { id: 'a', kind: 'talk-player' },
    { id: 'b', kind: 'qa-queue' },
    { id: 'c', kind: 'stand-booth' },
    { id: 'd', kind: 'food-truck-menu' },
  ]);
  assert.equal(Object.values(l.widgets).filter((w) => w.container === 'top').length, 3, 'Element allows 3 in top');
  assert.equal(['a', 'b', 'c'].reduce((n, id) => n + l.widgets[id]!.width, 0), 100);
  assert.equal(l.widgets.d!.container, 'right');
});

test('config errors name the setting and what was expected', () => {
  const problems = (raw: unknown) => {
    try {
      parseConfig(raw, { aliasPrefix: 'x-' });
    } catch (e) {
      if (e instanceof ConfigError) return e.problems.join('\n');
      throw e;
    }
    return '';
  };
  assert.match(problems({}), /widgetBase: required/);
  const p = problems({
    widgetBase: 'http://x.example',
    stream: 'http://stream.example.org/{room_slug}.m3u8',
    captions: 'https://c.example.org/{room}/{nope}.vtt',
    jitsi: { domain: 'meet.example.org', room: 'conf {room_slug}' },
    widgets: ['talk-player', 'jitsi'],
    powerLevels: { users: { bob: 50, '@amy:example.org': 101 } },
    rooms: { 'S.*': { widget: ['stand-booth'] }, 'D.rust': { alias: 'd-rust' } },
    qaMinutes: -1,
    streams: {},
  });
  for (const re of [
    /^widgetBase: must be an https:\/\/ URL/m,
    /^stream: must be an https:\/\/ URL/m,
    /^captions: unknown template variable \{nope\}/m,
    /^jitsi\.room: Jitsi room names are .* "conf \{room_slug\}" expands to "conf d-rust"/m,
    /^widgets\[1\]: unknown widget kind "jitsi"/m,
    /^powerLevels\.users: "bob" is not a Matrix user id/m,
    /^powerLevels\.users\["@amy:example\.org"\]: expected a whole number 0–100/m,
    /^rooms\["S\.\*"\]\.widget: unknown setting/m,
    /^rooms\["D\.rust"\]\.alias: expected a full alias like #room:example\.org/m,
    /^qaMinutes: expected a whole number/m,
    /^streams: unknown setting/m,
  ])
    assert.match(p, re);
});

test('plan snapshot: own FOSDEM-style fixture, text and JSON, stable', async () => {
  const argv = ['plan', join(ownSchedules, 'pentabarf-fosdem.xml'), '--config', join(ownSchedules, 'plan-config.json'), '--at', '2021-02-06T10:10:00+01:00'];
  const text = await cli(argv);
  assert.equal(text.code, 0, text.err);
  assert.equal(text.out, readFileSync(join(ownSchedules, 'plan-pentabarf-fosdem.txt'), 'utf8'));
  const json = await cli([...argv, '--json']);
  assert.equal(json.out, readFileSync(join(ownSchedules, 'plan-pentabarf-fosdem.json'), 'utf8'));
  const plan = JSON.parse(json.out) as { rooms: { room: string; talk: Record<string, unknown> | null; widgets: { id: string }[]; state: { type: string; stateKey: string; content: unknown }[] }[] };
  for (const r of plan.rooms) if (r.talk) assert.ok(parseTalkState(r.talk).ok, 'talk state passes the runtime validator');
  // The talk state says nothing that changes from talk to talk: the schedule does.
  for (const r of plan.rooms) for (const key of ['title', 'speakers', 'startsAt', 'endsAt', 'qaAt']) assert.equal(r.talk?.[key], undefined, `${r.room}: talk state has no ${key}`);
  const schedules = plan.rooms.map((r) => [r.room, r.state.filter((s) => s.type === SCHEDULE_EVENT).map((s) => [s.stateKey, parseRoomSchedule(s.content)])]);
  assert.deepEqual(
    schedules.map(([room, events]) => [room, (events as [string, { talks: { id: string; title: string }[]; dropped: string[] }][]).map(([key, p]) => [key, p.talks.map((t) => t.title), p.dropped])]),
    [
      ['K.fosdem', [['', ['Welcome to DevConf'], []]]],
      ['D.rust', [['', ['kris nóva live: Rust in the kernel', 'Async without tears', 'Embedded Rust on a €5 board'], []]]],
      ['S.example', []],
    ],
    'talk-player and Q&A rooms get their whole list under key ""; the stand room none',
  );
  assert.deepEqual(
    plan.rooms.flatMap((r) => r.widgets.map((w) => w.id)),
    ['devroom-talk-player-k-fosdem', 'devroom-qa-queue-k-fosdem', 'devroom-talk-player-d-rust', 'devroom-qa-queue-d-rust', 'devroom-stand-booth-s-example'],
  );
  // Every other own fixture plans too.
  for (const f of ['pentabarf-legacy.xml', 'frab.xml', 'frab.json', 'pretalx.json']) {
    const r = await cli(['plan', join(ownSchedules, f), '--widget-base', BASE]);
    assert.equal(r.code, 0, `${f}: ${r.err}`);
  }
  const eastern = await cli(['plan', join(ownSchedules, 'pretalx.json'), '--widget-base', BASE]);
  assert.match(eastern.out, /2025-03-17 13:00–17:00 {2}Contributor Jam — Emily \[OSC\]/, 'local times in US/Eastern');
  assert.match(eastern.out, /→ #good-test-2025-tsai-auditorium-cgis-s010:<server>/, 'numeric acronym: alias prefix from the title');
});

/** `n` talks of 30 minutes on `days` days in room A, titles `pad` characters long. */
function talks(n: number, days: number, pad: number): ScheduleEvent[] {
  return Array.from({ length: n }, (_, i) => {
    const day = i % days;
    const start = Date.UTC(2026, 1, 1 + day, 8) + Math.floor(i / days) * 1_800_000;
    return {
      id: String(1000 + i),
      title: `Talk ${i} `.padEnd(pad, 'x'),
      room: 'A',
      day: day + 1,
      dayDate: `2026-02-0${1 + day}`,
      start: new Date(start).toISOString(),
      end: new Date(start + 1_800_000).toISOString(),
      durationMinutes: 30,
      persons: ['Ada', 'Grace'],
    };
  });
}

test('schedule state: one event with every talk; a list over 32 KiB one event per day, key "" emptied', () => {
  const small = scheduleStates(talks(20, 2, 40), 5);
  assert.deepEqual(small.map((s) => s.stateKey), ['']);
  const one = parseRoomSchedule(small[0]!.content);
  assert.ok(!('error' in one));
  assert.equal(one.talks.length, 20);
  assert.deepEqual(one.dropped, []);
  assert.equal(one.talks[0]!.qaAt, '2026-02-01T08:25:00.000Z', 'Q&A the last qaMinutes of each talk');
  assert.deepEqual(one.talks[0]!.speakers, [{ name: 'Ada' }, { name: 'Grace' }]);

  const big = scheduleStates(talks(200, 2, 300), 5);
  assert.deepEqual(big.map((s) => s.stateKey), ['', '2026-02-01', '2026-02-02']);
  assert.deepEqual(big[0]!.content, { talks: [] }, 'readers find no stale whole list under ""');
  for (const s of big.slice(1)) {
    const bytes = new TextEncoder().encode(JSON.stringify(s.content)).length;
    assert.ok(bytes < 64 * 1024, `${s.stateKey}: ${bytes} B fits under Synapse's 64 KiB`);
    const parsed = parseRoomSchedule(s.content);
    assert.ok(!('error' in parsed) && parsed.talks.length === 100 && parsed.dropped.length === 0);
  }
});

test('schedule state: the largest room of every real schedule fits in one event', async (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const config = JSON.stringify({ widgetBase: BASE, widgets: ['talk-player'] });
  for (const f of ['fosdem-2021.xml', 'fosdem-2007.xml', '31c3.xml', '35c3.json', 'good2025.json']) {
    const r = await cli(['plan', join(sharedSchedules, f), '--config', 'c.json', '--json'], { 'c.json': config });
    assert.equal(r.code, 0, `${f}: ${r.err}`);
    const plan = JSON.parse(r.out) as { rooms: { room: string; state: { type: string; stateKey: string; content: unknown }[] }[] };
    const sizes = plan.rooms.map((room) => ({ room: room.room, events: room.state.filter((s) => s.type === SCHEDULE_EVENT) }));
    const largest = Math.max(...sizes.map((s) => new TextEncoder().encode(JSON.stringify(s.events[0]!.content)).length));
    t.diagnostic(`${f}: largest room's dev.devroom.schedule ${largest} B`);
    assert.ok(sizes.every((s) => s.events.length === 1 && s.events[0]!.stateKey === ''), `${f}: one event per room`);
    assert.ok(largest <= SCHEDULE_SPLIT_BYTES);
  }
});

test('plan: bad input exits 2 with the file, line and what was expected', async () => {
  const files = { 'broken.xml': '<schedule>\n  <conference/>\n  <day index="1" date="2021-02-06">\n    <room name="A"><event id="1"><start>25:00</start></event></room>\n  </day>\n</schedule>\n' };
  let r = await cli(['plan', 'broken.xml', '--widget-base', BASE], files);
  assert.equal(r.code, 2);
  assert.equal(r.err, 'devroom: broken.xml:4:20: event 1: <start> expected HH:MM, found "25:00"\n');
  r = await cli(['plan', 'broken.json', '--widget-base', BASE], { 'broken.json': '{"schedule": {"conference": {"days": [1,]}}}' });
  assert.equal(r.code, 2);
  assert.match(r.err, /broken\.json:1:41: invalid JSON: expected a value/);
  r = await cli(['plan', join(ownSchedules, 'frab.xml')]);
  assert.equal(r.code, 2);
  assert.match(r.err, /widgetBase: required/);
  r = await cli(['plan', join(ownSchedules, 'frab.xml'), '--widget-base', BASE, '--format', 'ical']);
  assert.match(r.err, /--format: unknown format "ical"/);
  r = await cli(['plan', join(ownSchedules, 'frab.xml'), '--widget-base', BASE, '--timezone', 'Europe/Nowhere']);
  assert.match(r.err, /--timezone: unknown time zone/);
  r = await cli(['plan', join(ownSchedules, 'frab.xml'), '--widget-base', BASE, '--config', 'c.json'], { 'c.json': '{"widgetBase": "https://x.example",\n "stream": }' });
  assert.match(r.err, /invalid config file:\n {2}- c\.json:2:12: invalid JSON: expected a value/);
  r = await cli(['plan', 'missing.xml', '--widget-base', BASE]);
  assert.match(r.err, /cannot read schedule file missing\.xml/);
  r = await cli(['plan', join(ownSchedules, 'frab.xml'), '--widget-base', BASE, '--bogus']);
  assert.match(r.err, /unknown option --bogus/);
});

test('widget command: URL, /addwidget line, state events; --json; option errors exit 2', async () => {
  let r = await cli(['widget', 'talk-player', '--base', BASE, '--room', 'D.rust', '--src', 'https://s.example.org/a.m3u8', '--starts-at', '2021-02-06T10:00:00+01:00', '--jitsi-domain', 'meet.example.org', '--jitsi-room', 'd-rust']);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Widget URL .*\n {2}https:\/\/widgets\.example\.org\/devroom\/widgets\/talk-player\.html#\?roomId=\$matrix_room_id&/);
  assert.match(r.out, /\n {2}\/addwidget https:\/\/widgets\.example\.org\/devroom\/widgets\/talk-player\.html#\?/);
  assert.match(r.out, /im\.vector\.modular\.widgets \(state key "devroom-talk-player-d-rust"\):/);
  r = await cli(['widget', 'qa-queue', '--base', BASE, '--title', 'Rust Q&A', '--json']);
  const j = JSON.parse(r.out) as { widgetId: string; url: string; stateEvents: { type: string; state_key: string; content: Record<string, unknown> }[] };
  assert.equal(j.widgetId, 'devroom-qa-queue-room');
  assert.equal(j.stateEvents[0]!.type, 'im.vector.modular.widgets');
  assert.deepEqual({ ...j.stateEvents[0]!.content, url: '' }, { type: 'dev.devroom.qa', url: '', name: 'Q&A', data: { title: 'Rust Q&A' }, waitForIframeLoad: false });
  assert.deepEqual(j.stateEvents[1], { type: 'io.element.widgets.layout', state_key: '', content: { widgets: { 'devroom-qa-queue-room': { container: 'top', index: 0, width: 100, height: 60 } } } });
  assert.equal(new URLSearchParams(expandLikeElement(j.url, {}, j.widgetId).hash.slice(2)).get('title'), 'Rust Q&A');

  r = await cli(['widget', 'talk-player', '--base', BASE, '--src', 'http://s.example.org/a.m3u8', '--jitsi-domain', 'meet.example.org', '--jitsi-room', 'bad room', '--qa-at', 'soon']);
  assert.equal(r.code, 2);
  assert.match(r.err, /invalid widget options:\n {2}- --src: must be an https:\/\/ URL/);
  assert.match(r.err, /- --jitsi-room: Jitsi room names are/);
  assert.match(r.err, /- --qa-at: expected an ISO 8601 time/);
  r = await cli(['widget', 'qa-queue', '--base', BASE, '--src', 'https://x.example/']);
  assert.match(r.err, /--src: not an option of qa-queue/);
  r = await cli(['widget', 'jitsi', '--base', BASE]);
  assert.match(r.err, /unknown widget kind "jitsi"/);
  r = await cli(['widget', 'qa-queue']);
  assert.match(r.err, /needs --base/);
  r = await cli(['frobnicate']);
  assert.equal(r.code, 2);
  r = await cli(['help']);
  assert.equal(r.code, 0);
  assert.match(r.out, /devroom apply <schedule> --homeserver URL/);
});

test('benchmark: plan for the largest schedule (FOSDEM 2021) under 2 s', async (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const config = JSON.stringify({
    widgetBase: BASE,
    stream: 'https://stream.example.org/{room_slug}.m3u8',
    jitsi: { domain: 'meet.example.org', room: 'fosdem21-{room_slug}' },
    rooms: { 'S.*': { widgets: ['stand-booth'], stream: null } },
  });
  const t0 = performance.now();
  const r = await cli(['plan', join(sharedSchedules, 'fosdem-2021.xml'), '--config', 'c.json', '--json'], { 'c.json': config });
  const ms = performance.now() - t0;
  t.diagnostic(`plan fosdem-2021.xml (773 events, 106 rooms): ${ms.toFixed(0)} ms`);
  assert.equal(r.code, 0, r.err);
  const plan = JSON.parse(r.out) as { rooms: { widgets: unknown[] }[] };
  assert.equal(plan.rooms.length, 106);
  assert.equal(plan.rooms.reduce((n, x) => n + x.widgets.length, 0), 55 * 2 + 51);
  assert.ok(ms < 2000, `${ms} ms`);
});
