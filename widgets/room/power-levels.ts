import type { PowerLevels, RoomEvent } from './room.js';

// Python's int() syntax, which Synapse reads every level with (synapse/event_auth.py): spaces
// around (JavaScript's \s and U+0085, not U+FEFF; checked against CPython 3.11), a sign,
// digits with single `_` between them. Python also reads other scripts' digits ("٥٠"); those
// read as unreadable here (no power, nobody may send): a deliberate, fail-safe difference that
// keeps ~70 B gz out of every widget's first load.
const INT = /^[\s\x85]*([+-]?)(\d+(?:_\d+)*)[\s\x85]*$/;

/**
 * A power level as Synapse reads it, `int(value)`: integers, floats truncated, true/false as
 * 1/0, strings in Python's int() syntax (rooms of versions 1–9 may hold them). Undefined where
 * int() raises — then Synapse fails every auth check that reads the value.
 */
export function parseLevel(v: unknown): number | undefined {
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) : undefined;
  if (typeof v !== 'string') return typeof v === 'boolean' ? +v : undefined;
  const m = v.includes('\ufeff') ? null : INT.exec(v);
  const digits = m?.[2]!.replace(/_/g, '');
  // Python refuses more than 4300 digits.
  return digits && digits.length <= 4300 ? Number(m![1] + digits) : undefined;
}

/**
 * m.room.power_levels content read as Synapse does, with the spec's defaults for missing keys.
 * A value Synapse cannot read fails its checks: here a user level becomes -Infinity and a
 * required one +Infinity. JSON null falls back where Synapse falls back.
 */
export function normalisePowerLevels(content: Record<string, unknown> | undefined): PowerLevels {
  const c = content ?? {};
  const level = (v: unknown, fallback: number, unreadable: number, ifNull = fallback) =>
    v === undefined ? fallback : v === null ? ifNull : (parseLevel(v) ?? unreadable);
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
    // A null default is no fallback in Synapse's get_send_level: int(None) raises.
    events_default: level(c.events_default, 0, Infinity, Infinity),
    // Without a power_levels event at all, state_default is 0; with one, it is 50.
    state_default: level(c.state_default, content ? 50 : 0, Infinity, Infinity),
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
