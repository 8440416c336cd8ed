import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { QaTally } from '../../components/qa-queue/tally.js';
import { loadMemberNames } from '../shared/load-member-names.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { readAllRelations } from '../room/relations.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId, isRecord, isUserId } from '../schema/validate.js';
import { NOT_RELATED, parseQuestion, type QaRootKey } from './question-schema.js';
import { moderationProblem, rootProblem } from '../schema/state-checks.js';
import { normaliseVoteKey } from '../../components/qa-queue/vote-key.js';
import type { SnapshotHost } from './vote-snapshot-read.js';
import type { QaRedactions } from './question-redactions.js';
import type { QaBindContext, QaBinding } from './binding.js';
import { capabilityCheck } from '../shared/binding.js';
import { mapLimited } from '../shared/map-limited.js';
import { reject } from '../shared/rejections.js';
import { PowerWatch, StateWatch } from '../shared/room-sync.js';
import { hasUnsent, saveUnsent, unsentKey } from '../shared/unsent.js';
import type { UnsentHost, UnsentQuestion } from './unsent-questions.js';

/**
 * One Q&A queue bound to `<devroom-qa-queue>` (docs/schema.md, "Q&A"): the questions of one
 * root, `dev.devroom.root` keyed `qa` (the room's) or `qa:<talk id>` (a talk's), chosen by the
 * caller (binding.ts, talks.ts). Questions are m.text messages referencing the root, votes are
 * 👍 reactions, moderation / hands / stage invites are state. History is read by server-side
 * relation pagination (never the client's timeline); live events keep it current. While it
 * runs it is the only writer of the tally it hands down as the element's `model`: the room's
 * questions and votes, `preModeration` from the root, and the viewer's own questions, which it
 * records from the element's request events (it cancels `devroom-ask`, so the element keeps no
 * copy). Stopped, it touches the element no more; a question it was sending still goes to its
 * root.
 */

export const VOTE = '👍';

export const RECHECK_MS = 120_000;

/** Element requests (`devroom-` + these) answered by requests.ts, loaded with the first one. */
const REQUESTS = ['moderate', 'raise-hand', 'lower-hand', 'accept-stage', 'decline-stage', 'stage-invite', 'stage-withdraw', 'remove-hand', 'close-questions'] as const;
export type QaRequest = `devroom-${(typeof REQUESTS)[number]}`;

/** A question the viewer asked: `devroom-ask`'s detail. */
export type QaAsk = GlobalEventHandlersEventMap['devroom-ask']['detail'];

/** Our questions not seen in the room yet, kept in this browser (unsent.ts): one per page, shared by the queues it binds in turn. */
export interface UnsentStore {
  key: string;
  /** By local id, oldest first: what a reload offers again, and where a retry looks first. */
  questions: Map<string, UnsentQuestion>;
  /** Kept by an earlier page, not read back yet: writes wait (they would replace them). */
  unread: boolean;
  /** A queue is reading them back (the first one that takes questions). */
  restoring?: boolean;
}

export const unsentStore = (room: Room): UnsentStore => {
  const key = unsentKey('qa', room);
  return { key, questions: new Map(), unread: hasUnsent(key) };
};

/** Which queue, and how. */
export interface QaRoot {
  key: QaRootKey;
  /** The Q&A's name in the root notice a moderator's widget may send: the talk's title, else the widget's. */
  title?: string | undefined;
  /** An ended talk's: its questions and votes shown, nothing asked, voted or opened. */
  readOnly?: boolean;
  unsent: UnsentStore;
  /** Questions asked before any queue was bound (while the schedule was read): this one takes them. */
  asked?: readonly QaAsk[] | undefined;
}

// On-demand parts of the binding, one load each per page (components/shared/lazy-part.ts).
// The hands code comes with the requests (requests.ts): the same people need both.
const requestCode = loadOnce('the Q&A requests and hands', () => import('./requests.js'));
const recheckCode = loadOnce('the Q&A re-read', () => import('./recheck.js'));
// Our questions until the room has them: sent, retried, read back after a reload.
const unsentCode = loadOnce('the unsent Q&A questions', () => import('./unsent-questions.js'));
// Votes: the snapshot a late joiner starts from, the viewer's own votes, (moderators) the snapshot's
// writer, and redactions (question-redactions.ts).
const snapshotCode = loadOnce('the Q&A votes', () => import('./vote-snapshot-read.js'));

