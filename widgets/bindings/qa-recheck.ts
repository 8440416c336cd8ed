/**
 * Late joiners' counts converge (docs/schema.md, "Late joiners"). A widget learns the
 * questions and votes that existed before it opened from `/relations`, and Element never
 * feeds it a redaction of an event its client did not load (matrix-js-sdk keeps such a
 * redaction out of the live timeline, and Element feeds only timeline events past the
 * widget's start). So what was read from history — and only that: live events' redactions do
 * arrive — is read again now and then: every root's questions (one paginated read each), and
 * the votes of a few questions per round, round robin. Loaded with the first round.
 */
import { readAllRelations } from '../room/relations.js';
import type { Room } from '../room/room.js';

export interface RecheckState {
  room: Room;
  roots: ReadonlySet<string>;
  /** Questions read from history (not from live events), still shown. */
  questions: Set<string>;
  /** Votes read from history, by question. */
  votes: Map<string, Set<string>>;
  /** A question that is gone from the server (redacted). */
  removeQuestion(id: string): void;
  /** A vote that is gone from the server (redacted). */
  removeVote(id: string): void;
  onPage?(): void;
  /** Where the next round's vote reads start (round robin over `votes`). */
  cursor: number;
}

/** Questions whose votes one round reads again. */
export const VOTE_READS_PER_ROUND = 10;

/** One round; throws when a read fails (nothing is removed on a partial read). */
export async function recheck(s: RecheckState, votesPerRound = VOTE_READS_PER_ROUND): Promise<void> {
  const present = new Set<string>();
  for (const root of [...s.roots]) {
    const items = await readAllRelations(s.room, root, { relType: 'm.reference', eventType: 'm.room.message' }, { ...(s.onPage ? { onPage: s.onPage } : {}) });
    for (const item of items) present.add(item.event_id);
  }
  for (const id of [...s.questions]) {
    if (present.has(id)) continue;
    s.questions.delete(id);
    s.votes.delete(id);
    s.removeQuestion(id);
  }
  const withVotes = [...s.votes.keys()];
  if (!withVotes.length) return;
  const start = s.cursor % withVotes.length;
  const picked = [...withVotes.slice(start), ...withVotes.slice(0, start)].slice(0, votesPerRound);
  s.cursor = start + picked.length;
  for (const questionId of picked) {
    const fresh = new Set(
      (await readAllRelations(s.room, questionId, { relType: 'm.annotation', eventType: 'm.reaction' }, { ...(s.onPage ? { onPage: s.onPage } : {}) })).map((e) => e.event_id),
    );
    const known = s.votes.get(questionId);
    if (!known) continue;
    for (const voteId of [...known]) {
      if (fresh.has(voteId)) continue;
      known.delete(voteId);
      s.removeVote(voteId);
    }
    if (!known.size) s.votes.delete(questionId);
  }
}
