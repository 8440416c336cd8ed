import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import { themeTokens } from '../shared/theme.js';
import type { OrderLine } from './cart.js';
import { defaultFilters, filterStorageKey, storage } from './filters-key.js';
import type { MenuFilters } from './filters.js';
import { allergenInfo, checkMenu, formatPrice } from './menu.js';
import type { AllergenId, Availability, Menu, MenuCheck, MenuItem, MenuSection } from './menu.js';
import type { Order, OrderStatus, OrderStatusEvent } from './orders.js';
import type { OrderingView } from './ordering-view.js';
import type { VendorView } from './vendor-view.js';
import type { FilterPanel } from './filters-panel.js';
import type * as More from './menu-more.js';
import type { MenuMedia } from './menu-media.js';
import type * as RoomLink from './room-link.js';
import { locales, strings } from './strings.js';
import type { CoreKey } from './strings.js';
import { styles } from './food-truck-menu.styles.js';

/** Detail of `devroom-place-order`. Re-sent unchanged (same `orderLocalId`) on retry: dedupe on it. */
export interface PlaceOrderDetail {
  orderLocalId: string;
  lines: OrderLine[];
  note?: string;
  /** Minor units of `currency`. */
  total: number;
  currency: string;
}

/** Detail of `devroom-discard-order`: a failed order the customer dropped (never to be sent). */
export interface DiscardOrderDetail {
  orderLocalId: string;
}

/** Detail of `devroom-order-status` (vendor only). */
export interface OrderStatusDetail {
  orderId: string;
  status: OrderStatus;
  reason?: string;
  pickupNumber?: number;
}

export type MenuChange =
  | { kind: 'availability'; itemId: string; availability: Availability }
  | { kind: 'price'; itemId: string; price: number };

/** Detail of `devroom-menu-update` (vendor only): the whole new menu, plus what changed. */
export interface MenuUpdateDetail {
  menu: Menu;
  change: MenuChange;
}

declare module '../shared/events.js' {
  interface DevroomEventMap {
    'devroom-place-order': PlaceOrderDetail;
    'devroom-discard-order': DiscardOrderDetail;
    'devroom-order-status': OrderStatusDetail;
    'devroom-menu-update': MenuUpdateDetail;
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'devroom-place-order': CustomEvent<PlaceOrderDetail>;
    'devroom-discard-order': CustomEvent<DiscardOrderDetail>;
    'devroom-order-status': CustomEvent<OrderStatusDetail>;
    'devroom-menu-update': CustomEvent<MenuUpdateDetail>;
  }
}

/** An order the customer placed that the room / backend has not confirmed yet. */
export interface PendingOrder {
  detail: PlaceOrderDetail;
  state: 'sending' | 'failed' | 'sent';
  orderId?: string;
}

/**
 * @summary A food truck's menu with allergens, live availability, a cart, ordering with
 * pickup numbers, and the vendor's order queue.
 *
 * @event devroom-place-order - The customer placed an order. `{orderLocalId, lines, note?, total, currency}`.
 *   Answer with `markOrderSent(localId, orderId?)` / `markOrderFailed(localId)`, or by putting the
 *   order (with `localId`) into `orders`. A retry re-emits the same `orderLocalId`.
 * @event devroom-discard-order - The customer dropped an order that was not sent. `{orderLocalId}`: never send it.
 * @event devroom-order-status - Vendor changed an order's status. `{orderId, status, reason?, pickupNumber?}`.
 * @event devroom-menu-update - Vendor changed availability or a price. `{menu, change}`: `menu` is the whole new menu.
 *
 * @csspart base - The wrapper.
 * @csspart header - Vendor name, opening hours, ordering cut-off.
 * @csspart room-link - "Order in the Matrix room" link on read-only pages (`room-link`).
 * @csspart error - The visible error when a menu could not be loaded.
 * @csspart filters - The allergen and diet filters.
 * @csspart section - A menu section.
 * @csspart item - A menu item.
 * @csspart price - A price.
 * @csspart badge - An availability or time badge.
 * @csspart allergens - The allergen lists of an item.
 * @csspart add-button - An item's "Add" button.
 * @csspart cart - The customer's cart.
 * @csspart checkout-button - "Place order".
 * @csspart orders - The customer's own orders.
 * @csspart ready - The "ready for pickup" banner.
 * @csspart queue - The vendor's order queue.
 * @csspart order - One order in the vendor's queue.
 *
 * @cssproperty --devroom-color-accent - Buttons and highlights.
 * @cssproperty --devroom-color-danger - Sold out, errors.
 * @cssproperty --devroom-color-warning - Low stock, price changes.
 *
 * @tagname devroom-food-truck-menu
 */
