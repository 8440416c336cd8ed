import { canSend, normalisePowerLevels, presetPowerLevels, userLevel } from './power-levels.js';
import { redactEvent } from './redaction.js';
import { RoomError } from './room.js';
import type { PowerLevels, RelationsPage, RelationsQuery, Room, RoomEvent, RoomListener } from './room.js';

/**
 * An in-memory homeserver room: the event DAG as one ordered list, current state,
 * a relations index and the auth rules devroom relies on (power levels, `@` state keys,
 * redactions). Used by the tests, the demo host and `devroom/testing`.
 *
 * `room.as(userId)` is that user's `Room`; `room` itself is the server side (seeding,
 * membership, fault injection, a firehose subscription for the host).
 */

/** m.room.power_levels content as a room creator writes it (every key optional). */
export interface PowerLevelsContent {
  users?: Record<string, number>;
  users_default?: number;
  events?: Record<string, number>;
  events_default?: number;
  state_default?: number;
  redact?: number;
  ban?: number;
  kick?: number;
  invite?: number;
}

export interface MemoryRoomOptions {
  /** Default `!devroom:localhost`. */
  roomId?: string;
  /** Gets power 100 and sends the creation events. */
  creator: string;
  creatorDisplayName?: string;
  /** Merged over Synapse's defaults for a new room (`users`/`events` are merged per key). */
  powerLevels?: PowerLevelsContent;
  /** Mimic servers that cap /relations pages (Synapse defaults to 5 without `limit`; some cap every page at 5). */
  relationsPageLimit?: number;
  /** Clock for `origin_server_ts` (default `Date.now`). */
  now?: () => number;
}

export type RoomOperation = 'send' | 'state' | 'redact' | 'readState' | 'relations';

/** Which operation an injected fault applies to; omitted fields match anything. */
export interface FaultFilter {
  op?: RoomOperation | RoomOperation[];
  type?: string;
  userId?: string;
}

export interface MemberProfile {
  displayName?: string;
  avatarUrl?: string;
}

/** Synapse's default power levels for a new private/public chat, creator at 100. */
function defaultPowerLevels(creator: string): Required<PowerLevelsContent> {
  return presetPowerLevels(creator);
}

/** Relations default page size without `limit` (Synapse: 5) and the hard maximum. */
const DEFAULT_RELATIONS_LIMIT = 5;
const MAX_RELATIONS_LIMIT = 1000;

const clone = <T>(value: T): T => structuredClone(value);
const forbidden = (message: string) => new RoomError(message, 'M_FORBIDDEN');
/** Synapse refuses events over 64 KiB (413 M_TOO_LARGE). */
const MAX_EVENT_BYTES = 65536;

export class MemoryRoom {
  readonly roomId: string;
  readonly creator: string;
  /** Every operation through `as()` waits this long first (simulated network). */
  latencyMs = 0;
  relationsPageLimit: number | undefined;

  private readonly events: RoomEvent[] = [];
  private readonly positions = new Map<string, number>();
  /** type → state key → event id */
  private readonly currentState = new Map<string, Map<string, string>>();
  /** parent event id → ids of events relating to it, in stream order */
  private readonly relations = new Map<string, string[]>();
  private readonly listeners = new Set<RoomListener>();
  private readonly faults: { filter: FaultFilter; error: RoomError }[] = [];
  private paused?: { promise: Promise<void>; resume: () => void };
  private readonly now: () => number;
  private lastTs = 0;
  private seq = 0;
  private readonly idPrefix: string;

