import type { QaTally } from '../../components/qa-queue/tally.js';
import { normaliseVoteKey, VOTE_KEY } from '../../components/qa-queue/vote-key.js';
import { readAllRelations } from '../room/relations.js';
import type { RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { isRecord, isUserId } from '../schema/validate.js';
import { parseVoteSnapshot, type VoteSnapshot } from '../schema/vote-snapshot.js';
import { mapLimited } from '../shared/map-limited.js';
import { reject } from '../shared/rejections.js';
import type { PowerWatch, StateWatch } from '../shared/room-sync.js';
import type { RecheckHost } from './recheck.js';
import { forgetVote, ownVotes, rememberVote } from './vote-snapshot-own.js';

// Redactions (a 👍 taken back, a question deleted) travel in this chunk: most often they are
// votes undone, and one chunk, not two, is in the first load's map.
export { qaRedactions } from './question-redactions.js';

/**
 * A late joiner's start from the vote snapshot (docs/schema.md, "Vote snapshot"; docs/scale.md):
 * a moderator's widget keeps `dev.devroom.qa.votes` (vote-snapshot-write.ts), the 👍 count of each
 * question and the server time it counted up to (`upto`). A viewer with a fresh one reads the
 * question pages and no votes; what it sees live goes on top, merged so nothing counts twice:
 *
 *   count = snapshot count − voters it holds whose vote is at or before `upto` (counted there)
 *           − votes at or before `upto` it saw undone after `upto` (counted there, gone now)
 *           + every voter it holds (the tally's own count).
 *
 * Each newer snapshot is merged the same way, so a vote the writer had not seen yet when it wrote
 * (rare: the cut is the newest event the writer had) is missing until the next snapshot, which
 * the writer sends within seconds (30–35 s in busy voting) because its counts then differ. Loaded on demand, with the
 * viewer's own votes (vote-snapshot-own.ts).
 */

/** What the Q&A binding (root-binding.ts) hands over. */
export interface SnapshotHost extends RecheckHost {
  tally: QaTally;
  power: PowerWatch;
  /** `dev.devroom.qa.votes` of this queue's key, unjudged. */
  votes: StateWatch;
  /** The current root (questions relate to it). */
  root(): string | undefined;
  hasCapability(capability: string): boolean;
  /** An ended talk's queue: nothing written. */
  readOnly: boolean | undefined;
  /** The binding's live fold: votes read here go in as if they had arrived. */
  fold(event: RoomEvent): void;
  /** Called by the binding after it folded a live (or read) event: set while a snapshot is used. */
  snap?: ((event: RoomEvent) => void) | undefined;
  /** origin_server_ts of the newest event the binding folded in (a writer's `upto`). */
  latest: number;
  /** A writer runs (vote-snapshot-write.ts). */
  writing?: boolean;
}

/** A snapshot older than this (by its event's server time) is not used: its writer is gone, votes since may be missing. */
export const FRESH_MS = 10 * 60_000;

interface Seen {
  question: string;
  voter: string;
  ts: number;
  /** When it was undone (the redaction's server time). */
  gone?: number;
}

/**
 * The vote lists to fold for `questions` when the snapshot is usable (fresh, this queue's root,
 * written by someone with the power to): none but the viewer's own votes this browser remembers,
 * and the votes of questions a capped (`partial`) snapshot leaves out. Undefined otherwise: the
 * binding reads every question's votes, as without a snapshot.
 */
export async function startFrom(host: SnapshotHost, questions: RoomEvent[]): Promise<RoomEvent[][] | undefined> {
  let merge = merges.get(host);
  if (!merge) {
    // The snapshot's writers read every vote themselves.
    await host.power.ready.catch(() => undefined);
    if (mayWrite(host)) return undefined;
    const event = host.votes.get(host.votes.stateKey);
    const snapshot = event && judge(host, event);
    if (!snapshot || Date.now() - event.origin_server_ts > FRESH_MS) return undefined;
    merges.set(host, (merge = new Merge(host, snapshot)));
  }
  const { snapshot } = merge;
  const unlisted = snapshot.partial ? questions.filter((q) => !snapshot.counts.has(q.event_id)) : [];
  const read = await mapLimited(unlisted, 4, (q) =>
    readAllRelations(host.room, q.event_id, { relType: 'm.annotation', eventType: 'm.reaction' }, { onPage: host.onPage }),
  );
  const mine = ownVotes(host.room);
  const ids = new Set(questions.map((q) => q.event_id));
  const own: RoomEvent[] = [];
  for (const [question, [voteId, ts]] of mine) {
    if (ids.has(question)) own.push(reaction(host, voteId, question, host.room.userId, ts));
  }
  return [...read, own];
}

/** This widget may keep the snapshot (vote-snapshot-write.ts): a moderator's, with the client's grant, on a queue still open. */
export const mayWrite = (host: SnapshotHost): boolean =>
  !host.readOnly &&
  host.power.can(host.room.userId, EventTypes.qaVotes, true) &&
  host.hasCapability(`org.matrix.msc2762.send.state_event:${EventTypes.qaVotes}`);

/** The snapshot in `event`, or undefined (rejected with the reason) when it cannot count. */
function judge(host: SnapshotHost, event: RoomEvent): VoteSnapshot | undefined {
  const parsed = parseVoteSnapshot(event.content);
  // Synapse's auth refuses it from anyone else; a test room, a public reader or a hostile server must agree.
  const why = !host.power.can(event.sender, EventTypes.qaVotes, true)
    ? `${event.sender} may not write the vote snapshot`
    : !parsed.ok
      ? parsed.reason
      : !host.roots.has(parsed.value.root)
        ? `counts root ${parsed.value.root}, not this queue's`
        : undefined;
  if (why) {
    if (!judged.has(event.event_id)) reject(event, why);
    judged.add(event.event_id);
    return undefined;
  }
  return (parsed as { value: VoteSnapshot }).value;
}
const judged = new Set<string>();

const merges = new WeakMap<SnapshotHost, Merge>();

/** The merge of one binding: votes seen here, by question, and the snapshot they are merged with. */
class Merge {
  readonly #seen = new Map<string, Seen>();
  /** Questions whose votes were read (vote()): the viewer's own vote there is known. */
  readonly read = new Set<string>();
  readonly #byQuestion = new Map<string, Set<string>>();

  constructor(
    readonly host: SnapshotHost,
    public snapshot: VoteSnapshot,
  ) {
    this.#recount(snapshot.counts.keys());
    host.snap = (event) => this.#fold(event);
    // A vote the re-read finds gone (recheck.ts: one remembered here but undone on another device).
    const removeVote = host.removeVote;
    host.removeVote = (id) => {
      removeVote(id);
      const seen = this.#seen.get(id);
      if (seen) this.#recount([seen.question]);
    };
    host.votes.onChange((event) => {
      const next = event && judge(host, event);
      if (!next) return;
      const before = this.snapshot;
      this.snapshot = next;
      this.#recount(new Set([...before.counts.keys(), ...next.counts.keys(), ...this.#byQuestion.keys()]));
    });
  }

  /** After the binding folded `event`: a 👍 or its undoing changes what the snapshot covers. */
  #fold(event: RoomEvent): void {
    const { tally } = this.host;
    if (event.type === 'm.reaction') {
      const relates = event.content['m.relates_to'];
      if (!isRecord(relates) || relates.rel_type !== 'm.annotation' || !normaliseVoteKey(relates.key) || !isUserId(event.sender)) return;
      const question = relates.event_id as string;
      if (!this.host.has(question) || this.#seen.has(event.event_id)) return;
      this.#seen.set(event.event_id, { question, voter: event.sender, ts: event.origin_server_ts });
      let ids = this.#byQuestion.get(question);
      if (!ids) this.#byQuestion.set(question, (ids = new Set()));
      ids.add(event.event_id);
      this.#recount([question]);
    } else if (event.type === 'm.room.redaction') {
      const target = event.redacts ?? event.content.redacts;
      const seen = typeof target === 'string' ? this.#seen.get(target) : undefined;
      // Undone only if the binding took it off (the sender may redact it: root-binding.ts).
      if (!seen || seen.gone !== undefined || tally.voteBy(target as string, seen.voter) !== undefined) return;
      seen.gone = event.origin_server_ts;
      this.#recount([seen.question]);
    }
  }

  #recount(questions: Iterable<string>): void {
    const { tally } = this.host;
    const { counts, upto, partial } = this.snapshot;
    for (const question of questions) {
      const listed = counts.get(question);
      // A capped snapshot's unlisted questions had their votes read: the tally's count is theirs.
      if (listed === undefined && partial) {
        tally.setBase(question, 0);
        continue;
      }
      const held = new Set<string>();
      const counted = new Set<string>();
      const undone = new Set<string>();
      for (const id of this.#byQuestion.get(question) ?? []) {
        const { voter, ts, gone } = this.#seen.get(id)!;
        // What the tally holds is what it counts (a re-read may have taken a vote off).
        if (tally.voteBy(id, voter) !== undefined) {
          held.add(voter);
          if (ts <= upto) counted.add(voter);
        } else if (ts <= upto && gone !== undefined && gone > upto) undone.add(voter);
      }
      for (const voter of counted) undone.delete(voter);
      tally.setBase(question, Math.max(-held.size, (listed ?? 0) - counted.size - undone.size));
    }
  }
}

