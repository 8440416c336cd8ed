/**
 * Endpoints that change rooms: createRoom (Synapse's event order and presets), joins and
 * other memberships, sending, state, redaction, and the room alias directory.
 */
import type { Ctx, Endpoint } from './context.js';
import type { Requester } from './core.js';
import type { JsonObject } from './events.js';
import { isObject, newEventId } from './events.js';
import { badJson, CLIENT, forbidden, MatrixError, notFound, route } from './http.js';
import type { Room, StoredEvent } from './rooms.js';
import { DEFAULT_ROOM_VERSION, Room as RoomClass, SUPPORTED_ROOM_VERSIONS, userLevel, sendLevel } from './rooms.js';

/** Synapse's presets (handlers/room.py `_presets_dict`). */
const PRESETS: Record<string, { joinRule: string; historyVisibility: string; inviteesOps: boolean; guestCanJoin: boolean; plOverride: JsonObject }> = {
  private_chat: { joinRule: 'invite', historyVisibility: 'shared', inviteesOps: false, guestCanJoin: true, plOverride: { invite: 0 } },
  trusted_private_chat: { joinRule: 'invite', historyVisibility: 'shared', inviteesOps: true, guestCanJoin: true, plOverride: { invite: 0 } },
  public_chat: { joinRule: 'public', historyVisibility: 'shared', inviteesOps: false, guestCanJoin: false, plOverride: {} },
};

function roomFor(ctx: Ctx, roomId: string): Room {
  const room = ctx.rooms.room(roomId);
  // Synapse: no room version known for the id → 403 "Unknown room".
  if (!room) throw forbidden('Unknown room');
  return room;
}

async function createRoom(ctx: Ctx) {
  const requester = ctx.auth();
  const { core, rooms } = ctx;
  const config = await ctx.json();
  const userId = requester.user.userId;
  core.limiter.check('messages', userId);

  const version = config.room_version ?? DEFAULT_ROOM_VERSION;
  if (typeof version !== 'string') throw badJson('room_version must be a string');
  if (!SUPPORTED_ROOM_VERSIONS.includes(version)) throw new MatrixError(400, 'M_UNSUPPORTED_ROOM_VERSION', 'Your homeserver does not support this room version');

  let alias: string | undefined;
  if ('room_alias_name' in config) {
    const name = String(config.room_alias_name);
    if (/\s/.test(name)) throw new MatrixError(400, 'M_UNKNOWN', 'Invalid characters in room alias');
    if (name.includes(':')) throw new MatrixError(400, 'M_UNKNOWN', "':' is not permitted in the room alias name. Please note this expects a local part — 'wombat', not '#wombat:example.com'.");
    alias = `#${name}:${core.config.serverName}`;
    if (rooms.aliases.has(alias)) throw new MatrixError(400, 'M_ROOM_IN_USE', 'Room alias already taken');
  }
  const invites = Array.isArray(config.invite) ? config.invite : [];
  for (const i of invites) if (typeof i !== 'string' || !/^@[^:]+:.+$/.test(i)) throw new MatrixError(400, 'M_UNKNOWN', `Invalid user_id: ${String(i)}`);
  const plOverride = isObject(config.power_level_content_override) ? config.power_level_content_override : undefined;
  if (plOverride && 'users' in plOverride && !(isObject(plOverride.users) && userId in plOverride.users)) {
    throw new MatrixError(400, 'M_UNKNOWN', `Not a valid power_level_content_override: 'users' did not contain ${userId}`);
  }
  const visibility = config.visibility ?? 'private';
  const presetName = typeof config.preset === 'string' ? config.preset : visibility === 'private' ? 'private_chat' : 'public_chat';
  const preset = PRESETS[presetName];
  if (!preset) throw badJson(`'${presetName}' is not a valid preset`);

  const room = new RoomClass(rooms.newRoomId(), version);
  rooms.rooms.set(room.id, room);
  room.published = visibility === 'public';
  if (alias) rooms.aliases.set(alias, { roomId: room.id, creator: userId });

  const initialState = new Map<string, { type: string; stateKey: string; content: JsonObject }>();
  for (const entry of Array.isArray(config.initial_state) ? config.initial_state : []) {
    if (!isObject(entry) || typeof entry.type !== 'string' || !isObject(entry.content)) throw badJson('initial_state entries need type and content');
    const stateKey = typeof entry.state_key === 'string' ? entry.state_key : '';
    initialState.set(`${entry.type}\0${stateKey}`, { type: entry.type, stateKey, content: entry.content });
  }
  const take = (type: string) => {
    const e = initialState.get(`${type}\0`);
    initialState.delete(`${type}\0`);
    return e;
  };
  const has = (type: string) => initialState.has(`${type}\0`);
  const sendState = (type: string, content: JsonObject, stateKey = '') =>
    rooms.send(requester, room, { type, stateKey, content }, { ratelimit: false });

  const creationContent = isObject(config.creation_content) ? { ...config.creation_content } : {};
  rooms.persist(room, {
    event_id: newEventId(),
    type: 'm.room.create',
    room_id: room.id,
    sender: userId,
    origin_server_ts: Date.now(),
    content: { ...creationContent, creator: userId, room_version: version },
    state_key: '',
  });
  // The creator's join is rate-limited like any join (Synapse passes createRoom's `ratelimit` on).
  rooms.setMembership(requester, room, userId, 'join');

  const plInitial = take('m.room.power_levels');
  if (plInitial) sendState('m.room.power_levels', plInitial.content);
  else {
    const users: JsonObject = { [userId]: 100 };
    if (preset.inviteesOps) for (const i of invites) users[i as string] = 100;
    const pl: JsonObject = {
      users,
      users_default: 0,
      events: {
        'm.room.name': 50,
        'm.room.power_levels': 100,
        'm.room.history_visibility': 100,
        'm.room.canonical_alias': 50,
        'm.room.avatar': 50,
        'm.room.tombstone': 100,
        'm.room.server_acl': 100,
        'm.room.encryption': 100,
      },
      events_default: 0,
      state_default: 50,
      ban: 50,
      kick: 50,
      redact: 50,
      invite: 50,
      historical: 100,
      ...preset.plOverride,
      ...(plOverride ?? {}),
    };
    sendState('m.room.power_levels', pl);
  }
  if (alias && !has('m.room.canonical_alias')) sendState('m.room.canonical_alias', { alias });
  if (!has('m.room.join_rules')) sendState('m.room.join_rules', { join_rule: preset.joinRule });
  if (!has('m.room.history_visibility')) sendState('m.room.history_visibility', { history_visibility: preset.historyVisibility });
  if (preset.guestCanJoin && !has('m.room.guest_access')) sendState('m.room.guest_access', { guest_access: 'can_join' });
  for (const e of initialState.values()) sendState(e.type, e.content, e.stateKey);
  if ('name' in config) sendState('m.room.name', { name: config.name as JsonObject[string] });
  if ('topic' in config) sendState('m.room.topic', { topic: config.topic as JsonObject[string] });
  const inviteContent: JsonObject = config.is_direct ? { is_direct: true } : {};
  for (const invitee of invites) rooms.setMembership(requester, room, invitee as string, 'invite', inviteContent, { ratelimit: false });
  return { room_id: room.id, ...(alias ? { room_alias: alias } : {}) };
}