export class DevroomFoodTruckMenu extends LitElement {
  static override styles = [themeTokens, styles];

  // Declared here rather than with decorators: the page then needs no decorator code.
  static override properties = {
    menu: { attribute: false },
    src: {},
    ordering: { type: Boolean, reflect: true },
    canManage: { type: Boolean, attribute: 'can-manage', reflect: true },
    roomLink: { attribute: 'room-link' },
    orders: { attribute: false },
    statusEvents: { attribute: false },
    userId: { attribute: 'user-id' },
    cartKey: { attribute: 'cart-key' },
    noJsonLd: { type: Boolean, attribute: 'no-json-ld' },
    sendTimeout: { type: Number, attribute: 'send-timeout' },
    loadMedia: { attribute: false },
    theme: { reflect: true },
    _menu: { state: true, attribute: false },
    _errors: { state: true, attribute: false },
    _loading: { state: true, attribute: false },
    _filters: { state: true, attribute: false },
    _now: { state: true, attribute: false },
    _announce: { state: true, attribute: false },
    _filtersOpen: { state: true, attribute: false },
  };

  /** The menu (untrusted JSON or a `Menu`); validated with `parseMenu` (menu-errors.ts). Takes precedence over `src` and inline JSON. */
  menu: unknown;

  /** URL of menu JSON. Used when `menu` is not set. */
  src: string | undefined;

  /** Show the cart and ordering. Set it only when something answers `devroom-place-order`. */
  ordering = false;

  /** Vendor mode: order queue, status changes, sold-out toggles and price edits. */
  canManage = false;

  /** Read-only pages: where to order instead (e.g. a matrix.to link), shown while ordering is open and `ordering` is off. */
  roomLink: string | undefined;

  /** Orders visible to this viewer (the vendor: all; customers: at least their own). */
  orders: Order[] = [];

  /** Status events for `orders`, in any order; folded with the lifecycle rules. */
  statusEvents: OrderStatusEvent[] = [];

  /** The viewer's id; orders whose `sender` equals it are "mine" (unless `Order.mine` says otherwise). */
  userId: string | undefined;

  /**
   * Where this browser tab keeps the cart, with `user-id` and the truck's name, so that it comes
   * back after a reload (sessionStorage). Default: the page's path. Widgets set the room.
   */
  cartKey: string | undefined;

  /** Do not add schema.org JSON-LD to the light DOM (widgets set this). */
  noJsonLd = false;

  /** After this many ms without `markOrderSent`/`markOrderFailed`, an order counts as not sent. */
  sendTimeout = 20_000;

  theme: 'light' | 'dark' | undefined;

  /**
   * Turns an `mxc://` item image into a displayable URL, undefined when it cannot (widgets:
   * the client's download_file). Its `blob:` URLs belong to the element, which revokes them.
   * Without it (plain pages) mxc images show their placeholder.
   */
  loadMedia: ((mxc: string) => Promise<string | undefined>) | undefined;

