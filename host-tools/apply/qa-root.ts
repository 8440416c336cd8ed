/**
 * `apply` opens the Q&A of every room it gives a Q&A widget (issue #13): the room gets its
 * Q&A root (docs/schema.md, "Roots") right away, so attendees can ask as soon as the widget
 * is in the room, whether or not a moderator ever opens it. A room with a schedule
 * (`dev.devroom.schedule`) gets a root per talk (`qa:<talk id>`, issue #16), all at once: the
 * widget moves from talk to talk by the clock, with no apply in between. The writing is the
 * widgets' own `createRoot` over the client-server API: the same notice content, and the same
 * rule that a root someone set meanwhile (a moderator's widget) is adopted, never replaced.
 */
import { orderTalks } from '../../components/shared/talk-schedule.js';
import { qaRootKey, type QaRootKey } from '../../widgets/qa-queue/question-schema.js';
import { createRoot } from '../../widgets/shared/create-root.js';
import type { RelationsPage, Room, RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { rootIds } from '../../widgets/schema/root.js';
import { parseRoomSchedule } from '../../widgets/schema/schedule.js';
import type { MatrixClient } from './matrix-client.js';
import type { PlannedRoom } from './plan.js';

/**
 * The Q&A widget's root notice (widgets/qa-queue/requests.ts, `openQa`), word for
 * word; the bindings do not export it, so test/node/widget-qa-root.ts holds the two together.
 */
export const qaRootNotice = (title?: string): string => `💬 Q&A${title ? ` — ${title}` : ''}: ask and vote in the devroom Q&A widget (or react 👍 to a question).`;

/** One Q&A to open: its root's state key (`qa`, or `qa:<talk id>`) and the notice it points at. */
export interface QaOpening {
  key: QaRootKey;
  notice: string;
}

/**
 * The Q&As of this room to open, or none: no Q&A widget, or a root readers can use already
 * (a root state without a valid `event_id` is no root to them, so it does not count here
 * either). A room whose planned state has a schedule: one per talk, worded with the talk's
 * title, as a moderator's widget words it at that talk; without one, the room's `qa`, worded
 * with the widget's own title.
 */
export function qaRootsToOpen(room: PlannedRoom, state: readonly { type: string; state_key: string; content: unknown }[]): QaOpening[] {
  const widget = room.widgets.find((w) => w.kind === 'qa-queue');
  if (!widget) return [];
  // The talks as the widget reads them from the schedule apply writes (every event: "" or per day).
  const talks = orderTalks(
    room.state.flatMap((e) => {
      const read = e.type === EventTypes.schedule ? parseRoomSchedule(e.content) : { error: '' };
      return 'error' in read ? [] : read.talks;
    }),
  );
  const wanted: QaOpening[] = talks.length
    ? talks.map((t) => ({ key: qaRootKey(t.id), notice: qaRootNotice(t.title) }))
    : [{ key: qaRootKey(), notice: qaRootNotice(widget.content.data.title) }];
  return wanted.filter(({ key }) => {
    const current = state.find((e) => e.type === EventTypes.root && e.state_key === key);
    return !(current && rootIds(current.content, `${room.room}: ${EventTypes.root} ${key}`).length);
  });
}

/** The dry run's lines for opening a Q&A: the two writes it makes. */
export const describeQaOpening = ({ key, notice }: QaOpening): string =>
  `  + m.room.message m.notice ${JSON.stringify(notice)} (opens the Q&A)\n  + ${EventTypes.root} ${key} (points at that notice)`;

/** `notice`: the notice reached the server; `root`: so did the root state pointing at it. */
export type QaWrite = 'notice' | 'root';

/**
 * Sends the notice, reads the root state again, then writes it unless a root appeared
 * meanwhile: `opened`, or `kept` (our notice stays unused, as when two widgets race). Call it
 * only for a room whose state, as just read, has no usable root. `onWrite` hears each write the
 * server confirmed; an interruption or error comes out as the client's own error.
 */
export async function openQaRoot(client: MatrixClient, roomId: string, userId: string, { key, notice }: QaOpening, onWrite: (write: QaWrite) => void): Promise<'opened' | 'kept'> {
  const root = await createRoot(new ApplyRoom(client, roomId, userId, key, onWrite), key, notice);
  return root.created ? 'opened' : 'kept';
}

/**
 * The three calls `createRoot` makes, over apply's client. Its first read of the root, before
 * the notice, is the state apply has just read (no root: why we are here); the second, right
 * before the root state is written, asks the server. Nothing else of a `Room` is needed here.
 */
class ApplyRoom implements Room {
  private answeredFromApply = false;

  constructor(
    private readonly client: MatrixClient,
    readonly roomId: string,
    readonly userId: string,
    private readonly key: QaRootKey,
    private readonly onWrite: (write: QaWrite) => void,
  ) {}

  async readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    if (type !== EventTypes.root || stateKey !== this.key) throw new Error(`apply reads no ${type} here`);
    if (!this.answeredFromApply) {
      this.answeredFromApply = true;
      return [];
    }
    const content = await this.client.getStateEvent(this.roomId, type, stateKey);
    // The single-event read gives the content only: createRoot uses nothing else (the id labels a warning).
    return content ? [{ event_id: '', room_id: this.roomId, type, state_key: stateKey, sender: '', origin_server_ts: 0, content }] : [];
  }

  async sendEvent(type: string, content: Record<string, unknown>): Promise<string> {
    const { event_id } = await this.client.sendEvent(this.roomId, type, content);
    this.onWrite('notice');
    return event_id;
  }

  async sendState(type: string, stateKey: string, content: Record<string, unknown>): Promise<string> {
    const { event_id } = await this.client.putState(this.roomId, type, stateKey, content);
    this.onWrite('root');
    return event_id;
  }

  readRelations(): Promise<RelationsPage> {
    return Promise.reject(new Error('apply reads no relations'));
  }

  redact(): Promise<string> {
    return Promise.reject(new Error('apply redacts nothing'));
  }

  subscribe(): () => void {
    throw new Error('apply follows no room');
  }
}
