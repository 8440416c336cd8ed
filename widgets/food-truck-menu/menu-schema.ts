import { checkMenu } from '../../components/food-truck-menu/menu.js';
// Every field checked at once (no `later`): the rarer fields' checks come along.
import '../../components/food-truck-menu/menu-more.js';
import type { MenuCheck } from '../../components/food-truck-menu/menu.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';

/**
 * The food truck's menu state (docs/schema.md "Food-truck menu and orders"). The
 * component's own validator, checkMenu (worded by parseMenu in menu-errors.ts), is the
 * schema. Orders and statuses: ./orders.ts (kept apart so the first paint does not load
 * the order validators). The widget's binding does not use this: the element validates the
 * menu it is given (and loads the rarer fields' checks only for menus that have them).
 */

export const MENU_EVENT = EventTypes.menu;

/** `dev.devroom.menu` state (key "") → Menu, or its problems as codes (for logs). */
export function menuFromEvent(event: RoomEvent): MenuCheck {
  if (event.type !== MENU_EVENT || event.state_key !== '') return { ok: false, issues: [['event', 'object']] };
  return checkMenu(event.content);
}
