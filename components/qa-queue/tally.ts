/**
 * The Q&A tally: a pure, incremental model of questions, votes and moderation. No DOM and
 * no Matrix: a widget binding folds room events into it (question = m.room.message with
 * an m.reference to the Q&A root, vote = m.reaction 👍, moderation = room state), a plain
 * page loads data snapshots. Each section is a ranking index and an item is re-positioned
 * by delete + insert only when its sort key changes: a sorted array (SortedList) while
 * sections are short, a treap (RankedSet, loaded when a section passes LARGE items) after,
 * so every fold is O(log n) where it matters. Inside a batch (a history or snapshot load)
 * inserts wait for its end and go in at once, one sort per section: O(n log n) for n
 * questions whichever index holds them.
 */
import type { RankNode } from './ranked-set.js';
import type * as RankedSetModule from './ranked-set.js';
import { loadOnce } from '../shared/lazy-part.js';
import { SortedList, type RankIndex } from './sorted-list.js';
import { normaliseVoteKey } from './vote-key.js';

export { normaliseVoteKey, VOTE_KEY } from './vote-key.js';

/** Where the local copy of a question is: sent by us and waiting, accepted, or refused. */
export type LocalState = 'pending' | 'confirmed' | 'failed';

/**
 * `mine`: own questions not yet accepted (pending / failed), shown apart so they never sink
 * to the bottom of a long list. `review`: waiting for approval under pre-moderation
 * (moderators and the author see them). `hidden`: moderators only.
 */
export type Section = 'mine' | 'open' | 'review' | 'answered' | 'hidden';
export const SECTIONS: readonly Section[] = ['mine', 'open', 'review', 'answered', 'hidden'];

export interface Moderation {
  pinned: boolean;
  answered: boolean;
  hidden: boolean;
  /** Only meaningful with pre-moderation on. */
  approved: boolean;
}

/** Moderation as room state or plain-page data give it (untrusted: only `true` counts). */
export type ModerationInput = { readonly [K in keyof Moderation]?: unknown };

export type ModerationAction = 'pin' | 'unpin' | 'answer' | 'unanswer' | 'hide' | 'restore' | 'approve';

export interface QuestionInput {
  /** Event id (or local id while unsent). */
  id: string;
  /** Matrix user id of the author. */
  author: string;
  authorName?: string;
  text: string;
  /** origin_server_ts, ms. */
  ts: number;
  local?: LocalState;
  /** The local id this question was sent under, so its echo replaces the pending copy. */
  localId?: string;
  /** Why a `failed` question was not sent. */
  error?: string;
  /** Votes counted elsewhere (plain-page data), on top of the 👍 reactions folded in. */
  counted?: number;
}

export interface VoteInput {
  /** The reaction's event id: its redaction removes the vote. */
  voteId: string;
  questionId: string;
  voter: string;
  /** Reaction key; only 👍 variants count (see normaliseVoteKey). */
  key: string;
}

/** A read-only view of one question. */
export interface Question {
  readonly id: string;
  readonly author: string;
  readonly authorName: string | undefined;
  readonly text: string;
  readonly ts: number;
  readonly votes: number;
  readonly local: LocalState | undefined;
  readonly localId: string | undefined;
  readonly error: string | undefined;
  readonly moderation: Readonly<Moderation>;
  readonly section: Section | null;
}

/** Plain-page data: one question with its tally already counted. */
export interface QuestionData {
  id: string;
  text: string;
  author?: string;
  authorName?: string;
  /** ms since epoch or ISO 8601 */
  ts?: number | string;
  votes?: number;
  /** The viewer has voted (counted in `votes`). */
  voted?: boolean;
  pinned?: boolean;
  answered?: boolean;
  hidden?: boolean;
  approved?: boolean;
  local?: LocalState;
  localId?: string;
  error?: string;
}

export type TallyChange =
  | { type: 'added'; id: string; section: Section }
  | { type: 'removed'; id: string; section: Section }
  | { type: 'moved'; id: string; section: Section; from: Section }
  | { type: 'changed'; id: string; section: Section }
  | { type: 'reset' };

export type TallyListener = (change: TallyChange) => void;

