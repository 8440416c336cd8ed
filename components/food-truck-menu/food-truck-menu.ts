import { LitElement, html, nothing } from 'lit';
import type { PropertyValues, TemplateResult } from 'lit';
import type { PersonNames } from '../shared/person-name.js';
import { controlStyles } from '../shared/controls.styles.js';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import { LazyPart, partsSettled } from '../shared/lazy-part.js';
import { checkUrl, safeUrl } from '../shared/safe-url.js';
import { themeTokens } from '../shared/theme.js';
import { filterStorageKey, storage } from './filters-key.js';
import type { FilterPanel } from './filters-panel.js';
import { locales, translations } from './food-truck-menu.i18n.js';
import type { MenuKey } from './food-truck-menu.i18n.js';
import { styles } from './food-truck-menu.styles.js';
import { allergenIcon } from './allergen-icons.js';
import { checkMenu, formatPrice, formatTime, orderingOpen } from './menu.js';
import type { AllergenId, Menu, MenuIssue, MenuItem, MenuSection, TimeWindow } from './menu.js';
import type { PendingOrder, PlaceOrderDetail } from './menu-events.js';
import type { MenuMedia } from './menu-media.js';
import type { OrderingView } from './ordering-view.js';
import type { Order, OrderStatusEvent } from './orders.js';
import type { VendorView } from './vendor-view.js';

