/**
 * Power levels devroom needs in every conference room. Per-user state (raised hand, stand
 * presence) is 0: the auth rules already stop anyone writing another user's `@…` key.
 * What changes the room for everyone (talk, moderation, stage, menu, stand, widgets) is 50.
 */
import { EventTypes } from '../../widgets/schema/namespace.js';
import { parseLevel, presetPowerLevels } from '../../widgets/room/power-levels.js';
import { LAYOUT_EVENT, WIDGET_EVENT } from './widget-state.js';

export const DEVROOM_EVENT_LEVELS: Record<string, number> = {
  [EventTypes.talk]: 50,
  [EventTypes.root]: 50,
  [EventTypes.qaQuestionState]: 50,
  [EventTypes.qaStage]: 50,
  [EventTypes.qaHand]: 0,
  [EventTypes.menu]: 50,
  [EventTypes.order]: 0,
  [EventTypes.orderStatus]: 50,
  [EventTypes.stand]: 50,
  [EventTypes.standPresence]: 0,
  [EventTypes.contactRequest]: 0,
  [EventTypes.contactStatus]: 50,
  [WIDGET_EVENT]: 50,
  [LAYOUT_EVENT]: 50,
};

/**
 * Full content for a new room, passed as createRoom's `power_level_content_override`.
 * Servers apply that override shallowly (a given `events` map replaces the preset's), so
 * it repeats the spec's preset levels for the m.room.* types.
 */
export function newRoomPowerLevels(botUserId: string, users: Record<string, number>): Record<string, unknown> {
  const preset = presetPowerLevels(botUserId);
  return {
    ...preset,
    users: { ...users, [botUserId]: 100 },
    events: { ...preset.events, ...DEVROOM_EVENT_LEVELS },
  };
}

/** The keys Synapse's power-levels schema checks for integers. */
const LEVEL_KEYS = ['users_default', 'events_default', 'state_default', 'ban', 'kick', 'redact', 'invite'];

/**
 * Existing content with devroom's event levels and the configured users laid over it (nothing
 * removed). Levels are written as the integers Synapse reads them as: rooms of versions 1–9
 * may hold strings ("50"), and Synapse refuses new power levels with them (400 M_BAD_JSON).
 * What Synapse cannot read stays as it is, for the server to name when it refuses the write.
 */
export function mergePowerLevels(current: Record<string, unknown>, users: Record<string, number>): Record<string, unknown> {
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const int = (v: unknown) => parseLevel(v) ?? v;
  const ints = (v: unknown) => Object.fromEntries(Object.entries(obj(v)).map(([k, n]) => [k, int(n)]));
  const merged: Record<string, unknown> = {
    ...current,
    events: { ...ints(current.events), ...DEVROOM_EVENT_LEVELS },
    users: { ...ints(current.users), ...users },
  };
  for (const key of LEVEL_KEYS) if (key in current) merged[key] = int(current[key]);
  if (obj(current.notifications) === current.notifications) merged.notifications = ints(current.notifications);
  return merged;
}
