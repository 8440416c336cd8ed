/**
 * GET /sync, following Synapse's sync handler (handlers/sync.py):
 * - initial sync (no `since`), newly joined rooms and `full_state`: the last `limit`
 *   timeline events, `limited` when older ones exist, and the state at the timeline's
 *   start; incremental: events since the token, `limited` (with the state in the gap)
 *   when more than `limit` passed the filter;
 * - timeline and state filters match types with `*` wildcards (in memory, unlike
 *   /messages); `room.rooms`/`not_rooms` choose rooms; `lazy_load_members` sends only the
 *   members of timeline senders (and one's own), each once per device, plus a `summary`;
 * - long-poll: with `since`, an empty answer waits up to `timeout` (capped at 60 s)
 *   for anything for this user, re-checking after every change on the server.
 */
import type { Ctx, Endpoint } from './context.js';
import type { Requester } from './core.js';
import type { JsonObject } from './events.js';
import { isObject } from './events.js';
import { matchesInMemory, parseEventFilter, roomAllowed } from './filters.js';
import type { EventFilter } from './filters.js';
import { badJson, CLIENT, intParam, MatrixError, notFound, route } from './http.js';
import type { Room, StateMap, StoredEvent } from './rooms.js';
import { canSee, membershipIn, stateKey } from './rooms.js';
import { paginationToken, parseToken, serializeEvent, syncToken } from './serialize.js';
import type { Viewer } from './serialize.js';

const MAX_TIMEOUT_MS = 60_000;
/** State events that invites show (Synapse's default `room_prejoin_state`). */
const INVITE_STATE_TYPES = ['m.room.create', 'm.room.join_rules', 'm.room.canonical_alias', 'm.room.avatar', 'm.room.encryption', 'm.room.name'];

interface SyncFilter {
  timeline: EventFilter;
  state: EventFilter;
  roomFilter?: JsonObject;
  accountData: EventFilter;
  roomAccountData: EventFilter;
  includeLeave: boolean;
}

function loadFilter(ctx: Ctx, userId: string, raw: string | null): SyncFilter {
  let json: JsonObject = {};
  if (raw !== null) {
    if (raw.trimStart().startsWith('{')) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(raw);
      } catch {
        throw new MatrixError(400, 'M_NOT_JSON', 'Invalid JSON in filter');
      }
      if (!isObject(parsed)) throw badJson('filter must be a JSON object');
      json = parsed;
    } else {
      const stored = ctx.core.filters.get(userId)?.[Number(raw)];
      if (!/^\d+$/.test(raw) || !stored) throw notFound('No such filter');
      json = stored;
    }
  }
  const room = isObject(json.room) ? json.room : {};
  return {
    timeline: parseEventFilter(room.timeline),
    state: parseEventFilter(room.state),
    ...(isObject(json.room) ? { roomFilter: json.room } : {}),
    accountData: parseEventFilter(json.account_data),
    roomAccountData: parseEventFilter(room.account_data),
    includeLeave: room.include_leave === true,
  };
}

/** Member event ids each device has been sent while lazy-loading, by user (Synapse's lazy-loaded-members cache). */
const sentMembers = new WeakMap<Ctx['core'], Map<string, Map<string, string>>>();

function memberCache(ctx: Ctx, requester: Requester, reset: boolean): Map<string, string> {
  let byDevice = sentMembers.get(ctx.core);
  if (!byDevice) sentMembers.set(ctx.core, (byDevice = new Map()));
  const key = `${requester.user.userId}\0${requester.deviceId}`;
  let cache = byDevice.get(key);
  if (!cache || reset) byDevice.set(key, (cache = new Map()));
  return cache;
}

interface Built {
  body: JsonObject;
  empty: boolean;
}

function build(ctx: Ctx, requester: Requester, since: number | undefined, filter: SyncFilter, fullState: boolean): Built {
  const userId = requester.user.userId;
  const viewer: Viewer = { userId, deviceId: requester.deviceId };
  const now = ctx.core.pos;
  const lazy = filter.state.lazyLoadMembers;
  const sent = memberCache(ctx, requester, since === undefined);
  const join: JsonObject = {};
  const invite: JsonObject = {};
  const leave: JsonObject = {};

  for (const { room, membership, event: member } of ctx.rooms.membershipsOf(userId)) {
    if (!roomAllowed(filter.roomFilter, room.id)) continue;
    const before = since === undefined ? undefined : membershipIn(room.stateAt(since), userId);
    if (membership === 'join') {
      const newlyJoined = since !== undefined && before !== 'join';
      const entry = joinedRoom(ctx, room, viewer, since, now, filter, fullState || newlyJoined || since === undefined, lazy, sent);
      if (entry) join[room.id] = entry;
    } else if (membership === 'invite') {
      if (since === undefined || member.pos > since) invite[room.id] = { invite_state: { events: inviteState(room, member, viewer) } };
    } else if (since !== undefined ? member.pos > since && (before === 'join' || before === 'invite') : filter.includeLeave) {
      leave[room.id] = leftRoom(room, member, viewer, since, filter);
    }
  }

  const accountData = changedAccountData(ctx.core.accountData.get(userId), since, filter.accountData);
  const body: JsonObject = {
    next_batch: syncToken(now),
    account_data: { events: accountData },
    presence: { events: [] },
    to_device: { events: [] },
    device_lists: { changed: [], left: [] },
    device_one_time_keys_count: { signed_curve25519: 0 },
    'org.matrix.msc2732.device_unused_fallback_key_types': [],
    device_unused_fallback_key_types: [],
    rooms: { join, invite, leave },
  };
  const empty = !Object.keys(join).length && !Object.keys(invite).length && !Object.keys(leave).length && !accountData.length;
  return { body, empty };
}

