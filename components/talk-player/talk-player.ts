import { LitElement, html, nothing } from 'lit';
import type { PersonName } from '../shared/person-name.js';
import type { PropertyValues, TemplateResult } from 'lit';
import { ifDefined } from 'lit/directives/if-defined.js';
import type { HlsConfig } from 'hls.js';
import { themeTokens } from '../shared/theme.js';
import { controlStyles } from '../shared/controls.styles.js';
import { LazyPart, partsSettled } from '../shared/lazy-part.js';
import { LocaleController, ensureLocale } from '../shared/i18n.js';
import type { Dictionary } from '../shared/i18n.js';
import { emit } from '../shared/events.js';
import { checkScriptUrl, checkUrl } from '../shared/safe-url.js';
import { LazyJitsiSession } from '../jitsi/lazy-session.js';
import type { JitsiLeaveReason } from '../jitsi/jitsi-session.js';
import { talkPlayerStyles } from './talk-player.styles.js';
import { translations } from './talk-player.i18n.js';
import type { TalkPlayerKey } from './talk-player.i18n.js';
import { PhaseClock } from './phase-clock.js';
import { formatCountdown, isTalkPhase, parseTime } from './phases.js';
import type { PhaseState, TalkPhase } from './phases.js';
import { DEFAULT_POLICY } from './playback-policy.js';
import type { PlaybackPolicy } from './playback-policy.js';
import type { PlaybackController, PlaybackStatus } from './playback.js';
import type * as Playback from './playback.js';
import type * as StageControls from './stage-controls.js';

export type CallLeaveReason = JitsiLeaveReason | 'user' | 'phase';

export interface JoinCallDetail {
  domain: string;
  room: string;
  /** True when the player joined by itself (autoJoin / accepted invite), false for a click. */
  auto: boolean;
}
export interface LeaveCallDetail {
  reason: CallLeaveReason;
  error?: string;
}
export interface PhaseRequestDetail {
  /** null: drop the override and follow the schedule. */
  phase: TalkPhase | null;
}
export interface PhaseChangeDetail {
  phase: TalkPhase;
  previous: TalkPhase;
  source: PhaseState['source'];
}
/**
 * Empty detail of the stage answer events. `<devroom-qa-queue>` emits the same two events
 * (same meaning, same empty detail), so a binding answers both the same way.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface StageAnswerDetail {}
/** A failed read of the talk (`readError`): an error code (Matrix or devroom) and message. */
export interface ReadError {
  code?: string;
  message: string;
}
export interface StageInvite {
  /** Display name of who invited (a plain page's words). */
  by?: string;
  /** Who invited, named by the room's rule (a binding's): wins over `by`; the id on demand. */
  inviter?: PersonName;
}

declare module '../shared/events.js' {
  interface DevroomEventMap {
    'devroom-join-call': JoinCallDetail;
    'devroom-leave-call': LeaveCallDetail;
    'devroom-accept-stage': StageAnswerDetail;
    'devroom-decline-stage': StageAnswerDetail;
    'devroom-phase-request': PhaseRequestDetail;
    'devroom-hallway-request': { open: boolean };
    'devroom-phase-change': PhaseChangeDetail;
    'devroom-activity': { active: boolean };
  }
}
declare global {
  interface GlobalEventHandlersEventMap {
    'devroom-join-call': CustomEvent<JoinCallDetail>;
    'devroom-leave-call': CustomEvent<LeaveCallDetail>;
    'devroom-accept-stage': CustomEvent<StageAnswerDetail>;
    'devroom-decline-stage': CustomEvent<StageAnswerDetail>;
    'devroom-phase-request': CustomEvent<PhaseRequestDetail>;
    'devroom-hallway-request': CustomEvent<{ open: boolean }>;
    'devroom-phase-change': CustomEvent<PhaseChangeDetail>;
    'devroom-activity': CustomEvent<{ active: boolean }>;
  }
}

interface SideTrack {
  kind: string;
  src: string;
  srclang: string | null;
  label: string | null;
  default: boolean;
}

/** Dictionaries beyond English load on demand; the first render in that language waits for them. */
const LOCALES: Record<string, () => Promise<Dictionary<TalkPlayerKey>>> = {
  de: () => import('./talk-player.de.js').then((m) => m.de),
};