export function bindQaRoot(el: DevroomQaQueue, room: Room, root: QaRoot, context?: QaBindContext): QaBinding {
  const me = room.userId;
  const { key, readOnly, unsent: store } = root;
  const hasCapability = capabilityCheck(context);
  /** What requests.ts needs to open the Q&A: may the viewer, the root's key, and its name for the notice. */
  const opener = { hasCapability, key, title: root.title };
  const tally = new QaTally();
  const power = new PowerWatch(room);
  // A bad state event is rejected and never replaces the last good one (room-sync.ts).
  const rootWatch = new StateWatch(room, EventTypes.root, key, rootProblem);
  const moderation = new StateWatch(room, EventTypes.qaQuestionState, undefined, moderationProblem);
  // Hands and stage invites are judged by the hands code (hands.ts), loaded when wanted.
  const handWatch = new StateWatch(room, EventTypes.qaHand);
  const stageWatch = new StateWatch(room, EventTypes.qaStage);
  // Judged by the snapshot code (vote-snapshot-read.ts), loaded when there is one.
  const votesWatch = new StateWatch(room, EventTypes.qaVotes, key);
  const cleanups: (() => void)[] = [];
  /** The current root: new questions relate to it. */
  let rootId: string | undefined;
  /** Every root whose questions count: each root of each state seen, never fewer (nothing asked disappears). */
  const roots = new Set<string>();
  /** History reads in flight (and the start-up state read): live events wait for them. */
  let loading = 1;
  let buffered: RoomEvent[] = [];
  let requests = 0;
  let stopped = false;

  el.model = tally;
  // "Loading questions…", not "No questions yet", until its questions are read.
  el.loading = true;
  // An ended talk's queue is read-only; only the binding's own read-only is undone (a public reader's stays).
  if (readOnly && !el.readOnly) {
    el.readOnly = true;
    cleanups.push(() => (el.readOnly = false));
  }

  const mayModerate = () =>
    power.can(me, EventTypes.qaQuestionState, true) &&
    hasCapability(`org.matrix.msc2762.send.state_event:${EventTypes.qaQuestionState}`);
  // Only a moderator (the queue), a viewer with a hand of their own, or an invited one needs the
  // hands of the room: the code that follows them (hands.ts) loads then, and from then on
  // follows them itself. Other viewers see just "Raise hand".
  let showHands: (() => void) | undefined;
  let handsWanted = false;
  const wantHands = () => {
    if (handsWanted || !(el.canModerate || handWatch.byKey.has(me) || stageWatch.byKey.has(`stage:${me}`))) return;
    handsWanted = true;
    // Every hand and stage event from now on is judged (a bad one rejected with its reason),
    // also those that arrive while the code loads: kept here until it is in.
    const since = [...handWatch.byKey.values(), ...stageWatch.byKey.values()];
    // (After its first read a watch names no event: what it read is its state.)
    const keep = (watch: StateWatch) => (e?: RoomEvent) => since.push(...(e ? [e] : watch.byKey.values()));
    const offs = [handWatch.onChange(keep(handWatch)), stageWatch.onChange(keep(stageWatch))];
    // A failed load is asked again at the next hands change.
    requestCode().then(
      (m) => {
        offs.forEach((off) => off());
        if (!stopped) showHands = m.followHands(el, handWatch, stageWatch, cleanups, since);
      },
      () => {
        offs.forEach((off) => off());
        handsWanted = false;
      },
    );
  };
  // People's names: authors, hands, who invites (docs/security.md, "People's names"). Until
  // they are here (or without the capability) people show by id, never a guessed name.
  loadMemberNames().then(
    (m) =>
      stopped ||
      cleanups.push(
        m.followNames(room, (names) => {
          el.names = names;
          showHands?.();
        }),
      ),
    () => undefined,
  );
  const updatePower = () => {
    el.canModerate = mayModerate();
    wantHands();
  };
  cleanups.push(power.onChange(updatePower));

  // --- questions and votes ------------------------------------------------------------

  /** The questions shown, by id → their author. */
  const questionIds = new Map<string, string>();
  /** sender + local id → the first event with it: a retry that reached the server twice counts once. */
  const byLocalId = new Map<string, string>();
  const localKey = (sender: string, id: string) => `${sender}\u0000${id}`;
  /** Redactions are judged by code that loads at the first one (question-redactions.ts). */
  let redactions: QaRedactions | undefined;
  /** From the first redaction until that code is here, events wait and are folded in order then. */
  let waiting: RoomEvent[] | undefined;
  /** Redactions whose code could not load: they go first when the next one asks again. */
  let unjudged: RoomEvent[] = [];
  const foldQuestion = (event: RoomEvent) => {
    if (questionIds.has(event.event_id)) return;
    const parsed = parseQuestion(event, roots);
    // Other messages in the room (another talk's questions too) are simply not this queue's.
    if ((!parsed.ok && parsed.reason === NOT_RELATED) || redactions?.redacted(event)) return;
    if (!parsed.ok) return reject(event, parsed.reason);
    const q = parsed.value;
    if (q.localId) {
      const first = byLocalId.get(localKey(q.author, q.localId));
      if (first && first !== q.id) return reject(event, `a copy of ${first}: the first counts`);
      byLocalId.set(localKey(q.author, q.localId), q.id);
      // Ours, arrived (also one sent from before a reload, or resent from Element): nothing to keep.
      if (q.author === me) forget(q.localId);
    }
    questionIds.set(q.id, q.author);
    // Named by the element from the room's names (el.names): a rename shows without a re-read.
    tally.addQuestion({ id: q.id, author: q.author, text: q.text, ts: q.ts, localId: q.localId });
  };
  const foldReaction = (event: RoomEvent) => {
    const relates = event.content['m.relates_to'];
    // A reaction to something else is no concern of the queue; another emoji is no vote.
    if (!isRecord(relates) || !questionIds.has(relates.event_id as string)) return;
    const { rel_type: relType, event_id: questionId, key } = relates;
    if (relType !== 'm.annotation' || typeof key !== 'string') return reject(event, 'not an m.annotation with a key');
    if (!normaliseVoteKey(key)) return;
    if (!isUserId(event.sender)) return reject(event, 'bad sender');
    tally.addVote({ voteId: event.event_id, questionId: questionId as string, voter: event.sender, key });
  };
  const waitForRedactions = (event: RoomEvent) => {
    if (waiting) return void waiting.push(event);
    waiting = [...unjudged, event];
    unjudged = [];
    snapshotCode()
      .then((m) => void (redactions ??= m.qaRedactions(history, questionIds)), () => undefined)
      .finally(() => {
        const events = waiting!;
        waiting = undefined;
        // Without the code (the load logged why) the others go on, the redactions wait for the next one.
        if (!redactions) unjudged = events.filter((e) => e.type === 'm.room.redaction');
        if (!stopped) for (const e of events) if (redactions || e.type !== 'm.room.redaction') foldLive(e);
      });
  };
  const foldLive = (event: RoomEvent): void => {
    if (waiting || (event.type === 'm.room.redaction' && !redactions)) return waitForRedactions(event);
    // Where a vote snapshot this widget writes has counted up to (vote-snapshot-write.ts).
    history.latest = Math.max(history.latest, event.origin_server_ts);
    if (event.type === 'm.room.message') foldQuestion(event);
    else if (event.type === 'm.reaction') foldReaction(event);
    else if (event.type === 'm.room.redaction') redactions!.fold(event);
    history.snap?.(event);
  };

  cleanups.push(
    room.subscribe((event) => {
      if (event.state_key !== undefined) return;
      if (loading) buffered.push(event);
      else foldLive(event);
    }),
  );

  async function loadHistory(root: string): Promise<void> {
    loading++;
    try {
      // Oldest first: of two questions with one local id (a retry that reached the room twice)
      // the first counts, for a late joiner as for those who saw both arrive.
      const questions = await readAllRelations(room, root, { relType: 'm.reference', eventType: 'm.room.message', direction: 'f' }, { onPage: () => requests++ });
      const parsed = questions.filter((e) => e.type === 'm.room.message');
      // A late joiner with a moderator's fresh vote snapshot reads no votes (vote-snapshot-read.ts); else a read per question.
      await votesWatch.ready.catch(() => undefined);
      const votes =
        (votesWatch.get(key) && (await snapshotCode().then((m) => m.startFrom(history, parsed), () => undefined))) ||
        (await mapLimited(parsed, context?.concurrency ?? 4, (q) =>
          readAllRelations(room, q.event_id, { relType: 'm.annotation', eventType: 'm.reaction' }, { onPage: history.onPage }),
        ));
      if (stopped) return;
      tally.batch(() => {
        for (const q of parsed) foldQuestion(q);
        for (const list of votes) for (const v of list) foldLive(v);
      });
      // Read from history: a later redaction of these may never be fed (recheck.ts).
      history.reads.push([parsed, votes]);
    } catch (error) {
      // Read again when a later state names it.
      roots.delete(root);
      console.error('devroom: could not load the Q&A history', error);
    } finally {
      loaded();
    }
  }

  // --- late joiners: what was read from history is read again now and then -------------

  const history: SnapshotHost = {
    room,
    roots,
    reads: [],
    has: (id) => questionIds.has(id),
    removeQuestion: (id) => {
      if (questionIds.delete(id)) tally.removeQuestion(id);
    },
    removeVote: (id) => void tally.redact(id),
    onPage: () => requests++,
    tally,
    power,
    votes: votesWatch,
    root: () => rootId,
    hasCapability,
    readOnly,
    fold: foldLive,
    latest: 0,
  };
  // An ended talk's queue is read once: what someone reads back needs no re-read.
  const recheckMs = readOnly || context?.recheckMs === 0 ? 0 : Math.max(10_000, context?.recheckMs ?? RECHECK_MS);
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  /** The first round after `recheckMs` (± 25 %); recheck.ts runs the rest. A failed load tries again a round later. */
  const firstRecheck = () => {
    recheckTimer = setTimeout(
      () =>
        void recheckCode().then(
          (m) => stopped || cleanups.push(m.recheckEvery(history, recheckMs)),
          () => stopped || firstRecheck(),
        ),
      recheckMs * (0.75 + Math.random() * 0.5),
    );
  };
  cleanups.push(() => clearTimeout(recheckTimer));

  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));
  /** One read done: when none is left, what arrived meanwhile is folded (the tally ignores duplicates). */
  const loaded = () => {
    if (--loading) return;
    const live = buffered;
    buffered = [];
    tally.batch(() => live.forEach(foldLive));
    if (!stopped) el.loading = false;
    resolveReady();
    if (recheckMs && !recheckTimer) firstRecheck();
    // A moderator's widget, its votes read, keeps the snapshot late joiners start from (vote-snapshot-write.ts).
    if (!stopped && !readOnly && power.can(me, EventTypes.qaVotes, true)) snapshotCode().then((m) => stopped || m.keepSnapshot(history, cleanups), console.warn);
  };

  // --- root: the event questions hang off -------------------------------------------

  const onRoot = () => {
    const event = rootWatch.get(key);
    const content = event?.content;
    // The root is the one source of pre-moderation in a widget.
    tally.preModeration = content?.preModeration === true;
    // Closed by a moderator (requests.ts closeQuestions): read-only for everyone until reopened.
    el.closed = content?.closed === true;
    if (!isEventId(content?.event_id)) return;
    addRoot((rootId = content.event_id));
    // Earlier roots (two moderators opened the Q&A at once), or a state that lacks one we
    // read: requests.ts reads them and repairs the state. Rare, so not in the first load.
    if (content.previous !== undefined || roots.size > 1) {
      loading++;
      requestCode()
        .then((m) => m.moreRoots(room, power, opener, event!, roots, addRoot), console.warn)
        .finally(loaded);
    }
  };
  const addRoot = (id: string) => {
    if (roots.has(id)) return;
    roots.add(id);
    void loadHistory(id);
  };
  cleanups.push(rootWatch.onChange(onRoot));

  // --- moderation, hands, stage -------------------------------------------------------

  // The state as it is: the tally counts only `true`, and a state with a field of the wrong
  // kind never gets here (moderationProblem): it would have cleared the question's moderation.
  const moderate = (e: RoomEvent) => tally.setModeration(e.state_key as string, e.content);
  cleanups.push(
    moderation.onChange((event, key) => {
      if (event && key) moderate(event);
      else moderation.byKey.forEach(moderate);
    }),
  );
  cleanups.push(handWatch.onChange(wantHands), stageWatch.onChange(wantHands));

  // --- our questions not seen in the room yet, kept in this browser (unsent.ts) ---------

  const unsent = store.questions;
  const keep = () => store.unread || saveUnsent(store.key, unsent.values());
  function forget(localId: string): void {
    if (unsent.delete(localId)) keep();
  }
  /** What the code for our questions until the room has them (unsent-questions.ts) needs of this queue. */
  const unsentHost: UnsentHost = {
    room,
    key,
    store,
    keep,
    forget,
    tally,
    ready,
    arrived: (id) => (stopped ? undefined : (byLocalId.get(localKey(me, id)) ?? '')),
    fold: foldQuestion,
    root: ensureRoot,
  };
  /**
   * Runs `then` with that code. If it cannot load (the load logged why), the question shows
   * "Not sent" with Retry, which asks for it again; it is kept in this browser meanwhile.
   */
  const withUnsent = (localId: string, then: (m: Awaited<ReturnType<typeof unsentCode>>) => unknown) =>
    unsentCode().then(then, () => tally.failLocal(localId));
  // Kept by an earlier page: read back, then offered again in the first queue that takes
  // questions once its history is in. If the code cannot load (the load logged why), the next
  // queue bound asks again; until then they stay kept (writes wait).
  if (store.unread && !store.restoring && !readOnly) {
    store.restoring = true;
    unsentCode().then(
      (m) => m.restore(unsentHost, el.maxLength),
      () => (store.restoring = false),
    );
  }

  async function ensureRoot(): Promise<string> {
    // A question asked while the room state is still arriving waits for it: the root may exist.
    if (!rootId) await Promise.all([rootWatch.ready, power.ready]).catch(() => undefined);
    return rootId ?? openQa();
  }

  /** One opening at a time: a moderator's start-up open and their first question share it (else two roots). */
  let opening: Promise<string> | undefined;
  const openQa = () =>
    (opening ??= requestCode()
      // A root that arrived while the code loaded is the one.
      .then((m) => rootId ?? m.openQa(room, power, opener, roots, addRoot))
      .then((id) => (rootId ??= id))
      .finally(() => (opening = undefined)));

  const on = <K extends keyof GlobalEventHandlersEventMap>(name: K, handler: (ev: GlobalEventHandlersEventMap[K]) => void) => {
    el.addEventListener(name, handler as EventListener);
    cleanups.push(() => el.removeEventListener(name, handler as EventListener));
  };

  /** Ours to record (the element keeps no copy of a cancelled ask): pending until the room has it. */
  const ask = ({ localId, text }: QaAsk) => {
    tally.addLocal({ localId, author: me, text, ts: Date.now() });
    // With its queue's key: after a reload in another talk it is checked against, and sent to, its own.
    unsent.set(localId, { id: localId, at: Date.now(), text, key });
    keep();
    // Sent by that code (most viewers never ask), to this queue's root even if the talk switches meanwhile.
    void withUnsent(localId, (m) => m.send(unsentHost, localId, text));
  };
  root.asked?.forEach(ask);
  on('devroom-ask', (ev) => {
    ev.preventDefault();
    ask(ev.detail);
  });
  on('devroom-retry-ask', (ev) => {
    const { localId } = ev.detail;
    // Once per failure (the element asks only for a failed one).
    if (tally.retryLocal(localId)) void withUnsent(localId, (m) => m.retry(unsentHost, ev.detail));
  });
  on('devroom-discard-ask', (ev) => {
    forget(ev.detail.localId);
    tally.removeQuestion(ev.detail.localId);
  });
  // The vote, remembered in this browser (a later start-up from a snapshot knows the viewer's own votes).
  on('devroom-vote', (ev) => void snapshotCode().then((m) => m.vote(history, ev.detail), console.warn));
  for (const suffix of REQUESTS) {
    const name: QaRequest = `devroom-${suffix}`;
    on(name, (ev) => {
      requestCode()
        .then((m) => m.requests[name](room, me, ev.detail as never))
        .catch((error: unknown) => console.warn(`devroom: ${name} not sent`, error));
    });
  }

  // The start-up read is one of the reads live events wait for. A queue without a root reads
  // nothing and shows an empty queue.
  Promise.all([rootWatch.ready, power.ready])
    .then(() => {
      updatePower();
      openIfModerator();
    }, (error: unknown) => console.error('devroom: could not read the room state', error))
    .finally(loaded);

  /**
   * The first moderator who opens the widget opens the Q&A, the room's or the current talk's
   * (docs/schema.md): attendees can ask from then on, whether or not a moderator is still
   * online. (`devroom apply` opens them too.) An ended talk's is never opened.
   */
  function openIfModerator(): void {
    if (rootId || stopped || readOnly || !power.can(me, EventTypes.root, true)) return;
    openQa().catch((error: unknown) => console.warn('devroom: could not open the Q&A', error));
  }

  return {
    ready,
    get startupRequests() {
      return requests;
    },
    stop() {
      stopped = true;
      for (const c of cleanups) c();
      for (const w of [rootWatch, moderation, handWatch, stageWatch, votesWatch]) w.stop();
      power.stop();
    },
  };
}

