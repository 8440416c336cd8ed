// Rooms on the test homeserver: createRoom as Synapse builds rooms, the auth rules and
// checks Synapse makes on events its users send, redaction, guests, history visibility.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { registerGuest } from './accounts.js';
import type { Account } from './accounts.js';
import { startTestHomeserver } from './server.js';
import type { TestHomeserver } from './server.js';
import { api, client, createRoom, enc, join, react, send, txnId, user, V3 } from './test-helpers.js';

interface Ev {
  type: string;
  state_key?: string;
  content: Record<string, unknown>;
  sender: string;
  event_id: string;
  unsigned?: Record<string, unknown>;
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

const messages = (who: Account | undefined, roomId: string, query = 'dir=b&limit=50') =>
  api<{ chunk: Ev[]; start: string; end?: string }>(hs.url, who, 'GET', `${V3}/rooms/${enc(roomId)}/messages?${query}`);

test('createRoom: Synapse\'s initial events in order, room version 9, preset power levels with a shallow override', async () => {
  const r = await client(hs, alice).post<{ room_id: string; room_alias?: string }>(`${V3}/createRoom`, {
    preset: 'public_chat',
    name: 'Hall A',
    topic: 'Talks',
    room_alias_name: `hall-${Date.now()}`,
    visibility: 'public',
    invite: [bob.userId],
    initial_state: [{ type: 'dev.devroom.talk', state_key: '', content: { title: 'Opening' } }],
    power_level_content_override: { events_default: 10, events: { 'dev.devroom.talk': 50 } },
  });
  assert.equal(r.status, 200);
  assert.match(r.body.room_id, /^![A-Za-z]{18}:localhost$/);
  const chunk = (await messages(alice, r.body.room_id, 'dir=f&limit=50')).body.chunk;
  assert.deepEqual(
    chunk.map((e) => e.type),
    ['m.room.create', 'm.room.member', 'm.room.power_levels', 'm.room.canonical_alias', 'm.room.join_rules', 'm.room.history_visibility', 'dev.devroom.talk', 'm.room.name', 'm.room.topic', 'm.room.member'],
  );
  assert.deepEqual(chunk[0]?.content, { creator: alice.userId, room_version: '9' });
  const pl = chunk[2]?.content as { events: Record<string, number>; events_default: number; invite: number; users: Record<string, number> };
  assert.deepEqual(pl.events, { 'dev.devroom.talk': 50 }, 'the override replaces whole top-level keys');
  assert.equal(pl.events_default, 10);
  assert.deepEqual(pl.users, { [alice.userId]: 100 });
  assert.equal(chunk[3]?.content.alias, r.body.room_alias);
  assert.deepEqual(chunk[9]?.content, { membership: 'invite', displayname: bob.userId.slice(1).split(':')[0] });
  // private_chat adds guest access and lets members invite.
  const priv = await createRoom(hs, alice, { preset: 'private_chat' });
  const state = (await client(hs, alice).get<Ev[]>(`${V3}/rooms/${enc(priv)}/state`)).body;
  assert.equal(state.find((e) => e.type === 'm.room.guest_access')?.content.guest_access, 'can_join');
  assert.equal(state.find((e) => e.type === 'm.room.power_levels')?.content.invite, 0);
  const taken = await client(hs, alice).post(`${V3}/createRoom`, { room_alias_name: (r.body.room_alias as string).slice(1).split(':')[0] });
  assert.deepEqual([taken.status, taken.body.errcode], [400, 'M_ROOM_IN_USE']);
});

test('aliases resolve without a token; join by alias; a second join changes nothing', async () => {
  const local = `lobby-${Date.now()}`;
  const roomId = await createRoom(hs, alice, { preset: 'public_chat', room_alias_name: local });
  const alias = `#${local}:localhost`;
  const found = await api(hs.url, undefined, 'GET', `${V3}/directory/room/${enc(alias)}`);
  assert.deepEqual(found.body, { room_id: roomId, servers: ['localhost'] });
  assert.equal((await api(hs.url, undefined, 'GET', `${V3}/directory/room/${enc('#nope:localhost')}`)).body.errcode, 'M_NOT_FOUND');
  const j1 = await client(hs, bob).post(`${V3}/join/${enc(alias)}`);
  assert.deepEqual(j1.body, { room_id: roomId });
  const before = (await messages(alice, roomId)).body.chunk.length;
  await join(hs, bob, roomId);
  assert.equal((await messages(alice, roomId)).body.chunk.length, before, 'no second join event');
  const invited = await createRoom(hs, alice, { preset: 'private_chat' });
  const refused = await client(hs, bob).post(`${V3}/rooms/${enc(invited)}/join`);
  assert.deepEqual([refused.status, refused.body.errcode], [403, 'M_FORBIDDEN']);
});

test('a joined member who PUTs their own m.room.member with a new display name makes a new event (Synapse\'s update_membership); the same content again changes nothing', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  const path = `${V3}/rooms/${enc(roomId)}/state/m.room.member/${enc(bob.userId)}`;
  const before = (await client(hs, bob).get<Record<string, unknown>>(path)).body;
  const renamed = await client(hs, bob).put<{ event_id: string }>(path, { ...before, membership: 'join', displayname: 'Robert' });
  assert.equal(renamed.status, 200);
  const after = (await client(hs, bob).get<Record<string, unknown>>(path)).body;
  assert.equal(after.displayname, 'Robert');
  const count = (await messages(alice, roomId)).body.chunk.length;
  const again = await client(hs, bob).put<{ event_id: string }>(path, after);
  assert.equal(again.body.event_id, renamed.body.event_id, 'the same content: the existing event');
  assert.equal((await messages(alice, roomId)).body.chunk.length, count, 'no new event');
});