/** Seconds behind the live edge that still count as live; further behind offers "Go to live". */
const LIVE_SLACK_S = 10;

/** Playback speeds a recording offers (live streams play at 1×). */
const SPEEDS = [0.75, 1, 1.25, 1.5, 2];

/** The URL when set and safe (javascript:/data: refused), else undefined. */
const safe = (value: string | undefined): string | undefined => {
  const checked = value ? checkUrl(value) : undefined;
  return checked?.ok ? checked.url : undefined;
};

/**
 * The element people watch a talk in: the stream (HLS or MP4) through the talk's phases,
 * handing over to a live Jitsi call during Q&A for those who should be on it.
 *
 * `talk-title` rather than `title`: `title` is HTMLElement's tooltip attribute and would
 * hover over the whole player.
 *
 * Native `<video controls>` on purpose: every engine's controls are keyboard-operable and
 * labelled for screen readers, and give fullscreen, picture-in-picture and (in Chromium and
 * Safari) captions menus. What native controls lack is ours: live badge + "Go to live",
 * "Unmute" when the browser blocked sound, a captions toggle (works for in-manifest
 * subtitles too), a playback-speed select for recordings, and (viewer-controls.ts, with the
 * playback engine) a quality choice, picture-in-picture and announced keyboard shortcuts.
 *
 * @summary Talk player: HLS/MP4 stream through upcoming/talk/Q&A/ended, with a Jitsi hand-over.
 *
 * @event devroom-join-call - About to join the Jitsi call. Detail `{domain, room, auto}`. Cancelable: preventDefault() keeps the stream.
 * @event devroom-leave-call - Left the call (back to the stream). Detail `{reason: 'user'|'hangup'|'ready-to-close'|'error'|'phase', error?}`.
 * @event devroom-accept-stage - The viewer accepted the stage invitation (the player then joins the call).
 * @event devroom-decline-stage - The viewer declined the stage invitation.
 * @event devroom-phase-request - Host control: set the phase override. Detail `{phase: 'upcoming'|'talk'|'qa'|'ended'|null}` (null = follow the schedule).
 * @event devroom-hallway-request - Host control: open/close the call to everyone. Detail `{open}`.
 * @event devroom-phase-change - The effective phase changed. Detail `{phase, previous, source}`.
 * @event devroom-activity - Playing or in a call started/stopped (for always-on-screen). Detail `{active}`.
 *
 * @slot - `<track>` elements (kind, src, srclang, label, default) copied into the player.
 * @slot title - Replaces the talk title (bring your own heading when `talk-title` is unset).
 *
 * @csspart base - The whole player.
 * @csspart header - Title, phase badge and live badge.
 * @csspart title - The talk title.
 * @csspart phase - The phase badge.
 * @csspart live-badge - The live badge.
 * @csspart stage - The 16:9 area holding video, call and slate.
 * @csspart video - The <video> element.
 * @csspart jitsi - The container of the Jitsi iframe.
 * @csspart slate - The state text shown over the stage (countdown, offline, …).
 * @csspart status - The status line read by screen readers.
 * @csspart toolbar - Unmute, live, captions, speed, quality, picture-in-picture and call buttons.
 * @csspart quality - The quality select (HLS streams with several renditions).
 * @csspart shortcuts - The list of keyboard shortcuts.
 * @csspart next - What is next ("Next: <title> · 10:30").
 * @csspart invite - The stage invitation.
 * @csspart host-controls - The host controls.
 * @csspart button - Every button.
 *
 * @cssproperty --devroom-color-accent - Accent colour (see shared theme tokens for all).
 * @cssproperty --devroom-player-max-height - Largest height of the 16:9 stage (e.g. a widget's viewport minus the toolbar).
 *
 * @tagname devroom-talk-player
 */
export class DevroomTalkPlayer extends LitElement {
  static override styles = [themeTokens, controlStyles, talkPlayerStyles];

