/** Helpers the built-page tests share: find through shadow roots, wait for what a person would see. */

/** Every element matching `selector`, through shadow roots. */
export function findAll(root: ParentNode, selector: string): HTMLElement[] {
  const out = [...root.querySelectorAll<HTMLElement>(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...findAll(el.shadowRoot, selector));
  return out;
}

/** Polls `fn` every 50 ms until it gives something, or fails naming `what`. */
export async function waitFor<T>(fn: () => T, what: string, timeoutMs = 10_000): Promise<NonNullable<T>> {
  const start = performance.now();
  for (;;) {
    const value = fn();
    if (value) return value as NonNullable<T>;
    if (performance.now() - start > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
