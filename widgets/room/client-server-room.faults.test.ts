import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { ClientServerRoom, PublicRoomCodes } from './client-server-room.js';
import { GuestAccounts } from './client-server-room-guest.js';
import type { ClientServerRoomOptions, PublicRoomStatus } from './client-server-room.js';
import { readAllRelations } from './relations.js';
import type { RoomEvent } from './room.js';
import { TestHomeserver } from './cs-test-server.js';

/**
 * The public reader against bad answers (issue #14 item 2): captive portals, cut-off bodies,
 * answers of the wrong shape, malformed events, absurd rate-limit waits. Faults come from
 * test/support/matrix-cs-plugin.mjs (`op: 'fault'`, `op: 'ratelimit'`).
 */

const rooms: ClientServerRoom[] = [];
afterEach(() => {
  for (const r of rooms.splice(0)) r.stop();
  sinon.restore();
});

function open(server: TestHomeserver, options: Partial<ClientServerRoomOptions> = {}): ClientServerRoom {
  const room = new ClientServerRoom({ homeserver: server.url, room: '#public:test.local', guests: false, syncTimeoutMs: 5000, pollIntervalMs: 300, minBackoffMs: 200, maxBackoffMs: 1000, ...options });
  rooms.push(room);
  return room;
}

async function until(check: () => boolean, ms = 4000, what = 'condition'): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

type Fault = { kind: 'html' | 'truncate' | 'cut' | 'json' | 'null-entry' | 'null-content'; endpoint?: string; count?: number; status?: number; body?: unknown; eventId?: string };
const fault = (server: TestHomeserver, f: Fault) => server.control({ op: 'fault', ...f });

const ROOT = { type: 'm.room.message', content: { msgtype: 'm.notice', body: 'Q&A' }, event_id: '$root' };
const ROOT_STATE = { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } };
const question = (n: number) => ({
  type: 'm.room.message',
  event_id: `$q${n}`,
  sender: `@u${n}:test.local`,
  content: { msgtype: 'm.text', body: `Question ${n}`, 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } },
});

function watch(room: ClientServerRoom): { statuses: PublicRoomStatus[]; seen: RoomEvent[] } {
  const statuses: PublicRoomStatus[] = [];
  const seen: RoomEvent[] = [];
  room.onStatus((s) => statuses.push(s));
  room.subscribe((e) => seen.push(e));
  return { statuses, seen };
}

const retriedFor = (statuses: PublicRoomStatus[], code: string) => statuses.some((s) => s.state === 'retrying' && s.code === code);

