import { css, html, nothing } from 'lit';
import type { ReactiveController, ReactiveElement, TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import { LocaleController } from '../shared/i18n.js';
import { extrasTranslations } from './stand-extras.i18n.js';
import { formatSlot, scheduleState } from './schedule.js';
import type { FeaturedVideo, ScheduleItem } from './stand.js';
// The schedule and video readers (stand-schedule.ts) load with this part, by the booth's
// import(): imported here, a failed fetch of theirs would keep this part from ever loading.

/** What the booth element offers this part. */
export interface ExtrasHost extends ReactiveElement {
  readonly timeZone: string | undefined;
  readonly theme: string | undefined;
}

const styles = css`
  .slot-item {
    padding: 0.4rem 0.5rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
  }
  .slot-item.now {
    border-color: var(--_accent);
    background: var(--_surface);
  }
  .past,
  .slot-time {
    color: var(--_muted);
  }
  .slot-time {
    display: block;
    font-size: 0.85rem;
  }
  .badge.now {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  .badge.next {
    border-color: var(--_accent);
    color: var(--_fg);
  }
`;

/** Longest setTimeout delay browsers honour; later schedule changes re-arm on wake. */
const MAX_TIMER = 2 ** 31 - 1;

/**
 * The parts of a stand that many stands do not have: the booth schedule (with "now"/"next"
 * following the clock) and the featured video. Loaded (with their styles) only for a stand
 * that has either; the booth's update waits for it, so they appear in the first render.
 */
export class StandExtras implements ReactiveController {
  private player: 'off' | 'loading' | 'ready' | 'failed' = 'off';
  private clock?: ReturnType<typeof setTimeout>;
  private items: readonly ScheduleItem[] = [];

  private readonly i18n: LocaleController<keyof (typeof extrasTranslations)['en']>;

  constructor(private readonly host: ExtrasHost) {
    host.addController(this);
    this.i18n = new LocaleController(host, extrasTranslations);
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
    addStyles(this.host, styles);
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
            <span class="kind">${t(`kind.${item.kind}`)}</span>
            <strong>${item.title}</strong>
            <span class="slot-time">${formatSlot(item, this.i18n.locale, this.host.timeZone)}</span>
          </li>`;
        })}
      </ol>
    </section>`;
  }

  /**
   * The featured video plays in <devroom-talk-player> (no schedule = VOD). Its code (and
   * hls.js behind it) loads only when someone presses play; if it cannot load, the link stays.
   */
  video(video: FeaturedVideo, standName: string): TemplateResult {
    const t = this.i18n.t.bind(this.i18n);
    const title = video.title ?? standName;
    const player = this.player;
    return html`<section part="video" aria-labelledby="video-h">
      <h3 id="video-h">${t('featuredVideo')}</h3>
      ${player === 'ready'
        ? html`<devroom-talk-player
            src=${video.src}
            poster=${video.poster ?? nothing}
            talk-title=${title}
            lang=${this.i18n.lang}
            theme=${this.host.theme ?? nothing}
          ></devroom-talk-player>`
        : html`<div class="actions">
            ${player !== 'failed'
              ? html`<button part="button play-button" ?disabled=${player === 'loading'} @click=${this.play}>
                  ${t('playVideo', title)}
                </button>`
              : nothing}
            <a href=${video.src} rel="noopener noreferrer" target="_blank">${t('watchVideo', title)}</a>
          </div>`}
    </section>`;
  }

  private readonly play = async (): Promise<void> => {
    this.setPlayer('loading');
    try {
      await import('../talk-player/define.js');
      this.setPlayer('ready');
    } catch (err) {
      console.error('devroom-stand-booth: could not load the talk player', err);
      this.setPlayer('failed');
    }
  };

  private setPlayer(state: StandExtras['player']): void {
    this.player = state;
    this.host.requestUpdate();
  }
}
