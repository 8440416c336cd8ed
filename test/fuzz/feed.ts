import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { FuzzLog } from './harness.js';
import type { Label } from './harness.js';
import type { Rng } from './prng.js';

/**
 * What a generator writes into the room, labelled as it goes: room events (`inject`, no auth:
 * a hostile or buggy server), state (`setState`), and the id the next event will get (MemoryRoom
 * numbers its events), for a redaction sent before its event.
 */
export class Feed {
  readonly log = new FuzzLog();
  readonly #preBind = new Map<string, string>();
  #seq = 0;
  /** False until the element is bound: state written before is read only as the current state. */
  live = false;

  constructor(
    readonly room: MemoryRoom,
    readonly r: Rng,
  ) {}

  add(event: RoomEvent, label: Label, recipe: string): RoomEvent {
    this.#seq = Number(event.event_id.split('-').pop());
    return this.log.add(event, label, recipe);
  }

  inject(type: string, content: Record<string, unknown>, sender: string, label: Label, recipe: string): RoomEvent {
    return this.add(this.room.inject(type, content, sender), label, recipe);
  }

  /** State; before the element is bound, an earlier event of the same key is never seen (only the current state is read). */
  state(type: string, key: string, content: Record<string, unknown>, sender: string, label: Label, recipe: string): RoomEvent {
    const event = this.room.setState(type, key, content, sender);
    if (!this.live) {
      const earlier = this.#preBind.get(`${type}\n${key}`);
      if (earlier) this.log.relabel(earlier, 'irrelevant', 'superseded before the element read the state');
      this.#preBind.set(`${type}\n${key}`, event.event_id);
    }
    return this.add(event, label, recipe);
  }

  /** The id the next event will get. */
  get nextId(): string {
    return `$fuzzfuzzexam-${this.#seq + 1}`;
  }

  get count(): number {
    return this.log.items.length;
  }
}
