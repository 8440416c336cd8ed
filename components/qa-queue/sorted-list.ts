/**
 * The ranking index of a short section: a sorted array. Finding a slot is a binary search;
 * `splice` moves O(n) items, which at a few hundred questions costs less than a tree walk
 * and needs no link fields. A section that grows past the tally's LARGE threshold is
 * re-indexed into a RankedSet (ranked-set.ts, a treap, loaded then) with the same API and
 * the same comparator, so both give the same order; the treap keeps updates O(log n).
 */
export type Compare<T> = (a: T, b: T) => number;

/** What the tally needs of a section index (SortedList here, RankedSet for large sections). */
export interface RankIndex<T> {
  readonly size: number;
  clear(): void;
  /** Adds `item` (assumed absent). */
  insert(item: T): void;
  /** Adds `items` (assumed absent, in any order; the array is the index's to keep or sort). */
  insertAll(items: T[]): void;
  /** Removes the item comparing equal to `item`; returns whether one was found. */
  delete(item: T): boolean;
  /** Zero-based position of `item`, or -1 when absent. */
  rank(item: T): number;
  at(index: number): T | undefined;
  /** Items at positions [start, end) in order. */
  slice(start?: number, end?: number): T[];
  forEach(fn: (item: T, index: number) => void): void;
}

export class SortedList<T> implements RankIndex<T> {
  #items: T[] = [];
  readonly #compare: Compare<T>;

  constructor(compare: Compare<T>) {
    this.#compare = compare;
  }

  get size(): number {
    return this.#items.length;
  }

  clear(): void {
    this.#items = [];
  }

  /** The first position whose item does not sort before `item`. */
  #find(item: T): number {
    let lo = 0;
    let hi = this.#items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.#compare(this.#items[mid] as T, item) < 0) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  insert(item: T): void {
    this.#items.splice(this.#find(item), 0, item);
  }

  /**
   * One sort instead of a splice per item (quadratic for a big load): the sort finds the
   * items already held as one sorted run, so this is O(n + m log m).
   */
  insertAll(items: T[]): void {
    this.#items = this.#items.concat(items).sort(this.#compare);
  }

  delete(item: T): boolean {
    const i = this.rank(item);
    if (i >= 0) this.#items.splice(i, 1);
    return i >= 0;
  }

  rank(item: T): number {
    const i = this.#find(item);
    return i < this.#items.length && this.#compare(this.#items[i] as T, item) === 0 ? i : -1;
  }

  at(index: number): T | undefined {
    return this.#items[index];
  }

  /** Positions are never negative here (unlike Array.prototype.slice's, counted from the end). */
  slice(start?: number, end?: number): T[] {
    return this.#items.slice(start, end);
  }

  forEach(fn: (item: T, index: number) => void): void {
    this.#items.forEach(fn);
  }
}
