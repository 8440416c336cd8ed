/**
 * A `Room` that runs inside a widget on another origin (test/fixtures/widgets/contract.ts):
 * each call is evaluated in the widget's frame, so the contract suite drives the real
 * WidgetApiRoom over matrix-widget-api, through the Element-like host, to the homeserver.
 * Live events are polled from what the widget recorded.
 */
import { RoomError } from '../../widgets/room/room.js';
import type { RelationsPage, RelationsQuery, Room, RoomEvent, RoomListener } from '../../widgets/room/room.js';
import { inWidget } from './in-widget.js';
import type { FrameOf } from './in-widget.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; message: string; code?: string };

export class RemoteRoom implements Room {
  readonly #frame: FrameOf;
  readonly #listeners = new Set<RoomListener>();
  #delivered = 0;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #polling = false;

  constructor(
    frame: FrameOf,
    readonly roomId: string,
    readonly userId: string,
  ) {
    this.#frame = frame;
  }

  async #call<T>(method: string, args: unknown[]): Promise<T> {
    const outcome = (await inWidget(
      this.#frame,
      async (_dom, name: string, params: unknown[]) => {
        const room = window.contract.room as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>;
        try {
          return { ok: true, value: await room[name]!(...params) };
        } catch (error) {
          return { ok: false, message: String((error as Error).message ?? error), code: (error as { code?: string }).code };
        }
      },
      method,
      args,
    )) as Outcome<T>;
    if (!outcome.ok) throw new RoomError(outcome.message, outcome.code);
    return outcome.value;
  }

  readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    return this.#call('readState', stateKey === undefined ? [type] : [type, stateKey]);
  }
  readRelations(eventId: string, query: RelationsQuery = {}): Promise<RelationsPage> {
    return this.#call('readRelations', [eventId, query]);
  }
  sendEvent(type: string, content: Record<string, unknown>): Promise<string> {
    return this.#call('sendEvent', [type, content]);
  }
  sendState(type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    return this.#call('sendState', [type, stateKey, content]);
  }
  redact(eventId: string, reason?: string): Promise<string> {
    return this.#call('redact', reason === undefined ? [eventId] : [eventId, reason]);
  }

  subscribe(listener: RoomListener): () => void {
    this.#listeners.add(listener);
    if (!this.#timer && !this.#polling) this.#schedule();
    return () => {
      this.#listeners.delete(listener);
      if (!this.#listeners.size && this.#timer) {
        clearTimeout(this.#timer);
        this.#timer = undefined;
      }
    };
  }

  // One poll at a time: two in flight would read from the same position and count it twice,
  // skipping the events after it (seen on a loaded machine, where a poll takes over 100 ms).
  #schedule(): void {
    this.#timer = setTimeout(() => void this.#poll(), 100);
  }

  async #poll(): Promise<void> {
    this.#timer = undefined;
    this.#polling = true;
    const fresh = await inWidget(this.#frame, (_dom, from: number) => window.contract.live.slice(from), this.#delivered).catch(() => []);
    this.#polling = false;
    this.#delivered += fresh.length;
    for (const event of fresh) for (const listener of [...this.#listeners]) listener(event);
    if (this.#listeners.size && !this.#timer) this.#schedule();
  }
}
