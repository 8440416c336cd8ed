import { html, nothing } from 'lit';
import type { ReactiveController, ReactiveElement, TemplateResult } from 'lit';
import { LocaleController } from '../shared/i18n.js';
import { LazyPart } from '../shared/lazy-part.js';
import { scheduleVideoTranslations } from './stand-schedule-video.i18n.js';
import type { ScheduleVideoKey } from './stand-schedule-video.i18n.js';
import { formatSlot, scheduleState } from './schedule.js';
import { kindLabel } from './stand-booth.js';
import type { FeaturedVideo, ScheduleItem } from './stand.js';

/** What the booth element offers this part. */
export interface ScheduleVideoHost extends ReactiveElement {
  readonly timeZone: string | undefined;
  readonly theme: string | undefined;
}

/** Longest setTimeout delay browsers honour; later schedule changes re-arm on wake. */
const MAX_TIMER = 2 ** 31 - 1;

/**
 * The parts of a stand that many stands do not have: the booth schedule (with "now"/"next"
 * following the clock) and the featured video. Loaded only for a stand that has either
 * (their styles are the booth's).
 */
export class ScheduleVideo implements ReactiveController {
  private clock?: ReturnType<typeof setTimeout>;
  private items: readonly ScheduleItem[] = [];
  /** Pressed Play: the player shows once its code is here. */
  private playing = false;
  private readonly i18n: LocaleController<ScheduleVideoKey>;
  /** <devroom-talk-player> (and hls.js behind it), only when someone presses Play. */
  private readonly player: LazyPart<unknown>;

  constructor(private readonly host: ScheduleVideoHost) {
    host.addController(this);
    this.i18n = new LocaleController(host, scheduleVideoTranslations);
    this.player = new LazyPart(host, 'the talk player', () => import('../talk-player/define.js'));
  }

  hostUpdate(): void {
    this.items = [];
  }

  /** Re-render exactly when the schedule's now/next changes. */
  hostUpdated(): void {
    clearTimeout(this.clock);
    const { nextChange } = scheduleState(this.items, Date.now());
    if (nextChange === undefined || !this.host.isConnected) return;
    const delay = Math.min(Math.max(nextChange - Date.now(), 0) + 50, MAX_TIMER);
    this.clock = setTimeout(() => this.host.requestUpdate(), delay);
  }

  hostDisconnected(): void {
    clearTimeout(this.clock);
  }

  schedule(items: ScheduleItem[]): TemplateResult {
    this.items = items;
    const t = this.i18n.t.bind(this.i18n);
    const { marks } = scheduleState(items, Date.now());
    const now = items.filter((_, i) => marks[i] === 'now').map((i) => i.title);
    return html`<section part="schedule" aria-labelledby="schedule-h">
      <h3 id="schedule-h">${t('schedule')}</h3>
      <p class="muted" aria-live="polite">${now.length ? t('happeningNow', now.join(', ')) : t('nothingNow')}</p>
      <ol class="plain">
        ${items.map((item, i) => {
          const mark = marks[i];
          return html`<li class="slot-item ${mark ?? ''}" aria-current=${mark === 'now' ? 'time' : 'false'}>
            ${mark === 'now' || mark === 'next' ? html`<span class="badge ${mark}">${t(mark)}</span>` : nothing}
            ${kindLabel(t(`kind.${item.kind}`), item.title)}
            <strong>${item.title}</strong>
            <span class="slot-time">${formatSlot(item, this.i18n.locale, this.host.timeZone)}</span>
          </li>`;
        })}
      </ol>
    </section>`;
  }

  /**
   * The featured video plays in <devroom-talk-player> (no schedule = VOD). If the player
   * cannot load, the Play button goes and the link stays.
   */
  video(video: FeaturedVideo, standName: string): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const title = video.title ?? standName;
    const { module, failed } = this.player;
    return html`<section part="video" aria-labelledby="video-h">
      <h3 id="video-h">${t('featuredVideo')}</h3>
      ${this.playing && module
        ? html`<devroom-talk-player
            src=${video.src}
            poster=${video.poster ?? nothing}
            talk-title=${title}
            lang=${this.i18n.lang}
            theme=${this.host.theme ?? nothing}
          ></devroom-talk-player>`
        : html`<div class="actions">
            ${failed
              ? nothing
              : html`<button part="button play-button" ?disabled=${this.playing} @click=${this.play}>${t('playVideo', title)}</button>`}
            <a href=${video.src} rel="noopener noreferrer" target="_blank">${t('watchVideo', title)}</a>
          </div>`}
    </section>`;
  }

  private readonly play = (): void => {
    this.playing = true;
    this.player.retry();
    this.host.requestUpdate();
  };
}
