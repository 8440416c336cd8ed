/** A value that changes over time (theme, visibility, language): read `.value`, or subscribe. */
export class Watchable<T> {
  readonly #listeners = new Set<(value: T) => void>();

  #current: T;

  constructor(current: T) {
    this.#current = current;
  }

  get value(): T {
    return this.#current;
  }

  set(value: T): void {
    if (Object.is(value, this.#current)) return;
    this.#current = value;
    for (const listener of [...this.#listeners]) listener(value);
  }

  /** Calls `listener` now and on every change. Returns unsubscribe. */
  subscribe(listener: (value: T) => void): () => void {
    this.#listeners.add(listener);
    listener(this.#current);
    return () => this.#listeners.delete(listener);
  }
}