  // Declared here rather than with decorators: the page then needs no decorator code.
  // (attribute: false on states only keeps them out of custom-elements.json.)
  static override properties = {
    src: {},
    poster: {},
    captions: {},
    talkTitle: { attribute: 'talk-title' },
    startsAt: { attribute: 'starts-at' },
    endsAt: { attribute: 'ends-at' },
    qaAt: { attribute: 'qa-at' },
    nextTitle: { attribute: 'next-title' },
    nextAt: { attribute: 'next-at' },
    phase: {},
    jitsiDomain: { attribute: 'jitsi-domain' },
    jitsiRoom: { attribute: 'jitsi-room' },
    jitsiScriptUrl: { attribute: 'jitsi-script-url' },
    displayName: { attribute: 'display-name' },
    jwt: { attribute: false },
    callAllowed: { type: Boolean, attribute: 'call-allowed' },
    autoJoin: { type: Boolean, attribute: 'auto-join' },
    hallway: { type: Boolean },
    stageInvite: { attribute: false },
    canHost: { type: Boolean, attribute: 'can-host' },
    loading: { type: Boolean },
    readError: { attribute: false },
    clockOffset: { type: Number, attribute: 'clock-offset' },
    muted: { type: Boolean },
    hlsWorkerPath: { attribute: 'hls-worker-path' },
    hlsConfig: { attribute: false },
    playbackPolicy: { attribute: false },
    jitsiConfig: { attribute: false },
    sideTracks: { state: true, attribute: false },
    replay: { state: true, attribute: false },
    callNotice: { state: true, attribute: false },
    dismissedInvite: { state: true, attribute: false },
  };

  /** HLS (.m3u8) or MP4 URL. */
  src: string | undefined;
  poster: string | undefined;
  /** WebVTT URL of sidecar captions (in addition to `<track>` children). */
  captions: string | undefined;
  talkTitle: string | undefined;
  startsAt: string | undefined;
  endsAt: string | undefined;
  qaAt: string | undefined;
  /** The talk after this one ("Next: <title> · 10:30"), e.g. from the room's schedule. */
  nextTitle: string | undefined;
  /** When the next talk starts (ISO 8601); shown in the viewer's language and time zone. */
  nextAt: string | undefined;
  /** Phase override (`upcoming|talk|qa|ended`); unset follows the clock. */
  phase: TalkPhase | undefined;
  jitsiDomain: string | undefined;
  jitsiRoom: string | undefined;
  /**
   * Jitsi IFrame API script for self-hosted deployments (default https://DOMAIN/external_api.js):
   * https or this page's origin. It runs with the page's rights: set it from the page's own
   * settings, never from content (a widget takes it from its URL, docs/security.md).
   */
  jitsiScriptUrl: string | undefined;
  /** Name shown in the call. */
  displayName: string | undefined;
  /** JWT for token-protected Jitsi deployments. */
  jwt: string | undefined;
  /** This viewer may be in the call (speaker, host, invited, or the call is open to all). */
  callAllowed = false;
  /** Join by itself when Q&A starts and the call is allowed (speakers, hosts). */
  autoJoin = false;
  /** The call is open to everyone (hallway mode): available outside Q&A too. */
  hallway = false;
  /** A pending stage invitation for this viewer; null/undefined for none. */
  stageInvite: StageInvite | null | undefined;
  /** Show host controls (emit requests; the page/binding decides). */
  canHost = false;
  /**
   * The talk is still being read (a binding sets it until the room has answered): says
   * "Loading the talk…", not "No stream has been set up", and shows no phase and plays
   * nothing, which the room may yet change.
   */
  loading = false;
  /**
   * Why the binding's last read of the talk failed, while it tries again (with `loading`):
   * the player says so instead of "Loading the talk…". A `code` the player has words for
   * (M_FORBIDDEN, M_LIMIT_EXCEEDED, DEVROOM_TIMEOUT) is said in the viewer's language, else
   * the message.
   */
  readError: ReadError | undefined;
  /** ms to add to this device's clock (e.g. server time minus Date.now()). */
  clockOffset = 0;
  /** Start muted (the Unmute button shows only when the browser blocked sound). */
  muted = false;
  /** Same-origin URL of hls.js's hls.worker.js; unset transmuxes on the main thread. */
  hlsWorkerPath: string | undefined;
  /** Extra hls.js config merged over ours. */
  hlsConfig: Partial<HlsConfig> | undefined;
  /** Retry/stall timing. */
  playbackPolicy: PlaybackPolicy = DEFAULT_POLICY;
  /** Extra Jitsi configOverwrite (merged over: muted start, no prejoin, no deep linking). */
  jitsiConfig: Record<string, unknown> | undefined;

