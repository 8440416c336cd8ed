/**
 * Endpoints that read rooms: state, one event, /messages, /context, members. Readers are
 * members, people who left (up to their leave), or — for world-readable rooms — anyone
 * with a token (Synapse's `check_user_in_room_or_world_readable`).
 */
import type { Ctx, Endpoint } from './context.js';
import type { JsonObject } from './events.js';
import { isObject } from './events.js';
import { matchesInMemory, matchesSql, parseEventFilter } from './filters.js';
import type { EventFilter } from './filters.js';
import { badJson, CLIENT, forbidden, intParam, MatrixError, notFound, route } from './http.js';
import type { Room, StateMap, StoredEvent } from './rooms.js';
import { canSee, stateKey } from './rooms.js';
import { paginationToken, parseToken, serializeEvent } from './serialize.js';
import type { Viewer } from './serialize.js';

/** Synapse's cap on pagination limits (PaginationConfig MAX_LIMIT). */
const MAX_LIMIT = 1000;

function viewerOf(ctx: Ctx): Viewer & { guest: boolean } {
  const r = ctx.auth({ allowGuest: true });
  return { userId: r.user.userId, deviceId: r.deviceId, guest: r.user.guest };
}

/** The state a reader sees: current, or as it was when they left. */
function readableState(ctx: Ctx, userId: string, roomId: string): { room: Room; state: StateMap } {
  const access = ctx.rooms.checkCanRead(userId, roomId);
  if (access.membership === 'leave' && access.memberEvent) return { room: access.room, state: access.memberEvent.stateAfter };
  return { room: access.room, state: access.room.state };
}

function stateEvents(state: StateMap): StoredEvent[] {
  return [...state.values()].sort((a, b) => a.pos - b.pos);
}

/**
 * One event, as Synapse's `EventHandler.get_event` finds it: 404 M_NOT_FOUND when unknown
 * (in this room), 403 when history visibility hides it from the user.
 */
export function readEvent(ctx: Ctx, viewer: Viewer, roomId: string, eventId: string): StoredEvent {
  const event = ctx.rooms.byEventId.get(eventId);
  if (!event || event.room.id !== roomId) throw notFound(`Could not find event ${eventId}`);
  const peeking = event.room.get('m.room.member', viewer.userId)?.data.content.membership !== 'join';
  if (!canSee(viewer.userId, event, peeking)) throw forbidden("You don't have permission to access that event.");
  return event;
}

export function parseFilterParam(raw: string | null): EventFilter | undefined {
  if (raw === null) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new MatrixError(400, 'M_NOT_JSON', 'Invalid JSON in filter');
  }
  if (!isObject(json)) throw badJson('filter must be a JSON object');
  return parseEventFilter(json);
}

/** Member events of the senders of `events`, at the first of them (lazy-loading members). */
function lazyMembers(events: StoredEvent[]): StoredEvent[] {
  const first = events[0];
  if (!first) return [];
  const senders = new Set(events.map((e) => e.data.sender));
  const out: StoredEvent[] = [];
  for (const sender of senders) {
    const member = first.stateAfter.get(stateKey('m.room.member', sender));
    if (member) out.push(member);
  }
  return out;
}

/**
 * GET /messages as Synapse's pagination handler runs it: rows selected with the SQL
 * filter (exact types and senders) up to `limit`, then the in-memory filter and history
 * visibility (so a page can come back short, or empty with an `end` to go on from).
 * No `end` when the store had nothing at all in that direction.
 */
function messages(ctx: Ctx, roomId: string) {
  const viewer = viewerOf(ctx);
  const access = ctx.rooms.checkCanRead(viewer.userId, roomId);
  const room = access.room;
  const dir = ctx.query.get('dir') ?? 'f';
  if (dir !== 'f' && dir !== 'b') throw new MatrixError(400, 'M_INVALID_PARAM', 'Query parameter "dir" must be one of [f, b]');
  const limit = Math.min(intParam(ctx.query, 'limit', 10), MAX_LIMIT);
  // `from=END` is Synapse's old spelling of "no from".
  const fromRaw = ctx.query.get('from') === 'END' ? null : ctx.query.get('from');
  // Without `from`: the end of the room going back, its start going forward (spec v1.3;
  // Synapse 1.67 started from the end either way, current Synapse follows the spec).
  let from = fromRaw ? parseToken(fromRaw, "'from' parameter is invalid") : dir === 'b' ? ctx.core.pos : 0;
  const to = ctx.query.get('to') ? parseToken(ctx.query.get('to') as string, "'to' parameter is invalid") : undefined;
  const filter = parseFilterParam(ctx.query.get('filter'));
  if (dir === 'b' && access.membership === 'leave' && access.memberEvent && access.memberEvent.pos < from) from = access.memberEvent.pos;

  const candidates =
    dir === 'b'
      ? room.events.filter((e) => e.pos <= from && (to === undefined || e.pos > to)).reverse()
      : room.events.filter((e) => e.pos > from && (to === undefined || e.pos <= to));
  const rows = candidates.filter((e) => !filter || matchesSql(filter, e.data)).slice(0, limit);
  const start = paginationToken(from);
  if (!rows.length) return { chunk: [], start };
  const last = rows.at(-1) as StoredEvent;
  // Tokens sit between events: going back, the next one is just before the last row.
  const end = paginationToken(dir === 'b' ? last.pos - 1 : last.pos);
  const peeking = access.memberEvent === undefined;
  const events = rows.filter((e) => (!filter || matchesInMemory(filter, e.data)) && canSee(viewer.userId, e, peeking));
  if (!events.length) return { chunk: [], start, end };
  const body: JsonObject = { chunk: events.map((e) => serializeEvent(e, viewer)), start, end };
  if (filter?.lazyLoadMembers) {
    const members = lazyMembers(events);
    if (members.length) body.state = members.map((e) => serializeEvent(e, viewer));
  }
  return body;
}

