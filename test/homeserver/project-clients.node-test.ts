// The project's own clients against the test homeserver, in Node: the public-room reader
// (widgets/room/client-server-room.ts) as a guest in both its modes, and the host CLI's
// MatrixClient (host-tools/apply/matrix-client.ts) as `devroom apply` uses it.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientServerRoom } from '../../widgets/room/client-server-room.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { MatrixClient, MatrixHttpError } from '../../host-tools/apply/matrix-client.js';
import type { Account } from './accounts.js';
import { startTestHomeserver } from './server.js';
import type { TestHomeserver } from './server.js';
import { createRoom, send, user } from './test-helpers.js';

let hs: TestHomeserver;
let host: Account;
before(async () => {
  hs = await startTestHomeserver();
  host = await user(hs, 'host', { admin: true });
});
after(() => hs.stop());

function nextEvent(room: ClientServerRoom, match: (e: RoomEvent) => boolean): Promise<RoomEvent> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no event')), 5000);
    const off = room.subscribe((e) => {
      if (!match(e)) return;
      clearTimeout(timer);
      off();
      resolve(e);
    });
  });
}

test('public reader: resolves the alias, registers a guest, joins (guest_access can_join) and follows /sync', async () => {
  const local = `hall-${Date.now()}`;
  const roomId = await createRoom(hs, host, {
    preset: 'public_chat',
    room_alias_name: local,
    initial_state: [
      { type: 'm.room.guest_access', content: { guest_access: 'can_join' } },
      { type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } },
      { type: 'dev.devroom.talk', state_key: '', content: { title: 'Opening' } },
    ],
  });
  const reader = new ClientServerRoom({ homeserver: hs.url, room: `#${local}:localhost`, syncTimeoutMs: 2000 });
  try {
    await reader.connect();
    assert.equal(reader.mode, 'sync');
    assert.equal(reader.roomId, roomId);
    assert.deepEqual((await reader.readState('dev.devroom.talk', ''))[0]?.content, { title: 'Opening' });
    const arrived = nextEvent(reader, (e) => e.type === 'dev.devroom.qa.question');
    const id = await send(hs, host, roomId, 'dev.devroom.qa.question', { body: 'Q?' });
    assert.equal((await arrived).event_id, id, 'live through /sync');
    // The guest's reads of /relations work too.
    await send(hs, host, roomId, 'm.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: id, key: '👍' } });
    const page = await reader.readRelations(id, { relType: 'm.annotation' });
    assert.equal(page.events.length, 1);
    await assert.rejects(reader.sendEvent(), /read-only/);
    assert.deepEqual(
      Object.keys(reader.requests).sort(),
      ['directory', 'join', 'register', 'relations', 'state', 'sync'],
    );
  } finally {
    reader.stop();
  }
});

test('public reader: without guest access it peeks at a world-readable room by polling /messages', async () => {
  const local = `poll-${Date.now()}`;
  const roomId = await createRoom(hs, host, {
    preset: 'public_chat',
    room_alias_name: local,
    initial_state: [{ type: 'm.room.history_visibility', content: { history_visibility: 'world_readable' } }],
  });
  const reader = new ClientServerRoom({ homeserver: hs.url, room: `#${local}:localhost`, pollIntervalMs: 100 });
  try {
    await reader.connect();
    assert.equal(reader.mode, 'poll', 'guest_access is not can_join: no join');
    const arrived = nextEvent(reader, (e) => e.type === 'm.room.message');
    const id = await send(hs, host, roomId, 'm.room.message', { msgtype: 'm.text', body: 'polled' });
    assert.equal((await arrived).event_id, id);
  } finally {
    reader.stop();
  }
});

test('public reader: a room that is neither world-readable nor open to guests fails as not world-readable', async () => {
  const local = `closed-${Date.now()}`;
  await createRoom(hs, host, { preset: 'public_chat', room_alias_name: local });
  const reader = new ClientServerRoom({ homeserver: hs.url, room: `#${local}:localhost` });
  try {
    await assert.rejects(reader.connect(), (e: Error & { code?: string }) => e.code === 'DEVROOM_NOT_WORLD_READABLE');
  } finally {
    reader.stop();
  }
});

test('host CLI client: whoami, createRoom with an alias, state round trip, alias reuse → M_ROOM_IN_USE, @-keys refused', async () => {
  const client = new MatrixClient({ homeserver: hs.url, accessToken: host.accessToken });
  assert.deepEqual(await client.whoami(), { user_id: host.userId, is_guest: false, device_id: host.deviceId });
  const alias = `track-${Date.now()}`;
  assert.equal(await client.resolveAlias(`#${alias}:localhost`), null);
  const { room_id } = await client.createRoom({ preset: 'public_chat', room_alias_name: alias, name: 'Track' });
  assert.equal(await client.resolveAlias(`#${alias}:localhost`), room_id);
  const first = await client.putState(room_id, 'dev.devroom.talk', '', { title: 'A' });
  const again = await client.putState(room_id, 'dev.devroom.talk', '', { title: 'A' });
  assert.equal(again.event_id, first.event_id, 'an unchanged state PUT is deduplicated, as Synapse does');
  assert.deepEqual((await client.getState(room_id)).find((e) => e.type === 'dev.devroom.talk')?.content, { title: 'A' });
  await assert.rejects(client.createRoom({ room_alias_name: alias }), (e: unknown) => e instanceof MatrixHttpError && e.errcode === 'M_ROOM_IN_USE');
  await assert.rejects(client.putState(room_id, 'dev.devroom.stand', '@someone:localhost', {}), (e: unknown) => e instanceof MatrixHttpError && e.status === 403);
});
