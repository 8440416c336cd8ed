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
import type { Room, RoomEvent } from '../room/room.js';
import { isEventId, isRecord } from '../schema/validate.js';

/** What the Q&A binding hands over: its history reads, and how to take things off the queue. */
export interface RecheckHost {
  room: Room;
  roots: ReadonlySet<string>;
  /** Each history read as it came: the questions, and the votes of each. Taken over here. */
  reads: [questions: RoomEvent[], votes: RoomEvent[][]][];
  /** The question is on the queue. */
  has(id: string): boolean;
  /** A question that is gone from the server (redacted). */
  removeQuestion(id: string): void;
  /** A vote that is gone from the server (redacted). */
  removeVote(id: string): void;
  onPage(): void;
}

export interface RecheckState {
  /** Questions read from history, still shown. */
  questions: Set<string>;
  /** Votes read from history, by question. */
  votes: Map<string, Set<string>>;
  /** Where the next round's vote reads start (round robin over `votes`). */
  cursor: number;
}

/** Questions whose votes one round reads again. */
export const VOTE_READS_PER_ROUND = 10;

/** Runs a round now and then every `ms` (± 25 %, so thousands who opened at one talk start do not re-read in step). Returns stop. */
export function recheckEvery(host: RecheckHost, ms: number): () => void {
  const state: RecheckState = { questions: new Set(), votes: new Map(), cursor: 0 };
  let timer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  const round = async () => {
    take(host, state);
    if (state.questions.size || state.votes.size) await recheck(host, state).catch((error: unknown) => console.warn('devroom: could not re-read the Q&A', error));
    if (!stopped) timer = setTimeout(() => void round(), ms * (0.75 + Math.random() * 0.5));
  };
  void round();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/** Moves the binding's history reads into `state` (only what the queue still shows). */
function take(host: RecheckHost, state: RecheckState): void {
  for (const [questions, votes] of host.reads.splice(0)) {
    for (const q of questions) if (host.has(q.event_id)) state.questions.add(q.event_id);
    for (const list of votes) {
      for (const v of list) {
        const questionId = reactionTarget(v);
        if (!questionId || !host.has(questionId)) continue;
        let known = state.votes.get(questionId);
        if (!known) state.votes.set(questionId, (known = new Set()));
        known.add(v.event_id);
      }
    }
  }
}

/** The event a read reaction is on: any `m.reaction` annotation with a key (the tally decided which keys count as votes). */
function reactionTarget(event: RoomEvent): string | undefined {
  const relates = event.content['m.relates_to'];
  if (event.type !== 'm.reaction' || !isRecord(relates) || relates.rel_type !== 'm.annotation' || !isEventId(relates.event_id)) return undefined;
  return typeof relates.key === 'string' && relates.key.length <= 64 ? relates.event_id : undefined;
}

/** One round; throws when a read fails (nothing is removed on a partial read). */
export async function recheck(host: RecheckHost, s: RecheckState, votesPerRound = VOTE_READS_PER_ROUND): Promise<void> {
  const present = new Set<string>();
  for (const root of [...host.roots]) {
    const items = await readAllRelations(host.room, root, { relType: 'm.reference', eventType: 'm.room.message' }, { onPage: host.onPage });
    for (const item of items) present.add(item.event_id);
  }
  for (const id of [...s.questions]) {
    if (present.has(id)) continue;
    s.questions.delete(id);
    s.votes.delete(id);
    host.removeQuestion(id);
  }
  const withVotes = [...s.votes.keys()];
  if (!withVotes.length) return;
  const start = s.cursor % withVotes.length;
  const picked = [...withVotes.slice(start), ...withVotes.slice(0, start)].slice(0, votesPerRound);
  s.cursor = start + picked.length;
  for (const questionId of picked) {
    const fresh = new Set((await readAllRelations(host.room, questionId, { relType: 'm.annotation', eventType: 'm.reaction' }, { onPage: host.onPage })).map((e) => e.event_id));
    const known = s.votes.get(questionId);
    if (!known) continue;
    for (const voteId of [...known]) {
      if (fresh.has(voteId)) continue;
      known.delete(voteId);
      host.removeVote(voteId);
    }
    if (!known.size) s.votes.delete(questionId);
  }
}
