// Reading on the test homeserver: /messages with exact filters and tokens, /relations in
// Synapse 1.67's pages, /sync (initial, incremental, limited, long-poll), media, rate limits.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Account } from './accounts.js';
import { startTestHomeserver } from './server.js';
import type { TestHomeserver } from './server.js';
import { api, client, createRoom, enc, join, react, send, txnId, user, V3 } from './test-helpers.js';

interface Ev {
  type: string;
  content: Record<string, unknown>;
  sender: string;
  event_id: string;
  state_key?: string;
  room_id?: string;
  unsigned?: Record<string, unknown>;
}
interface Sync {
  next_batch: string;
  rooms: { join: Record<string, { timeline: { events: Ev[]; limited: boolean; prev_batch: string }; state: { events: Ev[] } }>; invite: Record<string, { invite_state: { events: Ev[] } }>; leave: Record<string, unknown> };
  account_data: { events: { type: string }[] };
}

let hs: TestHomeserver;
let alice: Account;
let bob: Account;
before(async () => {
  hs = await startTestHomeserver();
  alice = await user(hs, 'alice');
  bob = await user(hs, 'bob');
});
after(() => hs.stop());

const text = (body: string) => ({ msgtype: 'm.text', body });
const sync = (who: Account, query: string) => client(hs, who).get<Sync>(`${V3}/sync?${query}`);

