/**
 * Plain-page question data (a `questions` property, a JSON `src`, or an inline
 * <script type="application/json">) is untrusted: wrong types are dropped with a reason
 * instead of throwing past the element.
 */
import { checkUrl } from '../shared/safe-url.js';
import { LARGE, VOTE_KEY, loadLargeIndex, type QaTally, type QuestionData } from './tally.js';

export interface ParsedQuestions {
  questions: QuestionData[];
  /** One line per dropped item, for console.warn. */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

export function parseQuestions(input: unknown): ParsedQuestions {
  const { questions, dropped, parse } = questionParser(input);
  parse(Infinity);
  return { questions, dropped };
}

/** parseQuestions a slice at a time (see loadInSlices): a page's 100,000 items never block it for long. */
async function parseInSlices(input: unknown, signal: AbortSignal): Promise<ParsedQuestions> {
  const { questions, dropped, parse } = questionParser(input);
  // Each slice in a task of its own, the first too (the JSON was parsed in this one). A newer
  // read stops this one (its caller checks the signal and drops what was parsed).
  do await nextTask();
  while (!signal.aborted && !parse(performance.now() + SLICE_MS));
  return { questions, dropped };
}

/** The parsed questions so far; `parse(until)` goes on until that time and says whether it is done. */
function questionParser(input: unknown): ParsedQuestions & { parse(until: number): boolean } {
  const list = isObject(input) && Array.isArray(input.questions) ? input.questions : input;
  const questions: QuestionData[] = [];
  const dropped: string[] = [];
  if (!Array.isArray(list)) {
    dropped.push('expected an array of questions (or {"questions": [...]})');
    return { questions, dropped, parse: () => true };
  }
  const seen = new Set<string>();
  let index = 0;
  const parse = (until: number): boolean => {
    // The clock is read every 256 items only.
    while (index < list.length && ((index & 255) !== 255 || performance.now() < until)) one(list[index], index++);
    return index >= list.length;
  };
  const one = (item: unknown, index: number): unknown => {
    if (!isObject(item)) return dropped.push(`#${index}: not an object`);
    const id = typeof item.id === 'number' ? String(item.id) : item.id;
    if (typeof id !== 'string' || id === '') return dropped.push(`#${index}: missing string "id"`);
    if (seen.has(id)) return dropped.push(`#${index}: duplicate id ${JSON.stringify(id.slice(0, 40))}`);
    if (typeof item.text !== 'string' || item.text.trim() === '') return dropped.push(`#${index}: missing string "text"`);
    seen.add(id);
    const votes = typeof item.votes === 'number' && Number.isFinite(item.votes) ? Math.max(0, Math.floor(item.votes)) : 0;
    const ts = typeof item.ts === 'number' || typeof item.ts === 'string' ? item.ts : undefined;
    const local = item.local === 'pending' || item.local === 'failed' || item.local === 'confirmed' ? item.local : undefined;
    questions.push({
      id,
      text: item.text,
      author: optString(item.author),
      authorName: optString(item.authorName),
      ts,
      votes,
      voted: optBool(item.voted),
      pinned: optBool(item.pinned),
      answered: optBool(item.answered),
      hidden: optBool(item.hidden),
      approved: optBool(item.approved),
      local,
      localId: optString(item.localId),
      error: optString(item.error),
    });
    return undefined;
  };
  return { questions, dropped, parse };
}

/**
 * The element's plain-page questions from a JSON `src` (http(s) only, same-origin
 * credentials) or inline JSON text. Dropped items are logged; anything unusable throws
 * with a message the element shows.
 */
export async function readQuestions(signal: AbortSignal, src?: string, inline?: string): Promise<QuestionData[]> {
  let json: unknown;
  if (src !== undefined) {
    const checked = checkUrl(src);
    if (!checked.ok) throw new Error(`src ${checked.reason}`);
    const response = await fetch(checked.url, { signal, credentials: 'same-origin' });
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    json = await response.json();
  } else {
    json = JSON.parse(inline ?? '');
  }
  const parsed = await parseInSlices(json, signal);
  // A few reasons say what is wrong; 100,000 console lines would freeze the page themselves.
  for (const reason of parsed.dropped.slice(0, WARNINGS)) console.warn(`devroom-qa-queue: dropped question ${reason}`);
  const more = parsed.dropped.length - WARNINGS;
  if (more > 0) console.warn(`devroom-qa-queue: dropped ${more} more questions`);
  return parsed.questions;
}

/** Dropped items named in the console, at most. */
const WARNINGS = 20;
/** A slice of a long load runs this long before the page gets a turn (rendering, input). */
const SLICE_MS = 16;
/**
 * Questions per slice, at most: once the code is warm 16 ms fold tens of thousands, and the
 * slice's index inserts and new display order (after the batch) grow with them.
 */
const SLICE_MAX = 8192;

/** The element's latest src / inline read: a newer one aborts it. */
const reads = new WeakMap<object, AbortController>();
/** A tally's load in progress (loadInSlices): a newer load into the same tally stops it. */
const loads = new WeakMap<QaTally, AbortController>();

/** What data.ts reads from and writes to the element. */
export interface PlainHost {
  model: QaTally;
  questions?: QuestionData[] | undefined;
  userId: string;
}

/** The element on a plain page: its data attributes and properties, read here (a widget never loads this part). */
export interface PlainElement extends PlainHost, HTMLElement {
  src?: string | undefined;
  preModeration: boolean;
  /** The questions are being read: "Loading questions…", never "No questions yet". */
  loading: boolean;
}

/** A plain page's read of inline JSON or `questions` in progress, per element: `updateComplete` waits for it (not for a fetch). */
const reading = new WeakMap<object, Promise<unknown>>();
/** Per element: its latest read of any kind (a fetch too): "Loading questions…" until it is done. */
const latest = new WeakMap<object, Promise<unknown>>();

/**
 * The element's plain-page mode, at each update of an element that writes its own tally:
 * reads a new `src` (or, the first time, inline JSON) into `questions`, loads `questions`
 * (again when the viewer changes: `voted: true` is them), and passes on `preModeration`.
 * `changed` undefined: the first call, once this part has loaded (everything counts as new).
 */
export function update(host: PlainElement, show: (error: string) => void, changed?: ReadonlyMap<PropertyKey, unknown>): void {
  const has = (key: string) => !changed || changed.has(key);
  const src = has('src') && host.src;
  const inline = changed || host.questions || host.src ? undefined : host.querySelector(':scope > script[type="application/json"]')?.textContent;
  if (src || inline || ((has('questions') || has('userId')) && host.questions)) {
    host.loading = true;
    const work = plain(host, show, src || undefined, inline || undefined);
    latest.set(host, work);
    // A newer read keeps "Loading questions…" until it is done.
    void work.finally(() => latest.get(host) === work && (host.loading = false));
    if (!src) {
      reading.set(host, work);
      void work.finally(() => reading.get(host) === work && reading.delete(host));
    }
  } else if (!changed) host.loading = false;
  if (has('preModeration') && (host.preModeration || changed?.get('preModeration') !== undefined)) host.model.preModeration = host.preModeration;
}

/** Waits for the element's inline or `questions` read (not a fetch: network), and the updates it caused (`updateComplete`). */
export async function settled(host: object, updateComplete: () => Promise<boolean>): Promise<boolean> {
  let done = await updateComplete();
  for (let work = reading.get(host); work; work = reading.get(host)) {
    await work;
    done = await updateComplete();
  }
  return done;
}

/**
 * The element's plain-page data: reads `src` (or `inline` JSON) into `questions`, or without
 * either loads `questions` into the model. `show`s why a read failed ('' once read); a read
 * that a newer one replaced changes nothing.
 */
export async function plain(host: PlainHost, show: (error: string) => void, src?: string, inline?: string): Promise<void> {
  let abort: AbortController | undefined;
  try {
    // A `questions` property is the page's own data, not checked by parseQuestions: guarded here too.
    if (src === undefined && inline === undefined) {
      // The page's own list is the newest data: a src or inline read still in progress must
      // not put its questions back when it ends.
      reads.get(host)?.abort();
      await loadInSlices(host.model, host.questions ?? [], host.userId);
      // These replace whatever could not be read before (e.g. this very part, offline).
      return show('');
    }
    reads.get(host)?.abort();
    reads.set(host, (abort = new AbortController()));
    const questions = await readQuestions(abort.signal, src, inline);
    if (abort.signal.aborted) return;
    host.questions = questions;
    show('');
  } catch (error) {
    if (abort?.signal.aborted) return;
    show(String(error instanceof Error ? error.message : error));
    console.warn('devroom-qa-queue: could not read questions', error);
  }
}

/**
 * Replaces the tally's questions with `data` (plain pages). Own unsent questions survive
 * unless the data carries their `localId`. `viewer` is who `voted: true` refers to.
 */
export function loadQuestions(tally: QaTally, data: readonly QuestionData[], viewer: string): void {
  loads.get(tally)?.abort();
  tally.batch(() => {
    forget(tally, data);
    for (const d of data) add(tally, d, viewer);
  });
}

/**
 * loadQuestions for the element: a long list goes in slices of ~SLICE_MS, each its own batch
 * (the list shows the questions so far), with a turn for the page between them, so 100,000
 * questions never block it for long. Past LARGE questions the treap index is fetched first:
 * they go straight into it. A newer load into the same tally stops this one.
 */
async function loadInSlices(tally: QaTally, data: readonly QuestionData[], viewer: string): Promise<void> {
  loads.get(tally)?.abort();
  const load = new AbortController();
  loads.set(tally, load);
  // A copy: the page may change its array meanwhile (and not iterable throws here, as in loadQuestions).
  const list = [...data];
  // If it cannot load, the tally says so and uses sorted arrays.
  if (list.length > LARGE) await loadLargeIndex().catch(() => undefined);
  let next = 0;
  do {
    // A long list: each slice in a task of its own (the first too: the data was parsed in this one).
    if (list.length > LARGE) await nextTask();
    if (load.signal.aborted) return;
    const until = performance.now() + SLICE_MS;
    const end = Math.min(list.length, next + SLICE_MAX);
    tally.batch(() => {
      if (next === 0) forget(tally, list);
      // The clock is read every 256 questions only.
      while (next < end && ((next & 255) !== 255 || performance.now() < until)) add(tally, list[next++] as QuestionData, viewer);
    });
  } while (next < list.length);
  if (loads.get(tally) === load) loads.delete(tally);
}

/** A turn for the page (rendering, input) between two slices of work. */
const nextTask = (): Promise<unknown> => new Promise((resolve) => setTimeout(resolve));

/** Forgets the tally's questions but own unsent ones that `data` does not carry (sent meanwhile). */
function forget(tally: QaTally, data: readonly QuestionData[]): void {
  // A set, not data.some per kept question: quadratic when data puts 100,000 in "mine".
  const sent = new Set<string | undefined>();
  for (const d of data) sent.add(d.localId);
  tally.clear((q) => !sent.has(q.localId));
}

function add(tally: QaTally, d: QuestionData, viewer: string): void {
  const { id, localId } = d;
  tally.addQuestion({
    id,
    author: d.author ?? '',
    authorName: d.authorName,
    text: d.text,
    ts: toMillis(d.ts),
    local: d.local,
    localId,
    error: d.error,
    counted: Math.max(0, (d.votes ?? 0) - (d.voted ? 1 : 0)),
  });
  tally.setModeration(id, d);
  if (d.voted) tally.addVote({ voteId: `snapshot:${id}`, questionId: id, voter: viewer, key: VOTE_KEY });
}

function toMillis(ts: number | string | undefined): number {
  if (typeof ts === 'number' && Number.isFinite(ts)) return ts;
  const parsed = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}
