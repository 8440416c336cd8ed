import sinon from 'sinon';
import type { Room, RoomEvent } from '../../widgets/room/room.js';
import type { BindContext, Binding } from '../../widgets/shared/binding.js';
import { afterTest, mount } from '../support/cleanup.js';
import { clearRejections, rejections } from '../../widgets/shared/rejection-tally.js';
import type { Rejection } from '../../widgets/shared/rejection-tally.js';
import { CANARY } from './hostile.js';

/**
 * What every element's fuzz run shares: labelled events, the page watch (uncaught errors,
 * unhandled rejections, console errors, the script canary), the shadow-DOM scan and the
 * check that rejections match labels.
 *
 * Labels: `valid` (the element folds it in: it must not be rejected), `invalid` (of a kind
 * the element reads, but malformed, unauthorised or redacted: it must be rejected with a
 * reason), `irrelevant` (not for this element: other types, other state keys, messages not
 * about it, and state superseded before the element could see it; no check).
 */

export type Label = 'valid' | 'invalid' | 'irrelevant';

export interface Labelled {
  event: RoomEvent;
  label: Label;
  /** The generator's recipe: printed when a check fails. */
  recipe: string;
}

export class FuzzLog {
  readonly items: Labelled[] = [];
  readonly #byId = new Map<string, Labelled>();

  add(event: RoomEvent, label: Label, recipe: string): RoomEvent {
    const item = { event, label, recipe };
    this.items.push(item);
    this.#byId.set(event.event_id, item);
    return event;
  }

  /** Changes an event's label once later events decide it (a state event superseded before the element read it). */
  relabel(eventId: string, label: Label, recipe?: string): void {
    const item = this.#byId.get(eventId);
    if (!item) return;
    item.label = label;
    if (recipe) item.recipe = recipe;
  }

  get(eventId: string): Labelled | undefined {
    return this.#byId.get(eventId);
  }

  counts(): Record<Label, number> {
    const counts = { valid: 0, invalid: 0, irrelevant: 0 };
    for (const item of this.items) counts[item.label]++;
    return counts;
  }
}

export interface PageWatch {
  /** Uncaught errors, unhandled rejections and console.error calls, as text. */
  readonly errors: string[];
  /** console.warn lines that report a rejection (one per rejection is expected; none is printed). */
  readonly rejectionWarnings: number;
  stop(): void;
}

/**
 * Starts listening: window `error` / `unhandledrejection` (anything that escaped an element or
 * a binding), console.error, and console.warn (counted, silenced: thousands of rejection lines
 * would bury the test output). Resets the page's rejection tally and keeps every record.
 */
export function watchPage(): PageWatch {
  const errors: string[] = [];
  const onError = (ev: ErrorEvent) => {
    errors.push(`uncaught: ${ev.message} ${ev.error instanceof Error ? (ev.error.stack ?? '') : ''}`);
    // Reported by the fuzz check, with the seed; mocha would fail some other test with it.
    ev.preventDefault();
  };
  const onRejection = (ev: PromiseRejectionEvent) => {
    errors.push(`unhandled rejection: ${ev.reason instanceof Error ? (ev.reason.stack ?? ev.reason.message) : String(ev.reason)}`);
    ev.preventDefault();
  };
  window.addEventListener('error', onError);
  window.addEventListener('unhandledrejection', onRejection);
  const consoleError = sinon.stub(console, 'error').callsFake((...args: unknown[]) => errors.push(`console.error: ${args.map(String).join(' ').slice(0, 500)}`));
  const warn = sinon.stub(console, 'warn');
  clearRejections();
  rejections.limit = Infinity;
  delete (globalThis as Record<string, unknown>)[CANARY];
  return {
    errors,
    get rejectionWarnings() {
      return warn.getCalls().filter((call) => / rejected: /.test(String(call.args[0]))).length;
    },
    stop() {
      window.removeEventListener('error', onError);
      window.removeEventListener('unhandledrejection', onRejection);
      consoleError.restore();
      warn.restore();
      rejections.limit = 50;
    },
  };
}

const URL_ATTRIBUTES = new Set(['href', 'src', 'srcset', 'action', 'formaction', 'poster', 'data', 'xlink:href', 'background', 'ping', 'cite', 'srcdoc', 'imagesrcset']);
const FORBIDDEN_TAGS = new Set(['iframe', 'object', 'embed', 'frame', 'frameset', 'base', 'meta', 'applet']);

/**
 * Walks the element, its light DOM and every shadow root inside: no script (a JSON-LD data
 * block aside), no event-handler attribute, no URL attribute with a script, data, file or
 * protocol-relative URL, no frame or plugin element.
 */
export function scanDom(host: Element): string[] {
  const problems: string[] = [];
  const describe = (el: Element) => `<${el.localName}${el.id ? `#${el.id}` : ''}${el.getAttribute('part') ? ` part=${el.getAttribute('part')}` : ''}>`;
  const check = (el: Element) => {
    const tag = el.localName;
    if (tag === 'script' && el.getAttribute('type') !== 'application/ld+json') problems.push(`script element ${describe(el)}`);
    if (FORBIDDEN_TAGS.has(tag)) problems.push(`${tag} element ${describe(el)}`);
    for (const attr of Array.from(el.attributes)) {
      const name = attr.name.toLowerCase();
      if (name.startsWith('on')) problems.push(`event handler attribute ${name} on ${describe(el)}`);
      if (!URL_ATTRIBUTES.has(name)) continue;
      // As a browser reads a URL: without ASCII whitespace and control characters, any case.
      const value = attr.value.replace(/[\u0000-\u0020]/g, '').toLowerCase();
      if (/^(javascript|vbscript|data|file):/.test(value) || value.startsWith('//') || name === 'srcdoc') {
        problems.push(`${name}="${attr.value.slice(0, 80)}" on ${describe(el)}`);
      }
    }
  };
  const visit = (root: Element | ShadowRoot | DocumentFragment) => {
    for (const el of Array.from(root.querySelectorAll('*'))) {
      check(el);
      if (el.shadowRoot) visit(el.shadowRoot);
      if (el instanceof HTMLTemplateElement) visit(el.content);
    }
  };
  check(host);
  visit(host);
  if (host.shadowRoot) visit(host.shadowRoot);
  return problems;
}

