/**
 * Plain-page question data (a `questions` property, a JSON `src`, or an inline
 * <script type="application/json">) is untrusted: wrong types are dropped with a reason
 * instead of throwing past the element.
 */
import { checkUrl } from '../shared/safe-url.js';
import { VOTE_KEY, type QaTally, type QuestionData } from './tally.js';

export interface ParsedQuestions {
  questions: QuestionData[];
  /** One line per dropped item, for console.warn. */
  dropped: string[];
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const optString = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const optBool = (v: unknown): boolean | undefined => (typeof v === 'boolean' ? v : undefined);

export function parseQuestions(input: unknown): ParsedQuestions {
  const list = isObject(input) && Array.isArray(input.questions) ? input.questions : input;
  if (!Array.isArray(list)) return { questions: [], dropped: ['expected an array of questions (or {"questions": [...]})'] };
  const questions: QuestionData[] = [];
  const dropped: string[] = [];
  const seen = new Set<string>();
  list.forEach((item: unknown, index) => {
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
  });
  return { questions, dropped };
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
  const parsed = parseQuestions(json);
  for (const reason of parsed.dropped) console.warn(`devroom-qa-queue: dropped question ${reason}`);
  return parsed.questions;
}

/** The element's latest src / inline read: a newer one aborts it. */
const reads = new WeakMap<object, AbortController>();

/** What data.ts reads from and writes to the element. */
export interface PlainHost {
  model: QaTally;
  questions?: QuestionData[];
  userId: string;
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
      loadQuestions(host.model, host.questions ?? [], host.userId);
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
  tally.batch(() => {
    tally.clear((q) => !data.some((d) => d.localId === q.localId));
    for (const d of data) {
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
  });
}

function toMillis(ts: number | string | undefined): number {
  if (typeof ts === 'number' && Number.isFinite(ts)) return ts;
  const parsed = typeof ts === 'string' ? Date.parse(ts) : NaN;
  return Number.isFinite(parsed) ? parsed : 0;
}
