/**
 * Power levels devroom needs in every conference room. Per-user state (raised hand, stand
 * presence) is 0: the auth rules already stop anyone writing another user's `@…` key.
 * What changes the room for everyone (talk, moderation, stage, menu, stand, widgets) is 50.
 */
import { EventTypes } from '../schema/namespace.js';
import { presetPowerLevels } from '../room/power-levels.js';
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

/** Existing content with devroom's event levels and the configured users laid over it (nothing removed). */
export function mergePowerLevels(current: Record<string, unknown>, users: Record<string, number>): Record<string, unknown> {
  const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  return {
    ...current,
    events: { ...obj(current.events), ...DEVROOM_EVENT_LEVELS },
    users: { ...obj(current.users), ...users },
  };
}
