import type { IWidgetApiRequest, WidgetApi } from 'matrix-widget-api';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { RoomError } from './room.js';
import type { RelationsPage, RelationsQuery, Room, RoomEvent, RoomListener } from './room.js';
import { errorMessage } from '../../components/shared/error-message.js';

/**
 * `Room` over matrix-widget-api, inside Element (or any client speaking the widget API).
 *
 * State — why a cache fed by pushes: matrix-widget-api's WidgetApi advertises MSC2762
 * `update_state`. With it, a client no longer answers `read_events` for state from the
 * room state: it reads only the loaded timeline (ClientWidgetApi.handleReadEvents), and
 * pushes the full state of every type the widget may read with `update_state` right after
 * capability negotiation, then every change. So readState serves from a cache fed by
 * `update_state` and by state events arriving through `send_event`, once the initial push
 * has arrived. We keep update_state (rather than opting out like Nordeck's toolkit by
 * overriding supported versions) because it is the only way to see state that is not in
 * the client's loaded timeline. Fallbacks: a client that does not list
 * `org.matrix.msc2762_update_state` in its versions answers read_events from room state,
 * so we read through `readStateEvents`; a client that lists it but never pushes (after
 * `initialStateTimeoutMs`) gets a best-effort `readStateEvents`.
 *
 * Relations go through MSC3869 read_relations (server-side, paginated); sends through
 * send_event; redactions as an `m.room.redaction` room event with `content.redacts`
 * (Element's StopGapWidgetDriver turns that into a real /redact call).
 *
 * Operations wait until capability negotiation finished (`ready`). The room is also where the
 * widget learns what the client approved (`hasCapability`): the runtime asks it.
 */

export interface WidgetApiRoomOptions {
  roomId: string;
  userId: string;
  /** How long readState waits for the client's first update_state push. Default 5000 ms. */
  initialStateTimeoutMs?: number;
  /** Resolves when capabilities are negotiated. Default: the WidgetApi's `ready` event. */
  ready?: Promise<unknown>;
  /** Called after each notify_capabilities, once `hasCapability` answers with the new list (a renegotiation). */
  onCapabilities?(): void;
}

const UPDATE_STATE_VERSION = 'org.matrix.msc2762_update_state';
const RECEIVE_STATE_CAP = 'org.matrix.msc2762.receive.state_event:';
const SEEN_LIMIT = 2000;

/**
 * Takes over the to-widget `action`: acknowledges each request (WidgetApi would answer one
 * it does not handle itself with an error) and hands `handle` its data. Returns the unsubscribe.
 */
export function handleAction(api: WidgetApi, action: string, handle: (data: Record<string, unknown>) => void): () => void {
  const listener = (ev: CustomEvent<IWidgetApiRequest>) => {
    ev.preventDefault();
    api.transport.reply(ev.detail, {});
    handle((ev.detail.data ?? {}) as Record<string, unknown>);
  };
  api.on(`action:${action}`, listener);
  return () => void api.off(`action:${action}`, listener);
}

const loadRedaction = loadOnce('the redaction algorithm', () => import('./redaction.js'));

export class WidgetApiRoom implements Room {
  readonly roomId: string;
  readonly userId: string;

  readonly #cache = new Map<string, Map<string, RoomEvent>>();
  readonly #listeners = new Set<RoomListener>();
  readonly #seen = new Set<string>();
  readonly #ready: Promise<unknown>;
  readonly #initialStateTimeoutMs: number;
  readonly #onCapabilitiesChanged: (() => void) | undefined;
  readonly #stopActions: (() => void)[];
  #initialStateArrived = false;
  #resolveInitialState!: () => void;
  readonly #initialState = new Promise<void>((resolve) => (this.#resolveInitialState = resolve));
  /** Approved capabilities as the client last notified them (cumulative in ClientWidgetApi). */
  #approved: string[] | undefined;

  readonly #api: WidgetApi;

