/**
 * A local homeserver implementing the client-server endpoints `devroom apply` uses, as the
 * spec (v1.x) describes them: whoami, room alias lookup, createRoom (presets, shallow
 * power_level_content_override, initial_state, M_ROOM_IN_USE), room state read (all of it,
 * or one event's content), state PUT with the power-level auth rule and the `@`-state-key
 * rule, and sending a room event (PUT …/send/{type}/{txnId}, a repeated transaction id
 * answering with the first event's id). Faults (429 with retry_after_ms, 5xx, dropped
 * connections) are injected per request by tests.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { presetPowerLevels } from '../../widgets/room/power-levels.js';

export interface StateEvent {
  type: string;
  state_key: string;
  content: Record<string, unknown>;
  sender: string;
  event_id: string;
  room_id: string;
  origin_server_ts: number;
}

/** A room (message-like) event sent with PUT …/send. */
export type TimelineEvent = Omit<StateEvent, 'state_key'>;

export interface Fault {
  status?: number;
  body?: Record<string, unknown>;
  headers?: Record<string, string>;
  /** Drop the connection without an answer. */
  drop?: boolean;
}

export interface Req {
  method: string;
  path: string;
  body: unknown;
  user?: string;
}

const V3 = '/_matrix/client/v3';

export class MockHomeserver {
  readonly serverName = 'example.org';
  readonly tokens = new Map<string, string>([['secret-token', '@bot:example.org']]);
  readonly aliases = new Map<string, string>();
  readonly rooms = new Map<string, { members: Set<string>; state: Map<string, StateEvent> }>();
  readonly log: Req[] = [];
  /** Room events sent (not state), every room, in order. */
  readonly timeline: TimelineEvent[] = [];
  /** user, room and transaction id → event id: a retried send is the same event. */
  private readonly transactions = new Map<string, string>();
  /**
   * Called before each request is handled; return a fault to answer with it instead. A
   * promise holds the request until it settles (a test can act while a request is in flight).
   */
  fault: ((req: Req, n: number) => Fault | undefined | Promise<Fault | undefined>) | undefined;
  private seq = 0;
  private server = createServer((req, res) => void this.handle(req, res));
  url = '';

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    const addr = this.server.address();
    if (!addr || typeof addr === 'string') throw new Error('no address');
    this.url = `http://127.0.0.1:${addr.port}`;
    return this;
  }

  async stop(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Writes (PUT/POST) logged so far. */
  writes(): Req[] {
    return this.log.filter((r) => r.method !== 'GET');
  }

  state(roomId: string, type: string, key = ''): Record<string, unknown> | undefined {
    return this.rooms.get(roomId)?.state.get(`${type}\u0000${key}`)?.content;
  }

  /** A room event sent with PUT …/send, by id. */
  event(eventId: string): TimelineEvent | undefined {
    return this.timeline.find((e) => e.event_id === eventId);
  }

  /** A room the bot is not in (for M_FORBIDDEN), reachable by alias. */
  addForeignRoom(alias: string): string {
    const roomId = `!foreign${++this.seq}:${this.serverName}`;
    this.rooms.set(roomId, { members: new Set(['@someone:example.org']), state: new Map() });
    this.aliases.set(alias, roomId);
    return roomId;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Uint8Array[] = [];
    req.on('data', (c) => chunks.push(c));
    await new Promise<void>((r) => req.on('end', () => r()));
    const raw = new TextDecoder().decode(concat(chunks));
    const url = new URL(req.url ?? '/', 'http://x');
    const auth = req.headers.authorization;
    const token = typeof auth === 'string' && auth.startsWith('Bearer ') ? auth.slice(7) : undefined;
    const r: Req = { method: req.method ?? 'GET', path: url.pathname, body: raw ? safeJson(raw) : undefined, user: token ? this.tokens.get(token) : undefined };
    this.log.push(r);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
      res.end(JSON.stringify(body));
    };
    const fault = await this.fault?.(r, this.log.length);
    if (fault) {
      if (fault.drop) return res.destroy();
      return send(fault.status ?? 500, fault.body ?? { errcode: 'M_UNKNOWN', error: 'injected' }, fault.headers);
    }
    if (!token) return send(401, { errcode: 'M_MISSING_TOKEN', error: 'Missing access token' });
    if (!r.user) return send(401, { errcode: 'M_UNKNOWN_TOKEN', error: 'Unknown access token' });
    const user = r.user;
    const path = url.pathname;

    if (r.method === 'GET' && path === `${V3}/account/whoami`) return send(200, { user_id: user });

    let m = /^\/_matrix\/client\/v3\/directory\/room\/([^/]+)$/.exec(path);
    if (m && r.method === 'GET') {
      const alias = decodeURIComponent(m[1]!);
      const roomId = this.aliases.get(alias);
      return roomId ? send(200, { room_id: roomId, servers: [this.serverName] }) : send(404, { errcode: 'M_NOT_FOUND', error: `Room alias ${alias} not found` });
    }

    if (r.method === 'POST' && path === `${V3}/createRoom`) {
      const body = (r.body ?? {}) as Record<string, unknown>;
      let alias: string | undefined;
      if (body.room_alias_name !== undefined) {
        if (typeof body.room_alias_name !== 'string' || /[:\s#]/.test(body.room_alias_name)) return send(400, { errcode: 'M_INVALID_PARAM', error: 'Invalid room_alias_name' });
        alias = `#${body.room_alias_name}:${this.serverName}`;
        if (this.aliases.has(alias)) return send(400, { errcode: 'M_ROOM_IN_USE', error: 'Room alias already taken' });
      }
      const roomId = `!room${++this.seq}:${this.serverName}`;
      const room = { members: new Set([user]), state: new Map<string, StateEvent>() };
      this.rooms.set(roomId, room);
      const put = (type: string, key: string, content: Record<string, unknown>) =>
        room.state.set(`${type}\u0000${key}`, { type, state_key: key, content, sender: user, event_id: `$e${++this.seq}`, room_id: roomId, origin_server_ts: Date.now() });
      put('m.room.create', '', { creator: user, room_version: '10' });
      put('m.room.member', user, { membership: 'join' });
      // Preset public_chat, then power_level_content_override applied shallowly (as Synapse does).
      const pl: Record<string, unknown> = {
        ...presetPowerLevels(user),
        ...((body.power_level_content_override as Record<string, unknown>) ?? {}),
      };
      put('m.room.power_levels', '', pl);
      put('m.room.join_rules', '', { join_rule: 'public' });
      put('m.room.history_visibility', '', { history_visibility: 'shared' });
      for (const ev of (body.initial_state as { type: string; state_key?: string; content: Record<string, unknown> }[]) ?? []) put(ev.type, ev.state_key ?? '', ev.content);
      if (typeof body.name === 'string') put('m.room.name', '', { name: body.name });
      if (typeof body.topic === 'string') put('m.room.topic', '', { topic: body.topic });
      if (alias) {
        this.aliases.set(alias, roomId);
        put('m.room.canonical_alias', '', { alias });
      }
      return send(200, { room_id: roomId });
    }

    m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/state$/.exec(path);
    if (m && r.method === 'GET') {
      const room = this.rooms.get(decodeURIComponent(m[1]!));
      if (!room || !room.members.has(user)) return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room' });
      return send(200, [...room.state.values()]);
    }

    m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/state\/([^/]+)(?:\/([^/]*))?$/.exec(path);
    if (m && r.method === 'GET') {
      const room = this.rooms.get(decodeURIComponent(m[1]!));
      if (!room || !room.members.has(user)) return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room' });
      const event = room.state.get(`${decodeURIComponent(m[2]!)}\u0000${decodeURIComponent(m[3] ?? '')}`);
      return event ? send(200, event.content) : send(404, { errcode: 'M_NOT_FOUND', error: 'Event not found' });
    }

    m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/send\/([^/]+)\/([^/]+)$/.exec(path);
    if (m && r.method === 'PUT') {
      const roomId = decodeURIComponent(m[1]!);
      const type = decodeURIComponent(m[2]!);
      const room = this.rooms.get(roomId);
      if (!room || !room.members.has(user)) return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room' });
      const txn = `${user}\u0000${roomId}\u0000${decodeURIComponent(m[3]!)}`;
      const earlier = this.transactions.get(txn);
      if (earlier) return send(200, { event_id: earlier });
      const pl = room.state.get('m.room.power_levels\u0000')?.content ?? {};
      const level = ((pl.users ?? {}) as Record<string, number>)[user] ?? (pl.users_default as number) ?? 0;
      const needed = ((pl.events ?? {}) as Record<string, number>)[type] ?? (pl.events_default as number) ?? 0;
      if (level < needed) return send(403, { errcode: 'M_FORBIDDEN', error: `You don't have permission to post that to the room. user_level (${level}) < send_level (${needed})` });
      const event_id = `$e${++this.seq}`;
      this.transactions.set(txn, event_id);
      this.timeline.push({ type, content: (r.body ?? {}) as Record<string, unknown>, sender: user, event_id, room_id: roomId, origin_server_ts: Date.now() });
      return send(200, { event_id });
    }

    m = /^\/_matrix\/client\/v3\/rooms\/([^/]+)\/state\/([^/]+)(?:\/([^/]*))?$/.exec(path);
    if (m && r.method === 'PUT') {
      const roomId = decodeURIComponent(m[1]!);
      const type = decodeURIComponent(m[2]!);
      const key = decodeURIComponent(m[3] ?? '');
      const room = this.rooms.get(roomId);
      if (!room || !room.members.has(user)) return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not in this room' });
      // Auth rules: without a power_levels event the creator has 100, everyone else 0, state_default 0.
      const plEvent = room.state.get('m.room.power_levels\u0000')?.content;
      const pl = plEvent ?? {};
      const creator = room.state.get('m.room.create\u0000')?.sender;
      const users = (pl.users ?? {}) as Record<string, number>;
      const events = (pl.events ?? {}) as Record<string, number>;
      const level = plEvent ? (users[user] ?? (pl.users_default as number) ?? 0) : user === creator ? 100 : 0;
      const needed = events[type] ?? (plEvent ? ((pl.state_default as number) ?? 50) : 0);
      if (level < needed) return send(403, { errcode: 'M_FORBIDDEN', error: `You don't have permission to post that to the room. user_level (${level}) < send_level (${needed})` });
      if (key.startsWith('@') && key !== user) return send(403, { errcode: 'M_FORBIDDEN', error: 'You are not allowed to set others state' });
      const event_id = `$e${++this.seq}`;
      room.state.set(`${type}\u0000${key}`, { type, state_key: key, content: (r.body ?? {}) as Record<string, unknown>, sender: user, event_id, room_id: roomId, origin_server_ts: Date.now() });
      return send(200, { event_id });
    }
    send(404, { errcode: 'M_UNRECOGNIZED', error: 'Unrecognized request' });
  }
}

function concat(chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let i = 0;
  for (const c of chunks) {
    out.set(c, i);
    i += c.length;
  }
  return out;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