  private sideTracks: SideTrack[] = [];
  private replay = false;
  private callNotice: string | undefined;
  private dismissedInvite: StageInvite | null | undefined;

  get #video(): HTMLVideoElement | null {
    return this.renderRoot.querySelector('video');
  }
  get #jitsiContainer(): HTMLElement | null {
    return this.renderRoot.querySelector('.jitsi');
  }

  readonly #i18n = new LocaleController(this, translations);
  #playback: PlaybackController | undefined;
  /**
   * The playback engine (playback.ts, and through it hls.js) loads with the first stream to
   * play: a talk that is upcoming or over never needs it.
   */
  readonly #engine = new LazyPart<typeof Playback>(this, "the talk player's playback", () => import('./playback.js'), {
    loaded: ({ PlaybackController }) => {
      this.#playback = new PlaybackController(this, () => ({
        policy: this.playbackPolicy,
        hlsConfig: this.hlsConfig,
        // A worker runs code: only from https or this page's origin, as the Jitsi script.
        workerPath: checkScriptUrl(this.hlsWorkerPath).ok ? this.hlsWorkerPath : undefined,
      }));
    },
  });
  /** The Jitsi session code loads on the first join (most viewers never join). */
  readonly call = new LazyJitsiSession(this, {
    onLeft: (reason, error) => this.#afterCall(reason, error),
    onIframe: () => emit(this, 'devroom-activity', { active: true }),
  });
  readonly #clock = new PhaseClock(
    this,
    () => ({
      schedule: { startsAt: parseTime(this.startsAt), qaAt: parseTime(this.qaAt), endsAt: parseTime(this.endsAt) },
      override: isTalkPhase(this.phase) ? this.phase : undefined,
      clockOffset: this.clockOffset || 0,
    }),
    (next, previous) => this.#onPhaseChange(next, previous),
  );
  /**
   * Host controls and the stage invitation (stage-controls.ts): only users with power and
   * invited viewers see them, so they load when `can-host` or `stageInvite` is set.
   */
  readonly #stageControls = new LazyPart<typeof StageControls>(this, "the talk player's stage controls", () => import('./stage-controls.js'));
  #loadedSrc: string | undefined;
  #wasActive = false;

  /** The stream's playback, once there has been a stream to play (undefined before). */
  get playback(): PlaybackController | undefined {
    return this.#playback;
  }

  /** What the stream is doing; 'loading' while the engine loads, 'not-started' (with Retry) when it could not. */
  get #streamStatus(): PlaybackStatus {
    return this.#playback?.status ?? (this.#engine.failed ? 'not-started' : 'loading');
  }

  /** The effective phase (override or clock). */
  get currentPhase(): TalkPhase {
    return this.#clock.state.phase;
  }

  /** Whether the Jitsi call is showing (loading, joining or joined). */
  get inCall(): boolean {
    return this.call.active;
  }

  /** The call can be offered: configured, allowed for this viewer, Q&A or hallway. */
  get callAvailable(): boolean {
    return Boolean(this.jitsiDomain && this.jitsiRoom) && (this.callAllowed || this.hallway) && (this.currentPhase === 'qa' || this.hallway);
  }

  /** Hand over to the Jitsi call (stops HLS loading). Returns false when not possible or cancelled. */
  joinCall(auto = false): boolean {
    const domain = this.jitsiDomain;
    const room = this.jitsiRoom;
    if (!domain || !room || this.call.active) return false;
    if (!emit(this, 'devroom-join-call', { domain, room, auto }, { cancelable: true })) return false;
    this.callNotice = undefined;
    this.#playback?.suspend();
    void this.updateComplete.then(() => {
      const parent = this.#jitsiContainer;
      if (!parent) return;
      // Unset options stay undefined: the session falls back to its defaults.
      void this.call.join(parent, {
        domain,
        room,
        scriptUrl: this.jitsiScriptUrl,
        displayName: this.displayName,
        jwt: this.jwt,
        lang: this.#i18n.lang,
        configOverwrite: this.jitsiConfig,
      });
    });
    this.requestUpdate();
    return true;
  }

  /** Leave the call and return to the stream at the live edge. */
  leaveCall(reason: CallLeaveReason = 'user'): void {
    if (!this.call.active) return;
    this.call.leave();
    this.#afterCall(reason);
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#readTracks();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#loadedSrc = undefined;
  }

  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.#i18n.lang, translations, LOCALES, 'devroom-talk-player');
    super.scheduleUpdate();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('startsAt') || changed.has('endsAt') || changed.has('qaAt') || changed.has('phase') || changed.has('clockOffset')) {
      this.#clock.refresh();
    }
    if (changed.has('stageInvite') && this.stageInvite !== this.dismissedInvite) this.dismissedInvite = undefined;
    if (this.canHost || this.stageInvite) this.#stageControls.want();
  }

  /** Also waits for the stage controls being loaded, so callers see a settled player. */
  protected override getUpdateComplete(): Promise<boolean> {
    return partsSettled(this, () => super.getUpdateComplete());
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('muted') && this.muted && this.#video) this.#video.muted = true;
    this.#syncPlayback();
    if ((changed.has('callAllowed') || changed.has('hallway') || changed.has('jitsiDomain')) && !this.callAvailable && this.call.active) {
      this.leaveCall('phase');
    }
    if (changed.has('callAllowed') && this.callAllowed && this.autoJoin && this.currentPhase === 'qa') this.#maybeAutoJoin();
    const active = this.call.active || this.#playback?.status === 'playing';
    if (active !== this.#wasActive) {
      this.#wasActive = active;
      emit(this, 'devroom-activity', { active });
    }
  }

  /** Decide whether the stream should be loading, from phase, call state and source. */
  #syncPlayback(): void {
    const video = this.#video;
    const src = safe(this.src);
    const phase = this.currentPhase;
    // isConnected: stop() re-renders, and a removed player must not start again.
    const wanted = video && src && this.isConnected && !this.loading && !this.call.active && (phase === 'talk' || phase === 'qa' || (phase === 'ended' && this.replay));
    const playback = this.#playback;
    if (!wanted) {
      if (this.#loadedSrc && !this.call.active) {
        playback?.stop();
        this.#loadedSrc = undefined;
      }
      return;
    }
    if (!playback) return this.#engine.want();
    if (this.#loadedSrc !== src) {
      this.#loadedSrc = src;
      if (this.muted) video.muted = true;
      playback.load(video, src);
    }
  }

  #onPhaseChange(next: PhaseState, previous: PhaseState): void {
    if (next.phase !== 'ended') this.replay = false;
    if (next.phase !== previous.phase) {
      emit(this, 'devroom-phase-change', { phase: next.phase, previous: previous.phase, source: next.source });
    }
    // Run after Lit has processed the new phase.
    void this.updateComplete.then(() => {
      if (this.call.active && !this.callAvailable) this.leaveCall('phase');
      else if (next.phase === 'qa' && previous.phase !== 'qa') this.#maybeAutoJoin();
    });
  }

  #maybeAutoJoin(): void {
    if (this.autoJoin && this.callAllowed && this.callAvailable && !this.call.active) this.joinCall(true);
  }

  #afterCall(reason: CallLeaveReason, error?: string): void {
    const t = this.#i18n;
    if (reason === 'error') this.callNotice = t.t('callEnded', error ?? '');
    emit(this, 'devroom-leave-call', error ? { reason, error } : { reason });
    this.#playback?.resume();
    this.requestUpdate();
  }

  #readTracks(): void {
    this.sideTracks = Array.from(this.querySelectorAll(':scope > track')).flatMap((el) => {
      const src = checkUrl(el.getAttribute('src'));
      if (!src.ok) return [];
      return [
        {
          kind: el.getAttribute('kind') || 'subtitles',
          src: src.url,
          srclang: el.getAttribute('srclang'),
          label: el.getAttribute('label'),
          default: el.hasAttribute('default'),
        },
      ];
    });
  }

  #toggleCaptions(): void {
    const p = this.#playback;
    p?.setCaptions(!p.captionsShowing, this.#i18n.lang);
  }

  /** Every URL attribute, checked; the first refused one is shown. */
  #refusedUrls(): string[] {
    const out: string[] = [];
    for (const [name, value, check] of [
      ['src', this.src, checkUrl],
      ['poster', this.poster, checkUrl],
      ['captions', this.captions, checkUrl],
      // Code: https or this page's origin only (docs/security.md).
      ['jitsi-script-url', this.jitsiScriptUrl, checkScriptUrl],
      ['hls-worker-path', this.hlsWorkerPath, checkScriptUrl],
    ] as const) {
      if (value && !check(value).ok) out.push(name);
    }
    return out;
  }

  // ---- rendering ----------------------------------------------------------------------------

  protected override render(): TemplateResult {
    const t = this.#i18n;
    const phase = this.currentPhase;
    const refused = this.#refusedUrls();
    const poster = safe(this.poster);
    const captions = safe(this.captions);
    const showVideo = !this.loading && !this.call.active && (phase === 'talk' || phase === 'qa' || (phase === 'ended' && this.replay));
    const status = this.#statusText(showVideo, refused);
    const crossOrigin = [...this.sideTracks.map((s) => s.src), captions].some(
      (u) => u && new URL(u).origin !== location.origin,
    );
    return html`
      <section part="base" aria-label=${this.talkTitle || t.t('player')} lang=${t.lang}>
        <header part="header" class="row">
          ${this.talkTitle
            ? html`<h2 part="title"><slot name="title">${this.talkTitle}</slot></h2>`
            : html`<slot name="title" part="title"></slot>`}
          ${this.loading ? nothing : html`<span part="phase" class="badge">${t.t(`phase.${phase}`)}</span>`}
          ${this.#atLiveEdge(showVideo) ? html`<span part="live-badge" class="badge live">${t.t('live')}</span>` : nothing}
        </header>
        <div part="stage" class="stage">
          ${poster && !showVideo && !this.call.active ? html`<img class="poster" alt="" src=${poster} />` : nothing}
          <video
            part="video"
            ?hidden=${!showVideo}
            ?controls=${this.#nativeControls(showVideo)}
            playsinline
            preload="none"
            poster=${ifDefined(poster)}
            crossorigin=${ifDefined(crossOrigin ? 'anonymous' : undefined)}
            aria-label=${this.talkTitle || t.t('player')}
          >
            ${captions ? html`<track kind="captions" src=${captions} srclang=${t.lang} label=${t.t('captionsOn')} />` : nothing}
            ${this.sideTracks.map(
              (s) => html`<track kind=${s.kind} src=${s.src} srclang=${ifDefined(s.srclang)} label=${ifDefined(s.label)} ?default=${s.default} />`,
            )}
          </video>
          <div part="jitsi" class="jitsi" ?hidden=${!this.call.active}></div>
          ${this.#renderSlate(showVideo, refused, status)}
        </div>
        <p part="status" class="sr-only" role="status" aria-live="polite">${status}</p>
        ${this.#renderToolbar(showVideo)} ${this.#renderInvite()} ${this.#renderHost()}
        <slot hidden @slotchange=${() => this.#readTracks()}></slot>
      </section>
    `;
  }

  /**
   * The browser's controls, except under a slate that says the stream is not there (offline,
   * not started, broken): Chromium would draw its loading spinner over our words.
   */
  #nativeControls(showVideo: boolean): boolean {
    const status = this.#streamStatus;
    return showVideo && !this.call.active && (status === 'playing' || status === 'paused' || status === 'ended' || status === 'loading' || status === 'buffering' || status === 'recovering');
  }

  /** "Live" only while it is: playing within 10 s of the live edge (not paused behind, reconnecting or offline). */
  #atLiveEdge(showVideo: boolean): boolean {
    const p = this.#playback;
    return Boolean(showVideo && p?.live && p.status === 'playing' && p.behindLive() <= LIVE_SLACK_S);
  }

  /** The one sentence that says what is going on (also the screen-reader status). */
  #statusText(showVideo: boolean, refused: string[]): string {
    const t = this.#i18n;
    const phase = this.#clock.state;
    if (refused.length) return t.t('refused', refused.join(', '));
    if (this.call.active) {
      if (this.call.status === 'failed') return t.t('callFailed', this.call.error ?? '');
      return this.call.status === 'loading' ? t.t('callLoading') : this.call.status === 'joining' ? t.t('callJoining') : t.t('phase.qa');
    }
    if (this.loading) return this.readError ? t.t('readFailed', this.#reason(this.readError)) : t.t('loadingTalk');
    if (phase.phase === 'upcoming') {
      return phase.startsInMs !== undefined ? t.t('startsIn', formatCountdown(phase.startsInMs, t.locale)) : t.t('phase.upcoming');
    }
    if (phase.phase === 'ended' && !this.replay) return t.t('ended');
    if (!this.src) return t.t('noSource');
    if (!showVideo) return t.t('status.idle');
    const p = this.#playback;
    // Plain strings ignore the arguments; 'broken' says recording or stream, and what and where.
    let text = t.t(`status.${this.#streamStatus}`, !p?.live, p?.message);
    if (p?.retryAt !== undefined) {
      text += ' ' + t.t('retryIn', Math.max(0, Math.ceil((p.retryAt - Date.now()) / 1000)));
    }
    return text;
  }

  /** A failed read's reason: its code in words when the player has them, else its message. */
  #reason({ code, message }: ReadError): string {
    if (code === 'M_FORBIDDEN' || code === 'M_LIMIT_EXCEEDED' || code === 'DEVROOM_TIMEOUT') return this.#i18n.t(`reason.${code}`);
    return code && code !== 'M_UNKNOWN' ? `${message} (${code})` : message;
  }

  #renderSlate(showVideo: boolean, refused: string[], text: string): TemplateResult | typeof nothing {
    const t = this.#i18n;
    const phase = this.#clock.state;
    const button = (label: string, fn: () => void, primary = false) =>
      html`<button part="button" class=${primary ? 'primary' : ''} @click=${fn}>${label}</button>`;
    if (refused.length) return html`<div part="slate" class="slate error"><span aria-hidden="true">${text}</span></div>`;
    if (this.call.active) {
      if (this.call.status === 'failed') {
        return html`<div part="slate" class="slate">
          <span aria-hidden="true">${text}</span>
          <div>${button(t.t('retry'), () => void this.call.retry(), true)} ${button(t.t('backToStream'), () => this.leaveCall('user'))}</div>
        </div>`;
      }
      if (this.call.status === 'joined') return nothing;
      return html`<div part="slate" class="slate"><span aria-hidden="true">${text}</span></div>`;
    }
    if (this.loading) return html`<div part="slate" class="slate ${this.readError ? 'error' : ''}"><span aria-hidden="true">${text}</span></div>`;
    if (phase.phase === 'upcoming') {
      const startsAt = parseTime(this.startsAt);
      return html`<div part="slate" class="slate">
        <span class="big" aria-hidden="true">${text}</span>
        ${startsAt !== undefined
          ? html`<span>${t.t('startsAt', new Intl.DateTimeFormat(t.locale, { dateStyle: 'medium', timeStyle: 'short' }).format(startsAt))}</span>`
          : nothing}
      </div>`;
    }
    if (phase.phase === 'ended' && !this.replay) {
      return html`<div part="slate" class="slate">
        <span class="big" aria-hidden="true">${text}</span>
        ${safe(this.src) ? button(t.t('watchReplay'), () => (this.replay = true), true) : nothing}
      </div>`;
    }
    const status = this.#streamStatus;
    if (showVideo && (status === 'playing' || status === 'paused' || status === 'ended')) return nothing;
    const action =
      status === 'blocked'
        ? button(t.t('play'), () => this.#playback?.play(), true)
        : status === 'not-started' || status === 'reconnecting' || status === 'error' || status === 'broken' || status === 'not-video'
          ? button(t.t('retry'), () => (this.#playback ? this.#playback.retryNow() : this.#engine.retry()))
          : nothing;
    // The native controls stay reachable under a loading/buffering slate. A class, not a style
    // attribute: a strict Content-Security-Policy (style-src 'self') blocks those.
    const passive = status === 'loading' || status === 'buffering' || status === 'recovering';
    return html`<div part="slate" class="slate ${passive ? 'passive' : 'opaque'}">
      <span aria-hidden="true">${text}</span>${action}
    </div>`;
  }

  #renderToolbar(showVideo: boolean): TemplateResult {
    const t = this.#i18n;
    // The stream's own controls, while it shows.
    const p = showVideo ? this.#playback : undefined;
    const behind = p?.live ? p.behindLive() : 0;
    const overrun = this.#clock.state.overrunMs;
    return html`<div part="toolbar" class="actions">
      ${p?.mutedByPolicy ? html`<button part="button" class="primary" @click=${() => p.unmute()}>${t.t('unmute')}</button>` : nothing}
      ${p?.live && behind > LIVE_SLACK_S && (p.status === 'playing' || p.status === 'paused') ? html`<button part="button" @click=${() => p.seekToLive()}>${t.t('goLive')}</button>` : nothing}
      ${p?.hasCaptions
        ? html`<button part="button" aria-pressed=${p.captionsShowing ? 'true' : 'false'} aria-keyshortcuts="c" @click=${this.#toggleCaptions}>
            ${p.captionsShowing ? t.t('captionsOff') : t.t('captionsOn')}
          </button>`
        : nothing}
      ${p && !p.live && p.status !== 'idle'
        ? html`<label
            >${t.t('speed')}
            <select part="speed" @change=${this.#setSpeed}>
              ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === 1}>${s}×</option>`)}
            </select></label
          >`
        : nothing}
      ${p && p.status !== 'idle' ? this.#engine.module?.renderViewerControls(this, p, t.lang) : nothing}
      ${this.callAvailable && !this.call.active
        ? html`<span class="note">${t.t('qaHint')}</span>
            <button part="button" class="primary" @click=${() => this.joinCall(false)}>${t.t('joinCall')}</button>`
        : nothing}
      ${this.call.active ? html`<button part="button" @click=${() => this.leaveCall('user')}>${t.t('leaveCall')}</button>` : nothing}
      ${overrun !== undefined ? html`<span class="note">${t.t('overrun', Math.floor(overrun / 60_000))}</span>` : nothing}
      ${this.callNotice ? html`<span class="note error" role="alert">${this.callNotice}</span>` : nothing}
      ${this.#renderNext()}
    </div>`;
  }

  /** "Next: <title> · 10:30": the time in the viewer's zone, with the weekday when not today. */
  #renderNext(): TemplateResult | typeof nothing {
    const t = this.#i18n;
    const at = parseTime(this.nextAt);
    if (!this.nextTitle) return nothing;
    const today = at !== undefined && new Date(at).toDateString() === new Date().toDateString();
    const time = at === undefined ? '' : new Intl.DateTimeFormat(t.locale, { ...(today ? {} : { weekday: 'short' }), hour: 'numeric', minute: '2-digit' }).format(at);
    return html`<span part="next" class="note">${t.t('next', this.nextTitle, time)}</span>`;
  }

  #setSpeed(e: Event): void {
    const video = this.#video;
    if (video) video.playbackRate = Number((e.target as HTMLSelectElement).value);
  }

  #renderInvite(): TemplateResult | typeof nothing {
    const invite = this.stageInvite;
    const parts = this.#stageControls.module;
    if (!invite || !parts || invite === this.dismissedInvite || this.call.active || !this.jitsiDomain || !this.jitsiRoom) return nothing;
    return parts.renderStageInvite(this, invite, this.#i18n.lang, (accept) => {
      this.dismissedInvite = invite;
      emit(this, accept ? 'devroom-accept-stage' : 'devroom-decline-stage', {});
      if (accept) this.joinCall(true);
    });
  }

  #renderHost(): TemplateResult | typeof nothing {
    const parts = this.#stageControls.module;
    return this.canHost && parts ? parts.renderHostControls(this, this.#i18n.lang) : nothing;
  }
}
