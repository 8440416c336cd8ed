import { defineElement } from '../shared/define.js';
import { DevroomFoodTruckMenu } from './food-truck-menu.js';

export { DevroomFoodTruckMenu };
export type { PlaceOrderDetail, OrderStatusDetail, MenuUpdateDetail, MenuChange } from './food-truck-menu.js';
export type { Menu, MenuItem, MenuSection, OptionGroup, AllergenId, Availability } from './menu.js';
export type { Order, OrderStatusEvent, OrderStatus, OrderPhase } from './orders.js';
export { parseMenu, formatPrice, ALLERGENS, DIETS } from './menu.js';
// Order/JSON-LD helpers are not re-exported here: they would join the first load.
// Import them from './orders.js' / './jsonld.js' where needed.

defineElement('devroom-food-truck-menu', DevroomFoodTruckMenu);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-food-truck-menu': DevroomFoodTruckMenu;
  }
}
