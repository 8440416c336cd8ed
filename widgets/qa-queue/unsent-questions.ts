import type { QaTally } from '../../components/qa-queue/tally.js';
import { codePoints } from '../../components/qa-queue/text.js';
import { errorMessage } from '../../components/shared/error-message.js';
import type { Room, RoomEvent } from '../room/room.js';
import { RETRY_LOOKBACK_MS, findSent } from '../shared/find-sent.js';
import { readUnsent } from '../shared/unsent-read.js';
import type { Unsent } from '../shared/unsent.js';
import { LOCAL_ID_KEY } from './question-schema.js';
import type { QaAsk, UnsentStore } from './root-binding.js';

/**
 * Our questions until the room has them: sent, retried (after a look whether an earlier send
 * arrived), read back after a reload. A chunk the Q&A loads at the viewer's first question, or
 * when an earlier page kept questions: most viewers never ask. The binding keeps each question
 * in this browser before this code loads, so a failed load loses nothing (it shows "not sent").
 */

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
export interface UnsentHost {
  room: Room;
  /** This page's unsent questions (asked so far; their writes waited) and where they are kept. */
  store: UnsentStore;
  /** Saves `store.questions` (once they are read back). */
  keep(): void;
  /** The binding's tally (it is the tally's only writer; this runs on its behalf). */
  tally: QaTally;
  /** History is in. */
  ready: Promise<void>;
  /** The event our question with this local id arrived as ('' if it has not); undefined once the binding stopped. */
  arrived(localId: string): string | undefined;
  /** Forgets one here (arrived, or discarded). */
  forget(localId: string): void;
  /** Counts a question found in the room. */
  fold(event: RoomEvent): void;
  /** The queue's root (waiting for the room state; a moderator's widget opens the Q&A). */
  root(): Promise<string>;
}

/**
 * After a reload: the kept questions join the binding's (older first), and once history is in,
 * one that arrived is the room's (forgotten: its copy from history shows), the others are
 * offered again as "not sent" with Retry and Discard.
 */
export async function restore({ store, keep, tally, ready, arrived, room }: UnsentHost, maxLength: number): Promise<void> {
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
      tally.addLocal({ localId: q.id, author: room.userId, text: q.text, ts: q.at });
      tally.failLocal(q.id);
    }
  }
}

/**
 * Sends our question to the queue's root. Finishes even after the binding stopped (the talk
 * switched meanwhile): it goes to that queue's root. What goes wrong shows as "not sent".
 */
export async function send(host: UnsentHost, localId: string, text: string): Promise<void> {
  try {
    const root = await host.root();
    const kept = host.store.questions.get(localId);
    // The root of its first send: a retry looks there first.
    if (kept && !kept.root) {
      kept.root = root;
      host.keep();
    }
    const eventId = await host.room.sendEvent('m.room.message', {
      msgtype: 'm.text',
      body: text,
      'm.relates_to': { rel_type: 'm.reference', event_id: root },
      [LOCAL_ID_KEY]: localId,
    });
    confirm(host, localId, eventId);
  } catch (error) {
    // The reason it shows as "not sent": the server's words, or a QaSendProblem the element words.
    host.tally.failLocal(localId, errorMessage(error));
  }
}

/** Ours arrived as `eventId`: shown as sent, forgotten here. */
function confirm(host: UnsentHost, localId: string, eventId: string): void {
  host.forget(localId);
  host.tally.confirmLocal(localId, eventId);
}

/**
 * A person's Retry of a question that did not go: an earlier send may have reached the room
 * although its reply and its echo were lost. Sent again, every Matrix client would show both:
 * look first (find-sent.ts), send only if it is not there.
 */
export async function retry(host: UnsentHost, { localId, text }: QaAsk): Promise<void> {
  const arrived = host.arrived(localId);
  if (arrived) return confirm(host, localId, arrived);
  const kept = host.store.questions.get(localId);
  try {
    const found = kept?.root && (await findQuestion(host.room, kept.root, localId, kept.at));
    if (found) {
      host.fold(found);
      return confirm(host, localId, found.event_id);
    }
  } catch (error) {
    return host.tally.failLocal(localId, errorMessage(error));
  }
  await send(host, localId, text);
}

/** Our question with this local id under `root`, sent since about `at`. */
const findQuestion = (room: Room, root: string, localId: string, at: number): Promise<RoomEvent | undefined> =>
  findSent(room, root, 'm.room.message', (e) => e.sender === room.userId && e.content[LOCAL_ID_KEY] === localId, at - RETRY_LOOKBACK_MS);