class Entry implements Question, RankNode<Entry> {
  // Treap links: RankedSet sets them on insert (unused while sections are sorted arrays).
  declare rankLeft: Entry | null;
  declare rankRight: Entry | null;
  declare rankPriority: number;
  declare rankSize: number;
  // Set by addQuestion (an entry may exist for votes or moderation before its question).
  declare authorName: string | undefined;
  author = '';
  text = '';
  ts = 0;
  declare local: LocalState | undefined;
  declare localId: string | undefined;
  declare error: string | undefined;
  moderation: Moderation = toModeration(null);
  section: Section | null = null;
  hasQuestion = false;
  redacted = false;
  /** Votes counted elsewhere (plain-page snapshots), on top of `voters`. */
  base = 0;
  /**
   * voter (interned number) → their live 👍 reaction id(s): one vote per voter however many they sent.
   * A plain string for the usual single reaction keeps a million votes cheap.
   */
  voters = new Map<number, string | string[]>();
  // Sort key as inserted in the section set (set on every insert); fixed while the entry is in a set.
  declare kPinned: number;
  declare kVotes: number;
  declare kTs: number;
  declare kId: string;
  dirty = false;
  /** In a section but not yet in its index: inserted when the batch ends (see #drain). */
  deferred = false;

  constructor(public id: string) {}

  get votes(): number {
    return this.base + this.voters.size;
  }
}

/** pinned first, then votes (desc), then age (older first), then id. */
function compareEntries(a: Entry, b: Entry): number {
  return b.kPinned - a.kPinned || b.kVotes - a.kVotes || a.kTs - b.kTs || (a.kId < b.kId ? -1 : a.kId > b.kId ? 1 : 0);
}

/** Sections longer than this are indexed by a treap (ranked-set.ts) instead of a sorted array. */
export const LARGE = 300;
/** RankedSet once ranked-set.ts has loaded: new tallies start with it. */
let Large: typeof RankedSetModule.RankedSet | undefined;

/**
 * Loads the treap index (a tally asks for it when a section grows past LARGE; benchmarks and
 * pages that know their list is big may ask first). Once; a failure is forgotten, so the
 * next call asks again (components/shared/lazy-part.ts).
 */
export const loadLargeIndex: () => Promise<unknown> = loadOnce('the Q&A large-list index', () => import('./ranked-set.js').then((m) => (Large = m.RankedSet)));

const index = (): RankIndex<Entry> => (Large ? new Large(compareEntries) : new SortedList(compareEntries));

/** Read-only ranked list of one section. */
export interface SectionView {
  readonly size: number;
  at(index: number): Question | undefined;
  slice(start?: number, end?: number): Question[];
  forEach(fn: (q: Question, index: number) => void): void;
}

export class QaTally {
  readonly #entries = new Map<string, Entry>();
  readonly #votesById = new Map<string, { entry: Entry; voter: number }>();
  /** User id → small integer: per-question maps keyed by numbers are much cheaper to grow. */
  readonly #userIndex = new Map<string, number>();
  readonly #sets: Record<Section, RankIndex<Entry>> = { mine: index(), open: index(), review: index(), answered: index(), hidden: index() };
  /** The sections are (or are becoming) treaps. */
  #large = !!Large;
  readonly #listeners = new Set<TallyListener>();
  /** Entries whose vote count changed since the last flush (see countChanged). */
  #dirty: Entry[] = [];
  /** Entries waiting for their section index until the batch ends (see #drain). */
  #deferred: Entry[] = [];
  #batchDepth = 0;
  #preMod = false;

  /** Questions need a moderator's approval before everyone sees them. */
  get preModeration(): boolean {
    return this.#preMod;
  }

