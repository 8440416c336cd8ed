/**
 * The part of Node's EventEmitter that matrix-widget-api uses (`on`, `once`, `off`,
 * `emit`, plus the usual aliases), as a small ES module. The build and the dev server
 * give it to matrix-widget-api in place of the `events` package: that package is
 * CommonJS, about 2 KB gz, and mostly code the widget API never calls. Semantics follow
 * Node: listeners run synchronously in registration order, over a snapshot taken when
 * `emit` starts; `once` wrappers are removable by the original listener; emitting
 * `error` with no listener throws.
 */
type Listener = (...args: any[]) => void; // eslint-disable-line @typescript-eslint/no-explicit-any
type Wrapped = Listener & { listener?: Listener };

export class EventEmitter {
  readonly #events = new Map<string | symbol, Wrapped[]>();

  on(name: string | symbol, listener: Listener): this {
    const list = this.#events.get(name);
    if (list) list.push(listener);
    else this.#events.set(name, [listener]);
    return this;
  }

  addListener(name: string | symbol, listener: Listener): this {
    return this.on(name, listener);
  }

  once(name: string | symbol, listener: Listener): this {
    const wrapped: Wrapped = (...args) => {
      this.off(name, wrapped);
      listener.apply(this, args);
    };
    wrapped.listener = listener;
    return this.on(name, wrapped);
  }

  off(name: string | symbol, listener: Listener): this {
    const list = this.#events.get(name);
    if (!list) return this;
    // Node removes the most recently added matching registration.
    for (let i = list.length - 1; i >= 0; i--) {
      if (list[i] === listener || list[i]!.listener === listener) {
        list.splice(i, 1);
        break;
      }
    }
    if (!list.length) this.#events.delete(name);
    return this;
  }

  removeListener(name: string | symbol, listener: Listener): this {
    return this.off(name, listener);
  }

  removeAllListeners(name?: string | symbol): this {
    if (name === undefined) this.#events.clear();
    else this.#events.delete(name);
    return this;
  }

  emit(name: string | symbol, ...args: unknown[]): boolean {
    const list = this.#events.get(name);
    if (!list?.length) {
      if (name === 'error') throw args[0] instanceof Error ? args[0] : new Error(`Unhandled error: ${String(args[0])}`);
      return false;
    }
    for (const listener of [...list]) listener.apply(this, args);
    return true;
  }

  listenerCount(name: string | symbol): number {
    return this.#events.get(name)?.length ?? 0;
  }

  listeners(name: string | symbol): Listener[] {
    return (this.#events.get(name) ?? []).map((l) => l.listener ?? l);
  }

  eventNames(): (string | symbol)[] {
    return [...this.#events.keys()];
  }

  /** Node warns past a listener count; we have no such warning, so this is a no-op. */
  setMaxListeners(_n: number): this {
    return this;
  }
}

export default EventEmitter;
