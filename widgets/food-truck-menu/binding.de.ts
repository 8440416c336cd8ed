import type { BindingMessages } from './binding.i18n.js';

/** The food-truck binding's messages in German, loaded only for German viewers. */
export const de: BindingMessages = {
  readFailed: (why) => `Die Speisekarte konnte nicht geladen werden (${why}). Neuer Versuch läuft…`,
  loadFailed: (why) => `Bestellungen konnten nicht geladen werden (${why}). Lade das Widget neu.`,
  notOpen: 'Bestellen ist möglich, sobald der Stand dieses Widget geöffnet hat.',
  noGrant: 'Um hier zu bestellen, erlaube diesem Widget in den Widget-Berechtigungen, Bestellungen zu senden.',
  orderFailed: (why) => `Deine Bestellung wurde nicht gesendet (${why}). Nutze „Erneut versuchen“ unter „Deine Bestellungen“.`,
  statusFailed: (why) => `Die Statusänderung wurde nicht gesendet (${why}). Bitte erneut versuchen.`,
  menuFailed: (why) => `Die Änderung der Speisekarte wurde nicht gespeichert (${why}). Angezeigt wird der zuletzt gespeicherte Stand.`,
  M_FORBIDDEN: 'in diesem Raum nicht erlaubt',
  DEVROOM_TIMEOUT: 'der Server hat nicht rechtzeitig geantwortet',
  M_LIMIT_EXCEEDED: 'zu viele Anfragen, bitte kurz warten',
  DEVROOM_NO_ROOT: 'Bestellen ist noch nicht geöffnet',
};
