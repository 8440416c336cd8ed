import type { Translations } from '../shared/i18n.js';

/** UI strings of <devroom-food-truck-menu>. Allergen and diet names live in menu.ts (ALLERGENS, DIETS). */
type Key =
  | 'loading'
  | 'menuError'
  | 'keptLastGood'
  | 'noMenu'
  | 'openNow'
  | 'closedNow'
  | 'openingHours'
  | 'ordersUntil'
  | 'orderingClosed'
  | 'filters'
  | 'hideContaining'
  | 'strict'
  | 'onlyDiets'
  | 'hiddenByFilters'
  | 'clearFilters'
  | 'contains'
  | 'mayContain'
  | 'noAllergens'
  | 'low'
  | 'soldOut'
  | 'hiddenItem'
  | 'from'
  | 'until'
  | 'add'
  | 'addToCart'
  | 'cancel'
  | 'options'
  | 'chooseUpTo'
  | 'chooseExactly'
  | 'chooseBetween'
  | 'added'
  | 'cart'
  | 'cartEmpty'
  | 'quantity'
  | 'decrease'
  | 'increase'
  | 'remove'
  | 'lineNote'
  | 'orderNote'
  | 'total'
  | 'placeOrder'
  | 'sending'
  | 'issueRemoved'
  | 'issueHidden'
  | 'issueSoldOut'
  | 'issueNotNow'
  | 'issuePrice'
  | 'issueOptions'
  | 'issueLow'
  | 'acceptPrices'
  | 'removeUnavailable'
  | 'checkoutBlocked'
  | 'myOrders'
  | 'notSent'
  | 'retry'
  | 'sentWaiting'
  | 'readyBanner'
  | 'notifyMe'
  | 'notifyOn'
  | 'notifyTitle'
  | 'phase'
  | 'reason'
  | 'pickupNumber'
  | 'viewMenu'
  | 'viewOrders'
  | 'queue'
  | 'averageWait'
  | 'longestWait'
  | 'noOrders'
  | 'minutes'
  | 'action'
  | 'reject'
  | 'rejectReason'
  | 'confirmReject'
  | 'cancelOrder'
  | 'availability'
  | 'editPrice'
  | 'savePrice'
  | 'invalidPrice'
  | 'orderPlaced'
  | 'customer'
  | 'available'
  | 'vendorView';

const en = {
  loading: 'Loading menu…',
  menuError: 'The menu could not be loaded:',
  keptLastGood: 'Showing the last menu that loaded.',
  noMenu: 'No menu yet.',
  openNow: (until: string) => `Open now, until ${until}`,
  closedNow: 'Closed now',
  openingHours: 'Opening hours',
  ordersUntil: (time: string) => `Orders until ${time}`,
  orderingClosed: 'Ordering is closed right now.',
  filters: (n: number) => (n ? `Filters (${n})` : 'Filters'),
  hideContaining: 'Hide items containing',
  strict: 'Also hide items that may contain traces',
  onlyDiets: 'Only show',
  hiddenByFilters: (n: number) => (n === 1 ? '1 item hidden by your filters.' : `${n} items hidden by your filters.`),
  clearFilters: 'Clear filters',
  contains: 'Contains:',
  mayContain: 'May contain:',
  noAllergens: 'No listed allergens',
  low: 'Only a few left',
  soldOut: 'Sold out',
  hiddenItem: 'Hidden from customers',
  from: (time: string) => `From ${time}`,
  until: (time: string) => `Until ${time}`,
  add: 'Add',
  addToCart: 'Add to order',
  cancel: 'Cancel',
  options: 'Options',
  chooseUpTo: (n: number) => `Choose up to ${n}`,
  chooseExactly: (n: number) => `Choose ${n}`,
  chooseBetween: (min: number, max: number) => `Choose ${min} to ${max}`,
  added: (name: string) => `${name} added to your order.`,
  cart: 'Your order',
  cartEmpty: 'Nothing in your order yet.',
  quantity: 'Quantity',
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
  myOrders: 'Your orders',
  notSent: 'Not sent.',
  retry: 'Retry',
  sentWaiting: 'Sent. Waiting for the vendor.',
  readyBanner: (n: string) => `Ready for pickup — number ${n}`,
  notifyMe: 'Notify me when my order is ready',
  notifyOn: 'You will get a notification when your order is ready.',
  notifyTitle: 'Your order is ready',
  phase: (p: string) =>
    ({
      placed: 'Sent, waiting for the vendor',
      received: 'Received',
      preparing: 'Being prepared',
      ready: 'Ready for pickup',
      collected: 'Collected',
      cancelled: 'Cancelled',
      rejected: 'Rejected',
    })[p] ?? p,
  reason: (r: string) => `Reason: ${r}`,
  pickupNumber: (n: string) => `Number ${n}`,
  viewMenu: 'Menu',
  viewOrders: (n: number) => `Orders (${n})`,
  queue: 'Order queue',
  averageWait: (m: string) => `Average wait ${m}`,
  longestWait: (m: string) => `longest waiting ${m}`,
  noOrders: 'No orders.',
  minutes: (n: number) => `${n} min`,
  action: (p: string) =>
    ({ received: 'Accept', preparing: 'Start preparing', ready: 'Mark ready', collected: 'Mark collected' })[p] ?? p,
  reject: 'Reject',
  rejectReason: 'Reason for rejecting',
  confirmReject: 'Reject order',
  cancelOrder: 'Cancel order',
  availability: (name: string) => `Availability of ${name}`,
  editPrice: (name: string) => `Price of ${name}`,
  savePrice: 'Save price',
  invalidPrice: 'Enter a price like 4.50',
  orderPlaced: (n: string) => `Order placed at ${n}`,
  customer: (name: string) => `Customer: ${name}`,
  available: 'Available',
  vendorView: 'Vendor view',
};

