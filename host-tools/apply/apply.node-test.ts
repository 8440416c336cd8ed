import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockHomeserver, type TimelineEvent } from '../../test/node/mock-homeserver.js';
import { SHARED_MISSING, hasSharedSchedules, ownSchedules, sharedSchedules } from '../../test/node/repo.js';
import { widgetQaNotice } from '../../test/node/widget-qa-root.js';
import { run, type CliIo } from '../cli/cli.js';
import { parseTalkState } from '../../widgets/talk-player/schema.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { parseRoomSchedule } from '../../widgets/schema/schedule.js';
import { isHalfMade } from './apply.js';
import { LAYOUT_EVENT, WIDGET_EVENT } from './widget-state.js';

const schedule = readFileSync(join(ownSchedules, 'pentabarf-fosdem.xml'), 'utf8');
const config = readFileSync(join(ownSchedules, 'plan-config.json'), 'utf8');
const AT = '2021-02-06T10:10:00+01:00';

let hs: MockHomeserver;
before(async () => {
  hs = await new MockHomeserver().start();
});
after(async () => {
  await hs.stop();
});
beforeEach(() => {
  hs.aliases.clear();
  hs.rooms.clear();
  hs.log.length = 0;
  hs.timeline.length = 0;
  hs.fault = undefined;
});

interface Outcome {
  code: number;
  out: string;
  err: string;
  waits: number[];
}

async function apply(files: Record<string, string> = {}, extra: string[] = [], io: Partial<CliIo> = {}): Promise<Outcome> {
  const vfs: Record<string, string> = { 'schedule.xml': schedule, 'config.json': config, ...files };
  let out = '';
  let err = '';
  const waits: number[] = [];
  const at = extra.includes('--at') ? [] : ['--at', AT];
  const code = await run(['apply', 'schedule.xml', '--config', 'config.json', '--homeserver', hs.url, ...at, ...extra], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readFile: async (p) => {
      const f = vfs[p];
      if (f === undefined) throw new Error('ENOENT');
      return f;
    },
    env: { DEVROOM_ACCESS_TOKEN: 'secret-token' },
    sleep: async (ms) => void waits.push(ms),
    ...io,
  });
  return { code, out, err, waits };
}

const roomByAlias = (alias: string) => hs.aliases.get(alias)!;
const writeCount = () => hs.writes().length;

test('first run creates every room with its widgets, layout, schedule, talk state and power levels', async () => {
  const r = await apply();
  assert.equal(r.code, 0, r.err + r.out);
  // whoami + (resolve + createRoom) per room; for each talk of the two rooms with a Q&A (K.fosdem 1, D.rust 3), the root read again, the notice and the root state.
  assert.equal(hs.log.length, 1 + 3 * 2 + 4 * 3);
  assert.equal(writeCount(), 3 + 4 * 2);
  assert.match(r.out, /Done: 3\/3 rooms — 3 created, 0 updated, 0 unchanged, 0 failed; 11 changed\./);
  assert.match(r.err, /\[1\/3\] K\.fosdem: created, opened the Q&A · ETA/);
  assert.match(r.err, /\[2\/3\] D\.rust: created, opened the Q&A of 3 talks · ETA/);
  assert.match(r.err, /\[3\/3\] S\.example: created\n/);

  const rust = roomByAlias('#devconf21-d-rust:example.org');
  // The talk state is the room's (the same for every talk); the talks are in the schedule.
  const talk = parseTalkState(hs.state(rust, EventTypes.talk));
  assert.ok(talk.ok, JSON.stringify(talk));
  assert.deepEqual(talk.value, { speakers: [], stream: 'https://stream.example.org/live/d-rust.m3u8', captions: 'https://stream.example.org/captions/d-rust.vtt', jitsiDomain: 'meet.example.org', jitsiRoom: 'devconf21-d-rust' });
  const list = parseRoomSchedule(hs.state(rust, EventTypes.schedule));
  assert.ok(!('error' in list), JSON.stringify(list));
  assert.deepEqual(list.dropped, []);
  assert.deepEqual(list.talks.map((t) => t.title), ['kris nóva live: Rust in the kernel', 'Async without tears', 'Embedded Rust on a €5 board']);
  assert.deepEqual(list.talks[0], {
    id: '10001',
    title: 'kris nóva live: Rust in the kernel',
    speakers: [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }],
    startsAt: '2021-02-06T09:00:00.000Z',
    endsAt: '2021-02-06T09:30:00.000Z',
    qaAt: '2021-02-06T09:25:00.000Z',
  });

  const widget = hs.state(rust, WIDGET_EVENT, 'devroom-talk-player-d-rust')!;
  assert.equal(widget.type, 'dev.devroom.talk');
  assert.equal(widget.waitForIframeLoad, false);
  assert.match(String(widget.url), /^https:\/\/widgets\.example\.org\/devroom\/widgets\/talk-player\.html#\?roomId=\$matrix_room_id&/);
  assert.deepEqual(hs.state(rust, LAYOUT_EVENT), {
    widgets: {
      'devroom-talk-player-d-rust': { container: 'top', index: 0, width: 65, height: 60 },
      'devroom-qa-queue-d-rust': { container: 'top', index: 1, width: 35, height: 60 },
    },
  });
  const pl = hs.state(rust, 'm.room.power_levels')! as { users: Record<string, number>; events: Record<string, number> };
  assert.equal(pl.users['@bot:example.org'], 100);
  assert.equal(pl.users['@orga:example.org'], 100);
  assert.equal(pl.users['@host:example.org'], 50);
  assert.equal(pl.events[EventTypes.qaHand], 0);
  assert.equal(pl.events[EventTypes.talk], 50);
  assert.equal(pl.events[EventTypes.qaQuestionState], 50);
  assert.equal(pl.events['m.room.power_levels'], 100, 'preset levels kept despite the shallow override');
  assert.equal(hs.state(roomByAlias('#keynotes:example.org'), 'm.room.name')!.name, 'Keynotes');
  // The stand room has no talk player and no Q&A, hence no talk state and no schedule.
  assert.equal(hs.state(roomByAlias('#devconf21-s-example:example.org'), EventTypes.talk), undefined);
  assert.equal(hs.state(roomByAlias('#devconf21-s-example:example.org'), EventTypes.schedule), undefined);
});

