import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { loadOnce } from './lazy-part.js';

/**
 * A small typed dictionary per component plus a controller that follows the nearest
 * `lang` (own attribute, then ancestors, then <html lang>). In a widget the runtime sets
 * <html lang> from the client's language parameter, so both paths meet here.
 */
export type Dictionary<K extends string> = Record<K, string | ((...args: never[]) => string)>;
export type Translations<K extends string> = { en: Dictionary<K> } & Partial<Record<string, Partial<Dictionary<K>>>>;

export function resolveLanguage(element: Element): string {
  const carrier = element.closest('[lang]');
  const lang = carrier?.getAttribute('lang') || document.documentElement.lang || navigator.language || 'en';
  return lang.toLowerCase();
}

export class LocaleController<K extends string> implements ReactiveController {
  #observer?: MutationObserver;
  readonly #host: ReactiveControllerHost & HTMLElement;
  readonly #translations: Translations<K>;
  lang = 'en';

  constructor(host: ReactiveControllerHost & HTMLElement, translations: Translations<K>) {
    this.#host = host;
    this.#translations = translations;
    host.addController(this);
  }

  hostConnected(): void {
    this.#update();
    // Re-render when <html lang> or the element's own lang changes.
    this.#observer = new MutationObserver(() => this.#update());
    this.#observer.observe(document.documentElement, { attributes: true, attributeFilter: ['lang'] });
    this.#observer.observe(this.#host, { attributes: true, attributeFilter: ['lang'] });
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
  }

  #update(): void {
    const next = resolveLanguage(this.#host);
    if (next !== this.lang) {
      this.lang = next;
      this.#host.requestUpdate();
    }
  }

  /** BCP 47 tag to hand to Intl. */
  get locale(): string {
    return this.lang;
  }

  /** Translated string for `key`; falls back from `de-AT` to `de` to English. */
  t<Key extends K>(key: Key, ...args: unknown[]): string {
    const base = this.lang.split('-')[0] ?? 'en';
    const entry =
      this.#translations[this.lang]?.[key] ?? this.#translations[base]?.[key] ?? this.#translations.en[key];
    return typeof entry === 'function' ? (entry as (...a: unknown[]) => string)(...args) : (entry as string);
  }
}

/** Dictionaries beyond English, loaded on demand: `{ de: () => import('./x.de.js').then((m) => m.de) }`. */
export type LocaleLoaders = Record<string, () => Promise<unknown>>;

/** Per dictionary object and language, its loader under the one rule (lazy-part.ts `loadOnce`). */
const localeLoads = new WeakMap<object, Map<string, () => Promise<unknown>>>();

/**
 * Puts `lang`'s dictionary into `translations` if a loader has it and it is not there yet.
 * Components await this in `scheduleUpdate`, so a first render in German waits for German
 * (no flash of English). A failure (offline, a missing chunk) leaves English for this update;
 * the next update asks again, as for every on-demand part (a failure requests no update, so
 * offline this never loops).
 */
export async function ensureLocale(lang: string, translations: object, loaders: LocaleLoaders, tag: string): Promise<void> {
  const base = lang.split('-')[0] ?? 'en';
  const load = loaders[base];
  const dictionaries = translations as Record<string, unknown>;
  if (!load || dictionaries[base]) return;
  let byLang = localeLoads.get(translations);
  if (!byLang) localeLoads.set(translations, (byLang = new Map()));
  let once = byLang.get(base);
  if (!once) byLang.set(base, (once = loadOnce(`${tag}'s ${base} strings`, load)));
  try {
    dictionaries[base] = await once();
  } catch {
    // loadOnce has said why; English until the next update.
  }
}