  constructor(options: MemoryRoomOptions) {
    this.roomId = options.roomId ?? '!devroom:localhost';
    this.creator = options.creator;
    this.now = options.now ?? Date.now;
    this.relationsPageLimit = options.relationsPageLimit;
    this.idPrefix = this.roomId.replace(/^!/, '').replace(/[^A-Za-z0-9]/g, '').slice(0, 12) || 'room';
    const pl = defaultPowerLevels(this.creator);
    const given = options.powerLevels ?? {};
    const content = {
      ...pl,
      ...given,
      users: { ...pl.users, ...given.users },
      events: { ...pl.events, ...given.events },
    };
    this.append({ type: 'm.room.create', sender: this.creator, state_key: '', content: { creator: this.creator, room_version: '10' } });
    this.append({
      type: 'm.room.member',
      sender: this.creator,
      state_key: this.creator,
      content: memberContent('join', { displayName: options.creatorDisplayName }),
    });
    this.append({ type: 'm.room.power_levels', sender: this.creator, state_key: '', content: { ...content } });
    this.append({ type: 'm.room.join_rules', sender: this.creator, state_key: '', content: { join_rule: 'public' } });
    this.append({ type: 'm.room.history_visibility', sender: this.creator, state_key: '', content: { history_visibility: 'shared' } });
  }

  /** The `Room` this user sees (their sends are checked against the auth rules). */
  as(userId: string): Room {
    return new MemoryRoomView(this, userId);
  }

  // ---- server side: inspection -------------------------------------------------------

  /** Every event in stream order (redacted events in their redacted form). */
  get timeline(): readonly RoomEvent[] {
    return this.events.map(clone);
  }

  getEvent(eventId: string): RoomEvent | undefined {
    const pos = this.positions.get(eventId);
    return pos === undefined ? undefined : clone(this.events[pos]!);
  }

  /** Current state events of `type` (all keys, or one). */
  getState(type: string, stateKey?: string): RoomEvent[] {
    const keys = this.currentState.get(type);
    if (!keys) return [];
    const ids = stateKey === undefined ? [...keys.values()] : keys.has(stateKey) ? [keys.get(stateKey)!] : [];
    return ids.map((id) => clone(this.events[this.positions.get(id)!]!));
  }

  powerLevels(): PowerLevels {
    return normalisePowerLevels(this.getState('m.room.power_levels', '')[0]?.content);
  }

  userLevel(userId: string): number {
    return userLevel(this.powerLevels(), userId);
  }

  membership(userId: string): string | undefined {
    const m = this.getState('m.room.member', userId)[0]?.content.membership;
    return typeof m === 'string' ? m : undefined;
  }

  /** The member's display name, or the user id (what Element templates as $matrix_display_name). */
  displayName(userId: string): string {
    const name = this.getState('m.room.member', userId)[0]?.content.displayname;
    return typeof name === 'string' && name ? name : userId;
  }

  avatarUrl(userId: string): string | undefined {
    const url = this.getState('m.room.member', userId)[0]?.content.avatar_url;
    return typeof url === 'string' ? url : undefined;
  }

  /** Joined user ids. */
  members(): string[] {
    return this.getState('m.room.member')
      .filter((e) => e.content.membership === 'join')
      .map((e) => e.state_key!);
  }

  // ---- server side: setup (no auth checks, no faults, synchronous) ---------------------

  /** Joins `userId` (a public room: anyone may join) with an optional profile. */
  join(userId: string, profile: MemberProfile = {}): RoomEvent {
    return this.append({ type: 'm.room.member', sender: userId, state_key: userId, content: memberContent('join', profile) });
  }

  /** Sets state like `initial_state` at room creation: no auth checks. Default sender: the creator. */
  setState(type: string, stateKey: string, content: Record<string, unknown>, sender = this.creator): RoomEvent {
    return this.append({ type, sender, state_key: stateKey, content });
  }

  /** Appends a room event without auth checks (fixtures). */
  inject(type: string, content: Record<string, unknown>, sender = this.creator): RoomEvent {
    return this.append({ type, sender, content });
  }

