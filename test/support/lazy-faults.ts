/**
 * Browser side of test/support/chunk-faults.mjs: make a lazily loaded part fail to load, and
 * see what happened to its requests. Arm a fault before the page first imports the part: a
 * module the page already has is never requested again.
 */
/**
 * The next `times` requests for module `path` (e.g. '/components/x/part.ts') answer 503.
 * `times: 2` fails the import and the automatic retry on a fresh URL (import-retry-plugin.mjs):
 * the part cannot load until something asks for it again.
 */
export async function failChunk(path: string, times = 2): Promise<void> {
  armed.add(path);
  const response = await fetch('/__chunk_faults', { method: 'POST', body: JSON.stringify({ path, times, ttlMs: 20_000 }) });
  if (!response.ok) throw new Error(`could not arm a fault for ${path}: ${response.status}`);
}

/** Paths with a fault armed by this test file. */
const armed = new Set<string>();

// A fault a failing (or faster than expected) test left unused must not hit the next test or
// the next test file, which would then fail for no reason of its own: clear them after each test.
afterEach(async () => {
  for (const path of armed) await chunkBack(path);
  armed.clear();
});

/** The network is back for `path`: its fault is cleared (requests still counted). */
export async function chunkBack(path: string): Promise<void> {
  await fetch('/__chunk_faults', { method: 'POST', body: JSON.stringify({ path, times: 0 }) });
}

/** Requests for `path` since its fault was armed: answered 503, and served. */
export async function chunkRequests(path: string): Promise<{ failed: number; served: number }> {
  return (await fetch(`/__chunk_faults?path=${encodeURIComponent(path)}`)).json() as Promise<{ failed: number; served: number }>;
}

/** Waits until `path` has failed `failed` times (the fault really hit). */
export async function chunkFailed(path: string, failed = 2): Promise<void> {
  let seen = { failed: 0, served: 0 };
  const start = performance.now();
  while ((seen = await chunkRequests(path)).failed < failed) {
    if (performance.now() - start > 6000) throw new Error(`${path} failed ${seen.failed} of ${failed} times`);
    await new Promise((r) => setTimeout(r, 30));
  }
}

/** Waits until `path` was served (the part loaded after the network came back). */
export async function chunkServed(path: string): Promise<void> {
  const start = performance.now();
  while ((await chunkRequests(path)).served < 1) {
    if (performance.now() - start > 6000) throw new Error(`${path} was not requested again`);
    await new Promise((r) => setTimeout(r, 30));
  }
}
