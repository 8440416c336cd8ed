import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { checkStand } from '../../components/stand-booth/stand.js';
import type { Stand } from '../../components/stand-booth/stand.js';
import type { ContactRequestDetail, ContactStatusDetail, PresenceDetail, StandUpdateDetail } from '../../components/stand-booth/stand-events.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import type { Room, RoomEvent } from '../room/room.js';
import { capabilityCheck } from '../shared/binding.js';
import type { BindContext, Binding } from '../shared/binding.js';
import { ROOT_PURPOSE, standCapabilityNames } from './capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { PRESENCE_MAX_AGE_MS, isPresent } from './presence-schema.js';
import { presenceProblem, rootProblem } from '../schema/state-checks.js';
import { PowerWatch, StateWatch, rootFrom } from '../shared/room-sync.js';
import type { RootInfo } from '../shared/room-sync.js';
import { loadWords, roomErrorText, say } from './binding.i18n.js';
import { loadMemberNames } from '../shared/load-member-names.js';
import type { Contacts } from './contacts.js';
import type * as StaffModule from './staff.js';

// From the namespace, not schema.ts: its validators belong to the lazily loaded parts.
const { stand: STAND_EVENT, standPresence: PRESENCE_EVENT, contactStatus: CONTACT_STATUS_EVENT } = EventTypes;

/**
 * Binds <devroom-stand-booth> to a room (docs/schema.md, "Stand"):
 * - `dev.devroom.stand` state → `stand`; the editor's `devroom-stand-update` → that state;
 * - `dev.devroom.stand.presence` (state key = own user id) → `presence`, staff only, stale
 *   after PRESENCE_MAX_AGE_MS; `devroom-presence` → own key only;
 * - contact requests (contacts.ts) relate to the `contacts` root; that part
 *   loads on demand, once there is a root or the user may create one;
 * - the writes only staff make (stand edits, own presence: staff.ts) load once
 *   the user may make them;
 * - what it tells people (the booth's `notice`, a request's error) is in binding.i18n.ts.
 * The capabilities it checks are declared in capabilities.ts.
 */

export interface StandBindContext extends BindContext {
  /** Turns an `mxc://` URL into a displayable one (blob:/https); undefined = not available. */
  loadMedia?: (mxc: string) => Promise<string | undefined>;
  now?: () => number;
  presenceMaxAgeMs?: number;
}

export interface StandBinding extends Binding {
  /** Re-evaluates what the user may do (after a capability renegotiation). */
  refresh(): void;
}

