import { canSend, normalisePowerLevels } from '../room/power-levels.js';
import type { PowerLevels, Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId, isRecord } from '../schema/validate.js';

/**
 * Building blocks every binding uses to follow a room: live state of a type, power
 * levels, and the root events that questions/orders/contacts relate to.
 *
 * The order matters everywhere: subscribe first, then read, then apply what arrived in
 * between (deduplicated by event id). Reading first would lose events sent during the read.
 */

/** Current state of one event type, by state key, kept live. */
export class StateWatch {
  readonly byKey = new Map<string, RoomEvent>();
  readonly #listeners = new Set<(event: RoomEvent | undefined, key: string | undefined) => void>();
  readonly #unsubscribe: () => void;
  #loaded = false;
  #buffered: RoomEvent[] = [];
  readonly ready: Promise<void>;

  constructor(
    room: Room,
    readonly type: string,
    readonly stateKey?: string,
  ) {
    this.#unsubscribe = room.subscribe((event) => {
      if (event.type !== type || event.state_key === undefined) return;
      if (stateKey !== undefined && event.state_key !== stateKey) return;
      if (this.#loaded) this.#apply(event);
      else this.#buffered.push(event);
    });
    this.ready = room.readState(type, stateKey).then(
      (events) => {
        for (const e of events) if (e.state_key !== undefined) this.byKey.set(e.state_key, e);
        this.#loaded = true;
        for (const e of this.#buffered) this.#apply(e);
        this.#buffered = [];
        this.#notify(undefined, undefined);
      },
      (error: unknown) => {
        this.#loaded = true;
        throw error;
      },
    );
  }

  #apply(event: RoomEvent): void {
    const key = event.state_key as string;
    const current = this.byKey.get(key);
    // Live events arrive in room order (newer than the read they were buffered behind);
    // only a duplicate delivery of the same event is skipped.
    if (current && current.event_id === event.event_id) return;
    this.byKey.set(key, event);
    this.#notify(event, key);
  }

  #notify(event: RoomEvent | undefined, key: string | undefined): void {
    for (const listener of [...this.#listeners]) listener(event, key);
  }

  /** Called after the initial read (event undefined) and on every change. */
  onChange(listener: (event: RoomEvent | undefined, key: string | undefined) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  get(key = ''): RoomEvent | undefined {
    return this.byKey.get(key);
  }

  stop(): void {
    this.#unsubscribe();
    this.#listeners.clear();
  }
}

/** The room's power levels, live, with "may this user send that" answers. */
export class PowerWatch {
  readonly #watch: StateWatch;
  levels: PowerLevels = normalisePowerLevels(undefined);
  readonly ready: Promise<void>;

  constructor(room: Room) {
    this.#watch = new StateWatch(room, 'm.room.power_levels', '');
    this.#watch.onChange(() => {
      const content = this.#watch.get('')?.content;
      this.levels = normalisePowerLevels(isRecord(content) ? content : undefined);
    });
    this.ready = this.#watch.ready;
  }

  /**
   * Whether `userId` may send `type`. False until a power-levels event is known: before
   * the room state arrives (every viewer would briefly look like a host, and a speaker's
   * player could join the call by itself), and in a room without one, where the spec lets
   * anyone send state and devroom would otherwise give everyone moderator controls.
   */
  can(userId: string, type: string, isState: boolean): boolean {
    return this.#known && canSend(this.levels, userId, type, isState);
  }

  get #known(): boolean {
    return this.#watch.get('') !== undefined;
  }

  onChange(listener: () => void): () => void {
    return this.#watch.onChange(() => listener());
  }

  stop(): void {
    this.#watch.stop();
  }
}

export type RootPurpose = 'qa' | 'orders' | 'contacts';

export interface RootInfo {
  eventId: string;
  content: Record<string, unknown>;
}

/** Reads `dev.devroom.root` content for a purpose; undefined when absent or invalid. */
export function rootFrom(event: RoomEvent | undefined): RootInfo | undefined {
  const content = event?.content;
  if (!isRecord(content) || !isEventId(content.event_id)) return undefined;
  return { eventId: content.event_id, content };
}

/**
 * Creates the root for a purpose: a visible `m.notice` every client shows, then the
 * `dev.devroom.root` state pointing at it. Only users with the power to set that state
 * do this (the homeserver refuses others).
 */
export async function createRoot(
  room: Room,
  purpose: RootPurpose,
  notice: string,
  extra: Record<string, unknown> = {},
): Promise<RootInfo> {
  const eventId = await room.sendEvent('m.room.message', {
    msgtype: 'm.notice',
    body: notice,
    [`${EventTypes.root}`]: { purpose },
  });
  const content = { ...extra, event_id: eventId };
  await room.sendState(EventTypes.root, purpose, content);
  return { eventId, content };
}

/** A local id for idempotent sends (`dev.devroom.local_id` / `localId` in content). */
export function localId(prefix: string): string {
  const random = crypto.getRandomValues(new Uint32Array(2));
  return `${prefix}-${Date.now().toString(36)}-${random[0]!.toString(36)}${random[1]!.toString(36)}`;
}

/** Reference relation target of an event (`m.relates_to` with `m.reference`), if any. */
export function referenceTarget(event: RoomEvent): string | undefined {
  const relates = event.content['m.relates_to'];
  if (!isRecord(relates) || relates.rel_type !== 'm.reference' || !isEventId(relates.event_id)) return undefined;
  return relates.event_id;
}

/** Runs `task` over `items` with at most `limit` in flight: bounded startup request bursts. */
export async function mapLimited<T, R>(items: readonly T[], limit: number, task: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index] as T);
    }
  });
  await Promise.all(workers);
  return results;
}