  set preModeration(on: boolean) {
    if (on === this.#preMod) return;
    this.batch(() => {
      this.#preMod = on;
      for (const entry of this.#entries.values()) this.#reposition(entry, noop);
    });
  }

  // ---- reading -------------------------------------------------------------

  get(id: string): Question | undefined {
    const entry = this.#entries.get(id);
    return entry?.section ? entry : undefined;
  }

  /** Whether `voter` currently has a 👍 on the question. */
  hasVoted(questionId: string, voter: string): boolean {
    const index = this.#userIndex.get(voter);
    return index !== undefined && (this.#entries.get(questionId)?.voters.has(index) ?? false);
  }

  /**
   * Whether the 👍 `voteId` the tally holds is `voter`'s; undefined when it holds no such vote.
   * (A binding lets a redaction remove a vote only when its sender may: the voter, or a moderator.)
   */
  voteBy(voteId: string, voter: string): boolean | undefined {
    const vote = this.#votesById.get(voteId);
    return vote && vote.voter === this.#userIndex.get(voter);
  }

  /** The reaction event ids `voter` has on the question (a binding redacts all of them to un-vote). */
  voteIdsOf(questionId: string, voter: string): string[] {
    const index = this.#userIndex.get(voter);
    const held = index === undefined ? undefined : this.#entries.get(questionId)?.voters.get(index);
    return held === undefined ? [] : [...toArray(held)];
  }

  section(name: Section): SectionView {
    this.flush();
    return this.#sets[name];
  }

  /** Position of a question inside its section, or null. O(log n). */
  position(id: string): { section: Section; index: number } | null {
    const entry = this.#entries.get(id);
    if (!entry?.section) return null;
    this.flush();
    return { section: entry.section, index: this.#sets[entry.section].rank(entry) };
  }

  subscribe(listener: TallyListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /**
   * Folds many inputs with one `reset` notification at the end (history load). Questions
   * entering a section meanwhile reach its index at the end, all at once.
   */
  batch(fn: () => void): void {
    this.#batchDepth++;
    try {
      fn();
    } finally {
      if (--this.#batchDepth === 0) {
        this.#drain();
        this.#notify({ type: 'reset' });
      }
    }
  }

  // ---- folding room inputs -------------------------------------------------

  /** A question arrived (from history, live, or the echo of our own send). Returns false when ignored. */
  addQuestion(input: QuestionInput): boolean {
    if (input.localId && input.localId !== input.id) this.#adopt(input.localId, input.id);
    const entry = this.#entry(input.id);
    if (entry.redacted) return false;
    this.#reposition(entry, () => {
      entry.hasQuestion = true;
      entry.author = input.author;
      entry.authorName = input.authorName;
      entry.text = input.text;
      entry.ts = input.ts;
      entry.local = input.local ?? (entry.local ? 'confirmed' : undefined);
      entry.localId = input.localId ?? entry.localId;
      entry.error = entry.local === 'failed' ? (input.error ?? entry.error) : undefined;
      entry.base = input.counted ?? entry.base;
    });
    return true;
  }

  /** The question was redacted (or a local one discarded). */
  removeQuestion(id: string): boolean {
    const entry = this.#entries.get(id);
    if (!entry?.hasQuestion || entry.redacted) return false;
    this.#reposition(entry, () => {
      entry.redacted = true;
      entry.voters.clear();
      entry.base = 0;
    });
    return true;
  }

  /** A 👍 reaction. Returns true when the question's count changed. */
  addVote(vote: VoteInput): boolean {
    if (!normaliseVoteKey(vote.key)) return false;
    // One lookup instead of has() + set(): a re-delivered reaction does not grow the map.
    const known = this.#votesById.size;
    const entry = this.#entry(vote.questionId);
    const voter = this.#user(vote.voter);
    this.#votesById.set(vote.voteId, { entry, voter });
    if (this.#votesById.size === known) return false;
    const held = entry.voters.get(voter);
    if (held !== undefined) {
      entry.voters.set(voter, [...toArray(held), vote.voteId]);
      return false;
    }
    entry.voters.set(voter, vote.voteId);
    this.#countChanged(entry);
    return true;
  }

  /** A reaction was redacted. Returns true when the question's count changed. */
  removeVote(voteId: string): boolean {
    const vote = this.#votesById.get(voteId);
    if (!vote) return false;
    this.#votesById.delete(voteId);
    const { entry, voter } = vote;
    const held = entry.voters.get(voter);
    if (held === undefined) return false;
    if (typeof held !== 'string') {
      // Another 👍 from the same voter remains: the vote still counts.
      const rest = held.filter((id) => id !== voteId);
      entry.voters.set(voter, rest.length === 1 ? (rest[0] as string) : rest);
      return false;
    }
    if (held !== voteId) return false;
    entry.voters.delete(voter);
    this.#countChanged(entry);
    return true;
  }

  /** A redaction of any event: removes the vote or question it names. */
  redact(eventId: string): boolean {
    return this.removeVote(eventId) || this.removeQuestion(eventId);
  }

  /** Votes counted elsewhere (a vote snapshot, less those folded in here too): the count is `n` + the 👍 voters folded in. */
  setBase(questionId: string, n: number): void {
    const entry = this.#entry(questionId);
    if (entry.base === n) return;
    entry.base = n;
    this.#countChanged(entry);
  }

  /** Room moderation state for one question (null / {} = cleared): room state as it is, only `true` counts. */
  setModeration(questionId: string, state: ModerationInput | null): void {
    const entry = this.#entry(questionId);
    this.#reposition(entry, () => {
      entry.moderation = toModeration(state);
    });
  }

