import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { QaTally } from '../../components/qa-queue/tally.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import type { ScheduledTalk } from '../../components/shared/talk-schedule.js';
import { readAllRelations } from '../room/relations.js';
import type { Room, RoomEvent } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId, isRecord, isUserId } from '../schema/validate.js';
import { LOCAL_ID_KEY, NOT_RELATED, parseQuestion, qaRootKey, type QaRootKey } from './question-schema.js';
import { moderationProblem, rootProblem } from '../schema/state-checks.js';
import { normaliseVoteKey } from '../../components/qa-queue/vote-key.js';
import type { HandsState } from './hands.js';
import type { RecheckHost } from './recheck.js';
import type { ScheduleFollower } from './talks.js';
import { capabilityCheck, type BindContext, type Binding } from '../shared/binding.js';
import { mapLimited } from '../shared/map-limited.js';
import { earlyRedactions } from '../shared/redactions.js';
import { reject } from '../shared/rejections.js';
import { PowerWatch, StateWatch, mayRedact } from '../shared/room-sync.js';
import { hasUnsent, saveUnsent, unsentKey } from '../shared/unsent.js';
import type { UnsentQuestion } from './unsent-questions.js';

/**
 * Binds `<devroom-qa-queue>` to a room (docs/schema.md, "Q&A"):
 * questions are m.text messages referencing the Q&A root, votes are 👍 reactions,
 * moderation / hands / stage invites are state. History is read by server-side relation
 * pagination (never the client's timeline); live events keep it current. The binding is the
 * only writer of the tallies it hands down as the element's `model`: the room's questions and
 * votes, `preModeration` from the root, and the viewer's own questions, which it records from
 * the element's request events (it cancels `devroom-ask`, so the element keeps no copy).
 *
 * A room with a schedule (`dev.devroom.schedule`) has a queue per talk, each with its own root
 * (`dev.devroom.root` keyed `qa:<talk id>`): the binding shows the current talk's (`talkAt`:
 * before a talk starts, the upcoming one, which takes questions), reads only that one's
 * questions and votes at start-up, and moves to the next talk's at its end. Earlier talks'
 * queues are read when the viewer picks one, read-only. Without a schedule: the room's `qa` root.
 */

export const VOTE = '👍';

/** The binding contract's context (widgets/shared/binding.ts); `options.title` names the Q&A in the root notice it may send. */
export interface QaBindContext extends BindContext {
  /** Parallel relation reads at startup. */
  concurrency?: number;
  /**
   * How often what was read from history is read again (ms; default 120 000, at least 10 000),
   * so late joiners see votes undone and questions deleted (recheck.ts). 0 = never.
   */
  recheckMs?: number;
}

export const RECHECK_MS = 120_000;

/** The schedule reader could not load: asked again after this long (the queue says "Loading" meanwhile). */
const RETRY_MS = 5000;

/** Element requests (`devroom-` + these) answered by requests.ts, loaded with the first one. */
const REQUESTS = ['moderate', 'raise-hand', 'lower-hand', 'accept-stage', 'decline-stage', 'stage-invite', 'stage-withdraw', 'remove-hand'] as const;
export type QaRequest = `devroom-${(typeof REQUESTS)[number]}`;

export interface QaBinding extends Binding {
  /** Requests made to load history (questions pages + vote pages). */
  readonly startupRequests: number;
}

/** One queue: a talk's (root `qa:<talk id>`), or the room's (`qa`) without a schedule. */
interface Queue {
  key: QaRootKey;
  talk?: ScheduledTalk | undefined;
  tally: QaTally;
  /** The current root: new questions relate to it. */
  rootId?: string;
  /** Every root whose questions count: each root of each state seen, never fewer (nothing asked disappears). */
  roots: Set<string>;
  /** The questions it holds, by id → their author. */
  ids: Map<string, string>;
  /** sender + local id → the first event with it: a retry that reached the server twice counts once. */
  byLocalId: Map<string, string>;
  /** History reads in flight: live events wait for them. */
  loading: number;
  buffered: RoomEvent[];
  /** Its first reads are done (the element stops saying "Loading"). */
  settled?: boolean;
  loaded(): void;
  history: RecheckHost;
  /** One opening at a time: a moderator's start-up open and their first question share it (else two roots). */
  opening?: Promise<string> | undefined;
}

