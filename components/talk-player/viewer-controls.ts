import { css, html, nothing } from 'lit';
import type { TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import type { DevroomTalkPlayer } from './talk-player.js';
import type { PlaybackController } from './playback.js';
import { viewerWords } from './viewer-controls.i18n.js';
import type { ViewerWords } from './viewer-controls.i18n.js';

/**
 * What viewers expect of a video player beyond the browser's controls: a quality choice for
 * slow connections, picture-in-picture from our toolbar, and the usual keyboard shortcuts,
 * each announced to screen readers. Needed only once a stream plays, so playback.ts brings
 * this module along (it is in the playback engine's on-demand chunk, not the first load).
 */

const wordsFor = (lang: string) => viewerWords[lang.split('-')[0] ?? lang] ?? viewerWords.en!;

/** Shortcut keys (KeyboardEvent.key) and what aria-keyshortcuts calls them. */
const KEYS = 'Space K F M C ArrowLeft ArrowRight ArrowUp ArrowDown';
const SEEK_S = 5;
/** Keys a focused <video> with controls handles itself in Chromium. */
const NATIVE_KEYS = [' ', 'ArrowLeft', 'ArrowRight'];
const VOLUME_STEP = 0.1;

const styles = css`
  .shortcuts summary {
    cursor: pointer;
  }
  .shortcuts dl {
    display: grid;
    grid-template-columns: auto 1fr;
    gap: 0.25rem 1rem;
    margin: 0.5rem 0 0;
  }
  .shortcuts dd {
    margin: 0;
  }
`;

/** The last thing a shortcut did, per player, for the live region. */
const said = new WeakMap<DevroomTalkPlayer, string>();
/** The player's language at its last render (the shortcuts speak it). */
const langs = new WeakMap<DevroomTalkPlayer, string>();

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(Math.floor(s % 60)).padStart(2, '0')}`;

/** Seeks within what can be seeked; false when nothing can. */
function seek(video: HTMLVideoElement, to: number): boolean {
  const { seekable } = video;
  if (!seekable.length) return false;
  video.currentTime = Math.min(Math.max(to, seekable.start(0)), seekable.end(seekable.length - 1));
  return true;
}

function say(el: DevroomTalkPlayer, text: string): void {
  // The same words twice (two presses of ↑ at the top) must still be read: make them differ.
  said.set(el, said.get(el) === text ? `${text}\u00a0` : text);
  el.requestUpdate();
}

const label = (r: { height: number; bitrate: number }) => (r.height ? `${r.height}p` : `${Math.round(r.bitrate / 1000)} kbps`);

/** Runs a shortcut; false when the key is none of ours (the browser keeps it). */
function shortcut(el: DevroomTalkPlayer, p: PlaybackController, key: string, t: ViewerWords, lang: string): boolean {
  const video = el.renderRoot.querySelector('video');
  if (!video || video.hidden) return false;
  switch (key.toLowerCase()) {
    case ' ':
    case 'k': {
      const play = video.paused;
      if (play) p.play();
      else video.pause();
      say(el, play ? t.playing : t.paused);
      return true;
    }
    case 'f': {
      const stage = el.renderRoot.querySelector<HTMLElement>('[part="stage"]');
      const on = !document.fullscreenElement;
      void (on ? stage?.requestFullscreen() : document.exitFullscreen())?.catch(() => {});
      say(el, t.fullscreen(on));
      return true;
    }
    case 'm':
      if (video.muted) p.unmute();
      else video.muted = true;
      say(el, video.muted ? t.muted : t.unmuted);
      return true;
    case 'c': {
      if (!p.hasCaptions) return false;
      const on = !p.captionsShowing;
      p.setCaptions(on, lang);
      say(el, t.captions(on));
      return true;
    }
    case 'arrowleft':
    case 'arrowright':
      if (!seek(video, video.currentTime + (key === 'ArrowLeft' ? -SEEK_S : SEEK_S))) return false;
      say(el, t.at(mmss(video.currentTime)));
      return true;
    case 'arrowup':
    case 'arrowdown': {
      const volume = Math.min(1, Math.max(0, Math.round((video.volume + (key === 'ArrowUp' ? VOLUME_STEP : -VOLUME_STEP)) * 10) / 10));
      video.volume = volume;
      if (key === 'ArrowUp' && video.muted) p.unmute();
      say(el, t.volume(Math.round(volume * 100)));
      return true;
    }
  }
  return false;
}

function listen(el: DevroomTalkPlayer, video: HTMLVideoElement | null): void {
  if (langs.has(el)) return;
  // Picture-in-picture also ends from its own window: the button follows.
  for (const type of ['enterpictureinpicture', 'leavepictureinpicture']) video?.addEventListener(type, () => el.requestUpdate());
  // Controls keep their own keys: a button's space, a select's arrows, a link's enter.
  const ours = (e: KeyboardEvent) => {
    const target = e.composedPath()[0];
    return !(e.altKey || e.ctrlKey || e.metaKey || el.inCall || !el.playback || (target instanceof HTMLElement && target.closest('button, select, input, textarea, summary, a, [part="jitsi"]')));
  };
  // A focused <video>'s own controls handle space and ←/→ (a 1 s step) whatever we do: space
  // stays theirs, and we say what it did; ←/→ land where ours would (5 s), after theirs.
  const native = (e: KeyboardEvent) => NATIVE_KEYS.includes(e.key) && e.composedPath()[0] === video;
  let seekTo: number | undefined;
  el.addEventListener('keyup', (e) => {
    if (!ours(e) || !native(e)) return;
    if (e.key !== ' ') e.preventDefault();
    const to = seekTo;
    seekTo = undefined;
    setTimeout(() => {
      const t = wordsFor(langs.get(el) ?? 'en');
      if (to !== undefined) seek(video!, to);
      say(el, e.key === ' ' ? (video!.paused ? t.paused : t.playing) : t.at(mmss(video!.currentTime)));
    });
  });
  el.addEventListener('keydown', (e) => {
    if (!ours(e) || !el.playback) return;
    if (native(e)) {
      if (e.key !== ' ') {
        e.preventDefault();
        seekTo = (seekTo ?? video!.currentTime) + (e.key === 'ArrowLeft' ? -SEEK_S : SEEK_S);
      }
      return;
    }
    if (e.defaultPrevented) return;
    const lang = langs.get(el) ?? 'en';
    // preventDefault also keeps Chromium's own video controls from handling the same key.
    if (shortcut(el, el.playback, e.key, wordsFor(lang), lang)) e.preventDefault();
  });
}

/** Quality, picture-in-picture, the shortcuts list and the shortcuts' live region. */
export function renderViewerControls(el: DevroomTalkPlayer, p: PlaybackController, lang: string): TemplateResult {
  addStyles(el, styles);
  const video = el.renderRoot.querySelector('video');
  listen(el, video);
  langs.set(el, lang);
  const t = wordsFor(lang);
  video?.setAttribute('aria-keyshortcuts', KEYS);
  const renditions = p.renditions;
  const { chosen, playing } = p.rendition;
  const now = renditions[playing];
  const pip = Boolean(video && document.pictureInPictureEnabled && !video.disablePictureInPicture);
  const inPip = Boolean(video && document.pictureInPictureElement === el);
  return html`${renditions.length > 1
      ? html`<label
          >${t.quality}
          <select
            part="quality"
            @change=${(e: Event) => {
              const level = Number((e.target as HTMLSelectElement).value);
              p.chooseRendition(level);
              say(el, t.qualityNow(level < 0 ? t.auto('') : label(renditions[level]!)));
            }}
          >
            <option value="-1" ?selected=${chosen < 0}>${t.auto(chosen < 0 && now ? label(now) : '')}</option>
            ${renditions.map((r, i) => html`<option value=${i} ?selected=${chosen === i}>${label(r)}</option>`)}
          </select></label
        >`
      : nothing}
    ${pip
      ? html`<button
          part="button"
          aria-pressed=${inPip ? 'true' : 'false'}
          @click=${() => {
            const request = inPip ? document.exitPictureInPicture() : video!.requestPictureInPicture();
            void request.then(
              () => el.requestUpdate(),
              () => {},
            );
          }}
        >
          ${t.pip}
        </button>`
      : nothing}
    <details class="shortcuts" part="shortcuts">
      <summary>${t.shortcuts}</summary>
      <dl>${t.keys.map(([keys, what]) => html`<dt><kbd>${keys}</kbd></dt><dd>${what}</dd>`)}</dl>
    </details>
    <p class="sr-only" role="status" aria-live="polite">${said.get(el) ?? ''}</p>`;
}
