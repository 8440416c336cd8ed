import { canSend, normalisePowerLevels } from '../room/power-levels.js';
import type { PowerLevels, Room, RoomEvent } from '../room/room.js';
import { isEventId, isRecord } from '../schema/validate.js';
import { reject } from './rejections.js';

/**
 * Building blocks every binding uses to follow a room: live state of a type, power
 * levels, and the root events that questions/orders/contacts relate to.
 *
 * The order matters everywhere: subscribe first, then read, then apply what arrived in
 * between (deduplicated by event id). Reading first would lose events sent during the read.
 */

/** Why a state event cannot count (it is rejected), or undefined when it can. */
export type StateCheck = (event: RoomEvent) => string | undefined;

/**
 * Current state of one event type, by state key, kept live. With a `check`, an event it
 * finds fault with is rejected (once, with its reason) and never stored: the last good event
 * of that key stays (docs/schema.md: a bad state event never replaces the last good one).
 */
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
    check?: StateCheck,
  ) {
    const good = (event: RoomEvent) => {
      const why = check?.(event);
      if (why) reject(event, why);
      return !why;
    };
    /** Events that arrived live during the read: judged then (a good one is buffered), not again. */
    let judged: Set<string> | undefined = new Set();
    this.#unsubscribe = room.subscribe((event) => {
      if (event.type !== type || event.state_key === undefined) return;
      if (stateKey !== undefined && event.state_key !== stateKey) return;
      judged?.add(event.event_id);
      if (!good(event)) return;
      if (this.#loaded) this.#apply(event);
      else this.#buffered.push(event);
    });
    this.ready = room.readState(type, stateKey).then(
      (events) => {
        for (const e of events) if (e.state_key !== undefined && !judged!.has(e.event_id) && good(e)) this.byKey.set(e.state_key, e);
        judged = undefined;
        this.#loaded = true;
        for (const e of this.#buffered) this.#apply(e);
        this.#buffered = [];
        this.#notify(undefined, undefined);
      },
      (error: unknown) => {
        judged = undefined;
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
