import '../runtime/page-style.js';
import { adoptStyle } from '../runtime/adopt-style.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import '../../components/food-truck-menu/register.js';
import { bindFoodTruckMenu } from './binding.js';
import type { FoodTruckBinding } from './binding.js';
import { FOOD_TRUCK_CAPABILITIES } from './capabilities.js';
import { bootWidget } from '../runtime/boot.js';

/**
 * The food-truck widget: dist/widgets/food-truck-menu.html. What it asks the client for, and
 * why: ./capabilities.ts.
 *
 * Loading: the runtime, the component and the binding are the first load; the order
 * code, the cart and the vendor's queue follow when there is something to order or run.
 */

declare global {
  interface Window {
    /** The running binding (debugging and the e2e tests). */
    devroomFoodTruck?: FoodTruckBinding;
  }
}

// Written minified: a plain string is not minified by the build.
const STYLE =
  '.devroom-notice{margin:0 0 8px;padding:8px 12px;border-radius:6px;font:.9rem/1.4 system-ui,sans-serif}' +
  '.devroom-notice.error{background:#fde8e8;color:#8a1c1c}.devroom-notice.info{background:#8881}' +
  ":root[data-devroom-theme='dark'] .devroom-notice.error{background:#4a1d1d;color:#ffd7d7}";

function notice(kind: 'error' | 'info'): HTMLParagraphElement {
  const p = document.createElement('p');
  p.className = `devroom-notice ${kind}`;
  p.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  p.hidden = true;
  return p;
}

function createElement(container: HTMLElement): DevroomFoodTruckMenu {
  adoptStyle(document, STYLE);
  const el = document.createElement('devroom-food-truck-menu');
  container.append(el);
  return el;
}

await bootWidget({
  capabilities: FOOD_TRUCK_CAPABILITIES,
  async render(ctx) {
    const info = notice('info');
    const error = notice('error');
    ctx.container.append(info, error);
    const el = createElement(ctx.container);
    ctx.theme.subscribe((theme) => (el.theme = theme));
    window.devroomFoodTruck = bindFoodTruckMenu(el, ctx.room, {
      hasCapability: (capability) => ctx.hasCapability(capability),
      media: ctx,
      notify: (message, kind) => {
        const p = kind === 'error' ? error : info;
        p.textContent = message ?? '';
        p.hidden = !message;
      },
    });
    return el.updateComplete;
  },
  async standalone(ctx) {
    // A plain page: the menu from `src` (JSON URL) or `menu` (inline JSON); no ordering.
    const el = createElement(ctx.container);
    if (ctx.theme) el.theme = ctx.theme;
    const { src, menu } = ctx.extra;
    if (menu !== undefined) {
      try {
        el.menu = JSON.parse(menu) as unknown;
      } catch (e) {
        // The component reports what is wrong with a menu that is not JSON.
        el.menu = `menu: not valid JSON (${(e as Error).message})`;
      }
    } else if (src) el.src = src;
    return el.updateComplete;
  },
});