test('second run writes nothing; --dry-run of an unchanged conference neither', async () => {
  await apply();
  const before = writeCount();
  const r = await apply();
  assert.equal(r.code, 0);
  assert.equal(writeCount() - before, 0);
  assert.match(r.out, /0 created, 0 updated, 3 unchanged, 0 failed; 0 changed/);
  const dry = await apply({}, ['--dry-run']);
  assert.equal(dry.code, 0);
  assert.equal(writeCount() - before, 0);
  assert.match(dry.out, /Dry run: 3\/3 rooms/);
});

test('talks come and go with 0 writes: apply at a later moment of the day writes nothing', async () => {
  await apply();
  const mark = hs.log.length;
  // 14:30: every room is on another talk than at 10:10 (D.rust's third, K.fosdem's after its only one).
  const later = await apply({}, ['--at', '2021-02-06T14:30:00+01:00']);
  assert.equal(later.code, 0, later.out + later.err);
  assert.match(later.out, /0 created, 0 updated, 3 unchanged, 0 failed; 0 changed/);
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 0);
});

test("a host's live talk state (phase override for its talk, hallway, a moderator's Q&A root) survives an apply run", async () => {
  await apply();
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const key = `${EventTypes.talk}\u0000`;
  const room = hs.rooms.get(rust)!;
  const live = { ...hs.state(rust, EventTypes.talk)!, phase: 'qa', phaseTalk: '11342', hallway: true, qaRoot: '$moderatorsRoot' };
  room.state.set(key, { ...room.state.get(key)!, content: live });
  const mark = hs.log.length;
  const again = await apply({}, ['--at', '2021-02-06T14:30:00+01:00']);
  assert.equal(again.code, 0, again.out + again.err);
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 0, 'nothing rewritten');
  assert.deepEqual(hs.state(rust, EventTypes.talk), live);
});

test('schedule changes: a moved, added or cancelled talk writes only that room\'s schedule, once', async () => {
  await apply();
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const keynotes = roomByAlias('#keynotes:example.org');
  const talkState = hs.state(rust, EventTypes.talk);
  const schedulePath = (roomId: string) => `/_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/state/dev.devroom.schedule/`;
  const titles = (roomId: string) => {
    const list = parseRoomSchedule(hs.state(roomId, EventTypes.schedule));
    return 'error' in list ? [] : list.talks.map((t) => `${t.startsAt} ${t.title}`);
  };

  // Moved: the current D.rust talk starts 5 minutes later.
  let mark = hs.log.length;
  const moved = schedule.replace('<start>10:00</start>\n        <duration>00:30</duration>\n        <room>D.rust</room>', '<start>10:05</start>\n        <duration>00:30</duration>\n        <room>D.rust</room>');
  assert.notEqual(moved, schedule);
  const dry = await apply({ 'schedule.xml': moved }, ['--dry-run']);
  assert.match(dry.out, /D\.rust \([^)]*\):\n {2}~ dev\.devroom\.schedule\n {6}talks: .*2021-02-06T09:00:00\.000Z.* → .*2021-02-06T09:05:00\.000Z/);
  assert.equal(hs.writes().filter((w) => hs.log.indexOf(w) >= mark).length, 0, 'dry run writes nothing');
  mark = hs.log.length;
  let r = await apply({ 'schedule.xml': moved });
  let writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [schedulePath(rust)]);
  assert.equal(titles(rust)[0], '2021-02-06T09:05:00.000Z kris nóva live: Rust in the kernel');
  assert.deepEqual(hs.state(rust, EventTypes.talk), talkState, 'the talk state is not touched');
  assert.match(r.out, /0 created, 1 updated, 2 unchanged/);

  // A talk moved on another day: one write too, its room's schedule (the room learns it now, not when that talk is on).
  mark = hs.log.length;
  const movedLater = moved.replace('<start>14:00</start>', '<start>15:00</start>');
  assert.notEqual(movedLater, moved);
  await apply({ 'schedule.xml': movedLater });
  writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [schedulePath(rust)]);
  assert.equal(titles(rust)[2], '2021-02-07T14:00:00.000Z Embedded Rust on a €5 board');

  // Added: a new keynote in K.fosdem.
  mark = hs.log.length;
  const added = movedLater.replace(
    '      </event>\n    </room>\n    <room name="D.rust">',
    '      </event>\n      <event id="11800"><start>10:00</start><duration>00:30</duration><room>K.fosdem</room><title>Surprise keynote</title><persons><person id="1">Linus</person></persons></event>\n    </room>\n    <room name="D.rust">',
  );
  r = await apply({ 'schedule.xml': added });
  // Its room's schedule, and the new talk's Q&A: its notice and root (no other talk's).
  assert.deepEqual(writesIn(keynotes, mark), ['state dev.devroom.schedule/', 'send m.room.message', 'state dev.devroom.root/qa:11800']);
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 3);
  assert.deepEqual(titles(keynotes), ['2021-02-06T08:00:00.000Z Welcome to DevConf', '2021-02-06T09:00:00.000Z Surprise keynote']);

  // Cancelled: the first D.rust talk disappears from its list.
  mark = hs.log.length;
  const cancelled = added.replace(/<event id="10001">[\s\S]*?<\/event>/, '');
  r = await apply({ 'schedule.xml': cancelled });
  writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [schedulePath(rust)]);
  assert.deepEqual(titles(rust), ['2021-02-06T09:30:00.000Z Async without tears', '2021-02-07T14:00:00.000Z Embedded Rust on a €5 board']);
  assert.equal(r.code, 0);
});

