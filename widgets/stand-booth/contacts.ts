import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import type { IncomingContactRequest, OwnContactRequest } from '../../components/stand-booth/contact.js';
import type { ContactRequestDetail, ContactStatusDetail } from '../../components/stand-booth/stand-events.js';
import { readAllRelations } from '../room/relations.js';
import { RoomError } from '../room/room.js';
import type { Room, RoomEvent } from '../room/room.js';
import { CONTACT_EVENT, CONTACT_STATUS_EVENT, parseContactRequest, parseContactStatus } from './schema.js';
import { referenceTarget } from '../room/relations.js';
import { createRoot, repairRoot } from '../shared/create-root.js';
import { rootIds } from '../schema/root.js';
import { isUserId } from '../schema/validate.js';
import { reject } from '../shared/rejections.js';
import { earlyRedactions, mayRedact } from '../shared/redactions.js';
import type { PowerWatch, RootInfo } from '../shared/room-sync.js';
import { ROOT_PURPOSE } from './capabilities.js';
import { roomErrorText, say } from './binding.i18n.js';

/**
 * The contact-request half of the stand booth binding (docs/schema.md, "Stand"): requests
 * and their statuses relate to the `contacts` root (a status names its request), so one
 * paginated /relations read per root finds both: start-up costs pages of data, not one
 * read per request. A status must name a request read under one of the roots and is
 * trusted only from a sender with power; the latest trusted one wins. The booth binding
 * loads it on demand, once the stand has a contacts root or the user may create one: the
 * stand itself renders without it.
 */

export interface ContactsHost {
  el: DevroomStandBooth;
  room: Room;
  power: PowerWatch;
  /** The current contacts root, as the booth binding watches it. */
  root(): RootInfo | undefined;
  standName(): string | undefined;
  canManage(): boolean;
  mayCreateRoot(): boolean;
  now(): number;
  notify(text: string | undefined): void;
  /** Follows the room's names (the booth binding's, once for the staff list and the requests). */
  followNames(): void;
}

export interface Contacts {
  /** Reads the requests of the roots a root state names (default: the current one) that were not read yet. */
  load(state?: RootInfo): Promise<void>;
  /** Manage permission changed (everyone's statuses are read already: re-renders). */
  manageChanged(manage: boolean): void;
  /** Re-renders the lists (after a permission change). */
  render(): void;
  ensureRoot(): Promise<RootInfo | undefined>;
  send(detail: ContactRequestDetail): Promise<void>;
  setStatus(detail: ContactStatusDetail): void;
  stop(): void;
}

interface FoldedRequest {
  event: RoomEvent;
  localId: string;
  message: string;
  contact?: string;
  /** Status events as read (trust is decided when folding, with current power levels). */
  statuses: { eventId: string; sender: string; status: 'open' | 'answered'; ts: number }[];
}

interface LocalSend {
  detail: ContactRequestDetail;
  status: 'pending' | 'sent' | 'failed';
  error?: string;
  createdAt: number;
}