test('sending needs membership and power; `@` state keys are their owner\'s; string power levels → 400 M_BAD_JSON; no raising above one\'s own level', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  const outsider = await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, { body: 'hi' });
  assert.deepEqual([outsider.status, outsider.body.errcode], [403, 'M_FORBIDDEN']);
  await join(hs, bob, roomId);
  const lowState = await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.talk/`, { title: 'x' });
  assert.equal(lowState.status, 403, 'state_default 50 > 0');
  // Bob as moderator (50) still cannot write Alice's `@` key, but can write his own.
  const pl = (await client(hs, alice).get<Record<string, unknown>>(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`)).body;
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`, { ...pl, users: { [alice.userId]: 100, [bob.userId]: 50 } });
  const others = await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.stand/${enc(alice.userId)}`, { a: 1 });
  assert.deepEqual([others.status, others.body.errcode], [403, 'M_FORBIDDEN']);
  assert.equal((await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.stand/${enc(bob.userId)}`, { a: 1 })).status, 200);
  assert.equal((await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.stand/${enc(bob.userId)}`, { a: 2 })).status, 403, 'not even the room admin');

  const strings = await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`, { ...pl, users_default: '0' });
  assert.deepEqual([strings.status, strings.body.errcode], [400, 'M_BAD_JSON']);
  const stringUser = await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`, { ...pl, users: { [alice.userId]: '100' } });
  assert.deepEqual([stringUser.status, stringUser.body.errcode], [400, 'M_BAD_JSON']);
  // With power-level changes open to moderators, Bob (50) may still give no one more
  // than 50, nor change Alice (100); he may make Carol his equal.
  const events = { ...(pl.events as object), 'm.room.power_levels': 50 };
  assert.equal((await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`, { ...pl, events, users: { [alice.userId]: 100, [bob.userId]: 50 } })).status, 200);
  const carol = '@carol:localhost';
  const put = (users: Record<string, number>) => client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`, { ...pl, events, users });
  assert.equal((await put({ [alice.userId]: 100, [bob.userId]: 60 })).status, 403, 'above his own level');
  assert.equal((await put({ [alice.userId]: 0, [bob.userId]: 50 })).status, 403, 'a user above him');
  assert.equal((await put({ [alice.userId]: 100, [bob.userId]: 50, [carol]: 51 })).status, 403, 'a new user above him');
  assert.equal((await put({ [alice.userId]: 100, [bob.userId]: 50, [carol]: 50 })).status, 200);
  assert.equal((await put({ [alice.userId]: 100, [bob.userId]: 50 })).status, 403, 'a user at his own level');
  assert.equal((await client(hs, alice).get(`${V3}/rooms/${enc(roomId)}/state/dev.devroom.none/`)).body.errcode, 'M_NOT_FOUND');
});