  // The @internal members below are used by the lazily loaded parts (menu-source, views).
  /** @internal The menu on screen (the last one that validated). */
  _menu: Menu | undefined;
  /** @internal */
  _errors: string[] = [];
  /** @internal */
  _loading = false;
  /** @internal */
  _filters: MenuFilters = defaultFilters();
  /** @internal */
  _now = Date.now();
  private _announce = '';
  /** @internal The filter panel was opened (its checkboxes load then). */
  _filtersOpen = false;

  /** @internal */
  readonly i18n = new LocaleController(this, strings);
  /** @internal */ _ordering?: OrderingView;
  /** @internal */ _vendor?: VendorView;
  /** @internal */ _filterPanel?: FilterPanel;
  /** @internal mxc:// images (menu-media.ts, asked for by menu-more.ts's renderImage). */ _media?: MenuMedia;
  /** @internal */ _jsonLd?: HTMLScriptElement;
  /** @internal The `src` fetch in flight. */ _abort?: AbortController;
  /** Lazy modules asked for (each once). */
  #asked = new Set<string>();
  /** Orders to show as not sent once the ordering view is here (restoreOrder). */
  #restored: PlaceOrderDetail[] = [];
  /** Lazy module loads in flight; `updateComplete` waits for them. */
  #loads = new Set<Promise<unknown>>();
  #filtersVendor?: string;
  /** This browser remembers filters for the truck, and the filter panel that reads them is not loaded yet. */
  #filtersStored = false;
  /** The last menu check: only its problems are worded. */
  #check?: MenuCheck;
  /** menu-source.ts could not load: the next update asks again. */
  #srcRetry?: boolean;
  /** A menu waiting for menu-more.ts (checkMenu said `later`). */
  #later?: unknown;
  #clock?: ReturnType<typeof setInterval>;
  /** Selector to focus after the next render (keyboard users keep their place when a form opens or closes). */
  #focusNext?: string;

  /** The menu on screen (the last one that validated). */
  get currentMenu(): Menu | undefined {
    return this._menu;
  }

  /** Validation or loading errors of the last menu that was offered; empty when it was accepted. */
  get menuErrors(): readonly string[] {
    return this._errors;
  }

  // Pending orders live in the ordering view: nothing can be ordered before it has loaded,
  // and once loaded it stays, so sending, timeouts and retries work offline.

  /** Orders placed from this element that are not in `orders` yet. */
  get pendingOrders(): readonly PendingOrder[] {
    return this._ordering?.pending ?? [];
  }

  /** True while an order is being sent (the checkout button is disabled). */
  get sending(): boolean {
    return !!this._ordering?.sending();
  }

  /** The order reached the backend / room. */
  markOrderSent(localId: string, orderId?: string): void {
    this._ordering?.sent(localId, orderId);
  }

  /** Sending failed: the customer sees "not sent" and a retry that re-emits the same `orderLocalId`. */
  markOrderFailed(localId: string): void {
    this._ordering?.failed(localId);
  }

  /** Re-sends a failed order with the same `orderLocalId`. */
  retryOrder(localId: string): void {
    this._ordering?.retry(localId);
  }

