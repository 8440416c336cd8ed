import { ensureLocale, resolveLanguage } from '../../components/shared/i18n.js';
import type { Translations } from '../../components/shared/i18n.js';
import { RoomError } from '../room/room.js';
import { errorMessage } from '../../components/shared/error-message.js';

/**
 * What the stand binding tells people (shown by the booth: its `notice`, a request's error),
 * in the booth's language. German loads on demand (binding.de.ts) when the binding starts, so
 * a message shown offline later has it too.
 */
export type BindingKey =
  | 'loadFailed'
  | 'saveFailed'
  | 'presenceFailed'
  | 'markFailed'
  | 'sendFailed'
  | 'connectFailed'
  | RoomErrorCode;

/** Room errors with words of their own (others show the error's message). */
const ROOM_ERRORS = ['M_FORBIDDEN', 'DEVROOM_TIMEOUT', 'M_LIMIT_EXCEEDED', 'DEVROOM_NOT_OPEN'] as const;
type RoomErrorCode = (typeof ROOM_ERRORS)[number];

export const bindingTranslations: Translations<BindingKey> = {
  en: {
    loadFailed: (reason: string) => `Could not load the stand: ${reason}. Trying again…`,
    saveFailed: (reason: string) => `Could not save the stand: ${reason}`,
    presenceFailed: (reason: string) => `Could not update your presence: ${reason}`,
    markFailed: (reason: string) => `Could not mark the request: ${reason}`,
    sendFailed: (reason: string) => `Could not send: ${reason}`,
    connectFailed: 'could not connect, try again',
    M_FORBIDDEN: 'not allowed in this room',
    DEVROOM_TIMEOUT: 'the server did not answer in time',
    M_LIMIT_EXCEEDED: 'too many requests, wait a moment',
    DEVROOM_NOT_OPEN: 'the stand does not take contact requests yet',
  },
  // German: binding.de.ts.
};

const LOCALES = { de: () => import('./binding.de.js').then((m) => m.de) };

/** Loads the booth's language's words if they are not here (English needs nothing). */
export const loadWords = (el: Element): Promise<void> => ensureLocale(resolveLanguage(el), bindingTranslations, LOCALES, 'the stand binding');

/** `key`'s words in the booth's language (English until that language's words are here). */
export function say(el: Element, key: BindingKey, ...args: unknown[]): string {
  const lang = resolveLanguage(el);
  const all = bindingTranslations as Record<string, Partial<Record<BindingKey, unknown>> | undefined>;
  const entry = all[lang]?.[key] ?? all[lang.split('-')[0]!]?.[key] ?? bindingTranslations.en[key];
  return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : String(entry);
}

/** Short, human reasons for refused requests. */
export function roomErrorText(el: Element, error: unknown): string {
  const code = error instanceof RoomError ? error.code : undefined;
  if ((ROOM_ERRORS as readonly unknown[]).includes(code)) return say(el, code as RoomErrorCode);
  return errorMessage(error);
}
