import type { Dictionary } from '../../components/shared/i18n.js';
import type { BindingKey } from './binding.i18n.js';

/** The stand binding's messages in German, loaded only for German viewers. */
export const de: Dictionary<BindingKey> = {
  loadFailed: (reason: string) => `Der Stand konnte nicht geladen werden: ${reason}. Neuer Versuch läuft…`,
  saveFailed: (reason: string) => `Der Stand konnte nicht gespeichert werden: ${reason}`,
  presenceFailed: (reason: string) => `Deine Anwesenheit konnte nicht gesetzt werden: ${reason}`,
  markFailed: (reason: string) => `Die Anfrage konnte nicht markiert werden: ${reason}`,
  sendFailed: (reason: string) => `Konnte nicht gesendet werden: ${reason}`,
  connectFailed: 'keine Verbindung, bitte erneut versuchen',
  M_FORBIDDEN: 'in diesem Raum nicht erlaubt',
  DEVROOM_TIMEOUT: 'der Server hat nicht rechtzeitig geantwortet',
  M_LIMIT_EXCEEDED: 'zu viele Anfragen, bitte kurz warten',
  DEVROOM_NOT_OPEN: 'der Stand nimmt noch keine Kontaktanfragen an',
};
