import { css } from 'lit';

/**
 * Design tokens. Every component reads `--devroom-*` custom properties with these
 * defaults; pages override them, widgets get Element's light/dark from the runtime
 * (which sets `data-devroom-theme` on <html>). Plain pages follow prefers-color-scheme.
 */
export const themeTokens = css`
  /* light-dark(): one list for both schemes, picked by the host's color-scheme — the
     user's preference, or the theme attribute's choice. */
  :host {
    color-scheme: light dark;
    --_bg: var(--devroom-color-background, light-dark(#ffffff, #15191e));
    --_fg: var(--devroom-color-text, light-dark(#17191c, #ebeef2));
    --_muted: var(--devroom-color-muted, light-dark(#5c6470, #a3acb9));
    --_surface: var(--devroom-color-surface, light-dark(#f4f6fa, #21262c));
    --_border: var(--devroom-color-border, light-dark(#d4d9e1, #3a414a));
    --_accent: var(--devroom-color-accent, light-dark(#0b7a57, #3ecf9a));
    --_accent-fg: var(--devroom-color-on-accent, light-dark(#ffffff, #0b1a14));
    --_danger: var(--devroom-color-danger, light-dark(#b3261e, #ff8a80));
    --_warning: var(--devroom-color-warning, light-dark(#8a5a00, #ffcc66));
    --_focus: var(--devroom-color-focus, light-dark(#1a73e8, #8ab4f8));
    --_radius: var(--devroom-radius, 8px);
    --_font: var(--devroom-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--devroom-space, 0.75rem);
    font-family: var(--_font);
    color: var(--_fg);
  }
  :host([theme='light']) {
    color-scheme: light;
  }
  :host([theme='dark']) {
    color-scheme: dark;
  }
  :host([hidden]) {
    display: none;
  }
  /* Text for screen readers only. */
  .sr-only {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    clip-path: inset(50%);
    white-space: nowrap;
  }
  :focus-visible {
    outline: 2px solid var(--_focus);
    outline-offset: 2px;
  }
  @media (prefers-reduced-motion: reduce) {
    * {
      animation: none !important;
      transition: none !important;
    }
  }
`;
