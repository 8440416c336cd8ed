import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { parseStand } from '../../components/stand-booth/stand.js';
import type { Stand } from '../../components/stand-booth/stand.js';
import type { IncomingContactRequest, OwnContactRequest } from '../../components/stand-booth/contact.js';
import type { ContactRequestDetail, ContactStatusDetail, PresenceDetail, StandUpdateDetail } from '../../components/stand-booth/stand-events.js';
import { readAllRelations } from '../room/relations.js';
import { RoomError } from '../room/room.js';
import type { Room, RoomEvent } from '../room/room.js';
import { standCapabilityNames } from './stand-booth-capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import {
  CONTACT_EVENT,
  CONTACT_STATUS_EVENT,
  PRESENCE_EVENT,
  PRESENCE_MAX_AGE_MS,
  STAND_EVENT,
  isPresent,
  parseContactRequest,
  parseContactStatus,
  standContent,
} from '../schema/stand.js';
import { PowerWatch, StateWatch, createRoot, mapLimited, referenceTarget, rootFrom } from './room-sync.js';
import type { RootInfo } from './room-sync.js';

/**
 * Binds <devroom-stand-booth> to a room (docs/schema.md, "Stand"):
 * - `dev.devroom.stand` state → `stand`; the editor's `devroom-stand-update` → that state;
 * - `dev.devroom.stand.presence` (state key = own user id) → `presence`, staff only, stale
 *   after PRESENCE_MAX_AGE_MS; `devroom-presence` → own key only;
 * - contact requests relate to the `contacts` root; history only from /relations;
 *   statuses per request (≤ 4 reads in flight), trusted only from senders with power.
 */

const ROOT_PURPOSE = 'contacts';

export interface StandBoothBindingOptions {
  /** The runtime's capability check (default: everything granted, e.g. a MemoryRoom). */
  hasCapability?: (capability: string) => boolean;
  /** Turns an `mxc://` URL into a displayable one (blob:/https); undefined = not available. */
  loadMedia?: (mxc: string) => Promise<string | undefined>;
  now?: () => number;
  presenceMaxAgeMs?: number;
}

export interface StandBoothBinding {
  /** Stand, presence and contact history loaded (the first full render can follow). */
  ready: Promise<void>;
  /** Re-evaluates what the user may do (after a capability renegotiation). */
  refresh(): void;
  stop(): void;
}

interface FoldedRequest {
  event: RoomEvent;
  localId: string;
  message: string;
  contact?: string;
  /** Status events in room order (trust is decided when folding, with current power levels). */
  statuses: { eventId: string; sender: string; status: 'open' | 'answered' }[];
}

interface LocalSend {
  detail: ContactRequestDetail;
  status: 'pending' | 'sent' | 'failed';
  error?: string;
  createdAt: number;
}