// The request events (and the types of their details) are declared in menu-events.ts.
export type { DiscardOrderDetail, MenuChange, MenuUpdateDetail, OrderStatusDetail, PendingOrder, PlaceOrderDetail } from './menu-events.js';

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
  static override styles = [themeTokens, controlStyles, styles];

  // Declared here rather than with decorators: the page then needs no decorator code.
  static override properties = {
    menu: { attribute: false },
    src: {},
    ordering: { type: Boolean, reflect: true },
    canManage: { type: Boolean, attribute: 'can-manage', reflect: true },
    roomLink: { attribute: 'room-link' },
    orders: { attribute: false },
    statusEvents: { attribute: false },
    names: { attribute: false },
    userId: { attribute: 'user-id' },
    cartKey: { attribute: 'cart-key' },
    noJsonLd: { type: Boolean, attribute: 'no-json-ld' },
    sendTimeout: { type: Number, attribute: 'send-timeout' },
    loadMedia: { attribute: false },
    loading: { type: Boolean },
    theme: { reflect: true },
    now: { state: true, attribute: false },
    _menu: { state: true, attribute: false },
    _issues: { state: true, attribute: false },
    _loadError: { state: true, attribute: false },
    _loading: { state: true, attribute: false },
    _announce: { state: true, attribute: false },
    _filtersOpen: { state: true, attribute: false },
  };

  /** The menu (untrusted JSON or a `Menu`); validated with `checkMenu` (worded by menu-errors.ts). Takes precedence over `src` and inline JSON. */
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

  /** People's names as the room knows them (a binding's): the vendor's queue names who ordered; without it, `senderName` beside the id. */
  names: PersonNames | undefined;

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

  /**
   * The menu is on its way (a widget reading the room): "Loading the menu…" shows until it is
   * here, and "No menu yet." only once the room is known to have none. A `src` sets it itself.
   */
  loading = false;

  theme: 'light' | 'dark' | undefined;

  /**
   * Turns an `mxc://` item image into a displayable URL, undefined when it cannot (widgets:
   * the client's download_file). Its `blob:` URLs belong to the element, which revokes them.
   * Without it (plain pages) mxc images show their placeholder.
   */
  loadMedia: ((mxc: string) => Promise<string | undefined>) | undefined;

  /** @internal The element's clock (ms): opening hours, time windows and waits follow it, every 15 s. */
  now = Date.now();
  /** The menu on screen (the last one that validated). */
  private _menu: Menu | undefined;
  /** The problems of the last menu offered (empty when it was accepted). */
  private _issues: MenuIssue[] = [];
  /** Why the menu could not be had at all (`src`, inline JSON); replaces the problems on screen. */
  private _loadError: string | undefined;
  private _loading = false;
  private _announce = '';
  /** The filter panel was opened (its checkboxes load then). */
  private _filtersOpen = false;

  readonly #i18n = new LocaleController(this, translations);

  // The parts loaded on demand (components/shared/lazy-part.ts): each once, again after a failure at a later update.
  /** The cart, checkout and the customer's orders, when `ordering` is on. */
  #ordering?: OrderingView;
  readonly #orderingPart = new LazyPart(this, 'the ordering view', () => import('./ordering-view.js'), {
    loaded: (m) => (this.#ordering = new m.OrderingView(this)).ordersChanged(),
  });
  /** The order queue and item admin, for the vendor (`can-manage`). */
  #vendor?: VendorView;
  readonly #vendorPart = new LazyPart(this, 'the vendor view', () => import('./vendor-view.js'), {
    loaded: (m) => (this.#vendor = new m.VendorView(this)),
  });
  /** The allergen and diet filters: when the panel opens, or when this browser remembers filters for the truck. */
  #filters?: FilterPanel;
  readonly #filtersPart = new LazyPart(this, 'the filter panel', () => import('./filters-panel.js'), {
    loaded: (m) => (this.#filters = new m.FilterPanel(this)),
  });
  /** mxc:// item images, resolved through `loadMedia`. */
  #media?: MenuMedia;
  readonly #mediaPart = new LazyPart(this, 'the item images', () => import('./menu-media.js'), {
    loaded: (m) => (this.#media = new m.MenuMedia(this)),
  });
  /** The words for an invalid menu's problems (until they are here, the paths show). */
  readonly #words = new LazyPart(this, 'the menu problem words', () => import('./menu-errors.js'));
  /** schema.org JSON-LD for plain pages. */
  readonly #jsonLd = new LazyPart(this, 'the JSON-LD', () => import('./jsonld.js'));

  /** Orders to show as not sent once the ordering view is here (restoreOrder). */
  #restored: PlaceOrderDetail[] = [];
  /** Whether this browser remembers filters for the truck on screen: its items wait for the filter panel. */
  #remembered?: { vendor: string; filters: boolean };
  /** The `src` fetch in flight. */
  #abort?: AbortController;
  #ldScript?: HTMLScriptElement;
  #ldFor?: [Menu, string];
  #clock?: ReturnType<typeof setInterval>;
  /** Selector to focus after the next render (keyboard users keep their place when a form opens or closes). */
  #focusNext?: string;

  /** The menu on screen (the last one that validated). */
  get currentMenu(): Menu | undefined {
    return this._menu;
  }

  /** Validation or loading errors of the last menu that was offered; empty when it was accepted. */
  get menuErrors(): readonly string[] {
    if (this._loadError !== undefined) return [this._loadError];
    const words = this.#words.module?.issueText ?? (([at]: MenuIssue) => at);
    return this._issues.map(words);
  }

  // Pending orders live in the ordering view: nothing can be ordered before it has loaded,
  // and once loaded it stays, so sending, timeouts and retries work offline.

  /** Orders placed from this element that are not in `orders` yet. */
  get pendingOrders(): readonly PendingOrder[] {
    return this.#ordering?.pending ?? [];
  }

  /** True while an order is being sent (the checkout button is disabled). */
  get sending(): boolean {
    return !!this.#ordering?.sending();
  }

  /** The order reached the backend / room. */
  markOrderSent(localId: string, orderId?: string): void {
    this.#ordering?.sent(localId, orderId);
  }

  /** Sending failed: the customer sees "not sent" and a retry that re-emits the same `orderLocalId`. */
  markOrderFailed(localId: string): void {
    this.#ordering?.failed(localId);
  }

  /** Re-sends a failed order with the same `orderLocalId`. */
  retryOrder(localId: string): void {
    this.#ordering?.retry(localId);
  }

  /**
   * Shows an order placed before a reload that was never confirmed as not sent, with Retry
   * (the same `orderLocalId` again) and Discard. Check first that it did not arrive.
   */
  restoreOrder(detail: PlaceOrderDetail): void {
    this.#restored.push(detail);
    this.requestUpdate();
  }

  // ---- what the parts ask of the element ----

  /** @internal The viewer's language, for Intl. */
  get locale(): string {
    return this.#i18n.locale;
  }

  /** @internal */
  t(key: MenuKey, ...args: unknown[]): string {
    return this.#i18n.t(key, ...args);
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

  // ---- lifecycle ----

  override connectedCallback(): void {
    super.connectedCallback();
    this.#clock = setInterval(() => (this.now = Date.now()), 15_000);
    const script = this.menu === undefined && !this.src && this.querySelector(':scope > script[type="application/json"]');
    if (script) {
      try {
        this.#accept(JSON.parse(script.textContent ?? ''));
      } catch (e) {
        this._loadError = `inline JSON: ${(e as Error).message}`;
      }
    }
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#clock);
    this.#ordering?.stop();
    this.#abort?.abort();
  }

  /** `updateComplete` waits for the parts in flight (and the updates they cause). */
  protected override getUpdateComplete(): Promise<boolean> {
    return partsSettled(this, () => super.getUpdateComplete());
  }

  /** A first render in German (or another loaded language) waits for its dictionary. */
  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.#i18n.lang, translations, locales, 'devroom-food-truck-menu');
    super.scheduleUpdate();
  }

  /** Validates a menu: shown when good, else its problems (the last good menu stays). */
  #accept(json: unknown): void {
    const result = checkMenu(json);
    this._loadError = undefined;
    this._issues = result.ok ? [] : result.issues;
    if (result.ok) this._menu = result.menu;
  }

  /** A plain page's `src` (widgets never set it): a newer fetch aborts an older one; a failure keeps the last good menu and says why. */
  async #fetchMenu(): Promise<void> {
    this.#abort?.abort();
    const src = this.src;
    const checked = src ? checkUrl(src) : undefined;
    this._loading = !!checked?.ok;
    if (!checked?.ok) {
      if (checked) this._loadError = `src: ${checked.reason}`;
      return;
    }
    const abort = (this.#abort = new AbortController());
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
      if (!abort.signal.aborted) this.#accept(json);
    } catch (e) {
      if (!abort.signal.aborted) this._loadError = `${src}: ${(e as Error).message}`;
    } finally {
      if (this.#abort === abort) this._loading = false;
    }
  }

  /** Whether the items wait for the filter panel: this browser remembers filters for the truck. */
  #filtersPending(menu: Menu | undefined): boolean {
    if (!menu || this.#filters) return false;
    const vendor = menu.vendor.name;
    if (this.#remembered?.vendor !== vendor) this.#remembered = { vendor, filters: !!storage()?.getItem(filterStorageKey(vendor)) };
    return this.#remembered.filters;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('menu') && this.menu !== undefined) this.#accept(this.menu);
    if (changed.has('src') && this.menu === undefined) void this.#fetchMenu();
    const menu = this._menu;
    if (this._issues.length) this.#words.want();
    if (this.ordering) this.#orderingPart.want();
    if (this.canManage) this.#vendorPart.want();
    if (this._filtersOpen || this.#filtersPending(menu)) this.#filtersPart.want();
    if (this.loadMedia && menu?.sections.some((s) => s.items.some((i) => i.image?.url.startsWith('mxc:')))) this.#mediaPart.want();
    if (menu && !this.noJsonLd) this.#jsonLd.want();
    const ordering = this.#ordering;
    if (ordering) {
      if (changed.has('orders') || changed.has('statusEvents')) ordering.ordersChanged();
      ordering.follow();
      for (const detail of this.#restored.splice(0)) ordering.restore(detail);
    }
  }

  protected override updated(): void {
    if (this.#focusNext) {
      this.renderRoot.querySelector<HTMLElement>(this.#focusNext)?.focus();
      this.#focusNext = undefined;
    }
    this.#syncJsonLd();
  }

  /** The menu's JSON-LD in the light DOM (crawlers read it anywhere; a widget has none). */
  #syncJsonLd(): void {
    const menu = this.noJsonLd ? undefined : this._menu;
    const jsonLd = this.#jsonLd.module;
    if (!menu || !jsonLd) {
      this.#ldScript?.remove();
      this.#ldFor = undefined;
      return;
    }
    const lang = this.#i18n.lang;
    if (this.#ldFor?.[0] === menu && this.#ldFor[1] === lang && this.#ldScript?.parentNode === this) return;
    this.#ldFor = [menu, lang];
    const script = (this.#ldScript ??= Object.assign(document.createElement('script'), { type: 'application/ld+json' }));
    // textContent, not innerHTML: a "</script>" inside a menu name cannot break out.
    script.textContent = JSON.stringify(jsonLd.menuToJsonLd(menu, { inLanguage: lang }));
    if (script.parentNode !== this) this.append(script);
  }

  // ---- rendering ----

  override render(): TemplateResult {
    const menu = this._menu;
    const waiting = this.#filtersPending(menu);
    return html`
      <div part="base" class="base">
        ${this.#renderError()}
        ${menu && !waiting
          ? this.#renderMenu(menu)
          : html`<p class="muted">${this.loading || this._loading || waiting ? this.t('loading') : this.menuErrors.length ? nothing : this.t('noMenu')}</p>`}
        <div class="sr-only" role="status">${this._announce}</div>
      </div>
    `;
  }

  #renderError(): TemplateResult | typeof nothing {
    const errors = this.menuErrors;
    if (!errors.length) return nothing;
    return html`<div part="error" class="error" role="alert">
      <p>${this.t('menuError')}</p>
      <ul>
        ${errors.slice(0, 8).map((e) => html`<li><code>${e}</code></li>`)}
        ${errors.length > 8 ? html`<li>… +${errors.length - 8}</li>` : nothing}
      </ul>
      ${this._menu ? html`<p>${this.t('keptLastGood')}</p>` : nothing}
    </div>`;
  }

  #renderMenu(menu: Menu): TemplateResult {
    const vendor = this.canManage ? this.#vendor : undefined;
    const ordering = this.ordering ? this.#ordering : undefined;
    const filters = this.#filters;
    const active = filters?.active(menu) ?? 0;
    return html`
      ${ordering?.renderReady() ?? nothing} ${this.#renderHeader(menu, ordering)} ${vendor?.renderTabs() ?? nothing}
      ${vendor?.queueShown
        ? vendor.renderQueue()
        : html`<div class="layout ${ordering ? 'with-cart' : ''}">
            <div class="menu">
              <details part="filters" class="filters" ?open=${active > 0} @toggle=${(e: Event) => (this._filtersOpen = (e.target as HTMLDetailsElement).open)}>
                <summary>${this.t('filters', active)}</summary>
                ${filters?.render(menu) ?? nothing}
              </details>
              ${filters?.renderNote(menu) ?? nothing} ${menu.sections.map((s) => this.#renderSection(menu, s))} ${ordering?.renderBar() ?? nothing}
            </div>
            ${ordering?.renderSide(menu)}
          </div>`}
    `;
  }

  #renderHeader(menu: Menu, ordering: OrderingView | undefined): TemplateResult {
    // A div, not <header>: several menus on one page must not each add a banner landmark.
    return html`<div part="header" class="header">
      <h2>${menu.vendor.name}</h2>
      ${menu.vendor.location ? html`<p class="muted">${menu.vendor.location}</p>` : nothing}
      ${menu.openingHours.length ? this.#renderHours(menu, ordering?.ordersUntil(menu) ?? nothing) : nothing}
      ${ordering?.closedNotice(menu) ?? nothing} ${this.#renderRoomLink(menu)}
    </div>`;
  }

  #time(iso: string): string {
    return formatTime(iso, this.now, this.locale);
  }

  /** The header's "open now / closed" line (with `extra`, the ordering cut-off) and the upcoming periods. */
  #renderHours(menu: Menu, extra: unknown): TemplateResult {
    const now = this.now;
    const current = menu.openingHours.find((p) => now >= Date.parse(p.opens) && now < Date.parse(p.closes));
    const upcoming = menu.openingHours.filter((p) => Date.parse(p.closes) > now);
    return html`<p class="hours">
        <span class=${current ? 'open' : 'closed'}>${current ? this.t('openNow', this.#time(current.closes)) : this.t('closedNow')}</span>${extra}
      </p>
      ${upcoming.length > 1 || (upcoming.length === 1 && !current)
        ? html`<details class="periods">
            <summary>${this.t('openingHours')}</summary>
            <ul>
              ${upcoming.map((p) => html`<li>${this.#time(p.opens)} – ${this.#time(p.closes)}</li>`)}
            </ul>
          </details>`
        : nothing}`;
  }

  /** "Order in the Matrix room" on read-only pages, while ordering is open. */
  #renderRoomLink(menu: Menu): TemplateResult | typeof nothing {
    const link = this.roomLink && !this.ordering && !this.canManage && orderingOpen(menu, this.now) && safeUrl(this.roomLink, { absolute: true });
    return link
      ? html`<p part="room-link">
          <a href=${link} target="_blank" rel="noopener noreferrer">${this.t('orderInRoom')}</a>
        </p>`
      : nothing;
  }

  #renderSection(menu: Menu, section: MenuSection): TemplateResult | typeof nothing {
    const shown = this.#filters?.filter(menu) ?? (() => true);
    const items = section.items.filter((i) => (this.canManage || i.availability !== 'hidden') && shown(i));
    if (!items.length) return nothing;
    return html`<section part="section" class="section" aria-labelledby="section-${section.id}">
      <h3 id="section-${section.id}">${section.name}</h3>
      ${section.description ? html`<p class="muted">${section.description}</p>` : nothing}
      <ul class="items" role="list">
        ${items.map((i) => html`<li>${this.#renderItem(menu, i)}</li>`)}
      </ul>
    </section>`;
  }

  /** "From 11:00" before an item's window opens, "Until 11:00" while it lasts. */
  #windowText(w: TimeWindow): string | undefined {
    return w.from && this.now < Date.parse(w.from) ? this.t('from', this.#time(w.from)) : w.until ? this.t('until', this.#time(w.until)) : undefined;
  }

  #renderItem(menu: Menu, item: MenuItem): TemplateResult {
    const a = item.availability;
    const when = item.window && this.#windowText(item.window);
    const ordering = this.ordering && !this.canManage ? this.#ordering : undefined;
    const vendor = this.canManage ? this.#vendor : undefined;
    const { contains, mayContain } = item.allergens;
    const list = (ids: AllergenId[]) =>
      html`<ul class="allergen-list" role="list">
        ${ids.map((id, i) => html`<li>${allergenIcon(id)}${this.t('allergen', id)}${i < ids.length - 1 ? ', ' : ''}</li>`)}
      </ul>`;
    return html`<article part="item" class="item ${a}" aria-labelledby="item-${item.id}">
      ${this.#renderImage(item)}
      <div class="item-body">
        <div class="item-head">
          <h4 id="item-${item.id}">${item.name}</h4>
          <span part="price" class="price">${formatPrice(item.price, menu.currency, this.locale)}</span>
        </div>
        <div class="badges">
          ${a === 'sold-out' ? badge(this.t('soldOut'), 'sold-out danger') : a === 'low' ? badge(this.t('low'), 'low warn') : a === 'hidden' ? (vendor?.hiddenBadge() ?? nothing) : nothing}${when
            ? badge(when)
            : nothing}
        </div>
        ${item.description ? html`<p class="description">${item.description}</p>` : nothing}
        ${item.diets.length
          ? html`<ul class="diets" role="list">
              ${item.diets.map((d) => html`<li>${this.t('diet', d)}</li>`)}
            </ul>`
          : nothing}
        ${contains.length || mayContain.length
          ? html`<div part="allergens" class="allergens">
              ${contains.length ? html`<div class="contains"><span class="label">${this.t('contains')}</span> ${list(contains)}</div>` : nothing}
              ${mayContain.length ? html`<div class="may-contain"><span class="label">${this.t('mayContain')}</span> ${list(mayContain)}</div>` : nothing}
            </div>`
          : html`<p part="allergens" class="allergens muted">${this.t('noAllergens')}</p>`}
        ${vendor?.renderItemAdmin(menu, item) ?? nothing} ${ordering?.addButton(menu, item) ?? nothing}
      </div>
    </article>`;
  }

  /**
   * An item's image. An `mxc://` one is shown once the element's `loadMedia` (a widget: the
   * client's download_file, menu-media.ts) has it. Until then, when it cannot be had, and on a
   * plain page, the placeholder with the image's alt text (the item's name, hidden from screen
   * readers, for a decorative one): never a broken image. A plain page has no client to ask,
   * and homeservers serve media only to a logged-in user (MSC3916 authenticated media).
   */
  #renderImage({ image, name }: MenuItem): TemplateResult | typeof nothing {
    if (!image) return nothing;
    const { url, alt } = image;
    const src = !url.startsWith('mxc:') ? url : this.loadMedia ? this.#media?.url(url) : undefined;
    return src
      ? html`<img src=${src} alt=${alt} loading="lazy" width="96" height="96" @error=${() => this.#media?.broken(url)} />`
      : html`<span class="image-missing" aria-hidden=${alt ? nothing : 'true'}>${alt || name}</span>`;
  }
}

const badge = (text: string, kind = '') => html`<span part="badge" class="badge ${kind}">${text}</span>`;