  // ---- our own sends -------------------------------------------------------

  /** Shows our question at once as pending (its writer calls this before sending: the binding, or the element on a plain page). */
  addLocal(input: { localId: string; author: string; authorName?: string; text: string; ts: number }): void {
    this.addQuestion({ ...input, id: input.localId, local: 'pending' });
  }

  /** The send succeeded: the local copy becomes the event (or yields to its echo). */
  confirmLocal(localId: string, eventId: string): void {
    const local = this.#adopt(localId, eventId);
    if (!local) return;
    this.#reposition(local, () => {
      local.local = 'confirmed';
      local.error = undefined;
    });
  }

  failLocal(localId: string, error?: string): void {
    const entry = this.#entries.get(localId);
    if (!entry?.hasQuestion || entry.redacted || entry.local !== 'pending') return;
    this.#reposition(entry, () => {
      entry.local = 'failed';
      entry.error = error;
    });
  }

  /** Back to pending for a retry; returns false unless it had failed (so a retry is sent once). */
  retryLocal(localId: string): boolean {
    const entry = this.#entries.get(localId);
    if (!entry?.hasQuestion || entry.redacted || entry.local !== 'failed') return false;
    this.#reposition(entry, () => {
      entry.local = 'pending';
      entry.error = undefined;
    });
    return true;
  }

  // ---- plain-page snapshots (loadQuestions in data.ts) --------------------

  /** Forgets every question except own unsent ones that `keep` accepts. */
  clear(keep: (q: Question) => boolean = () => false): void {
    this.batch(() => {
      this.#drain();
      const kept = this.#sets.mine.slice().filter(keep);
      this.#dirty = [];
      this.#entries.clear();
      this.#votesById.clear();
      for (const name of SECTIONS) this.#sets[name].clear();
      for (const entry of kept) {
        // Forgotten entries keep their fields but are reachable no more; kept ones re-enter clean.
        entry.section = null;
        entry.dirty = false;
        this.#entries.set(entry.id, entry);
        this.#reposition(entry, noop);
      }
    });
  }

  /**
   * Re-positions every question whose count changed since the last flush: O(log n) each.
   * Reads flush first, so callers never see a stale order; a burst of votes between two
   * frames costs one re-position per question instead of one per vote.
   */
  flush(): void {
    const dirty = this.#dirty;
    this.#dirty = [];
    for (const entry of dirty) {
      entry.dirty = false;
      // 'changed' was sent when the count changed; now only a real move is news.
      if (entry.section && entry.kVotes !== entry.votes) this.#reposition(entry, noop, true);
    }
    // Inside a batch, what waits for the index (those just re-positioned too) goes in now: a read sees it all.
    this.#drain();
  }

  // ---- internals -----------------------------------------------------------

  /** Count changed: shown at once ('changed'), ranked at the next flush. */
  #countChanged(entry: Entry): void {
    if (!entry.section) return;
    if (!entry.dirty) {
      entry.dirty = true;
      this.#dirty.push(entry);
    }
    if (this.#listeners.size > 0 && this.#batchDepth === 0) this.#notify({ type: 'changed', id: entry.id, section: entry.section });
  }

  #user(id: string): number {
    let index = this.#userIndex.get(id);
    if (index === undefined) {
      index = this.#userIndex.size;
      this.#userIndex.set(id, index);
    }
    return index;
  }

  #entry(id: string): Entry {
    let entry = this.#entries.get(id);
    if (!entry) {
      entry = new Entry(id);
      this.#entries.set(id, entry);
    }
    return entry;
  }

  /**
   * Our local question becomes event `eventId`: renamed in place, or dropped when the
   * echo is already shown (never both). Returns the renamed entry.
   */
  #adopt(localId: string, eventId: string): Entry | undefined {
    const local = this.#entries.get(localId);
    if (!local?.hasQuestion || local.redacted || !local.local) return undefined;
    const echo = this.#entries.get(eventId);
    if (echo?.hasQuestion && echo !== local) {
      this.removeQuestion(localId);
      return undefined;
    }
    this.#rename(local, eventId);
    return local;
  }

  #rename(entry: Entry, id: string): void {
    if (entry.id === id) return;
    const target = this.#entries.get(id);
    // Votes or moderation may already wait under the event id (they raced the send response).
    this.#reposition(entry, () => {
      this.#entries.delete(entry.id);
      entry.id = id;
      if (target) {
        for (const [voter, held] of target.voters) {
          entry.voters.set(voter, held);
          for (const voteId of toArray(held)) {
            const vote = this.#votesById.get(voteId);
            if (vote) vote.entry = entry;
          }
        }
        entry.moderation = target.moderation;
      }
      this.#entries.set(id, entry);
    });
  }

  /**
   * Takes the entry out of its set, applies `mutate`, puts it back where it now belongs and
   * tells listeners what happened (`onlyIfMoved`: not when it stayed put).
   */
  #reposition(entry: Entry, mutate: () => void, onlyIfMoved = false): void {
    const from = entry.section;
    // The old index only when someone listens: it tells a move from a change.
    const live = this.#listeners.size > 0 && this.#batchDepth === 0;
    let oldIndex = -1;
    if (from && !entry.deferred) {
      const set = this.#sets[from];
      if (live) oldIndex = set.rank(entry);
      set.delete(entry);
    }
    mutate();
    const m = entry.moderation;
    const to: Section | null =
      !entry.hasQuestion || entry.redacted
        ? null
        : entry.local === 'pending' || entry.local === 'failed'
          ? 'mine'
          : m.hidden
            ? 'hidden'
            : m.answered
              ? 'answered'
              : this.#preMod && !m.approved
                ? 'review'
                : 'open';
    entry.section = to;
    if (to) {
      entry.kPinned = m.pinned ? 1 : 0;
      entry.kVotes = entry.votes;
      entry.kTs = entry.ts;
      entry.kId = entry.id;
      if (this.#batchDepth) {
        // Inserted with the rest when the batch ends: one sort instead of n inserts.
        if (!entry.deferred) this.#deferred.push(entry);
        entry.deferred = true;
      } else {
        const set = this.#sets[to];
        set.insert(entry);
        if (set.size > LARGE && !this.#large) this.#grow();
      }
    }
    if (!live) return;
    if (!from && to) this.#notify({ type: 'added', id: entry.id, section: to });
    else if (from && !to) this.#notify({ type: 'removed', id: entry.id, section: from });
    else if (from && to) {
      if (from !== to || this.#sets[to].rank(entry) !== oldIndex) this.#notify({ type: 'moved', id: entry.id, section: to, from });
      else if (!onlyIfMoved) this.#notify({ type: 'changed', id: entry.id, section: to });
    }
  }

  /**
   * Puts the entries a batch deferred into their section indexes: per section one bulk insert
   * (a sort), with vote counts as they are now (votes folded meanwhile re-ranked nothing). A
   * section about to pass LARGE moves to the treap first when it is here (else later).
   */
  #drain(): void {
    const deferred = this.#deferred;
    if (deferred.length === 0) return;
    this.#deferred = [];
    for (const entry of deferred) {
      entry.deferred = false;
      entry.kVotes = entry.votes;
    }
    for (const name of SECTIONS) {
      // Redacted meanwhile: in no section.
      const list = deferred.filter((entry) => entry.section === name);
      if (list.length === 0) continue;
      if (this.#sets[name].size + list.length > LARGE && !this.#large) this.#grow();
      this.#sets[name].insertAll(list);
    }
  }

  /**
   * Re-indexes every section into a treap once ranked-set.ts is here, at once if it already
   * is (same order: same keys, same comparator; O(n) from the sorted contents).
   */
  #grow(): void {
    this.#large = true;
    const reindex = (): void => {
      for (const name of SECTIONS) {
        const set = new (Large as typeof RankedSetModule.RankedSet<Entry>)(compareEntries);
        set.insertAll(this.#sets[name].slice());
        this.#sets[name] = set;
      }
    };
    if (Large) return reindex();
    loadLargeIndex().then(reindex, () => {
      // A tally has no updates to wait for: asked again 10 s later, not at once (offline,
      // every vote would ask). Sorted arrays work meanwhile.
      setTimeout(() => (this.#large = false), 10_000);
    });
  }

  /** Callers notify only outside a batch (a batch ends with one `reset`). */
  #notify(change: TallyChange): void {
    for (const listener of this.#listeners) listener(change);
  }
}

function noop(): void {}

/** Only `true` counts (room state and plain-page data are untrusted). */
const toModeration = (state: ModerationInput | null | undefined): Moderation => ({
  pinned: state?.pinned === true,
  answered: state?.answered === true,
  hidden: state?.hidden === true,
  approved: state?.approved === true,
});

function toArray(held: string | string[]): readonly string[] {
  return typeof held === 'string' ? [held] : held;
}
