import { html, nothing } from 'lit';
import { live } from 'lit/directives/live.js';
import type { ReactiveElement, TemplateResult } from 'lit';
import { emit } from '../shared/events.js';
import type { Dictionary } from '../shared/i18n.js';
import { addStyles } from '../shared/add-styles.js';
import { personLabel, personOf, personStyles } from '../shared/person-label.js';
import type { PersonNames } from '../shared/person-name.js';
import { translations } from './food-truck-menu.i18n.js';
import type { MenuKey, VendorKey } from './food-truck-menu.i18n.js';
import { vendorStyles } from './vendor-view.styles.js';
import type { MenuChange, OrderStatusDetail } from './menu-events.js';
import { decimalPrice, findItem, parsePriceInput } from './menu.js';
import type { Availability, Menu, MenuItem } from './menu.js';
import { TERMINAL, buildQueue, canTransition, foldOrders, nextPickupNumber, nextStep } from './orders.js';
import type { Order, OrderPhase, OrderState, OrderStatus, OrderStatusEvent } from './orders.js';

/** What the menu element offers this part. */
export interface VendorHost extends ReactiveElement {
  readonly currentMenu: Menu | undefined;
  readonly orders: readonly Order[];
  readonly statusEvents: readonly OrderStatusEvent[];
  readonly names: PersonNames | undefined;
  /** The element's clock (ms). */
  readonly now: number;
  readonly locale: string;
  t(key: MenuKey, ...args: unknown[]): string;
}

const en: Dictionary<VendorKey> = {
  queue: 'Order queue',
  averageWait: (m: string) => `Average wait ${m}`,
  longestWait: (m: string) => `longest waiting ${m}`,
  noOrders: 'No orders.',
  minutes: (n: number) => `${n} min`,
  underAMinute: 'under a minute',
  noNumber: 'No number yet',
  action: (p: string) => ({ received: 'Accept', preparing: 'Start preparing', ready: 'Mark ready', collected: 'Mark collected' })[p] ?? p,
  reject: 'Reject',
  rejectReason: 'Reason for rejecting',
  confirmReject: 'Reject order',
  cancelOrder: 'Cancel order',
  availability: (name: string) => `Availability of ${name}`,
  editPrice: (name: string) => `Price of ${name}`,
  savePrice: 'Save price',
  invalidPrice: 'Enter a price like 4.50',
  available: 'Available',
  hiddenItem: 'Hidden from customers',
  viewMenu: 'Menu',
  viewOrders: (n: number) => `Orders (${n})`,
  vendorView: 'Vendor view',
};
Object.assign(translations.en, en);

const QUEUE_PHASES: readonly OrderPhase[] = ['placed', 'received', 'preparing', 'ready'];
const AVAILABILITY_OPTIONS: readonly Availability[] = ['available', 'low', 'sold-out', 'hidden'];

/**
 * The vendor's side: the order queue with one-tap status changes, rejection with a reason,
 * availability toggles and price edits. Loaded on demand when `canManage` is on. Requests
 * go up as events; the element changes only when the room (or the page) sends new state down.
 */
export class VendorView {
  /** The queue is shown instead of the menu. */
  queueShown = false;
  private rejecting?: string;
  private editingPrice?: string;
  private priceError = false;
  /** `orderId:status` sent but not yet echoed back: a second tap must not send it again. */
  private sent = new Set<string>();
  private folded?: { orders: readonly Order[]; events: readonly OrderStatusEvent[]; states: OrderState[] };

  constructor(private readonly host: VendorHost) {
    addStyles(host, vendorStyles);
    addStyles(host, personStyles);
  }

  private t(key: MenuKey, ...args: unknown[]): string {
    return this.host.t(key, ...args);
  }

  private states(): OrderState[] {
    const { orders, statusEvents } = this.host;
    if (this.folded?.orders !== orders || this.folded.events !== statusEvents) {
      if (this.folded?.events !== statusEvents) this.sent = new Set();
      this.folded = { orders, events: statusEvents, states: foldOrders(orders, statusEvents) };
    }
    return this.folded.states;
  }