  /** Every live event of the room, in order (what a client's sync delivers). Returns unsubscribe. */
  subscribe(listener: RoomListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // ---- server side: fault injection ----------------------------------------------------

  /** The next operation matching `filter` fails with `error` (an errcode or a RoomError). */
  failNext(error: RoomError | string = 'M_UNKNOWN', filter: FaultFilter = {}): void {
    const err = typeof error === 'string' ? new RoomError(`Injected failure (${error})`, error) : error;
    this.faults.push({ filter, error: err });
  }

  /** Holds every operation until the returned `resume` is called (a stalled homeserver). */
  pause(): () => void {
    if (!this.paused) {
      let resume!: () => void;
      const promise = new Promise<void>((r) => (resume = r));
      this.paused = {
        promise,
        resume: () => {
          this.paused = undefined;
          resume();
        },
      };
    }
    return this.paused.resume;
  }

  // ---- operations (called by MemoryRoomView) ------------------------------------------

  /** @internal Latency, pause and injected faults, in that order, before an operation runs. */
  async gate(op: RoomOperation, userId: string, type: string | undefined): Promise<void> {
    if (this.latencyMs > 0) await new Promise((r) => setTimeout(r, this.latencyMs));
    else await Promise.resolve();
    while (this.paused) await this.paused.promise;
    const index = this.faults.findIndex(({ filter }) => {
      const ops = filter.op === undefined ? undefined : Array.isArray(filter.op) ? filter.op : [filter.op];
      return (
        (!ops || ops.includes(op)) &&
        (filter.type === undefined || filter.type === type) &&
        (filter.userId === undefined || filter.userId === userId)
      );
    });
    if (index >= 0) throw this.faults.splice(index, 1)[0]!.error;
  }

  /** @internal */
  send(userId: string, type: string, content: Record<string, unknown>, stateKey?: string): RoomEvent {
    if (type === 'm.room.redaction' && stateKey === undefined) {
      const target = content.redacts;
      if (typeof target !== 'string') throw new RoomError('m.room.redaction needs content.redacts', 'M_BAD_JSON');
      return this.redact(userId, target, typeof content.reason === 'string' ? content.reason : undefined);
    }
    this.authorise(userId, type, content, stateKey);
    const event = { type, sender: userId, content, ...(stateKey !== undefined ? { state_key: stateKey } : {}) };
    // Synapse measures the whole event it would store; content is nearly all of it.
    if (new TextEncoder().encode(JSON.stringify({ ...event, room_id: this.roomId })).length > MAX_EVENT_BYTES) {
      throw new RoomError('event too large', 'M_TOO_LARGE');
    }
    if (type === 'm.reaction' && this.duplicateAnnotation(userId, content)) {
      throw new RoomError("Can't send same reaction twice", 'M_DUPLICATE_ANNOTATION');
    }
    return this.append(event);
  }

  /** Synapse refuses a second unredacted annotation with the same key by one sender on one event (400). */
  private duplicateAnnotation(userId: string, content: Record<string, unknown>): boolean {
    const rel = content['m.relates_to'] as { rel_type?: unknown; event_id?: unknown; key?: unknown } | undefined;
    if (rel?.rel_type !== 'm.annotation' || typeof rel.event_id !== 'string') return false;
    return (this.relations.get(rel.event_id) ?? []).some((id) => {
      const other = this.events[this.positions.get(id)!]!;
      const r = other.content['m.relates_to'] as { rel_type?: unknown; key?: unknown } | undefined;
      return other.sender === userId && other.type === 'm.reaction' && r?.rel_type === 'm.annotation' && r.key === rel.key;
    });
  }

  /** @internal */
  redact(userId: string, eventId: string, reason?: string): RoomEvent {
    this.requireJoined(userId);
    const pos = this.positions.get(eventId);
    if (pos === undefined) throw new RoomError(`Event ${eventId} not found`, 'M_NOT_FOUND');
    const target = this.events[pos]!;
    const levels = this.powerLevels();
    if (!canSend(levels, userId, 'm.room.redaction', false)) throw forbidden('You cannot send redactions in this room');
    if (target.sender !== userId && userLevel(levels, userId) < levels.redact) {
      throw forbidden(`Redacting another user's event needs power level ${levels.redact}`);
    }
    const redaction = this.append(
      { type: 'm.room.redaction', sender: userId, content: { redacts: eventId, ...(reason ? { reason } : {}) }, redacts: eventId },
      { notify: false },
    );
    this.events[pos] = redactEvent(target, redaction);
    // Redaction strips m.relates_to, so the event leaves its parent's relations.
    this.unindexRelation(target);
    this.notify(redaction);
    return redaction;
  }

  /** @internal */
  readRelations(eventId: string, query: RelationsQuery = {}): RelationsPage {
    if (!this.positions.has(eventId)) throw new RoomError(`Event ${eventId} not found`, 'M_NOT_FOUND');
    const direction = query.direction ?? 'b';
    let from: number | undefined;
    if (query.from !== undefined) {
      const match = /^rel_(\d+)$/.exec(query.from);
      if (!match) throw new RoomError(`Invalid pagination token ${query.from}`, 'M_INVALID_PARAM');
      from = Number(match[1]);
    }
    const positions = (this.relations.get(eventId) ?? [])
      .map((id) => this.positions.get(id)!)
      .filter((pos) => {
        const ev = this.events[pos]!;
        const rel = relationOf(ev);
        return (
          rel !== undefined &&
          (query.relType === undefined || rel.relType === query.relType) &&
          (query.eventType === undefined || ev.type === query.eventType) &&
          (from === undefined || (direction === 'b' ? pos < from : pos > from))
        );
      });
    if (direction === 'b') positions.reverse();
    let limit = Math.max(1, Math.floor(query.limit ?? DEFAULT_RELATIONS_LIMIT));
    limit = Math.min(limit, this.relationsPageLimit ?? MAX_RELATIONS_LIMIT, MAX_RELATIONS_LIMIT);
    const page = positions.slice(0, limit);
    const last = page[page.length - 1];
    return {
      events: page.map((pos) => clone(this.events[pos]!)),
      ...(positions.length > limit && last !== undefined ? { nextBatch: `rel_${last}` } : {}),
    };
  }

  // ---- internals ----------------------------------------------------------------------

  private requireJoined(userId: string): void {
    if (this.membership(userId) !== 'join') throw forbidden(`${userId} is not in the room`);
  }

  /** The auth rules devroom relies on (client-server spec, room versions 10/11). */
  private authorise(userId: string, type: string, content: Record<string, unknown>, stateKey?: string): void {
    const isState = stateKey !== undefined;
    if (type === 'm.room.member' && isState) {
      // Joining or leaving yourself (public room); changing others needs kick power.
      if (stateKey === userId) {
        if (content.membership === 'join' || content.membership === 'leave') return;
        throw forbidden(`Cannot set own membership to ${String(content.membership)}`);
      }
      this.requireJoined(userId);
      const levels = this.powerLevels();
      if (userLevel(levels, userId) < levels.kick) throw forbidden('Changing another member needs kick power');
      return;
    }
    this.requireJoined(userId);
    const levels = this.powerLevels();
    if (isState && stateKey.startsWith('@') && stateKey !== userId) {
      throw forbidden(`State key ${stateKey} belongs to another user`);
    }
    if (!canSend(levels, userId, type, isState)) {
      const needed = levels.events[type] ?? (isState ? levels.state_default : levels.events_default);
      throw forbidden(`Sending ${type} needs power level ${needed}; ${userId} has ${userLevel(levels, userId)}`);
    }
    if (type === 'm.room.power_levels' && isState) this.authorisePowerLevels(userId, levels, content);
  }

  /** Spec rules for changing power levels: never above your own level, never touch your peers or superiors. */
  private authorisePowerLevels(userId: string, old: PowerLevels, content: Record<string, unknown>): void {
    const next = normalisePowerLevels(content);
    const own = userLevel(old, userId);
    const keys = ['users_default', 'events_default', 'state_default', 'ban', 'redact', 'kick', 'invite'] as const;
    for (const key of keys) {
      if (old[key] !== next[key] && (old[key] > own || next[key] > own)) throw forbidden(`Cannot change ${key} beyond your level`);
    }
    for (const type of new Set([...Object.keys(old.events), ...Object.keys(next.events)])) {
      const a = old.events[type];
      const b = next.events[type];
      if (a !== b && ((a ?? -Infinity) > own || (b ?? -Infinity) > own)) throw forbidden(`Cannot change the level of ${type}`);
    }
    for (const user of new Set([...Object.keys(old.users), ...Object.keys(next.users)])) {
      const a = old.users[user];
      const b = next.users[user];
      if (a === b) continue;
      if (user !== userId && a !== undefined && a >= own) throw forbidden(`Cannot change the level of ${user}`);
      if (b !== undefined && b > own) throw forbidden(`Cannot raise ${user} above your own level`);
    }
  }

  private append(
    partial: { type: string; sender: string; content: Record<string, unknown>; state_key?: string; redacts?: string },
    { notify = true } = {},
  ): RoomEvent {
    this.lastTs = Math.max(this.lastTs, this.now());
    const event: RoomEvent = {
      event_id: `$${this.idPrefix}-${++this.seq}`,
      room_id: this.roomId,
      type: partial.type,
      sender: partial.sender,
      origin_server_ts: this.lastTs,
      content: clone(partial.content),
      ...(partial.state_key !== undefined ? { state_key: partial.state_key } : {}),
      ...(partial.redacts !== undefined ? { redacts: partial.redacts } : {}),
    };
    this.positions.set(event.event_id, this.events.length);
    this.events.push(event);
    if (event.state_key !== undefined) {
      let keys = this.currentState.get(event.type);
      if (!keys) this.currentState.set(event.type, (keys = new Map()));
      keys.set(event.state_key, event.event_id);
    }
    const rel = relationOf(event);
    if (rel) {
      const list = this.relations.get(rel.eventId);
      if (list) list.push(event.event_id);
      else this.relations.set(rel.eventId, [event.event_id]);
    }
    if (notify) this.notify(event);
    return clone(event);
  }

  private unindexRelation(event: RoomEvent): void {
    const rel = relationOf(event);
    const list = rel && this.relations.get(rel.eventId);
    if (list) list.splice(list.indexOf(event.event_id) >>> 0, 1);
  }

  private notify(event: RoomEvent): void {
    for (const listener of [...this.listeners]) {
      try {
        listener(clone(event));
      } catch (error) {
        // One broken subscriber must not stop delivery to the others.
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }
}

function memberContent(membership: string, profile: MemberProfile = {}): Record<string, unknown> {
  return {
    membership,
    ...(profile.displayName ? { displayname: profile.displayName } : {}),
    ...(profile.avatarUrl ? { avatar_url: profile.avatarUrl } : {}),
  };
}

function relationOf(event: RoomEvent): { relType: string; eventId: string } | undefined {
  const rel = event.content['m.relates_to'];
  if (!rel || typeof rel !== 'object') return undefined;
  const { rel_type: relType, event_id: eventId } = rel as Record<string, unknown>;
  return typeof relType === 'string' && typeof eventId === 'string' ? { relType, eventId } : undefined;
}

/** One user's view of a MemoryRoom. */
class MemoryRoomView implements Room {
  readonly roomId: string;

  constructor(
    private readonly room: MemoryRoom,
    readonly userId: string,
  ) {
    this.roomId = room.roomId;
  }

  async readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    await this.room.gate('readState', this.userId, type);
    return this.room.getState(type, stateKey);
  }

  async readRelations(eventId: string, query?: RelationsQuery): Promise<RelationsPage> {
    await this.room.gate('relations', this.userId, query?.eventType);
    return this.room.readRelations(eventId, query);
  }

  async sendEvent(type: string, content: Record<string, unknown>): Promise<string> {
    await this.room.gate(type === 'm.room.redaction' ? 'redact' : 'send', this.userId, type);
    return this.room.send(this.userId, type, content).event_id;
  }

  async sendState(type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    await this.room.gate('state', this.userId, type);
    return this.room.send(this.userId, type, content, stateKey).event_id;
  }

  async redact(eventId: string, reason?: string): Promise<string> {
    await this.room.gate('redact', this.userId, 'm.room.redaction');
    return this.room.redact(this.userId, eventId, reason).event_id;
  }

  subscribe(listener: RoomListener): () => void {
    return this.room.subscribe(listener);
  }
}
