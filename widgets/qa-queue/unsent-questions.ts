import type { QaTally } from '../../components/qa-queue/tally.js';
import { codePoints } from '../../components/qa-queue/text.js';
import { readUnsent } from '../shared/unsent-read.js';
import type { Unsent } from '../shared/unsent.js';
import type { UnsentStore } from './root-binding.js';

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

/** What the Q&A binding (root-binding.ts) hands over. */
export interface RestoreHost {
  /** This page's unsent questions (asked so far; their writes waited) and where they are kept. */
  store: UnsentStore;
  /** Saves `store.questions` (once they are read back). */
  keep(): void;
  /** The binding's tally (it is the tally's only writer; this runs on its behalf). */
  tally: QaTally;
  /** The viewer. */
  author: string;
  /** The element's `max-length`. */
  maxLength: number;
  /** History is in. */
  ready: Promise<void>;
  /** Our question with this local id is in the room; undefined once the binding stopped. */
  arrived(localId: string): boolean | undefined;
}

/**
 * A chunk the Q&A loads only when an earlier page kept questions: they join the binding's
 * (older first), and once history is in, one that arrived is the room's (forgotten: its copy
 * from history shows), the others are offered again as "not sent" with Retry and Discard.
 */
export async function restore({ store, keep, tally, author, maxLength, ready, arrived }: RestoreHost): Promise<void> {
  const unsent = store.questions;
  const kept = readQuestions(store.key, maxLength);
  const asked = [...unsent.values()];
  unsent.clear();
  for (const q of [...kept, ...asked]) unsent.set(q.id, q);
  // Read back: writes may go on.
  store.unread = false;
  keep();
  await ready;
  for (const q of kept) {
    // Gone meanwhile: its echo arrived (forgotten then).
    if (!unsent.has(q.id)) continue;
    const there = arrived(q.id);
    if (there === undefined) return;
    if (there) {
      unsent.delete(q.id);
      keep();
    } else {
      tally.addLocal({ localId: q.id, author, text: q.text, ts: q.at });
      tally.failLocal(q.id);
    }
  }
}
