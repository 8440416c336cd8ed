/**
 * The fuzz seed. Default: one per UTC day, so every run on a day feeds the same events (a
 * red CI run can be re-run) while each day explores new ones. The seed is printed with each
 * run; to replay one:
 *
 *   FUZZ_SEED=20260115 npx web-test-runner --config test/fuzz/web-test-runner.fuzz.config.mjs
 *
 * (that config puts the environment variable on the test page), or set REPLAY below.
 */
const REPLAY: number | undefined = undefined;

const fromPage = (globalThis as { FUZZ_SEED?: unknown }).FUZZ_SEED;

function daySeed(): number {
  const d = new Date();
  return d.getUTCFullYear() * 10_000 + (d.getUTCMonth() + 1) * 100 + d.getUTCDate();
}

export const FUZZ_SEED: number = REPLAY ?? (typeof fromPage === 'string' && /^\d+$/.test(fromPage) ? Number(fromPage) : daySeed());

/** Events per element per run (issue #14). */
export const FUZZ_EVENTS = 10_000;