/**
 * The viewer's 👍 (or its undoing), remembered in this browser. Started from a snapshot, the
 * widget may not know a vote the viewer gave on another device, and a second 👍 is refused
 * (M_DUPLICATE_ANNOTATION), which through Element holds back every later send of theirs
 * (docs/schema.md): so before the first 👍 on a question whose own vote is unknown, one read of
 * that question's votes tells — and if it was theirs already, it shows pressed and nothing is sent.
 */
export async function vote(host: SnapshotHost, { questionId, vote }: { questionId: string; vote: boolean }): Promise<void> {
  const { room, tally } = host;
  const me = room.userId;
  const merge = merges.get(host);
  try {
    if (!vote) {
      // Taken off here as the server accepts it: Element feeds no redaction of a vote its client never loaded (recheck.ts).
      for (const id of tally.voteIdsOf(questionId, me)) {
        const redaction = await room.redact(id);
        host.fold({ event_id: redaction, room_id: room.roomId, type: 'm.room.redaction', sender: me, origin_server_ts: Date.now(), redacts: id, content: { redacts: id } });
      }
      return forgetVote(room, questionId);
    }
    if (merge && !tally.hasVoted(questionId, me) && !merge.read.has(questionId)) {
      const votes = await readAllRelations(room, questionId, { relType: 'm.annotation', eventType: 'm.reaction' }, { onPage: host.onPage });
      merge.read.add(questionId);
      for (const v of votes) host.fold(v);
    }
    const [mine] = tally.voteIdsOf(questionId, me);
    rememberVote(room, questionId, mine ?? (await room.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: questionId, key: VOTE_KEY } })));
  } catch (error) {
    // The button stops waiting after a while (the element) and shows the room's state.
    console.warn('devroom: vote not sent', error);
  }
}

/** A moderator's widget keeps the snapshot (vote-snapshot-write.ts, loaded for them only); its stop goes into `cleanups`. */
export function keepSnapshot(host: SnapshotHost, cleanups: (() => void)[]): void {
  // A widget that started from a snapshot does not hold every vote: it may not write one.
  if (host.writing || merges.has(host) || !mayWrite(host)) return;
  host.writing = true;
  // The binding may stop while the writer loads (a talk switch): then it never starts.
  let stop: (() => void) | undefined;
  let stopped = false;
  cleanups.push(() => {
    stopped = true;
    stop?.();
  });
  import('./vote-snapshot-write.js').then(
    (m) => stopped || (stop = m.writeSnapshots(host)),
    (error: unknown) => {
      host.writing = false;
      console.warn('devroom: could not load the vote snapshot writer', error);
    },
  );
}

/** A remembered vote as the event it was. */
const reaction = (host: SnapshotHost, eventId: string, question: string, sender: string, ts: number): RoomEvent => ({
  event_id: eventId,
  room_id: host.room.roomId,
  type: 'm.reaction',
  sender,
  origin_server_ts: ts,
  content: { 'm.relates_to': { rel_type: 'm.annotation', event_id: question, key: VOTE_KEY } },
});
