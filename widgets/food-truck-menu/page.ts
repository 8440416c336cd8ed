import '../runtime/page-style.js';
import { adoptStyle } from '../runtime/adopt-style.js';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import '../../components/food-truck-menu/register.js';
import { DOWNLOAD_FILE, bindFoodTruckMenu } from './binding.js';
import type { FoodTruckBinding, FoodTruckGrant } from './binding.js';
import { bootWidget } from '../runtime/boot.js';
import { capabilityList } from '../runtime/capabilities.js';
import type { CapabilitySpec } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';

/**
 * The food-truck widget: dist/widgets/food-truck-menu.html.
 *
 * Capabilities. Required (the menu cannot work without them): read the menu state, the
 * `orders` root and power levels; read order and status events. Everything that writes
 * is optional, because most viewers are customers who never need it, and Element blocks
 * the widget on any required capability the user declines:
 *   - send `dev.devroom.order` — ordering; without it the widget is a read-only menu;
 *   - send `dev.devroom.order.status`, send `dev.devroom.menu` state — the vendor's queue,
 *     sold-out toggles and prices (the homeserver's power levels decide as well);
 *   - send `dev.devroom.root` (`orders`) state and an `m.notice` message — creating the
 *     orders root, once, by the vendor;
 *   - MSC4039 `download_file` — item images uploaded to Matrix (mxc://); declined, they
 *     show their placeholder (alt text).
 * Customers see a prompt that lists the vendor capabilities as optional; they can decline them.
 *
 * Loading: the runtime, the component and the binding are the first load; the order
 * code, the cart and the vendor's queue follow when there is something to order or run.
 */

// The raw MSC2762 strings, built the way the runtime builds what it requests.
const send = (spec: CapabilitySpec) => capabilityList(spec).required;

const GRANTS: Record<FoodTruckGrant, string[]> = {
  sendOrder: send({ sendEvents: [{ type: EventTypes.order }] }),
  sendStatus: send({ sendEvents: [{ type: EventTypes.orderStatus }] }),
  sendMenu: send({ sendState: [{ type: EventTypes.menu, stateKey: '' }] }),
  createRoot: send({ sendState: [{ type: EventTypes.root, stateKey: 'orders' }], sendEvents: [{ type: 'm.room.message', msgtype: 'm.notice' }] }),
};

export const FOOD_TRUCK_CAPABILITIES: CapabilitySpec = {
  readState: [
    { type: EventTypes.menu, stateKey: '' },
    { type: EventTypes.root, stateKey: 'orders' },
    { type: 'm.room.power_levels', stateKey: '' },
  ],
  readEvents: [{ type: EventTypes.order }, { type: EventTypes.orderStatus }],
  optional: [...Object.values(GRANTS).flat(), DOWNLOAD_FILE],
};

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
      granted: (what) => GRANTS[what].every((c) => ctx.hasCapability(c)),
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
