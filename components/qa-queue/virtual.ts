import { css, type ReactiveController, type ReactiveElement } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import { addStyles } from '../shared/add-styles.js';

/** Virtual rows sit at their offsets inside a spacer as tall as the whole list. */
const styles = css`
  .virtual {
    position: relative;
  }
  .virtual > .row {
    position: absolute;
    top: 0;
    left: 0;
    right: 0;
    box-sizing: border-box;
  }
`;

/**
 * Row geometry for the virtualised question list: measured heights where known, an
 * estimate elsewhere, prefix offsets for O(log n) "which rows are visible". Rebuilding
 * the offsets is O(n) (0.1 ms at 10,000 rows) and happens only when the display order or
 * a measured height changes — not per scroll frame.
 */
export class RowGeometry {
  private offsets = new Float64Array(1);
  private ids: readonly string[] = [];
  private readonly heights = new Map<string, number>();
  private dirty = true;

  constructor(public estimate = 76) {}

  setOrder(ids: readonly string[]): void {
    this.ids = ids;
    this.dirty = true;
  }

  /** Records a measured height; returns true when it differs from what was assumed. */
  measure(id: string, height: number): boolean {
    const known = this.heights.get(id) ?? this.estimate;
    if (Math.abs(known - height) < 0.5) {
      if (!this.heights.has(id)) this.heights.set(id, height);
      return false;
    }
    this.heights.set(id, height);
    this.dirty = true;
    return true;
  }

  /** Forget measurements (the width changed, so text wraps differently). */
  reset(): void {
    this.heights.clear();
    this.dirty = true;
  }

  get total(): number {
    this.build();
    return this.offsets[this.ids.length] ?? 0;
  }

  offsetOf(index: number): number {
    this.build();
    return this.offsets[index] ?? 0;
  }

  heightOf(index: number): number {
    return this.offsetOf(index + 1) - this.offsetOf(index);
  }

  /** Index of the row covering pixel `y`. */
  indexAt(y: number): number {
    this.build();
    let lo = 0;
    let hi = this.ids.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.offsets[mid] ?? 0) <= y) lo = mid;
      else hi = mid - 1;
    }
    return Math.max(0, lo);
  }

  /** Rows intersecting [top, bottom] plus `overscan` px either side: [start, end). */
  range(top: number, bottom: number, overscan = 300): [number, number] {
    if (this.ids.length === 0) return [0, 0];
    const start = this.indexAt(Math.max(0, top - overscan));
    const end = Math.min(this.ids.length, this.indexAt(bottom + overscan) + 1);
    return [start, end];
  }

  private build(): void {
    if (!this.dirty) return;
    const n = this.ids.length;
    if (this.offsets.length < n + 1) this.offsets = new Float64Array(Math.max(n + 1, this.offsets.length * 2));
    let y = 0;
    this.offsets[0] = 0;
    for (let i = 0; i < n; i++) {
      y += this.heights.get(this.ids[i] as string) ?? this.estimate;
      this.offsets[i + 1] = y;
    }
    this.dirty = false;
  }
}

/** The host's side of the open list (see DevroomQaQueue). */
export type VirtualHost = ReactiveElement;

/**
 * Virtualisation of the open list, loaded only once the list is long: keeps the geometry
 * in step with the display order, says which rows to render, measures rendered rows after
 * each update (rows above the viewport that changed height keep the view anchored) and
 * forgets heights when the width changes (text re-wraps).
 */
export class VirtualRows implements ReactiveController {
  readonly geometry = new RowGeometry();
  #ids?: readonly string[];
  #range: [number, number] = [0, 0];
  #observed?: Element;
  #width = 0;
  readonly #resize = new ResizeObserver(() => {
    const width = this.#scroller()?.clientWidth ?? 0;
    if (width !== this.#width) {
      this.#width = width;
      this.geometry.reset();
      this.host.requestUpdate();
    }
  });

  constructor(private readonly host: VirtualHost) {
    host.addController(this);
    addStyles(host, styles);
  }

  #scroller(): HTMLElement | null {
    return this.host.renderRoot.querySelector<HTMLElement>('.scroller');
  }

  #compute(): [number, number] {
    const el = this.#scroller();
    const top = el?.scrollTop ?? 0;
    return this.geometry.range(top, top + (el?.clientHeight || 600));
  }

  /**
   * The rendered rows for `ids`: the visible range, plus `active` so keyboard focus is never
   * lost; keyed, so a row's DOM moves with its question as the range scrolls.
   */
  rows(ids: readonly string[], active: number, row: (index: number) => unknown): unknown {
    return repeat(this.#indices(ids, active), (i) => ids[i], row);
  }

  #indices(ids: readonly string[], active: number): number[] {
    if (ids !== this.#ids) {
      this.#ids = ids;
      this.geometry.setOrder(ids);
    }
    const [start, end] = (this.#range = this.#compute());
    const out: number[] = [];
    if (active < start) out.push(active);
    for (let i = start; i < end; i++) out.push(i);
    if (active >= end && active < ids.length) out.push(active);
    return out;
  }

  /** The list scrolled: re-render when other rows come into view. */
  scrolled(): void {
    const [start, end] = this.#compute();
    if (start !== this.#range[0] || end !== this.#range[1]) this.host.requestUpdate();
  }

  hostUpdated(): void {
    const el = this.#scroller();
    if (!el) return;
    if (el !== this.#observed) {
      this.#resize.disconnect();
      this.#resize.observe((this.#observed = el));
    }
    let changed = false;
    let shiftAbove = 0;
    const top = el.scrollTop;
    for (const row of el.querySelectorAll<HTMLElement>('.row')) {
      const index = Number(row.dataset.index);
      const before = this.geometry.heightOf(index);
      const height = row.offsetHeight;
      if (this.geometry.measure(row.dataset.id ?? '', height)) {
        changed = true;
        if (this.geometry.offsetOf(index) < top) shiftAbove += height - before;
      }
    }
    if (!changed) return;
    if (shiftAbove !== 0) el.scrollTop = top + shiftAbove;
    this.host.requestUpdate();
  }

  hostDisconnected(): void {
    this.#resize.disconnect();
    this.#observed = undefined;
  }
}
