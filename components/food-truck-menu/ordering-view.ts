import { html, nothing } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import type { Dictionary } from '../shared/i18n.js';
import { addStyles } from '../shared/add-styles.js';
import { dropStored, readJson, writeJson } from '../shared/storage.js';
import { translations } from './food-truck-menu.i18n.js';
import type { MenuKey, OrderingKey } from './food-truck-menu.i18n.js';
import { orderingStyles } from './ordering-view.styles.js';
import {
  acceptPrices,
  addToCart,
  cartFromJson,
  checkChoices,
  chosen,
  emptyCart,
  noChoices,
  removeLine,
  removeUnavailable,
  reviewCart,
  setNote,
  setQuantity,
  toOrderLines,
  unitPrice,
} from './cart.js';
import type { Cart, Choices, LineIssue, OrderLine, ReviewedLine } from './cart.js';
import type { PendingOrder, PlaceOrderDetail } from './menu-events.js';
import { formatDelta, formatPrice, formatTime, inWindow, orderingOpen } from './menu.js';
import type { Menu, MenuItem, OptionGroup } from './menu.js';
import { TERMINAL, foldOrders } from './orders.js';
import type { Order, OrderPhase, OrderState, OrderStatusEvent } from './orders.js';

/** What the menu element offers this part. */
export interface OrderingHost extends ReactiveElement {
  readonly currentMenu: Menu | undefined;
  readonly orders: readonly Order[];
  readonly statusEvents: readonly OrderStatusEvent[];
  readonly userId: string | undefined;
  readonly cartKey: string | undefined;
  readonly sendTimeout: number;
  /** The element's clock (ms). */
  readonly now: number;
  readonly locale: string;
  t(key: MenuKey, ...args: unknown[]): string;
  /** Focuses what `selector` finds after the next render (keyboard users keep their place). */
  focusNext(selector: string): void;
  /** A polite screen-reader announcement. */
  announce(text: string): void;
}

const en: Dictionary<OrderingKey> = {
  add: 'Add',
  addToCart: 'Add to order',
  chooseUpTo: (n: number) => `Choose up to ${n}`,
  chooseExactly: (n: number) => `Choose ${n}`,
  chooseBetween: (min: number, max: number) => `Choose ${min} to ${max}`,
  unavailable: 'sold out',
  added: (name: string) => `${name} added to your order.`,
  cartSummary: (n: number, total: string) => `${n} ${n === 1 ? 'item' : 'items'} · ${total}`,
  viewCart: 'View order',
  cart: 'Your order',
  cartEmpty: 'Nothing in your order yet.',
  decrease: (name: string) => `One less ${name}`,
  increase: (name: string) => `One more ${name}`,
  remove: (name: string) => `Remove ${name}`,
  lineNote: (name: string) => `Note for ${name}`,
  orderNote: 'Note for the whole order',
  total: 'Total',
  placeOrder: 'Place order',
  sending: 'Sending…',
  issueRemoved: 'No longer on the menu. Remove it to order.',
  issueHidden: 'No longer available. Remove it to order.',
  issueSoldOut: 'Sold out. Remove it to order.',
  issueNotNow: 'Not available at this time.',
  issuePrice: (was: string, now: string) => `Price changed from ${was} to ${now}.`,
  issueOptions: 'A chosen option is no longer available. Remove it and add it again.',
  issueLow: 'Only a few left.',
  acceptPrices: 'Accept new prices',
  removeUnavailable: 'Remove unavailable items',
  checkoutBlocked: 'Fix the marked items to place your order.',
  orderingClosed: 'Ordering is closed right now.',
  ordersUntil: (time: string) => `Orders until ${time}`,
  myOrders: 'Your orders',
  notSent: 'Not sent.',
  retry: 'Retry',
  discard: 'Discard',
  sentWaiting: 'Sent. Waiting for the vendor.',
  readyBanner: (n: string) => `Ready for pickup — number ${n}`,
  readyNoNumber: 'Your order is ready for pickup',
  notifyMe: 'Notify me when my order is ready',
  notifyOn: 'You will get a notification when your order is ready.',
  notifyTitle: 'Your order is ready',
  reason: (r: string) => `Reason: ${r}`,
  pickupNumber: (n: string) => `Number ${n}`,
};
Object.assign(translations.en, en);

