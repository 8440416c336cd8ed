import type { DevroomTalkPlayer, StageInvite } from '../../components/talk-player/talk-player.js';
import { checkScriptUrl } from '../../components/shared/safe-url.js';
import { loadOnce } from '../../components/shared/lazy-part.js';
import { RoomError } from '../room/room.js';
import type { Room, RoomEvent } from '../room/room.js';
import { errorMessage } from '../../components/shared/error-message.js';
import { EventTypes } from '../schema/namespace.js';
import { stageKey } from '../qa-queue/stage-schema.js';
import { parseTalkState } from './schema.js';
import { parseRoomSchedule } from '../schema/schedule.js';
import { talkAt } from '../../components/shared/talk-schedule.js';
import type { ScheduledTalk } from '../../components/shared/talk-schedule.js';
import type { TalkState } from './schema.js';
import { SEND_TALK } from './capabilities.js';
import type { Watchable } from '../runtime/watchable.js';
import { PowerWatch, StateWatch } from '../shared/room-sync.js';
import { capabilityCheck } from '../shared/binding.js';
import type { BindContext, Binding } from '../shared/binding.js';
import type * as JwtModule from './jitsi-jwt.js';
import type * as StageAndHost from './stage-and-host.js';

/**
 * Binds `<devroom-talk-player>` to a room (docs/schema.md, "Talk"): the talk comes from
 * the widget URL options overlaid by the room's `dev.devroom.talk` state (a host changing
 * the phase switches every open widget) and, in a room with a `dev.devroom.schedule`, the
 * talk on by the clock (title, speakers, times) and the one after it; it moves to the next
 * talk by itself, with no write. The call is offered to speakers, hosts, an
 * attendee with a stage invite and everyone in hallway mode; host controls write the
 * talk state. Widget URL options (`context.options`): src, captions, poster, title, startsAt,
 * endsAt, qaAt, jitsiDomain, jitsiRoom, jitsiScriptUrl, jitsiAuth (`openidtoken-jwt`).
 *
 * The Jitsi server and the script that runs in the widget come from the widget URL (on a
 * plain page, the element's own attributes), never from the room: the room names the
 * meeting, and the server only where the widget URL pins the script and names no server
 * (docs/security.md, "Script sources").
 */

/** What the talk widget's page gives its binding besides the URL options (`context.options`) and capability check. */
export interface TalkBindContext extends BindContext {
  /** The viewer's name in the call. */
  displayName?: string;
  /** Element's "always on screen" (MSC2931) while the stream plays or the call is on. */
  setAlwaysOnScreen?(value: boolean): Promise<boolean>;
  /** Whether the widget is visible: hidden, the stream stops loading. */
  visible?: Watchable<boolean>;
  /** For Jitsi deployments with Element's `openidtoken-jwt` auth. */
  requestOpenId?(): Promise<{ access_token?: string; matrix_server_name?: string }>;
}

export interface TalkBinding extends Binding {
  /**
   * Problems with the URL options and with reading the room, for logs. Talk states the
   * room got wrong are rejections (rejections.ts): counted, bounded, not here.
   */
  readonly problems: string[];
}

/**
 * Stage invitations and host requests (most viewers have neither: loaded for users with
 * stage/hand state or power, or on a first request), and Element's openidtoken-jwt auth
 * (only widgets whose URL asks for it).
 */
const loadStageAndHost = loadOnce("the talk binding's stage and host part", () => import('./stage-and-host.js'));
const loadJwt = loadOnce('the Jitsi JWT auth', () => import('./jitsi-jwt.js'));

/** The longest wait for the next talk: a timer in a sleeping laptop or a hidden tab fires late. */
const MAX_WAIT_MS = 5 * 60_000;

/**
 * A room's talks: key "" holds the whole list, or, for a long one, nothing and one event per
 * day holds each day's (docs/schema.md). A whole list wins over day events a shorter schedule
 * left behind. Undefined: no schedule, the talk state (or the URL) names the talk.
 */
function scheduledTalks(byKey: ReadonlyMap<string, RoomEvent>, parsed: WeakMap<RoomEvent, ScheduledTalk[]>): ScheduledTalk[] | undefined {
  const lists = [...byKey].map(([key, event]) => [key, parsed.get(event) ?? []] as const).filter(([, talks]) => talks.length);
  const talks = lists.find(([key]) => !key)?.[1] ?? lists.flatMap(([, t]) => t);
  return talks.length ? talks : undefined;
}