test('config change: removed widget kind is emptied, layout rewritten, other widgets untouched', async () => {
  await apply();
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  // Someone added their own widget by hand: apply must leave it (and its layout entry) alone.
  hs.rooms.get(rust)!.state.set(`${WIDGET_EVENT}\u0000custom`, { type: WIDGET_EVENT, state_key: 'custom', content: { type: 'm.custom', url: 'https://x.example/' }, sender: '@someone:example.org', event_id: '$c', room_id: rust, origin_server_ts: 0 });
  const layout = hs.state(rust, LAYOUT_EVENT)! as { widgets: Record<string, unknown> };
  layout.widgets.custom = { container: 'right', index: 0, width: 100, height: 100 };
  const noQa = JSON.stringify({ ...JSON.parse(config), widgets: ['talk-player'] });
  const mark = hs.log.length;
  const r = await apply({ 'config.json': noQa });
  assert.equal(r.code, 0, r.out + r.err);
  const writes = hs.log.slice(mark).filter((q) => q.method !== 'GET').map((w) => decodeURIComponent(w.path).replace(/^.*\/state\//, ''));
  // K.fosdem and D.rust lose their Q&A widget (removal + layout); the stand room is configured separately.
  assert.deepEqual(writes.sort(), [
    'im.vector.modular.widgets/devroom-qa-queue-d-rust',
    'im.vector.modular.widgets/devroom-qa-queue-k-fosdem',
    'io.element.widgets.layout/',
    'io.element.widgets.layout/',
  ]);
  assert.deepEqual(hs.state(rust, WIDGET_EVENT, 'devroom-qa-queue-d-rust'), {});
  assert.deepEqual(hs.state(rust, LAYOUT_EVENT), {
    widgets: { custom: { container: 'right', index: 0, width: 100, height: 100 }, 'devroom-talk-player-d-rust': { container: 'top', index: 0, width: 100, height: 60 } },
  });
  assert.equal(hs.state(rust, WIDGET_EVENT, 'custom')!.url, 'https://x.example/');
  const again = await apply({ 'config.json': noQa });
  assert.match(again.out, /3 unchanged/);
});

test('a 429 asking for more than a timer can hold (2^31 ms and beyond, a far Retry-After date) waits at most 5 minutes, never a 1 ms overflow', async () => {
  let n = 0;
  hs.fault = (req) => {
    if (!req.path.endsWith('/createRoom')) return undefined;
    n++;
    if (n === 1) return { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 2 ** 32 } };
    if (n === 2) return { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests' }, headers: { 'Retry-After': 'Fri, 31 Dec 9999 23:59:59 GMT' } };
    return undefined;
  };
  const r = await apply();
  assert.equal(r.code, 0, r.err);
  assert.deepEqual(r.waits.slice(0, 2), [300_000, 300_000]);
});

test('429: waits retry_after_ms, or Retry-After seconds; 5xx and dropped connections back off and retry', async () => {
  let n = 0;
  hs.fault = (req) => {
    if (req.path.endsWith('/createRoom')) {
      n++;
      if (n === 1) return { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 1234 } };
      if (n === 2) return { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests' }, headers: { 'Retry-After': '2' } };
      if (n === 3) return { status: 502, body: { errcode: 'M_UNKNOWN', error: 'Bad gateway' } };
      if (n === 4) return { drop: true };
    }
    return undefined;
  };
  const r = await apply();
  assert.equal(r.code, 0, r.err);
  assert.equal(r.waits[0], 1234);
  assert.equal(r.waits[1], 2000);
  assert.equal(r.waits.length, 4);
  assert.ok(r.waits[2]! >= 250 && r.waits[2]! <= 500, `first backoff ${r.waits[2]}`);
  assert.ok(r.waits[3]! >= 500 && r.waits[3]! <= 1000, `second backoff ${r.waits[3]}`);
  assert.match(r.err, /waiting 1\.2 s: rate limited \(429\) \(POST \/createRoom\)/);
  assert.match(r.out, /rate-limited 2×, retried 2×/);
  assert.equal(hs.aliases.size, 3);
  assert.equal(hs.rooms.size, 3, 'no duplicate rooms');
});

test('alias conflict: createRoom answers M_ROOM_IN_USE, apply maps the alias and updates that room', async () => {
  let raced = false;
  hs.fault = (req) => {
    if (!raced && req.path.endsWith('/createRoom') && (req.body as { room_alias_name?: string }).room_alias_name === 'devconf21-d-rust') {
      raced = true;
      // Another client created the room between our alias lookup and createRoom.
      const pl = { type: 'm.room.power_levels', state_key: '', content: { users: { '@bot:example.org': 100 }, state_default: 50 }, sender: '@bot:example.org', event_id: '$pl', room_id: '!other:example.org', origin_server_ts: 0 };
      hs.rooms.set('!other:example.org', { members: new Set(['@bot:example.org']), state: new Map([['m.room.power_levels\u0000', pl]]) });
      hs.aliases.set('#devconf21-d-rust:example.org', '!other:example.org');
      return { status: 400, body: { errcode: 'M_ROOM_IN_USE', error: 'Room alias already taken' } };
    }
    return undefined;
  };
  const r = await apply();
  assert.equal(r.code, 0, r.out + r.err);
  assert.match(r.out, /2 created, 1 updated/);
  assert.deepEqual((hs.state('!other:example.org', EventTypes.schedule)!.talks as { title: string }[])[0]!.title, 'kris nóva live: Rust in the kernel');
});

test('a 429 inside createRoom after the power levels (Synapse 1.69–1.70.0 rate-limits the batch of initial state): apply looks the alias up instead of retrying, and finishes the half-made room', async () => {
  let cut = false;
  hs.fault = (req) => {
    const body = req.body as { room_alias_name?: string; power_level_content_override?: Record<string, unknown> };
    if (cut || !req.path.endsWith('/createRoom') || body.room_alias_name !== 'devconf21-d-rust') return undefined;
    cut = true;
    // What Synapse 1.70.0 leaves when the batch is refused: create, the creator's join, power levels — and the alias.
    const roomId = '!cut:example.org';
    const ev = (type: string, state_key: string, content: Record<string, unknown>) => ({ type, state_key, content, sender: '@bot:example.org', event_id: `$${type}`, room_id: roomId, origin_server_ts: 0 });
    const state = [ev('m.room.create', '', { creator: '@bot:example.org', room_version: '9' }), ev('m.room.member', '@bot:example.org', { membership: 'join' }), ev('m.room.power_levels', '', body.power_level_content_override!)];
    hs.rooms.set(roomId, { members: new Set(['@bot:example.org']), state: new Map(state.map((e) => [`${e.type}\u0000${e.state_key}`, e])) });
    hs.aliases.set('#devconf21-d-rust:example.org', roomId);
    return { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 700 } };
  };
  const r = await apply();
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(r.waits, [700]);
  assert.equal(hs.log.filter((q) => q.path.endsWith('/createRoom')).length, 3, 'the refused createRoom is not sent again');
  assert.match(r.out, /3 created, 0 updated, 0 unchanged, 0 failed/);
  assert.match(r.err, /D\.rust: created \(the server had left it half-made: wrote its 5 creation events\), wrote 5 state events, opened the Q&A/);
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  assert.equal(rust, '!cut:example.org');
  assert.deepEqual(hs.state(rust, 'm.room.join_rules'), { join_rule: 'public' });
  assert.deepEqual(hs.state(rust, 'm.room.history_visibility'), { history_visibility: 'shared' });
  assert.deepEqual(hs.state(rust, 'm.room.canonical_alias'), { alias: '#devconf21-d-rust:example.org' });
  assert.equal(hs.state(rust, 'm.room.name')!.name, 'D.rust');
  assert.equal(parseTalkState(hs.state(rust, EventTypes.talk)).ok, true);
  const again = await apply();
  assert.match(again.out, /0 created, 0 updated, 3 unchanged, 0 failed; 0 changed/);
});

test('half-made: only a room the host user created that lacks power levels, join rules or history visibility', () => {
  const ev = (type: string, content: Record<string, unknown> = {}, state_key = '') => ({ type, state_key, content });
  const made = [ev('m.room.create', { creator: '@bot:example.org' }), ev('m.room.power_levels'), ev('m.room.join_rules'), ev('m.room.history_visibility')];
  assert.equal(isHalfMade(made, '@bot:example.org'), false);
  assert.equal(isHalfMade(made.slice(0, 1), '@bot:example.org'), true, 'Synapse 1.67–1.70.0: the creator\'s join refused');
  assert.equal(isHalfMade(made.slice(0, 2), '@bot:example.org'), true, 'Synapse 1.69–1.70.0: the batch after the power levels refused');
  assert.equal(isHalfMade(made.slice(0, 1), '@other:example.org'), false, 'someone else\'s room is never finished');
  // Room version 11 and later: the creator is the create event's sender.
  assert.equal(isHalfMade([{ ...ev('m.room.create'), sender: '@bot:example.org' }], '@bot:example.org'), true);
});

test('M_FORBIDDEN: a mapped room the bot is not in fails alone; exit code 1; the rest is applied', async () => {
  hs.addForeignRoom('#keynotes:example.org');
  const r = await apply();
  assert.equal(r.code, 1);
  assert.match(r.out, /2 created, 0 updated, 0 unchanged, 1 failed/);
  assert.match(r.out, /failed: K\.fosdem: GET \/_matrix\/client\/v3\/rooms\/.*\/state → 403 M_FORBIDDEN: You are not in this room/);
  assert.match(r.err, /\[1\/3\] K\.fosdem: FAILED/);
});

test('interrupted run (Ctrl-C, homeserver gone) resumes: the re-run writes only what is missing', async () => {
  await apply();
  // A new config touches every room: new stream URLs (widgets + talk state) → 2 writes in each talk room.
  const newStreams = JSON.stringify({ ...JSON.parse(config), stream: 'https://cdn2.example.org/{room_slug}.m3u8' });
  const controller = new AbortController();
  let writes = 0;
  hs.fault = (req) => {
    if (req.method === 'PUT' && ++writes === 3) controller.abort();
    return undefined;
  };
  const first = await apply({ 'config.json': newStreams }, [], { signal: controller.signal });
  assert.equal(first.code, 1);
  assert.match(first.out, /stopped: interrupted; re-run to resume/);
  hs.fault = undefined;
  const mark = hs.log.length;
  const second = await apply({ 'config.json': newStreams });
  assert.equal(second.code, 0);
  const resumed = hs.log.slice(mark).filter((q) => q.method !== 'GET').length;
  assert.equal(writes + resumed, 4, 'K.fosdem and D.rust: widget + talk state each, written once in total');

  // Homeserver gone mid-run: every request dropped after the first lookups.
  const third = JSON.stringify({ ...JSON.parse(config), stream: 'https://cdn3.example.org/{room_slug}.m3u8' });
  hs.fault = (req) => (req.method === 'PUT' ? { drop: true } : undefined);
  const down = await apply({ 'config.json': third });
  assert.equal(down.code, 1);
  assert.match(down.out, /stopped: homeserver unreachable/);
  hs.fault = undefined;
  const up = await apply({ 'config.json': third });
  assert.equal(up.code, 0);
  assert.match(up.out, /2 updated, 1 unchanged/);
});

test('Ctrl-C mid-room or during a rate-limit wait: only writes the server confirmed are reported, nothing is sent after it', async () => {
  await apply();
  const newStreams = JSON.stringify({ ...JSON.parse(config), stream: 'https://cdn2.example.org/{room_slug}.m3u8' });
  const opened = hs.log.length;
  const puts = () => hs.log.slice(opened).filter((q) => q.method === 'PUT').length;

  // Ctrl-C while K.fosdem's first of two writes is in flight: it completes, the second is never sent.
  let controller = new AbortController();
  hs.fault = (req) => {
    if (req.method === 'PUT') controller.abort();
    return undefined;
  };
  let r = await apply({ 'config.json': newStreams }, [], { signal: controller.signal });
  assert.equal(r.code, 1);
  assert.equal(puts(), 1);
  assert.match(r.err, /\[1\/3\] K\.fosdem: wrote 1 of 2 state events, then stopped\n/);
  assert.match(r.out, /1\/3 rooms — 0 created, 1 updated, 0 unchanged, 0 failed; 1 changed\./);

  // Ctrl-C during a 429 wait: the wait ends and the refused write is not sent again.
  controller = new AbortController();
  hs.fault = (req) => (req.method === 'PUT' ? { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 60_000 } } : undefined);
  const before = puts();
  r = await apply({ 'config.json': newStreams }, [], { signal: controller.signal, sleep: async () => controller.abort() });
  assert.equal(r.code, 1);
  assert.equal(puts() - before, 1, 'one refused write, no retry after Ctrl-C');
  assert.match(r.err, /K\.fosdem: stopped before any change/);
  assert.match(r.out, /stopped: interrupted; re-run to resume\): 0\/3 rooms — 0 created, 0 updated, 0 unchanged, 0 failed; 0 changed\./);
});