test('transaction ids: the same txn from the same device gives the same event once; another device sends anew', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  const txn = txnId();
  const path = `${V3}/rooms/${enc(roomId)}/send/m.room.message/${txn}`;
  const first = await client(hs, alice).put<{ event_id: string }>(path, { body: 'once' });
  const again = await client(hs, alice).put<{ event_id: string }>(path, { body: 'once' });
  assert.equal(again.body.event_id, first.body.event_id);
  const other = await user(hs, 'alice2');
  await join(hs, other, roomId);
  const otherSend = await client(hs, other).put<{ event_id: string }>(path, { body: 'once' });
  assert.notEqual(otherSend.body.event_id, first.body.event_id);
  const chunk = (await messages(alice, roomId)).body.chunk.filter((e) => e.content.body === 'once');
  assert.equal(chunk.length, 2);
  const mine = chunk.find((e) => e.event_id === first.body.event_id);
  assert.equal(mine?.unsigned?.transaction_id, txn, 'the sender\'s device sees its transaction id');
  const seenByOther = (await messages(other, roomId)).body.chunk.find((e) => e.event_id === first.body.event_id);
  assert.equal(seenByOther?.unsigned?.transaction_id, undefined);
});

test('reactions: the same key on one event by one user twice → 400; allowed again once the first is redacted', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  const question = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'Q?' });
  const first = await react(hs, bob, roomId, question, '👍');
  assert.equal(first.status, 200);
  const twice = await react(hs, bob, roomId, question, '👍');
  assert.equal(twice.status, 400);
  assert.equal(twice.body.error, "Can't send same reaction twice");
  assert.equal(twice.body.errcode, 'M_DUPLICATE_ANNOTATION');
  assert.equal((await react(hs, alice, roomId, question, '👍')).status, 200, 'another user may');
  assert.equal((await react(hs, bob, roomId, question, '🎉')).status, 200, 'another key may');
  const redaction = await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(first.body.event_id)}/${txnId()}`, {});
  assert.equal(redaction.status, 200);
  assert.equal((await react(hs, bob, roomId, question, '👍')).status, 200);
  const unknown = await react(hs, bob, roomId, '$nope', '👍');
  assert.equal(unknown.status, 400, "Synapse: Can't send relation to unknown event");
});

test('an event over 64 KiB (canonical JSON of the whole PDU) → 413 M_TOO_LARGE', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  const big = await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, { body: 'x'.repeat(65536) });
  assert.deepEqual([big.status, big.body.errcode, big.body.error], [413, 'M_TOO_LARGE', 'event too large']);
  // Content alone under 64 KiB can still be too large once the PDU's own fields are added.
  const near = await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, { body: 'x'.repeat(65536 - 300) });
  assert.equal(near.status, 413);
  const fits = await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/send/m.room.message/${txnId()}`, { body: 'x'.repeat(60000) });
  assert.equal(fits.status, 200);
});

