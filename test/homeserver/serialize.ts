/**
 * Events as clients receive them (Synapse's `serialize_event`): redacted events pruned
 * with `unsigned.redacted_because`, `unsigned.age`, `prev_content`/`replaces_state` on
 * state events, and `transaction_id` only for the device that sent the event.
 */
import type { JsonObject } from './events.js';
import { pruneEvent } from './events.js';
import { MatrixError } from './http.js';
import type { StoredEvent } from './rooms.js';

export interface Viewer {
  userId: string;
  deviceId?: string;
}

export interface SerializeOptions {
  /** Sync leaves `room_id` out of room events (the v2 client format without room id). */
  withoutRoomId?: boolean;
}

export function serializeEvent(stored: StoredEvent, viewer: Viewer | undefined, options: SerializeOptions = {}, now = Date.now()): JsonObject {
  const data = stored.redactedBy ? pruneEvent(stored.data) : stored.data;
  const out: JsonObject = { ...data } as unknown as JsonObject;
  if (options.withoutRoomId) delete out.room_id;
  const unsigned: JsonObject = { age: Math.max(0, now - data.origin_server_ts) };
  if (stored.replaces) {
    const prev = stored.replaces;
    unsigned.replaces_state = prev.data.event_id;
    if (!stored.redactedBy) {
      unsigned.prev_content = (prev.redactedBy ? pruneEvent(prev.data) : prev.data).content;
      unsigned.prev_sender = prev.data.sender;
    }
  }
  if (stored.txn && viewer && viewer.userId === data.sender && viewer.deviceId === stored.txn.deviceId) {
    unsigned.transaction_id = stored.txn.txnId;
  }
  if (stored.redactedBy) unsigned.redacted_because = serializeEvent(stored.redactedBy, viewer, options, now);
  out.unsigned = unsigned;
  return out;
}

/** Synapse's stream tokens look like `s72594_…`, pagination tokens `t5-72594_…`; ours are `s<pos>` and `t<pos>`. */
export function syncToken(pos: number): string {
  return `s${pos}`;
}

export function paginationToken(pos: number): string {
  return `t${pos}`;
}

/** Either kind of token → stream position; a bad one is a 400 (M_UNKNOWN, as Synapse's errors here are unnamed). */
export function parseToken(token: string, message = 'Invalid stream token'): number {
  const m = /^[st](\d+)$/.exec(token);
  if (!m) throw new MatrixError(400, 'M_UNKNOWN', message);
  return Number(m[1]);
}