  constructor(api: WidgetApi, options: WidgetApiRoomOptions) {
    this.#api = api;
    this.roomId = options.roomId;
    this.userId = options.userId;
    this.#initialStateTimeoutMs = options.initialStateTimeoutMs ?? 5000;
    this.#ready = options.ready ?? new Promise<void>((resolve) => api.once('ready', () => resolve()));
    this.#onCapabilitiesChanged = options.onCapabilities;
    this.#stopActions = [
      handleAction(api, 'send_event', (data) => this.#onSendEvent(data)),
      handleAction(api, 'update_state', (data) => this.#onUpdateState(data)),
      handleAction(api, 'notify_capabilities', (data) => this.#onNotifyCapabilities(data)),
    ];
  }

  /** Stops listening to the WidgetApi. */
  dispose(): void {
    for (const stop of this.#stopActions) stop();
    this.#listeners.clear();
  }

  /**
   * Whether the client approved `capability`, as it last notified (ClientWidgetApi's list is
   * cumulative). The WidgetApi keeps only the first notification, not a renegotiation's; before
   * any, or from a client that never notifies, it assumes what was requested.
   */
  hasCapability(capability: string): boolean {
    return this.#approved ? this.#approved.includes(capability) : this.#api.hasCapability(capability);
  }

  async readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    await this.#ready;
    const versions = await this.#api.getClientVersions();
    const pushes = versions.includes(UPDATE_STATE_VERSION);
    const expectsPush = pushes && (this.#approved === undefined || this.#approved.some((c) => c.startsWith(RECEIVE_STATE_CAP)));
    if (expectsPush && !this.#initialStateArrived) {
      await Promise.race([this.#initialState, new Promise((resolve) => setTimeout(resolve, this.#initialStateTimeoutMs))]);
    }
    if (!this.#initialStateArrived) {
      if (expectsPush) console.warn('devroom: the client announced update_state but pushed no state; reading the timeline instead');
      const events = await this.#call(() => this.#api.readStateEvents(type, undefined, stateKey));
      for (const raw of events) {
        const event = asRoomEvent(raw);
        if (event && event.room_id === this.roomId) this.#remember(event);
      }
    }
    const keys = this.#cache.get(type);
    if (!keys) return [];
    const found = stateKey === undefined ? [...keys.values()] : keys.has(stateKey) ? [keys.get(stateKey)!] : [];
    return found.map((e) => structuredClone(e));
  }

  async readRelations(eventId: string, query: RelationsQuery = {}): Promise<RelationsPage> {
    await this.#ready;
    // No room id: naming the room would need a timeline capability for it (MSC2762).
    const result = await this.#call(() =>
      this.#api.readEventRelations(eventId, undefined, query.relType, query.eventType, query.limit, query.from, undefined, query.direction),
    );
    const events = (result.chunk ?? []).map(asRoomEvent).filter((e): e is RoomEvent => e !== undefined);
    return { events, ...(result.next_batch ? { nextBatch: result.next_batch } : {}) };
  }

  async sendEvent(type: string, content: Record<string, unknown>): Promise<string> {
    await this.#ready;
    return eventIdOf(await this.#call(() => this.#api.sendRoomEvent(type, content)));
  }

  async sendState(type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    await this.#ready;
    return eventIdOf(await this.#call(() => this.#api.sendStateEvent(type, stateKey, content)));
  }

  async redact(eventId: string, reason?: string): Promise<string> {
    return this.sendEvent('m.room.redaction', { redacts: eventId, ...(reason ? { reason } : {}) });
  }

  subscribe(listener: RoomListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  #onSendEvent(data: Record<string, unknown>): void {
    const event = asRoomEvent(data);
    if (!event || event.room_id !== this.roomId) return;
    this.#remember(event);
    this.#deliver(event);
  }

  #onUpdateState({ state }: Record<string, unknown>): void {
    const events = (Array.isArray(state) ? state : []).map(asRoomEvent).filter((e): e is RoomEvent => e?.room_id === this.roomId);
    const initial = !this.#initialStateArrived;
    for (const event of events) {
      this.#remember(event);
      // The first push is a snapshot, not news; later pushes are live changes.
      if (initial) this.#markSeen(event.event_id);
      else this.#deliver(event);
    }
    if (initial) {
      this.#initialStateArrived = true;
      this.#resolveInitialState();
    }
  }

  #onNotifyCapabilities({ approved }: Record<string, unknown>): void {
    if (Array.isArray(approved)) this.#approved = approved.filter((c): c is string => typeof c === 'string');
    this.#onCapabilitiesChanged?.();
  }

  /** Keeps the state cache current: state events replace, redactions strip. */
  #remember(event: RoomEvent): void {
    if (event.state_key !== undefined) {
      let keys = this.#cache.get(event.type);
      if (!keys) this.#cache.set(event.type, (keys = new Map()));
      keys.set(event.state_key, event);
    }
    // A redaction strips the state it targets from the cache. The redaction algorithm loads
    // with the first redaction (most take back votes, which the cache never holds); if it
    // cannot load, the redacted state is dropped rather than served unredacted (a redacted
    // devroom state event has no content: as good as absent).
    if (event.type === 'm.room.redaction') {
      const target = event.content.redacts ?? event.redacts;
      const strip = (redact?: (cached: RoomEvent, redaction: RoomEvent) => RoomEvent) => {
        for (const keys of this.#cache.values()) {
          for (const [key, cached] of keys) {
            if (cached.event_id !== target) continue;
            if (redact) keys.set(key, redact(cached, event));
            else keys.delete(key);
          }
        }
      };
      void loadRedaction().then(({ redactEvent }) => strip(redactEvent), () => strip());
    }
  }

  #markSeen(eventId: string): boolean {
    if (this.#seen.has(eventId)) return false;
    this.#seen.add(eventId);
    if (this.#seen.size > SEEN_LIMIT) this.#seen.delete(this.#seen.values().next().value!);
    return true;
  }

  /** Each event once: Element feeds a state event both as send_event and update_state. */
  #deliver(event: RoomEvent): void {
    if (!this.#markSeen(event.event_id)) return;
    for (const listener of [...this.#listeners]) {
      try {
        listener(structuredClone(event));
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  async #call<T>(request: () => Promise<T>): Promise<T> {
    try {
      return await request();
    } catch (error) {
      throw toRoomError(error);
    }
  }
}

/** Widget API errors → RoomError with the Matrix errcode when the client passed one on. */
export function toRoomError(error: unknown): RoomError {
  if (error instanceof RoomError) return error;
  const message = errorMessage(error);
  const details = (error as { data?: { matrix_api_error?: { response?: { errcode?: unknown; error?: unknown } } } })?.data;
  const response = details?.matrix_api_error?.response;
  if (response && typeof response.errcode === 'string') {
    return new RoomError(typeof response.error === 'string' && response.error ? response.error : message, response.errcode);
  }
  // ClientWidgetApi's own refusals when a capability is missing.
  if (/^(Cannot (send|read)|Missing capability|Unable to access)/.test(message)) return new RoomError(message, 'M_FORBIDDEN');
  if (/timed out/i.test(message)) return new RoomError(message, 'DEVROOM_TIMEOUT');
  if (/not supported by the client/.test(message)) return new RoomError(message, 'M_UNRECOGNIZED');
  return new RoomError(message, 'M_UNKNOWN');
}

function eventIdOf(response: { event_id?: string }): string {
  if (typeof response.event_id !== 'string') throw new RoomError('The client did not return an event id', 'M_UNKNOWN');
  return response.event_id;
}

/** Validates the shape of an event the client pushed; undefined when it is not one. */
function asRoomEvent(raw: unknown): RoomEvent | undefined {
  if (!raw || typeof raw !== 'object') return undefined;
  const e = raw as Record<string, unknown>;
  if (typeof e.event_id !== 'string' || typeof e.type !== 'string' || typeof e.sender !== 'string' || typeof e.room_id !== 'string') {
    return undefined;
  }
  if (e.state_key !== undefined && typeof e.state_key !== 'string') return undefined;
  const content = e.content && typeof e.content === 'object' && !Array.isArray(e.content) ? (e.content as Record<string, unknown>) : {};
  return {
    event_id: e.event_id,
    room_id: e.room_id,
    type: e.type,
    sender: e.sender,
    origin_server_ts: typeof e.origin_server_ts === 'number' ? e.origin_server_ts : 0,
    content,
    ...(typeof e.state_key === 'string' ? { state_key: e.state_key } : {}),
    ...(typeof e.redacts === 'string' ? { redacts: e.redacts } : {}),
    ...(e.unsigned && typeof e.unsigned === 'object' ? { unsigned: e.unsigned as RoomEvent['unsigned'] } : {}),
  };
}
