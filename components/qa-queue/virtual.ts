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
