import { OpenIDRequestState, WidgetDriver } from 'matrix-widget-api';
import type {
  IOpenIDCredentials,
  IOpenIDUpdate,
  IReadEventRelationsResult,
  IRoomEvent,
  ISendEventDetails,
  IWidgetApiErrorResponseDataDetails,
  SimpleObservable,
  Widget,
} from 'matrix-widget-api';
import type { MemoryRoom } from '../room/memory-room.js';
import { RoomError } from '../room/room.js';
import type { RoomEvent } from '../room/room.js';
import { MediaNotFoundError } from './media.js';
import type { MediaStore } from './media.js';

/** Decides which requested capabilities a widget gets (a prompt, a policy, a test stub). */
export type CapabilityApprover = (requested: Set<string>, widget: Widget) => Promise<Set<string>>;

export const approveAll: CapabilityApprover = async (requested) => new Set(requested);
export const denyAll: CapabilityApprover = async () => new Set();

export interface MemoryWidgetDriverOptions {
  approve?: CapabilityApprover;
  /** OpenID: credentials to hand out, or undefined to block (the default, like a user who declines). */
  openId?: (userId: string) => IOpenIDCredentials | undefined | Promise<IOpenIDCredentials | undefined>;
  /** The homeserver's content repository for MSC4039 `download_file`; without one every download is not found. */
  media?: MediaStore;
}

const HTTP_STATUS: Record<string, number> = {
  M_FORBIDDEN: 403,
  M_NOT_FOUND: 404,
  M_LIMIT_EXCEEDED: 429,
  M_INVALID_PARAM: 400,
  M_BAD_JSON: 400,
  M_UNRECOGNIZED: 400,
};

const asWidgetEvent = (e: RoomEvent): IRoomEvent => ({ ...e, unsigned: e.unsigned ?? {} }) as IRoomEvent;

/**
 * A WidgetDriver over a MemoryRoom, acting for one signed-in user — the part of Element
 * (StopGapWidgetDriver) that turns widget requests into homeserver calls.
 */
export class MemoryWidgetDriver extends WidgetDriver {
  constructor(
    readonly room: MemoryRoom,
    readonly userId: string,
    readonly widget: Widget,
    private readonly options: MemoryWidgetDriverOptions = {},
  ) {
    super();
  }

  override validateCapabilities(requested: Set<string>): Promise<Set<string>> {
    return (this.options.approve ?? approveAll)(requested, this.widget);
  }

  override async sendEvent(
    eventType: string,
    content: unknown,
    stateKey: string | null = null,
    roomId: string | null = null,
  ): Promise<ISendEventDetails> {
    this.checkRoom(roomId);
    const view = this.room.as(this.userId);
    const body = (content ?? {}) as Record<string, unknown>;
    let eventId: string;
    if (stateKey !== null) {
      eventId = await view.sendState(eventType, stateKey, body);
    } else if (eventType === 'm.room.redaction') {
      // Like Element: a widget "sends" a redaction; the client calls /redact with content.redacts.
      if (typeof body.redacts !== 'string') throw new RoomError('m.room.redaction needs content.redacts', 'M_BAD_JSON');
      eventId = await view.redact(body.redacts, typeof body.reason === 'string' ? body.reason : undefined);
    } else {
      eventId = await view.sendEvent(eventType, body);
    }
    return { roomId: this.room.roomId, eventId };
  }

  /** Newest first, stopping at `since`, like Element's readRoomTimeline over its loaded timeline. */
  override async readRoomTimeline(
    roomId: string,
    eventType: string,
    msgtype: string | undefined,
    stateKey: string | undefined,
    limit: number,
    since: string | undefined,
  ): Promise<IRoomEvent[]> {
    if (roomId !== this.room.roomId) return [];
    const max = limit > 0 ? limit : Number.MAX_SAFE_INTEGER;
    const out: IRoomEvent[] = [];
    const timeline = this.room.timeline;
    for (let i = timeline.length - 1; i >= 0 && out.length < max; i--) {
      const e = timeline[i]!;
      if (since !== undefined && e.event_id === since) break;
      if (e.type !== eventType) continue;
      if (stateKey !== undefined && e.state_key !== stateKey) continue;
      if (msgtype !== undefined && e.content.msgtype !== msgtype) continue;
      out.push(asWidgetEvent(e));
    }
    return out;
  }

  override async readRoomState(roomId: string, eventType: string, stateKey: string | undefined): Promise<IRoomEvent[]> {
    if (roomId !== this.room.roomId) return [];
    return this.room.getState(eventType, stateKey).map(asWidgetEvent);
  }

  override async readEventRelations(
    eventId: string,
    roomId?: string,
    relationType?: string,
    eventType?: string,
    from?: string,
    _to?: string,
    limit?: number,
    direction?: 'f' | 'b',
  ): Promise<IReadEventRelationsResult> {
    this.checkRoom(roomId ?? null);
    const page = await this.room.as(this.userId).readRelations(eventId, {
      ...(relationType !== undefined ? { relType: relationType } : {}),
      ...(eventType !== undefined ? { eventType } : {}),
      ...(from !== undefined ? { from } : {}),
      ...(limit !== undefined ? { limit } : {}),
      ...(direction !== undefined ? { direction } : {}),
    });
    return { chunk: page.events.map(asWidgetEvent), ...(page.nextBatch ? { nextBatch: page.nextBatch } : {}) };
  }

  override getKnownRooms(): string[] {
    return [this.room.roomId];
  }

  override askOpenID(observer: SimpleObservable<IOpenIDUpdate>): void {
    void Promise.resolve(this.options.openId?.(this.userId)).then(
      (token) => observer.update(token ? { state: OpenIDRequestState.Allowed, token } : { state: OpenIDRequestState.Blocked }),
      () => observer.update({ state: OpenIDRequestState.Blocked }),
    );
  }

  /**
   * MSC4039 `download_file`, as Element's StopGapWidgetDriver does it (the file from the
   * media repository, as a Blob). ClientWidgetApi has already refused widgets without the
   * `org.matrix.msc4039.download_file` capability ("Missing capability").
   */
  override async downloadFile(contentUri: string): Promise<{ file: XMLHttpRequestBodyInit }> {
    if (!this.options.media) throw new RoomError('Not found', 'M_NOT_FOUND');
    return { file: await this.options.media.download(contentUri) };
  }

  /** RoomError → the matrix_api_error a real client reports, so the widget sees the errcode. */
  override processError(error: unknown): IWidgetApiErrorResponseDataDetails | undefined {
    if (!(error instanceof RoomError)) return undefined;
    return {
      matrix_api_error: {
        http_status: HTTP_STATUS[error.code] ?? 500,
        http_headers: {},
        url: error instanceof MediaNotFoundError ? error.url : '',
        response: { errcode: error.code, error: error.message },
      },
    };
  }

  private checkRoom(roomId: string | null): void {
    if (roomId !== null && roomId !== this.room.roomId) throw new RoomError(`Unknown room ${roomId}`, 'M_FORBIDDEN');
  }
}
