import { css } from 'lit';

/** The player's own look, after the shared controls sheet (controls.styles.ts). */
export const talkPlayerStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  [part='base'] {
    display: flex;
    flex-direction: column;
    gap: calc(var(--_space) / 2);
    background: var(--_bg);
    border-radius: var(--_radius);
  }
  h2 {
    font-size: 1.1rem;
    margin: 0;
    padding-inline-start: calc(var(--_space) / 2);
    flex: 1 1 auto;
  }
  .badge.live {
    background: var(--_danger);
    /* The page's background on the danger colour: white on dark red, dark on the dark theme's light red (AA both). */
    color: var(--_bg);
    border-color: transparent;
  }
  .stage {
    position: relative;
    aspect-ratio: 16 / 9;
    /* Always the player's width; a given height (a widget's iframe) caps it and the picture letterboxes. */
    max-height: var(--devroom-player-max-height, none);
    width: 100%;
    background: #000;
    border-radius: var(--_radius);
    overflow: hidden;
  }
  video,
  .jitsi,
  .poster {
    position: absolute;
    inset: 0;
    width: 100%;
    height: 100%;
  }
  .poster {
    object-fit: cover;
    opacity: 0.5;
  }
  .jitsi {
    background: var(--_surface);
  }
  .jitsi iframe {
    border: 0;
  }
  [hidden] {
    display: none !important;
  }
  .slate {
    position: absolute;
    inset: 0;
    display: flex;
    flex-direction: column;
    align-items: center;
    justify-content: center;
    gap: 0.5rem;
    padding: var(--_space);
    text-align: center;
    color: #fff;
    background: rgb(0 0 0 / 0.6);
    font-size: 1rem;
  }
  .slate.passive {
    pointer-events: none;
  }
  .slate.opaque {
    background: #000;
  }
  .slate.error {
    /* The danger red (#b3261e) is 3.2:1 on black: a light red passes AA (9:1). */
    color: #ff8a80;
  }
  .slate .big {
    font-size: 1.6rem;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .note {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .error {
    color: var(--_danger);
  }
  .slate button:not(.primary) {
    color: #17191c;
    background: #fff;
  }
  @keyframes pulse {
    50% {
      opacity: 0.6;
    }
  }
  .badge.live::before {
    content: '● ';
    animation: pulse 2s infinite;
  }
`;