/** GET /context/{eventId}: the event, `limit` events around it (half before, half after), and the state. */
function context(ctx: Ctx, roomId: string, eventId: string) {
  const viewer = viewerOf(ctx);
  const access = ctx.rooms.checkCanRead(viewer.userId, roomId);
  const event = readEvent(ctx, viewer, roomId, eventId);
  const limit = Math.min(intParam(ctx.query, 'limit', 10), MAX_LIMIT);
  const filter = parseFilterParam(ctx.query.get('filter'));
  const peeking = access.memberEvent === undefined;
  const ok = (e: StoredEvent) => (!filter || (matchesSql(filter, e.data) && matchesInMemory(filter, e.data))) && canSee(viewer.userId, e, peeking);
  const index = access.room.events.indexOf(event);
  const before = access.room.events.slice(0, index).reverse().filter(ok).slice(0, Math.floor(limit / 2));
  const after = access.room.events.slice(index + 1).filter(ok).slice(0, limit - Math.floor(limit / 2));
  const lastShown = after.at(-1) ?? event;
  return {
    event: serializeEvent(event, viewer),
    events_before: before.map((e) => serializeEvent(e, viewer)),
    events_after: after.map((e) => serializeEvent(e, viewer)),
    start: paginationToken((before.at(-1) ?? event).pos - 1),
    end: paginationToken(lastShown.pos),
    state: stateEvents(lastShown.stateAfter).map((e) => serializeEvent(e, viewer)),
  };
}

function members(ctx: Ctx, roomId: string) {
  const viewer = viewerOf(ctx);
  let { state } = readableState(ctx, viewer.userId, roomId);
  const at = ctx.query.get('at');
  if (at) state = ctx.rooms.checkCanRead(viewer.userId, roomId).room.stateAt(parseToken(at));
  const membership = ctx.query.get('membership');
  const notMembership = ctx.query.get('not_membership');
  const chunk = stateEvents(state)
    .filter((e) => e.data.type === 'm.room.member')
    .filter((e) => (!membership || e.data.content.membership === membership) && (!notMembership || e.data.content.membership !== notMembership));
  return { chunk: chunk.map((e) => serializeEvent(e, viewer)) };
}

function joinedMembers(ctx: Ctx, roomId: string) {
  const requester = ctx.auth();
  const room = ctx.rooms.room(roomId);
  if (!room || (room.get('m.room.member', requester.user.userId)?.data.content.membership !== 'join' && !requester.user.admin)) {
    throw forbidden('User must be in the room to see joined members');
  }
  const joined: JsonObject = {};
  for (const e of room.state.values()) {
    if (e.data.type !== 'm.room.member' || e.data.content.membership !== 'join') continue;
    const c = e.data.content;
    joined[e.data.state_key as string] = { display_name: c.displayname ?? null, avatar_url: c.avatar_url ?? null };
  }
  return { joined };
}

export const readingEndpoints: Endpoint[] = [
  route('GET', `${CLIENT}/rooms/{roomId}/state`, (ctx, [roomId]) => {
    const viewer = viewerOf(ctx);
    const { state } = readableState(ctx, viewer.userId, roomId as string);
    return stateEvents(state).map((e) => serializeEvent(e, viewer));
  }),
  route('GET', `${CLIENT}/rooms/{roomId}/state/{type}/{stateKey}`, (ctx, [roomId, type, key]) => stateContent(ctx, roomId as string, type as string, key as string)),
  route('GET', `${CLIENT}/rooms/{roomId}/state/{type}`, (ctx, [roomId, type]) => stateContent(ctx, roomId as string, type as string, '')),
  route('GET', `${CLIENT}/rooms/{roomId}/event/{eventId}`, (ctx, [roomId, eventId]) => {
    const viewer = viewerOf(ctx);
    try {
      return serializeEvent(readEvent(ctx, viewer, roomId as string, eventId as string), viewer);
    } catch (error) {
      // This endpoint answers 404 when the event is hidden, so its existence does not leak.
      if (error instanceof MatrixError && error.status === 403) throw notFound('Event not found.');
      throw error;
    }
  }),
  route('GET', `${CLIENT}/rooms/{roomId}/messages`, (ctx, [roomId]) => messages(ctx, roomId as string)),
  route('GET', `${CLIENT}/rooms/{roomId}/context/{eventId}`, (ctx, [roomId, eventId]) => context(ctx, roomId as string, eventId as string)),
  route('GET', `${CLIENT}/rooms/{roomId}/members`, (ctx, [roomId]) => members(ctx, roomId as string)),
  route('GET', `${CLIENT}/rooms/{roomId}/joined_members`, (ctx, [roomId]) => joinedMembers(ctx, roomId as string)),
  route('GET', `${CLIENT}/joined_rooms`, (ctx) => {
    const r = ctx.auth({ allowGuest: true });
    return { joined_rooms: ctx.rooms.membershipsOf(r.user.userId).filter((m) => m.membership === 'join').map((m) => m.room.id) };
  }),
];

function stateContent(ctx: Ctx, roomId: string, type: string, key: string) {
  const viewer = viewerOf(ctx);
  const { state } = readableState(ctx, viewer.userId, roomId);
  const event = state.get(stateKey(type, key));
  if (!event) throw notFound('Event not found.');
  const serialized = serializeEvent(event, viewer);
  return ctx.query.get('format') === 'event' ? serialized : serialized.content;
}