  /** Switches between the menu and the queue. */
  renderTabs(): TemplateResult {
    const tab = (queue: boolean, label: string) =>
      html`<button type="button" aria-pressed=${String(this.queueShown === queue)} @click=${() => this.update(() => (this.queueShown = queue))}>${label}</button>`;
    return html`<div class="tabs" role="group" aria-label=${this.t('vendorView')}>
      ${tab(false, this.t('viewMenu'))} ${tab(true, this.t('viewOrders', buildQueue(this.states(), Date.now()).active))}
    </div>`;
  }

  /** An item's badge when it is hidden (only the vendor sees hidden items). */
  hiddenBadge(): TemplateResult {
    return html`<span part="badge" class="badge">${this.t('hiddenItem')}</span>`;
  }

  private update(fn: () => void): void {
    fn();
    this.host.requestUpdate();
  }

  private setStatus(s: OrderState, status: OrderStatus, reason?: string): void {
    const key = `${s.order.id}:${status}`;
    if (this.sent.has(key) || !canTransition(s.phase, status)) return;
    const needsNumber = s.pickupNumber === undefined && !TERMINAL.includes(status);
    const detail: OrderStatusDetail = {
      orderId: s.order.id,
      status,
      ...(reason ? { reason } : {}),
      ...(needsNumber ? { pickupNumber: nextPickupNumber(this.states()) } : {}),
    };
    this.update(() => {
      this.sent.add(key);
      this.rejecting = undefined;
    });
    emit(this.host, 'devroom-order-status', detail);
  }

  private updateItem(itemId: string, change: MenuChange): void {
    const current = this.host.currentMenu;
    if (!current) return;
    const menu = structuredClone(current);
    const item = findItem(menu, itemId);
    if (!item) return;
    if (change.kind === 'availability') item.availability = change.availability;
    else item.price = change.price;
    emit(this.host, 'devroom-menu-update', { menu, change });
  }

  private savePrice(menu: Menu, item: MenuItem, input: HTMLInputElement): void {
    const price = parsePriceInput(input.value, menu.currency);
    this.update(() => {
      this.priceError = price === undefined;
      if (price !== undefined) this.editingPrice = undefined;
    });
    if (price !== undefined && price !== item.price) this.updateItem(item.id, { kind: 'price', itemId: item.id, price });
  }

  /** "5 min"; never "0 min". */
  private minutes(ms: number): string {
    const n = Math.round(ms / 60_000);
    return n ? this.t('minutes', n) : this.t('underAMinute');
  }

  renderItemAdmin(menu: Menu, item: MenuItem): TemplateResult {
    const labels: Record<Availability, string> = {
      available: this.t('available'),
      low: this.t('low'),
      'sold-out': this.t('soldOut'),
      hidden: this.t('hiddenItem'),
    };
    return html`<div class="admin">
      <select
        aria-label=${this.t('availability', item.name)}
        .value=${live(item.availability)}
        @change=${(e: Event) =>
          this.updateItem(item.id, { kind: 'availability', itemId: item.id, availability: (e.target as HTMLSelectElement).value as Availability })}
      >
        ${AVAILABILITY_OPTIONS.map((a) => html`<option value=${a} ?selected=${a === item.availability}>${labels[a]}</option>`)}
      </select>
      ${this.editingPrice === item.id
        ? html`<form
            class="row"
            @submit=${(e: Event) => {
              e.preventDefault();
              this.savePrice(menu, item, (e.target as HTMLFormElement).querySelector('input') as HTMLInputElement);
            }}
          >
            <label
              >${this.t('editPrice', item.name)}
              <input
                type="text"
                inputmode="decimal"
                size="8"
                .value=${decimalPrice(item.price, menu.currency)}
                aria-invalid=${this.priceError ? 'true' : 'false'}
                aria-describedby="price-error-${item.id}"
            /></label>
            <button type="submit" class="primary">${this.t('savePrice')}</button>
            <button type="button" @click=${() => this.update(() => ((this.editingPrice = undefined), (this.priceError = false)))}>${this.t('cancel')}</button>
            <span id="price-error-${item.id}" class="issue">${this.priceError ? this.t('invalidPrice') : nothing}</span>
          </form>`
        : html`<button type="button" @click=${() => this.update(() => (this.editingPrice = item.id))}>${this.t('editPrice', item.name)}</button>`}
    </div>`;
  }

