import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MockHomeserver } from '../../test/node/mock-homeserver.js';
import { SHARED_MISSING, hasSharedSchedules, ownSchedules, sharedSchedules } from '../../test/node/repo.js';
import { run, type CliIo } from '../cli/cli.js';
import { parseTalkState } from '../schema/talk.js';
import { EventTypes } from '../schema/namespace.js';
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
  const code = await run(['apply', 'schedule.xml', '--config', 'config.json', '--homeserver', hs.url, '--at', AT, ...extra], {
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

test('first run creates every room with its widgets, layout, talk state and power levels', async () => {
  const r = await apply();
  assert.equal(r.code, 0, r.err + r.out);
  // whoami + (resolve + createRoom) per room, nothing else.
  assert.equal(hs.log.length, 1 + 3 * 2);
  assert.equal(writeCount(), 3);
  assert.match(r.out, /Done: 3\/3 rooms — 3 created, 0 updated, 0 unchanged, 0 failed; 3 changed\./);
  assert.match(r.err, /\[1\/3\] K\.fosdem: created · ETA/);
  assert.match(r.err, /\[3\/3\] S\.example: created\n/);

  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const talk = parseTalkState(hs.state(rust, EventTypes.talk));
  assert.ok(talk.ok, JSON.stringify(talk));
  assert.equal(talk.value.title, 'kris nóva live: Rust in the kernel');
  assert.equal(talk.value.startsAt, '2021-02-06T09:00:00.000Z');
  assert.equal(talk.value.qaAt, '2021-02-06T09:25:00.000Z');
  assert.equal(talk.value.stream, 'https://stream.example.org/live/d-rust.m3u8');
  assert.equal(talk.value.jitsiRoom, 'devconf21-d-rust');
  assert.deepEqual(talk.value.speakers, [{ name: 'Ada Lovelace' }, { name: 'Grace Hopper' }]);

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
  // The stand room has no talk player, hence no talk state.
  assert.equal(hs.state(roomByAlias('#devconf21-s-example:example.org'), EventTypes.talk), undefined);
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

test('schedule changes: a moved, added or cancelled talk writes only that room\'s talk state', async () => {
  await apply();
  const rust = roomByAlias('#devconf21-d-rust:example.org');
  const keynotes = roomByAlias('#keynotes:example.org');

  // Moved: the current D.rust talk starts 10 minutes later.
  let mark = hs.log.length;
  const moved = schedule.replace('<start>10:00</start>\n        <duration>00:30</duration>\n        <room>D.rust</room>', '<start>10:05</start>\n        <duration>00:30</duration>\n        <room>D.rust</room>');
  assert.notEqual(moved, schedule);
  const dry = await apply({ 'schedule.xml': moved }, ['--dry-run']);
  assert.match(dry.out, /~ dev\.devroom\.talk\n( {6}\w+: .*\n)* {6}startsAt: "2021-02-06T09:00:00.000Z" → "2021-02-06T09:05:00.000Z"\n/);
  assert.equal(hs.writes().filter((w) => hs.log.indexOf(w) >= mark).length, 0, 'dry run writes nothing');
  mark = hs.log.length;
  let r = await apply({ 'schedule.xml': moved });
  let writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [`/_matrix/client/v3/rooms/${encodeURIComponent(rust)}/state/dev.devroom.talk/`]);
  assert.equal(hs.state(rust, EventTypes.talk)!.startsAt, '2021-02-06T09:05:00.000Z');
  assert.match(r.out, /0 created, 1 updated, 2 unchanged/);

  // A talk moved on another day changes nothing in any room now.
  mark = hs.log.length;
  await apply({ 'schedule.xml': moved.replace('<start>14:00</start>', '<start>15:00</start>') });
  assert.equal(hs.log.slice(mark).filter((q) => q.method !== 'GET').length, 0);

  // Added: a new keynote on now in K.fosdem.
  mark = hs.log.length;
  const added = moved.replace(
    '      </event>\n    </room>\n    <room name="D.rust">',
    '      </event>\n      <event id="11800"><start>10:00</start><duration>00:30</duration><room>K.fosdem</room><title>Surprise keynote</title><persons><person id="1">Linus</person></persons></event>\n    </room>\n    <room name="D.rust">',
  );
  r = await apply({ 'schedule.xml': added });
  writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [`/_matrix/client/v3/rooms/${encodeURIComponent(keynotes)}/state/dev.devroom.talk/`]);
  assert.equal(hs.state(keynotes, EventTypes.talk)!.title, 'Surprise keynote');

  // Cancelled: the current D.rust talk disappears, the next one takes the talk state.
  mark = hs.log.length;
  const cancelled = added.replace(/<event id="10001">[\s\S]*?<\/event>/, '');
  r = await apply({ 'schedule.xml': cancelled });
  writes = hs.log.slice(mark).filter((q) => q.method !== 'GET');
  assert.deepEqual(writes.map((w) => w.path), [`/_matrix/client/v3/rooms/${encodeURIComponent(rust)}/state/dev.devroom.talk/`]);
  assert.equal(hs.state(rust, EventTypes.talk)!.title, 'Async without tears');
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
  assert.equal(hs.state('!other:example.org', EventTypes.talk)!.title, 'kris nóva live: Rust in the kernel');
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
  const puts = () => hs.log.filter((q) => q.method === 'PUT').length;

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
  const dry = await apply({ 'config.json': newStreams }, ['--dry-run']);
  assert.equal(dry.code, 0, dry.err);
  assert.match(dry.out, /\n {2}~ m\.room\.power_levels\n {6}events\["dev\.devroom\.qa\.hand"\]: \(none\) → 0\n {6}users\["@host:example\.org"\]: 40 → 50\n/);
  // The widget URL differs far past the first 80 characters: the diff shows that part.
  // Keys in sorted order, whatever order the server keeps them in.
  const widgetDiff = /~ im\.vector\.modular\.widgets devroom-talk-player-d-rust\n {6}data\.src: "https:\/\/stream\.example\.org\/live\/d-rust\.m3u8" → "https:\/\/cdn2\.example\.org\/d-rust\.m3u8"\n {6}url: (.*)\n/.exec(dry.out);
  assert.ok(widgetDiff, dry.out);
  assert.match(widgetDiff[1]!, /^"…[^"]*src=https%3A%2F%2Fstream\.example\.org%2Flive%2Fd-rust\.m3u8[^"]*" → "…[^"]*src=https%3A%2F%2Fcdn2\.example\.org%2Fd-rust\.m3u8[^"]*"$/);
  assert.ok(widgetDiff[1]!.length < 240, `short enough to read: ${widgetDiff[1]}`);
  assert.equal(hs.log.filter((q) => q.method === 'PUT').length, 0, 'dry run');
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
  assert.equal(firstRequests, 1 + 106 * 2, 'whoami, then alias lookup + createRoom per room');
  assert.equal(writeCount(), 106);
  t0 = performance.now();
  const second = await apply({ 'schedule.xml': fosdem, 'config.json': cfg }, ['--quiet']);
  const secondMs = performance.now() - t0;
  assert.equal(writeCount(), 106, 'second run: zero writes');
  assert.equal(hs.log.length - firstRequests, 1 + 106 * 2, 'whoami, then alias lookup + state read per room');
  assert.match(second.out, /106 unchanged/);
  t.diagnostic(`FOSDEM 2021: first run ${firstRequests} requests (106 writes) in ${firstMs.toFixed(0)} ms; second run ${hs.log.length - firstRequests} requests (0 writes) in ${secondMs.toFixed(0)} ms`);
});
