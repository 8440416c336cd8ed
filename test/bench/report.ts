/**
 * How a benchmark reports a figure for the one table `npm run bench` prints at the end:
 *
 *   await record('qa-fold', 'fold 1M vote/unvote events (best of 3)', 912, 'ms', 'runs 912 / 950 / 1010');
 *
 * The figure goes to the test runner (test/support/bench-report-plugin.mjs, server command
 * `bench-record`), which collects every bench's figures in Node, adds the sizes from dist/,
 * prints the table when the run ends and writes it to JSON for docs/benchmarks.md. Benches keep
 * their own console lines (people read them); this is the summary.
 */
import { executeServerCommand } from '@web/test-runner-commands';

/** The table's sections; the plugin gives each its title and its place in the table. */
export type BenchSection = 'sizes' | 'qa-fold' | 'qa-render' | 'startup' | 'talk' | 'public' | 'scale';

/** A number, or words where there is no figure (e.g. "run npm run build first"). */
export type BenchValue = number | string;

export interface BenchRecord {
  section: BenchSection;
  name: string;
  value: BenchValue;
  unit: string;
  note?: string;
  /** The browser the figure was measured in, for the table's heading. */
  userAgent: string;
}

/** Said when the table has no plugin to go to, once per page. */
let warned = false;

/**
 * Reports one figure. Never fails the bench: run without the bench config (no plugin), the
 * figure stays in the bench's own console output only.
 */
export async function record(section: BenchSection, name: string, value: BenchValue, unit = '', note?: string): Promise<void> {
  const payload: BenchRecord = { section, name, value, unit, ...(note ? { note } : {}), userAgent: navigator.userAgent };
  try {
    await executeServerCommand('bench-record', payload);
  } catch (error) {
    if (!warned) console.warn(`bench: figures not collected for the table (${error instanceof Error ? error.message : String(error)}); run with web-test-runner.bench.config.mjs`);
    warned = true;
  }
}

/** Median of a non-empty list (the upper one of an even count, as the benches always did). */
export const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** "min–max ms" (rounded to `digits`), for a note beside a median. */
export const range = (xs: number[], digits = 0, unit = 'ms'): string => `${Math.min(...xs).toFixed(digits)}–${Math.max(...xs).toFixed(digits)} ${unit}`;
