import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { emit } from '../shared/events.js';
import { LocaleController } from '../shared/i18n.js';
import { checkUrl } from '../shared/safe-url.js';
import { themeTokens } from '../shared/theme.js';
import {
  acceptPrices,
  addToCart,
  checkChoices,
  emptyCart,
  removeLine,
  removeUnavailable,
  reviewCart,
  setNote,
  setQuantity,
  toOrderLines,
  unitPrice,
} from './cart.js';
import type { Cart, Choices, LineIssue, OrderLine, ReviewedLine } from './cart.js';
import { defaultFilters, isFiltering, loadFilters, passesFilters, saveFilters } from './filters.js';
import type { MenuFilters } from './filters.js';
import { menuToJsonLd } from './jsonld.js';
import {
  ALLERGENS,
  DIETS,
  allergenInfo,
  allergenName,
  allItems,
  decimalPrice,
  dietName,
  findItem,
  formatDelta,
  formatPrice,
  inWindow,
  isOpen,
  orderingOpen,
  parseMenu,
  parsePriceInput,
} from './menu.js';
import type { AllergenId, Availability, Menu, MenuItem, OptionGroup } from './menu.js';
import { TERMINAL, buildQueue, canTransition, foldOrders, nextPickupNumber, nextStep } from './orders.js';
import type { Order, OrderPhase, OrderState, OrderStatus, OrderStatusEvent } from './orders.js';
import { strings } from './strings.js';
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

interface PendingOrder {
  detail: PlaceOrderDetail;
  state: 'sending' | 'failed' | 'sent';
  orderId?: string;
}

const QUEUE_PHASES: readonly OrderPhase[] = ['placed', 'received', 'preparing', 'ready'];
const AVAILABILITY_OPTIONS: readonly Availability[] = ['available', 'low', 'sold-out', 'hidden'];

