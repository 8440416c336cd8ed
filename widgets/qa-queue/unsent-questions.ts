import type { QaTally } from '../../components/qa-queue/tally.js';
import { codePoints } from '../../components/qa-queue/text.js';
import { readUnsent } from '../shared/unsent-read.js';
import type { Unsent } from '../shared/unsent.js';

/** A question asked here and not seen in the room yet (unsent.ts). */
export interface UnsentQuestion extends Unsent {
  text: string;
}

/**
 * The questions kept in this browser for this room and user. A question the element would not
 * have let anyone ask (empty, longer than its `max-length`) is dropped with the reason: it is
 * never sent.
 */
export const readQuestions = (key: string, maxLength: number): UnsentQuestion[] =>
  readUnsent<UnsentQuestion>(key, 'question', ({ id, at, root, text }) =>
    typeof text !== 'string' || !text.trim()
      ? 'no text'
      : codePoints(text) > maxLength
        ? `longer than ${maxLength} characters`
        : { id: id as string, at: at as number, text, ...(root ? { root: root as string } : {}) },
  );

/** What the Q&A binding (binding.ts) hands over. */
export interface RestoreHost {
  key: string;
  /** The binding's tally (it is the tally's only writer; this runs on its behalf). */
  tally: QaTally;
  /** The viewer. */
  author: string;
  /** The element's `max-length`. */
  maxLength: number;
  /** The binding's unsent questions (asked on this page so far; their writes waited). */
  unsent: Map<string, UnsentQuestion>;
  /** History is in. */
  ready: Promise<void>;
  /** Our question with this local id is in the room; undefined once the binding stopped. */
  arrived(localId: string): boolean | undefined;
  /** Read back: writes may go on. */
  read(): void;
  forget(localId: string): void;
}

/**
 * A chunk the Q&A loads only when an earlier page kept questions: they join the binding's
 * (older first), and once history is in, one that arrived is the room's (forgotten: its copy
 * from history shows), the others are offered again as "not sent" with Retry and Discard.
 */
export async function restore({ key, tally, author, maxLength, unsent, ready, arrived, read, forget }: RestoreHost): Promise<void> {
  const kept = readQuestions(key, maxLength);
  const asked = [...unsent.values()];
  unsent.clear();
  for (const q of [...kept, ...asked]) unsent.set(q.id, q);
  read();
  await ready;
  for (const q of kept) {
    // Gone meanwhile: its echo arrived (forgotten then).
    if (!unsent.has(q.id)) continue;
    const there = arrived(q.id);
    if (there === undefined) return;
    if (there) forget(q.id);
    else {
      tally.addLocal({ localId: q.id, author, text: q.text, ts: q.at });
      tally.failLocal(q.id);
    }
  }
}
