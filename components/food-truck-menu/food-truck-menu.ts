import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { emit } from '../shared/events.js';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import { checkUrl, safeUrl } from '../shared/safe-url.js';
import { themeTokens } from '../shared/theme.js';
import type { OrderLine } from './cart.js';
import { defaultFilters, isFiltering, loadFilters, passesFilters, saveFilters } from './filters.js';
import type { MenuFilters } from './filters.js';
import { ALLERGENS, DIETS, allergenInfo, allergenName, allItems, dietName, formatPrice, inWindow, isOpen, orderingOpen, parseMenu } from './menu.js';
import type { AllergenId, Availability, Menu, MenuItem } from './menu.js';
import type { Order, OrderStatus, OrderStatusEvent } from './orders.js';
import type { OrderingView } from './ordering-view.js';
import type { VendorView } from './vendor-view.js';
import type { FilterPanel } from './filters-panel.js';
import { locales, strings } from './strings.js';
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
    'devroom-order-status': OrderStatusDetail;
    'devroom-menu-update': MenuUpdateDetail;
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'devroom-place-order': CustomEvent<PlaceOrderDetail>;
    'devroom-order-status': CustomEvent<OrderStatusDetail>;
    'devroom-menu-update': CustomEvent<MenuUpdateDetail>;
  }
}