test('/messages: filter types match exactly (no wildcards, unlike /sync); not_types and senders; paging with end/from', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.talk/`, { title: 'T' });
  for (let i = 0; i < 5; i++) await send(hs, i % 2 ? bob : alice, roomId, 'dev.devroom.question', { n: i });
  const get = (query: Record<string, string>) =>
    client(hs, alice).get<{ chunk: Ev[]; start: string; end?: string }>(`${V3}/rooms/${enc(roomId)}/messages?${new URLSearchParams(query)}`);
  const wildcard = await get({ dir: 'b', filter: JSON.stringify({ types: ['dev.devroom.*'] }) });
  assert.deepEqual(wildcard.body.chunk, []);
  const exact = await get({ dir: 'b', filter: JSON.stringify({ types: ['dev.devroom.question', 'dev.devroom.talk'] }) });
  assert.deepEqual(exact.body.chunk.map((e) => e.type), [...Array(5).fill('dev.devroom.question'), 'dev.devroom.talk']);
  const notTypes = await get({ dir: 'b', limit: '50', filter: JSON.stringify({ not_types: ['m.room.*', 'dev.devroom.question'] }) });
  assert.deepEqual(notTypes.body.chunk.map((e) => e.type), ['dev.devroom.talk'], 'not_types wildcards apply (in the in-memory pass)');
  const bobs = await get({ dir: 'b', filter: JSON.stringify({ senders: [bob.userId], types: ['dev.devroom.question'] }) });
  assert.deepEqual(bobs.body.chunk.map((e) => e.content.n), [3, 1]);

  // Pages backwards: 2 + 2 + 1, each `end` is the next `from`; forward from the oldest `end` gives them back in order.
  const filter = JSON.stringify({ types: ['dev.devroom.question'] });
  const p1 = await get({ dir: 'b', limit: '2', filter });
  const p2 = await get({ dir: 'b', limit: '2', filter, from: p1.body.end as string });
  const p3 = await get({ dir: 'b', limit: '2', filter, from: p2.body.end as string });
  assert.deepEqual([p1, p2, p3].map((p) => p.body.chunk.map((e) => e.content.n)), [[4, 3], [2, 1], [0]]);
  const p4 = await get({ dir: 'b', limit: '2', filter, from: p3.body.end as string });
  assert.deepEqual(p4.body.chunk, []);
  assert.equal(p4.body.end, undefined, 'no `end` once nothing is left');
  const forward = await get({ dir: 'f', limit: '10', filter, from: p3.body.end as string });
  assert.deepEqual(forward.body.chunk.map((e) => e.content.n), [0, 1, 2, 3, 4]);
  const newer = await get({ dir: 'f', limit: '10', filter, from: forward.body.end as string });
  assert.deepEqual([newer.body.chunk, newer.body.end], [[], undefined], 'polling forward from `end` finds nothing new');
  await send(hs, alice, roomId, 'dev.devroom.question', { n: 5 });
  const polled = await get({ dir: 'f', limit: '10', filter, from: forward.body.end as string });
  assert.deepEqual(polled.body.chunk.map((e) => e.content.n), [5]);
  assert.equal(exact.body.chunk[0]?.room_id, roomId);
});

test('/relations: pages of 5 newest first, `dir` ignored, `next_batch` until the end, `limit` honoured; redacted relations disappear', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  const voters: Account[] = [];
  for (let i = 0; i < 7; i++) {
    const v = await user(hs, `voter${i}`);
    await join(hs, v, roomId);
    voters.push(v);
  }
  const q = await send(hs, alice, roomId, 'm.room.message', text('Question?'));
  const votes: string[] = [];
  for (const v of voters) votes.push((await react(hs, v, roomId, q, '👍')).body.event_id);
  await send(hs, alice, roomId, 'm.room.message', { ...text('* Question?!'), 'm.new_content': text('Question?!'), 'm.relates_to': { rel_type: 'm.replace', event_id: q } });
  const base = `/_matrix/client/v1/rooms/${enc(roomId)}/relations/${enc(q)}`;
  type Page = { chunk: Ev[]; next_batch?: string; original_event?: Ev; prev_batch?: string; errcode?: string };
  const rel = (path: string) => client(hs, bob).get<Page>(path);

  const all1 = await rel(`${base}/m.annotation`);
  assert.deepEqual(all1.body.chunk.map((e) => e.event_id), votes.slice(2).reverse());
  assert.equal(all1.body.original_event?.event_id, q);
  const all2 = await rel(`${base}/m.annotation?from=${enc(all1.body.next_batch as string)}`);
  assert.deepEqual(all2.body.chunk.map((e) => e.event_id), votes.slice(0, 2).reverse());
  assert.equal(all2.body.next_batch, undefined);
  assert.equal(all2.body.prev_batch, all1.body.next_batch);
  const forward = await rel(`${base}/m.annotation?dir=f`);
  assert.deepEqual(forward.body.chunk.map((e) => e.event_id), all1.body.chunk.map((e) => e.event_id), 'dir=f changes nothing');
  assert.equal((await rel(`${base}/m.annotation?limit=50`)).body.chunk.length, 7);
  assert.equal((await rel(`${base}/m.annotation/m.reaction?limit=50`)).body.chunk.length, 7);
  assert.equal((await rel(`${base}/m.annotation/m.room.message?limit=50`)).body.chunk.length, 0);
  assert.equal((await rel(`${base}?limit=50`)).body.chunk.length, 8, 'every relation type');

  await client(hs, voters[6] as Account).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(votes[6] as string)}/${txnId()}`, {});
  const after = await rel(`${base}/m.annotation?limit=50`);
  assert.deepEqual(after.body.chunk.map((e) => e.event_id), votes.slice(0, 6).reverse());
  // Edits of a redacted parent are left out.
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(q)}/${txnId()}`, {});
  assert.deepEqual((await rel(`${base}?limit=50`)).body.chunk.map((e) => e.type), Array(6).fill('m.reaction'));

  await api(hs.url, undefined, 'POST', '/_devroom_test/config', { relationsDefaultLimit: 3 });
  assert.equal((await rel(`${base}/m.annotation`)).body.chunk.length, 3);
  await api(hs.url, undefined, 'POST', '/_devroom_test/config', { relationsDefaultLimit: 5 });
  assert.equal((await rel(`${base.replace(enc(q), enc('$unknown'))}`)).body.errcode, 'M_NOT_FOUND');
});

test('/sync: initial sync limits the timeline and marks it limited; prev_batch continues with /messages; state is what came before', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat', name: 'Sync room' });
  for (let i = 0; i < 12; i++) await send(hs, alice, roomId, 'm.room.message', text(`m${i}`));
  const filter = JSON.stringify({ room: { timeline: { limit: 5 } } });
  const initial = (await sync(alice, `filter=${enc(filter)}`)).body;
  const room = initial.rooms.join[roomId];
  assert.ok(room);
  assert.deepEqual(room.timeline.events.map((e) => e.content.body), ['m7', 'm8', 'm9', 'm10', 'm11']);
  assert.equal(room.timeline.limited, true);
  assert.equal(room.timeline.events[0]?.room_id, undefined, 'sync leaves room_id out');
  assert.ok(room.state.events.some((e) => e.type === 'm.room.name'));
  assert.ok(!room.state.events.some((e) => e.type === 'm.room.message'));
  const back = await client(hs, alice).get<{ chunk: Ev[] }>(`${V3}/rooms/${enc(roomId)}/messages?dir=b&limit=3&from=${enc(room.timeline.prev_batch)}`);
  assert.deepEqual(back.body.chunk.map((e) => e.content.body), ['m6', 'm5', 'm4'], 'no gap, no overlap');

  // Incremental: only what is new; the sender's own device sees its transaction id.
  const txn = txnId();
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txn}`, text('new'));
  const next = (await sync(alice, `since=${initial.next_batch}&filter=${enc(filter)}`)).body;
  const events = next.rooms.join[roomId]?.timeline.events ?? [];
  assert.deepEqual(events.map((e) => [e.content.body, e.unsigned?.transaction_id]), [['new', txn]]);
  assert.equal(next.rooms.join[roomId]?.timeline.limited, false);
  // A gap: more than the limit since the token → limited, with the state that changed in the gap.
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.topic/`, { topic: 'changed in the gap' });
  for (let i = 0; i < 6; i++) await send(hs, alice, roomId, 'm.room.message', text(`gap ${i}`));
  const gap = (await sync(alice, `since=${next.next_batch}&filter=${enc(filter)}`)).body.rooms.join[roomId];
  assert.equal(gap?.timeline.limited, true);
  assert.deepEqual(gap?.timeline.events.map((e) => e.content.body), ['gap 1', 'gap 2', 'gap 3', 'gap 4', 'gap 5']);
  assert.deepEqual(gap?.state.events.map((e) => e.type), ['m.room.topic'], 'only the state that changed');
  // A filter with wildcards matches in sync.
  const wild = (await sync(alice, `filter=${enc(JSON.stringify({ room: { timeline: { types: ['m.room.n*'] } } }))}`)).body;
  assert.deepEqual(wild.rooms.join[roomId]?.timeline.events.map((e) => e.type), ['m.room.name']);
  // Stored filters work by id.
  const { filter_id } = (await client(hs, alice).post<{ filter_id: string }>(`${V3}/user/${enc(alice.userId)}/filter`, { room: { timeline: { limit: 1 } } })).body;
  assert.deepEqual((await client(hs, alice).get(`${V3}/user/${enc(alice.userId)}/filter/${filter_id}`)).body, { room: { timeline: { limit: 1 } } });
  assert.equal((await sync(alice, `filter=${filter_id}`)).body.rooms.join[roomId]?.timeline.events.length, 1);
});

test('/sync lazy-loading members: only timeline senders (and oneself on a full sync), each member event once per device; the state filter applies', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat', name: 'Named' });
  const carol = await user(hs, 'carol');
  const dave = await user(hs, 'dave');
  for (const who of [bob, carol, dave]) await join(hs, who, roomId);
  await send(hs, carol, roomId, 'm.room.message', text('carol speaks'));
  const lazy = enc(JSON.stringify({ room: { rooms: [roomId], timeline: { limit: 1 }, state: { lazy_load_members: true } } }));
  const initial = (await sync(bob, `filter=${lazy}`)).body;
  const members = (r: Sync) => (r.rooms.join[roomId]?.state.events ?? []).filter((e) => e.type === 'm.room.member').map((e) => e.state_key).sort();
  assert.deepEqual(members(initial), [bob.userId, carol.userId].sort(), 'not alice or dave: they sent nothing in the timeline');
  assert.equal((initial.rooms.join[roomId] as unknown as { summary: Record<string, number> }).summary['m.joined_member_count'], 4);
  await send(hs, dave, roomId, 'm.room.message', text('dave speaks'));
  const next = (await sync(bob, `since=${initial.next_batch}&filter=${lazy}`)).body;
  assert.deepEqual(members(next), [dave.userId], 'a new sender\'s member event comes with its message');
  await send(hs, dave, roomId, 'm.room.message', text('dave again'));
  const again = (await sync(bob, `since=${next.next_batch}&filter=${lazy}`)).body;
  assert.deepEqual(members(again), [], 'but only once');
  const noMembers = enc(JSON.stringify({ room: { rooms: [roomId], state: { lazy_load_members: true, not_types: ['m.room.member'] } } }));
  assert.deepEqual(members((await sync(bob, `filter=${noMembers}`)).body), []);
  // A room without a name gets heroes in its summary, and their member events.
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.name/`, {});
  const unnamed = (await sync(carol, `filter=${lazy}`)).body;
  const heroes = (unnamed.rooms.join[roomId] as unknown as { summary: { 'm.heroes': string[] } }).summary['m.heroes'];
  assert.deepEqual(heroes, [alice.userId, bob.userId, dave.userId].sort());
  assert.deepEqual(members(unnamed), [alice.userId, bob.userId, carol.userId, dave.userId].sort());
});

