import { html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { safeUrl } from '../shared/safe-url.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { orderingOpen } from './menu-extras.js';
import type { Menu } from './menu.js';

/**
 * "Order in the Matrix room" on read-only pages (the `room-link` property, e.g. a matrix.to
 * link), while ordering is open and this page does not order itself. Loaded only where one
 * is set: a widget never sets it, so its first load does not carry this or the URL check.
 */
export function renderRoomLink(h: DevroomFoodTruckMenu, menu: Menu): TemplateResult | typeof nothing {
  const link = !h.ordering && !h.canManage && orderingOpen(menu, h._now) && safeUrl(h.roomLink, { absolute: true });
  return link
    ? html`<p part="room-link">
        <a href=${link} target="_blank" rel="noopener noreferrer">${h.i18n.lang.startsWith('de') ? 'Im Matrix-Raum bestellen' : 'Order in the Matrix room'}</a>
      </p>`
    : nothing;
}
