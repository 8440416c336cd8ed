import { html } from 'lit';
import type { TemplateResult } from 'lit';

/**
 * Playback speed for recordings (live streams play at 1×). Loaded on demand: most viewers
 * watch live; a recording's viewer gets it once playback runs.
 */

const SPEEDS = [0.75, 1, 1.25, 1.5, 2];
const label: Record<string, string> = { en: 'Speed', de: 'Tempo' };

export function renderSpeedSelect(host: HTMLElement & { renderRoot: ParentNode }, lang: string): TemplateResult {
  const change = (e: Event) => {
    const video = host.renderRoot.querySelector('video');
    if (video) video.playbackRate = Number((e.target as HTMLSelectElement).value);
  };
  return html`<label
    >${label[lang.split('-')[0] ?? lang] ?? label.en}
    <select part="speed" @change=${change}>
      ${SPEEDS.map((s) => html`<option value=${s} ?selected=${s === 1}>${s}×</option>`)}
    </select></label
  >`;
}
