import type { RoomEvent } from '../room/room.js';
import { isRecord, isUserId } from '../schema/validate.js';

/** The content key carrying the asking widget's local id (idempotent retries). */
export const LOCAL_ID_KEY = `dev.devroom.local_id`;

/** The state key of a Q&A root (`dev.devroom.root`): the room's `qa`, or one talk's `qa:<talk id>` in a room with a schedule. */
export type QaRootKey = 'qa' | `qa:${string}`;
export const qaRootKey = (talkId?: string): QaRootKey => (talkId === undefined ? 'qa' : `qa:${talkId}`);

/** Longest question body we accept from the room; the composer's limit is far lower. */
export const MAX_QUESTION_BODY = 5000;

export interface QuestionEvent {
  id: string;
  author: string;
  text: string;
  ts: number;
  localId?: string;
}

/** parseQuestion's reason for a message that is not about this Q&A at all (not worth a warning). */
export const NOT_RELATED = 'not related to the Q&A root';

/** A question: `m.room.message` m.text with an `m.reference` to one of the Q&A roots (the current one or an earlier one the state lists). */
export function parseQuestion(event: RoomEvent, roots: ReadonlySet<string>): { ok: true; value: QuestionEvent } | { ok: false; reason: string } {
  const c = event.content;
  const relates = c['m.relates_to'];
  // Other event types are not questions either (the binding passes only messages).
  if (event.type !== 'm.room.message' || !isRecord(relates) || relates.rel_type !== 'm.reference' || !roots.has(relates.event_id as string)) {
    return { ok: false, reason: NOT_RELATED };
  }
  if (c.msgtype !== 'm.text') return { ok: false, reason: `msgtype ${String(c.msgtype)} is not m.text` };
  const text = typeof c.body === 'string' ? c.body.trim() : '';
  if (!text) return { ok: false, reason: 'no text in body' };
  if (text.length > MAX_QUESTION_BODY) return { ok: false, reason: `body longer than ${MAX_QUESTION_BODY} characters` };
  if (!isUserId(event.sender)) return { ok: false, reason: 'bad sender' };
  const localId = c[LOCAL_ID_KEY];
  return {
    ok: true,
    value: {
      id: event.event_id,
      author: event.sender,
      text,
      ts: Number.isFinite(event.origin_server_ts) ? event.origin_server_ts : 0,
      ...(typeof localId === 'string' && localId.length <= 100 ? { localId } : {}),
    },
  };
}