function changedAccountData(byType: Map<string, { pos: number; content: JsonObject }> | undefined, since: number | undefined, filter: EventFilter): JsonObject[] {
  const out: JsonObject[] = [];
  for (const [type, entry] of byType ?? []) {
    if (since !== undefined && entry.pos <= since) continue;
    if (!matchesInMemory(filter, { type, sender: '', room_id: '', content: entry.content })) continue;
    out.push({ type, content: entry.content });
  }
  return out;
}

function joinedRoom(
  ctx: Ctx,
  room: Room,
  viewer: Viewer,
  since: number | undefined,
  now: number,
  filter: SyncFilter,
  full: boolean,
  lazy: boolean,
  sent: Map<string, string>,
): JsonObject | undefined {
  const userId = viewer.userId;
  const current = room.state;
  const currentIds = new Set([...current.values()].map((e) => e.data.event_id));
  const passes = (e: StoredEvent) =>
    matchesInMemory(filter.timeline, e.data) && (currentIds.has(e.data.event_id) || canSee(userId, e, false));
  const window = room.events.filter((e) => e.pos <= now && (full || since === undefined || e.pos > since));
  const matching = window.filter(passes);
  const limit = filter.timeline.limit;
  const limited = matching.length > limit;
  const timeline = matching.slice(-limit);
  const first = timeline[0];
  const prevBatch = paginationToken(first ? first.pos - 1 : now);

  let state: StoredEvent[] = [];
  if (full || limited) {
    // (state at the timeline start ∪ current state) − state the client had − the timeline itself.
    const start: StateMap = first ? first.stateBefore : current;
    const previous: StateMap = full || since === undefined ? new Map() : room.stateAt(since);
    const previousIds = new Set([...previous.values()].map((e) => e.data.event_id));
    const inTimeline = new Set(timeline.map((e) => e.data.event_id));
    const chosen = new Map<string, StoredEvent>();
    for (const e of [...start.values(), ...current.values()]) {
      if (!previousIds.has(e.data.event_id) && !inTimeline.has(e.data.event_id)) chosen.set(e.data.event_id, e);
    }
    state = [...chosen.values()].sort((a, b) => a.pos - b.pos);
  }
  if (lazy) {
    // Synapse's compute_state_delta: the members of timeline senders (unless their
    // membership is earlier in the timeline), and one's own on full-state syncs.
    const fetch = new Set<string>();
    const timelineState = new Set<string>();
    for (const e of timeline) {
      if (!timelineState.has(stateKey('m.room.member', e.data.sender))) fetch.add(e.data.sender);
      if (e.data.state_key !== undefined) timelineState.add(stateKey(e.data.type, e.data.state_key));
    }
    if (full) fetch.add(userId);
    if (full || limited) {
      state = state.filter((e) => e.data.type !== 'm.room.member' || fetch.has(e.data.state_key as string));
    } else if (fetch.size && first) {
      state = [...fetch].flatMap((m) => first.stateBefore.get(stateKey('m.room.member', m)) ?? []);
    }
    // Each member event once per device, unless the client starts over (no `since`).
    if (since !== undefined) state = state.filter((e) => e.data.type !== 'm.room.member' || sent.get(e.data.state_key as string) !== e.data.event_id);
    for (const e of [...state, ...timeline]) if (e.data.type === 'm.room.member') sent.set(e.data.state_key as string, e.data.event_id);
  }
  state = state.filter((e) => matchesInMemory(filter.state, e.data));

  // Synapse sends a summary when lazy-loading and membership may have changed for the client.
  const memberChange = timeline.some((e) => e.data.type === 'm.room.member') || (limited && state.some((e) => e.data.type === 'm.room.member'));
  const roomSummary = lazy && (memberChange || since === undefined) ? summary(room, userId, state, timeline, sent) : {};
  const accountData = changedAccountData(ctx.core.roomAccountData.get(`${userId}\0${room.id}`), full ? undefined : since, filter.roomAccountData);
  if (!full && !timeline.length && !state.length && !accountData.length) return undefined;
  const entry: JsonObject = {
    timeline: { events: timeline.map((e) => serializeEvent(e, viewer, { withoutRoomId: true })), limited, prev_batch: prevBatch },
    state: { events: state.map((e) => serializeEvent(e, viewer, { withoutRoomId: true })) },
    ephemeral: { events: [] },
    account_data: { events: accountData },
    unread_notifications: { notification_count: 0, highlight_count: 0 },
    summary: roomSummary,
  };
  return entry;
}

