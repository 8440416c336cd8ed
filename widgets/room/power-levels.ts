import type { PowerLevels, RoomEvent } from './room.js';

// Python's int() syntax, which Synapse reads every level with (synapse/event_auth.py):
// whitespace around (ASCII \t-\r and space, Unicode spaces; not \x1c-\x1f, not U+FEFF), a
// sign, decimal digits of any script, single `_` between digits (checked with CPython 3.11).
const SPACE = '[\\t-\\r \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]*';
const INT = new RegExp(`^${SPACE}([+-]?)(\\p{Nd}+(?:_\\p{Nd}+)*)${SPACE}$`, 'u');
const DIGIT = /\p{Nd}/u;

/** A decimal digit's value: Unicode assigns them in runs of ten, 0 to 9. */
function digitValue(c: string): number {
  const cp = c.codePointAt(0)!;
  let start = cp;
  while (DIGIT.test(String.fromCodePoint(start - 1))) start--;
  return (cp - start) % 10;
}

/**
 * A power level as Synapse reads it, `int(value)`: integers, floats truncated, true/false as
 * 1/0, strings in Python's int() syntax (rooms of versions 1–9 may hold them). Undefined where
 * int() raises — then Synapse fails every auth check that reads the value.
 */
export function parseLevel(v: unknown): number | undefined {
  if (typeof v === 'boolean') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  const m = typeof v === 'string' ? INT.exec(v) : null;
  // Python (3.11+, and patched 3.9/3.10) refuses more than 4300 digits.
  const digits = m ? [...m[2]!.replace(/_/g, '')] : [];
  if (!m || digits.length > 4300) return undefined;
  const n = digits.reduce((sum, c) => sum * 10 + digitValue(c), 0);
  return m[1] === '-' ? -n : n;
}

/**
 * m.room.power_levels content read as Synapse does, with the spec's defaults for missing keys
 * (and JSON null, which Synapse treats as missing where it falls back). A value Synapse cannot
 * read fails its checks: here a user level becomes -Infinity and a required one +Infinity.
 */
export function normalisePowerLevels(content: Record<string, unknown> | undefined): PowerLevels {
  const c = content ?? {};
  const level = (v: unknown, fallback: number, unreadable: number) => (v === undefined || v === null ? fallback : (parseLevel(v) ?? unreadable));
  // No fallback in Synapse's get_send_level for an explicit null default: int(None) raises.
  const required = (v: unknown, fallback: number) => (v === undefined ? fallback : (parseLevel(v) ?? Infinity));
  const map = (v: unknown, unreadable: number): Record<string, number> => {
    // No prototype: keys are user ids and event types from the room ("constructor", "__proto__").
    const out = Object.create(null) as Record<string, number>;
    if (v && typeof v === 'object') {
      // A null entry falls back to the defaults, as a missing one.
      for (const [k, n] of Object.entries(v)) if (n !== null) out[k] = parseLevel(n) ?? unreadable;
    }
    return out;
  };
  return {
    users: map(c.users, -Infinity),
    users_default: level(c.users_default, 0, -Infinity),
    events: map(c.events, Infinity),
    events_default: required(c.events_default, 0),
    // Without a power_levels event at all, state_default is 0; with one, it is 50.
    state_default: required(c.state_default, content ? 50 : 0),
    redact: level(c.redact, 50, Infinity),
    ban: level(c.ban, 50, Infinity),
    kick: level(c.kick, 50, Infinity),
    invite: level(c.invite, 0, Infinity),
  };
}

export function userLevel(levels: PowerLevels, userId: string): number {
  return levels.users[userId] ?? levels.users_default;
}

/** Level needed to send `type` (as state when `isState`). */
export function requiredLevel(levels: PowerLevels, type: string, isState: boolean): number {
  return levels.events[type] ?? (isState ? levels.state_default : levels.events_default);
}

export function canSend(levels: PowerLevels, userId: string, type: string, isState: boolean): boolean {
  return userLevel(levels, userId) >= requiredLevel(levels, type, isState);
}

/** Reads power levels from a state list (what `room.readState('m.room.power_levels')` returns). */
export function powerLevelsFrom(events: RoomEvent[]): PowerLevels {
  return normalisePowerLevels(events.find((e) => e.state_key === '')?.content);
}

/**
 * The power levels a homeserver (Synapse, presets private_chat/public_chat) gives a new
 * room: the creator at 100, room-changing state at 50 or 100. The in-memory room, the test
 * homeserver and `devroom apply` (which lays devroom's levels over it) start from this.
 */
export function presetPowerLevels(creator: string) {
  return {
    users: { [creator]: 100 } as Record<string, number>,
    users_default: 0,
    events: {
      'm.room.name': 50,
      'm.room.power_levels': 100,
      'm.room.history_visibility': 100,
      'm.room.canonical_alias': 50,
      'm.room.avatar': 50,
      'm.room.tombstone': 100,
      'm.room.server_acl': 100,
      'm.room.encryption': 100,
    } as Record<string, number>,
    events_default: 0,
    state_default: 50,
    ban: 50,
    kick: 50,
    redact: 50,
    invite: 0,
  };
}
