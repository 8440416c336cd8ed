/**
 * Registers `<devroom-food-truck-menu>` and nothing more. The widget page imports this rather
 * than define.ts, whose re-exports (parseMenu with its messages) would otherwise join its
 * first load.
 */
import { defineElement } from '../shared/define.js';
import { DevroomFoodTruckMenu } from './food-truck-menu.js';

defineElement('devroom-food-truck-menu', DevroomFoodTruckMenu);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-food-truck-menu': DevroomFoodTruckMenu;
  }
}
