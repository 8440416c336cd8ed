/**
 * The part of Element Web that turns widget requests into homeserver calls
 * (element-web's StopGapWidgetDriver), over matrix-js-sdk, with the rules that bite widgets:
 * - room state is read from the client's live timeline state (full room state);
 * - the timeline is only what the client holds in memory (newest first);
 * - relations go to the server's `/relations` through `client.relations()`, which also
 *   fetches the parent event (two requests per read);
 * - a widget's redaction is a `/redact` call;
 * - Matrix errors reach the widget as `matrix_api_error` (errcode and HTTP status).
 */
import { Direction, MatrixError } from 'matrix-js-sdk';
import type { MatrixClient, MatrixEvent } from 'matrix-js-sdk';
import { OpenIDRequestState, WidgetDriver } from 'matrix-widget-api';
import type {
  IOpenIDUpdate,
  IReadEventRelationsResult,
  IRoomEvent,
  ISendEventDetails,
  IWidgetApiErrorResponseDataDetails,
  SimpleObservable,
  Widget,
} from 'matrix-widget-api';
import type { CapabilityApprover } from '../../widgets/testing/driver.js';

const raw = (e: MatrixEvent): IRoomEvent => e.getEffectiveEvent() as unknown as IRoomEvent;

export class ElementWidgetDriver extends WidgetDriver {
  constructor(
    private readonly client: MatrixClient,
    private readonly roomId: string,
    private readonly widget: Widget,
    private readonly approve: CapabilityApprover,
  ) {
    super();
  }

  override validateCapabilities(requested: Set<string>): Promise<Set<string>> {
    return this.approve(requested, this.widget);
  }

  override async sendEvent(eventType: string, content: unknown, stateKey: string | null = null, targetRoomId: string | null = null): Promise<ISendEventDetails> {
    const roomId = targetRoomId ?? this.roomId;
    const body = (content ?? {}) as Record<string, unknown>;
    // matrix-js-sdk's typed send methods take any event type at run time.
    const client = this.client as unknown as {
      sendStateEvent(roomId: string, type: string, content: unknown, stateKey: string): Promise<{ event_id: string }>;
      sendEvent(roomId: string, type: string, content: unknown): Promise<{ event_id: string }>;
    };
    let eventId: string;
    if (stateKey !== null) {
      eventId = (await client.sendStateEvent(roomId, eventType, body, stateKey)).event_id;
    } else if (eventType === 'm.room.redaction') {
      // Element: a widget "sends" a redaction; the client calls /redact with content.redacts.
      eventId = (await this.client.redactEvent(roomId, String(body.redacts))).event_id;
    } else {
      eventId = (await client.sendEvent(roomId, eventType, body)).event_id;
    }
    return { roomId, eventId };
  }

  override async readRoomTimeline(
    roomId: string,
    eventType: string,
    msgtype: string | undefined,
    stateKey: string | undefined,
    limit: number,
    since: string | undefined,
  ): Promise<IRoomEvent[]> {
    const max = limit > 0 ? limit : Number.MAX_SAFE_INTEGER;
    const room = this.client.getRoom(roomId);
    if (!room) return [];
    const out: MatrixEvent[] = [];
    const events = room.getLiveTimeline().getEvents();
    for (let i = events.length - 1; i >= 0 && out.length < max; i--) {
      const ev = events[i]!;
      if (since !== undefined && ev.getId() === since) break;
      if (ev.getType() !== eventType || ev.isState()) continue;
      if (eventType === 'm.room.message' && msgtype && msgtype !== ev.getContent().msgtype) continue;
      if (ev.getStateKey() !== undefined && stateKey !== undefined && ev.getStateKey() !== stateKey) continue;
      out.push(ev);
    }
    return out.map(raw);
  }

  override async readRoomState(roomId: string, eventType: string, stateKey: string | undefined): Promise<IRoomEvent[]> {
    const state = this.client.getRoom(roomId)?.getLiveTimeline().getState(Direction.Forward);
    if (!state) return [];
    if (stateKey === undefined) return state.getStateEvents(eventType).map(raw);
    const event = state.getStateEvents(eventType, stateKey);
    return event ? [raw(event)] : [];
  }

  override async readEventRelations(
    eventId: string,
    roomId?: string,
    relationType?: string,
    eventType?: string,
    from?: string,
    to?: string,
    limit?: number,
    direction?: 'f' | 'b',
  ): Promise<IReadEventRelationsResult> {
    const { events, nextBatch, prevBatch } = await this.client.relations(roomId ?? this.roomId, eventId, relationType ?? null, eventType ?? null, {
      ...(from !== undefined ? { from } : {}),
      ...(to !== undefined ? { to } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(direction !== undefined ? { dir: direction as Direction } : {}),
    });
    return { chunk: events.map(raw), ...(nextBatch ? { nextBatch } : {}), ...(prevBatch ? { prevBatch } : {}) };
  }

  /** MSC4039: the file through the client's (authenticated) media download, as a Blob. */
  override async downloadFile(contentUri: string): Promise<{ file: XMLHttpRequestBodyInit }> {
    const url = this.client.mxcUrlToHttp(contentUri, undefined, undefined, undefined, false, true, true);
    if (!url) throw new Error(`not an mxc:// URI: ${contentUri}`);
    const response = await fetch(url, { headers: { Authorization: `Bearer ${this.client.getAccessToken()}` } });
    if (!response.ok) throw new MatrixError(await response.json().catch(() => ({})), response.status, url);
    return { file: await response.blob() };
  }

  override askOpenID(observer: SimpleObservable<IOpenIDUpdate>): void {
    observer.update({ state: OpenIDRequestState.Blocked });
  }

  override getKnownRooms(): string[] {
    return this.client.getVisibleRooms().map((r) => r.roomId);
  }

  override processError(error: unknown): IWidgetApiErrorResponseDataDetails | undefined {
    return error instanceof MatrixError ? { matrix_api_error: error.asWidgetApiErrorData() } : undefined;
  }
}
