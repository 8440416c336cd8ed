/**
 * Teardown for tests that mount elements or start bindings without `fixture()`: whatever a
 * test registers with `afterTest` runs after it, in order (the hook applies to every test of
 * a file that imports this module).
 */
const cleanups: (() => void)[] = [];

afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

export function afterTest(...fns: (() => void)[]): void {
  cleanups.push(...fns);
}

/** Creates `<tag>` in the document body; removed after the test. */
export function mount<T extends HTMLElement>(tag: string): T {
  const el = document.createElement(tag) as T;
  document.body.append(el);
  afterTest(() => el.remove());
  return el;
}