  renderQueue(): TemplateResult {
    const now = this.host.now;
    const q = buildQueue(this.states(), now);
    return html`<section part="queue" class="queue" aria-labelledby="queue-heading">
      <h3 id="queue-heading">${this.t('queue')}</h3>
      <p class="stats" aria-live="polite">
        ${QUEUE_PHASES.map((p) => html`<span>${this.t('phase', p)}: <strong>${q.counts[p]}</strong></span> `)}
        ${q.averageWaitMs !== null ? html`<span>${this.t('averageWait', this.minutes(q.averageWaitMs))}</span>` : nothing}
        ${q.longestWaitMs !== null ? html`<span>(${this.t('longestWait', this.minutes(q.longestWaitMs))})</span>` : nothing}
      </p>
      <div class="columns">
        ${QUEUE_PHASES.map(
          (phase) => html`<section class="column" aria-labelledby="col-${phase}">
            <h4 id="col-${phase}">${this.t('phase', phase)} <span class="count">${q.counts[phase]}</span></h4>
            ${q.byPhase[phase].length
              ? html`<ol class="orders" role="list">
                  ${q.byPhase[phase].map((s) => this.renderOrder(s, now))}
                </ol>`
              : html`<p class="muted small">${this.t('noOrders')}</p>`}
          </section>`,
        )}
      </div>
    </section>`;
  }

  private renderOrder(s: OrderState, now: number): TemplateResult {
    const next = nextStep(s.phase);
    const busy = [...this.sent].some((k) => k.startsWith(`${s.order.id}:`));
    const sender = s.order.sender;
    const who = sender ? personOf(this.host.names, sender, s.order.senderName) : s.order.senderName ? { id: '', name: s.order.senderName, withId: false, text: s.order.senderName } : undefined;
    const time = new Intl.DateTimeFormat(this.host.locale, { hour: 'numeric', minute: '2-digit' }).format(s.order.placedAt);
    return html`<li part="order" class="order" data-order-id=${s.order.id}>
      <div class="order-head">
        <strong class="pickup">${s.pickupNumber !== undefined ? `#${s.pickupNumber}` : this.t('noNumber')}</strong>
        ${who ? html`<span>${who.id ? personLabel(who) : who.name}</span>` : nothing}
        <span class="muted small">${time} · ${this.minutes(now - s.order.placedAt)}</span>
      </div>
      <ul class="order-lines">
        ${s.order.lines.map(
          (l) => html`<li>
            ${l.quantity} × ${l.name}${l.choices.length ? html`<span class="muted">${` (${l.choices.map((c) => c.label).join('; ')})`}</span>` : nothing}${l.note
              ? html`<em>${` — ${l.note}`}</em>`
              : nothing}
          </li>`,
        )}
      </ul>
      ${s.order.note ? html`<p class="order-note"><em>${s.order.note}</em></p>` : nothing}
      <div class="row">
        ${next
          ? html`<button type="button" class="primary" ?disabled=${busy} @click=${() => this.setStatus(s, next)}>
              ${this.t('action', next)}<span class="sr-only">${` ${s.pickupNumber !== undefined ? `#${s.pickupNumber}` : (who?.text ?? '')}`}</span>
            </button>`
          : nothing}
        ${canTransition(s.phase, 'rejected') && this.rejecting !== s.order.id
          ? html`<button type="button" ?disabled=${busy} @click=${() => this.update(() => (this.rejecting = s.order.id))}>${this.t('reject')}</button>`
          : nothing}
        ${s.phase === 'ready' ? html`<button type="button" ?disabled=${busy} @click=${() => this.setStatus(s, 'cancelled')}>${this.t('cancelOrder')}</button>` : nothing}
      </div>
      ${this.rejecting === s.order.id
        ? html`<form
            class="row"
            @submit=${(e: Event) => {
              e.preventDefault();
              const reason = ((e.target as HTMLFormElement).querySelector('input') as HTMLInputElement).value.trim();
              if (reason) this.setStatus(s, 'rejected', reason);
            }}
          >
            <label>${this.t('rejectReason')} <input type="text" required maxlength="300" /></label>
            <button type="submit" class="danger">${this.t('confirmReject')}</button>
            <button type="button" @click=${() => this.update(() => (this.rejecting = undefined))}>${this.t('cancel')}</button>
          </form>`
        : nothing}
    </li>`;
  }
}
