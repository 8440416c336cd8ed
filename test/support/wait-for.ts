/**
 * Polls `check` until it returns something truthy (and returns that), or fails naming
 * `what`. For things that arrive through postMessage and the room, where there is no
 * single event to await.
 */
export async function waitFor<T>(check: () => T | undefined | null | false, what = 'condition', timeoutMs = 6000): Promise<T> {
  const start = performance.now();
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
