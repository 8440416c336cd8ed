import { defineElement } from '../shared/define.js';
import { DevroomFoodTruckMenu } from './food-truck-menu.js';

export { DevroomFoodTruckMenu };
export type { PlaceOrderDetail, OrderStatusDetail, MenuUpdateDetail, MenuChange } from './food-truck-menu.js';
export type { Menu, MenuItem, MenuSection, OptionGroup, AllergenId, Availability } from './menu.js';
export type { Order, OrderStatusEvent, OrderStatus, OrderPhase } from './orders.js';
export { parseMenu, formatPrice, ALLERGENS, DIETS } from './menu.js';
export { menuToJsonLd } from './jsonld.js';
export { foldOrders, parseOrderContent, parseStatusContent } from './orders.js';

defineElement('devroom-food-truck-menu', DevroomFoodTruckMenu);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-food-truck-menu': DevroomFoodTruckMenu;
  }
}
