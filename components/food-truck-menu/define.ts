import './register.js';
import { DevroomFoodTruckMenu } from './food-truck-menu.js';

export { DevroomFoodTruckMenu };
export type { PlaceOrderDetail, OrderStatusDetail, MenuUpdateDetail, MenuChange } from './menu-events.js';
export type { Menu, MenuItem, MenuSection, OptionGroup, AllergenId, Availability } from './menu.js';
export type { Order, OrderStatusEvent, OrderStatus, OrderPhase } from './orders.js';
export { formatPrice, ALLERGENS, DIETS } from './menu.js';
export { parseMenu } from './menu-errors.js';
// Order/JSON-LD helpers are not re-exported here: they would join the first load.
// Import them from './orders.js' / './jsonld.js' where needed.