export function bindStandBooth(el: DevroomStandBooth, room: Room, context: StandBindContext = {}): StandBinding {
  const me = room.userId;
  const has = capabilityCheck(context);
  const now = context.now ?? Date.now;
  const maxAge = context.presenceMaxAgeMs ?? PRESENCE_MAX_AGE_MS;
  const caps = standCapabilityNames(me);
  const cleanups: (() => void)[] = [];
  let stopped = false;
  // "Loading the stand…" until the room has been read: "not set up yet" only when it has no stand.
  el.loading = true;

  // --- subscribe first (watches and the live contact stream), then read -------------
  /**
   * Each stand state as its check read it. Lenient (checkStand): bad links, a bad logo and
   * such are left out and the rest shows; only a stand without a usable name is rejected, and
   * then the last good stand stays. Empty content (removed or redacted) removes the stand.
   */
  const checked = new WeakMap<RoomEvent, Stand>();
  // Made anew for each start-up try (a failed read is never read again): see `ready`.
  let power!: PowerWatch, standWatch!: StateWatch, presenceWatch!: StateWatch, rootWatch!: StateWatch;
  const watches = () => [power, standWatch, presenceWatch, rootWatch];
  const watch = () => {
    power = new PowerWatch(room);
    standWatch = new StateWatch(room, STAND_EVENT, '', (event) => {
      if (!Object.keys(event.content).length) return;
      const result = checkStand(event.content);
      if (!result.ok) return result.errors.map(([path, code]) => `${path || '(content)'}: ${code}`).join('; ');
      checked.set(event, result.stand);
    });
    presenceWatch = new StateWatch(room, PRESENCE_EVENT, undefined, presenceProblem);
    rootWatch = new StateWatch(room, EventTypes.root, ROOT_PURPOSE, rootProblem);
    return Promise.all(watches().map((w) => w.ready));
  };
  let reads = watch();
  reads.catch(() => undefined); // awaited at the start, with the words
  cleanups.push(() => watches().forEach((w) => w.stop()));

  let standContentNow: Record<string, unknown> | undefined;
  let stand: Stand | undefined;
  let root: RootInfo | undefined;
  let contacts: Contacts | undefined;
  let presenceTimer: ReturnType<typeof setTimeout> | undefined;
  cleanups.push(() => clearTimeout(presenceTimer));

  const canEdit = () => has(caps.sendStand) && power.can(me, STAND_EVENT, true);
  const canManage = () => has(caps.sendStatus) && power.can(me, CONTACT_STATUS_EVENT, false);
  const canSendPresence = () => has(caps.sendPresence) && power.can(me, PRESENCE_EVENT, true);
  const mayCreateRoot = () => has(caps.sendRoot) && has(caps.sendNotice) && power.can(me, EventTypes.root, true);
  const isStaff = () => Boolean(stand?.staff.some((m) => m.userId === me));
  // Visitors leave a contact by sending one; staff answer. Neither (a read-only public page):
  // no contact form, and the contacts part is never loaded.
  const usesContacts = () => Boolean(root) && (has(caps.sendContact) || canManage());

  // --- people's names (on demand) ---------------------------------------------------------
  /** The room's names, followed once someone is named: the staff list, staff's contact requests (a failed load: at the next need). */
  let members: Promise<() => void> | undefined;
  const followNames = () => {
    if (members || stopped) return;
    // Bound to a room: until (and unless) its names are read, ids; a name the stand gives shows
    // with the id beside it (the booth's staff list), never as if it were the room's.
    el.names ??= (id) => ({ id, withId: false, text: id });
    members = loadMemberNames().then((m) => m.followNames(room, (names) => (el.names = names)));
    members.catch(() => (members = undefined));
  };
  cleanups.push(() => void members?.then((stop) => stop(), () => undefined));

  // --- stand ---------------------------------------------------------------------------
  function applyStand(): void {
    const event = standWatch.get('');
    if (!event) return;
    // Removed (empty content) or redacted: the stand is gone, not "invalid".
    stand = checked.get(event);
    standContentNow = stand && event.content;
    el.stand = standContentNow ?? null;
    if (stand?.staff.length) followNames();
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

  // --- contacts (on demand) -------------------------------------------------------------
  const notify = (text: string | undefined) => (el.notice = text);

  /** Loads the contacts part once (again after a failed load) and reads the current root's requests. */
  const loadContacts = loadOnce('the contact requests part', async () => {
    const { bindContacts } = await import('./contacts.js');
    if (stopped) return undefined;
    const part = bindContacts({ el, room, power, root: () => root, standName: () => stand?.name, canManage, mayCreateRoot, now, notify, followNames });
    cleanups.push(() => part.stop());
    await part.load();
    contacts = part;
    return part;
  });
  /** For the start-up and root changes: a failure was logged, and the next need loads again. */
  const loadContactsQuietly = () => loadContacts().catch(() => undefined);

  function applyRoot(): void {
    // A root state without a valid event_id was rejected (rootProblem): the last good one stays.
    const next = rootFrom(rootWatch.get(ROOT_PURPOSE));
    // Any new state (also one that only lists more earlier roots): the contacts part reads what is new.
    if (next?.content === root?.content) return;
    root = next;
    applyPermissions();
    // After a load in flight (the part reads only roots not read yet); this state, not a later
    // one: two states in a row (two staff members creating a root at once) both count.
    if (contacts || usesContacts() || mayCreateRoot()) void loadContactsQuietly().then((part) => part?.load(next));
  }

  // --- what the user may do --------------------------------------------------------------
  function applyPermissions(): void {
    el.canEdit = canEdit();
    const manage = canManage();
    if (el.canManage !== manage) {
      el.canManage = manage;
      contacts?.manageChanged(manage);
    }
    // The presence toggle shows for the current user when they are staff: only give the
    // component the user id when they may actually write their presence.
    el.currentUser = canSendPresence() ? me : undefined;
    const staffWrites = el.canEdit || (isStaff() && canSendPresence());
    el.interactive = usesContacts() || mayCreateRoot() || staffWrites;
    if (staffWrites) void loadStaff().catch(() => {}); // preloaded; a request retries the load
    contacts?.render();
  }

  // --- component requests → room ---------------------------------------------------------
  const staffHost = { el, room, now, notify, content: () => standContentNow };
  const loadStaff = loadOnce('the staff writes', (): Promise<typeof StaffModule> => import('./staff.js'));
  /** A request waits for the staff part (never dropped); if it cannot load, the user is told. */
  const staffWrite = (write: (part: typeof StaffModule) => void) =>
    void loadStaff().then(write, (error: unknown) => notify(say(el, 'sendFailed', String(error))));

  const onStandUpdate = (ev: CustomEvent<StandUpdateDetail>) => canEdit() && staffWrite((s) => s.saveStand(staffHost, ev.detail.stand));
  const onPresence = (ev: CustomEvent<PresenceDetail>) => canSendPresence() && staffWrite((s) => s.setPresence(staffHost, ev.detail.present));

  // Only the lazily loaded contact form sends these; the part is loaded (or on its way) by then.
  const onContactRequest = ({ detail }: CustomEvent<ContactRequestDetail>) =>
    void loadContacts().then(
      (c) => c?.send(detail),
      () => {
        // Never lost: the request shows as failed, and its retry loads the part again.
        const others = el.ownRequests.filter((r) => r.localId !== detail.localId);
        el.ownRequests = [...others, { ...detail, status: 'failed', error: say(el, 'connectFailed') }];
      },
    );
  const onContactStatus = (ev: CustomEvent<ContactStatusDetail>) => contacts?.setStatus(ev.detail);

  const listening = new AbortController();
  cleanups.push(() => listening.abort());
  const opts = { signal: listening.signal };
  el.addEventListener('devroom-stand-update', onStandUpdate, opts);
  el.addEventListener('devroom-presence', onPresence, opts);
  el.addEventListener('devroom-contact-request', onContactRequest, opts);
  el.addEventListener('devroom-contact-status', onContactStatus, opts);

  // --- media -------------------------------------------------------------------------------
  const media = new Map<string, string | undefined>();
  if (context.loadMedia) {
    const load = context.loadMedia;
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
    // The words for what may go wrong later (offline, say) come with the start-up reads.
    await loadWords(el).catch(() => undefined);
    /**
     * A start-up read that fails (the client does not answer, or refuses) is tried again, ever
     * less often: meanwhile the booth shows why, and stays "loading" (never "not set up yet",
     * which nobody knows).
     */
    for (let wait = 2000; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        await reads;
        break;
      } catch (error) {
        if (stopped) throw error;
        notify(say(el, 'loadFailed', roomErrorText(el, error)));
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (stopped) throw error;
        watches().forEach((w) => w.stop());
        reads = watch();
      }
    }
    if (el.notice) notify(undefined);
    el.loading = false;
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
        void openForContacts();
      }),
      presenceWatch.onChange(applyPresence),
      rootWatch.onChange(applyRoot),
    );
    applyPermissions();
    root = rootFrom(rootWatch.get(ROOT_PURPOSE));
    // Without a root and without the right to create one there is nothing to show or send.
    if (usesContacts() || mayCreateRoot()) await loadContactsQuietly();
    applyPermissions();
    await openForContacts();
  })();

  /**
   * The first stand staff member with the power opens the booth for contacts (the root), at
   * start-up or as soon as they become staff: staff who list themselves while editing an empty
   * booth must not have to reopen the widget before visitors get a contact form.
   */
  async function openForContacts(): Promise<void> {
    if (root || !isStaff() || !mayCreateRoot()) return;
    const part = await loadContactsQuietly();
    if (!part || stopped || root) return;
    await part.ensureRoot().catch((error: unknown) => console.warn('devroom: could not create the contacts root', error));
  }

  return {
    ready,
    refresh: applyPermissions,
    stop() {
      stopped = true;
      cleanups.splice(0).forEach((fn) => fn());
    },
  };
}