/**
 * The room summary Synapse sends with lazy-loaded members (`compute_summary`): member
 * counts, and — for a room without a name or alias — up to 5 heroes, whose member events
 * join the state if the device has not had them.
 */
function summary(room: Room, userId: string, state: StoredEvent[], timeline: StoredEvent[], sent: Map<string, string>): JsonObject {
  const byMembership = new Map<string, StoredEvent[]>();
  for (const e of room.state.values()) {
    if (e.data.type !== 'm.room.member' || typeof e.data.content.membership !== 'string') continue;
    const list = byMembership.get(e.data.content.membership) ?? [];
    list.push(e);
    byMembership.set(e.data.content.membership, list);
  }
  const out: JsonObject = {
    'm.joined_member_count': byMembership.get('join')?.length ?? 0,
    'm.invited_member_count': byMembership.get('invite')?.length ?? 0,
  };
  if (room.get('m.room.name')?.data.content.name || room.get('m.room.canonical_alias')?.data.content.alias) return out;
  const others = (...memberships: string[]) => memberships.flatMap((m) => byMembership.get(m) ?? []).filter((e) => e.data.state_key !== userId);
  const present = others('join', 'invite');
  const heroes = (present.length ? present : others('leave', 'ban')).sort((a, b) => ((a.data.state_key as string) < (b.data.state_key as string) ? -1 : 1)).slice(0, 5);
  out['m.heroes'] = heroes.map((e) => e.data.state_key as string);
  const known = new Set([...state, ...timeline].filter((e) => e.data.type === 'm.room.member').map((e) => e.data.state_key));
  for (const hero of heroes) {
    const id = hero.data.state_key as string;
    if (known.has(id) || sent.get(id) === hero.data.event_id) continue;
    sent.set(id, hero.data.event_id);
    state.push(hero);
  }
  return out;
}

function inviteState(room: Room, invite: StoredEvent, viewer: Viewer): JsonObject[] {
  const stripped: JsonObject[] = [];
  for (const type of INVITE_STATE_TYPES) {
    const e = invite.stateBefore.get(stateKey(type, ''));
    if (e) stripped.push({ type: e.data.type, state_key: '', content: e.data.content, sender: e.data.sender });
  }
  stripped.push(serializeEvent(invite, viewer, { withoutRoomId: true }));
  return stripped;
}

function leftRoom(room: Room, member: StoredEvent, viewer: Viewer, since: number | undefined, filter: SyncFilter): JsonObject {
  const events = room.events
    .filter((e) => e.pos <= member.pos && (since === undefined || e.pos > since))
    .filter((e) => matchesInMemory(filter.timeline, e.data) && canSee(viewer.userId, e, false));
  const limited = events.length > filter.timeline.limit;
  const timeline = events.slice(-filter.timeline.limit);
  const first = timeline[0];
  return {
    timeline: {
      events: timeline.map((e) => serializeEvent(e, viewer, { withoutRoomId: true })),
      limited,
      prev_batch: paginationToken(first ? first.pos - 1 : member.pos),
    },
    state: { events: [] },
    account_data: { events: [] },
  };
}

async function sync(ctx: Ctx) {
  const requester = ctx.auth({ allowGuest: true });
  const sinceRaw = ctx.query.get('since');
  const since = sinceRaw ? parseToken(sinceRaw) : undefined;
  const timeout = Math.min(intParam(ctx.query, 'timeout', 0), MAX_TIMEOUT_MS);
  const fullState = ctx.query.get('full_state') === 'true';
  const filter = loadFilter(ctx, requester.user.userId, ctx.query.get('filter'));
  const deadline = Date.now() + timeout;
  for (;;) {
    const result = build(ctx, requester, since, filter, fullState);
    const remaining = deadline - Date.now();
    if (since === undefined || fullState || !result.empty || remaining <= 0 || ctx.signal.aborted) return result.body;
    await ctx.core.waitForChange(remaining, ctx.signal);
  }
}

export const syncEndpoints: Endpoint[] = [
  route('GET', `${CLIENT}/sync`, (ctx) => sync(ctx)),
  route('POST', `${CLIENT}/user/{userId}/filter`, async (ctx, [userId]) => {
    const r = ctx.auth({ allowGuest: true });
    if (r.user.userId !== userId) throw new MatrixError(403, 'M_FORBIDDEN', 'Cannot create filters for other users');
    const body = await ctx.json();
    const list = ctx.core.filters.get(userId) ?? [];
    list.push(body as JsonObject);
    ctx.core.filters.set(userId, list);
    return { filter_id: String(list.length - 1) };
  }),
  route('GET', `${CLIENT}/user/{userId}/filter/{filterId}`, (ctx, [userId, filterId]) => {
    const r = ctx.auth({ allowGuest: true });
    if (r.user.userId !== userId) throw new MatrixError(403, 'M_FORBIDDEN', 'Cannot get filters for other users');
    const stored = /^\d+$/.test(filterId as string) ? ctx.core.filters.get(userId)?.[Number(filterId)] : undefined;
    if (!stored) throw notFound('No such filter');
    return stored;
  }),
];