function join(ctx: Ctx, roomIdOrAlias: string) {
  const requester = ctx.auth({ allowGuest: true });
  const room = ctx.rooms.resolve(roomIdOrAlias);
  ctx.rooms.setMembership(requester, room, requester.user.userId, 'join');
  return { room_id: room.id };
}

async function membership(ctx: Ctx, roomId: string, action: string) {
  const requester = ctx.auth({ allowGuest: true });
  if (requester.user.guest && action !== 'join' && action !== 'leave') throw forbidden('Guest access not allowed');
  const raw = await ctx.raw();
  let body: Record<string, unknown> = {};
  // Synapse ignores a body that is not JSON here (clients used to send junk).
  try {
    const parsed: unknown = raw.length ? JSON.parse(raw.toString('utf8')) : {};
    if (isObject(parsed)) body = parsed;
  } catch {
    body = {};
  }
  if (action === 'join') return join(ctx, roomId);
  const room = roomFor(ctx, roomId);
  const reason: JsonObject = typeof body.reason === 'string' ? { reason: body.reason } : {};
  if (action === 'leave') {
    ctx.rooms.setMembership(requester, room, requester.user.userId, 'leave', reason);
    return {};
  }
  const target = body.user_id;
  if (typeof target !== 'string') throw new MatrixError(400, 'M_MISSING_PARAM', 'Missing user_id');
  const membershipFor: Record<string, string> = { invite: 'invite', kick: 'leave', ban: 'ban', unban: 'leave' };
  ctx.rooms.setMembership(requester, room, target, membershipFor[action] as string, reason);
  return {};
}

function sendMessage(ctx: Ctx, requester: Requester, roomId: string, type: string, content: JsonObject, txnId?: string) {
  const room = roomFor(ctx, roomId);
  const stored = ctx.rooms.send(requester, room, { type, content }, txnId !== undefined ? { txnId } : {});
  return { event_id: stored.data.event_id };
}

async function putState(ctx: Ctx, roomId: string, type: string, stateKey: string) {
  const requester = ctx.auth({ allowGuest: true });
  const content = (await ctx.json()) as JsonObject;
  const room = roomFor(ctx, roomId);
  let stored: StoredEvent;
  if (type === 'm.room.member') {
    stored = ctx.rooms.setMembership(requester, room, stateKey, String(content.membership), content);
  } else {
    stored = ctx.rooms.send(requester, room, { type, stateKey, content });
  }
  return { event_id: stored.data.event_id };
}

