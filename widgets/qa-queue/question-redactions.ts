import type { RoomEvent } from '../room/room.js';
import { earlyRedactions, mayRedact } from '../shared/redactions.js';
import { reject } from '../shared/rejections.js';
import type { SnapshotHost } from './vote-snapshot-read.js';

/**
 * Redactions in a Q&A queue: a question deleted, a 👍 taken back. Not in the first load: the
 * binding (root-binding.ts) loads this with the votes code (vote-snapshot-read.ts re-exports it)
 * at the first redaction it sees, and folds the redactions in their order once it is here.
 */
export function qaRedactions(host: SnapshotHost, questionIds: Map<string, string>) {
  const { tally, power } = host;
  /** Redactions of questions not seen yet (a question redacted before it arrives is rejected when it does). */
  const early = earlyRedactions((sender, author) => mayRedact(power, sender, author));
  return {
    /** Whether `event` (a question) was redacted before it arrived (then it has been rejected). */
    redacted: early.redacted,
    fold(event: RoomEvent): void {
      const target = event.redacts ?? (event.content.redacts as string | undefined);
      if (typeof target !== 'string') return;
      const author = questionIds.get(target);
      const own = author === undefined ? tally.voteBy(target, event.sender) : author === event.sender;
      // Neither a question nor a vote the queue holds: if it comes later, it is rejected then.
      if (own === undefined) return early.add(target, event);
      // Its sender's own, or a moderator's (the power to redact others'): anything else the server
      // should not have passed on (redactions.ts, mayRedact).
      if (!mayRedact(power, event.sender, own ? event.sender : '')) return reject(event, `${event.sender} may not redact it`);
      if (questionIds.delete(target)) tally.removeQuestion(target);
      else tally.redact(target);
    },
  };
}

export type QaRedactions = ReturnType<typeof qaRedactions>;