describe('ClientServerRoom: bad answers', () => {
  it('retries a 200 that is not JSON (a captive portal) or is cut off, while connecting', async () => {
    const server = new TestHomeserver('bad-connect');
    await server.setup({ events: [ROOT, ROOT_STATE] });
    await fault(server, { kind: 'html', endpoint: 'directory' });
    await fault(server, { kind: 'truncate', endpoint: 'register' });
    await fault(server, { kind: 'cut', endpoint: 'join' });
    const room = open(server);
    const { statuses } = watch(room);
    await room.connect();
    expect(room.status).to.deep.equal({ state: 'live', mode: 'sync' });
    expect((await room.readState('dev.devroom.root', 'qa'))[0]?.content.event_id).to.equal('$root');
    expect(retriedFor(statuses, PublicRoomCodes.badResponse)).to.equal(true);
    expect((await server.stats()).counts).to.include({ directory: 2, register: 2, join: 2 });
  });

  it('retries an error page that is no Matrix answer (a proxy’s 403 or 404) instead of giving up', async () => {
    const server = new TestHomeserver('bad-proxy');
    await server.setup({ events: [ROOT, ROOT_STATE] });
    await fault(server, { kind: 'html', endpoint: 'directory', status: 403 });
    await fault(server, { kind: 'html', endpoint: 'state', status: 404 });
    const room = open(server);
    await room.connect();
    expect(room.mode).to.equal('sync');
    expect((await server.stats()).counts).to.include({ directory: 2, state: 2 });
  });

  it('comes back after a captive portal page, a cut-off or an error page in the middle of /sync', async () => {
    const server = new TestHomeserver('bad-sync');
    await server.setup({ events: [ROOT, ROOT_STATE] });
    const room = open(server);
    const { statuses, seen } = watch(room);
    await room.connect();
    await sleep(100);
    let n = 0;
    for (const f of [{ kind: 'html' }, { kind: 'cut' }, { kind: 'truncate' }, { kind: 'html', status: 404 }] as const) {
      await fault(server, { ...f, endpoint: 'sync' });
      const id = await server.send(question(++n));
      await until(() => seen.some((e) => e.event_id === id), 4000, `the question after a ${f.kind} sync`);
      expect(room.status, f.kind).to.deep.equal({ state: 'live', mode: 'sync' });
    }
    expect(retriedFor(statuses, PublicRoomCodes.badResponse)).to.equal(true);
  });

  it('comes back after a bad /messages answer in the fallback, and reads /relations through a bad page', async () => {
    const server = new TestHomeserver('bad-poll');
    await server.setup({ guestAccess: 'forbidden', relationsPageSize: 2, events: [ROOT, ROOT_STATE, question(1), question(2), question(3)] });
    const room = open(server);
    const { seen } = watch(room);
    await room.connect();
    expect(room.mode).to.equal('poll');
    await fault(server, { kind: 'html', endpoint: 'messages' });
    await fault(server, { kind: 'truncate', endpoint: 'messages' });
    const id = await server.send(question(4));
    await until(() => seen.some((e) => e.event_id === id), 4000, 'the polled question');
    expect(room.status).to.deep.equal({ state: 'live', mode: 'poll' });
    await fault(server, { kind: 'cut', endpoint: 'relations' });
    await fault(server, { kind: 'html', endpoint: 'relations' });
    const questions = await readAllRelations(room, '$root', { relType: 'm.reference', eventType: 'm.room.message' });
    expect(questions.map((q) => q.event_id)).to.have.members(['$q1', '$q2', '$q3', '$q4']);
  });

  it('re-reads a cut-off or incomplete /state at connect instead of taking it as an empty room', async () => {
    const server = new TestHomeserver('bad-state');
    await server.setup({ events: [ROOT, ROOT_STATE] });
    const partial = [{ type: 'm.room.power_levels', state_key: '', event_id: '$pl', sender: '@host:test.local', origin_server_ts: 1, content: {} }];
    for (const f of [{ kind: 'truncate' }, { kind: 'json', body: [] }, { kind: 'json', body: {} }, { kind: 'json', body: null }, { kind: 'json', body: partial }] as const) {
      await fault(server, { ...f, endpoint: 'state' });
    }
    const room = open(server);
    const { statuses } = watch(room);
    await room.connect();
    // guest_access was read (so it joined), and the devroom state is there.
    expect(room.mode).to.equal('sync');
    expect((await room.readState('dev.devroom.root', 'qa'))[0]?.content.event_id).to.equal('$root');
    expect((await room.readState('m.room.power_levels', ''))[0]?.event_id).not.to.equal('$pl');
    expect((await server.stats()).counts).to.include({ state: 6 });
    expect(retriedFor(statuses, PublicRoomCodes.badResponse)).to.equal(true);
  });

  it('retries JSON answers of the wrong shape from every endpoint', async () => {
    const server = new TestHomeserver('bad-shape');
    await server.setup({ events: [ROOT, ROOT_STATE, question(1), question(2)] });
    const storage = new Map<string, string>();
    const guests = () => new GuestAccounts({ getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) });
    await fault(server, { kind: 'json', endpoint: 'directory', body: {} });
    await fault(server, { kind: 'json', endpoint: 'register', body: { user_id: 7 } });
    await fault(server, { kind: 'json', endpoint: 'join', body: [] });
    await fault(server, { kind: 'json', endpoint: 'sync', body: { next_batch: 42 } });
    const first = open(server, { guests: guests() });
    await first.connect();
    expect(first.mode).to.equal('sync');
    expect((await server.stats()).counts).to.include({ directory: 2, register: 2, join: 2 });
    first.stop();
    // A stored guest whose check answers nonsense is checked again, not replaced by a new guest.
    await fault(server, { kind: 'json', endpoint: 'whoami', body: { user_id: null } });
    const second = open(server, { guests: guests() });
    const { seen } = watch(second);
    await second.connect();
    expect(second.userId).to.equal(first.userId);
    expect((await server.stats()).counts).to.include({ register: 2, whoami: 2 });
    // While live.
    await fault(server, { kind: 'json', endpoint: 'sync', body: { next_batch: 's1', rooms: { join: { '!public:test.local': { timeline: { events: 'x' } } } } } });
    const id = await server.send(question(3));
    await until(() => seen.some((e) => e.event_id === id), 4000, 'the question after a malformed sync');
    expect(second.status).to.deep.equal({ state: 'live', mode: 'sync' });
    await fault(server, { kind: 'json', endpoint: 'relations', body: { chunk: {} } });
    const questions = await readAllRelations(second, '$root', { relType: 'm.reference', eventType: 'm.room.message' });
    expect(questions.map((q) => q.event_id)).to.have.members(['$q1', '$q2', '$q3']);
    expect(seen.every((e) => typeof e.event_id === 'string')).to.equal(true);
  });

  it('retries a malformed /messages answer in the fallback', async () => {
    const server = new TestHomeserver('bad-shape-poll');
    await server.setup({ guestAccess: 'forbidden', events: [ROOT, ROOT_STATE] });
    await fault(server, { kind: 'json', endpoint: 'messages', body: { chunk: [] } });
    const room = open(server);
    const { statuses, seen } = watch(room);
    await room.connect();
    expect(room.mode).to.equal('poll');
    expect(retriedFor(statuses, PublicRoomCodes.badResponse)).to.equal(true);
    await fault(server, { kind: 'json', endpoint: 'messages', body: { chunk: null, start: 's0', end: 5 } });
    const id = await server.send(question(1));
    await until(() => seen.some((e) => e.event_id === id), 4000, 'the polled question');
    expect(room.status).to.deep.equal({ state: 'live', mode: 'poll' });
  });

  it('drops a null among events and an event with content null one by one, with a reason, and keeps the rest', async () => {
    const server = new TestHomeserver('bad-events');
    const talk = { type: 'dev.devroom.talk', state_key: '', event_id: '$talk', content: { title: 'Spoilt' } };
    await server.setup({ events: [ROOT, ROOT_STATE, talk, question(1), question(2), question(3)] });
    const warn = sinon.stub(console, 'warn');
    await fault(server, { kind: 'null-entry', endpoint: 'state' });
    const room = open(server);
    const { seen } = watch(room);
    await room.connect();
    expect(room.status).to.deep.equal({ state: 'live', mode: 'sync' });
    expect((await room.readState('dev.devroom.root', 'qa'))[0]?.content.event_id).to.equal('$root');
    expect(room.rejected).to.deep.equal({ event: 1 });
    await fault(server, { kind: 'null-content', endpoint: 'state', eventId: '$talk' });
    const other = open(server, { join: false });
    await other.connect();
    expect((await other.readState('dev.devroom.root', 'qa'))[0]?.content.event_id).to.equal('$root');
    expect(other.rejected).to.deep.equal({ content: 1 });

    // /relations: the Q&A history without the one bad question, not none.
    await fault(server, { kind: 'null-content', endpoint: 'relations', eventId: '$q2' });
    await fault(server, { kind: 'null-entry', endpoint: 'relations' });
    const query = { relType: 'm.reference', eventType: 'm.room.message' };
    expect((await readAllRelations(room, '$root', query)).map((q) => q.event_id)).to.have.members(['$q1', '$q3']);
    expect((await readAllRelations(room, '$root', query)).map((q) => q.event_id)).to.have.members(['$q1', '$q2', '$q3']);

    // Live: a null in the timeline, and a question with content null.
    await sleep(100);
    await fault(server, { kind: 'null-entry', endpoint: 'sync' });
    await server.send(question(4));
    await until(() => seen.some((e) => e.event_id === '$q4'), 4000, 'the question after a null');
    await fault(server, { kind: 'null-content', endpoint: 'sync', eventId: '$q5' });
    await server.send(question(5));
    await server.send(question(6));
    await until(() => seen.some((e) => e.event_id === '$q6'), 4000, 'the question after a bad one');
    expect(seen.map((e) => e.event_id)).not.to.include('$q5');
    expect(room.rejected).to.deep.equal({ event: 3, content: 2 });
    expect(warn.args.filter((a) => String(a[0]).startsWith('devroom: dropped')).length).to.equal(6);
  });

  it('drops events of the wrong form field by field', async () => {
    const server = new TestHomeserver('bad-fields');
    await server.setup({ relationsPageSize: 20, events: [ROOT, ROOT_STATE, question(1)] });
    sinon.stub(console, 'warn');
    const good = { event_id: '$ok', type: 'm.room.message', sender: '@a:test.local', origin_server_ts: 1, content: {}, room_id: '!public:test.local' };
    const bad = [
      'text',
      [],
      { ...good, event_id: 5 },
      { ...good, type: null },
      { ...good, sender: undefined },
      { ...good, origin_server_ts: '1' },
      { ...good, content: [] },
      { ...good, state_key: 0 },
      { ...good, room_id: '!other:test.local' },
      { ...good, redacts: {} },
      { ...good, unsigned: 'x' },
    ];
    await fault(server, { kind: 'json', endpoint: 'relations', body: { chunk: [...bad, good] } });
    const room = open(server);
    await room.connect();
    const page = await room.readRelations('$root');
    expect(page.events.map((e) => e.event_id)).to.deep.equal(['$ok']);
    expect(room.rejected).to.deep.equal({ event: 2, event_id: 1, type: 1, sender: 1, origin_server_ts: 1, content: 1, state_key: 1, room_id: 1, redacts: 1, unsigned: 1 });
  });
});