/** Short, human reasons for refused requests. */
export function describeRoomError(error: unknown): string {
  const code = error instanceof RoomError ? error.code : undefined;
  switch (code) {
    case 'M_FORBIDDEN':
      return 'not allowed in this room';
    case 'DEVROOM_TIMEOUT':
      return 'the server did not answer in time, try again';
    case 'M_LIMIT_EXCEEDED':
      return 'too many requests, try again in a moment';
    case 'DEVROOM_NOT_OPEN':
      return 'the stand does not take contact requests yet';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

export function bindStandBooth(el: DevroomStandBooth, room: Room, options: StandBoothBindingOptions = {}): StandBoothBinding {
  const me = room.userId;
  const has = options.hasCapability ?? (() => true);
  const now = options.now ?? Date.now;
  const maxAge = options.presenceMaxAgeMs ?? PRESENCE_MAX_AGE_MS;
  const caps = standCapabilityNames(me);
  const cleanups: (() => void)[] = [];
  let stopped = false;

  // --- subscribe first (watches and the live contact stream), then read -------------
  const power = new PowerWatch(room);
  const standWatch = new StateWatch(room, STAND_EVENT, '');
  const presenceWatch = new StateWatch(room, PRESENCE_EVENT);
  const rootWatch = new StateWatch(room, EventTypes.root, ROOT_PURPOSE);
  cleanups.push(() => [power, standWatch, presenceWatch, rootWatch].forEach((w) => w.stop()));

  let standContentNow: Record<string, unknown> | undefined;
  let stand: Stand | undefined;
  let root: RootInfo | undefined;
  /** Contact requests of the current root by event id, and `sender\nlocalId` → event id. */
  const requests = new Map<string, FoldedRequest>();
  const byLocalId = new Map<string, string>();
  const statusSeen = new Set<string>();
  /** Requests whose status history has been read (or that arrived live, so have none). */
  const statusLoaded = new Set<string>();
  const localSends = new Map<string, LocalSend>();
  let contactsLoaded = false;
  let buffered: RoomEvent[] = [];
  let loadGeneration = 0;
  let presenceTimer: ReturnType<typeof setTimeout> | undefined;
  cleanups.push(() => clearTimeout(presenceTimer));

  const canEdit = () => has(caps.sendStand) && power.can(me, STAND_EVENT, true);
  const canManage = () => has(caps.sendStatus) && power.can(me, CONTACT_STATUS_EVENT, false);
  const canSendPresence = () => has(caps.sendPresence) && power.can(me, PRESENCE_EVENT, true);
  const mayCreateRoot = () => has(caps.sendRoot) && has(caps.sendNotice) && power.can(me, EventTypes.root, true);
  const isStaff = () => Boolean(stand?.staff.some((m) => m.userId === me));

  // --- stand ---------------------------------------------------------------------------
  function applyStand(): void {
    const event = standWatch.get('');
    if (!event) return;
    const content = event.content;
    if (Object.keys(content).length === 0) {
      // Removed (empty content) or redacted: the stand is gone, not "invalid".
      standContentNow = undefined;
      stand = undefined;
      el.stand = null;
      return;
    }
    const result = parseStand(content);
    if (!result.ok) {
      console.warn(`devroom: ignored ${STAND_EVENT} ${event.event_id}:`, result.errors.map((e) => `${e.path} ${e.message}`).join('; '));
      return;
    }
    standContentNow = content;
    stand = result.stand;
    el.stand = content;
  }

  // --- presence ------------------------------------------------------------------------
  function applyPresence(): void {
    clearTimeout(presenceTimer);
    const staff = new Set(stand?.staff.map((m) => m.userId));
    const t = now();
    const present: string[] = [];
    let nextExpiry = Infinity;
    for (const [key, event] of presenceWatch.byKey) {
      if (!staff.has(key) || !isPresent(event, t, maxAge)) continue;
      present.push(key);
      nextExpiry = Math.min(nextExpiry, (event.content.since as number) + maxAge);
    }
    el.presence = present;
    // Drop stale presence without waiting for the next room event.
    if (Number.isFinite(nextExpiry)) presenceTimer = setTimeout(applyPresence, Math.min(Math.max(nextExpiry - t, 0) + 50, 2 ** 31 - 1));
  }

  // --- contacts ------------------------------------------------------------------------
  function trustedStatus(req: FoldedRequest): 'open' | 'answered' {
    let status: 'open' | 'answered' = 'open';
    for (const s of req.statuses) if (power.can(s.sender, CONTACT_STATUS_EVENT, false)) status = s.status;
    return status;
  }

  function addRequest(event: RoomEvent): void {
    if (requests.has(event.event_id) || !root || referenceTarget(event) !== root.eventId) return;
    const parsed = parseContactRequest(event.content);
    if (!parsed.ok) {
      console.warn(`devroom: ignored ${CONTACT_EVENT} ${event.event_id}:`, parsed.errors.join('; '));
      return;
    }
    // A retry after a timeout may have reached the room twice: the first one counts.
    const key = `${event.sender}\n${parsed.value.localId}`;
    if (byLocalId.has(key)) return;
    byLocalId.set(key, event.event_id);
    requests.set(event.event_id, { event, ...parsed.value, statuses: [] });
    if (event.sender === me) localSends.delete(parsed.value.localId);
  }

  function addStatus(event: RoomEvent): void {
    if (statusSeen.has(event.event_id)) return;
    const target = referenceTarget(event);
    const req = target ? requests.get(target) : undefined;
    if (!req) return;
    const parsed = parseContactStatus(event.content);
    if (!parsed.ok) {
      console.warn(`devroom: ignored ${CONTACT_STATUS_EVENT} ${event.event_id}:`, parsed.errors.join('; '));
      return;
    }
    statusSeen.add(event.event_id);
    req.statuses.push({ eventId: event.event_id, sender: event.sender, status: parsed.value.status });
  }

  function removeRedacted(eventId: string): void {
    const req = requests.get(eventId);
    if (req) {
      requests.delete(eventId);
      byLocalId.delete(`${req.event.sender}\n${req.localId}`);
      return;
    }
    for (const r of requests.values()) r.statuses = r.statuses.filter((s) => s.eventId !== eventId);
  }

  function applyLive(event: RoomEvent): void {
    if (event.type === CONTACT_EVENT) {
      addRequest(event);
      statusLoaded.add(event.event_id);
    } else if (event.type === CONTACT_STATUS_EVENT) addStatus(event);
    else if (event.type === 'm.room.redaction') {
      const target = event.redacts ?? (typeof event.content.redacts === 'string' ? event.content.redacts : undefined);
      if (target) removeRedacted(target);
    }
  }

  cleanups.push(
    room.subscribe((event) => {
      if (event.type !== CONTACT_EVENT && event.type !== CONTACT_STATUS_EVENT && event.type !== 'm.room.redaction') return;
      if (!contactsLoaded) buffered.push(event);
      else {
        applyLive(event);
        renderContacts();
      }
    }),
  );

  /** Which requests need their status history: all for staff, own ones for visitors. */
  function statusTargets(): FoldedRequest[] {
    const all = [...requests.values()];
    return (canManage() ? all : all.filter((r) => r.event.sender === me)).filter((r) => !statusLoaded.has(r.event.event_id));
  }

  async function loadStatuses(generation: number): Promise<void> {
    const targets = statusTargets();
    targets.forEach((r) => statusLoaded.add(r.event.event_id));
    await mapLimited(targets, 4, async (req) => {
      try {
        const events = await readAllRelations(room, req.event.event_id, { relType: 'm.reference', eventType: CONTACT_STATUS_EVENT, direction: 'f' });
        if (generation === loadGeneration) events.forEach(addStatus);
      } catch (error) {
        statusLoaded.delete(req.event.event_id);
        console.warn(`devroom: could not read the status of ${req.event.event_id}`, error);
      }
    });
  }

  async function loadContacts(): Promise<void> {
    const generation = ++loadGeneration;
    contactsLoaded = false;
    requests.clear();
    byLocalId.clear();
    statusSeen.clear();
    statusLoaded.clear();
    if (root) {
      try {
        const events = await readAllRelations(room, root.eventId, { relType: 'm.reference', eventType: CONTACT_EVENT, direction: 'f' });
        if (generation !== loadGeneration) return;
        events.forEach(addRequest);
        await loadStatuses(generation);
      } catch (error) {
        console.warn('devroom: could not read the contact requests', error);
      }
    }
    if (generation !== loadGeneration) return;
    contactsLoaded = true;
    const pending = buffered;
    buffered = [];
    pending.forEach(applyLive);
    renderContacts();
  }

  function renderContacts(): void {
    const own: OwnContactRequest[] = [];
    const incoming: IncomingContactRequest[] = [];
    for (const req of requests.values()) {
      const status = trustedStatus(req);
      const base = { message: req.message, ...(req.contact ? { contact: req.contact } : {}) };
      if (req.event.sender === me) {
        own.push({ localId: req.localId, ...base, status: status === 'answered' ? 'answered' : 'sent', createdAt: req.event.origin_server_ts });
      }
      incoming.push({ id: req.event.event_id, sender: req.event.sender, ...base, createdAt: req.event.origin_server_ts, status });
    }
    for (const send of localSends.values()) {
      own.push({ ...send.detail, status: send.status, createdAt: send.createdAt, ...(send.error ? { error: send.error } : {}) });
    }
    el.ownRequests = own;
    el.contactRequests = canManage() ? incoming : [];
  }

  // --- root ----------------------------------------------------------------------------
  let creatingRoot: Promise<RootInfo | undefined> | undefined;
  function ensureRoot(): Promise<RootInfo | undefined> {
    if (root) return Promise.resolve(root);
    if (!mayCreateRoot()) return Promise.resolve(undefined);
    creatingRoot ??= (async () => {
      // Another staff member may just have created it.
      const existing = rootFrom((await room.readState(EventTypes.root, ROOT_PURPOSE))[0]);
      if (existing) return existing;
      const name = stand?.name ?? 'this stand';
      return createRoot(room, ROOT_PURPOSE, `Contact requests for ${name}: leave yours in the stand widget.`);
    })().finally(() => (creatingRoot = undefined));
    return creatingRoot;
  }

  function applyRoot(): void {
    const next = rootFrom(rootWatch.get(ROOT_PURPOSE));
    if (next?.eventId === root?.eventId) return;
    if (rootWatch.get(ROOT_PURPOSE) && !next) {
      console.warn(`devroom: ignored ${EventTypes.root} (${ROOT_PURPOSE}) without a valid event_id`);
      if (root) return;
    }
    root = next;
    applyPermissions();
    void loadContacts();
  }

  // --- what the user may do --------------------------------------------------------------
  function applyPermissions(): void {
    el.canEdit = canEdit();
    const manage = canManage();
    if (el.canManage !== manage) {
      el.canManage = manage;
      // Became staff: read the statuses of everyone's requests.
      if (manage && contactsLoaded) void loadStatuses(loadGeneration).then(renderContacts);
    }
    // The presence toggle shows for the current user when they are staff: only give the
    // component the user id when they may actually write their presence.
    el.currentUser = canSendPresence() ? me : undefined;
    el.interactive = Boolean(root) || mayCreateRoot() || el.canEdit || (isStaff() && canSendPresence());
    if (contactsLoaded) renderContacts();
  }

  // --- component requests → room ---------------------------------------------------------
  const notify = (text: string | undefined) => (el.notice = text);

  const onStandUpdate = (ev: CustomEvent<StandUpdateDetail>) => {
    if (!canEdit()) return;
    notify(undefined);
    room.sendState(STAND_EVENT, '', standContent(ev.detail.stand, standContentNow)).catch((error: unknown) => {
      notify(`Could not save the stand: ${describeRoomError(error)}`);
    });
  };

  const onPresence = (ev: CustomEvent<PresenceDetail>) => {
    if (!canSendPresence()) return;
    notify(undefined);
    // Own key only: there is no code path that writes anyone else's presence.
    room.sendState(PRESENCE_EVENT, me, { present: ev.detail.present, since: now() }).catch((error: unknown) => {
      notify(`Could not update your presence: ${describeRoomError(error)}`);
    });
  };

  const onContactRequest = (ev: CustomEvent<ContactRequestDetail>) => void sendContact(ev.detail);

  async function sendContact(detail: ContactRequestDetail): Promise<void> {
    // Already in the room (a send that timed out but arrived): never send it twice.
    if (byLocalId.has(`${me}\n${detail.localId}`)) {
      localSends.delete(detail.localId);
      renderContacts();
      return;
    }
    const previous = localSends.get(detail.localId);
    if (previous?.status === 'pending') return;
    const entry: LocalSend = { detail, status: 'pending', createdAt: previous?.createdAt ?? now() };
    localSends.set(detail.localId, entry);
    renderContacts();
    try {
      const target = await ensureRoot();
      if (!target) throw new RoomError('No contacts root', 'DEVROOM_NOT_OPEN');
      await room.sendEvent(CONTACT_EVENT, {
        localId: detail.localId,
        message: detail.message,
        ...(detail.contact ? { contact: detail.contact } : {}),
        'm.relates_to': { rel_type: 'm.reference', event_id: target.eventId },
      });
      entry.status = 'sent';
    } catch (error) {
      entry.status = 'failed';
      entry.error = describeRoomError(error);
    }
    if (!stopped) renderContacts();
  }

  const onContactStatus = (ev: CustomEvent<ContactStatusDetail>) => {
    if (!canManage() || !requests.has(ev.detail.requestId)) return;
    notify(undefined);
    room
      .sendEvent(CONTACT_STATUS_EVENT, {
        status: ev.detail.status,
        'm.relates_to': { rel_type: 'm.reference', event_id: ev.detail.requestId },
      })
      .catch((error: unknown) => notify(`Could not mark the request: ${describeRoomError(error)}`));
  };

  el.addEventListener('devroom-stand-update', onStandUpdate);
  el.addEventListener('devroom-presence', onPresence);
  el.addEventListener('devroom-contact-request', onContactRequest);
  el.addEventListener('devroom-contact-status', onContactStatus);
  cleanups.push(() => {
    el.removeEventListener('devroom-stand-update', onStandUpdate);
    el.removeEventListener('devroom-presence', onPresence);
    el.removeEventListener('devroom-contact-request', onContactRequest);
    el.removeEventListener('devroom-contact-status', onContactStatus);
  });

  // --- media -------------------------------------------------------------------------------
  const media = new Map<string, string | undefined>();
  if (options.loadMedia) {
    const load = options.loadMedia;
    const resolver = (url: string): string | undefined => {
      if (!media.has(url)) {
        media.set(url, undefined);
        load(url).then(
          (resolved) => {
            if (stopped || !resolved) return;
            media.set(url, resolved);
            // A new function makes the component render again with the resolved URL.
            el.resolveMedia = (u) => resolver(u);
          },
          (error: unknown) => console.warn(`devroom: could not load ${url}`, error),
        );
      }
      return media.get(url);
    };
    el.resolveMedia = resolver;
    cleanups.push(() => {
      for (const url of media.values()) if (url?.startsWith('blob:')) URL.revokeObjectURL(url);
    });
  }

  // --- start -------------------------------------------------------------------------------
  const ready = (async () => {
    await Promise.all([power.ready, standWatch.ready, presenceWatch.ready, rootWatch.ready]);
    applyStand();
    applyPresence();
    cleanups.push(
      power.onChange(() => {
        applyPermissions();
      }),
      standWatch.onChange(() => {
        applyStand();
        applyPresence();
        applyPermissions();
      }),
      presenceWatch.onChange(applyPresence),
      rootWatch.onChange(applyRoot),
    );
    applyPermissions();
    root = rootFrom(rootWatch.get(ROOT_PURPOSE));
    await loadContacts();
    applyPermissions();
    // The first stand staff member to open the widget opens the booth for contacts.
    if (!root && isStaff() && mayCreateRoot()) {
      ensureRoot().catch((error: unknown) => console.warn('devroom: could not create the contacts root', error));
    }
  })();

  return {
    ready,
    refresh: applyPermissions,
    stop() {
      stopped = true;
      cleanups.splice(0).forEach((fn) => fn());
    },
  };
}
