/**
 * The small endpoints clients call around the room APIs: versions, capabilities, push
 * rules, account data, TURN, typing, receipts and read markers, presence, devices, keys,
 * to-device, threads. Most are accepted and answered with what a quiet server says.
 */
import type { Ctx, Endpoint } from './context.js';
import { reply } from './context.js';
import type { JsonObject } from './events.js';
import { relationOf } from './events.js';
import { CLIENT, CLIENT_V1, forbidden, intParam, notFound, route } from './http.js';
import { canSee, SUPPORTED_ROOM_VERSIONS, DEFAULT_ROOM_VERSION } from './rooms.js';
import { paginationToken, parseToken, serializeEvent } from './serialize.js';

const VERSIONS = ['r0.0.1', 'r0.1.0', 'r0.2.0', 'r0.3.0', 'r0.4.0', 'r0.5.0', 'r0.6.0', 'r0.6.1', ...Array.from({ length: 12 }, (_, i) => `v1.${i + 1}`)];

/** A valid push rule set without rules: clients read it at start; no notifications are computed here. */
const PUSH_RULES = { global: { override: [], content: [], room: [], sender: [], underride: [] } };

function accountData(ctx: Ctx, userId: string, roomId: string | undefined, type: string, put: JsonObject | undefined) {
  const r = ctx.auth({ allowGuest: true });
  if (r.user.userId !== userId) throw forbidden(put ? 'Cannot add account data for other users.' : 'Cannot get account data for other users.');
  if (put) {
    ctx.core.setAccountData(userId, roomId, type, put);
    return {};
  }
  const content = ctx.core.getAccountData(userId, roomId, type);
  if (!content) throw notFound(roomId ? 'Room account data not found' : 'Account data not found');
  return content;
}

/** Thread roots of a room, newest activity first (GET /v1/rooms/{id}/threads). */
function threads(ctx: Ctx, roomId: string) {
  const r = ctx.auth({ allowGuest: true });
  const access = ctx.rooms.checkCanRead(r.user.userId, roomId);
  const limit = intParam(ctx.query, 'limit', 5);
  const from = ctx.query.get('from') ? parseToken(ctx.query.get('from') as string) : undefined;
  const latest = new Map<string, number>();
  for (const e of access.room.events) {
    const rel = relationOf(e.data.content);
    if (rel?.relType === 'm.thread' && !e.redactedBy) latest.set(rel.eventId, e.pos);
  }
  const peeking = access.memberEvent === undefined;
  const roots = [...latest.entries()]
    .filter(([, pos]) => from === undefined || pos <= from)
    .sort((a, b) => b[1] - a[1])
    .map(([id, pos]) => ({ root: ctx.rooms.byEventId.get(id), pos }))
    .filter((t) => t.root && canSee(r.user.userId, t.root, peeking));
  const page = roots.slice(0, limit);
  const next = roots[limit];
  const viewer = { userId: r.user.userId, deviceId: r.deviceId };
  return {
    chunk: page.map((t) => serializeEvent(t.root as NonNullable<typeof t.root>, viewer)),
    ...(next ? { next_batch: paginationToken(next.pos) } : {}),
  };
}

const ok = (ctx: Ctx) => {
  ctx.auth({ allowGuest: true });
  return {};
};

export const miscEndpoints: Endpoint[] = [
  route('GET', '/_matrix/client/versions', () => ({ versions: VERSIONS, unstable_features: {} })),
  // No .well-known on a bare homeserver: clients use the base URL they were given.
  route('GET', '/.well-known/matrix/client', () => reply(404, { body: { errcode: 'M_NOT_FOUND', error: 'No .well-known configured' } })),
  route('GET', `${CLIENT}/capabilities`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return {
      capabilities: {
        'm.room_versions': { default: DEFAULT_ROOM_VERSION, available: Object.fromEntries(SUPPORTED_ROOM_VERSIONS.map((v) => [v, 'stable'])) },
        'm.change_password': { enabled: true },
        'm.set_displayname': { enabled: true },
        'm.set_avatar_url': { enabled: true },
        'm.3pid_changes': { enabled: true },
      },
    };
  }),
  route('GET', `${CLIENT}/pushrules/`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return PUSH_RULES;
  }),
  route('GET', `${CLIENT}/pushrules`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return PUSH_RULES;
  }),
  route('GET', `${CLIENT}/user/{userId}/account_data/{type}`, (ctx, [userId, type]) => accountData(ctx, userId as string, undefined, type as string, undefined)),
  route('PUT', `${CLIENT}/user/{userId}/account_data/{type}`, async (ctx, [userId, type]) =>
    accountData(ctx, userId as string, undefined, type as string, (await ctx.json()) as JsonObject),
  ),
  route('GET', `${CLIENT}/user/{userId}/rooms/{roomId}/account_data/{type}`, (ctx, [userId, roomId, type]) =>
    accountData(ctx, userId as string, roomId, type as string, undefined),
  ),
  route('PUT', `${CLIENT}/user/{userId}/rooms/{roomId}/account_data/{type}`, async (ctx, [userId, roomId, type]) =>
    accountData(ctx, userId as string, roomId, type as string, (await ctx.json()) as JsonObject),
  ),
  route('GET', `${CLIENT}/voip/turnServer`, (ctx) => ok(ctx)),
  route('PUT', `${CLIENT}/rooms/{roomId}/typing/{userId}`, (ctx) => ok(ctx)),
  route('POST', `${CLIENT}/rooms/{roomId}/receipt/{type}/{eventId}`, (ctx) => ok(ctx)),
  route('POST', `${CLIENT}/rooms/{roomId}/read_markers`, (ctx) => ok(ctx)),
  route('GET', `${CLIENT}/presence/{userId}/status`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return { presence: 'offline' };
  }),
  route('PUT', `${CLIENT}/presence/{userId}/status`, (ctx) => ok(ctx)),
  route('GET', `${CLIENT}/devices`, (ctx) => {
    const r = ctx.auth({ allowGuest: true });
    const devices = [...ctx.core.sessions.values()].filter((s) => s.userId === r.user.userId).map((s) => ({ device_id: s.deviceId, display_name: null, last_seen_ip: null, last_seen_ts: null }));
    return { devices };
  }),
  route('POST', `${CLIENT}/keys/upload`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return { one_time_key_counts: {} };
  }),
  route('POST', `${CLIENT}/keys/query`, (ctx) => {
    ctx.auth({ allowGuest: true });
    return { device_keys: {}, failures: {} };
  }),
  route('PUT', `${CLIENT}/sendToDevice/{type}/{txnId}`, (ctx) => ok(ctx)),
  route('GET', `${CLIENT}/thirdparty/protocols`, (ctx) => ok(ctx)),
  route('GET', `${CLIENT_V1}/rooms/{roomId}/threads`, (ctx, [roomId]) => threads(ctx, roomId as string)),
];
