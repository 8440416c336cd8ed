import { capabilityList } from '../runtime/capabilities.js';
import type { CapabilitySpec } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { READ_MEMBERS } from '../shared/read-members.js';

/**
 * The food-truck widget's capabilities, in one place: what the page asks for, and what the
 * binding checks before offering a feature.
 *
 * Required (the menu cannot work without them): read the menu state, the `orders` root and
 * power levels; read order and status events. Everything that writes is optional, because
 * most viewers are customers who never need it, and Element blocks the widget on any
 * required capability the user declines:
 *   - send `dev.devroom.order` — ordering; without it the widget is a read-only menu;
 *   - send `dev.devroom.order.status`, send `dev.devroom.menu` state — the vendor's queue,
 *     sold-out toggles and prices (the homeserver's power levels decide as well);
 *   - send `dev.devroom.root` (`orders`) state and an `m.notice` message — creating the
 *     orders root, once, by the vendor;
 *   - MSC4039 `download_file` — item images uploaded to Matrix (mxc://); declined, they
 *     show their placeholder (alt text).
 * Customers see a prompt that lists the vendor capabilities as optional; they can decline them.
 */

/** MatrixCapabilities.MSC4039DownloadFile: item images uploaded to Matrix (mxc://). */
export const DOWNLOAD_FILE = 'org.matrix.msc4039.download_file';

// The raw MSC2762 strings, built the way the runtime builds what it requests.
const send = (spec: CapabilitySpec) => capabilityList(spec).required;

/** The optional capabilities behind each feature the binding offers. */
export const FOOD_TRUCK_GRANTS = {
  sendOrder: send({ sendEvents: [{ type: EventTypes.order }] }),
  sendStatus: send({ sendEvents: [{ type: EventTypes.orderStatus }] }),
  sendMenu: send({ sendState: [{ type: EventTypes.menu, stateKey: '' }] }),
  createRoot: send({ sendState: [{ type: EventTypes.root, stateKey: 'orders' }], sendEvents: [{ type: 'm.room.message', msgtype: 'm.notice' }] }),
};
export type FoodTruckGrant = keyof typeof FOOD_TRUCK_GRANTS;

export const FOOD_TRUCK_CAPABILITIES: CapabilitySpec = {
  readState: [
    { type: EventTypes.menu, stateKey: '' },
    { type: EventTypes.root, stateKey: 'orders' },
    { type: 'm.room.power_levels', stateKey: '' },
  ],
  readEvents: [{ type: EventTypes.order }, { type: EventTypes.orderStatus }],
  // Members: the vendor's queue names who ordered.
  optional: [...Object.values(FOOD_TRUCK_GRANTS).flat(), DOWNLOAD_FILE, READ_MEMBERS],
};