/** The widget URL options that configure the talk, named like the talk state except src (stream). */
export const TALK_OPTIONS = ['src', 'title', 'captions', 'poster', 'startsAt', 'endsAt', 'qaAt', 'jitsiDomain', 'jitsiRoom', 'jitsiScriptUrl'];

function talkFromOptions(options: Readonly<Record<string, string>>): { value: Partial<TalkState>; errors: string[] } {
  const content: Record<string, unknown> = {};
  for (const key of TALK_OPTIONS) if (options[key] !== undefined) content[key === 'src' ? 'stream' : key] = options[key];
  const parsed = parseTalkState(content);
  if (parsed.ok) return { value: parsed.value, errors: [] };
  // Keep the valid options: drop each field that has a problem and parse again.
  for (const error of parsed.errors) delete content[error.split(/[.:[]/)[0]!];
  const retry = parseTalkState(content);
  return { value: retry.ok ? retry.value : { speakers: [] }, errors: parsed.errors.map((e) => `widget URL: ${e}`) };
}

export function bindTalkPlayer(el: DevroomTalkPlayer, room: Room, context: TalkBindContext = {}): TalkBinding {
  const options = context.options ?? {};
  const hasCapability = capabilityCheck(context);
  const me = room.userId;
  /** Each talk state as its check parsed it: a bad one is rejected and never replaces the last good one. */
  const parsedTalk = new WeakMap<RoomEvent, TalkState>();
  /**
   * The viewer's stage and hand events in arrival order, until the checks judge them
   * (stage-and-host.ts, loaded with the first of them: most viewers never have one, and
   * the checks stay out of the first load). A bad one is rejected; the last good one counts.
   */
  const unjudged: RoomEvent[] = [];
  /** Event ids queued: each event once, also across the start-up's re-reads (new objects). */
  const queued = new Set<string>();
  const good: StageAndHost.Judged = {};
  const fromUrl = talkFromOptions(options);
  const problems: string[] = [...fromUrl.errors];
  /** Says a problem once (a re-read finds it again). */
  const problem = (text: string) => !problems.includes(text) && problems.push(text);
  /** Each schedule event's talks, bad ones dropped (said once, in `problems`); a schedule that is no list is rejected. */
  const parsedSchedule = new WeakMap<RoomEvent, ScheduledTalk[]>();
  // Made anew for each start-up try (a failed read is never read again): see `watch` and `ready`.
  let power!: PowerWatch, talkWatch!: StateWatch, stageWatch!: StateWatch, handWatch!: StateWatch, scheduleWatch!: StateWatch;
  const watches = () => [power, talkWatch, stageWatch, handWatch, scheduleWatch];
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** The talk on now by the room's schedule (its id keys a host's phase override). */
  let onNow: ScheduledTalk | undefined;
  const script = options.jitsiScriptUrl === undefined ? undefined : checkScriptUrl(options.jitsiScriptUrl);
  if (script && !script.ok) problems.push(`widget URL: jitsiScriptUrl: ${script.reason}`);
  const trusted = { domain: fromUrl.value.jitsiDomain ?? el.jitsiDomain, script: script?.ok ? script.url : el.jitsiScriptUrl };
  /** The server a call uses when the room names `domain`. */
  const server = (domain: string | undefined) => trusted.domain ?? (trusted.script ? domain : undefined);
  const cleanups: (() => void)[] = [];
  let roomTalk: TalkState | undefined;
  let lastTalkEventId: string | undefined;
  let invite: { eventId: string; value: StageInvite } | undefined;
  /** Who invites, by name (the stage part's, from the first invite on). */
  let inviteNames: StageAndHost.InviteNames | undefined;
  const jwtAuth = options.jitsiAuth === 'openidtoken-jwt';
  let stopped = false;
  // Until the JWT auth is here the Jitsi room is unset, so nobody joins without a JWT.
  let jwtHelpers: typeof JwtModule | undefined;
  const withJwt = () =>
    loadJwt().then(
      (m) => {
        if (stopped || jwtHelpers) return;
        jwtHelpers = m;
        if (context.requestOpenId) cleanups.push(m.joinWithJwt(el, room.roomId, context.displayName ?? me, context.requestOpenId));
        apply();
      },
      // Said once by loadOnce; the next change in the room asks again.
      () => {},
    );
  // Until the stage and host part is here no invite shows and nobody is on stage by invite.
  let stageAndHost: typeof StageAndHost | undefined;
  const withStageAndHost = () =>
    loadStageAndHost().then((m) => {
      if (!stageAndHost) {
        stageAndHost = m;
        if (!stopped) apply();
      }
      return m;
    });

  for (const p of problems) console.warn(`devroom: ${p}`);
  if (context.displayName) el.displayName = context.displayName;
  // "Loading the talk…" until the room has been read: "No stream has been set up" only when it has none.
  el.loading = true;

  const apply = () => {
    const talks = scheduledTalks(scheduleWatch.byKey, parsedSchedule);
    const now = Date.now() + (el.clockOffset || 0);
    const at = talks ? talkAt(talks, now) : undefined;
    onNow = at?.current;
    clearTimeout(timer);
    // Upcoming → talk → Q&A is the element's clock; the next talk is ours.
    if (at?.changesAt !== undefined && !stopped) timer = setTimeout(apply, Math.min(at.changesAt - now, MAX_WAIT_MS));
    const t: Partial<TalkState> = { ...fromUrl.value, ...(roomTalk ?? {}) };
    if (onNow) Object.assign(t, { title: onNow.title, speakers: onNow.speakers, startsAt: onNow.startsAt, endsAt: onNow.endsAt, qaAt: onNow.qaAt });
    el.nextTitle = at?.next?.title;
    el.nextAt = at?.next?.startsAt;
    el.src = t.stream;
    el.poster = t.poster;
    el.captions = t.captions;
    el.talkTitle = t.title;
    el.startsAt = t.startsAt;
    el.endsAt = t.endsAt;
    el.qaAt = t.qaAt;
    // With a schedule, a host's override holds for the talk it was set in, not the next one.
    el.phase = !talks || t.phaseTalk === onNow?.id ? t.phase : undefined;
    el.jitsiDomain = server(t.jitsiDomain);
    // With Element's openidtoken-jwt auth the Jitsi room must be the Matrix room, base32.
    // (Unset until that code has loaded: the call is offered a moment later.)
    el.jitsiRoom = jwtAuth ? jwtHelpers?.jitsiRoomForMatrixRoom(room.roomId) : t.jitsiRoom;
    el.jitsiScriptUrl = trusted.script;
    el.hallway = t.hallway === true;

    const speaker = (t.speakers ?? []).some((s) => s.userId === me);
    const host = power.can(me, EventTypes.talk, true);
    if (jwtAuth && !jwtHelpers) void withJwt();
    // A failure is said once by loadOnce; the next change in the room asks again.
    if (!stageAndHost && (host || unjudged.length)) withStageAndHost().catch(() => {});
    stageAndHost?.judge(unjudged, good);
    // An accepted stage invite ends with its talk (asked again at each phase change).
    stageAndHost?.endStage(room, el, good, talkWatch.get(''), talks, now);
    const stageEvent = good.stage;
    const offer = stageAndHost?.stageOffer(stageEvent, good.hand);
    el.canHost = host && hasCapability(SEND_TALK);
    el.callAllowed = speaker || host || offer?.accepted === true || el.hallway;
    // Speakers and hosts go on stage by themselves when Q&A starts; others are offered it.
    el.autoJoin = speaker || host;
    if (!offer?.pending) el.stageInvite = null;
    else if (invite?.eventId !== stageEvent?.event_id) {
      // A new object only for a new invite: the player remembers a dismissed one by identity.
      if (!inviteNames || inviteNames.failed) inviteNames = new stageAndHost!.InviteNames(room, el);
      invite = { eventId: stageEvent!.event_id, value: inviteNames.invite(offer.byId) };
      el.stageInvite = invite.value;
    }
  };

  /** Follows the talk, the schedule, the viewer's stage and hand, and the power levels: subscribed, then read. */
  const watch = () => {
    power = new PowerWatch(room);
    talkWatch = new StateWatch(room, EventTypes.talk, '', (event) => {
      const parsed = parseTalkState(event.content);
      if (!parsed.ok) return parsed.errors.join('; ');
      parsedTalk.set(event, parsed.value);
    });
    stageWatch = new StateWatch(room, EventTypes.qaStage, stageKey(me));
    handWatch = new StateWatch(room, EventTypes.qaHand, me);
    scheduleWatch = new StateWatch(room, EventTypes.schedule, undefined, (event) => {
      const parsed = parseRoomSchedule(event.content);
      if ('error' in parsed) return parsed.error;
      for (const why of parsed.dropped) problem(`schedule ${event.event_id}: talk left out: ${why}`);
      parsedSchedule.set(event, parsed.talks);
    });
    // A watch's stop() drops these listeners with it.
    talkWatch.onChange(() => {
      const event = talkWatch.get('');
      if (event && event.event_id !== lastTalkEventId) {
        lastTalkEventId = event.event_id;
        roomTalk = parsedTalk.get(event);
        // Logged, not refused: the rest of the talk state counts.
        const domain = roomTalk?.jitsiDomain;
        if (event.content.jitsiScriptUrl !== undefined || (domain && server(domain) !== domain)) {
          console.warn(`devroom: talk state ${event.event_id}: Jitsi script/server ignored (the widget URL's count)`);
        }
      }
      apply();
    });
    scheduleWatch.onChange(apply);
    for (const w of [stageWatch, handWatch]) {
      w.onChange((event) => {
        // Each event once (after the first read, the watch names none: its current one).
        const e = event ?? w.get(w.stateKey);
        if (e && !queued.has(e.event_id)) {
          queued.add(e.event_id);
          unjudged.push(e);
        }
        apply();
      });
    }
    power.onChange(apply);
    return Promise.all(watches().map((w) => w.ready));
  };
  let reads = watch();
  reads.catch(() => undefined); // awaited in `ready`

  const on = <K extends keyof GlobalEventHandlersEventMap>(name: K, handler: (ev: GlobalEventHandlersEventMap[K]) => void) => {
    el.addEventListener(name, handler as EventListener);
    cleanups.push(() => el.removeEventListener(name, handler as EventListener));
  };

  const requests: StageAndHost.RequestContext = {
    room,
    talkContent: () => (roomTalk ? (talkWatch.get('')?.content ?? {}) : { ...fromUrl.value }),
    currentTalk: () => onNow?.id,
  };
  for (const name of ['devroom-phase-request', 'devroom-hallway-request', 'devroom-accept-stage', 'devroom-decline-stage'] as const) {
    on(name, (ev) => void withStageAndHost().then((m) => m.onRequest(requests, ev), (error: unknown) => console.warn('devroom: request not sent', error)));
  }
  on('devroom-phase-change', apply);
  on('devroom-activity', (ev) => void context.setAlwaysOnScreen?.(ev.detail.active));

  // Hidden in Element (e.g. another right-panel tab): stop loading the stream.
  if (context.visible) {
    cleanups.push(
      context.visible.subscribe((visible) => {
        if (el.inCall) return;
        if (visible) el.playback?.resume();
        else el.playback?.suspend();
      }),
    );
  }

  apply();
  /**
   * A start-up read that fails (the client does not answer, or refuses) is tried again, ever
   * less often (2 s, 4 s, … at most every 30 s): meanwhile the player stays "loading" and says
   * why, never the widget URL's talk ("No stream has been set up"), which the room may change.
   */
  const ready = (async () => {
    for (let wait = 2000; ; wait = Math.min(wait * 2, 30_000)) {
      try {
        await reads;
        break;
      } catch (error) {
        if (stopped) return;
        problem(`could not read the room: ${String(error)}`);
        console.warn('devroom: could not read the talk state, trying again', error);
        el.readError = { code: error instanceof RoomError ? error.code : undefined, message: errorMessage(error) };
        await new Promise((resolve) => setTimeout(resolve, wait));
        if (stopped) return;
        for (const w of watches()) w.stop();
        reads = watch();
      }
    }
    if (stopped) return;
    el.readError = undefined;
    el.loading = false;
    apply();
  })();

  return {
    ready,
    problems,
    stop() {
      stopped = true;
      clearTimeout(timer);
      for (const c of cleanups) c();
      for (const w of watches()) w.stop();
      inviteNames?.stop();
    },
  };
}