/** A language whose dictionary could not load: English from then on, no retry per render. */

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

  /** The menu (untrusted JSON or a `Menu`); validated with `parseMenu`. Takes precedence over `src` and inline JSON. */
  @property({ attribute: false }) menu?: unknown;

  /** URL of menu JSON. Used when `menu` is not set. */
  @property() src?: string;

  /** Show the cart and ordering. Set it only when something answers `devroom-place-order`. */
  @property({ type: Boolean, reflect: true }) ordering = false;

  /** Vendor mode: order queue, status changes, sold-out toggles and price edits. */
  @property({ type: Boolean, attribute: 'can-manage', reflect: true }) canManage = false;

  /** Read-only pages: where to order instead (e.g. a matrix.to link), shown while ordering is open and `ordering` is off. */
  @property({ attribute: 'room-link' }) roomLink?: string;

  /** Orders visible to this viewer (the vendor: all; customers: at least their own). */
  @property({ attribute: false }) orders: Order[] = [];

  /** Status events for `orders`, in any order; folded with the lifecycle rules. */
  @property({ attribute: false }) statusEvents: OrderStatusEvent[] = [];

  /** The viewer's id; orders whose `sender` equals it are "mine" (unless `Order.mine` says otherwise). */
  @property({ attribute: 'user-id' }) userId?: string;

  /** Do not add schema.org JSON-LD to the light DOM (widgets set this). */
  @property({ type: Boolean, attribute: 'no-json-ld' }) noJsonLd = false;

  /** After this many ms without `markOrderSent`/`markOrderFailed`, an order counts as not sent. */
  @property({ type: Number, attribute: 'send-timeout' }) sendTimeout = 20_000;

  @property({ reflect: true }) theme?: 'light' | 'dark';

  @state() private _menu?: Menu;
  @state() private _errors: string[] = [];
  @state() private _loading = false;
  @state() private _filters: MenuFilters = defaultFilters();
  @state() private _pending: PendingOrder[] = [];
  @state() private _now = Date.now();
  @state() private _announce = '';
  @state() private _view: 'menu' | 'orders' = 'menu';
  /** The filter panel was opened (its checkboxes load then). */
  @state() private _filtersOpen = false;

  private readonly i18n = new LocaleController(this, strings);
  private _ordering?: OrderingView;
  private _vendor?: VendorView;
  private _filterPanel?: FilterPanel;
  private _loadingFilterPanel = false;
  /** Lazy module loads in flight; `updateComplete` waits for them. */
  private _loads = new Set<Promise<unknown>>();
  private _myLocalIds = new Set<string>();
  private _filtersVendor?: string;
  private _abort?: AbortController;
  private _clock?: ReturnType<typeof setInterval>;
  private _timers = new Map<string, ReturnType<typeof setTimeout>>();
  private _jsonLd?: HTMLScriptElement;
  /** Selector to focus after the next render (keyboard users keep their place when a form opens or closes). */
  private _focusNext?: string;

  /** The menu on screen (the last one that validated). */
  get currentMenu(): Menu | undefined {
    return this._menu;
  }

  /** Validation or loading errors of the last menu that was offered; empty when it was accepted. */
  get menuErrors(): readonly string[] {
    return this._errors;
  }

  /** Orders placed from this element that are not in `orders` yet. */
  get pendingOrders(): readonly PendingOrder[] {
    return this._pending;
  }

  /** True while an order is being sent (the checkout button is disabled). */
  get sending(): boolean {
    return this._pending.some((p) => p.state === 'sending');
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this._clock = setInterval(() => (this._now = Date.now()), 15_000);
    if (this.menu === undefined && !this.src) this._readInline();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this._clock);
    this._abort?.abort();
    for (const t of this._timers.values()) clearTimeout(t);
    this._timers.clear();
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    while (this._loads.size) {
      await Promise.all(this._loads);
      done = await super.getUpdateComplete();
    }
    return done;
  }

  /** A first render in German (or another loaded language) waits for its dictionary. */
  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.i18n.lang, strings, locales, 'devroom-food-truck-menu');
    super.scheduleUpdate();
  }

  // ---- public API for whoever answers devroom-place-order ----

  /** The order reached the backend / room. */
  markOrderSent(localId: string, orderId?: string): void {
    this._clearTimer(localId);
    this._pending = this._pending.map((p) =>
      p.detail.orderLocalId === localId ? { ...p, state: 'sent', ...(orderId ? { orderId } : {}) } : p,
    );
    this._dropResolvedPending();
  }

  /** Sending failed: the customer sees "not sent" and a retry that re-emits the same `orderLocalId`. */
  markOrderFailed(localId: string): void {
    this._clearTimer(localId);
    this._pending = this._pending.map((p) => (p.detail.orderLocalId === localId && p.state === 'sending' ? { ...p, state: 'failed' } : p));
  }

  /** Re-sends a failed order with the same `orderLocalId`. */
  retryOrder(localId: string): void {
    const p = this._pending.find((x) => x.detail.orderLocalId === localId);
    if (p?.state === 'failed') this._send(localId);
  }

  // ---- used by the lazily loaded views ----

  /** @internal */
  startOrder(detail: PlaceOrderDetail): void {
    this._myLocalIds.add(detail.orderLocalId);
    this._pending = [...this._pending, { detail, state: 'sending' }];
    this._send(detail.orderLocalId);
  }

  /** @internal Whether an order was placed by this viewer. */
  isMine(order: Order): boolean {
    if (order.mine !== undefined) return order.mine;
    if (order.localId && this._myLocalIds.has(order.localId)) return true;
    return this.userId !== undefined && order.sender === this.userId;
  }

  /** @internal */
  focusNext(selector: string): void {
    this._focusNext = selector;
    this.requestUpdate();
  }

  /** @internal Polite screen-reader announcement. */
  announce(text: string): void {
    this._announce = text;
  }

  // ---- menu sources ----

  private _readInline(): void {
    const script = this.querySelector(':scope > script[type="application/json"]');
    if (!script) return;
    try {
      this._accept(JSON.parse(script.textContent ?? ''));
    } catch (e) {
      this._errors = [`inline JSON: ${(e as Error).message}`];
    }
  }

  private _accept(json: unknown): void {
    const result = parseMenu(json);
    if (!result.ok) {
      this._errors = result.errors;
      return;
    }
    this._errors = [];
    this._menu = result.menu;
    if (this._filtersVendor !== result.menu.vendor.name) {
      this._filtersVendor = result.menu.vendor.name;
      this._filters = loadFilters(result.menu.vendor.name);
    }
  }

  private async _load(): Promise<void> {
    this._abort?.abort();
    if (!this.src) return;
    const checked = checkUrl(this.src);
    if (!checked.ok) {
      this._errors = [`src: ${checked.reason}`];
      return;
    }
    const abort = (this._abort = new AbortController());
    this._loading = true;
    try {
      const response = await fetch(checked.url, { signal: abort.signal, headers: { accept: 'application/json' } });
      if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
      const body = await response.text();
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch (e) {
        throw new Error(`not valid JSON (${(e as Error).message})`);
      }
      if (!abort.signal.aborted) this._accept(json);
    } catch (e) {
      if (!abort.signal.aborted) this._errors = [`${this.src}: ${(e as Error).message}`];
    } finally {
      if (this._abort === abort) this._loading = false;
    }
  }

  /** Loads a view module once; the element re-renders when it arrives. */
  private _lazy<T>(load: () => Promise<T>, done: (value: T) => void): void {
    const p = load()
      .then((value) => {
        done(value);
        this.requestUpdate();
      })
      .finally(() => this._loads.delete(p));
    this._loads.add(p);
  }

  // ---- lifecycle ----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('menu') && this.menu !== undefined) this._accept(this.menu);
    if (changed.has('src') && this.menu === undefined) void this._load();
    if (changed.has('orders')) this._dropResolvedPending();
    if ((changed.has('orders') || changed.has('statusEvents')) && this._ordering) this._ordering.ordersChanged();
    if (this.ordering && !this._ordering && !this._loadingOrdering) {
      this._loadingOrdering = true;
      this._lazy(
        () => import('./ordering-view.js'),
        (m) => {
          this._ordering = new m.OrderingView(this);
          this._ordering.ordersChanged();
        },
      );
    }
    if ((this._filtersOpen || isFiltering(this._filters)) && !this._loadingFilterPanel) {
      this._loadingFilterPanel = true;
      this._lazy(
        () => import('./filters-panel.js'),
        (m) => (this._filterPanel = new m.FilterPanel(this)),
      );
    }
    if (this.canManage && !this._vendor && !this._loadingVendor) {
      this._loadingVendor = true;
      this._lazy(
        () => import('./vendor-view.js'),
        (m) => (this._vendor = new m.VendorView(this)),
      );
    }
  }

  private _loadingOrdering = false;
  private _loadingVendor = false;

  protected override updated(changed: PropertyValues<this>): void {
    if (this._focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this._focusNext)?.focus();
      this._focusNext = undefined;
    }
    if (changed.has('_menu' as keyof DevroomFoodTruckMenu) || changed.has('noJsonLd')) this._syncJsonLd();
  }

  /**
   * JSON-LD goes into the element's light DOM: it lives and dies with the element, and
   * crawlers read it anywhere in the document. Its generator is loaded only when needed
   * (widgets set `no-json-ld`).
   */
  private _syncJsonLd(): void {
    const menu = this._menu;
    if (this.noJsonLd || !menu) {
      this._jsonLd?.remove();
      this._jsonLd = undefined;
      return;
    }
    this._lazy(
      () => import('./jsonld.js'),
      ({ menuToJsonLd }) => {
        if (this.noJsonLd || this._menu !== menu) return;
        const script = (this._jsonLd ??= document.createElement('script'));
        script.type = 'application/ld+json';
        // textContent, not innerHTML: a "</script>" inside a menu name cannot break out.
        script.textContent = JSON.stringify(menuToJsonLd(menu, { inLanguage: this.i18n.lang }));
        if (script.parentNode !== this) this.append(script);
      },
    );
  }

  // ---- ordering ----

  private _dropResolvedPending(): void {
    const resolved = (p: PendingOrder) =>
      this.orders.some((o) => (o.localId !== undefined && o.localId === p.detail.orderLocalId) || (p.orderId !== undefined && o.id === p.orderId));
    if (!this._pending.some(resolved)) return;
    for (const p of this._pending.filter(resolved)) this._clearTimer(p.detail.orderLocalId);
    this._pending = this._pending.filter((p) => !resolved(p));
  }

  private _clearTimer(localId: string): void {
    clearTimeout(this._timers.get(localId));
    this._timers.delete(localId);
  }

  private _send(localId: string): void {
    const p = this._pending.find((x) => x.detail.orderLocalId === localId);
    if (!p) return;
    this._pending = this._pending.map((x) => (x === p ? { ...x, state: 'sending' } : x));
    this._clearTimer(localId);
    this._timers.set(
      localId,
      setTimeout(() => this.markOrderFailed(localId), this.sendTimeout),
    );
    emit(this, 'devroom-place-order', p.detail);
  }

  // ---- filters ----

  private _setFilters(next: MenuFilters): void {
    this._filters = next;
    if (this._menu) saveFilters(this._menu.vendor.name, next);
  }

  private _toggleAvoid(id: AllergenId, on: boolean): void {
    const avoid = on ? [...this._filters.avoid, id] : this._filters.avoid.filter((a) => a !== id);
    this._setFilters({ ...this._filters, avoid: ALLERGENS.map((a) => a.id).filter((a) => avoid.includes(a)) });
  }

  private _toggleDiet(tag: string, on: boolean): void {
    const diets = on ? [...this._filters.diets, tag] : this._filters.diets.filter((d) => d !== tag);
    this._setFilters({ ...this._filters, diets });
  }

  // ---- formatting ----

  private _price(minor: number): string {
    return formatPrice(minor, this._menu?.currency ?? 'EUR', this.i18n.locale);
  }

  private _time(iso: string | number): string {
    const d = new Date(iso);
    const sameDay = new Date(this._now).toDateString() === d.toDateString();
    return new Intl.DateTimeFormat(this.i18n.locale, {
      ...(sameDay ? {} : { weekday: 'short' }),
      hour: 'numeric',
      minute: '2-digit',
    }).format(d);
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const menu = this._menu;
    return html`
      <div part="base" class="base">
        ${this._renderError()}
        ${menu ? this._renderMenu(menu) : html`<p class="muted">${this._loading ? this.i18n.t('loading') : this._errors.length ? nothing : this.i18n.t('noMenu')}</p>`}
        <div class="sr-only" role="status">${this._announce}</div>
      </div>
    `;
  }

  private _renderError(): TemplateResult | typeof nothing {
    if (!this._errors.length) return nothing;
    const shown = this._errors.slice(0, 8);
    return html`<div part="error" class="error" role="alert">
      <p>${this.i18n.t('menuError')}</p>
      <ul>
        ${shown.map((e) => html`<li><code>${e}</code></li>`)}
        ${this._errors.length > shown.length ? html`<li>… +${this._errors.length - shown.length}</li>` : nothing}
      </ul>
      ${this._menu ? html`<p>${this.i18n.t('keptLastGood')}</p>` : nothing}
    </div>`;
  }

  private _renderMenu(menu: Menu): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const vendor = this.canManage ? this._vendor : undefined;
    const showQueue = vendor && this._view === 'orders';
    const ordering = this.ordering ? this._ordering : undefined;
    return html`
      ${ordering?.renderReady() ?? nothing}
      ${this._renderHeader(menu)}
      ${vendor
        ? html`<div class="tabs" role="group" aria-label=${t('vendorView')}>
            <button type="button" aria-pressed=${String(!showQueue)} @click=${() => (this._view = 'menu')}>${t('viewMenu')}</button>
            <button type="button" aria-pressed=${String(!!showQueue)} @click=${() => (this._view = 'orders')}>${t('viewOrders', vendor.activeCount())}</button>
          </div>`
        : nothing}
      ${showQueue
        ? vendor.renderQueue(this._now)
        : html`<div class="layout ${ordering ? 'with-cart' : ''}">
            <div class="menu">${this._renderFilters(menu)} ${menu.sections.map((s) => this._renderSection(menu, s))}</div>
            ${ordering ? html`<aside class="side">${ordering.renderCart(menu, this._now)} ${ordering.renderMyOrders()}</aside>` : nothing}
          </div>`}
    `;
  }

  private _renderHeader(menu: Menu): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const now = this._now;
    const current = menu.openingHours.find((p) => now >= Date.parse(p.opens) && now < Date.parse(p.closes));
    const upcoming = menu.openingHours.filter((p) => Date.parse(p.closes) > now);
    // A div, not <header>: several menus on one page must not each add a banner landmark.
    return html`<div part="header" class="header">
      <h2>${menu.vendor.name}</h2>
      ${menu.vendor.location ? html`<p class="muted">${menu.vendor.location}</p>` : nothing}
      ${menu.openingHours.length
        ? html`<p class="hours">
            <span class=${isOpen(menu, now) ? 'open' : 'closed'}>${current ? t('openNow', this._time(current.closes)) : t('closedNow')}</span>
            ${this.ordering && menu.ordering.open && menu.ordering.closesAt && Date.parse(menu.ordering.closesAt) > now
              ? html` · <span>${t('ordersUntil', this._time(menu.ordering.closesAt))}</span>`
              : nothing}
          </p>`
        : nothing}
      ${upcoming.length > 1 || (upcoming.length === 1 && !current)
        ? html`<details class="periods">
            <summary>${t('openingHours')}</summary>
            <ul>
              ${upcoming.map((p) => html`<li>${this._time(p.opens)} – ${this._time(p.closes)}</li>`)}
            </ul>
          </details>`
        : nothing}
      ${this.ordering && !orderingOpen(menu, now) ? html`<p class="notice">${t('orderingClosed')}</p>` : nothing}
      ${this._renderRoomLink(menu, now)}
    </div>`;
  }

  private _renderRoomLink(menu: Menu, now: number): TemplateResult | typeof nothing {
    const link = this.ordering || this.canManage ? undefined : safeUrl(this.roomLink, { absolute: true });
    if (!link || !orderingOpen(menu, now)) return nothing;
    return html`<p part="room-link"><a href=${link} target="_blank" rel="noopener noreferrer">${this.i18n.t('orderInRoom')}</a></p>`;
  }

  private _renderFilters(menu: Menu): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const f = this._filters;
    const items = allItems(menu).filter((i) => i.availability !== 'hidden');
    const tags = [...new Set(items.flatMap((i) => i.diets))].sort(
      (a, b) => (DIETS.findIndex((d) => d.id === a) + 1 || 99) - (DIETS.findIndex((d) => d.id === b) + 1 || 99),
    );
    const hiddenCount = items.filter((i) => !passesFilters(i, f)).length;
    const activeCount = f.avoid.length + f.diets.length;
    return html`
      <details
        part="filters"
        class="filters"
        ?open=${activeCount > 0}
        @toggle=${(e: Event) => (this._filtersOpen = (e.target as HTMLDetailsElement).open)}
      >
        <summary>${t('filters', activeCount)}</summary>
        ${this._filterPanel?.render({
          filters: f,
          tags,
          toggleAvoid: (id, on) => this._toggleAvoid(id, on),
          toggleDiet: (tag, on) => this._toggleDiet(tag, on),
          setStrict: (strict) => this._setFilters({ ...this._filters, strict }),
        }) ?? nothing}
      </details>
      ${isFiltering(f)
        ? html`<p class="filtered" aria-live="polite">
            ${hiddenCount ? t('hiddenByFilters', hiddenCount) : nothing}
            <button type="button" class="link" @click=${() => this._setFilters({ ...defaultFilters(), strict: f.strict })}>${t('clearFilters')}</button>
          </p>`
        : nothing}
    `;
  }

  private _renderSection(menu: Menu, section: Menu['sections'][number]): TemplateResult | typeof nothing {
    const items = section.items.filter((i) => (this.canManage || i.availability !== 'hidden') && passesFilters(i, this._filters));
    if (!items.length) return nothing;
    return html`<section part="section" class="section" aria-labelledby="section-${section.id}">
      <h3 id="section-${section.id}">${section.name}</h3>
      ${section.description ? html`<p class="muted">${section.description}</p>` : nothing}
      <ul class="items" role="list">
        ${items.map((i) => html`<li>${this._renderItem(menu, i)}</li>`)}
      </ul>
    </section>`;
  }

  private _renderBadges(item: MenuItem): TemplateResult[] {
    const t = this.i18n.t.bind(this.i18n);
    const out: TemplateResult[] = [];
    if (item.availability === 'sold-out') out.push(html`<span part="badge" class="badge sold-out">${t('soldOut')}</span>`);
    if (item.availability === 'low') out.push(html`<span part="badge" class="badge low">${t('low')}</span>`);
    if (item.availability === 'hidden') out.push(html`<span part="badge" class="badge">${t('hiddenItem')}</span>`);
    const w = item.window;
    if (w?.from && this._now < Date.parse(w.from)) out.push(html`<span part="badge" class="badge">${t('from', this._time(w.from))}</span>`);
    else if (w?.until) out.push(html`<span part="badge" class="badge">${t('until', this._time(w.until))}</span>`);
    return out;
  }

  private _renderAllergens(item: MenuItem): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const list = (ids: AllergenId[]) =>
      html`<ul class="allergen-list" role="list">
        ${ids.map(
          (id, i) =>
            html`<li><span aria-hidden="true">${allergenInfo(id).icon}</span> ${allergenName(id, this.i18n.locale)}${i < ids.length - 1 ? ', ' : ''}</li>`,
        )}
      </ul>`;
    const { contains, mayContain } = item.allergens;
    if (!contains.length && !mayContain.length) return html`<p part="allergens" class="allergens muted">${t('noAllergens')}</p>`;
    return html`<div part="allergens" class="allergens">
      ${contains.length ? html`<div class="contains"><span class="label">${t('contains')}</span> ${list(contains)}</div>` : nothing}
      ${mayContain.length ? html`<div class="may-contain"><span class="label">${t('mayContain')}</span> ${list(mayContain)}</div>` : nothing}
    </div>`;
  }

  private _renderItem(menu: Menu, item: MenuItem): TemplateResult {
    const orderable = item.availability !== 'sold-out' && item.availability !== 'hidden' && inWindow(item.window, this._now) && orderingOpen(menu, this._now);
    const nameId = `item-${item.id}`;
    const ordering = this.ordering && !this.canManage ? this._ordering : undefined;
    const vendor = this.canManage ? this._vendor : undefined;
    return html`<article part="item" class="item ${item.availability}" aria-labelledby=${nameId}>
      ${item.image ? html`<img src=${item.image.url} alt=${item.image.alt} loading="lazy" width="96" height="96" />` : nothing}
      <div class="item-body">
        <div class="item-head">
          <h4 id=${nameId}>${item.name}</h4>
          <span part="price" class="price">${this._price(item.price)}</span>
        </div>
        <div class="badges">${this._renderBadges(item)}</div>
        ${item.description ? html`<p class="description">${item.description}</p>` : nothing}
        ${item.diets.length
          ? html`<ul class="diets" role="list">
              ${item.diets.map((d) => html`<li>${dietName(d, this.i18n.locale)}</li>`)}
            </ul>`
          : nothing}
        ${this._renderAllergens(item)} ${vendor?.renderItemAdmin(menu, item) ?? nothing} ${ordering?.addButton(item, orderable) ?? nothing}
      </div>
    </article>`;
  }
}
