import type { RoomEvent } from './room.js';

/**
 * Content keys that survive a redaction, per the spec's redaction algorithm (room
 * version 11). Every other type loses all content. Shared by MemoryRoom (which redacts)
 * and WidgetApiRoom (which applies live redactions to its state cache).
 */
const ESSENTIAL_CONTENT: Record<string, readonly string[] | 'all'> = {
  'm.room.member': ['membership', 'join_authorised_via_users_server', 'third_party_invite'],
  'm.room.create': 'all',
  'm.room.join_rules': ['join_rule', 'allow'],
  'm.room.power_levels': ['ban', 'events', 'events_default', 'invite', 'kick', 'redact', 'state_default', 'users', 'users_default'],
  'm.room.history_visibility': ['history_visibility'],
  'm.room.redaction': ['redacts'],
};

export function redactContent(type: string, content: Record<string, unknown>): Record<string, unknown> {
  // Own keys only: an event of type `constructor` or `toString` (anyone may send one) would
  // otherwise read Object.prototype's function here, and redacting it threw.
  const keep = Object.hasOwn(ESSENTIAL_CONTENT, type) ? ESSENTIAL_CONTENT[type] : undefined;
  if (keep === 'all') return { ...content };
  const out: Record<string, unknown> = {};
  for (const key of keep ?? []) if (Object.hasOwn(content, key)) out[key] = content[key];
  return out;
}

/** The redacted form of `event`: essential content only, `unsigned.redacted_because` set. */
export function redactEvent(event: RoomEvent, redaction: RoomEvent): RoomEvent {
  return {
    ...event,
    content: redactContent(event.type, event.content),
    unsigned: { ...(event.unsigned?.age !== undefined ? { age: event.unsigned.age } : {}), redacted_because: redaction },
  };
}

/** The event id an `m.room.redaction` targets: top-level `redacts` (v1–10) or `content.redacts` (v11). */
export function redactedEventId(event: RoomEvent): string | undefined {
  if (event.type !== 'm.room.redaction') return undefined;
  const inContent = event.content.redacts;
  return typeof inContent === 'string' ? inContent : event.redacts;
}
