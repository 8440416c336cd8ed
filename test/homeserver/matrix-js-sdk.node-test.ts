// Real matrix-js-sdk 43 clients against the test homeserver, in Node: two people start
// syncing as Element starts them, one sends a message and a reaction, the other sees them
// live; relations, redaction and back-pagination go through the SDK's own calls.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ClientEvent, createClient, Direction, EventType, MsgType, RelationType, RoomEvent, SyncState } from 'matrix-js-sdk';
import type { MatrixClient, MatrixEvent } from 'matrix-js-sdk';
import type { Logger } from 'matrix-js-sdk/lib/logger.js';
import { logger as sdkLogger } from 'matrix-js-sdk/lib/logger.js';
import type { Account } from './accounts.js';
import { startTestHomeserver } from './server.js';
import type { TestHomeserver } from './server.js';
import { createRoom, join, send, user } from './test-helpers.js';

// matrix-js-sdk 43 declares Node ≥ 22; on Node 20 its scheduler needs Promise.withResolvers.
const P = Promise as unknown as { withResolvers?: () => unknown };
P.withResolvers ??= function withResolvers<T>() {
  let resolve!: (value: T) => void;
  let reject!: (reason?: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
};

// The SDK arms a timer per request for its local timeout (80–110 s for a /sync) and does
// not clear it when the request ends; in Node that keeps the test process alive. Long
// timers are unref'd so the process can exit when the tests are done.
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((handler: () => void, ms?: number, ...args: unknown[]) => {
  const timer = realSetTimeout(handler, ms, ...args) as unknown as { unref?: () => void };
  if ((ms ?? 0) >= 60_000) timer.unref?.();
  return timer;
}) as typeof setTimeout;

// The SDK logs every request and step, and warns about each push rule Synapse would have
// sent (the test server sends an empty rule set); keep the test output to errors.
const quiet: Logger = { trace() {}, debug() {}, info() {}, warn() {}, error: console.error, getChild: () => quiet };
(sdkLogger as unknown as { setLevel?: (level: string) => void }).setLevel?.('error');

let hs: TestHomeserver;
const clients: MatrixClient[] = [];
before(async () => {
  hs = await startTestHomeserver();
});
after(async () => {
  for (const c of clients) c.stopClient();
  await hs.stop();
});

async function start(account: Account): Promise<MatrixClient> {
  const client = createClient({ baseUrl: account.baseUrl, accessToken: account.accessToken, userId: account.userId, deviceId: account.deviceId, logger: quiet });
  clients.push(client);
  const prepared = new Promise<void>((resolve, reject) => {
    client.on(ClientEvent.Sync, (state: SyncState, _prev: SyncState | null, data?: { error?: Error }) => {
      if (state === SyncState.Prepared) resolve();
      if (state === SyncState.Error) reject(data?.error ?? new Error('sync failed'));
    });
  });
  await client.startClient({ initialSyncLimit: 20 });
  await prepared;
  return client;
}

/** Resolves with the first timeline event in `roomId` that `match` accepts (live or already there). */
function waitForEvent(client: MatrixClient, roomId: string, match: (e: MatrixEvent) => boolean, ms = 5000): Promise<MatrixEvent> {
  const existing = client.getRoom(roomId)?.getLiveTimeline().getEvents().find(match);
  if (existing) return Promise.resolve(existing);
  return new Promise((resolve, reject) => {
    const timer = realSetTimeout(() => reject(new Error('event did not arrive')), ms);
    const onEvent = (event: MatrixEvent) => {
      if (event.getRoomId() !== roomId || !match(event)) return;
      clearTimeout(timer);
      client.off(RoomEvent.Timeline, onEvent);
      resolve(event);
    };
    client.on(RoomEvent.Timeline, onEvent);
  });
}

test('matrix-js-sdk: message and reaction reach the other client by sync; relations, redaction, scrollback', async () => {
  const aliceAccount = await user(hs, 'alice');
  const bobAccount = await user(hs, 'bob');
  const roomId = await createRoom(hs, aliceAccount, { preset: 'public_chat', name: 'SDK room' });
  await join(hs, bobAccount, roomId);
  // Enough history that a 20-event initial sync is limited and scrollback has work to do.
  for (let i = 0; i < 25; i++) await send(hs, aliceAccount, roomId, 'm.room.message', { msgtype: 'm.text', body: `old ${i}` });

  const alice = await start(aliceAccount);
  const bob = await start(bobAccount);
  assert.equal(bob.getRoom(roomId)?.name, 'SDK room');
  assert.equal(bob.getRoom(roomId)?.getLiveTimeline().getEvents().length, 20, 'initialSyncLimit');

  const { event_id: questionId } = await alice.sendMessage(roomId, { msgtype: MsgType.Text, body: 'Is this recorded?' });
  const { event_id: reactionId } = await alice.sendEvent(roomId, EventType.Reaction, {
    'm.relates_to': { rel_type: RelationType.Annotation, event_id: questionId, key: '👍' },
  });
  const seenQuestion = await waitForEvent(bob, roomId, (e) => e.getId() === questionId);
  assert.equal(seenQuestion.getContent().body, 'Is this recorded?');
  assert.equal(seenQuestion.getSender(), aliceAccount.userId);
  const seenReaction = await waitForEvent(bob, roomId, (e) => e.getId() === reactionId);
  assert.equal(seenReaction.getRelation()?.key, '👍');
  // Alice's own client matched its local echo to the server's event by transaction id.
  const echo = alice.getRoom(roomId)?.getLiveTimeline().getEvents().filter((e) => e.getContent().body === 'Is this recorded?') ?? [];
  assert.equal(echo.length, 1);
  assert.equal(echo[0]?.getId(), questionId);

  const relations = await bob.relations(roomId, questionId, 'm.annotation', 'm.reaction');
  assert.deepEqual(relations.events.map((e) => e.getId()), [reactionId]);
  assert.equal(relations.originalEvent?.getId(), questionId);
  assert.equal(relations.nextBatch ?? undefined, undefined);

  await alice.redactEvent(roomId, reactionId);
  const redaction = await waitForEvent(bob, roomId, (e) => e.getType() === 'm.room.redaction');
  assert.equal(redaction.event.redacts ?? redaction.getContent().redacts, reactionId);
  assert.deepEqual((await bob.relations(roomId, questionId, 'm.annotation')).events, []);

  const page = await bob.createMessagesRequest(roomId, null, 10, Direction.Backward);
  assert.equal(page.chunk.length, 10);
  assert.equal(page.chunk[0]?.type, 'm.room.redaction');
  const room = bob.getRoom(roomId);
  assert.ok(room);
  const before = room.getLiveTimeline().getEvents().length;
  await bob.scrollback(room, 30);
  const bodies = room.getLiveTimeline().getEvents().map((e) => e.getContent().body);
  assert.ok(room.getLiveTimeline().getEvents().length > before);
  assert.ok(bodies.includes('old 0'), 'scrollback reached the oldest messages');
  assert.equal(room.getLiveTimeline().getEvents()[0]?.getType(), 'm.room.create');
});