/**
 * The customer's side: options form, cart, checkout, pending orders (send, timeout,
 * retry), own orders, the ready moment. Loaded on demand when `ordering` is on, so a
 * read-only menu (and the first paint of a widget) does not pay for it. Nothing can be
 * ordered before it has loaded, and it stays loaded, so a failed send is retried offline.
 */
export class OrderingView {
  cart: Cart = emptyCart();
  choosing?: string;
  choice: Choices = noChoices();
  orderNote = '';
  notify = false;
  /** Orders placed here that are not in the element's `orders` yet. */
  pending: PendingOrder[] = [];
  private myLocalIds = new Set<string>();
  private timers = new Map<string, ReturnType<typeof setTimeout>>();
  private phases?: Map<string, OrderPhase>;
  private folded?: { orders: readonly Order[]; events: readonly OrderStatusEvent[]; states: OrderState[] };
  /** Where this tab keeps the cart (see `follow`); undefined until the menu names the truck. */
  private cartKey?: string;

  constructor(private readonly host: OrderingHost) {
    addStyles(host, orderingStyles);
  }

  private t(key: MenuKey, ...args: unknown[]): string {
    return this.host.t(key, ...args);
  }

  private set<K extends 'cart' | 'choosing' | 'choice' | 'orderNote' | 'notify'>(key: K, value: this[K]): void {
    this[key] = value;
    if (key === 'cart' || key === 'orderNote') this.keepCart();
    if (key === 'cart') this.host.announce(this.cartSummary());
    this.host.requestUpdate();
  }

  /** "2 items · €7.50" (the cart's total), or that it is empty. */
  private cartSummary(): string {
    const menu = this.host.currentMenu;
    const count = this.cart.lines.reduce((n, l) => n + l.quantity, 0);
    return menu && count ? this.t('cartSummary', count, this.price(reviewCart(this.cart, menu, this.host.now).total)) : this.t('cartEmpty');
  }

  // ---- the cart kept in this tab -----------------------------------------------------

  /**
   * The cart (and the order note) are kept in sessionStorage, so a reload of the page or the
   * widget brings them back; a draft, so only for the tab. The key names the place (the
   * element's `cartKey`, a widget's room; else the page's path), the person (`userId`) and the
   * truck: two people on one browser, two rooms or two trucks keep their own. Called by the
   * element before each render: when the key changes, that key's cart is shown.
   */
  follow(): void {
    const { host } = this;
    const menu = host.currentMenu;
    const key = menu && `devroom:cart:${JSON.stringify([host.cartKey || location.pathname, host.userId ?? '', menu.vendor.name])}`;
    if (key === this.cartKey) return;
    this.cartKey = key;
    const kept = key ? readJson('sessionStorage', key, 'cart') : undefined;
    const read = kept === undefined ? undefined : cartFromJson(kept);
    if (typeof read === 'string') dropStored('sessionStorage', key!, `cart in this browser ignored: ${read}`);
    this.cart = typeof read === 'object' ? read.cart : emptyCart();
    this.orderNote = typeof read === 'object' ? read.note : '';
  }

  private keepCart(): void {
    const { cartKey, cart, orderNote } = this;
    // 32,000 characters hold 50 long lines; anything longer could not be ordered anyway.
    if (cartKey) writeJson('sessionStorage', cartKey, cart.lines.length || orderNote ? { v: 1, cart, note: orderNote } : undefined, 32_000, 'cart');
  }

