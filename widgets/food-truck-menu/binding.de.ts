import type { BindingMessages } from './binding.js';

/** The food-truck binding's messages in German, loaded only for German viewers. */
export const de: BindingMessages = {
  loadFailed: (why: string) => `Bestellungen konnten nicht geladen werden (${why}). Lade das Widget neu.`,
  notOpen: 'Bestellen ist möglich, sobald der Stand dieses Widget geöffnet hat.',
  noGrant: 'Um hier zu bestellen, erlaube diesem Widget in den Widget-Berechtigungen, Bestellungen zu senden.',
  M_FORBIDDEN: 'in diesem Raum nicht erlaubt',
  DEVROOM_TIMEOUT: 'der Server hat nicht rechtzeitig geantwortet',
  M_LIMIT_EXCEEDED: 'zu viele Anfragen, bitte kurz warten',
  DEVROOM_NO_ROOT: 'Bestellen ist noch nicht geöffnet',
};
