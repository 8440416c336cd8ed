/**
 * Rooms: the event store (one total order per room, numbered on the server's stream), the
 * state after every event, and the checks Synapse makes before it accepts an event from
 * one of its users — content validation, relations, the room-version-9 auth rules, the
 * size limit, rate limits — plus history visibility for readers. Room versions 1–10 share
 * these rules; new rooms are version 9 (Synapse's default in 1.67).
 */
import { isDeepStrictEqual } from 'node:util';
import type { Core, Requester } from './core.js';
import type { Json, JsonObject, RoomEventData } from './events.js';
import { checkEventSize, isObject, newEventId, randomLetters, relationOf, validateCanonicalJson } from './events.js';
import { badJson, forbidden, MatrixError, notFound } from './http.js';

export interface StoredEvent {
  data: RoomEventData;
  /** Position on the server's stream; also this event's place in its room. */
  pos: number;
  room: Room;
  stateBefore: StateMap;
  stateAfter: StateMap;
  /** The state event this one replaced (for `unsigned.prev_content`). */
  replaces?: StoredEvent;
  redactedBy?: StoredEvent;
  /** Sender's device and transaction id, for `unsigned.transaction_id` on that device only. */
  txn?: { deviceId: string; txnId: string };
}

export type StateMap = ReadonlyMap<string, StoredEvent>;

export const stateKey = (type: string, key: string) => `${type}\0${key}`;

export const SUPPORTED_ROOM_VERSIONS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'];
export const DEFAULT_ROOM_VERSION = '9';

export class Room {
  readonly events: StoredEvent[] = [];
  state: StateMap = new Map();
  /** Published in the room directory (createRoom `visibility: public`). */
  published = false;

  constructor(
    readonly id: string,
    readonly version: string,
  ) {}

  get(type: string, key = ''): StoredEvent | undefined {
    return this.state.get(stateKey(type, key));
  }

  /** State after the last event at or before stream position `pos`. */
  stateAt(pos: number): StateMap {
    let found: StateMap = new Map();
    for (const e of this.events) {
      if (e.pos > pos) break;
      found = e.stateAfter;
    }
    return found;
  }
}

// ---- power levels and membership (room versions 1–10) -------------------------------

function toInt(value: unknown): number | undefined {
  if (typeof value === 'number' && Number.isInteger(value)) return value;
  // Rooms of versions 1–9 made elsewhere may hold string levels; the auth rules parse them.
  if (typeof value === 'string' && /^\s*[+-]?\d+\s*$/.test(value)) return Number.parseInt(value, 10);
  return undefined;
}

export function membershipIn(state: StateMap, userId: string): string | undefined {
  const m = state.get(stateKey('m.room.member', userId))?.data.content.membership;
  return typeof m === 'string' ? m : undefined;
}

export function userLevel(state: StateMap, userId: string): number {
  const pl = state.get(stateKey('m.room.power_levels', ''))?.data.content;
  if (!pl) {
    // Without power levels the creator has 100, everyone else 0.
    const create = state.get(stateKey('m.room.create', ''));
    return create?.data.content.creator === userId ? 100 : 0;
  }
  const users = isObject(pl.users) ? pl.users : {};
  return toInt(users[userId]) ?? toInt(pl.users_default) ?? 0;
}

/** A named level (`ban`, `kick`, `redact`, `invite`, …) with the spec's defaults. */
export function namedLevel(state: StateMap, name: string, fallback: number): number {
  const pl = state.get(stateKey('m.room.power_levels', ''))?.data.content;
  if (!pl) return name === 'invite' ? 0 : fallback;
  return toInt(pl[name]) ?? fallback;
}

export function sendLevel(state: StateMap, type: string, isState: boolean): number {
  const pl = state.get(stateKey('m.room.power_levels', ''))?.data.content;
  if (!pl) return 0;
  const events = isObject(pl.events) ? pl.events : {};
  return toInt(events[type]) ?? (isState ? (toInt(pl.state_default) ?? 50) : (toInt(pl.events_default) ?? 0));
}

