import { errorMessage } from './error-message.js';
/**
 * JSON in Web Storage that may be missing or refuse: a sandboxed iframe without
 * allow-same-origin (or a browser blocking third-party storage) throws on access, a full
 * quota throws on write. Nothing here throws: what cannot be kept is logged, and what cannot
 * be read is logged and removed, so a bad value costs one warning, not one per load.
 */

export type StorageArea = 'localStorage' | 'sessionStorage';

export function storageArea(area: StorageArea): Storage | undefined {
  try {
    return globalThis[area];
  } catch {
    return undefined;
  }
}

/** The raw value under `key` (null: nothing there or no storage). */
export function readRaw(area: StorageArea, key: string): string | null {
  try {
    return storageArea(area)?.getItem(key) ?? null;
  } catch {
    return null;
  }
}

/** Removes `key`, saying why in the console. */
export function dropStored(area: StorageArea, key: string, message: string): void {
  console.warn(`devroom: ${message}`);
  try {
    storageArea(area)?.removeItem(key);
  } catch {
    // Nothing to clean up where storage cannot be reached.
  }
}

/** Parsed JSON under `key`; undefined when there is none, or it is not JSON (then removed, logged; `what` names it). */
export function readJson(area: StorageArea, key: string, what: string): unknown {
  const raw = readRaw(area, key);
  if (raw === null) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    dropStored(area, key, `${what} in this browser ignored: not JSON`);
    return undefined;
  }
}

/**
 * Keeps `value` as JSON under `key` (undefined: removes it). Over `maxChars` (UTF-16 code units,
 * what storage quotas count), or refused by the browser (quota), it is not kept and the old
 * value is removed too, so a reload cannot bring back an older state: logged. Returns whether kept.
 */
export function writeJson(area: StorageArea, key: string, value: unknown, maxChars: number, what: string): boolean {
  const store = storageArea(area);
  if (!store) return false;
  try {
    if (value === undefined) {
      store.removeItem(key);
      return true;
    }
    const json = JSON.stringify(value);
    if (json.length > maxChars) throw new Error(`${json.length} characters, more than ${maxChars}`);
    store.setItem(key, json);
    return true;
  } catch (error) {
    dropStored(area, key, `${what} not kept in this browser: ${errorMessage(error)}`);
    return false;
  }
}
