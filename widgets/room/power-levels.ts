import type { PowerLevels, RoomEvent } from './room.js';

/** Spec defaults (client-server API, m.room.power_levels) for keys a room leaves out. */
export function normalisePowerLevels(content: Record<string, unknown> | undefined): PowerLevels {
  const c = content ?? {};
  const num = (v: unknown, fallback: number) => (typeof v === 'number' && Number.isFinite(v) ? v : fallback);
  const map = (v: unknown): Record<string, number> => {
    const out: Record<string, number> = {};
    if (v && typeof v === 'object') {
      for (const [k, n] of Object.entries(v)) if (typeof n === 'number' && Number.isFinite(n)) out[k] = n;
    }
    return out;
  };
  return {
    users: map(c.users),
    users_default: num(c.users_default, 0),
    events: map(c.events),
    events_default: num(c.events_default, 0),
    // Without a power_levels event at all, state_default is 0; with one, it is 50.
    state_default: num(c.state_default, content ? 50 : 0),
    redact: num(c.redact, 50),
    ban: num(c.ban, 50),
    kick: num(c.kick, 50),
    invite: num(c.invite, 0),
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
