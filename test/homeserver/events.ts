/**
 * Event shapes, ids, canonical JSON, the redaction algorithm and the size check, as
 * Synapse applies them to events its own users send (room versions 1–10; new rooms are 9).
 */
import { randomBytes } from 'node:crypto';
import { MatrixError } from './http.js';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** An event as stored (the client form, without `unsigned`, which is computed per reader). */
export interface RoomEventData {
  event_id: string;
  type: string;
  room_id: string;
  sender: string;
  origin_server_ts: number;
  content: JsonObject;
  state_key?: string;
  /** Top-level in room versions 1–10. */
  redacts?: string;
}

/** Synapse's MAX_PDU_SIZE (synapse/api/constants.py). */
export const MAX_PDU_SIZE = 65536;

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Synapse's `random_string`: ASCII letters. */
export function randomLetters(n: number): string {
  const bytes = randomBytes(n);
  let out = '';
  for (const b of bytes) out += ALPHABET[b % ALPHABET.length];
  return out;
}

/** Room v4+ event ids: `$` + the unpadded URL-safe base64 of a SHA-256 reference hash (43 chars). */
export function newEventId(): string {
  return `$${randomBytes(32).toString('base64url')}`;
}

/** Canonical JSON (sorted keys, no spaces), as the spec's appendix defines it. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/**
 * Room versions 6+ accept only canonical-JSON values in content (Synapse's
 * `validate_canonicaljson`): no floats, integers within ±(2^53 − 1).
 */
export function validateCanonicalJson(value: unknown): void {
  if (typeof value === 'number') {
    if (!Number.isInteger(value)) throw new MatrixError(400, 'M_BAD_JSON', 'Bad JSON value: float');
    if (!Number.isSafeInteger(value)) throw new MatrixError(400, 'M_BAD_JSON', 'JSON integer out of range');
  } else if (Array.isArray(value)) {
    for (const v of value) validateCanonicalJson(v);
  } else if (value && typeof value === 'object') {
    for (const v of Object.values(value)) validateCanonicalJson(v);
  }
}

/**
 * Synapse refuses an event whose PDU, as canonical JSON, is over 64 KiB (event_auth
 * `_check_size_limits`: 413 M_TOO_LARGE "event too large"). The PDU carries more than the
 * client sees (hashes, signatures, auth and prev events, depth, origin), so we measure a
 * stand-in PDU with fields of the real sizes.
 */
export function checkEventSize(event: RoomEventData, authEventCount: number, limit: number): void {
  for (const [field, value] of [
    ['user_id', event.sender],
    ['room_id', event.room_id],
    ['type', event.type],
    ['event_id', event.event_id],
  ] as const) {
    if (value.length > 255) throw new MatrixError(413, 'M_TOO_LARGE', `'${field}' too large`);
  }
  if (event.state_key !== undefined && event.state_key.length > 255) throw new MatrixError(413, 'M_TOO_LARGE', "'state_key' too large");
  const fakeId = `$${'x'.repeat(43)}`;
  const origin = event.sender.slice(event.sender.indexOf(':') + 1);
  const pdu = {
    auth_events: Array.from({ length: authEventCount }, () => fakeId),
    content: event.content,
    depth: 1_000_000,
    hashes: { sha256: 'x'.repeat(43) },
    origin,
    origin_server_ts: event.origin_server_ts,
    prev_events: [fakeId],
    ...(event.redacts !== undefined ? { redacts: event.redacts } : {}),
    room_id: event.room_id,
    sender: event.sender,
    signatures: { [origin]: { 'ed25519:a_AAAA': 'x'.repeat(86) } },
    ...(event.state_key !== undefined ? { state_key: event.state_key } : {}),
    type: event.type,
    unsigned: {},
  };
  if (Buffer.byteLength(canonicalJson(pdu), 'utf8') > limit) throw new MatrixError(413, 'M_TOO_LARGE', 'event too large');
}

/** Content keys the redaction algorithm keeps, for room versions 6–10 (Synapse `prune_event_dict`). */
const KEPT_CONTENT: Record<string, string[]> = {
  'm.room.member': ['membership', 'join_authorised_via_users_server'],
  'm.room.create': ['creator'],
  'm.room.join_rules': ['join_rule', 'allow'],
  'm.room.power_levels': ['ban', 'events', 'events_default', 'kick', 'redact', 'state_default', 'users', 'users_default'],
  'm.room.history_visibility': ['history_visibility'],
};

/** The redacted form of an event: top-level keys of the client form, content cut to what the spec keeps. */
export function pruneEvent(event: RoomEventData): RoomEventData {
  const kept = KEPT_CONTENT[event.type] ?? [];
  const content: JsonObject = {};
  for (const key of kept) if (key in event.content) content[key] = event.content[key] as Json;
  const pruned: RoomEventData = {
    event_id: event.event_id,
    type: event.type,
    room_id: event.room_id,
    sender: event.sender,
    origin_server_ts: event.origin_server_ts,
    content,
  };
  // `redacts` is not a kept key before room version 11.
  if (event.state_key !== undefined) pruned.state_key = event.state_key;
  return pruned;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** `m.relates_to` when it is a relation Synapse indexes: string rel_type and event_id. */
export function relationOf(content: JsonObject): { relType: string; eventId: string; key?: string } | undefined {
  const rel = content['m.relates_to'];
  if (!isObject(rel) || typeof rel.rel_type !== 'string' || typeof rel.event_id !== 'string') return undefined;
  return { relType: rel.rel_type, eventId: rel.event_id, ...(typeof rel.key === 'string' ? { key: rel.key } : {}) };
}