function newLocalId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
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
  @state() private _cart: Cart = emptyCart();
  @state() private _filters: MenuFilters = defaultFilters();
  @state() private _pending: PendingOrder[] = [];
  @state() private _now = Date.now();
  @state() private _choosing?: string;
  @state() private _choice: Choices = {};
  @state() private _orderNote = '';
  @state() private _announce = '';
  @state() private _view: 'menu' | 'orders' = 'menu';
  @state() private _rejecting?: string;
  @state() private _editingPrice?: string;
  @state() private _priceError = false;
  @state() private _notify = false;
  @state() private _statusSent = new Set<string>();

  private readonly i18n = new LocaleController(this, strings);
  private _states: OrderState[] = [];
  private _phases?: Map<string, OrderPhase>;
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

  // ---- lifecycle ----

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('menu') && this.menu !== undefined) this._accept(this.menu);
    if (changed.has('src') && this.menu === undefined) void this._load();
    if (changed.has('orders') || changed.has('statusEvents')) {
      this._states = foldOrders(this.orders, this.statusEvents);
      this._dropResolvedPending();
      this._watchReady();
      if (changed.has('statusEvents')) this._statusSent = new Set();
    }
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (this._focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this._focusNext)?.focus();
      this._focusNext = undefined;
    }
    if (changed.has('_menu' as keyof DevroomFoodTruckMenu) || changed.has('noJsonLd')) this._syncJsonLd();
  }

  /** JSON-LD goes into the element's light DOM: it lives and dies with the element, and crawlers read it anywhere in the document. */
  private _syncJsonLd(): void {
    if (this.noJsonLd || !this._menu) {
      this._jsonLd?.remove();
      this._jsonLd = undefined;
      return;
    }
    if (!this._jsonLd) {
      this._jsonLd = document.createElement('script');
      this._jsonLd.type = 'application/ld+json';
      this._jsonLd.dataset.devroom = 'menu';
    }
    // textContent, not innerHTML: a "</script>" inside a menu name cannot break out.
    this._jsonLd.textContent = JSON.stringify(menuToJsonLd(this._menu, { inLanguage: this.i18n.lang }));
    if (this._jsonLd.parentNode !== this) this.append(this._jsonLd);
  }

  private _isMine(s: OrderState): boolean {
    if (s.order.mine !== undefined) return s.order.mine;
    if (s.order.localId && this._myLocalIds.has(s.order.localId)) return true;
    return this.userId !== undefined && s.order.sender === this.userId;
  }

  /** Notifies (if opted in) when one of my orders becomes ready; not for orders already ready on load. */
  private _watchReady(): void {
    const mine = this._states.filter((s) => this._isMine(s));
    const first = this._phases === undefined;
    const phases = this._phases ?? new Map<string, OrderPhase>();
    for (const s of mine) {
      const before = phases.get(s.order.id);
      phases.set(s.order.id, s.phase);
      if (first || before === undefined || before === s.phase || s.phase !== 'ready') continue;
      this._notifyReady(s);
    }
    this._phases = phases;
  }

  private _notifyReady(s: OrderState): void {
    if (!this._notify || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      new Notification(this.i18n.t('notifyTitle'), {
        body: this.i18n.t('readyBanner', String(s.pickupNumber ?? '')),
        tag: `devroom-order-${s.order.id}`,
      });
    } catch {
      // Some browsers only allow notifications from a service worker.
    }
  }

  private async _optInNotifications(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    this._notify = permission === 'granted';
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

  private get _sending(): boolean {
    return this._pending.some((p) => p.state === 'sending');
  }

  private _placeOrder(): void {
    const menu = this._menu;
    // Synchronous guards: a double click runs this twice before any re-render.
    if (!menu || this._sending) return;
    const review = reviewCart(this._cart, menu, Date.now());
    if (review.blocked) return;
    const detail: PlaceOrderDetail = {
      orderLocalId: newLocalId(),
      lines: toOrderLines(review),
      ...(this._orderNote.trim() ? { note: this._orderNote.trim() } : {}),
      total: review.total,
      currency: menu.currency,
    };
    this._myLocalIds.add(detail.orderLocalId);
    this._pending = [...this._pending, { detail, state: 'sending' }];
    this._cart = emptyCart();
    this._orderNote = '';
    this._send(detail.orderLocalId);
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

  private _add(item: MenuItem, choices: Choices): void {
    const menu = this._menu;
    if (!menu) return;
    const result = addToCart(this._cart, menu, item.id, { choices }, Date.now());
    if (!result.ok) return;
    this._cart = result.cart;
    if (this._choosing) this._focusNext = `[data-add="${item.id}"]`;
    this._choosing = undefined;
    this._announce = this.i18n.t('added', item.name);
  }

  private _openOptions(item: MenuItem): void {
    const choice: Choices = {};
    // Preselect the first available choice of an exactly-one group.
    for (const g of item.options) {
      const first = g.choices.find((c) => c.available);
      if (g.min === 1 && g.max === 1 && first) choice[g.id] = [first.id];
    }
    this._choice = choice;
    this._choosing = item.id;
    this._focusNext = `form.choose input:not([disabled])`;
  }

  private _toggleChoice(group: OptionGroup, choiceId: string, on: boolean): void {
    const current = this._choice[group.id] ?? [];
    const next = group.max === 1 && group.min === 1 ? [choiceId] : on ? [...current, choiceId] : current.filter((c) => c !== choiceId);
    this._choice = { ...this._choice, [group.id]: next };
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

  // ---- vendor ----

  private _setStatus(s: OrderState, status: OrderStatus, reason?: string): void {
    const key = `${s.order.id}:${status}`;
    if (this._statusSent.has(key) || !canTransition(s.phase, status)) return;
    const needsNumber = s.pickupNumber === undefined && !TERMINAL.includes(status);
    const detail: OrderStatusDetail = {
      orderId: s.order.id,
      status,
      ...(reason ? { reason } : {}),
      ...(needsNumber ? { pickupNumber: nextPickupNumber(this._states) } : {}),
    };
    this._statusSent = new Set([...this._statusSent, key]);
    this._rejecting = undefined;
    emit(this, 'devroom-order-status', detail);
  }

  private _updateItem(itemId: string, change: MenuChange): void {
    if (!this._menu) return;
    const menu = structuredClone(this._menu);
    const item = findItem(menu, itemId);
    if (!item) return;
    if (change.kind === 'availability') item.availability = change.availability;
    else item.price = change.price;
    emit(this, 'devroom-menu-update', { menu, change });
  }

  private _savePrice(item: MenuItem, input: HTMLInputElement): void {
    if (!this._menu) return;
    const price = parsePriceInput(input.value, this._menu.currency);
    if (price === undefined) {
      this._priceError = true;
      return;
    }
    this._priceError = false;
    this._editingPrice = undefined;
    if (price !== item.price) this._updateItem(item.id, { kind: 'price', itemId: item.id, price });
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

  private _minutes(ms: number): string {
    return this.i18n.t('minutes', Math.round(ms / 60_000));
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
    const showQueue = this.canManage && this._view === 'orders';
    const active = buildQueue(this._states, this._now).active;
    return html`
      ${this.ordering ? this._renderReady() : nothing}
      ${this._renderHeader(menu)}
      ${this.canManage
        ? html`<div class="tabs" role="group" aria-label=${t('vendorView')}>
            <button type="button" aria-pressed=${String(!showQueue)} @click=${() => (this._view = 'menu')}>${t('viewMenu')}</button>
            <button type="button" aria-pressed=${String(showQueue)} @click=${() => (this._view = 'orders')}>${t('viewOrders', active)}</button>
          </div>`
        : nothing}
      ${showQueue
        ? this._renderQueue()
        : html`<div class="layout ${this.ordering ? 'with-cart' : ''}">
            <div class="menu">${this._renderFilters(menu)} ${menu.sections.map((s) => this._renderSection(menu, s))}</div>
            ${this.ordering ? html`<aside class="side">${this._renderCart(menu)} ${this._renderMyOrders()}</aside>` : nothing}
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
    </div>`;
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
      <details part="filters" class="filters" ?open=${activeCount > 0}>
        <summary>${t('filters', activeCount)}</summary>
        <fieldset>
          <legend>${t('hideContaining')}</legend>
          <div class="checks">
            ${ALLERGENS.map(
              (a) => html`<label
                ><input type="checkbox" .checked=${f.avoid.includes(a.id)} @change=${(e: Event) => this._toggleAvoid(a.id, (e.target as HTMLInputElement).checked)} /><span
                  aria-hidden="true"
                  >${a.icon}</span
                >
                ${allergenName(a.id, this.i18n.locale)}</label
              >`,
            )}
          </div>
          <label class="strict"
            ><input
              type="checkbox"
              .checked=${f.strict}
              @change=${(e: Event) => this._setFilters({ ...f, strict: (e.target as HTMLInputElement).checked })}
            />
            ${t('strict')}</label
          >
        </fieldset>
        ${tags.length
          ? html`<fieldset>
              <legend>${t('onlyDiets')}</legend>
              <div class="checks">
                ${tags.map(
                  (tag) => html`<label
                    ><input type="checkbox" .checked=${f.diets.includes(tag)} @change=${(e: Event) => this._toggleDiet(tag, (e.target as HTMLInputElement).checked)} />
                    ${dietName(tag, this.i18n.locale)}</label
                  >`,
                )}
              </div>
            </fieldset>`
          : nothing}
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
    const t = this.i18n.t.bind(this.i18n);
    const orderable = item.availability !== 'sold-out' && item.availability !== 'hidden' && inWindow(item.window, this._now) && orderingOpen(menu, this._now);
    const nameId = `item-${item.id}`;
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
        ${this._renderAllergens(item)}
        ${this.canManage ? this._renderItemAdmin(menu, item) : nothing}
        ${this.ordering && !this.canManage
          ? this._choosing === item.id
            ? this._renderOptions(menu, item)
            : html`<button
                type="button"
                part="add-button"
                class="add"
                data-add=${item.id}
                ?disabled=${!orderable}
                @click=${() => (item.options.length ? this._openOptions(item) : this._add(item, {}))}
              >
                ${t('add')}<span class="sr-only"> ${item.name}</span>
              </button>`
          : nothing}
      </div>
    </article>`;
  }

  private _renderOptions(menu: Menu, item: MenuItem): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const problem = checkChoices(item, this._choice);
    const price = unitPrice(item, this._choice);
    return html`<form
      class="choose"
      @submit=${(e: Event) => {
        e.preventDefault();
        if (!problem) this._add(item, this._choice);
      }}
    >
      ${item.options.map((g) => {
        const chosen = this._choice[g.id] ?? [];
        const exclusive = g.min === 1 && g.max === 1;
        const hint = exclusive ? '' : g.min === 0 ? t('chooseUpTo', g.max) : g.min === g.max ? t('chooseExactly', g.min) : t('chooseBetween', g.min, g.max);
        return html`<fieldset>
          <legend>${g.name}${hint ? html` <span class="muted">(${hint})</span>` : nothing}</legend>
          ${g.choices.map(
            (c) => html`<label class=${c.available ? '' : 'unavailable'}
              ><input
                type=${exclusive ? 'radio' : 'checkbox'}
                name="opt-${item.id}-${g.id}"
                .checked=${chosen.includes(c.id)}
                ?disabled=${!c.available || (!exclusive && !chosen.includes(c.id) && chosen.length >= g.max)}
                @change=${(e: Event) => this._toggleChoice(g, c.id, (e.target as HTMLInputElement).checked)}
              />
              ${c.name} ${c.priceDelta ? html`<span class="muted">${formatDelta(c.priceDelta, menu.currency, this.i18n.locale)}</span>` : nothing}
              ${c.available ? nothing : html`<span class="muted">(${t('soldOut')})</span>`}</label
            >`,
          )}
        </fieldset>`;
      })}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${!!problem}>${t('addToCart')} · ${this._price(price)}</button>
        <button
          type="button"
          @click=${() => {
            this._focusNext = `[data-add="${item.id}"]`;
            this._choosing = undefined;
          }}
        >
          ${t('cancel')}
        </button>
      </div>
    </form>`;
  }

  private _issueText(issue: LineIssue): string {
    const t = this.i18n.t.bind(this.i18n);
    switch (issue.kind) {
      case 'removed':
        return t('issueRemoved');
      case 'hidden':
        return t('issueHidden');
      case 'sold-out':
        return t('issueSoldOut');
      case 'not-now':
        return t('issueNotNow');
      case 'price-changed':
        return t('issuePrice', this._price(issue.was), this._price(issue.now));
      case 'options':
        return t('issueOptions');
      case 'low':
        return t('issueLow');
    }
  }

  private _renderLine(r: ReviewedLine): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const { line } = r;
    const name = r.item?.name ?? line.name;
    const optionLabel = r.item
      ? Object.entries(line.choices)
          .flatMap(([gid, ids]) => ids.map((id) => r.item?.options.find((g) => g.id === gid)?.choices.find((c) => c.id === id)?.name ?? id))
          .join(', ')
      : '';
    return html`<li class="line ${r.blocked ? 'blocked' : ''}" data-line=${line.lineId}>
      <div class="line-head">
        <span class="line-name">${line.quantity} × ${name}</span>
        <span part="price" class="price">${this._price(r.lineTotal)}</span>
      </div>
      ${optionLabel ? html`<p class="muted small">${optionLabel}</p>` : nothing}
      ${r.issues.map((i) => html`<p class="issue ${i.kind === 'low' ? 'info' : ''}">${this._issueText(i)}</p>`)}
      <div class="line-controls">
        <button type="button" class="icon" aria-label=${t('decrease', name)} @click=${() => (this._cart = setQuantity(this._cart, line.lineId, line.quantity - 1))}>
          −
        </button>
        <button
          type="button"
          class="icon"
          aria-label=${t('increase', name)}
          ?disabled=${r.blocked}
          @click=${() => (this._cart = setQuantity(this._cart, line.lineId, line.quantity + 1))}
        >
          +
        </button>
        <button type="button" class="link" @click=${() => (this._cart = removeLine(this._cart, line.lineId))}>${t('remove', name)}</button>
      </div>
      <label class="note"
        ><span class="sr-only">${t('lineNote', name)}</span
        ><input
          type="text"
          maxlength="200"
          placeholder=${t('lineNote', name)}
          .value=${line.note}
          @change=${(e: Event) => (this._cart = setNote(this._cart, line.lineId, (e.target as HTMLInputElement).value))}
      /></label>
    </li>`;
  }

  private _renderCart(menu: Menu): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const review = reviewCart(this._cart, menu, this._now);
    const unavailable = review.lines.some((l) => l.issues.some((i) => i.kind === 'removed' || i.kind === 'hidden' || i.kind === 'sold-out'));
    const priceChanged = review.lines.some((l) => l.issues.some((i) => i.kind === 'price-changed'));
    const linesBlocked = review.lines.some((l) => l.blocked);
    return html`<section part="cart" class="cart" aria-labelledby="cart-heading">
      <h3 id="cart-heading">${t('cart')}</h3>
      ${review.lines.length
        ? html`<ul class="lines" role="list">
              ${review.lines.map((l) => this._renderLine(l))}
            </ul>
            ${unavailable ? html`<button type="button" @click=${() => (this._cart = removeUnavailable(this._cart, menu))}>${t('removeUnavailable')}</button>` : nothing}
            ${priceChanged ? html`<button type="button" @click=${() => (this._cart = acceptPrices(this._cart, menu))}>${t('acceptPrices')}</button>` : nothing}
            <label class="order-note"
              >${t('orderNote')}
              <textarea maxlength="500" rows="2" .value=${this._orderNote} @input=${(e: Event) => (this._orderNote = (e.target as HTMLTextAreaElement).value)}></textarea
            ></label>
            <p class="total"><span>${t('total')}</span> <span part="price" class="price">${this._price(review.total)}</span></p>
            ${linesBlocked ? html`<p class="issue">${t('checkoutBlocked')}</p>` : nothing}
            ${!review.orderingOpen ? html`<p class="issue">${t('orderingClosed')}</p>` : nothing}
            <button
              type="button"
              part="checkout-button"
              class="primary checkout"
              ?disabled=${review.blocked || this._sending}
              @click=${() => this._placeOrder()}
            >
              ${this._sending ? t('sending') : html`${t('placeOrder')} · ${this._price(review.total)}`}
            </button>`
        : html`<p class="muted">${this._sending ? t('sending') : t('cartEmpty')}</p>`}
    </section>`;
  }

  private _renderReady(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const ready = this._states.filter((s) => s.phase === 'ready' && this._isMine(s));
    // Always rendered, so screen readers hear the moment an order becomes ready.
    return html`<div class="ready-region" aria-live="assertive" aria-atomic="true">
      ${ready.map((s) => html`<p part="ready" class="ready">${t('readyBanner', String(s.pickupNumber ?? '—'))}</p>`)}
    </div>`;
  }

  private _lineSummary(lines: OrderLine[]): string {
    return lines.map((l) => `${l.quantity} × ${l.name}${l.choices.length ? ` (${l.choices.map((c) => c.label).join('; ')})` : ''}`).join(', ');
  }

  private _renderMyOrders(): TemplateResult | typeof nothing {
    const t = this.i18n.t.bind(this.i18n);
    const mine = this._states.filter((s) => this._isMine(s)).sort((a, b) => b.order.placedAt - a.order.placedAt);
    if (!mine.length && !this._pending.length) return nothing;
    const canNotify = typeof Notification !== 'undefined' && Notification.permission !== 'denied';
    const active = mine.some((s) => !TERMINAL.includes(s.phase)) || this._pending.length > 0;
    return html`<section part="orders" class="my-orders" aria-labelledby="my-orders-heading">
      <h3 id="my-orders-heading">${t('myOrders')}</h3>
      <ul class="lines" role="list" aria-live="polite">
        ${this._pending.map(
          (p) => html`<li class="my-order ${p.state}" data-local-id=${p.detail.orderLocalId}>
            <p>${this._lineSummary(p.detail.lines)} · ${this._price(p.detail.total)}</p>
            ${p.state === 'sending' ? html`<p class="muted">${t('sending')}</p>` : nothing}
            ${p.state === 'sent' ? html`<p class="muted">${t('sentWaiting')}</p>` : nothing}
            ${p.state === 'failed'
              ? html`<p class="issue">${t('notSent')} <button type="button" @click=${() => this.retryOrder(p.detail.orderLocalId)}>${t('retry')}</button></p>`
              : nothing}
          </li>`,
        )}
        ${mine.map(
          (s) => html`<li class="my-order ${s.phase}" data-order-id=${s.order.id}>
            <p>${this._lineSummary(s.order.lines)} · ${formatPrice(s.order.total, s.order.currency, this.i18n.locale)}</p>
            <p class="status">
              <strong>${t('phase', s.phase)}</strong>${s.pickupNumber !== undefined ? html` · ${t('pickupNumber', String(s.pickupNumber))}` : nothing}
            </p>
            ${s.reason ? html`<p class="muted">${t('reason', s.reason)}</p>` : nothing}
          </li>`,
        )}
      </ul>
      ${canNotify && active
        ? this._notify
          ? html`<p class="muted small">${t('notifyOn')}</p>`
          : html`<button type="button" class="link" @click=${() => void this._optInNotifications()}>${t('notifyMe')}</button>`
        : nothing}
    </section>`;
  }

  private _renderItemAdmin(menu: Menu, item: MenuItem): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const labels: Record<Availability, string> = { available: t('available'), low: t('low'), 'sold-out': t('soldOut'), hidden: t('hiddenItem') };
    return html`<div class="admin">
      <select
          aria-label=${t('availability', item.name)}
          @change=${(e: Event) =>
            this._updateItem(item.id, { kind: 'availability', itemId: item.id, availability: (e.target as HTMLSelectElement).value as Availability })}
        >
          ${AVAILABILITY_OPTIONS.map((a) => html`<option value=${a} ?selected=${a === item.availability}>${labels[a]}</option>`)}
        </select>
      ${this._editingPrice === item.id
        ? html`<form
            class="row"
            @submit=${(e: Event) => {
              e.preventDefault();
              this._savePrice(item, (e.target as HTMLFormElement).querySelector('input') as HTMLInputElement);
            }}
          >
            <label
              >${t('editPrice', item.name)}
              <input
                type="text"
                inputmode="decimal"
                size="8"
                .value=${decimalPrice(item.price, menu.currency)}
                aria-invalid=${this._priceError ? 'true' : 'false'}
                aria-describedby="price-error-${item.id}"
            /></label>
            <button type="submit" class="primary">${t('savePrice')}</button>
            <button type="button" @click=${() => ((this._editingPrice = undefined), (this._priceError = false))}>${t('cancel')}</button>
            <span id="price-error-${item.id}" class="issue">${this._priceError ? t('invalidPrice') : nothing}</span>
          </form>`
        : html`<button type="button" @click=${() => (this._editingPrice = item.id)}>${t('editPrice', item.name)}</button>`}
    </div>`;
  }

  private _renderQueue(): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const q = buildQueue(this._states, this._now);
    return html`<section part="queue" class="queue" aria-labelledby="queue-heading">
      <h3 id="queue-heading">${t('queue')}</h3>
      <p class="stats" aria-live="polite">
        ${QUEUE_PHASES.map((p) => html`<span>${t('phase', p)}: <strong>${q.counts[p]}</strong></span> `)}
        ${q.averageWaitMs !== null ? html`<span>${t('averageWait', this._minutes(q.averageWaitMs))}</span>` : nothing}
        ${q.longestWaitMs !== null ? html`<span>(${t('longestWait', this._minutes(q.longestWaitMs))})</span>` : nothing}
      </p>
      <div class="columns">
        ${QUEUE_PHASES.map(
          (phase) => html`<section class="column" aria-labelledby="col-${phase}">
            <h4 id="col-${phase}">${t('phase', phase)} <span class="count">${q.counts[phase]}</span></h4>
            ${q.byPhase[phase].length
              ? html`<ol class="orders" role="list">
                  ${q.byPhase[phase].map((s) => this._renderQueueOrder(s))}
                </ol>`
              : html`<p class="muted small">${t('noOrders')}</p>`}
          </section>`,
        )}
      </div>
    </section>`;
  }

  private _renderQueueOrder(s: OrderState): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const next = nextStep(s.phase);
    const busy = [...this._statusSent].some((k) => k.startsWith(`${s.order.id}:`));
    const who = s.order.senderName ?? s.order.sender;
    return html`<li part="order" class="order" data-order-id=${s.order.id}>
      <div class="order-head">
        <strong class="pickup">${s.pickupNumber !== undefined ? `#${s.pickupNumber}` : '—'}</strong>
        ${who ? html`<span>${who}</span>` : nothing}
        <span class="muted small">${this._time(s.order.placedAt)} · ${this._minutes(this._now - s.order.placedAt)}</span>
      </div>
      <ul class="order-lines">
        ${s.order.lines.map(
          (l) => html`<li>
            ${l.quantity} × ${l.name}${l.choices.length ? html` <span class="muted">(${l.choices.map((c) => c.label).join('; ')})</span>` : nothing}
            ${l.note ? html`<em> — ${l.note}</em>` : nothing}
          </li>`,
        )}
      </ul>
      ${s.order.note ? html`<p class="order-note"><em>${s.order.note}</em></p>` : nothing}
      <div class="row">
        ${next
          ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => this._setStatus(s, next)}>
              ${t('action', next)}<span class="sr-only"> ${s.pickupNumber !== undefined ? `#${s.pickupNumber}` : who ?? ''}</span>
            </button>`
          : nothing}
        ${canTransition(s.phase, 'rejected') && this._rejecting !== s.order.id
          ? html`<button type="button" ?disabled=${busy} @click=${() => (this._rejecting = s.order.id)}>${t('reject')}</button>`
          : nothing}
        ${s.phase === 'ready' ? html`<button type="button" ?disabled=${busy} @click=${() => this._setStatus(s, 'cancelled')}>${t('cancelOrder')}</button>` : nothing}
      </div>
      ${this._rejecting === s.order.id
        ? html`<form
            class="row"
            @submit=${(e: Event) => {
              e.preventDefault();
              const reason = ((e.target as HTMLFormElement).querySelector('input') as HTMLInputElement).value.trim();
              if (reason) this._setStatus(s, 'rejected', reason);
            }}
          >
            <label>${t('rejectReason')} <input type="text" required maxlength="300" /></label>
            <button type="submit" class="danger">${t('confirmReject')}</button>
            <button type="button" @click=${() => (this._rejecting = undefined)}>${t('cancel')}</button>
          </form>`
        : nothing}
    </li>`;
  }
}