test('--dry-run shows the key that changed inside power levels, and where a long URL differs', async () => {
  await apply();
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  // A room set up by an older devroom: no level for raised hands yet, and @host at 40.
  const pl = hs.state(rust, 'm.room.power_levels') as { events: Record<string, number>; users: Record<string, number> };
  delete pl.events[EventTypes.qaHand];
  pl.users['@host:example.org'] = 40;
  const newStreams = JSON.stringify({ ...JSON.parse(config), stream: 'https://cdn2.example.org/{room_slug}.m3u8' });
  const mark = hs.log.length;
  const dry = await apply({ 'config.json': newStreams }, ['--dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /\n {2}~ m\.room\.power_levels\n {6}events\["dev\.devroom\.qa\.hand"\]: \(none\) → 0\n {6}users\["@host:example\.org"\]: 40 → 50\n/);
  // The widget URL differs far past the first 80 characters: the diff shows that part.
  // Keys in sorted order, whatever order the server keeps them in.
  const widgetDiff = /~ im\.vector\.modular\.widgets devroom-talk-player-d-rust\n {6}data\.src: "https:\/\/stream\.example\.org\/live\/d-rust\.m3u8" → "https:\/\/cdn2\.example\.org\/d-rust\.m3u8"\n {6}url: (.*)\n/.exec(dry.out);
  assert.ok(widgetDiff, dry.out);
  assert.match(widgetDiff[1]!, /^"…[^"]*src=https%3A%2F%2Fstream\.example\.org%2Flive%2Fd-rust\.m3u8[^"]*" → "…[^"]*src=https%3A%2F%2Fcdn2\.example\.org%2Fd-rust\.m3u8[^"]*"$/);
  assert.ok(widgetDiff[1]!.length < 240, `short enough to read: ${widgetDiff[1]}`);
  assert.equal(hs.log.slice(mark).filter((q) => q.method === 'PUT').length, 0, 'dry run');
});

test('apply refuses bad options before touching the network', async () => {
  const bad = async (argv: string[], env: Record<string, string | undefined>, re: RegExp) => {
    let err = '';
    const code = await run(argv, { stdout: () => {}, stderr: (t) => (err += t), readFile: async () => schedule, env });
    assert.equal(code, 2, err);
    assert.match(err, re);
  };
  const env = { DEVROOM_ACCESS_TOKEN: 't' };
  await bad(['apply', 's.xml'], env, /needs --homeserver/);
  await bad(['apply', 's.xml', '--homeserver', 'http://matrix.example.org'], env, /must be https:\/\//);
  await bad(['apply', 's.xml', '--homeserver', 'https://matrix.example.org'], {}, /DEVROOM_ACCESS_TOKEN/);
  await bad(['apply', 's.xml', '--homeserver', 'https://matrix.example.org', '--at', 'tomorrow'], env, /--at: expected an ISO 8601 time/);
  assert.equal(hs.log.length, 0);
});

/** The room's writes since `mark`, short: `send m.room.message`, `state dev.devroom.root/qa`, `createRoom`. */
function writesIn(roomId: string, mark = 0): string[] {
  return hs.log
    .slice(mark)
    .filter((q) => q.method !== 'GET')
    .map((q) => decodeURIComponent(q.path))
    .filter((p) => p.includes(`/rooms/${roomId}/`))
    .map((p) => p.replace(/^.*\/rooms\/[^/]+\/(send|state)\/([^/]+)(\/[^/]*)?$/, (_, kind: string, type: string, rest: string) => (kind === 'send' ? `send ${type}` : `state ${type}${rest}`)));
}

/** A room's Q&A root state: one talk's (`qa:<talk id>`), as apply opens one per scheduled talk. */
const rootOf = (roomId: string, talkId: string) => hs.state(roomId, EventTypes.root, `qa:${talkId}`);

/** The talks of the test schedule's two rooms with a Q&A: K.fosdem has one, D.rust three. */
const KEYNOTE = { id: '11795', title: 'Welcome to DevConf' };
const RUST = [
  { id: '10001', title: 'kris nóva live: Rust in the kernel' },
  { id: '10002', title: 'Async without tears' },
  { id: '10003', title: 'Embedded Rust on a €5 board' },
];
/** What opening one talk's Q&A writes: its notice, then its root state. */
const opening = (talkId: string) => ['send m.room.message', `state dev.devroom.root/qa:${talkId}`];

/** A talk's root notice, checked against what the Q&A widget sends itself at that talk. */
async function assertOpenedByApply(roomId: string, talk: { id: string; title: string }): Promise<TimelineEvent> {
  const root = rootOf(roomId, talk.id);
  assert.ok(root, `${roomId}: talk ${talk.id}'s Q&A root`);
  assert.deepEqual(Object.keys(root), ['event_id'], 'a new root: nothing but the notice it points at');
  const notice = hs.event(root.event_id as string);
  assert.ok(notice, 'the root state points at the notice apply sent');
  assert.equal(notice.room_id, roomId);
  assert.equal(notice.type, 'm.room.message');
  assert.equal(notice.sender, '@bot:example.org');
  assert.equal(notice.content.msgtype, 'm.notice');
  assert.equal(notice.content['m.relates_to'], undefined, 'the root relates to nothing');
  assert.deepEqual(notice.content, await widgetQaNotice(talk.title, talk.id), 'word for word what a moderator\'s widget sends');
  return notice;
}

test('apply opens the Q&A of every scheduled talk in a room with a Q&A widget (notice, then dev.devroom.root qa:<talk id>); a dry run shows it; a second run writes nothing', async () => {
  const dry = await apply({}, ['--dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.equal(hs.writes().length, 0, 'dry run');
  assert.match(
    dry.out,
    /\nD\.rust \(#devconf21-d-rust:example\.org\): \+ create room with \d+ state events and power levels\n {2}\+ m\.room\.message m\.notice "💬 Q&A — kris nóva live: Rust in the kernel: ask and vote in the devroom Q&A widget \(or react 👍 to a question\)\." \(opens the Q&A\)\n {2}\+ dev\.devroom\.root qa:10001 \(points at that notice\)\n {2}\+ m\.room\.message m\.notice "💬 Q&A — Async without tears: [^\n]*\n {2}\+ dev\.devroom\.root qa:10002 [^\n]*\n {2}\+ m\.room\.message m\.notice "💬 Q&A — Embedded Rust on a €5 board: [^\n]*\n {2}\+ dev\.devroom\.root qa:10003 \(points at that notice\)\n/,
  );
  assert.match(dry.out, /\nS\.example \([^)]*\): \+ create room with 2 state events and power levels\n(?! {2}\+)/, 'no Q&A widget, no root');
  assert.match(dry.out, /Dry run: 3\/3 rooms — 3 to create, 0 to update, 0 unchanged, 0 failed; 11 would change\./);
  assert.match(dry.err, /\[2\/3\] D\.rust: would create and open the Q&A/);

  const first = await apply();
  assert.equal(first.code, 0, first.out + first.err);
  assert.match(first.out, /Done: 3\/3 rooms — 3 created, 0 updated, 0 unchanged, 0 failed; 11 changed\./);
  assert.match(first.out, /Requests: \d+ \(\d+ reads, 11 writes\)/);
  assert.match(first.err, /\[2\/3\] D\.rust: created, opened the Q&A of 3 talks · ETA/);
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const keynotes = roomByAlias('#keynotes:example.org');
  const stand = roomByAlias('#devconf21-s-example:example.org');
  assert.deepEqual(writesIn(rust), RUST.flatMap((t) => opening(t.id)));
  assert.deepEqual(writesIn(keynotes), opening(KEYNOTE.id));
  for (const talk of RUST) await assertOpenedByApply(rust, talk);
  await assertOpenedByApply(keynotes, KEYNOTE);
  assert.equal(hs.state(rust, EventTypes.root, 'qa'), undefined, 'no room-level root in a room with a schedule');
  assert.equal(hs.state(stand, EventTypes.root, 'qa'), undefined, 'no Q&A widget, no root');
  assert.equal(hs.timeline.length, 4, 'one notice per talk of the Q&A rooms');

  const mark = hs.log.length;
  const second = await apply();
  assert.equal(second.code, 0);
  assert.match(second.out, /0 created, 0 updated, 3 unchanged, 0 failed; 0 changed/);
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 0, 'second run: no writes');
  assert.equal(hs.log.length - mark, 1 + 3 * 2, 'whoami, then alias + state per room: the roots are in the state apply reads anyway');
  const dryAgain = await apply({}, ['--dry-run']);
  assert.match(dryAgain.out, /3 unchanged, 0 failed; 0 would change/);
});

test('an existing root is never replaced: a moderator\'s, or one set while apply sent its notice; a broken one is no root', async () => {
  await apply({ 'config.json': JSON.stringify({ ...JSON.parse(config), widgets: ['talk-player'] }) });
  assert.equal(hs.timeline.length, 0, 'no Q&A widget, no notice');
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const keynotes = roomByAlias('#keynotes:example.org');
  // A moderator's widget opened D.rust's first talk's Q&A (two roots: they opened it at the same moment).
  const moderators = { event_id: '$moderatorNotice', previous: ['$otherModeratorNotice'] };
  const setRoot = (roomId: string, talkId: string, content: Record<string, unknown>) =>
    hs.rooms.get(roomId)!.state.set(`${EventTypes.root}\u0000qa:${talkId}`, { type: EventTypes.root, state_key: `qa:${talkId}`, content, sender: '@host:example.org', event_id: `$r${Math.random()}`, room_id: roomId, origin_server_ts: 0 });
  setRoot(rust, '10001', moderators);
  // In K.fosdem a moderator opens it while apply's notice is on its way.
  hs.fault = (req) => {
    if (req.method === 'PUT' && decodeURIComponent(req.path).includes(`/rooms/${keynotes}/send/`)) setRoot(keynotes, KEYNOTE.id, { event_id: '$raced' });
    return undefined;
  };
  const dry = await apply({}, ['--dry-run']);
  assert.doesNotMatch(dry.out, /dev\.devroom\.root qa:10001/, 'D.rust\'s first talk has a root');
  assert.match(dry.out, /\n {2}\+ dev\.devroom\.root qa:10002 /);
  assert.match(dry.out, /K\.fosdem[^\n]*\n(( {2}[~+-][^\n]*| {6}[^\n]*)\n)* {2}\+ m\.room\.message m\.notice/);

  let mark = hs.log.length;
  const r = await apply();
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(
    writesIn(rust, mark),
    ['state im.vector.modular.widgets/devroom-qa-queue-d-rust', 'state io.element.widgets.layout/', ...opening('10002'), ...opening('10003')],
    'the Q&A widget and the other talks\' roots; the moderator\'s root is left alone',
  );
  assert.deepEqual(rootOf(rust, '10001'), moderators);
  assert.deepEqual(writesIn(keynotes, mark), ['state im.vector.modular.widgets/devroom-qa-queue-k-fosdem', 'state io.element.widgets.layout/', 'send m.room.message']);
  assert.deepEqual(rootOf(keynotes, KEYNOTE.id), { event_id: '$raced' }, 'read again right before writing: the moderator\'s root stays');
  assert.match(r.err, /\[1\/3\] K\.fosdem: wrote 2 state events, sent a Q&A notice but a root appeared meanwhile: kept/);
  assert.match(r.err, /D\.rust: wrote 2 state events, opened the Q&A of 2 talks/);
  assert.match(r.out, /0 created, 2 updated, 1 unchanged, 0 failed; 9 changed\./);
  hs.fault = undefined;

  mark = hs.log.length;
  assert.match((await apply()).out, /3 unchanged, 0 failed; 0 changed/);
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 0);

  // A root state readers cannot use (emptied, or no event id) is no root: apply opens that talk's Q&A.
  setRoot(rust, '10001', { event_id: 'not an event id' });
  setRoot(keynotes, KEYNOTE.id, {});
  mark = hs.log.length;
  const reopened = await apply();
  assert.match(reopened.out, /0 created, 2 updated, 1 unchanged, 0 failed; 4 changed\./);
  assert.deepEqual(writesIn(rust, mark), opening('10001'));
  assert.deepEqual(writesIn(keynotes, mark), opening(KEYNOTE.id));
  await assertOpenedByApply(rust, RUST[0]!);
});

test('the Q&A writes stop at Ctrl-C and wait out 429s like every other write; a re-run finishes opening', async () => {
  // Ctrl-C while K.fosdem is being created: the room is counted, its Q&A is left for the re-run.
  let controller = new AbortController();
  hs.fault = (req) => {
    if (req.path.endsWith('/createRoom')) controller.abort();
    return undefined;
  };
  let r = await apply({}, [], { signal: controller.signal });
  assert.equal(r.code, 1);
  assert.match(r.err, /\[1\/3\] K\.fosdem: created, then stopped\n/);
  assert.match(r.out, /stopped: interrupted; re-run to resume\): 1\/3 rooms — 1 created, 0 updated, 0 unchanged, 0 failed; 1 changed\./);
  const keynotes = roomByAlias('#keynotes:example.org');
  assert.deepEqual(writesIn(keynotes), []);
  assert.equal(hs.timeline.length, 0);

  // Ctrl-C while its notice is in flight: the notice counts, the root state is never sent.
  controller = new AbortController();
  hs.fault = (req) => {
    if (req.path.includes('/send/')) controller.abort();
    return undefined;
  };
  r = await apply({}, [], { signal: controller.signal });
  assert.equal(r.code, 1);
  assert.match(r.err, /\[1\/3\] K\.fosdem: sent the Q&A notice, then stopped\n/);
  assert.match(r.out, /1\/3 rooms — 0 created, 1 updated, 0 unchanged, 0 failed; 1 changed\./);
  assert.deepEqual(writesIn(keynotes), ['send m.room.message']);
  assert.equal(rootOf(keynotes, KEYNOTE.id), undefined);

  // The re-run opens it (a new notice: the first is never used), and a 429 on a notice is waited
  // out, then retried with the same transaction id, so the server keeps one notice, not two.
  let limited = 0;
  hs.fault = (req) => (req.path.includes('/send/') && limited++ === 0 ? { status: 429, body: { errcode: 'M_LIMIT_EXCEEDED', error: 'Too Many Requests', retry_after_ms: 777 } } : undefined);
  const mark = hs.log.length;
  r = await apply();
  assert.equal(r.code, 0, r.out + r.err);
  assert.deepEqual(r.waits, [777]);
  const sends = hs.log.slice(mark).filter((q) => q.path.includes('/send/'));
  assert.equal(sends[0]!.path, sends[1]!.path, 'the retry is the same transaction');
  // K.fosdem: its talk's notice and root; D.rust created with its three talks' (2 each); S.example created.
  assert.match(r.out, /2 created, 1 updated, 0 unchanged, 0 failed; 10 changed\./);
  await assertOpenedByApply(keynotes, KEYNOTE);
  for (const talk of RUST) await assertOpenedByApply(roomByAlias('#devconf21-d-rust:example.org'), talk);
  assert.equal(hs.timeline.length, 5, 'K.fosdem\'s unused first notice, then one per talk of the Q&A rooms');
});

test('an alias over 255 bytes with the server\'s name (known only from whoami) stops apply before any room is touched', async () => {
  const { serverName: _, ...rest } = JSON.parse(config) as Record<string, unknown>;
  // "#" + 237-byte prefix + "d-rust" + ":example.org" = 256 bytes; the plan alone (no serverName) cannot tell.
  const long = JSON.stringify({ ...rest, aliasPrefix: `${'a'.repeat(236)}-` });
  const r = await apply({ 'config.json': long });
  assert.equal(r.code, 2, r.out + r.err);
  assert.match(r.err, /invalid plan:\n {2}- room "D\.rust": alias #a+…a*-d-rust:example\.org is 256 bytes, Matrix allows 255: shorten aliasPrefix or set rooms\["D\.rust"\]\.alias\n/);
  assert.match(r.err, /room "S\.example": alias .* is 259 bytes/);
  assert.doesNotMatch(r.err, /K\.fosdem/, 'its own alias is short enough');
  assert.deepEqual(hs.log.map((q) => q.path), ['/_matrix/client/v3/account/whoami']);
});

test('FOSDEM 2021 against the local homeserver: request counts for a first and a second run', async (t) => {
  if (!hasSharedSchedules()) return t.skip(SHARED_MISSING);
  const fosdem = readFileSync(join(sharedSchedules, 'fosdem-2021.xml'), 'utf8');
  const cfg = JSON.stringify({ widgetBase: 'https://widgets.example.org', stream: 'https://stream.example.org/{room_slug}.m3u8', jitsi: { domain: 'meet.example.org', room: 'fosdem21-{room_slug}' }, rooms: { 'S.*': { widgets: ['stand-booth'], stream: null } } });
  let t0 = performance.now();
  const first = await apply({ 'schedule.xml': fosdem, 'config.json': cfg }, ['--quiet']);
  const firstMs = performance.now() - t0;
  assert.equal(first.code, 0, first.out);
  const firstRequests = hs.log.length;
  // The 662 talks of the 55 rooms with a Q&A each get theirs: the root read again, the notice, the root state.
  assert.equal(firstRequests, 1 + 106 * 2 + 662 * 3, 'whoami, then alias lookup + createRoom per room, and opening each talk\'s Q&A');
  assert.equal(writeCount(), 106 + 662 * 2);
  t0 = performance.now();
  const second = await apply({ 'schedule.xml': fosdem, 'config.json': cfg }, ['--quiet']);
  const secondMs = performance.now() - t0;
  assert.equal(writeCount(), 106 + 662 * 2, 'second run: zero writes');
  assert.equal(hs.log.length - firstRequests, 1 + 106 * 2, 'whoami, then alias lookup + state read per room');
  assert.match(second.out, /106 unchanged/);
  t.diagnostic(`FOSDEM 2021: first run ${firstRequests} requests (${106 + 662 * 2} writes) in ${firstMs.toFixed(0)} ms; second run ${hs.log.length - firstRequests} requests (0 writes) in ${secondMs.toFixed(0)} ms`);
});
