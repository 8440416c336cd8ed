import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import type { ScheduledTalk } from '../../components/shared/talk-schedule.js';
import type { Room } from '../room/room.js';
import { EventTypes } from '../schema/namespace.js';
import { qaRootKey } from './question-schema.js';
import { bindQaRoot, unsentStore, type QaAsk } from './root-binding.js';
import type { ScheduleFollower } from './talks.js';
import type { BindContext, Binding } from '../shared/binding.js';
import { StateWatch } from '../shared/room-sync.js';

/**
 * Binds `<devroom-qa-queue>` to a room (docs/schema.md, "Q&A"): one queue at a time, each a
 * binding of its own root (root-binding.ts). Without a schedule, the room's (`qa`). A room with
 * a schedule (`dev.devroom.schedule`) has a queue per talk, `qa:<talk id>`: talks.ts follows the
 * clock and binds the current talk's (before a talk starts, the upcoming one, which takes
 * questions), and at its end stops it and binds the next one's, whose start-up reads only that
 * talk's questions and votes; an earlier talk the viewer picks is bound read-only.
 */

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

export interface QaBinding extends Binding {
  /** Requests made to load history (questions pages + vote pages), by every queue bound so far. */
  readonly startupRequests: number;
}

/** The schedule follower could not load: asked again after this long (the queue says "Loading" meanwhile). */
const RETRY_MS = 5000;

const talksCode = loadOnce('the Q&A schedule', () => import('./talks.js'));

export function bindQaQueue(el: DevroomQaQueue, room: Room, context?: QaBindContext): QaBinding {
  const scheduleWatch = new StateWatch(room, EventTypes.schedule);
  const unsent = unsentStore(room);
  /** The queue bound now, and the requests of those stopped before it. */
  let queue: QaBinding | undefined;
  let requests = 0;
  let schedule: ScheduleFollower | undefined;
  let stopped = false;
  let resolveReady!: () => void;
  const ready = new Promise<void>((resolve) => (resolveReady = resolve));

  el.userId = room.userId;
  el.handsEnabled = true;
  el.loading = true;
  // Asked before a queue is bound (the schedule is still being read): the first queue takes them.
  let asked: QaAsk[] = [];
  const hold = (ev: GlobalEventHandlersEventMap['devroom-ask']) => {
    ev.preventDefault();
    asked.push(ev.detail);
  };
  el.addEventListener('devroom-ask', hold);

  /** Stops the queue bound now, binds a talk's (undefined: the room's); the first one in makes the binding ready. */
  const bind = (talk?: ScheduledTalk, readOnly?: boolean) => {
    if (stopped) return;
    el.removeEventListener('devroom-ask', hold);
    if (queue) {
      requests += queue.startupRequests;
      queue.stop();
    }
    queue = bindQaRoot(el, room, { key: qaRootKey(talk?.id), title: talk?.title ?? context?.options?.title, readOnly, unsent, asked }, context);
    asked = [];
    void queue.ready.then(resolveReady);
  };

  /** The room's queue without a schedule (no wait for the schedule code), else the follower's. */
  const follow = () => {
    if (stopped) return;
    const events = [...scheduleWatch.byKey.values()];
    if (!events.length && !schedule) return queue || bind();
    talksCode().then(
      (m) => stopped || (schedule ??= m.followSchedule(el, bind)).update(events),
      () => setTimeout(follow, RETRY_MS),
    );
  };
  // Loading beside the state read: a room with a schedule then waits for nothing more.
  talksCode().catch(() => undefined);
  // After the first read (and on every change: a new schedule re-arms the talk timer).
  scheduleWatch.onChange(follow);
  scheduleWatch.ready.catch((error: unknown) => {
    console.error('devroom: could not read the room state', error);
    follow();
  });

  return {
    ready,
    get startupRequests() {
      return requests + (queue?.startupRequests ?? 0);
    },
    stop() {
      stopped = true;
      el.removeEventListener('devroom-ask', hold);
      schedule?.stop();
      scheduleWatch.stop();
      queue?.stop();
    },
  };
}
