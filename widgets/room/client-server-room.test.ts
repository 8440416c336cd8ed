import { expect } from '@open-wc/testing';
import { ClientServerRoom, PublicRoomCodes } from './client-server-room.js';
import { GuestAccounts } from './client-server-room-guest.js';
import type { ClientServerRoomOptions, PublicRoomStatus } from './client-server-room.js';
import { readAllRelations } from './relations.js';
import { RoomError } from './room.js';
import type { RoomEvent } from './room.js';
import { TestHomeserver } from './cs-test-server.js';
import { EventTypes } from '../schema/namespace.js';

/** Against test/support/matrix-cs-plugin.mjs: a homeserver per test, in the dev server. */

const rooms: ClientServerRoom[] = [];
afterEach(() => {
  for (const r of rooms.splice(0)) r.stop();
});

function open(server: TestHomeserver, options: Partial<ClientServerRoomOptions> = {}): ClientServerRoom {
  const room = new ClientServerRoom({ homeserver: server.url, room: '#public:test.local', syncTimeoutMs: 5000, minBackoffMs: 200, maxBackoffMs: 1000, ...options });
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

/** The same server from another origin (127.0.0.1 for localhost), so CORS applies as on a real page. */
function otherOrigin(url: string): string {
  const u = new URL(url);
  u.hostname = u.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return u.href.replace(/\/$/, '');
}

async function rejection(promise: Promise<unknown>): Promise<RoomError> {
  try {
    await promise;
  } catch (error) {
    expect(error).to.be.instanceOf(RoomError);
    return error as RoomError;
  }
  throw new Error('expected a rejection');
}

const ROOT = { type: 'm.room.message', content: { msgtype: 'm.notice', body: 'Q&A' }, event_id: '$root' };
const question = (n: number) => ({ type: 'm.room.message', sender: `@u${n}:test.local`, content: { msgtype: 'm.text', body: `Question ${n}`, 'm.relates_to': { rel_type: 'm.reference', event_id: '$root' } } });

describe('ClientServerRoom', () => {
  it('resolves the alias, registers a guest, reads state once and follows /relations pages', async () => {
    const server = new TestHomeserver('cs-load');
    await server.setup({ events: [ROOT, { type: 'dev.devroom.root', state_key: 'qa', content: { event_id: '$root' } }, ...Array.from({ length: 12 }, (_, i) => question(i))] });
    const room = open(server);
    await room.connect();
    expect(room.roomId).to.equal('!public:test.local');
    expect(room.userId).to.match(/^@\d+:test\.local$/);
    expect(room.mode).to.equal('sync');
    expect(room.status).to.deep.equal({ state: 'live', mode: 'sync' });

    const [root] = await room.readState('dev.devroom.root', 'qa');
    expect(root?.content.event_id).to.equal('$root');
    expect(await room.readState('m.room.power_levels')).to.have.length(1);
    expect(await room.readState('dev.devroom.menu')).to.deep.equal([]);

    const questions = await readAllRelations(room, '$root', { relType: 'm.reference', eventType: 'm.room.message' });
    expect(questions.map((q) => q.content.body)).to.have.members(Array.from({ length: 12 }, (_, i) => `Question ${i}`));
    const stats = await server.stats();
    // Three state reads from the bindings' point of view, one on the wire; 12 relations in pages of 5.
    expect(stats.counts).to.include({ directory: 1, register: 1, state: 1, join: 1, relations: 3 });
  });

  it('shares one guest account between rooms of a homeserver, and between tabs opening at once', async () => {
    const server = new TestHomeserver('cs-guests');
    await server.setup({ events: [ROOT] });
    await Promise.all([open(server).connect(), open(server).connect()]);
    expect((await server.stats()).counts).to.include({ register: 1 });
    // Two tabs: two pages' accounts over one browser storage; Web Locks make them take turns.
    const storage = new Map<string, string>();
    const tab = () =>
      new GuestAccounts({ getItem: (k) => storage.get(k) ?? null, setItem: (k, v) => void storage.set(k, v), removeItem: (k) => void storage.delete(k) });
    const other = new TestHomeserver('cs-guests-tabs');
    await other.setup({ events: [ROOT] });
    const [a, b] = [open(other, { guests: tab() }), open(other, { guests: tab() })];
    await Promise.all([a.connect(), b.connect()]);
    expect(a.userId).to.equal(b.userId);
    expect((await other.stats()).counts).to.include({ register: 1, whoami: 1 });
    // `guests: false`: a guest of its own.
    const own = open(other, { guests: false });
    await own.connect();
    expect(own.userId).not.to.equal(a.userId);
  });

  it('sends no CORS pre-flight before a GET (token in the query, no custom header): idle costs one request per long poll', async () => {
    const server = new TestHomeserver('cs-preflight');
    await server.setup({ maxSyncTimeoutMs: 300, events: [ROOT, question(1)] });
    const room = open(server, { homeserver: otherOrigin(server.url), syncTimeoutMs: 300 });
    await room.connect();
    expect(await readAllRelations(room, '$root', { relType: 'm.reference' })).to.have.length(1);
    // Only the two POSTs with a JSON body (once per browser, once per room) are pre-flighted.
    const log = (await server.stats()).log as { endpoint: string; for?: string }[];
    expect(log.filter((l) => l.endpoint === 'preflight').map((l) => l.for)).to.deep.equal(['register', 'join']);
    await server.control({ op: 'clearLog' });
    await sleep(1500);
    const idle = (await server.stats()).counts;
    expect(idle.preflight ?? 0).to.equal(0);
    expect(idle.sync).to.be.within(3, 6);
  });

  it('sends the token in a header where a server refuses the query parameter (deprecated in spec v1.11)', async () => {
    const server = new TestHomeserver('cs-no-query-token');
    await server.control({ op: 'setup', queryTokens: false, events: [ROOT, question(1)] });
    const room = open(server, { homeserver: otherOrigin(server.url) });
    await room.connect();
    expect(room.mode).to.equal('sync');
    expect(await readAllRelations(room, '$root', { relType: 'm.reference' })).to.have.length(1);
  });

  it('delivers a new event within one sync cycle', async () => {
    const server = new TestHomeserver('cs-live');
    await server.setup({ events: [ROOT] });
    const room = open(server, { syncTimeoutMs: 5000 });
    const seen: RoomEvent[] = [];
    room.subscribe((e) => seen.push(e));
    await room.connect();
    await sleep(100); // the long poll is waiting
    const before = (await server.stats()).counts.sync ?? 0;
    const sentAt = Date.now();
    const id = await server.send(question(1));
    await until(() => seen.some((e) => e.event_id === id), 2000, 'the live question');
    expect(Date.now() - sentAt).to.be.below(1000);
    const after = (await server.stats()).counts.sync ?? 0;
    // The waiting sync answered it, the next one is waiting again.
    expect(after - before).to.be.at.most(1);
    expect(seen.find((e) => e.event_id === id)?.room_id).to.equal('!public:test.local');

    // Live state keeps readState current.
    await server.send({ type: 'dev.devroom.talk', state_key: '', content: { title: 'Live' } });
    await until(() => seen.some((e) => e.type === 'dev.devroom.talk'));
    expect((await room.readState('dev.devroom.talk', ''))[0]?.content.title).to.equal('Live');
  });

  it('falls back to polling /messages when guests may not join, and still sees new events', async () => {
    const server = new TestHomeserver('cs-poll');
    await server.setup({ guestAccess: 'forbidden', events: [ROOT] });
    const room = open(server, { pollIntervalMs: 300 });
    const seen: RoomEvent[] = [];
    room.subscribe((e) => seen.push(e));
    await room.connect();
    expect(room.mode).to.equal('poll');
    const id = await server.send(question(2));
    await until(() => seen.some((e) => e.event_id === id), 2000, 'the polled question');
    const stats = await server.stats();
    expect(stats.counts.join ?? 0).to.equal(0);
    expect(stats.counts.sync ?? 0).to.equal(0);
    expect(seen.filter((e) => e.event_id === id)).to.have.length(1);
  });

  it('in the /messages fallback, sees every devroom type (servers match /messages filter types exactly)', async () => {
    const server = new TestHomeserver('cs-poll-types');
    await server.setup({ guestAccess: 'forbidden', events: [ROOT] });
    const room = open(server, { pollIntervalMs: 200 });
    const seen: RoomEvent[] = [];
    room.subscribe((e) => seen.push(e));
    await room.connect();
    expect(room.mode).to.equal('poll');
    const types = [EventTypes.talk, EventTypes.root, EventTypes.qaQuestionState, EventTypes.menu, EventTypes.stand, EventTypes.standPresence];
    for (const type of types) await server.send({ type, state_key: type === EventTypes.standPresence ? '@u1:test.local' : '', sender: '@u1:test.local', content: { changed: type } });
    await until(() => types.every((type) => seen.some((e) => e.type === type)), 2000, `every devroom type (seen: ${seen.map((e) => e.type).join(', ')})`);
    expect((await room.readState(EventTypes.menu, ''))[0]?.content.changed).to.equal(EventTypes.menu);
  });

  it('recovers after the server drops connections and returns, with backoff (no storm)', async () => {
    const server = new TestHomeserver('cs-drop');
    await server.setup({ events: [ROOT] });
    const room = open(server);
    const statuses: PublicRoomStatus[] = [];
    room.onStatus((s) => statuses.push(s));
    const seen: RoomEvent[] = [];
    room.subscribe((e) => seen.push(e));
    await room.connect();
    await sleep(100);
    await server.down('close');
    await until(() => room.status.state === 'retrying', 3000, 'retrying');
    expect(room.status).to.include({ code: PublicRoomCodes.unreachable });
    await server.down('status');
    await sleep(2000);
    const downStats = await server.stats();
    const failed = downStats.log.filter((l) => l.at > downStats.now - 2000 && l.endpoint === 'sync').length;
    // 200 ms doubling to 1 s with jitter: at most a handful in two seconds.
    expect(failed).to.be.at.most(6);
    await server.up();
    const id = await server.send(question(3));
    await until(() => seen.some((e) => e.event_id === id), 3000, 'the question after recovery');
    expect(room.status).to.deep.equal({ state: 'live', mode: 'sync' });
    expect(statuses.some((s) => s.state === 'retrying')).to.equal(true);
  });

  it('waits retry_after_ms after a 429', async () => {
    const server = new TestHomeserver('cs-429');
    await server.setup({ events: [ROOT] });
    await server.rateLimit(1, 1200, 'state');
    const room = open(server);
    const statuses: PublicRoomStatus[] = [];
    room.onStatus((s) => statuses.push(s));
    await room.connect();
    const stats = await server.stats();
    const states = stats.log.filter((l) => l.endpoint === 'state');
    expect(states).to.have.length(2);
    expect(states[1]!.at - states[0]!.at).to.be.at.least(1200);
    expect(statuses.some((s) => s.state === 'retrying' && s.code === 'M_LIMIT_EXCEEDED')).to.equal(true);
  });

  it('reports guest registration refused as guest access disabled, without retrying', async () => {
    const server = new TestHomeserver('cs-noguest');
    await server.setup({ guestRegistration: false });
    const room = open(server);
    const error = await rejection(room.connect());
    expect(error.code).to.equal(PublicRoomCodes.guestAccessDisabled);
    expect(room.status).to.include({ state: 'failed', code: PublicRoomCodes.guestAccessDisabled });
    await sleep(500);
    expect((await server.stats()).counts.register).to.equal(1);
  });

  it('reports 403 on state as not world-readable when joining is not allowed either', async () => {
    const server = new TestHomeserver('cs-private');
    await server.setup({ historyVisibility: 'shared', guestAccess: 'forbidden' });
    const room = open(server);
    const error = await rejection(room.connect());
    expect(error.code).to.equal(PublicRoomCodes.notWorldReadable);
    expect((await rejection(room.readState('m.room.power_levels'))).code).to.equal(PublicRoomCodes.notWorldReadable);
    const counts = (await server.stats()).counts;
    expect(counts).to.include({ state: 1, join: 1 });
  });

  it('reads a members-only room after a guest join when guest_access is can_join', async () => {
    const server = new TestHomeserver('cs-shared');
    await server.setup({ historyVisibility: 'shared', guestAccess: 'can_join', events: [ROOT] });
    const room = open(server);
    await room.connect();
    expect(room.mode).to.equal('sync');
    expect((await room.readState('m.room.history_visibility', ''))[0]?.content.history_visibility).to.equal('shared');
  });

  it('reports an unknown alias as room not found', async () => {
    const server = new TestHomeserver('cs-nothere');
    await server.setup();
    const room = open(server, { room: '#nowhere:test.local' });
    expect((await rejection(room.connect())).code).to.equal(PublicRoomCodes.notFound);
  });

  it('keeps retrying while the server is unreachable at start, then connects', async () => {
    const server = new TestHomeserver('cs-late');
    await server.setup({ events: [ROOT] });
    await server.down('status');
    const room = open(server);
    const connected = room.connect();
    await until(() => room.status.state === 'retrying', 2000, 'retrying');
    expect(room.status).to.include({ code: PublicRoomCodes.unreachable });
    await server.up();
    await connected;
    expect(room.status.state).to.equal('live');
  });

  it('refuses writes as read-only', async () => {
    const server = new TestHomeserver('cs-ro');
    const room = open(server);
    for (const attempt of [room.sendEvent(), room.sendState(), room.redact()]) {
      const error = await rejection(attempt);
      expect(error.code).to.equal('DEVROOM_READ_ONLY');
    }
    expect((await server.stats()).counts).to.deep.equal({});
  });

  it('stays within 2 syncs per timeout while idle and stops cleanly', async () => {
    const server = new TestHomeserver('cs-idle');
    await server.setup({ maxSyncTimeoutMs: 500, events: [ROOT] });
    const room = open(server, { syncTimeoutMs: 500 });
    await room.connect();
    await server.control({ op: 'clearLog' });
    await sleep(2600);
    const idle = (await server.stats()).counts.sync ?? 0;
    // 2.6 s of 500 ms long polls: about 5; a storm would be hundreds.
    expect(idle).to.be.within(4, 7);
    room.stop();
    expect(room.status.state).to.equal('stopped');
    const atStop = (await server.stats()).counts.sync ?? 0;
    await sleep(1200);
    expect((await server.stats()).counts.sync ?? 0).to.equal(atStop);
  });
});