// On-demand parts of the binding, one load each per page (components/shared/lazy-part.ts).
const handsCode = loadOnce('the Q&A hands queue', () => import('./hands.js'));
const requestCode = loadOnce('the Q&A requests', () => import('./requests.js'));
const recheckCode = loadOnce('the Q&A re-read', () => import('./recheck.js'));
const unsentCode = loadOnce('the unsent Q&A questions', () => import('./unsent-questions.js'));
const talksCode = loadOnce('the Q&A schedule', () => import('./talks.js'));

export function bindQaQueue(el: DevroomQaQueue, room: Room, context?: QaBindContext): QaBinding {
  const me = room.userId;
  const hasCapability = capabilityCheck(context);
  /** What requests.ts needs to open a queue: may the viewer, the root's key and its name for the notice (the talk's, else the widget's). */
  const opener = (q: Queue) => {
    const title = q.talk?.title ?? context?.options?.title;
    return { hasCapability, key: q.key, ...(title ? { title } : {}) };
  };
  const power = new PowerWatch(room);
  // A bad state event is rejected and never replaces the last good one (room-sync.ts).
  // Every key: `qa` and each talk's `qa:<id>` (one read, whatever the number of talks).
  const rootWatch = new StateWatch(room, EventTypes.root, undefined, rootProblem);
  const scheduleWatch = new StateWatch(room, EventTypes.schedule);
  const moderation = new StateWatch(room, EventTypes.qaQuestionState, undefined, moderationProblem);
  // Hands and stage invites are judged by the hands code (hands.ts), loaded when wanted.
  const handWatch = new StateWatch(room, EventTypes.qaHand);
  const stageWatch = new StateWatch(room, EventTypes.qaStage);
  const cleanups: (() => void)[] = [];
  /** Queues read so far, by root key: the current talk's, and earlier ones the viewer picked. */
  const queues = new Map<string, Queue>();
  /** The queue new questions go to (the current talk's), and the one on screen (it, or a picked earlier one). */
  let current: Queue | undefined;
  let shown: Queue | undefined;
  /** Live events before the first queue exists (the start-up state read): it folds them. */
  let startBuffer: RoomEvent[] = [];
  let requests = 0;
  let stopped = false;
  /** The binding set `readOnly` for an ended talk (a public reader's own stays). */
  let endedReadOnly = false;

  el.userId = me;
  el.handsEnabled = true;
  el.loading = true;

  const mayModerate = () =>
    power.can(me, EventTypes.qaQuestionState, true) &&
    hasCapability(`org.matrix.msc2762.send.state_event:${EventTypes.qaQuestionState}`);
  // Only a moderator (the queue), a viewer with a hand of their own, or an invited one needs the
  // hands of the room: the code that reads them loads then. Other viewers see just "Raise hand".
  let handsWanted = false;
  /** Hand and stage events to judge, from when the hands code is wanted on (each event in order). */
  const hands: HandsState = { queue: [], hands: new Map(), stages: new Map() };
  const onHands = (watch: StateWatch) => (event: RoomEvent | undefined) => {
    // After the first read a watch names no event: what it read is its state.
    if (handsWanted) hands.queue.push(...(event ? [event] : watch.byKey.values()));
    refreshHands();
  };
  const refreshHands = () => {
    if (!handsWanted && !el.canModerate && !handWatch.byKey.has(me) && !stageWatch.byKey.has(`stage:${me}`)) return;
    // Wanted from now on: the current state first (judged once however often it is queued).
    if (!handsWanted) hands.queue.push(...handWatch.byKey.values(), ...stageWatch.byKey.values());
    handsWanted = true;
    // A failed load is asked again at the next hands change.
    handsCode().then(
      ({ readHands }) => {
        if (stopped) return;
        const read = readHands(hands, localpart);
        el.hands = read.hands;
        el.invites = read.invites;
      },
      () => undefined,
    );
  };
  const updatePower = () => {
    el.canModerate = mayModerate();
    refreshHands();
  };
  cleanups.push(power.onChange(updatePower));

  // --- questions and votes ------------------------------------------------------------

  const localKey = (sender: string, id: string) => `${sender}\u0000${id}`;
  /** Redactions of questions not seen yet (a question redacted before it arrives is rejected when it does). */
  const early = earlyRedactions((sender, author) => mayRedact(power, sender, author));
  const foldQuestion = (q: Queue, event: RoomEvent) => {
    if (q.ids.has(event.event_id)) return;
    const parsed = parseQuestion(event, q.roots);
    // Other messages in the room (another talk's questions too) are simply not this queue's.
    if ((!parsed.ok && parsed.reason === NOT_RELATED) || early.redacted(event)) return;
    if (!parsed.ok) return reject(event, parsed.reason);
    const v = parsed.value;
    if (v.localId) {
      const first = q.byLocalId.get(localKey(v.author, v.localId));
      if (first && first !== v.id) return reject(event, `a copy of ${first}: the first counts`);
      q.byLocalId.set(localKey(v.author, v.localId), v.id);
      // Ours, arrived (also one sent from before a reload, or resent from Element): nothing to keep.
      if (v.author === me) forget(v.localId);
    }
    q.ids.set(v.id, v.author);
    q.tally.addQuestion({ id: v.id, author: v.author, authorName: localpart(v.author), text: v.text, ts: v.ts, ...(v.localId ? { localId: v.localId } : {}) });
  };
  const foldReaction = (q: Queue, event: RoomEvent) => {
    const relates = event.content['m.relates_to'];
    // A reaction to something else is no concern of the queue; another emoji is no vote.
    if (!isRecord(relates) || !q.ids.has(relates.event_id as string)) return;
    const { rel_type: relType, event_id: questionId, key } = relates;
    if (relType !== 'm.annotation' || typeof key !== 'string') return reject(event, 'not an m.annotation with a key');
    if (!normaliseVoteKey(key)) return;
    if (!isUserId(event.sender)) return reject(event, 'bad sender');
    q.tally.addVote({ voteId: event.event_id, questionId: questionId as string, voter: event.sender, key });
  };
  const foldRedaction = (q: Queue, event: RoomEvent) => {
    const target = event.redacts ?? (event.content.redacts as string | undefined);
    if (typeof target !== 'string') return;
    const author = q.ids.get(target);
    const own = author === undefined ? q.tally.voteBy(target, event.sender) : author === event.sender;
    // Neither a question nor a vote the queue holds: if it comes later, it is rejected then.
    if (own === undefined) return early.add(target, event);
    // Its sender's own, or a moderator's (the power to redact others'): anything else the server
    // should not have passed on (room-sync.ts, mayRedact).
    if (!mayRedact(power, event.sender, own ? event.sender : '')) return reject(event, `${event.sender} may not redact it`);
    if (q.ids.delete(target)) q.tally.removeQuestion(target);
    else q.tally.redact(target);
  };
  const foldLive = (q: Queue, event: RoomEvent) => {
    if (event.type === 'm.room.message') foldQuestion(q, event);
    else if (event.type === 'm.reaction') foldReaction(q, event);
    else if (event.type === 'm.room.redaction') foldRedaction(q, event);
  };

  cleanups.push(
    room.subscribe((event) => {
      if (event.state_key !== undefined) return;
      if (!queues.size) startBuffer.push(event);
      for (const q of queues.values()) {
        if (q.loading) q.buffered.push(event);
        else foldLive(q, event);
      }
    }),
  );

  async function loadHistory(q: Queue, root: string): Promise<void> {
    q.loading++;
    try {
      // Oldest first: of two questions with one local id (a retry that reached the room twice)
      // the first counts, for a late joiner as for those who saw both arrive.
      const questions = await readAllRelations(room, root, { relType: 'm.reference', eventType: 'm.room.message', direction: 'f' }, { onPage: () => requests++ });
      const parsed = questions.filter((e) => e.type === 'm.room.message');
      const votes = await mapLimited(parsed, context?.concurrency ?? 4, (e) =>
        readAllRelations(room, e.event_id, { relType: 'm.annotation', eventType: 'm.reaction' }, { onPage: () => requests++ }),
      );
      if (stopped) return;
      q.tally.batch(() => {
        for (const e of parsed) foldQuestion(q, e);
        for (const list of votes) for (const v of list) foldReaction(q, v);
      });
      // Read from history: a later redaction of these may never be fed (recheck.ts).
      q.history.reads.push([parsed, votes]);
    } catch (error) {
      // Read again when a later state names it.
      q.roots.delete(root);
      console.error('devroom: could not load the Q&A history', error);
    } finally {
      q.loaded();
    }
  }

  /** The queue of a talk (the room's without one), made (and its questions read) on first need. */
  function queueFor(talk?: ScheduledTalk): Queue {
    const key = qaRootKey(talk?.id);
    const known = queues.get(key);
    if (known) return known;
    const tally = new QaTally();
    const roots = new Set<string>();
    const q: Queue = {
      key,
      talk,
      tally,
      roots,
      ids: new Map(),
      byLocalId: new Map(),
      loading: 1,
      buffered: startBuffer,
      /** One read done: when none is left, what arrived meanwhile is folded (the tally ignores duplicates). */
      loaded() {
        if (--q.loading) return;
        const live = q.buffered;
        q.buffered = [];
        tally.batch(() => live.forEach((e) => foldLive(q, e)));
        if (!q.settled) {
          q.settled = true;
          if (q === shown) el.loading = false;
          if (q === current) recheckFor(q);
          // The first queue in: the binding is ready.
          resolveReady();
        }
      },
      // Late joiners: what was read from history is read again now and then (recheck.ts).
      history: {
        room,
        roots,
        reads: [],
        has: (id) => q.ids.has(id),
        removeQuestion: (id) => {
          if (q.ids.delete(id)) tally.removeQuestion(id);
        },
        removeVote: (id) => void tally.redact(id),
        onPage: () => requests++,
      },
    };
    startBuffer = [];
    queues.set(key, q);
    for (const e of moderation.byKey.values()) moderate(q, e);
    onRoot(q);
    q.loaded();
    return q;
  }

  // --- late joiners: the current queue's history is read again now and then -------------

  const recheckMs = context?.recheckMs === 0 ? 0 : Math.max(10_000, context?.recheckMs ?? RECHECK_MS);
  let recheckTimer: ReturnType<typeof setTimeout> | undefined;
  let stopRecheck: (() => void) | undefined;
  /** The first round after `recheckMs` (± 25 %); recheck.ts runs the rest. A failed load tries again a round later. */
  const recheckFor = (q: Queue) => {
    clearTimeout(recheckTimer);
    stopRecheck?.();
    stopRecheck = undefined;
    if (!recheckMs) return;
    recheckTimer = setTimeout(
      () =>
        void recheckCode().then(
          (m) => stopped || q !== current || (stopRecheck = m.recheckEvery(q.history, recheckMs)),
          () => stopped || q !== current || recheckFor(q),
        ),
      recheckMs * (0.75 + Math.random() * 0.5),
    );
  };
  cleanups.push(() => {
    clearTimeout(recheckTimer);
    stopRecheck?.();
  });

  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  // --- root: the event a queue's questions hang off --------------------------------------

  const onRoot = (q: Queue) => {
    const event = rootWatch.get(q.key);
    const content = event?.content;
    // The root is the one source of pre-moderation in a widget.
    q.tally.preModeration = content?.preModeration === true;
    if (!isEventId(content?.event_id)) return;
    addRoot(q, (q.rootId = content.event_id));
    // Earlier roots (two moderators opened the Q&A at once), or a state that lacks one we
    // read: requests.ts reads them and repairs the state. Rare, so not in the first load.
    if (content.previous !== undefined || q.roots.size > 1) {
      q.loading++;
      requestCode()
        .then((m) => m.moreRoots(room, power, opener(q), event!, q.roots, (id) => addRoot(q, id)), console.warn)
        .finally(q.loaded);
    }
  };
  const addRoot = (q: Queue, id: string) => {
    if (q.roots.has(id)) return;
    q.roots.add(id);
    void loadHistory(q, id);
  };
  cleanups.push(
    rootWatch.onChange((_, key) => {
      for (const q of queues.values()) if (key === undefined || key === q.key) onRoot(q);
    }),
  );

  // --- which queue is current: the room's, or the current talk's (talks.ts) --------------

  /** Makes a queue the one new questions go to: someone reading an earlier talk stays there, everyone else moves on with the room. */
  const setCurrent = (next: Queue) => {
    if (next === current) return;
    const was = current;
    current = next;
    show(!shown || shown === was ? next : shown);
    if (next.settled) recheckFor(next);
    openIfModerator();
  };
  /** The schedule's follower (talks.ts), from the first schedule seen: it picks the current talk's queue and moves on at its end. */
  let schedule: ScheduleFollower | undefined;
  cleanups.push(() => schedule?.stop());
  // Loading beside the state reads: a room with a schedule then waits for nothing more.
  talksCode().catch(() => undefined);

  /** The current queue now: the room's without a schedule (no wait for the schedule code), else the follower's pick. */
  const follow = () => {
    if (stopped) return;
    const events = [...scheduleWatch.byKey.values()];
    if (!events.length && !schedule) return setCurrent(queueFor());
    talksCode().then(
      (m) => stopped || (schedule ??= m.followSchedule({ el, queueFor, setCurrent, show })).update(events),
      () => setTimeout(follow, RETRY_MS),
    );
  };

  /** Puts a queue on screen: read-only unless it is the current talk's. */
  function show(q: Queue): void {
    shown = q;
    el.model = q.tally;
    el.loading = !q.settled;
    el.talk = q.talk?.id;
    const ended = q !== current;
    // Only the binding's own read-only is undone (a public reader's view stays read-only).
    if (ended && !el.readOnly) el.readOnly = endedReadOnly = true;
    else if (!ended && endedReadOnly) el.readOnly = endedReadOnly = false;
  }

  // --- moderation, hands, stage -------------------------------------------------------

  // The state as it is: the tally counts only `true`, and a state with a field of the wrong
  // kind never gets here (moderationProblem): it would have cleared the question's moderation.
  const moderate = (q: Queue, e: RoomEvent) => q.tally.setModeration(e.state_key as string, e.content);
  cleanups.push(
    moderation.onChange((event, key) => {
      for (const q of queues.values()) {
        if (event && key) moderate(q, event);
        else for (const e of moderation.byKey.values()) moderate(q, e);
      }
    }),
  );
  cleanups.push(handWatch.onChange(onHands(handWatch)), stageWatch.onChange(onHands(stageWatch)));

  // --- requests from the element -------------------------------------------------------

  /** The reason a question shows as "not sent": the server's words, or a QaSendProblem the element words. */
  const failures = (error: unknown) => (error instanceof Error ? error.message : String(error));

  // --- our questions not seen in the room yet, kept in this browser (unsent.ts) ---------

  /** By local id, oldest first: what a reload offers again, and where a retry looks first. */
  const unsent = new Map<string, UnsentQuestion>();
  const storeKey = unsentKey('qa', room);
  /** Questions kept by an earlier page, not read back yet: writes wait (they would replace them). */
  let unread = hasUnsent(storeKey);
  const keep = () => unread || saveUnsent(storeKey, unsent.values());
  function forget(localId: string): void {
    if (unsent.delete(localId)) keep();
  }
  // Kept by an earlier page: read back once the first queue is in, and offered again there (unsent-questions.ts).
  if (unread) {
    ready
      .then(unsentCode)
      .then((m) =>
        m.restore({
          key: storeKey,
          tally: shown!.tally,
          author: me,
          maxLength: el.maxLength,
          unsent,
          ready,
          arrived: (id) => (stopped ? undefined : [...queues.values()].some((k) => k.byLocalId.has(localKey(me, id)))),
          read: () => {
            unread = false;
            keep();
          },
          forget,
        }),
      )
      .catch((error: unknown) => console.warn('devroom: could not read unsent questions', error));
  }

  /** Opens a queue's root (a moderator, or a moderator's first question): one opening at a time per queue. */
  const openQa = (q: Queue) =>
    (q.opening ??= requestCode()
      // A root that arrived while the code loaded is the one.
      .then((m) => q.rootId ?? m.openQa(room, power, opener(q), q.roots, (id) => addRoot(q, id)))
      .then((id) => (q.rootId ??= id))
      .finally(() => (q.opening = undefined)));

  /** The queue a question was asked in: it goes to that talk's root, whatever talk is on by the time it is sent. */
  async function sendQuestion(q: Queue, localId: string, text: string): Promise<void> {
    try {
      const root = q.rootId ?? (await openQa(q));
      const kept = unsent.get(localId);
      if (kept?.root) {
        // A retry: the first send may have arrived although its reply and its echo were lost.
        // Sent again, every Matrix client would show both: look first (requests.ts).
        const found = await (await requestCode()).findQuestion(room, kept.root, localId, kept.at);
        if (found) {
          foldQuestion(q, found);
          return confirm(q, localId, found.event_id);
        }
      } else if (kept) {
        kept.root = root;
        keep();
      }
      const eventId = await room.sendEvent('m.room.message', {
        msgtype: 'm.text',
        body: text,
        'm.relates_to': { rel_type: 'm.reference', event_id: root },
        [LOCAL_ID_KEY]: localId,
      });
      confirm(q, localId, eventId);
    } catch (error) {
      q.tally.failLocal(localId, failures(error));
    }
  }

  const confirm = (q: Queue, localId: string, eventId: string) => {
    forget(localId);
    q.tally.confirmLocal(localId, eventId);
  };

  const on = <K extends keyof GlobalEventHandlersEventMap>(name: K, handler: (ev: GlobalEventHandlersEventMap[K]) => void) => {
    el.addEventListener(name, handler as EventListener);
    cleanups.push(() => el.removeEventListener(name, handler as EventListener));
  };

  on('devroom-ask', (ev) => {
    const { localId, text } = ev.detail;
    // Ours to record (the element keeps no copy of a cancelled ask): pending until the room has
    // it, in the queue on screen when it was asked (before the first, once the state is read).
    ev.preventDefault();
    void (shown ? Promise.resolve(shown) : ready.then(() => shown!)).then((q) => {
      q.tally.addLocal({ localId, author: me, text, ts: Date.now() });
      unsent.set(localId, { id: localId, at: Date.now(), text });
      keep();
      return sendQuestion(q, localId, text);
    });
  });
  on('devroom-retry-ask', (ev) => {
    const { localId, text } = ev.detail;
    // The queue on screen: the only one whose "not sent" the viewer sees.
    const q = shown;
    // Once per failure (the element asks only for a failed one).
    if (!q?.tally.retryLocal(localId)) return;
    // The first send may have reached the server although it timed out here.
    const arrived = q.byLocalId.get(localKey(me, localId));
    if (arrived) confirm(q, localId, arrived);
    else void sendQuestion(q, localId, text);
  });
  on('devroom-discard-ask', (ev) => {
    forget(ev.detail.localId);
    shown?.tally.removeQuestion(ev.detail.localId);
  });
  on('devroom-vote', (ev) => {
    const { questionId, vote } = ev.detail;
    const done = vote
      ? room.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: questionId, key: VOTE } })
      : Promise.all((shown?.tally.voteIdsOf(questionId, me) ?? []).map((id) => room.redact(id)));
    done.catch((error: unknown) => console.warn('devroom: vote not sent', error));
  });
  on('devroom-pick-talk', (ev) => schedule?.pick(ev.detail.talkId));
  for (const suffix of REQUESTS) {
    const name: QaRequest = `devroom-${suffix}`;
    on(name, (ev) => {
      requestCode()
        .then((m) => m.requests[name](room, me, ev.detail as never))
        .catch((error: unknown) => console.warn(`devroom: ${name} not sent`, error));
    });
  }

  // The start-up read: the schedule names the queue to read (a room without a root reads
  // nothing and shows an empty queue). A schedule that changes re-arms the talk timer.
  Promise.all([rootWatch.ready, power.ready, scheduleWatch.ready])
    .then(updatePower, (error: unknown) => console.error('devroom: could not read the room state', error))
    .finally(() => {
      follow();
      cleanups.push(scheduleWatch.onChange(follow));
    });

  /**
   * The first moderator who opens the widget opens the current talk's Q&A (docs/schema.md):
   * attendees can ask from then on, whether or not a moderator is still online. (`devroom
   * apply` opens every scheduled talk's.)
   */
  function openIfModerator(): void {
    const q = current;
    if (!q || q.rootId || stopped || !power.can(me, EventTypes.root, true)) return;
    openQa(q).catch((error: unknown) => console.warn('devroom: could not open the Q&A', error));
  }

  return {
    ready,
    get startupRequests() {
      return requests;
    },
    stop() {
      stopped = true;
      for (const c of cleanups) c();
      for (const w of [rootWatch, scheduleWatch, moderation, handWatch, stageWatch]) w.stop();
      power.stop();
    },
  };
}

/** `@alice:example.org` → `alice`: a name we can show without reading 30,000 member events. */
function localpart(userId: string): string {
  return userId.slice(1).split(':')[0] ?? userId;
}
