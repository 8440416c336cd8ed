import { parseMenu } from '../../components/food-truck-menu/menu.js';
import type { Menu } from '../../components/food-truck-menu/menu.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from './namespace.js';
import type { Result } from './validate.js';

/**
 * The food truck's menu state (docs/schema.md "Food-truck menu and orders"). The
 * component's own validator, parseMenu, is the schema. Orders and statuses: ./orders.ts
 * (kept apart so the first paint does not load the order validators).
 */

export const MENU_EVENT = EventTypes.menu;

/** `dev.devroom.menu` state (key "") → Menu. */
export function menuFromEvent(event: RoomEvent): Result<Menu> {
  if (event.type !== MENU_EVENT || event.state_key !== '') return { ok: false, errors: [`expected ${MENU_EVENT} state with key ""`] };
  const result = parseMenu(event.content);
  return result.ok ? { ok: true, value: result.menu } : { ok: false, errors: result.errors };
}