describe('ClientServerRoom: waits are clamped', () => {
  const limits: [string, Record<string, unknown>][] = [
    ['retry_after_ms above 2^31−1', { retryAfterMs: 2 ** 32 }],
    ['a Retry-After of 10^11 seconds', { retryAfterMs: null, header: '99999999999' }],
    ['a Retry-After date in the year 9999', { retryAfterMs: null, header: 'Fri, 31 Dec 9999 23:59:59 GMT' }],
  ];
  for (const [what, limit] of limits) {
    it(`waits at most 5 minutes after a 429 with ${what}, not 1 ms (setTimeout overflow): retries per second, fake timers`, async () => {
      // The fake clock follows real time (the server answers in real time) and can jump ahead.
      const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'], shouldAdvanceTime: true });
      const server = new TestHomeserver('wait-429');
      await server.setup({ events: [ROOT, ROOT_STATE] });
      await server.control({ op: 'ratelimit', count: 1_000_000, endpoint: 'state', ...limit });
      const room = open(server);
      const connected = room.connect();
      connected.catch(() => undefined); // awaited below; stopped when this test fails first
      await until(() => room.status.state === 'retrying', 4000, 'the first 429');
      await sleep(1000);
      const perSecond = (await server.stats()).log.filter((l) => l.endpoint === 'state').length;
      expect(perSecond, 'state requests in a second').to.be.at.most(2);
      const status = room.status;
      expect(status.state).to.equal('retrying');
      if (status.state === 'retrying') expect(status.retryAt - Date.now()).to.be.within(1, 5 * 60_000);
      // It comes back: at most 5 minutes later it asks again.
      await server.control({ op: 'ratelimit', count: 0 });
      await clock.tickAsync(5 * 60_000);
      await connected;
      expect(room.status).to.deep.equal({ state: 'live', mode: 'sync' });
      expect((await server.stats()).log.filter((l) => l.endpoint === 'state').length).to.equal(perSecond + 1);
    });
  }

  for (const backoff of [{ minBackoffMs: 0, maxBackoffMs: 0 }, { minBackoffMs: Number.NaN, maxBackoffMs: -1 }]) {
    it(`backs off at least 100 ms, doubling to at least 1 s, whatever the options say (${JSON.stringify(backoff)})`, async () => {
      const server = new TestHomeserver('wait-backoff');
      await server.setup({ events: [ROOT] });
      await server.down('status');
      const room = open(server, backoff);
      void room.connect().catch(() => undefined);
      await sleep(1500);
      // 50–100, 100–200, 200–400, 400–800, 500–1000 ms: a handful, not a storm.
      expect((await server.stats()).counts.directory).to.be.within(2, 8);
    });
  }
});