export function bindContacts(host: ContactsHost): Contacts {
  const { el, room, power, canManage, mayCreateRoot, now, notify } = host;
  const me = room.userId;
  let stopped = false;
  /** Contact requests of the current root by event id, and `sender\nlocalId` → event id. */
  const requests = new Map<string, FoldedRequest>();
  const byLocalId = new Map<string, string>();
  const statusSeen = new Set<string>();
  /**
   * Every valid request read under one of the roots, counted or not (a re-sent copy): its
   * `sender\nlocalId` key and root, so a status can be checked and sent against it.
   */
  const known = new Map<string, { key: string; root: string }>();
  /** Status events read with the history, folded once every root read is in. */
  let readStatuses: RoomEvent[] = [];
  const localSends = new Map<string, LocalSend>();
  /**
   * Every root whose requests count: each root of each state seen (docs/schema.md, "Roots"),
   * never fewer, so no request disappears when two staff members opened the stand at once.
   */
  const roots = new Set<string>();
  /** History reads in flight: live events wait in `buffered` until none is left. */
  let loading = 0;
  let contactsLoaded = false;
  let buffered: RoomEvent[] = [];
  /** Redactions of requests and statuses not seen yet. */
  const early = earlyRedactions((sender, author) => mayRedact(power, sender, author));
  /** The latest status from a sender with the power (by server time; a tie goes to the one read later). */
  function trustedStatus(req: FoldedRequest): 'open' | 'answered' {
    let latest: FoldedRequest['statuses'][number] | undefined;
    for (const s of req.statuses) if (power.can(s.sender, CONTACT_STATUS_EVENT, false) && (!latest || s.ts >= latest.ts)) latest = s;
    return latest?.status ?? 'open';
  }

  function addRequest(event: RoomEvent): void {
    const target = referenceTarget(event) ?? '';
    // Read before (history and live), or not about this stand's contacts: the roots read, and
    // the current one (its state may be newer than our last read).
    if (known.has(event.event_id) || !(roots.has(target) || host.root()?.eventId === target) || early.redacted(event)) return;
    const parsed = parseContactRequest(event.content);
    if (!parsed.ok) return reject(event, parsed.errors.join('; '));
    // Shown to staff as who asked (a hostile server may send anything there).
    if (!isUserId(event.sender)) return reject(event, 'sender: expected a user id');
    const key = `${event.sender}\n${parsed.value.localId}`;
    known.set(event.event_id, { key, root: target });
    // A retry after a timeout may have reached the room twice (or a copy re-sent against a new
    // root): the first one counts, and a status given to either applies to it.
    if (byLocalId.has(key)) return reject(event, `a copy of ${byLocalId.get(key)!}: the first counts`);
    byLocalId.set(key, event.event_id);
    requests.set(event.event_id, { event, ...parsed.value, statuses: [] });
    if (event.sender === me) localSends.delete(parsed.value.localId);
  }

  function addStatus(event: RoomEvent): void {
    if (statusSeen.has(event.event_id) || early.redacted(event)) return;
    const drop = (why: string) => reject(event, why);
    const parsed = parseContactStatus(event.content);
    if (!parsed.ok) return drop(parsed.errors.join('; '));
    const root = referenceTarget(event);
    if (!root || !(roots.has(root) || host.root()?.eventId === root)) return drop('it relates to no contacts root we read');
    const { request, status } = parsed.value;
    const item = known.get(request);
    if (!item) return drop(`it names ${request}, not a contact request under a root we read`);
    // The copy that counts (a re-sent request has two): a status given to either applies to it.
    const req = requests.get(byLocalId.get(item.key) ?? '');
    if (!req) return drop(`its contact request ${request} was redacted`);
    statusSeen.add(event.event_id);
    // Kept (power levels may change), but not counted while the sender lacks the power.
    if (!power.can(event.sender, CONTACT_STATUS_EVENT, false)) drop(`${event.sender} lacks the power level to set it (not counted)`);
    req.statuses.push({ eventId: event.event_id, sender: event.sender, status, ts: event.origin_server_ts });
  }

  /** A redaction counts only from the event's sender or someone with the power (mayRedact). */
  function applyRedaction(redaction: RoomEvent, target: string): void {
    const may = (author: string) => {
      if (mayRedact(power, redaction.sender, author)) return true;
      reject(redaction, `${redaction.sender} may not redact ${author}’s event`);
      return false;
    };
    const req = requests.get(target);
    if (req) {
      if (!may(req.event.sender)) return;
      requests.delete(target);
      byLocalId.delete(`${req.event.sender}\n${req.localId}`);
      return;
    }
    for (const r of requests.values()) {
      const found = r.statuses.find((s) => s.eventId === target);
      if (!found) continue;
      if (may(found.sender)) r.statuses = r.statuses.filter((s) => s !== found);
      return;
    }
    // Not seen (yet): if it comes later, it is rejected then.
    early.add(target, redaction);
  }

  function applyLive(event: RoomEvent): void {
    if (event.type === CONTACT_EVENT) addRequest(event);
    else if (event.type === CONTACT_STATUS_EVENT) addStatus(event);
    else if (event.type === 'm.room.redaction') {
      const target = event.redacts ?? (typeof event.content.redacts === 'string' ? event.content.redacts : undefined);
      if (target) applyRedaction(event, target);
    }
  }

  const unsubscribe = room.subscribe((event) => {
    if (event.type !== CONTACT_EVENT && event.type !== CONTACT_STATUS_EVENT && event.type !== 'm.room.redaction') return;
    if (!contactsLoaded) buffered.push(event);
    else {
      applyLive(event);
      // Once per task, not per event: a burst of n events would otherwise build the lists n times (O(n²)).
      if (renderQueued) return;
      renderQueued = true;
      queueMicrotask(() => {
        renderQueued = false;
        if (!stopped) renderContacts();
      });
    }
  });
  let renderQueued = false;

  async function loadContacts(state = host.root()): Promise<void> {
    const ids = rootIds(state?.content, `${ROOT_PURPOSE} root`);
    const added = ids.filter((id) => !roots.has(id));
    added.forEach((id) => roots.add(id));
    // The state lacks a root we read: add it back (staff) or re-send our own requests (create-root.ts).
    if (ids[0] && [...roots].some((id) => !ids.includes(id))) repair();
    loading++;
    contactsLoaded = false;
    await Promise.all(
      added.map(async (id) => {
        try {
          // No event-type filter: requests and statuses come in one read (fewer pages than two filtered ones).
          const events = await readAllRelations(room, id, { relType: 'm.reference', direction: 'f' });
          for (const event of events) {
            if (event.type === CONTACT_EVENT) addRequest(event);
            // A status may name a request of another root still being read: folded below.
            else if (event.type === CONTACT_STATUS_EVENT) readStatuses.push(event);
          }
        } catch (error) {
          // Read again when a later state names it.
          roots.delete(id);
          console.warn(`devroom: could not read the contact requests of ${id}`, error);
        }
      }),
    );
    if (--loading) return;
    contactsLoaded = true;
    const read = readStatuses;
    readStatuses = [];
    read.forEach(addStatus);
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
    // Staff see who asked, by name: the names are watched once someone may manage.
    if (canManage() && !stopped) host.followNames();
  }

  const repair = () => void repairRoot({ room, purpose: ROOT_PURPOSE, known: roots, mayWrite: mayCreateRoot, itemType: CONTACT_EVENT, localIdKey: 'localId' });

  let creatingRoot: Promise<RootInfo | undefined> | undefined;
  function ensureRoot(): Promise<RootInfo | undefined> {
    const root = host.root();
    if (root) return Promise.resolve(root);
    if (!mayCreateRoot()) return Promise.resolve(undefined);
    // createRoot adopts a root another staff member has just created.
    const name = host.standName() ?? 'this stand';
    creatingRoot ??= createRoot(room, ROOT_PURPOSE, `Contact requests for ${name}: leave yours in the stand widget.`)
      .then((info) => {
        // Ours counts at once, not only from the state's echo (a client may deliver just the
        // latest of two quick state events); an adopted root is read when its state arrives.
        if (info.created) roots.add(info.eventId);
        repair();
        return info;
      })
      .finally(() => (creatingRoot = undefined));
    return creatingRoot;
  }

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
      entry.error = roomErrorText(el, error);
    }
    if (!stopped) renderContacts();
  }

  return {
    load: loadContacts,
    manageChanged() {
      if (contactsLoaded) renderContacts();
    },
    render() {
      if (contactsLoaded) renderContacts();
    },
    ensureRoot,
    send: sendContact,
    setStatus(detail) {
      const rootId = known.get(detail.requestId)?.root;
      if (!canManage() || !requests.has(detail.requestId) || !rootId) return;
      notify(undefined);
      room
        // Against the root the request hangs off: readers of that root find it with the request.
        .sendEvent(CONTACT_STATUS_EVENT, {
          request: detail.requestId,
          status: detail.status,
          'm.relates_to': { rel_type: 'm.reference', event_id: rootId },
        })
        .catch((error: unknown) => notify(say(el, 'markFailed', roomErrorText(el, error))));
    },
    stop() {
      stopped = true;
      unsubscribe();
    },
  };
}
