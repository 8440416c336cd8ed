import type { QaTally } from '../../components/qa-queue/tally.js';
import { codePoints } from '../../components/qa-queue/text.js';
import { errorMessage } from '../../components/shared/error-message.js';
import type { Room, RoomEvent } from '../room/room.js';
import { RETRY_LOOKBACK_MS, findSent } from '../shared/find-sent.js';
import { readUnsent } from '../shared/unsent-read.js';
import type { Unsent } from '../shared/unsent.js';
import { LOCAL_ID_KEY, type QaRootKey } from './question-schema.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId } from '../schema/validate.js';
import type { QaSendProblem } from '../../components/qa-queue/qa-events.js';
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
  /** The queue it was asked in (`qa`, `qa:<talk id>`); absent in what older pages kept: the queue restoring it. */
  key?: QaRootKey;
}

/**
 * The questions kept in this browser for this room and user. A question the element would not
 * have let anyone ask (empty, longer than its `max-length`) is dropped with the reason: it is
 * never sent.
 */
export const readQuestions = (key: string, maxLength: number): UnsentQuestion[] =>
  readUnsent<UnsentQuestion>(key, 'question', ({ id, at, root, text, key: queue }) =>
    typeof text !== 'string' || !text.trim()
      ? 'no text'
      : codePoints(text) > maxLength
        ? `longer than ${maxLength} characters`
        : queue !== undefined && (typeof queue !== 'string' || !/^qa(:.+)?$/.test(queue))
          ? 'not a Q&A key'
          : { id: id as string, at: at as number, text, ...(root ? { root: root as string } : {}), ...(queue ? { key: queue as QaRootKey } : {}) },
  );

/** What the Q&A binding (root-binding.ts) hands over. */
export interface UnsentHost {
  room: Room;
  /** The queue's key. */
  key: QaRootKey;
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
export async function restore({ store, keep, forget, tally, ready, arrived, room, key }: UnsentHost, maxLength: number): Promise<void> {
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
      forget(q.id);
      continue;
    }
    // Asked in another talk's queue (this page reloaded after its end): it counts there, not here.
    const elsewhere = q.key !== undefined && q.key !== key;
    if (elsewhere && q.root) {
      const found = await findQuestion(room, q.root, q.id, q.at).catch((error: unknown) => console.warn('devroom: could not look for an unsent question', error));
      if (found) {
        forget(q.id);
        continue;
      }
    }
    // Offered again; one from an ended talk says so (Retry sends it to that talk's queue).
    tally.addLocal({ localId: q.id, author: room.userId, text: q.text, ts: q.at });
    tally.failLocal(q.id, elsewhere ? ('earlier-talk' satisfies QaSendProblem) : undefined);
  }
}

/**
 * Sends our question to the queue's root. Finishes even after the binding stopped (the talk
 * switched meanwhile): it goes to that queue's root. What goes wrong shows as "not sent".
 */
export async function send(host: UnsentHost, localId: string, text: string): Promise<void> {
  try {
    const kept = host.store.questions.get(localId);
    // Its first send's root, else its own queue's: one asked in an earlier talk goes there, not here.
    const root = kept?.root ?? (kept?.key && kept.key !== host.key ? await rootOf(host.room, kept.key) : await host.root());
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

/** Ours arrived as `eventId`: shown as sent, forgotten here. One of an earlier talk's queue leaves this one (it shows in that talk's). */
function confirm(host: UnsentHost, localId: string, eventId: string): void {
  const key = host.store.questions.get(localId)?.key;
  host.forget(localId);
  if (key && key !== host.key) host.tally.removeQuestion(localId);
  else host.tally.confirmLocal(localId, eventId);
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

/** The current root of the queue `key` (another talk's): a question never sent goes there. */
async function rootOf(room: Room, key: QaRootKey): Promise<string> {
  const id = (await room.readState(EventTypes.root, key))[0]?.content.event_id;
  if (!isEventId(id)) throw new Error('not-open' satisfies QaSendProblem);
  return id;
}
