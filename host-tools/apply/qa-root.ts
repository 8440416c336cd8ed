/**
 * `apply` opens the Q&A of every room it gives a Q&A widget (issue #13): the room gets its
 * Q&A root (docs/schema.md, "Roots") right away, so attendees can ask as soon as the widget
 * is in the room, whether or not a moderator ever opens it. The writing is the widgets' own
 * `createRoot` over the client-server API: the same notice content, and the same rule that a
 * root someone set meanwhile (a moderator's widget) is adopted, never replaced.
 */
import { createRoot } from '../../widgets/shared/create-root.js';
import type { RelationsPage, Room, RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { rootIds } from '../../widgets/schema/root.js';
import type { MatrixClient } from './matrix-client.js';
import type { PlannedRoom } from './plan.js';

const PURPOSE = 'qa';

/**
 * The Q&A widget's root notice (widgets/qa-queue/requests.ts, `openQa`), word for
 * word; the bindings do not export it, so test/node/widget-qa-root.ts holds the two together.
 */
export const qaRootNotice = (title?: string): string => `💬 Q&A${title ? ` — ${title}` : ''}: ask and vote in the devroom Q&A widget (or react 👍 to a question).`;

/**
 * The notice that opens this room's Q&A, or undefined when there is nothing to open: no Q&A
 * widget, or a root readers can use already (a root state without a valid `event_id` is no
 * root to them, so it does not count here either). Worded with the widget's own title, as that
 * widget would word it.
 */
export function qaNoticeToSend(room: PlannedRoom, state: readonly { type: string; state_key: string; content: unknown }[]): string | undefined {
  const widget = room.widgets.find((w) => w.kind === 'qa-queue');
  if (!widget) return undefined;
  const current = state.find((e) => e.type === EventTypes.root && e.state_key === PURPOSE);
  if (current && rootIds(current.content, `${room.room}: ${EventTypes.root} ${PURPOSE}`).length) return undefined;
  return qaRootNotice(widget.content.data.title);
}

/** The dry run's lines for opening the Q&A: the two writes it makes. */
export const describeQaOpening = (notice: string): string => `  + m.room.message m.notice ${JSON.stringify(notice)} (opens the Q&A)\n  + ${EventTypes.root} ${PURPOSE} (points at that notice)`;

/** `notice`: the notice reached the server; `root`: so did the root state pointing at it. */
export type QaWrite = 'notice' | 'root';

/**
 * Sends the notice, reads the root state again, then writes it unless a root appeared
 * meanwhile: `opened`, or `kept` (our notice stays unused, as when two widgets race). Call it
 * only for a room whose state, as just read, has no usable root. `onWrite` hears each write the
 * server confirmed; an interruption or error comes out as the client's own error.
 */
export async function openQaRoot(client: MatrixClient, roomId: string, userId: string, notice: string, onWrite: (write: QaWrite) => void): Promise<'opened' | 'kept'> {
  const root = await createRoot(new ApplyRoom(client, roomId, userId, onWrite), PURPOSE, notice);
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
    private readonly onWrite: (write: QaWrite) => void,
  ) {}

  async readState(type: string, stateKey?: string): Promise<RoomEvent[]> {
    if (type !== EventTypes.root || stateKey !== PURPOSE) throw new Error(`apply reads no ${type} here`);
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