  /**
   * Shows an order placed before a reload that was never confirmed as not sent, with Retry
   * (the same `orderLocalId` again) and Discard. Check first that it did not arrive.
   */
  restoreOrder(detail: PlaceOrderDetail): void {
    this.#restored.push(detail);
    this.requestUpdate();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => (this._now = Date.now()), 15_000);
    const script = this.menu === undefined && !this.src && this.querySelector(':scope > script[type="application/json"]');
    if (script) {
      try {
        this._accept(JSON.parse(script.textContent ?? ''));
      } catch (e) {
        this._errors = [`inline JSON: ${(e as Error).message}`];
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    this._ordering?.stop();
    this._abort?.abort();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this.#loads.size) {
      await Promise.all(this.#loads);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** A first render in German (or another loaded language) waits for its dictionary. */
  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.i18n.lang, strings, locales, 'devroom-food-truck-menu');
    super.scheduleUpdate();
  }

  /** @internal */
  t(key: CoreKey, ...args: unknown[]): string {
    return this.i18n.t(key, ...args);
  }

  /** @internal */
  focusNext(selector: string): void {
    this.#focusNext = selector;
    this.requestUpdate();
  }

  /** @internal Polite screen-reader announcement. */
  announce(text: string): void {
    this._announce = text;
  }

  /** @internal Validates a menu: shown when good, else its errors (the last good menu stays). */
  _accept(json: unknown): void {
    const result = (this.#check = checkMenu(json));
    this.#later = undefined;
    if (!result.ok) {
      if (result.later) return void (this.#later = json);
      // The paths at once (they need no words, and work offline); the messages when their module is there.
      this._errors = result.issues.map(([at]) => at);
      this.#lazy(true, '', () => import('./menu-issues.js'), (m) => {
        if (this.#check === result) this._errors = result.issues.map(m.issueText);
      });
      return;
    }
    this._errors = [];
    const menu = (this._menu = result.menu);
    const vendor = menu.vendor.name;
    if (this.#filtersVendor !== vendor) {
      this.#filtersVendor = vendor;
      // Remembered filters are read by the filter panel's module; the menu waits for it only when there are some.
      this._filters = this._filterPanel?.load(vendor) ?? defaultFilters();
      this.#filtersStored = !this._filterPanel && !!storage()?.getItem(filterStorageKey(vendor));
    }
  }

  /**
   * Shows that part `name` could not load, when `show`. Only when no error shows yet: a changed
   * _errors is an update, an update asks again at once, and offline that would loop.
   */
  #failed(name: string, show: unknown): void {
    if (show && !this._errors.length) this._errors = [`${name}: not downloaded, trying again`];
  }

  /** Loads a module once per `key` while `want`; the element re-renders when it arrives. */
  #lazy<T>(want: unknown, key: string, load: () => Promise<T>, done: (value: T) => void, failed?: () => void): void {
    if (!want || this.#asked.has(key)) return;
    if (key) this.#asked.add(key);
    const p = load()
      .then(
        (value) => {
          done(value);
          this.requestUpdate();
        },
        (error: unknown) => {
          // Offline or a missing chunk: what is on screen stays, the next update asks again,
          // and updateComplete does not reject.
          this.#asked.delete(key);
          console.error('devroom-food-truck-menu: could not load a part', error);
          failed?.();
        },
      )
      .finally(() => this.#loads.delete(p));
    this.#loads.add(p);
  }

  // ---- lifecycle ----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('menu') && this.menu !== undefined) this._accept(this.menu);
    // A plain page's `src`: fetched by a module of its own (widgets never set it).
    if ((changed.has('src') || this.#srcRetry) && this.menu === undefined) {
      this.#srcRetry = false;
      this._abort?.abort();
      this._loading = !!this.src;
      // If its module cannot load: "Loading menu…" stayed for good (nothing asked again).
      // Say so, and ask again at the next update (the clock's, every 15 s).
      this.#lazy(this.src, '', () => import('./menu-source.js'), (m) => void m.loadMenu(this), () => {
        this.#srcRetry = true;
        this.#failed('menu-source', true);
      });
    }
    // A menu with the rarer fields (options, times, images, vendor link) waits for menu-more.ts to check them;
    // an accepted one with opening hours or time windows needs it to render them.
    const m = this._menu;
    const rare = this.#later !== undefined || (m && (m.openingHours.length || m.sections.some((s) => s.items.some((i) => i.window))));
    this.#lazy(
      !more && rare,
      'm',
      () => import('./menu-more.js'),
      (mod) => {
        more = mod;
        if (this.#later !== undefined) this._accept(this.#later);
      },
      // With no menu on screen the customer saw only "Loading menu…", for as long as the
      // connection was down: say it failed (the clock's next update asks again).
      () => this.#failed('menu-more', !this._menu),
    );
    this.#lazy(this.roomLink && !roomLink, 'l', () => import('./room-link.js'), (mod) => (roomLink = mod));
    if (changed.has('orders') || changed.has('statusEvents')) this._ordering?.ordersChanged();
    this.#lazy(this.ordering, 'o', () => import('./ordering-view.js'), (m) => (this._ordering = new m.OrderingView(this)).ordersChanged());
    if (this._ordering) {
      this._ordering.follow();
      for (const detail of this.#restored.splice(0)) this._ordering.restore(detail);
    }
    this.#lazy(this._filtersOpen || this.#filtersStored, 'f', () => import('./filters-panel.js'), (m) => {
      const panel = (this._filterPanel = new m.FilterPanel(this));
      if (this.#filtersVendor !== undefined) this._filters = panel.load(this.#filtersVendor);
      this.#filtersStored = false;
    });
    this.#lazy(this.canManage, 'v', () => import('./vendor-view.js'), (m) => (this._vendor = new m.VendorView(this)));
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this.#focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusNext)?.focus();
      this.#focusNext = undefined;
    }
    if (changed.has('_menu') || changed.has('noJsonLd')) {
      const menu = this._menu;
      // JSON-LD goes into the light DOM (crawlers read it anywhere); its generator loads only when needed.
      if (this.noJsonLd || !menu) {
        this._jsonLd?.remove();
        this._jsonLd = undefined;
      } else this.#lazy(true, '', () => import('./jsonld.js'), (m) => m.syncJsonLd(this, menu));
    }
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const menu = this._menu;
    return html`
      <div part="base" class="base">
        ${renderError(this)}
        ${menu && !this.#filtersStored
          ? renderMenu(this, menu)
          : html`<p class="muted">${this._loading || this.#later !== undefined || this.#filtersStored ? this.t('loading') : this._errors.length ? nothing : this.t('noMenu')}</p>`}
        <div class="sr-only" role="status">${this._announce}</div>
      </div>
    `;
  }
}

type Host = DevroomFoodTruckMenu;

/** menu-more.ts (the rarer fields' checks; opening hours and time-window rendering), once loaded. */
let more: typeof More | undefined;
/** room-link.ts (read-only pages' "Order in the Matrix room"), once loaded. */
let roomLink: typeof RoomLink | undefined;

function renderError(h: Host): TemplateResult | typeof nothing {
  const errors = h._errors;
  if (!errors.length) return nothing;
  return html`<div part="error" class="error" role="alert">
    <p>${h.t('menuError')}</p>
    <ul>
      ${errors.slice(0, 8).map((e) => html`<li><code>${e}</code></li>`)}
      ${errors.length > 8 ? html`<li>… +${errors.length - 8}</li>` : nothing}
    </ul>
    ${h._menu ? html`<p>${h.t('keptLastGood')}</p>` : nothing}
  </div>`;
}

function renderMenu(h: Host, menu: Menu): TemplateResult {
  const vendor = h.canManage ? h._vendor : undefined;
  const ordering = h.ordering ? h._ordering : undefined;
  const panel = h._filterPanel;
  const active = h._filters.avoid.length + h._filters.diets.length;
  return html`
    ${ordering?.renderReady() ?? nothing} ${renderHeader(h, menu, ordering)} ${vendor?.renderTabs() ?? nothing}
    ${vendor?.queueShown
      ? vendor.renderQueue(h._now)
      : html`<div class="layout ${ordering ? 'with-cart' : ''}">
          <div class="menu">
            <details part="filters" class="filters" ?open=${active > 0} @toggle=${(e: Event) => (h._filtersOpen = (e.target as HTMLDetailsElement).open)}>
              <summary>${h.t('filters', active)}</summary>
              ${panel?.render(menu) ?? nothing}
            </details>
            ${panel?.renderNote(menu) ?? nothing} ${menu.sections.map((s) => renderSection(h, menu, s))}
          </div>
          ${ordering?.renderSide(menu)}
        </div>`}
  `;
}

function renderHeader(h: Host, menu: Menu, ordering: OrderingView | undefined): TemplateResult {
  // A div, not <header>: several menus on one page must not each add a banner landmark.
  return html`<div part="header" class="header">
    <h2>${menu.vendor.name}</h2>
    ${menu.vendor.location ? html`<p class="muted">${menu.vendor.location}</p>` : nothing}
    ${menu.openingHours.length && more ? more.renderHours(h, menu, ordering?.ordersUntil(menu, more.time) ?? nothing) : nothing}
    ${ordering?.closedNotice(menu) ?? nothing}
    ${roomLink?.renderRoomLink(h, menu)}
  </div>`;
}

function renderSection(h: Host, menu: Menu, section: MenuSection): TemplateResult | typeof nothing {
  const items = section.items.filter((i) => (h.canManage || i.availability !== 'hidden') && (h._filterPanel?.passes(i) ?? true));
  if (!items.length) return nothing;
  return html`<section part="section" class="section" aria-labelledby="section-${section.id}">
    <h3 id="section-${section.id}">${section.name}</h3>
    ${section.description ? html`<p class="muted">${section.description}</p>` : nothing}
    <ul class="items" role="list">
      ${items.map((i) => html`<li>${renderItem(h, menu, i)}</li>`)}
    </ul>
  </section>`;
}

const badge = (text: string, kind = '') => html`<span part="badge" class="badge ${kind}">${text}</span>`;

function renderItem(h: Host, menu: Menu, item: MenuItem): TemplateResult {
  const locale = h.i18n.locale;
  const a = item.availability;
  const w = item.window;
  const when = w && more?.windowText(h, w);
  const ordering = h.ordering && !h.canManage ? h._ordering : undefined;
  const vendor = h.canManage ? h._vendor : undefined;
  const { contains, mayContain } = item.allergens;
  const list = (ids: AllergenId[]) =>
    html`<ul class="allergen-list" role="list">
      ${ids.map((id, i) => html`<li><span aria-hidden="true">${allergenInfo(id).icon}</span> ${h.t('allergen', id)}${i < ids.length - 1 ? ', ' : ''}</li>`)}
    </ul>`;
  return html`<article part="item" class="item ${a}" aria-labelledby="item-${item.id}">
    ${more?.renderImage(h, item)}
    <div class="item-body">
      <div class="item-head">
        <h4 id="item-${item.id}">${item.name}</h4>
        <span part="price" class="price">${formatPrice(item.price, menu.currency, locale)}</span>
      </div>
      <div class="badges">${a === 'sold-out' ? badge(h.t('soldOut'), a) : a === 'low' ? badge(h.t('low'), a) : a === 'hidden' ? (vendor?.hiddenBadge() ?? nothing) : nothing}${when ? badge(when) : nothing}</div>
      ${item.description ? html`<p class="description">${item.description}</p>` : nothing}
      ${item.diets.length
        ? html`<ul class="diets" role="list">
            ${item.diets.map((d) => html`<li>${h.t('diet', d)}</li>`)}
          </ul>`
        : nothing}
      ${contains.length || mayContain.length
        ? html`<div part="allergens" class="allergens">
            ${contains.length ? html`<div class="contains"><span class="label">${h.t('contains')}</span> ${list(contains)}</div>` : nothing}
            ${mayContain.length ? html`<div class="may-contain"><span class="label">${h.t('mayContain')}</span> ${list(mayContain)}</div>` : nothing}
          </div>`
        : html`<p part="allergens" class="allergens muted">${h.t('noAllergens')}</p>`}
      ${vendor?.renderItemAdmin(menu, item) ?? nothing}
      ${ordering?.addButton(menu, item) ?? nothing}
    </div>
  </article>`;
}