async function redact(ctx: Ctx, roomId: string, eventId: string, txnId?: string) {
  const requester = ctx.auth();
  const content = (await ctx.json()) as JsonObject;
  const room = roomFor(ctx, roomId);
  const stored = ctx.rooms.send(requester, room, { type: 'm.room.redaction', content, redacts: eventId }, txnId !== undefined ? { txnId } : {});
  return { event_id: stored.data.event_id };
}

async function putAlias(ctx: Ctx, alias: string) {
  const requester = ctx.auth();
  const body = await ctx.json();
  const roomId = body.room_id;
  if (typeof roomId !== 'string') throw new MatrixError(400, 'M_BAD_JSON', 'room_id must be a string');
  if (!alias.endsWith(`:${ctx.core.config.serverName}`)) throw new MatrixError(400, 'M_UNKNOWN', 'Room alias must be local');
  const room = ctx.rooms.room(roomId);
  if (!room || room.get('m.room.member', requester.user.userId)?.data.content.membership !== 'join') {
    throw forbidden('User is not in the room so cannot create alias');
  }
  if (ctx.rooms.aliases.has(alias)) throw new MatrixError(409, 'M_UNKNOWN', `Room alias ${alias} already exists`);
  ctx.rooms.aliases.set(alias, { roomId, creator: requester.user.userId });
  return {};
}

function deleteAlias(ctx: Ctx, alias: string) {
  const requester = ctx.auth();
  const entry = ctx.rooms.aliases.get(alias);
  if (!entry) throw notFound(`Room alias ${alias} not found`);
  const room = ctx.rooms.room(entry.roomId);
  // The alias's creator, a server admin, or whoever may change the room's canonical alias.
  const mayChange = room && userLevel(room.state, requester.user.userId) >= sendLevel(room.state, 'm.room.canonical_alias', true);
  if (entry.creator !== requester.user.userId && !requester.user.admin && !mayChange) throw forbidden("You don't have permission to delete the alias.");
  ctx.rooms.aliases.delete(alias);
  return {};
}

export const roomWriteEndpoints: Endpoint[] = [
  route('POST', `${CLIENT}/createRoom`, (ctx) => createRoom(ctx)),
  route('POST', `${CLIENT}/join/{roomIdOrAlias}`, (ctx, [id]) => join(ctx, id as string)),
  route('POST', `${CLIENT}/rooms/{roomId}/(join|leave|invite|kick|ban|unban)`, (ctx, [roomId, action]) => membership(ctx, roomId as string, action as string)),
  route('PUT', `${CLIENT}/rooms/{roomId}/send/{type}/{txnId}`, async (ctx, [roomId, type, txnId]) => {
    const requester = ctx.auth({ allowGuest: true });
    return sendMessage(ctx, requester, roomId as string, type as string, (await ctx.json()) as JsonObject, txnId);
  }),
  route('POST', `${CLIENT}/rooms/{roomId}/send/{type}`, async (ctx, [roomId, type]) => {
    const requester = ctx.auth({ allowGuest: true });
    return sendMessage(ctx, requester, roomId as string, type as string, (await ctx.json()) as JsonObject);
  }),
  route('PUT', `${CLIENT}/rooms/{roomId}/state/{type}/{stateKey}`, (ctx, [roomId, type, key]) => putState(ctx, roomId as string, type as string, key as string)),
  route('PUT', `${CLIENT}/rooms/{roomId}/state/{type}`, (ctx, [roomId, type]) => putState(ctx, roomId as string, type as string, '')),
  route('PUT', `${CLIENT}/rooms/{roomId}/redact/{eventId}/{txnId}`, (ctx, [roomId, eventId, txnId]) => redact(ctx, roomId as string, eventId as string, txnId)),
  route('POST', `${CLIENT}/rooms/{roomId}/redact/{eventId}`, (ctx, [roomId, eventId]) => redact(ctx, roomId as string, eventId as string)),
  route('GET', `${CLIENT}/directory/room/{alias}`, (ctx, [alias]) => {
    const entry = ctx.rooms.aliases.get(alias as string);
    if (!entry) throw notFound(`Room alias ${alias} not found`);
    return { room_id: entry.roomId, servers: [ctx.core.config.serverName] };
  }),
  route('PUT', `${CLIENT}/directory/room/{alias}`, (ctx, [alias]) => putAlias(ctx, alias as string)),
  route('DELETE', `${CLIENT}/directory/room/{alias}`, (ctx, [alias]) => deleteAlias(ctx, alias as string)),
  route('GET', `${CLIENT}/directory/list/room/{roomId}`, (ctx, [roomId]) => {
    const room = ctx.rooms.room(roomId as string);
    if (!room) throw notFound('Unknown room');
    return { visibility: room.published ? 'public' : 'private' };
  }),
];
