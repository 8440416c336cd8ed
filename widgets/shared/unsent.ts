import type { Room } from '../room/room.js';

/**
 * What a widget sent, or was about to send, and has not seen arrive (questions, orders), kept
 * in this browser so that a reload or a crash loses nothing (docs/schema.md, "After a reload").
 *
 * localStorage, not sessionStorage: Element keeps its own unsent events in localStorage
 * (matrix-js-sdk's pending events) and shows them "not sent" after the tab was closed or
 * Element Desktop restarted, neither of which sessionStorage survives; the widget then says
 * the same. One key per kind, room and user (two people on one browser, two rooms), at most
 * MAX_UNSENT items and MAX_CHARS characters each, 12 hours at most (unsent-read.ts): small
 * and synchronous, so no IndexedDB. Only this module is in a first load (the Q&A's): reading
 * back, checking and sweeping load when there is something to read.
 */

export interface Unsent {
  /** The local id the item is (or will be) sent with. */
  id: string;
  /** When it was first submitted (ms): a retry looks this far back, and it expires after 12 hours. */
  at: number;
  /** The root its first send went to: a retry looks there (find-sent.ts). Absent: never sent. */
  root?: string;
}

export type UnsentKind = 'qa' | 'orders';

export const MAX_UNSENT = 20;
/** Per key: a question is at most a few thousand characters, an order rarely more than 2,000. */
export const MAX_CHARS = 100_000;

export const unsentKey = (kind: UnsentKind, room: Room): string => `devroom:unsent:${JSON.stringify([kind, room.roomId, room.userId])}`;

/** Whether an earlier page kept items under `key` (no storage: none). */
export function hasUnsent(key: string): boolean {
  try {
    return !!localStorage.getItem(key);
  } catch {
    return false;
  }
}

/**
 * Keeps `items` (oldest first) under `key`; none left removes the key. Beyond the bounds the
 * oldest go. Storage that refuses (quota, blocked) keeps nothing, not an older list: logged.
 */
export function saveUnsent(key: string, items: Iterable<Unsent>): void {
  const list = [...items].slice(-MAX_UNSENT);
  while (list.length && JSON.stringify(list).length > MAX_CHARS) list.shift();
  try {
    if (list.length) localStorage.setItem(key, JSON.stringify({ v: 1, items: list }));
    else localStorage.removeItem(key);
  } catch (error) {
    console.warn('devroom: unsent items not kept in this browser', error);
    try {
      localStorage.removeItem(key);
    } catch {
      // No storage at all.
    }
  }
}