const de: Partial<typeof en> = {
  loading: 'Speisekarte wird geladen…',
  menuError: 'Die Speisekarte konnte nicht geladen werden:',
  keptLastGood: 'Angezeigt wird die zuletzt geladene Speisekarte.',
  noMenu: 'Noch keine Speisekarte.',
  openNow: (until: string) => `Jetzt geöffnet, bis ${until}`,
  closedNow: 'Jetzt geschlossen',
  openingHours: 'Öffnungszeiten',
  ordersUntil: (time: string) => `Bestellungen bis ${time}`,
  orderingClosed: 'Bestellen ist gerade nicht möglich.',
  filters: (n: number) => (n ? `Filter (${n})` : 'Filter'),
  hideContaining: 'Gerichte ausblenden mit',
  strict: 'Auch Gerichte ausblenden, die Spuren enthalten können',
  onlyDiets: 'Nur zeigen',
  hiddenByFilters: (n: number) => (n === 1 ? '1 Gericht durch deine Filter ausgeblendet.' : `${n} Gerichte durch deine Filter ausgeblendet.`),
  clearFilters: 'Filter zurücksetzen',
  contains: 'Enthält:',
  mayContain: 'Kann Spuren enthalten von:',
  noAllergens: 'Keine Allergene angegeben',
  low: 'Nur noch wenige',
  soldOut: 'Ausverkauft',
  hiddenItem: 'Für Kundschaft ausgeblendet',
  from: (time: string) => `Ab ${time}`,
  until: (time: string) => `Bis ${time}`,
  add: 'Hinzufügen',
  addToCart: 'Zur Bestellung',
  cancel: 'Abbrechen',
  options: 'Optionen',
  chooseUpTo: (n: number) => `Bis zu ${n} wählen`,
  chooseExactly: (n: number) => `${n} wählen`,
  chooseBetween: (min: number, max: number) => `${min} bis ${max} wählen`,
  added: (name: string) => `${name} zur Bestellung hinzugefügt.`,
  cart: 'Deine Bestellung',
  cartEmpty: 'Noch nichts in deiner Bestellung.',
  quantity: 'Menge',
  decrease: (name: string) => `${name}: eins weniger`,
  increase: (name: string) => `${name}: eins mehr`,
  remove: (name: string) => `${name} entfernen`,
  lineNote: (name: string) => `Hinweis zu ${name}`,
  orderNote: 'Hinweis zur ganzen Bestellung',
  total: 'Summe',
  placeOrder: 'Bestellen',
  sending: 'Wird gesendet…',
  issueRemoved: 'Nicht mehr auf der Karte. Zum Bestellen entfernen.',
  issueHidden: 'Nicht mehr erhältlich. Zum Bestellen entfernen.',
  issueSoldOut: 'Ausverkauft. Zum Bestellen entfernen.',
  issueNotNow: 'Zu dieser Zeit nicht erhältlich.',
  issuePrice: (was: string, now: string) => `Preis geändert von ${was} auf ${now}.`,
  issueOptions: 'Eine gewählte Option ist nicht mehr erhältlich. Entfernen und neu hinzufügen.',
  issueLow: 'Nur noch wenige.',
  acceptPrices: 'Neue Preise übernehmen',
  removeUnavailable: 'Nicht erhältliches entfernen',
  checkoutBlocked: 'Bitte die markierten Positionen ändern, um zu bestellen.',
  myOrders: 'Deine Bestellungen',
  notSent: 'Nicht gesendet.',
  retry: 'Erneut senden',
  sentWaiting: 'Gesendet. Warte auf den Stand.',
  readyBanner: (n: string) => `Abholbereit — Nummer ${n}`,
  notifyMe: 'Benachrichtigen, wenn meine Bestellung fertig ist',
  notifyOn: 'Du bekommst eine Benachrichtigung, wenn deine Bestellung fertig ist.',
  notifyTitle: 'Deine Bestellung ist fertig',
  phase: (p: string) =>
    ({
      placed: 'Gesendet, warte auf den Stand',
      received: 'Angenommen',
      preparing: 'In Zubereitung',
      ready: 'Abholbereit',
      collected: 'Abgeholt',
      cancelled: 'Storniert',
      rejected: 'Abgelehnt',
    })[p] ?? p,
  reason: (r: string) => `Grund: ${r}`,
  pickupNumber: (n: string) => `Nummer ${n}`,
  viewMenu: 'Speisekarte',
  viewOrders: (n: number) => `Bestellungen (${n})`,
  queue: 'Bestellungen',
  averageWait: (m: string) => `Durchschnittliche Wartezeit ${m}`,
  longestWait: (m: string) => `am längsten wartend ${m}`,
  noOrders: 'Keine Bestellungen.',
  minutes: (n: number) => `${n} Min.`,
  action: (p: string) =>
    ({ received: 'Annehmen', preparing: 'Zubereiten', ready: 'Fertig', collected: 'Abgeholt' })[p] ?? p,
  reject: 'Ablehnen',
  rejectReason: 'Grund der Ablehnung',
  confirmReject: 'Bestellung ablehnen',
  cancelOrder: 'Bestellung stornieren',
  availability: (name: string) => `Verfügbarkeit von ${name}`,
  editPrice: (name: string) => `Preis von ${name}`,
  savePrice: 'Preis speichern',
  invalidPrice: 'Preis wie 4,50 eingeben',
  orderPlaced: (n: string) => `Bestellt um ${n}`,
  customer: (name: string) => `Kundschaft: ${name}`,
  available: 'Verfügbar',
  vendorView: 'Ansicht für den Stand',
};

export const strings: Translations<Key> = { en, de };