  states(): OrderState[] {
    const { orders, statusEvents } = this.host;
    if (this.folded?.orders !== orders || this.folded.events !== statusEvents) {
      this.folded = { orders, events: statusEvents, states: foldOrders(orders, statusEvents) };
    }
    return this.folded.states;
  }

  /** Whether an order was placed by this viewer. */
  private isMine(order: Order): boolean {
    if (order.mine !== undefined) return order.mine;
    if (order.localId && this.myLocalIds.has(order.localId)) return true;
    return this.host.userId !== undefined && order.sender === this.host.userId;
  }

  private mine(): OrderState[] {
    return this.states().filter((s) => this.isMine(s.order));
  }

  // ---- pending orders (the element's markOrderSent / markOrderFailed / retryOrder) ----

  sending(): boolean {
    return this.pending.some((p) => p.state === 'sending');
  }

  private setPending(pending: PendingOrder[]): void {
    this.pending = pending;
    this.host.requestUpdate();
  }

  sent(localId: string, orderId?: string): void {
    this.clearTimer(localId);
    this.setPending(this.pending.map((p) => (p.detail.orderLocalId === localId ? { ...p, state: 'sent', ...(orderId ? { orderId } : {}) } : p)));
    this.dropResolved();
  }

  failed(localId: string): void {
    this.clearTimer(localId);
    this.setPending(this.pending.map((p) => (p.detail.orderLocalId === localId && p.state === 'sending' ? { ...p, state: 'failed' } : p)));
  }

  retry(localId: string): void {
    if (this.pending.find((x) => x.detail.orderLocalId === localId)?.state === 'failed') this.send(localId);
  }

  /** An order placed before a reload and never confirmed: "not sent", with Retry and Discard. */
  restore(detail: PlaceOrderDetail): void {
    if (this.pending.some((p) => p.detail.orderLocalId === detail.orderLocalId)) return;
    this.myLocalIds.add(detail.orderLocalId);
    this.setPending([...this.pending, { detail, state: 'failed' }]);
  }

  /** The customer drops a failed order: it is never sent (the binding forgets it). */
  discard(localId: string): void {
    if (this.pending.find((x) => x.detail.orderLocalId === localId)?.state !== 'failed') return;
    this.setPending(this.pending.filter((x) => x.detail.orderLocalId !== localId));
    emit(this.host, 'devroom-discard-order', { orderLocalId: localId });
  }

