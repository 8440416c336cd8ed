import { dropStored, readJson, storageArea } from '../../components/shared/storage.js';
import { isEventId } from '../schema/validate.js';
import { MAX_UNSENT } from './unsent.js';
import type { Unsent } from './unsent.js';

/**
 * Reading back what unsent.ts kept: loaded only when there is something to read (the Q&A), or
 * with the orders part. Storage is untrusted input like any room event: an unreadable value is
 * removed, each bad or expired item dropped, each with a logged reason.
 */

/** An unsent item older than this is not offered again (a talk's Q&A, a food truck's day). */
export const MAX_AGE_MS = 12 * 3_600_000;
const PREFIX = 'devroom:unsent:';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The items under `key` that are whole and recent. `check` says what is wrong with an item's
 * own fields (undefined: nothing) and may return it cleaned. Other rooms' keys whose items all
 * expired are removed on the way (a room never opened again would keep them forever).
 */
export function readUnsent<T extends Unsent>(key: string, what: string, check: (item: Record<string, unknown>) => string | T, now = Date.now()): T[] {
  sweep(key, now);
  const value = readJson('localStorage', key, `unsent ${what}`);
  if (value === undefined) return [];
  if (!isRecord(value) || value.v !== 1 || !Array.isArray(value.items)) {
    dropStored('localStorage', key, `unsent ${what} in this browser ignored: not a version 1 list`);
    return [];
  }
  const items: T[] = [];
  for (const item of (value.items as unknown[]).slice(-MAX_UNSENT)) {
    const result = !isRecord(item)
      ? 'not an object'
      : typeof item.id !== 'string' || !item.id || item.id.length > 128
        ? 'no local id'
        : typeof item.at !== 'number' || !Number.isFinite(item.at)
          ? 'no time'
          : now - item.at > MAX_AGE_MS
            ? 'older than 12 hours'
            : item.root !== undefined && !isEventId(item.root)
              ? 'root is not an event id'
              : items.some((i) => i.id === item.id)
                ? 'listed twice'
                : check(item);
    if (typeof result === 'string') console.warn(`devroom: an unsent ${what} in this browser dropped: ${result}`);
    else items.push(result);
  }
  return items;
}

function sweep(current: string, now: number): void {
  const store = storageArea('localStorage');
  if (!store) return;
  try {
    const keys: string[] = [];
    for (let i = 0; i < store.length; i++) {
      const key = store.key(i);
      if (key?.startsWith(PREFIX) && key !== current) keys.push(key);
    }
    for (const key of keys) {
      let items: unknown;
      try {
        items = (JSON.parse(store.getItem(key) ?? '') as { items?: unknown }).items;
      } catch {
        // Unreadable: removed below.
      }
      const live = Array.isArray(items) && items.some((i: unknown) => isRecord(i) && typeof i.at === 'number' && now - i.at <= MAX_AGE_MS);
      if (!live) store.removeItem(key);
    }
  } catch (error) {
    console.warn('devroom: could not tidy unsent items in this browser', error);
  }
}
