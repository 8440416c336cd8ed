import { readAllRelations } from '../room/relations.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { MAX_PREVIOUS, rootIds } from '../schema/root.js';
import type { RootInfo } from './room-sync.js';

/** A root state as read: the current root and every one whose items count (current first). */
type Roots = RootInfo & { ids: string[] };

/** `qa:<talk id>`: one talk's Q&A in a room with a schedule. */
export type RootPurpose = 'qa' | `qa:${string}` | 'orders' | 'contacts';

/**
 * The writing side of roots (docs/schema.md, "Roots"). Only the lazily loaded writers
 * (opening the Q&A, the orders and contacts parts) need it.
 *
 * Element loads a widget for everyone in the room at once, so two moderators (vendors,
 * staff) can both find no root and both create one; the second state write replaces the
 * first. Nothing sent against the first root may disappear, so:
 * - the creator re-reads the state right before writing and adopts a root it finds;
 * - the state lists earlier roots (`previous`) and readers count the items of all of them;
 * - every reader keeps the roots it has seen; when the state lacks one, a viewer with the
 *   power adds it (`repairRoot`). Writes only ever add to the set and keep the current
 *   root, so two repairers write the same set and stop: no ping-pong. A viewer without the
 *   power waits for one who has, then re-sends its own items once against the current root
 *   with their local ids, which readers already count once.
 */

/** How long a viewer without the power to fix the state waits for one who has (tests shorten it). */
export const rootRepair = { graceMs: 5000 };

async function readRoot(room: Room, purpose: string): Promise<Roots | undefined> {
  const event = (await room.readState(EventTypes.root, purpose))[0];
  const ids = rootIds(event?.content, event?.event_id);
  return event && ids[0] ? { eventId: ids[0], ids, content: event.content } : undefined;
}

/**
 * Creates the root for a purpose: a visible `m.notice` every client shows, then the
 * `dev.devroom.root` state pointing at it. Only users with the power to set that state
 * do this (the homeserver refuses others). A root that appears meanwhile (another
 * privileged widget opened at the same moment) is adopted instead: `created` is false.
 */
export async function createRoot(
  room: Room,
  purpose: RootPurpose,
  notice: string,
  extra: Record<string, unknown> = {},
): Promise<Roots & { created: boolean }> {
  const existing = await readRoot(room, purpose);
  if (existing) return { ...existing, created: false };
  const eventId = await room.sendEvent('m.room.message', {
    msgtype: 'm.notice',
    body: notice,
    [`${EventTypes.root}`]: { purpose },
  });
  // Again right before writing: an unused notice costs nothing, a replaced root would.
  const meanwhile = await readRoot(room, purpose);
  if (meanwhile) return { ...meanwhile, created: false };
  const content = { ...extra, event_id: eventId };
  await room.sendState(EventTypes.root, purpose, content);
  return { eventId, ids: [eventId], content, created: true };
}

export interface RootRepairHost {
  room: Room;
  purpose: RootPurpose;
  /** The roots this widget counts items of (every root of every state it saw); also the widget's identity here. */
  known: ReadonlySet<string>;
  /** Whether this viewer may write the root state (power and the client's grant). */
  mayWrite(): boolean;
  /** The items hanging off the root (`m.room.message`, orders, contact requests) and their local-id key. */
  itemType: string;
  localIdKey: string;
}

const chains = new WeakMap<object, Promise<void>>();
const resent = new WeakMap<object, Set<string>>();

/**
 * Called by a reader when the root state lacks a root it knows. Repairs run one at a time
 * per widget, and each re-reads the state first: a repair that is no longer needed does
 * nothing.
 */
export function repairRoot(host: RootRepairHost): Promise<void> {
  const next = (chains.get(host.known) ?? Promise.resolve())
    .then(() => repairOnce(host))
    .catch((error: unknown) => console.warn(`devroom: could not repair the ${host.purpose} root state`, error));
  chains.set(host.known, next);
  return next;
}

async function repairOnce(host: RootRepairHost): Promise<void> {
  const { room, purpose, known } = host;
  const missing = (state: Roots) => [...known].filter((id) => !state.ids.includes(id));
  let state = await readRoot(room, purpose);
  if (!state || !missing(state).length) return;
  if (host.mayWrite()) {
    // The current root stays (readers need not switch); the list is bounded, and a full one is left alone.
    const previous = [...state.ids.slice(1), ...missing(state)].slice(0, MAX_PREVIOUS);
    if (previous.length >= state.ids.length) await room.sendState(EventTypes.root, purpose, { ...state.content, previous });
    return;
  }
  await new Promise((resolve) => setTimeout(resolve, rootRepair.graceMs));
  state = await readRoot(room, purpose);
  if (!state) return;
  let done = resent.get(known);
  if (!done) resent.set(known, (done = new Set()));
  for (const lost of missing(state)) {
    if (done.has(lost)) continue;
    done.add(lost);
    const items = await readAllRelations(room, lost, { relType: 'm.reference', eventType: host.itemType, direction: 'f' });
    for (const item of items) {
      if (item.sender !== room.userId || item.type !== host.itemType || typeof item.content[host.localIdKey] !== 'string') continue;
      // The same content and local id: a reader that sees both copies counts the item once.
      await room.sendEvent(host.itemType, { ...item.content, 'm.relates_to': { rel_type: 'm.reference', event_id: state.eventId } });
    }
  }
}
