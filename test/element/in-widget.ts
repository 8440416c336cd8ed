/**
 * Reaching into a widget served from another origin. The test page cannot touch a
 * cross-origin iframe's document, so `inWidget` runs a function inside the frame through the
 * browser's DevTools protocol (the `widget-eval` command of test/support/homeserver-plugin.mjs).
 * The function is sent as source: it sees only its arguments (JSON) and `dom`, the helpers
 * below, which are sent along as source too.
 */
import { executeServerCommand } from '@web/test-runner-commands';
import { visibleText } from '../support/visible-text.js';

/** Every element matching `selector`, through shadow roots. */
function findAll(selector: string, root: ParentNode = document): Element[] {
  const out: Element[] = [...root.querySelectorAll(selector)];
  for (const el of root.querySelectorAll('*')) if (el.shadowRoot) out.push(...findAll(selector, el.shadowRoot));
  return out;
}

/** A button (or link) whose accessible name or text matches `label` (a regular expression source). */
function button(label: string): HTMLElement | undefined {
  const pattern = new RegExp(label);
  return findAll('button, [role="button"], a').find((b) => pattern.test((b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim())) as HTMLElement | undefined;
}

/** Types `value` into the first field matching `selector`, as input events announce it. */
function type(selector: string, value: string): boolean {
  const field = findAll(selector)[0] as HTMLInputElement | HTMLTextAreaElement | undefined;
  if (!field) return false;
  field.value = value;
  field.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
  return true;
}

export interface WidgetDom {
  findAll: typeof findAll;
  button: typeof button;
  type: typeof type;
  /** What a person reads in the widget (through shadow roots; hidden parts skipped). */
  text(): string;
}

const PRELUDE = `const visibleText = ${visibleText.toString()};
const findAll = ${findAll.toString()};
const dom = { findAll, button: ${button.toString()}, type: ${type.toString()}, text: () => visibleText(document.body) };`;

/** The part of a mounted widget's URL that tells its frame apart (each seat has its own widget id). */
export interface FrameOf {
  url: string;
}

function frameMatch(widget: FrameOf): string {
  return `widgetId=${new URL(widget.url).searchParams.get('widgetId')}`;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function inWidget<R, A extends any[]>(widget: FrameOf, fn: (dom: WidgetDom, ...args: A) => R, ...args: A): Promise<Awaited<R>> {
  const expression = `(async () => { ${PRELUDE} return (${fn.toString()})(dom, ...${JSON.stringify(args)}); })()`;
  const result = await executeServerCommand<{ value?: Awaited<R>; error?: string }, { match: string; expression: string }>('widget-eval', {
    match: frameMatch(widget),
    expression,
  });
  if (!result || result.error !== undefined) throw new Error(`in the widget: ${result?.error ?? 'no answer'}`);
  return result.value as Awaited<R>;
}

/** Polls `fn` in the widget until it returns something truthy. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitInWidget<R, A extends any[]>(widget: FrameOf, what: string, fn: (dom: WidgetDom, ...args: A) => R, ...args: A): Promise<Awaited<R>> {
  return waitInWidgetFor(widget, what, 10_000, fn, ...args);
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function waitInWidgetFor<R, A extends any[]>(widget: FrameOf, what: string, timeoutMs: number, fn: (dom: WidgetDom, ...args: A) => R, ...args: A): Promise<Awaited<R>> {
  const start = performance.now();
  let last: unknown;
  for (;;) {
    try {
      const value = await inWidget(widget, fn, ...args);
      if (value) return value;
      last = value;
    } catch (error) {
      last = error;
    }
    if (performance.now() - start > timeoutMs) {
      const shown = await inWidget(widget, (dom) => dom.text().slice(0, 600)).catch(() => '(unreadable)');
      throw new Error(`timed out waiting for ${what} (last: ${String(last)}); the widget shows: ${shown}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until the widget shows `text` (a regular expression source) and returns what it shows. */
export function waitForText(widget: FrameOf, text: string, timeoutMs = 10_000): Promise<string> {
  return waitInWidgetFor(widget, `"${text}" in the widget`, timeoutMs, (dom, pattern) => (new RegExp(pattern).test(dom.text()) ? dom.text() : ''), text);
}
