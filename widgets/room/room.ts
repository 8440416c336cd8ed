/**
 * The room data layer: the only view of Matrix the bindings get. Two implementations:
 * `WidgetApiRoom` (inside Element, over matrix-widget-api) and `MemoryRoom` (tests, the
 * demo host, and `devroom/testing`). Components never see this interface.
 */

/** A Matrix room event as the client-server API and the widget API deliver it. */
export interface RoomEvent<Content = Record<string, unknown>> {
  event_id: string;
  room_id: string;
  type: string;
  sender: string;
  origin_server_ts: number;
  content: Content;
  /** Present on state events only. */
  state_key?: string;
  /** On `m.room.redaction` events: the event that was redacted. */
  redacts?: string;
  unsigned?: { redacted_because?: RoomEvent; age?: number; transaction_id?: string; [key: string]: unknown };
}

export interface RelationsQuery {
  /** e.g. `m.reference`, `m.annotation`; omitted = every relation type. */
  relType?: string;
  /** Only events of this type. Needs relType (as in the client-server API). */
  eventType?: string;
  /** Page size hint; servers may return fewer (some default to 5). */
  limit?: number;
  /** `nextBatch` from the previous page. */
  from?: string;
  /** Oldest first when "f"; the server default is "b" (newest first). */
  direction?: 'f' | 'b';
}

export interface RelationsPage {
  events: RoomEvent[];
  /** Absent when this was the last page. */
  nextBatch?: string;
}

/** m.room.power_levels content with the defaults the spec gives for missing keys. */
export interface PowerLevels {
  users: Record<string, number>;
  users_default: number;
  events: Record<string, number>;
  events_default: number;
  state_default: number;
  redact: number;
  ban: number;
  kick: number;
  invite: number;
}

export type RoomListener = (event: RoomEvent) => void;

/** An error a room implementation raises when the homeserver (or host) refuses a request. */
export class RoomError extends Error {
  constructor(
    message: string,
    /** Matrix error code when known (`M_FORBIDDEN`, `M_LIMIT_EXCEEDED`, …) or a devroom one. */
    readonly code: string = 'M_UNKNOWN',
  ) {
    super(message);
    this.name = 'RoomError';
  }
}

export interface Room {
  readonly roomId: string;
  /** The signed-in user, e.g. `@alice:example.org`. */
  readonly userId: string;

  /**
   * Current state events of `type` (all state keys, or only `stateKey`). For `m.room.member`
   * inside Element: the members its lazy-loading client holds, not the whole room
   * (people's names: widgets/shared/member-names.ts).
   */
  readState(type: string, stateKey?: string): Promise<RoomEvent[]>;

  /** One page of events relating to `eventId`. Use `readAllRelations` to follow pages. */
  readRelations(eventId: string, query?: RelationsQuery): Promise<RelationsPage>;

  /** Sends a room (message-like) event; resolves with the new event id. */
  sendEvent(type: string, content: Record<string, unknown>): Promise<string>;

  /** Sets state; resolves with the new event id. */
  sendState(type: string, stateKey: string, content: Record<string, unknown>): Promise<string>;

  /** Redacts an event (an own vote, a question). */
  redact(eventId: string, reason?: string): Promise<string>;

  /** Live events: every new room event, state change and redaction, in order. Returns unsubscribe. */
  subscribe(listener: RoomListener): () => void;
}
