import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../../widgets/room/memory-room.js';
import type { Rng } from './prng.js';

/** The people of a fuzzed room. */
export const ADMIN = '@admin:fuzz.example';
/** Power 50: moderator, host, vendor, stand staff. */
export const MOD = '@mod:fuzz.example';
export const ALICE = '@alice:fuzz.example';
export const BOB = '@bob:fuzz.example';
/** Joined, power 0: sends what only MOD may. */
export const EVE = '@eve:fuzz.example';

/**
 * Senders a hostile or buggy server may put on an event: not joined, not user ids, look-alikes
 * of the admin (bidi override, zero-width), ids named like Object.prototype members.
 */
export const SPOOFED = [
  EVE,
  '@mallory:evil.example',
  '@\u202Enimda:fuzz.example',
  `${ADMIN}\u200B`,
  '@__proto__:fuzz.example',
  '@constructor:fuzz.example',
  '@toString:fuzz.example',
  'not-a-user-id',
  '',
  '@admin',
];

/** Valid user ids with no power, some named like prototype members. */
export const PLAIN_USERS = [ALICE, BOB, EVE, '@__proto__:fuzz.example', '@constructor:fuzz.example', '@\u202Eright:fuzz.example'];

export function fuzzRoom(): MemoryRoom {
  const room = new MemoryRoom({
    creator: ADMIN,
    roomId: '!fuzz:fuzz.example',
    powerLevels: { users: { [MOD]: 50 }, events: { ...DEVROOM_EVENT_LEVELS } },
    // Small pages: history reads follow next_batch.
    relationsPageLimit: 50,
  });
  for (const u of [MOD, ALICE, BOB, EVE]) room.join(u);
  return room;
}

/**
 * Power levels as a hostile or sloppy room may hold them, with the same effective levels for
 * the room's people: strings Synapse reads as numbers, junk for unknown users and types, keys
 * named like Object.prototype members.
 */
export function oddPowerLevels(r: Rng): Record<string, unknown> {
  const levels = JSON.parse(
    JSON.stringify({
      users: { [ADMIN]: 100, [MOD]: r.pick<unknown>([50, '50', ' +50 ', '5_0', 50.9]) },
      users_default: r.pick<unknown>([0, '0', undefined]),
      events: { ...DEVROOM_EVENT_LEVELS },
      events_default: 0,
      state_default: 50,
      redact: 50,
      ban: 50,
      kick: 50,
      invite: 0,
    }),
  ) as { users: Record<string, unknown>; events: Record<string, unknown> } & Record<string, unknown>;
  const junk = JSON.parse('{"__proto__": 100, "constructor": 100, "toString": "100", "@junk:fuzz.example": "ten", "@nan:fuzz.example": "5e1"}') as Record<string, unknown>;
  if (r.chance(0.5)) Object.assign(levels.users, junk);
  if (r.chance(0.5)) Object.assign(levels.events, JSON.parse('{"__proto__": 0, "constructor": "x", "org.example.type": [1]}'));
  if (r.chance(0.3)) levels['org.example.extra'] = { deep: [1, { two: 2 }] };
  return levels;
}
