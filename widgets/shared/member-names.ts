import { NameBook } from '../../components/shared/person-name.js';
import type { PersonNames } from '../../components/shared/person-name.js';
import type { Room, RoomEvent } from '../room/room.js';

/**
 * People's display names from the room's m.room.member state: what the client already holds
 * and pushes (docs/security.md, "People's names"). Inside Element that is the members its
 * lazy-loading client has needed (timeline senders, the user), not all of a big room; anyone
 * else shows by id until the client learns their member event (they send something, rename,
 * join). A binding loads this on demand and hands its element `names` (state down). The
 * capability: read-members.ts.
 */

export interface MemberNames {
  /** Names as known now; a new function after each change (so an element re-renders). */
  readonly names: PersonNames;
  /** Called after the first read and after each batch of changes. Returns unsubscribe. */
  onChange(listener: (names: PersonNames) => void): () => void;
  /** Resolves once the members the room holds were read (a failed read leaves ids). */
  readonly ready: Promise<void>;
  stop(): void;
}

/** A binding's way in: `show` gets the names after the first read and after each change. Returns stop. */
export function followNames(room: Room, show: (names: PersonNames) => void): () => void {
  const watch = watchMemberNames(room);
  watch.onChange(show);
  return () => watch.stop();
}

export function watchMemberNames(room: Room): MemberNames {
  const book = new NameBook();
  const listeners = new Set<(names: PersonNames) => void>();
  let names: PersonNames = (id) => book.person(id);
  let pending = false;
  // Element pushes member changes one event at a time; a burst (a join wave) is one update.
  const changed = () => {
    if (pending) return;
    pending = true;
    queueMicrotask(() => {
      pending = false;
      names = (id) => book.person(id);
      for (const listener of [...listeners]) listener(names);
    });
  };
  const take = (event: RoomEvent) => event.type === 'm.room.member' && event.state_key !== undefined && book.set(event.state_key, event.content.displayname);
  // Live events first, so none is lost while the read is in flight; the read only fills in.
  const seen = new Set<string>();
  const unsubscribe = room.subscribe((event) => {
    if (event.type !== 'm.room.member' || event.state_key === undefined) return;
    seen.add(event.state_key);
    if (take(event)) changed();
  });
  const ready = room.readState('m.room.member').then(
    (events) => {
      for (const event of events) if (!seen.has(event.state_key ?? '')) take(event);
      seen.clear();
      changed();
    },
    (error: unknown) => console.warn('devroom: member names not read; people show by id', error),
  );
  return {
    get names() {
      return names;
    },
    onChange(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    ready,
    stop() {
      unsubscribe();
      listeners.clear();
    },
  };
}