test('/sync long-poll: answers as soon as something for the user happens, not for other people\'s rooms; times out empty', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  const elsewhere = await createRoom(hs, alice, { preset: 'public_chat' });
  const since = (await sync(bob, 'timeout=0')).body.next_batch;
  const started = Date.now();
  const pending = sync(bob, `since=${since}&timeout=10000`);
  await new Promise((r) => setTimeout(r, 150));
  await send(hs, alice, elsewhere, 'm.room.message', text('not for bob'));
  await new Promise((r) => setTimeout(r, 150));
  await send(hs, alice, roomId, 'm.room.message', text('for bob'));
  const answer = (await pending).body;
  const waited = Date.now() - started;
  assert.ok(waited >= 280 && waited < 3000, `answered after ${waited} ms`);
  assert.deepEqual(Object.keys(answer.rooms.join), [roomId]);
  assert.deepEqual(answer.rooms.join[roomId]?.timeline.events.map((e) => e.content.body), ['for bob']);
  const t0 = Date.now();
  const empty = (await sync(bob, `since=${answer.next_batch}&timeout=300`)).body;
  assert.ok(Date.now() - t0 >= 290);
  assert.deepEqual(empty.rooms.join, {});
  assert.equal(empty.next_batch, answer.next_batch);
});

test('/sync: invites, joins after an invite, leaves, account data', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'private_chat', name: 'Backstage' });
  const since = (await sync(bob, 'timeout=0')).body.next_batch;
  await client(hs, alice).post(`${V3}/rooms/${enc(roomId)}/invite`, { user_id: bob.userId });
  const invited = (await sync(bob, `since=${since}&timeout=5000`)).body;
  const stripped = invited.rooms.invite[roomId]?.invite_state.events ?? [];
  assert.deepEqual(stripped.map((e) => e.type).sort(), ['m.room.create', 'm.room.join_rules', 'm.room.member', 'm.room.name']);
  await join(hs, bob, roomId);
  const joined = (await sync(bob, `since=${invited.next_batch}`)).body;
  const room = joined.rooms.join[roomId];
  assert.ok(room, 'newly joined room');
  assert.equal(room.timeline.limited, false);
  assert.deepEqual(room.timeline.events[0]?.type, 'm.room.create', 'a newly joined room starts from the beginning (or is limited, with state)');
  await client(hs, bob).post(`${V3}/rooms/${enc(roomId)}/leave`);
  const left = (await sync(bob, `since=${joined.next_batch}`)).body;
  assert.ok(left.rooms.leave[roomId]);
  await client(hs, bob).put(`${V3}/user/${enc(bob.userId)}/account_data/dev.devroom.prefs`, { lang: 'de' });
  const data = (await sync(bob, `since=${left.next_batch}`)).body;
  assert.deepEqual(data.account_data.events, [{ type: 'dev.devroom.prefs', content: { lang: 'de' } }]);
  assert.deepEqual((await client(hs, bob).get(`${V3}/user/${enc(bob.userId)}/account_data/dev.devroom.prefs`)).body, { lang: 'de' });
});