  /** The element left the page. */
  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }

  private start(detail: PlaceOrderDetail): void {
    this.myLocalIds.add(detail.orderLocalId);
    this.pending = [...this.pending, { detail, state: 'sending' }];
    this.send(detail.orderLocalId);
  }

  private clearTimer(localId: string): void {
    clearTimeout(this.timers.get(localId));
    this.timers.delete(localId);
  }

  private send(localId: string): void {
    const p = this.pending.find((x) => x.detail.orderLocalId === localId);
    if (!p) return;
    this.setPending(this.pending.map((x) => (x === p ? { ...x, state: 'sending' } : x)));
    this.clearTimer(localId);
    this.timers.set(
      localId,
      setTimeout(() => this.failed(localId), this.host.sendTimeout),
    );
    emit(this.host, 'devroom-place-order', p.detail);
  }

  /** Pending orders that arrived in `orders` are done. */
  private dropResolved(): void {
    const { orders } = this.host;
    const resolved = (p: PendingOrder) =>
      orders.some((o) => (o.localId !== undefined && o.localId === p.detail.orderLocalId) || (p.orderId !== undefined && o.id === p.orderId));
    if (!this.pending.some(resolved)) return;
    for (const p of this.pending.filter(resolved)) this.clearTimer(p.detail.orderLocalId);
    this.setPending(this.pending.filter((p) => !resolved(p)));
  }

  /** Called by the element when orders or status events change: settles pending orders; notifies (if opted in) on the ready moment. */
  ordersChanged(): void {
    this.dropResolved();
    const first = this.phases === undefined;
    const phases = this.phases ?? new Map<string, OrderPhase>();
    for (const s of this.mine()) {
      const before = phases.get(s.order.id);
      phases.set(s.order.id, s.phase);
      // Not for orders already ready when the page loads.
      if (!first && before !== undefined && before !== s.phase && s.phase === 'ready') this.notifyReady(s);
    }
    this.phases = phases;
  }

  private notifyReady(s: OrderState): void {
    if (!this.notify || typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
    try {
      new Notification(this.t('notifyTitle'), {
        body: this.readyText(s),
        tag: `devroom-order-${s.order.id}`,
      });
    } catch {
      // Some browsers only allow notifications from a service worker.
    }
  }

  private readyText(s: OrderState): string {
    return s.pickupNumber === undefined ? this.t('readyNoNumber') : this.t('readyBanner', String(s.pickupNumber));
  }

  private async optIn(): Promise<void> {
    if (typeof Notification === 'undefined') return;
    const permission = Notification.permission === 'granted' ? 'granted' : await Notification.requestPermission();
    this.set('notify', permission === 'granted');
  }

  // ---- actions ----

  add(item: MenuItem, choices: Choices): void {
    const menu = this.host.currentMenu;
    if (!menu) return;
    const result = addToCart(this.cart, menu, item.id, { choices }, Date.now());
    if (!result.ok) return;
    if (this.choosing) this.host.focusNext(`[data-add="${item.id}"]`);
    this.choosing = undefined;
    this.set('cart', result.cart);
    this.host.announce(`${this.t('added', item.name)} ${this.cartSummary()}`);
  }

  openOptions(item: MenuItem): void {
    const choice = noChoices();
    // Preselect the first available choice of an exactly-one group.
    for (const g of item.options) {
      const first = g.choices.find((c) => c.available);
      if (g.min === 1 && g.max === 1 && first) choice[g.id] = [first.id];
    }
    this.choice = choice;
    this.host.focusNext('form.choose input:not([disabled])');
    this.set('choosing', item.id);
  }

  private toggleChoice(group: OptionGroup, choiceId: string, on: boolean): void {
    const current = chosen(this.choice, group.id) ?? [];
    const next = group.max === 1 && group.min === 1 ? [choiceId] : on ? [...current, choiceId] : current.filter((c) => c !== choiceId);
    // A copy without a prototype: the group id may be `__proto__` or `constructor`.
    this.set('choice', Object.assign(noChoices(), this.choice, { [group.id]: next }));
  }

  placeOrder(): void {
    const menu = this.host.currentMenu;
    // Synchronous guards: a double click runs this twice before any re-render.
    if (!menu || this.sending()) return;
    const review = reviewCart(this.cart, menu, Date.now());
    if (review.blocked) return;
    const detail: PlaceOrderDetail = {
      orderLocalId: newLocalId(),
      lines: toOrderLines(review),
      ...(this.orderNote.trim() ? { note: this.orderNote.trim() } : {}),
      total: review.total,
      currency: menu.currency,
    };
    this.orderNote = '';
    this.cart = emptyCart();
    this.keepCart();
    // The checkout button goes with the cart: a keyboard user goes on at their order's status.
    this.host.focusNext('#my-orders-heading');
    this.start(detail);
  }

  // ---- rendering ----

  /** In the header, after the opening hours: the ordering cut-off. */
  ordersUntil(menu: Menu): TemplateResult | typeof nothing {
    const { open, closesAt } = menu.ordering;
    const now = this.host.now;
    return open && closesAt && Date.parse(closesAt) > now
      ? html`<span>${` · ${this.t('ordersUntil', formatTime(closesAt, now, this.host.locale))}`}</span>`
      : nothing;
  }

  /** In the header: ordering is closed now. */
  closedNotice(menu: Menu): TemplateResult | typeof nothing {
    return orderingOpen(menu, this.host.now) ? nothing : html`<p class="notice">${this.t('orderingClosed')}</p>`;
  }

  private price(minor: number): string {
    return formatPrice(minor, this.host.currentMenu?.currency ?? 'EUR', this.host.locale);
  }

  addButton(menu: Menu, item: MenuItem): TemplateResult {
    if (this.choosing === item.id) return this.renderOptions(item);
    const now = this.host.now;
    const a = item.availability;
    const orderable = a !== 'sold-out' && a !== 'hidden' && inWindow(item.window, now) && orderingOpen(menu, now);
    return html`<button
      type="button"
      part="add-button"
      class="add"
      data-add=${item.id}
      ?disabled=${!orderable}
      @click=${() => (item.options.length ? this.openOptions(item) : this.add(item, {}))}
    >
      ${this.t('add')}<span class="sr-only">${` ${item.name}`}</span>
    </button>`;
  }

  private renderOptions(item: MenuItem): TemplateResult {
    const currency = this.host.currentMenu?.currency ?? 'EUR';
    const problem = checkChoices(item, this.choice);
    return html`<form
      class="choose"
      @submit=${(e: Event) => {
        e.preventDefault();
        if (!problem) this.add(item, this.choice);
      }}
    >
      ${item.options.map((g) => {
        const picked = chosen(this.choice, g.id) ?? [];
        const exclusive = g.min === 1 && g.max === 1;
        const hint = exclusive
          ? ''
          : g.min === 0
            ? this.t('chooseUpTo', g.max)
            : g.min === g.max
              ? this.t('chooseExactly', g.min)
              : this.t('chooseBetween', g.min, g.max);
        return html`<fieldset>
          <legend>${g.name}${hint ? html`<span class="muted">${` (${hint})`}</span>` : nothing}</legend>
          ${g.choices.map(
            (c) => html`<label class=${c.available ? '' : 'unavailable'}
              ><input
                type=${exclusive ? 'radio' : 'checkbox'}
                name="opt-${item.id}-${g.id}"
                .checked=${picked.includes(c.id)}
                ?disabled=${!c.available || (!exclusive && !picked.includes(c.id) && picked.length >= g.max)}
                @change=${(e: Event) => this.toggleChoice(g, c.id, (e.target as HTMLInputElement).checked)}
              />
              ${c.name} ${c.priceDelta ? html`<span class="muted">${formatDelta(c.priceDelta, currency, this.host.locale)}</span>` : nothing}
              ${c.available ? nothing : html`<span class="muted">(${this.t('unavailable')})</span>`}</label
            >`,
          )}
        </fieldset>`;
      })}
      <div class="row">
        <button type="submit" class="primary" ?disabled=${!!problem}>${this.t('addToCart')} · ${this.price(unitPrice(item, this.choice))}</button>
        <button
          type="button"
          @click=${() => {
            this.host.focusNext(`[data-add="${item.id}"]`);
            this.set('choosing', undefined);
          }}
        >
          ${this.t('cancel')}
        </button>
      </div>
    </form>`;
  }

  private issueText(issue: LineIssue): string {
    switch (issue.kind) {
      case 'removed':
        return this.t('issueRemoved');
      case 'hidden':
        return this.t('issueHidden');
      case 'sold-out':
        return this.t('issueSoldOut');
      case 'not-now':
        return this.t('issueNotNow');
      case 'price-changed':
        return this.t('issuePrice', this.price(issue.was), this.price(issue.now));
      case 'options':
        return this.t('issueOptions');
      case 'low':
        return this.t('issueLow');
    }
  }

  private renderLine(r: ReviewedLine): TemplateResult {
    const { line } = r;
    const name = r.item?.name ?? line.name;
    const optionLabel = Object.entries(line.choices)
      .flatMap(([gid, ids]) => ids.map((id) => r.item?.options.find((g) => g.id === gid)?.choices.find((c) => c.id === id)?.name ?? id))
      .join(', ');
    return html`<li class="line ${r.blocked ? 'blocked' : ''}" data-line=${line.lineId}>
      <div class="line-head">
        <span class="line-name">${line.quantity} × ${name}</span>
        <span part="price" class="price">${this.price(r.lineTotal)}</span>
      </div>
      ${optionLabel ? html`<p class="muted small">${optionLabel}</p>` : nothing}
      ${r.issues.map((i) => html`<p class="issue ${i.kind === 'low' ? 'info' : ''}">${this.issueText(i)}</p>`)}
      <div class="line-controls">
        <button type="button" class="icon" aria-label=${this.t('decrease', name)} @click=${() => this.set('cart', setQuantity(this.cart, line.lineId, line.quantity - 1))}>
          −
        </button>
        <button
          type="button"
          class="icon"
          aria-label=${this.t('increase', name)}
          ?disabled=${r.blocked}
          @click=${() => this.set('cart', setQuantity(this.cart, line.lineId, line.quantity + 1))}
        >
          +
        </button>
        <button type="button" class="link" @click=${() => this.set('cart', removeLine(this.cart, line.lineId))}>${this.t('remove', name)}</button>
      </div>
      <label class="note"
        ><span class="sr-only">${this.t('lineNote', name)}</span
        ><input
          type="text"
          maxlength="200"
          placeholder=${this.t('lineNote', name)}
          .value=${line.note}
          @change=${(e: Event) => this.set('cart', setNote(this.cart, line.lineId, (e.target as HTMLInputElement).value))}
      /></label>
    </li>`;
  }

  /**
   * At the end of the menu column, sticky at the bottom of the screen while the menu scrolls:
   * what is in the order, and the way to it (the cart can be a long scroll below). Not while
   * the cart is in view beside the menu (wide layouts: ordering-view.styles.ts).
   */
  renderBar(): TemplateResult | typeof nothing {
    if (!this.cart.lines.length) return nothing;
    return html`<button type="button" part="cart-bar" class="cart-bar primary" @click=${() => this.showCart()}>
      <span>${this.cartSummary()}</span>${' '}<span>${this.t('viewCart')}</span>
    </button>`;
  }

  private showCart(): void {
    this.host.renderRoot.querySelector<HTMLElement>('#cart-heading')?.focus();
  }

  /** Beside the menu: the cart and this customer's orders. */
  renderSide(menu: Menu): TemplateResult {
    return html`<aside class="side">${this.renderCart(menu, this.host.now)} ${this.renderMyOrders()}</aside>`;
  }

  renderCart(menu: Menu, now: number): TemplateResult {
    const review = reviewCart(this.cart, menu, now);
    const has = (kinds: LineIssue['kind'][]) => review.lines.some((l) => l.issues.some((i) => kinds.includes(i.kind)));
    const sending = this.sending();
    return html`<section part="cart" class="cart" aria-labelledby="cart-heading">
      <h3 id="cart-heading" tabindex="-1">${this.t('cart')}</h3>
      ${review.lines.length
        ? html`<ul class="lines" role="list">
              ${review.lines.map((l) => this.renderLine(l))}
            </ul>
            ${has(['removed', 'hidden', 'sold-out'])
              ? html`<button type="button" @click=${() => this.set('cart', removeUnavailable(this.cart, menu))}>${this.t('removeUnavailable')}</button>`
              : nothing}
            ${has(['price-changed'])
              ? html`<button type="button" @click=${() => this.set('cart', acceptPrices(this.cart, menu))}>${this.t('acceptPrices')}</button>`
              : nothing}
            <label class="order-note"
              >${this.t('orderNote')}
              <textarea
                maxlength="500"
                rows="2"
                .value=${this.orderNote}
                @input=${(e: Event) => {
                  this.orderNote = (e.target as HTMLTextAreaElement).value;
                  this.keepCart();
                }}
              ></textarea
            ></label>
            <p class="total"><span>${this.t('total')}</span> <span part="price" class="price">${this.price(review.total)}</span></p>
            ${review.lines.some((l) => l.blocked) ? html`<p class="issue">${this.t('checkoutBlocked')}</p>` : nothing}
            ${!review.orderingOpen ? html`<p class="issue">${this.t('orderingClosed')}</p>` : nothing}
            <button
              type="button"
              part="checkout-button"
              class="primary checkout"
              ?disabled=${review.blocked || sending}
              @click=${() => this.placeOrder()}
            >
              ${sending ? this.t('sending') : html`${this.t('placeOrder')} · ${this.price(review.total)}`}
            </button>`
        : html`<p class="muted">${sending ? this.t('sending') : this.t('cartEmpty')}</p>`}
    </section>`;
  }

  renderReady(): TemplateResult {
    const ready = this.mine().filter((s) => s.phase === 'ready');
    // Always rendered, so screen readers hear the moment an order becomes ready.
    return html`<div class="ready-region" aria-live="assertive" aria-atomic="true">
      ${ready.map((s) => html`<p part="ready" class="ready">${this.readyText(s)}</p>`)}
    </div>`;
  }

  private summary(lines: OrderLine[]): string {
    return lines.map((l) => `${l.quantity} × ${l.name}${l.choices.length ? ` (${l.choices.map((c) => c.label).join('; ')})` : ''}`).join(', ');
  }

  renderMyOrders(): TemplateResult | typeof nothing {
    const mine = [...this.mine()].sort((a, b) => b.order.placedAt - a.order.placedAt);
    const pending = this.pending;
    if (!mine.length && !pending.length) return nothing;
    const canNotify = typeof Notification !== 'undefined' && Notification.permission !== 'denied';
    const active = mine.some((s) => !TERMINAL.includes(s.phase)) || pending.length > 0;
    return html`<section part="orders" class="my-orders" aria-labelledby="my-orders-heading">
      <h3 id="my-orders-heading" tabindex="-1">${this.t('myOrders')}</h3>
      <ul class="lines" role="list" aria-live="polite">
        ${pending.map(
          (p) => html`<li class="my-order ${p.state}" data-local-id=${p.detail.orderLocalId}>
            <p>${this.summary(p.detail.lines)} · ${this.price(p.detail.total)}</p>
            ${p.state === 'sending' ? html`<p class="muted">${this.t('sending')}</p>` : nothing}
            ${p.state === 'sent' ? html`<p class="muted">${this.t('sentWaiting')}</p>` : nothing}
            ${p.state === 'failed'
              ? html`<p class="issue">
                  ${this.t('notSent')} <button type="button" @click=${() => this.retry(p.detail.orderLocalId)}>${this.t('retry')}</button>
                  <button type="button" @click=${() => this.discard(p.detail.orderLocalId)}>${this.t('discard')}</button>
                </p>`
              : nothing}
          </li>`,
        )}
        ${mine.map(
          (s) => html`<li class="my-order ${s.phase}" data-order-id=${s.order.id}>
            <p>${this.summary(s.order.lines)} · ${formatPrice(s.order.total, s.order.currency, this.host.locale)}</p>
            <p class="status">
              <strong>${this.t('phase', s.phase)}</strong>${s.pickupNumber !== undefined ? ` · ${this.t('pickupNumber', String(s.pickupNumber))}` : nothing}
            </p>
            ${s.reason ? html`<p class="muted">${this.t('reason', s.reason)}</p>` : nothing}
          </li>`,
        )}
      </ul>
      ${canNotify && active
        ? this.notify
          ? html`<p class="muted small">${this.t('notifyOn')}</p>`
          : html`<button type="button" class="link" @click=${() => void this.optIn()}>${this.t('notifyMe')}</button>`
        : nothing}
    </section>`;
  }
}

function newLocalId(): string {
  const c = globalThis.crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}
