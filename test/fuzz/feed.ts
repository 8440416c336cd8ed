import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { FuzzLog } from './harness.js';
import type { Label } from './harness.js';
import { PROTO_KEYS } from './hostile.js';
import type { Rng } from './prng.js';
import { ADMIN } from './users.js';

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
    return this.idAfter(1);
  }

  /** The id the `n`th event from now will get (a redaction sent before its event: `idAfter(2)`). */
  idAfter(n: number): string {
    return `$fuzzfuzzexam-${this.#seq + n}`;
  }

  /**
   * Two events that relate to each other (`m.reference` both ways, `content` completes each):
   * a loop no reader may follow forever. Not about any root, so not for any element.
   */
  loop(type: string, content: Record<string, unknown>, sender: string): void {
    const [a, b] = [this.idAfter(1), this.idAfter(2)];
    this.inject(type, { ...content, 'm.relates_to': { rel_type: 'm.reference', event_id: b } }, sender, 'irrelevant', 'a relation loop');
    this.inject(type, { ...content, 'm.relates_to': { rel_type: this.r.pick(['m.reference', 'm.annotation']), event_id: a, key: '👍' } }, sender, 'irrelevant', 'a relation loop');
  }

  /**
   * An event whose type is named like an Object.prototype member (anyone may choose a type),
   * room event or state; now and then the server redacts it (MemoryRoom, as a homeserver
   * does: redacting one threw, widgets/room/redaction.ts). Not for any element.
   */
  protoTyped(): void {
    const r = this.r;
    const type = r.pick(PROTO_KEYS);
    const event = r.chance(0.5) ? this.room.inject(type, { body: 'x', membership: 'join' }, ADMIN) : this.room.setState(type, r.pick(['', ...PROTO_KEYS]), { body: 'x' }, ADMIN);
    this.add(event, 'irrelevant', 'a type named like a prototype member');
    // An error here is an unhandled rejection, which the page watch reports.
    if (r.chance(0.5)) void this.room.as(ADMIN).redact(event.event_id);
  }

  get count(): number {
    return this.log.items.length;
  }
}