/** Whether any payload ran. */
export function canaryHits(): number {
  return Number((globalThis as Record<string, unknown>)[CANARY] ?? 0);
}

/**
 * Every `invalid` event rejected with a non-empty reason, no `valid` one rejected, nothing
 * rejected twice, every rejection about an event of the run.
 */
export function checkRejections(log: FuzzLog, records: readonly Rejection[] = rejections.last): string[] {
  const problems: string[] = [];
  const byId = new Map<string, Rejection[]>();
  for (const r of records) {
    const list = byId.get(r.eventId);
    if (list) list.push(r);
    else byId.set(r.eventId, [r]);
  }
  for (const { event, label, recipe } of log.items) {
    const found = byId.get(event.event_id);
    byId.delete(event.event_id);
    const what = `${event.type} ${event.event_id} (${recipe})`;
    if (label === 'invalid' && !found) problems.push(`not rejected: ${what}`);
    if (label === 'invalid' && found?.some((r) => !r.reason.trim())) problems.push(`rejected without a reason: ${what}`);
    if (label === 'valid' && found) problems.push(`valid but rejected: ${what}: ${found.map((r) => r.reason).join(' | ')}`);
    if (found && found.length > 1) problems.push(`rejected ${found.length} times: ${what}: ${found.map((r) => r.reason).join(' | ')}`);
  }
  for (const [id, list] of byId) problems.push(`rejected, not an event of the run: ${id} ${list[0]!.type}: ${list[0]!.reason}`);
  return problems;
}

/** A short report: the first problems, how many more, and the seed to replay them. */
export function report(name: string, seed: number, problems: readonly string[]): string {
  // By kind first (what went wrong, with which recipe), then the first few in full.
  const kinds = new Map<string, number>();
  for (const p of problems) {
    const kind = `${p.split(':')[0]}${/\(([^)]*)\)/.exec(p)?.[0] ?? ''}`;
    kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
  }
  const summary = [...kinds].sort((a, b) => b[1] - a[1]).slice(0, 30).map(([kind, n]) => `  ${String(n).padStart(5)} × ${kind}`);
  // The worst first: what escaped or ran, what stopped working, then wrong rejections.
  const rank = (p: string) => ['uncaught', 'unhandled', 'console.error', 'a payload', 'afterwards', 'valid but'].findIndex((start) => p.startsWith(start)) >>> 0;
  const shown = [...problems].sort((a, b) => rank(a) - rank(b)).slice(0, 15).map((p) => `  - ${p.slice(0, 400)}`);
  const more = problems.length > shown.length ? [`  … and ${problems.length - shown.length} more`] : [];
  return [`${name} (seed ${seed}): ${problems.length} problem(s)`, ...summary, ...shown, ...more].join('\n');
}

/**
 * Feeds the rest of a run live, `batch` events at a time, letting every element render between
 * batches; then waits for payloads that would fire late (an onerror once its image fails).
 */
export async function feedLive(fuzz: { count: number; step(): void }, total: number, els: { updateComplete: Promise<unknown> }[], batch = 250): Promise<void> {
  while (fuzz.count < total) {
    for (let i = 0; i < batch && fuzz.count < total; i++) fuzz.step();
    for (const el of els) await settle(el);
  }
  await sleep(200);
}

/**
 * What every run checks, whatever the element: nothing escaped the elements, no markup or script
 * in their DOM, every rejection as labelled (checkRejections), no payload ran, and one warning
 * line per rejection.
 */
export function runProblems(page: PageWatch, els: Element[], log: FuzzLog): string[] {
  const problems = [...page.errors, ...els.flatMap((el) => scanDom(el)), ...checkRejections(log)];
  if (canaryHits()) problems.push(`a payload ran (${canaryHits()} times)`);
  if (page.rejectionWarnings !== rejections.total) problems.push(`${page.rejectionWarnings} rejection warnings for ${rejections.total} rejections`);
  return problems;
}

/** Lets rendering, microtasks and lazily loaded parts catch up. */
export async function settle(el: { updateComplete: Promise<unknown> }, ms = 0): Promise<void> {
  await el.updateComplete;
  await new Promise((r) => setTimeout(r, ms));
  await el.updateComplete;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits up to `ms` for `check`; a problem (not a thrown error) when it never holds, so the run's other problems show too. */
export async function expectSoon(problems: string[], check: () => unknown, what: string, ms = 5000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > ms) return void problems.push(`afterwards, not so: ${what}`);
    await sleep(20);
  }
}

/**
 * A person's element `tag`, bound to their view of the room by the widget's binding (the one
 * contract, widgets/shared/binding.ts), once its history is read; stopped after the test.
 */
export async function seat<E extends HTMLElement, C extends BindContext>(
  tag: string,
  bind: (el: E, room: Room, context?: C) => Binding,
  room: Room,
  context?: C,
): Promise<E> {
  const el = mount<E>(tag);
  const binding = bind(el, room, context);
  afterTest(() => binding.stop());
  await binding.ready;
  return el;
}