const PL_INT_KEYS = ['ban', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users_default'];
const PL_MAP_KEYS = ['events', 'users', 'notifications'];

/** Synapse's POWER_LEVELS_SCHEMA check (events/validator.py): integers only, 400 M_BAD_JSON. */
function validatePowerLevels(content: JsonObject): void {
  const fail = (path: string, value: unknown) => {
    throw badJson(`"${path}": ${JSON.stringify(value)} is not of type 'integer'`);
  };
  for (const key of PL_INT_KEYS) if (key in content && !Number.isInteger(content[key])) fail(key, content[key]);
  for (const key of PL_MAP_KEYS) {
    if (!(key in content)) continue;
    const map = content[key];
    if (!isObject(map)) throw badJson(`"${key}": ${JSON.stringify(map)} is not of type 'object'`);
    for (const [k, v] of Object.entries(map)) if (!Number.isInteger(v)) fail(k, v);
  }
}

/** The spec's power-levels auth rule (room versions 1–10): no level above one's own, no change to peers or higher. */
function checkPowerLevelChange(state: StateMap, sender: string, content: JsonObject): void {
  const old = state.get(stateKey('m.room.power_levels', ''))?.data.content;
  if (!old) return;
  const own = userLevel(state, sender);
  const check = (oldValue: number | undefined, newValue: number | undefined, isOtherUser: boolean) => {
    if (oldValue === newValue) return;
    if (isOtherUser && oldValue !== undefined && oldValue >= own) {
      throw forbidden('You don\'t have permission to remove ops level equal to your own');
    }
    if (oldValue !== undefined && oldValue > own) throw forbidden('You don\'t have permission to remove ops level greater than your own');
    if (newValue !== undefined && newValue > own) throw forbidden('You don\'t have permission to add ops level greater than your own');
  };
  for (const key of PL_INT_KEYS) check(toInt(old[key]), toInt(content[key]), false);
  for (const key of ['events', 'users']) {
    const before = isObject(old[key]) ? (old[key] as JsonObject) : {};
    const after = isObject(content[key]) ? (content[key] as JsonObject) : {};
    for (const k of new Set([...Object.keys(before), ...Object.keys(after)])) {
      check(toInt(before[k]), toInt(after[k]), key === 'users' && k !== sender);
    }
  }
}

// ---- history visibility (Synapse visibility.py) ---------------------------------------

const MEMBERSHIP_PRIORITY = ['join', 'invite', 'knock', 'leave', 'ban'];

function historyVisibility(state: StateMap): string {
  const v = state.get(stateKey('m.room.history_visibility', ''))?.data.content.history_visibility;
  return typeof v === 'string' && ['world_readable', 'shared', 'invited', 'joined'].includes(v) ? v : 'shared';
}

/**
 * Whether `userId` may see `event`: members at the time see it; otherwise the room's
 * history visibility at the event decides. `peeking`: the user is not in the room now.
 */
export function canSee(userId: string, event: StoredEvent, peeking: boolean): boolean {
  const visibility = historyVisibility(event.stateAfter);
  if (visibility === 'world_readable' || (visibility === 'shared' && !peeking)) return true;
  let membership: string | undefined;
  if (event.data.type === 'm.room.member' && event.data.state_key === userId) {
    // Their own membership event: the "most joined" of before and after.
    const now = typeof event.data.content.membership === 'string' ? event.data.content.membership : 'leave';
    const before = membershipIn(event.stateBefore, userId) ?? 'leave';
    if (now === 'leave' && (before === 'join' || before === 'invite')) return true;
    membership = MEMBERSHIP_PRIORITY.indexOf(before) < MEMBERSHIP_PRIORITY.indexOf(now) ? before : now;
  } else {
    membership = membershipIn(event.stateBefore, userId);
  }
  if (membership === 'join') return true;
  if (visibility === 'joined') return false;
  if (visibility === 'invited') return membership === 'invite';
  return !peeking;
}

// ---- the rooms of the server ----------------------------------------------------------

export interface NewEvent {
  type: string;
  content: JsonObject;
  stateKey?: string;
  redacts?: string;
}

export interface SendOptions {
  txnId?: string;
  /** Counted against the `messages` rate limit (and `joins` for a join); createRoom's initial events are not. */
  ratelimit?: boolean;
}

export class Rooms {
  readonly rooms = new Map<string, Room>();
  readonly aliases = new Map<string, { roomId: string; creator: string }>();
  readonly byEventId = new Map<string, StoredEvent>();
  /** Related events per parent event id, in stream order (redacted ones removed, as Synapse does). */
  readonly relations = new Map<string, StoredEvent[]>();
  private readonly txns = new Map<string, string>();

  constructor(private readonly core: Core) {}

  room(roomId: string): Room | undefined {
    return this.rooms.get(roomId);
  }

  /** Rooms where `userId` has a membership, with it. */
  membershipsOf(userId: string): { room: Room; membership: string; event: StoredEvent }[] {
    const out = [];
    for (const room of this.rooms.values()) {
      const event = room.get('m.room.member', userId);
      const membership = event?.data.content.membership;
      if (event && typeof membership === 'string') out.push({ room, membership, event });
    }
    return out;
  }

  newRoomId(): string {
    return `!${randomLetters(18)}:${this.core.config.serverName}`;
  }

  // ---- sending ----

  /**
   * Builds, checks and stores one event from `requester`, like Synapse's
   * `create_and_send_nonmember_event`: content validation, relation checks, auth rules
   * (size first), rate limit, then persistence. Returns the stored (or deduplicated) event.
   */
  send(requester: Requester, room: Room, ev: NewEvent, options: SendOptions = {}): StoredEvent {
    const sender = requester.user.userId;
    const txnKey = options.txnId !== undefined ? this.txnKey(requester, room, ev, options.txnId) : undefined;
    if (txnKey) {
      const previous = this.txns.get(txnKey);
      const stored = previous && this.byEventId.get(previous);
      if (stored) return stored;
    }
    const ratelimit = options.ratelimit !== false;
    // Synapse checks the limit before building the event and counts the event once accepted.
    if (ratelimit) this.core.limiter.check('messages', sender, false);
    validateCanonicalJson(ev.content);
    if (ev.type === 'm.room.power_levels' && ev.stateKey === '') validatePowerLevels(ev.content);
    this.checkRelation(room, sender, ev);

    const state = room.state;
    if (ev.stateKey !== undefined) {
      // Synapse drops a state event identical to the current one from the same sender.
      const current = room.get(ev.type, ev.stateKey);
      if (current && current.data.sender === sender && JSON.stringify(sortKeys(current.data.content)) === JSON.stringify(sortKeys(ev.content))) {
        return current;
      }
    }
    const data: RoomEventData = {
      event_id: newEventId(),
      type: ev.type,
      room_id: room.id,
      sender,
      origin_server_ts: Date.now(),
      content: ev.content,
      ...(ev.stateKey !== undefined ? { state_key: ev.stateKey } : {}),
      ...(ev.redacts !== undefined ? { redacts: ev.redacts } : {}),
    };
    checkEventSize(data, authEventCount(state, data), this.core.config.maxEventBytes);
    this.checkAuth(state, data);
    if (data.type === 'm.room.redaction') this.checkRedaction(room, state, data);
    if (ratelimit) this.core.limiter.check('messages', sender);
    const stored = this.persist(room, data, txnKey ? { deviceId: requester.deviceId, txnId: options.txnId as string } : undefined);
    if (txnKey) this.txns.set(txnKey, stored.data.event_id);
    if (data.type === 'm.room.guest_access' && data.content.guest_access !== 'can_join') this.kickGuests(room);
    return stored;
  }

  /**
   * Closing guest access makes joined and invited guests leave (Synapse's
   * `kick_guest_users`: the guest "chooses" to leave, so power levels do not matter).
   */
  private kickGuests(room: Room): void {
    for (const member of [...room.state.values()]) {
      const c = member.data.content;
      if (member.data.type !== 'm.room.member' || c.kind !== 'guest' || (c.membership !== 'join' && c.membership !== 'invite')) continue;
      const user = this.core.users.get(member.data.state_key as string);
      if (!user) continue;
      const guest = { user, deviceId: 'guest_device', token: '' };
      this.send(guest, room, { type: 'm.room.member', stateKey: user.userId, content: { membership: 'leave', kind: 'guest' } }, { ratelimit: false });
    }
  }

  /** Synapse keys transactions by path and device (MSC3970), guests by user. */
  private txnKey(requester: Requester, room: Room, ev: NewEvent, txnId: string): string {
    const who = requester.user.guest ? `guest\0${requester.user.userId}` : `${requester.user.userId}\0${requester.deviceId}`;
    const what = ev.type === 'm.room.redaction' ? `redact\0${ev.redacts}` : `send\0${ev.type}`;
    return `${who}\0${room.id}\0${what}\0${txnId}`;
  }

  /** Synapse's `_validate_event_relation` (handlers/message.py). */
  private checkRelation(room: Room, sender: string, ev: NewEvent): void {
    const relation = relationOf(ev.content);
    if (!relation) return;
    const parent = this.byEventId.get(relation.eventId);
    if (parent) {
      if (parent.room !== room) throw new MatrixError(400, 'M_UNKNOWN', 'Relations must be in the same room');
    } else if (!this.relations.has(relation.eventId)) {
      throw new MatrixError(400, 'M_UNKNOWN', "Can't send relation to unknown event");
    }
    if (relation.relType === 'm.annotation') {
      if (relation.key === undefined) throw new MatrixError(400, 'M_UNKNOWN', 'Missing aggregation key');
      if (relation.key.length > 500) throw new MatrixError(400, 'M_UNKNOWN', 'Aggregation key is too long');
      const twice = (this.relations.get(relation.eventId) ?? []).some((r) => {
        const other = relationOf(r.data.content);
        return r.data.sender === sender && r.data.type === ev.type && other?.relType === 'm.annotation' && other.key === relation.key;
      });
      // Synapse 1.67 answered M_UNKNOWN; current Synapse names it (MSC3990's errcode).
      if (twice) throw new MatrixError(400, 'M_DUPLICATE_ANNOTATION', "Can't send same reaction twice");
    } else if (relation.relType === 'm.thread' && parent && relationOf(parent.data.content)) {
      throw new MatrixError(400, 'M_UNKNOWN', 'Cannot start threads from an event with a relation');
    }
  }

  /** The auth rules of room versions 1–10 that a local event can break. */
  private checkAuth(state: StateMap, event: RoomEventData): void {
    const sender = event.sender;
    if (event.type === 'm.room.create') throw forbidden('Create event has prev events');
    if (event.type === 'm.room.member') return this.checkMembership(state, event);
    if (membershipIn(state, sender) !== 'join') throw forbidden(`User ${sender} not in room ${event.room_id} (${membershipIn(state, sender) ?? 'None'})`);
    const isState = event.state_key !== undefined;
    const needed = sendLevel(state, event.type, isState);
    const level = userLevel(state, sender);
    if (level < needed) throw forbidden(`You don't have permission to post that to the room. user_level (${level}) < send_level (${needed})`);
    if (isState && event.state_key?.startsWith('@') && event.state_key !== sender) throw forbidden('You are not allowed to set others state');
    if (event.type === 'm.room.power_levels' && isState && event.state_key === '') checkPowerLevelChange(state, sender, event.content);
  }

  /** Membership auth rules (join/invite/leave/ban) for room versions 1–10. */
  private checkMembership(state: StateMap, event: RoomEventData): void {
    const sender = event.sender;
    const target = event.state_key ?? '';
    const membership = event.content.membership;
    const senderMembership = membershipIn(state, sender);
    const targetMembership = membershipIn(state, target);
    const joinRule = state.get(stateKey('m.room.join_rules', ''))?.data.content.join_rule;
    const senderLevel = userLevel(state, sender);
    const targetLevel = userLevel(state, target);
    switch (membership) {
      case 'join':
        if (sender !== target) throw forbidden('Cannot force another user to join.');
        // The creator's first join.
        if (state.size === 1 && state.get(stateKey('m.room.create', ''))?.data.content.creator === sender) return;
        if (targetMembership === 'ban') throw forbidden(`User ${target} is banned from the room`);
        if (joinRule === 'public') return;
        if (targetMembership === 'join' || targetMembership === 'invite') return;
        throw forbidden('You are not invited to this room.');
      case 'invite':
        if (senderMembership !== 'join') throw forbidden(`${sender} not in room ${event.room_id}.`);
        if (targetMembership === 'ban') throw forbidden(`${target} is banned from the room`);
        if (targetMembership === 'join') throw forbidden(`${target} is already in the room.`);
        if (senderLevel < namedLevel(state, 'invite', 0)) throw forbidden('You don\'t have permission to invite users');
        return;
      case 'leave':
        if (sender === target) {
          if (senderMembership === 'join' || senderMembership === 'invite' || senderMembership === 'knock') return;
          throw forbidden(`User ${sender} not in room ${event.room_id} (${senderMembership ?? 'None'})`);
        }
        if (senderMembership !== 'join') throw forbidden(`${sender} not in room ${event.room_id}.`);
        if (targetMembership === 'ban' && senderLevel < namedLevel(state, 'ban', 50)) throw forbidden('You cannot unban user ' + target);
        if (senderLevel < namedLevel(state, 'kick', 50) || targetLevel >= senderLevel) throw forbidden('You cannot kick user ' + target);
        return;
      case 'ban':
        if (senderMembership !== 'join') throw forbidden(`${sender} not in room ${event.room_id}.`);
        if (senderLevel < namedLevel(state, 'ban', 50) || targetLevel >= senderLevel) throw forbidden('You don\'t have permission to ban');
        return;
      default:
        throw forbidden(`Unknown membership ${JSON.stringify(membership)}`);
    }
  }

  /** Synapse's redaction checks (handlers/message.py `persist_and_notify_client_events`). */
  private checkRedaction(room: Room, state: StateMap, event: RoomEventData): void {
    const original = this.byEventId.get(event.redacts ?? '');
    if (original) {
      if (original.data.type === 'm.room.create') throw forbidden('Redacting create events is not permitted');
      if (original.room !== room) throw new MatrixError(400, 'M_UNKNOWN', 'Cannot redact event from a different room');
      if (original.data.type === 'm.room.server_acl') throw forbidden('Redacting server ACL events is not permitted');
    }
    if (userLevel(state, event.sender) >= namedLevel(state, 'redact', 50)) return;
    if (!original) throw notFound(`Could not find event ${event.redacts}`);
    if (original.data.sender !== event.sender) throw forbidden("You don't have permission to redact events");
  }

  /** Stores an accepted event: room order, state, relations, redaction; wakes /sync. */
  persist(room: Room, data: RoomEventData, txn?: StoredEvent['txn']): StoredEvent {
    const stateBefore = room.state;
    let stateAfter = stateBefore;
    let replaces: StoredEvent | undefined;
    const stored: StoredEvent = { data, pos: this.core.nextPos(), room, stateBefore, stateAfter, ...(txn ? { txn } : {}) };
    if (data.state_key !== undefined) {
      const key = stateKey(data.type, data.state_key);
      replaces = stateBefore.get(key);
      const next = new Map(stateBefore);
      next.set(key, stored);
      stateAfter = next;
      stored.stateAfter = stateAfter;
      if (replaces) stored.replaces = replaces;
      room.state = stateAfter;
    }
    room.events.push(stored);
    this.byEventId.set(data.event_id, stored);
    const relation = relationOf(data.content);
    if (relation) {
      const list = this.relations.get(relation.eventId) ?? [];
      list.push(stored);
      this.relations.set(relation.eventId, list);
    }
    if (data.type === 'm.room.redaction' && data.redacts) this.applyRedaction(data.redacts, stored);
    this.core.notify();
    return stored;
  }

  private applyRedaction(targetId: string, redaction: StoredEvent): void {
    const target = this.byEventId.get(targetId);
    if (!target || target.room !== redaction.room || target.redactedBy) return;
    target.redactedBy = redaction;
    // Synapse deletes the redacted event's relation row: it leaves /relations and frees the annotation key.
    const relation = relationOf(target.data.content);
    if (relation) {
      const list = this.relations.get(relation.eventId)?.filter((e) => e !== target);
      if (list) this.relations.set(relation.eventId, list);
    }
  }

  // ---- membership ----

  /**
   * A membership change through the membership endpoints. Re-joining while joined with the
   * same content is a no-op (Synapse returns the existing event); with other content (a new
   * display name through PUT /state/m.room.member) it is a new event, as Synapse's
   * update_membership makes it. Guests may only join and leave, and join only where
   * `m.room.guest_access` is `can_join`.
   */
  setMembership(requester: Requester, room: Room, target: string, membership: string, extra: JsonObject = {}, options: SendOptions = {}): StoredEvent {
    const user = requester.user;
    if (user.guest && membership !== 'join' && membership !== 'leave') throw forbidden('Guest access not allowed');
    const current = room.get('m.room.member', target);
    const content: JsonObject = { ...extra, membership };
    if (user.guest) content.kind = 'guest';
    if ((membership === 'join' || membership === 'invite') && !('displayname' in content)) {
      const profile = this.core.users.get(target);
      if (profile?.displayname !== undefined) content.displayname = profile.displayname;
      if (profile?.avatarUrl !== undefined) content.avatar_url = profile.avatarUrl;
    }
    if (membership === 'join' && target === user.userId) {
      if (current?.data.content.membership === 'join') {
        if (isDeepStrictEqual(current.data.content, content)) return current;
      } else {
        if (user.guest && room.get('m.room.guest_access')?.data.content.guest_access !== 'can_join') throw forbidden('Guest access not allowed');
        if (options.ratelimit !== false) this.core.limiter.check('joins', user.userId);
      }
    }
    return this.send(requester, room, { type: 'm.room.member', stateKey: target, content }, options);
  }

  /** Room or alias → room, or Synapse's 404s. */
  resolve(roomIdOrAlias: string): Room {
    if (roomIdOrAlias.startsWith('#')) {
      const alias = this.aliases.get(roomIdOrAlias);
      const room = alias && this.rooms.get(alias.roomId);
      if (!room) throw notFound(`Room alias ${roomIdOrAlias} not found`);
      return room;
    }
    if (!roomIdOrAlias.startsWith('!')) throw new MatrixError(400, 'M_UNKNOWN', `${roomIdOrAlias} was not legal room ID or room alias`);
    const room = this.rooms.get(roomIdOrAlias);
    if (!room) throw new MatrixError(404, 'M_UNKNOWN', 'No known servers');
    return room;
  }

  // ---- reading ----

  /**
   * Synapse's `check_user_in_room_or_world_readable(allow_departed_users=True)`: members,
   * people who left (reading up to their leave), or anyone when the room is world-readable.
   * `memberEvent` is undefined for a non-member reading a world-readable room.
   */
  checkCanRead(userId: string, roomId: string): { room: Room; membership: string; memberEvent?: StoredEvent } {
    const room = this.rooms.get(roomId);
    if (room) {
      const member = room.get('m.room.member', userId);
      const membership = member?.data.content.membership;
      const guest = this.core.users.get(userId)?.guest;
      if (member && (membership === 'join' || (membership === 'leave' && !guest))) return { room, membership, memberEvent: member };
      if (historyVisibility(room.state) === 'world_readable') return { room, membership: 'join' };
    }
    throw forbidden(`User ${userId} not in room ${roomId}, and room previews are disabled`);
  }
}

/** The auth events a PDU lists (create, power levels, sender's member; for memberships also target and join rules). */
function authEventCount(state: StateMap, event: RoomEventData): number {
  const keys = new Set([stateKey('m.room.create', ''), stateKey('m.room.power_levels', ''), stateKey('m.room.member', event.sender)]);
  if (event.type === 'm.room.member') {
    keys.add(stateKey('m.room.member', event.state_key ?? ''));
    keys.add(stateKey('m.room.join_rules', ''));
  }
  let n = 0;
  for (const k of keys) if (state.has(k)) n++;
  return n;
}

function sortKeys(value: Json): Json {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (isObject(value)) return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys(value[k] as Json)]));
  return value;
}