test('media: upload, then authenticated and legacy download; unknown → 404 M_NOT_FOUND', async () => {
  const bytes = new TextEncoder().encode('menu.pdf contents');
  const up = await fetch(`${hs.url}/_matrix/media/v3/upload?filename=menu.pdf`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${alice.accessToken}`, 'Content-Type': 'application/pdf' },
    body: bytes,
  });
  const { content_uri } = (await up.json()) as { content_uri: string };
  assert.match(content_uri, /^mxc:\/\/localhost\/\w+$/);
  const [server, id] = content_uri.slice('mxc://'.length).split('/');
  const authed = await fetch(`${hs.url}/_matrix/client/v1/media/download/${server}/${id}`, { headers: { Authorization: `Bearer ${bob.accessToken}` } });
  assert.equal(authed.headers.get('content-type'), 'application/pdf');
  assert.equal(await authed.text(), 'menu.pdf contents');
  assert.equal((await fetch(`${hs.url}/_matrix/client/v1/media/download/${server}/${id}`)).status, 401);
  assert.equal(await (await fetch(`${hs.url}/_matrix/media/v3/download/${server}/${id}`)).text(), 'menu.pdf contents');
  const missing = await api(hs.url, bob, 'GET', `/_matrix/client/v1/media/download/${server}/nope`);
  assert.deepEqual([missing.status, missing.body.errcode], [404, 'M_NOT_FOUND']);
});

test('rate limits (when on): Synapse\'s token bucket answers 429 M_LIMIT_EXCEEDED with retry_after_ms; admins are not exempt', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  const admin = await user(hs, 'admin', { admin: true });
  await join(hs, admin, roomId);
  await api(hs.url, undefined, 'POST', '/_devroom_test/config', { rateLimit: { messages: { perSecond: 1, burst: 3 } } });
  try {
    const statuses: number[] = [];
    let limited: Record<string, unknown> = {};
    for (let i = 0; i < 4; i++) {
      const r = await client(hs, admin).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, text(`${i}`));
      statuses.push(r.status);
      if (r.status === 429) limited = r.body;
    }
    assert.deepEqual(statuses, [200, 200, 200, 429]);
    assert.equal(limited.errcode, 'M_LIMIT_EXCEEDED');
    assert.ok(typeof limited.retry_after_ms === 'number' && limited.retry_after_ms > 0 && limited.retry_after_ms <= 1000, String(limited.retry_after_ms));
    await new Promise((r) => setTimeout(r, (limited.retry_after_ms as number) + 20));
    assert.equal((await client(hs, admin).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, text('later'))).status, 200);
    assert.equal((await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, text('x'))).status, 403, 'a refused event costs nothing');
    // Joins have their own bucket and count as events too.
    await api(hs.url, undefined, 'POST', '/_devroom_test/config', { rateLimit: { messages: { perSecond: 0.001, burst: 100 }, joins: { perSecond: 0.001, burst: 3 } } });
    // The creator's join counts: a fourth room would be refused to Alice now.
    const rooms = [await createRoom(hs, alice, { preset: 'public_chat' }), await createRoom(hs, alice, { preset: 'public_chat' }), await createRoom(hs, alice, { preset: 'public_chat' })];
    assert.equal((await client(hs, alice).post(`${V3}/createRoom`, {})).status, 429);
    const joins = [];
    for (const r of rooms) joins.push((await client(hs, bob).post(`${V3}/join/${enc(r)}`)).status);
    assert.deepEqual(joins, [200, 200, 200]);
    assert.equal((await client(hs, bob).post(`${V3}/join/${enc(await createRoom(hs, admin, { preset: 'public_chat' }))}`)).status, 429);
    assert.equal((await client(hs, bob).post(`${V3}/join/${enc(rooms[0] as string)}`)).status, 200, 'joining a room one is in is no join');
    await api(hs.url, undefined, 'POST', '/_devroom_test/config', { rateLimit: { messages: { perSecond: 1, burst: 3 } } });
    const config = (await api(hs.url, undefined, 'GET', '/_devroom_test/config')).body as { rateLimit: { messages: unknown; joins: unknown } };
    assert.deepEqual(config.rateLimit.messages, { perSecond: 1, burst: 3 });
    assert.deepEqual(config.rateLimit.joins, { perSecond: 0.1, burst: 10 }, 'the rest default to Synapse\'s settings');
  } finally {
    await api(hs.url, undefined, 'POST', '/_devroom_test/config', { rateLimit: false });
  }
});