test('redaction: own events always, others\' with the redact level; the redacted event keeps only what the spec keeps', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat' });
  await join(hs, bob, roomId);
  const aliceMsg = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'secret' });
  const bobMsg = await send(hs, bob, roomId, 'm.room.message', { msgtype: 'm.text', body: 'mine' });
  const denied = await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(aliceMsg)}/${txnId()}`, {});
  assert.deepEqual([denied.status, denied.body.errcode], [403, 'M_FORBIDDEN']);
  assert.equal((await client(hs, bob).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(bobMsg)}/${txnId()}`, { reason: 'oops' })).status, 200);
  const r = await client(hs, alice).put<{ event_id: string }>(`${V3}/rooms/${enc(roomId)}/redact/${enc(aliceMsg)}/${txnId()}`, { reason: 'spoiler' });
  const event = (await client(hs, bob).get<Ev>(`${V3}/rooms/${enc(roomId)}/event/${enc(aliceMsg)}`)).body;
  assert.deepEqual(event.content, {});
  const because = event.unsigned?.redacted_because as Ev & { redacts: string };
  assert.deepEqual([because.event_id, because.type, because.redacts, because.content], [r.body.event_id, 'm.room.redaction', aliceMsg, { reason: 'spoiler' }]);
  // Power levels keep their levels when redacted.
  const plId = (await client(hs, alice).get<Ev[]>(`${V3}/rooms/${enc(roomId)}/state`)).body.find((e) => e.type === 'm.room.power_levels')?.event_id as string;
  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(plId)}/${txnId()}`, {});
  const pl = (await client(hs, alice).get<Record<string, unknown>>(`${V3}/rooms/${enc(roomId)}/state/m.room.power_levels/`)).body;
  assert.deepEqual(Object.keys(pl).sort(), ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default']);
  const guest = await registerGuest(hs.url);
  assert.equal((await client(hs, guest).put(`${V3}/rooms/${enc(roomId)}/redact/${enc(bobMsg)}/${txnId()}`, {})).body.errcode, 'M_GUEST_ACCESS_FORBIDDEN');
});

test('guests: join only where guest_access is can_join, then read; Synapse lets a joined guest send what its power level allows', async () => {
  const open = await createRoom(hs, alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.guest_access', content: { guest_access: 'can_join' } }] });
  const closed = await createRoom(hs, alice, { preset: 'public_chat' });
  const guest = await registerGuest(hs.url);
  const g = client(hs, guest);
  const refused = await g.post(`${V3}/join/${enc(closed)}`);
  assert.deepEqual([refused.status, refused.body.errcode], [403, 'M_FORBIDDEN']);
  const q = await send(hs, alice, open, 'm.room.message', { msgtype: 'm.text', body: 'Welcome' });
  assert.equal((await g.post(`${V3}/join/${enc(open)}`)).status, 200);
  const member = (await g.get<Record<string, unknown>>(`${V3}/rooms/${enc(open)}/state/m.room.member/${enc(guest.userId)}`)).body;
  assert.deepEqual(member, { membership: 'join', kind: 'guest', displayname: guest.userId.slice(1).split(':')[0] });
  assert.ok((await messages(guest, open)).body.chunk.some((e) => e.event_id === q));
  assert.equal((await g.get(`${V3}/rooms/${enc(open)}/event/${enc(q)}`)).status, 200);
  assert.equal((await g.get(`/_matrix/client/v1/rooms/${enc(open)}/relations/${enc(q)}`)).status, 200);
  assert.equal((await g.get(`${V3}/rooms/${enc(open)}/state`)).status, 200);
  // Synapse's send and state endpoints allow guests (rest/client/room.py allow_guest=True).
  assert.equal((await g.put(`${V3}/rooms/${enc(open)}/send/m.room.message/${txnId()}`, { msgtype: 'm.text', body: 'hi' })).status, 200);
  assert.equal((await g.put(`${V3}/rooms/${enc(open)}/state/dev.devroom.talk/`, { title: 'x' })).status, 403, 'power levels still apply');
  for (const [path, body] of [
    [`${V3}/createRoom`, {}],
    [`${V3}/rooms/${enc(open)}/joined_members`, undefined],
  ] as const) {
    const r = body === undefined ? await g.get(path) : await g.post(path, body);
    assert.deepEqual([r.status, r.body.errcode], [403, 'M_GUEST_ACCESS_FORBIDDEN'], path);
  }
  const invite = await g.post(`${V3}/rooms/${enc(open)}/invite`, { user_id: bob.userId });
  assert.deepEqual([invite.status, invite.body.errcode], [403, 'M_FORBIDDEN']);
  // Closing guest access makes the guests leave.
  await client(hs, alice).put(`${V3}/rooms/${enc(open)}/state/m.room.guest_access/`, { guest_access: 'forbidden' });
  const left = (await client(hs, alice).get<Record<string, unknown>>(`${V3}/rooms/${enc(open)}/state/m.room.member/${enc(guest.userId)}`)).body;
  assert.deepEqual(left, { membership: 'leave', kind: 'guest' });
});

test('world-readable rooms: any token may read /messages and /state without joining; no token → 401; shared history is members-only', async () => {
  const readable = await createRoom(hs, alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } }] });
  const shared = await createRoom(hs, alice, { preset: 'public_chat' });
  await send(hs, alice, readable, 'm.room.message', { msgtype: 'm.text', body: 'public' });
  await send(hs, alice, shared, 'm.room.message', { msgtype: 'm.text', body: 'members' });
  const guest = await registerGuest(hs.url);
  for (const who of [bob, guest]) {
    assert.ok((await messages(who, readable)).body.chunk.some((e) => e.content.body === 'public'));
    assert.equal((await client(hs, who).get(`${V3}/rooms/${enc(readable)}/state`)).status, 200);
    const denied = await messages(who, shared);
    assert.deepEqual([denied.status, (denied.body as unknown as { errcode: string }).errcode], [403, 'M_FORBIDDEN']);
    assert.equal((await client(hs, who).get(`${V3}/rooms/${enc(shared)}/state`)).status, 403);
  }
  assert.equal((await messages(undefined, readable)).status, 401);
});

test('history visibility: `joined` hides what came before one\'s join; `shared` shows it; leaving keeps what one saw', async () => {
  const roomId = await createRoom(hs, alice, { preset: 'public_chat', initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'joined' } }] });
  const early = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'before bob' });
  await join(hs, bob, roomId);
  const late = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'after bob' });
  const seen = (await messages(bob, roomId)).body.chunk.map((e) => e.event_id);
  assert.ok(seen.includes(late) && !seen.includes(early));
  assert.equal((await client(hs, bob).get(`${V3}/rooms/${enc(roomId)}/event/${enc(early)}`)).status, 404);
  const rel = await client(hs, bob).get(`/_matrix/client/v1/rooms/${enc(roomId)}/relations/${enc(early)}`);
  assert.equal(rel.status, 403, "Synapse: You don't have permission to access that event.");

  await client(hs, alice).put(`${V3}/rooms/${enc(roomId)}/state/m.room.history_visibility/`, { history_visibility: 'shared' });
  const carol = await user(hs, 'carol');
  const sharedMsg = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'shared era' });
  await join(hs, carol, roomId);
  const carolSees = (await messages(carol, roomId)).body.chunk.map((e) => e.event_id);
  assert.ok(carolSees.includes(sharedMsg) && !carolSees.includes(early), 'shared from the change on, joined-only before it');

  await client(hs, bob).post(`${V3}/rooms/${enc(roomId)}/leave`);
  const afterLeave = await send(hs, alice, roomId, 'm.room.message', { msgtype: 'm.text', body: 'after leave' });
  const bobNow = (await messages(bob, roomId)).body.chunk.map((e) => e.event_id);
  assert.ok(bobNow.includes(late) && !bobNow.includes(afterLeave), 'a departed member reads up to the leave');
});

test('createRoom refused at the creator\'s join (Synapse 1.67–1.70.0): the room and its alias stay, without the creator; the creator may join it later, nobody else', async () => {
  // Synapse 1.67 handlers/room.py: `create_room` counts one action against rc_message up front,
  // maps the alias, sends the create event, then `_send_events_for_new_room` makes the creator
  // join with createRoom's `ratelimit` — rc_joins.local and rc_message again — so a 429 there
  // comes after the room and its alias exist. (1.70.1 and later, #14314: the join is free.)
  const limited = await startTestHomeserver({ rateLimit: { messages: { perSecond: 100, burst: 100 }, joins: { perSecond: 0.001, burst: 1 } } });
  try {
    const owner = await user(limited, 'owner');
    const other = await user(limited, 'other');
    await createRoom(limited, owner, { preset: 'public_chat' });
    const name = `half-${Date.now()}`;
    const refused = await client(limited, owner).post<{ errcode?: string; retry_after_ms?: number }>(`${V3}/createRoom`, { preset: 'public_chat', room_alias_name: name, name: 'Half' });
    assert.equal(refused.status, 429);
    assert.equal(refused.body.errcode, 'M_LIMIT_EXCEEDED');
    const alias = `#${name}:localhost`;
    const mapped = await client(limited, owner).get<{ room_id: string }>(`${V3}/directory/room/${enc(alias)}`);
    assert.equal(mapped.status, 200, 'the alias was mapped before the join was refused');
    const roomId = mapped.body.room_id;
    const again = await client(limited, owner).post<{ errcode?: string }>(`${V3}/createRoom`, { preset: 'public_chat', room_alias_name: name });
    assert.deepEqual([again.status, again.body.errcode], [400, 'M_ROOM_IN_USE']);
    const unread = await client(limited, owner).get<{ errcode?: string }>(`${V3}/rooms/${enc(roomId)}/state`);
    assert.deepEqual([unread.status, unread.body.errcode], [403, 'M_FORBIDDEN'], 'the creator is not in it');

    await api(limited.url, undefined, 'POST', '/_devroom_test/config', { rateLimit: false });
    // No join rules yet (invite): only the creator's first join is let in.
    const foreign = await client(limited, other).post<{ errcode?: string }>(`${V3}/rooms/${enc(roomId)}/join`);
    assert.deepEqual([foreign.status, foreign.body.errcode], [403, 'M_FORBIDDEN']);
    assert.equal((await client(limited, owner).post(`${V3}/rooms/${enc(roomId)}/join`)).status, 200);
    const state = (await client(limited, owner).get<Ev[]>(`${V3}/rooms/${enc(roomId)}/state`)).body;
    assert.deepEqual(state.map((e) => [e.type, e.state_key]).sort(), [['m.room.create', ''], ['m.room.member', owner.userId]], 'only the create event and the late join: no power levels, join rules, name');
  } finally {
    await limited.stop();
  }
});
