import { css } from 'lit';

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
  header {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
  }
  h2 {
    font-size: 1.1rem;
    margin: 0;
    flex: 1 1 auto;
  }
  .badge {
    font-size: 0.8rem;
    font-weight: 600;
    padding: 0.1rem 0.5rem;
    border-radius: 999px;
    background: var(--_surface);
    border: 1px solid var(--_border);
  }
  .badge.live {
    background: var(--_danger);
    color: #fff;
    border-color: transparent;
  }
  .stage {
    position: relative;
    aspect-ratio: 16 / 9;
    /* Fit a given height (a widget's iframe) without breaking 16:9. */
    max-height: var(--devroom-player-max-height, none);
    width: 100%;
    max-width: calc(var(--devroom-player-max-height, 100000px) * 16 / 9);
    margin-inline: auto;
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
  .slate .big {
    font-size: 1.6rem;
    font-variant-numeric: tabular-nums;
    font-weight: 600;
  }
  .toolbar,
  .host,
  .invite {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .note {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .error {
    color: var(--_danger);
  }
  button,
  select {
    font: inherit;
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border-radius: calc(var(--_radius) / 1.5);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: transparent;
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
