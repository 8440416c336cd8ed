/**
 * The part of Node's EventEmitter that matrix-widget-api uses (`on`, `once`, `off`,
 * `emit`; the widget hosts' `removeAllListeners` on ClientWidgetApi), as a small ES module.
 * Nothing else: the class is in every widget page's first load. The build and the dev server
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
}

export default EventEmitter;
