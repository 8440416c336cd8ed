/**
 * The ranking index of a large section (the tally switches to it from SortedList past
 * LARGE items, loading this module then; same API, same comparator).
 * An ordered set with positions: a size-augmented treap (randomised balanced binary
 * search tree). insert, delete, rank (position of an item) and at (item at a position)
 * are all O(log n) expected; `slice` is O(k log n) (k items, a page at a time).
 *
 * Why not a sorted array with binary search: finding the slot is O(log n) but `splice`
 * moves O(n) elements. At 10,000 questions that memmove is still fast, but a vote storm
 * at a big event repositions an item on almost every event, and the issue asks for
 * O(log n) per event. A treap gives that with ~80 lines and no rebalancing cases
 * (a skip list would too, with more memory per node).
 *
 * The tree is intrusive: items carry their own links (RankNode), so a re-position
 * allocates nothing — folding a million votes must not feed the garbage collector.
 * An item is in at most one set at a time, and must not change its sort key while it
 * is in one: delete, mutate, insert. The tally does exactly that.
 */
import type { Compare, RankIndex } from './sorted-list.js';

/** Link fields a set item carries (owned by RankedSet; initialise to null/0). */
export interface RankNode<T> {
  rankLeft: T | null;
  rankRight: T | null;
  rankPriority: number;
  rankSize: number;
}

function size(node: RankNode<unknown> | null): number {
  return node ? node.rankSize : 0;
}

function fix<T extends RankNode<T>>(node: T): T {
  node.rankSize = 1 + size(node.rankLeft) + size(node.rankRight);
  return node;
}

export class RankedSet<T extends RankNode<T>> implements RankIndex<T> {
  #root: T | null = null;
  readonly #compare: Compare<T>;

  constructor(compare: Compare<T>) {
    this.#compare = compare;
  }

  get size(): number {
    return size(this.#root);
  }

  clear(): void {
    this.#root = null;
  }

  /** Adds `item` (assumed absent: equal keys would be kept twice). */
  insert(item: T): void {
    item.rankLeft = null;
    item.rankRight = null;
    item.rankSize = 1;
    // A fresh priority per insert keeps the tree balanced in expectation.
    item.rankPriority = Math.random();
    this.#root = this.#insertNode(this.#root, item);
  }

  /**
   * Adds `items` (assumed absent, any order). Fewer than the set holds go in one by one
   * (O(m log n), allocating next to nothing: a slice of a long load); more are sorted once
   * with what the set holds and the treap is rebuilt in O(n + m log m): a bulk load costs
   * one sort, not a walk down the tree per item.
   */
  insertAll(items: T[]): void {
    if (items.length < this.size) {
      for (const item of items) this.insert(item);
      return;
    }
    const all: T[] = [];
    this.forEach((item) => all.push(item));
    // The held items are one sorted run, which the sort finds (O(n + m log m)).
    this.#build(all.concat(items).sort(this.#compare));
  }

  /**
   * The treap over `sorted` with fresh random priorities (the same shape as inserting them
   * one by one): a Cartesian tree built along its right spine, each item pushed and popped
   * once. An item's subtree is complete when it leaves the spine, so its size is fixed then.
   */
  #build(sorted: T[]): void {
    const spine: T[] = [];
    for (const node of sorted) {
      node.rankPriority = Math.random();
      node.rankRight = null;
      let left: T | null = null;
      while (spine.length && (spine[spine.length - 1] as T).rankPriority < node.rankPriority) left = fix(spine.pop() as T);
      node.rankLeft = left;
      if (spine.length) (spine[spine.length - 1] as T).rankRight = node;
      spine.push(node);
    }
    let root: T | null = null;
    while (spine.length) root = fix(spine.pop() as T);
    this.#root = root;
  }

  /** Removes the item comparing equal to `item`; returns whether one was found. */
  delete(item: T): boolean {
    const before = this.size;
    this.#root = this.#deleteNode(this.#root, item);
    return this.size !== before;
  }

  /** Zero-based position of `item`, or -1 when absent. */
  rank(item: T): number {
    let node = this.#root;
    let offset = 0;
    while (node) {
      const c = this.#compare(item, node);
      if (c === 0) return offset + size(node.rankLeft);
      if (c < 0) node = node.rankLeft;
      else {
        offset += size(node.rankLeft) + 1;
        node = node.rankRight;
      }
    }
    return -1;
  }

  /** The item at zero-based `index`, or undefined when out of range. */
  at(index: number): T | undefined {
    let node = this.#root;
    let i = index;
    while (node) {
      const leftSize = size(node.rankLeft);
      if (i < leftSize) node = node.rankLeft;
      else if (i === leftSize) return node;
      else {
        i -= leftSize + 1;
        node = node.rankRight;
      }
    }
    return undefined;
  }

  /** Items at positions [start, end) in order. */
  slice(start = 0, end = this.size): T[] {
    const out: T[] = [];
    for (let i = Math.max(0, start); i < Math.min(this.size, end); i++) out.push(this.at(i) as T);
    return out;
  }

  /** Calls `fn` for every item in order (O(n), no intermediate array). */
  forEach(fn: (item: T, index: number) => void): void {
    let index = 0;
    const walk = (node: T | null): void => {
      if (!node) return;
      walk(node.rankLeft);
      fn(node, index++);
      walk(node.rankRight);
    };
    walk(this.#root);
  }

  #insertNode(root: T | null, node: T): T {
    if (!root) return node;
    if (node.rankPriority > root.rankPriority) {
      const [left, right] = this.#split(root, node);
      node.rankLeft = left;
      node.rankRight = right;
      return fix(node);
    }
    if (this.#compare(node, root) < 0) root.rankLeft = this.#insertNode(root.rankLeft, node);
    else root.rankRight = this.#insertNode(root.rankRight, node);
    return fix(root);
  }

  #deleteNode(root: T | null, item: T): T | null {
    if (!root) return null;
    const c = this.#compare(item, root);
    if (c === 0) return this.#merge(root.rankLeft, root.rankRight);
    if (c < 0) root.rankLeft = this.#deleteNode(root.rankLeft, item);
    else root.rankRight = this.#deleteNode(root.rankRight, item);
    return fix(root);
  }

  /** Splits into items before `key` and items at/after it. */
  #split(root: T | null, key: T): [T | null, T | null] {
    if (!root) return [null, null];
    if (this.#compare(root, key) < 0) {
      const [left, right] = this.#split(root.rankRight, key);
      root.rankRight = left;
      return [fix(root), right];
    }
    const [left, right] = this.#split(root.rankLeft, key);
    root.rankLeft = right;
    return [left, fix(root)];
  }

  #merge(a: T | null, b: T | null): T | null {
    if (!a) return b;
    if (!b) return a;
    if (a.rankPriority > b.rankPriority) {
      a.rankRight = this.#merge(a.rankRight, b);
      return fix(a);
    }
    b.rankLeft = this.#merge(a, b.rankLeft);
    return fix(b);
  }
}
