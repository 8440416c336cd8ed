import { css } from 'lit';

/**
 * Design tokens. Every component reads `--devroom-*` custom properties with these
 * defaults; pages override them, widgets get Element's light/dark from the runtime
 * (which sets `data-devroom-theme` on <html>). Plain pages follow prefers-color-scheme.
 */
export const themeTokens = css`
  :host {
    --_bg: var(--devroom-color-background, #ffffff);
    --_fg: var(--devroom-color-text, #17191c);
    --_muted: var(--devroom-color-muted, #5c6470);
    --_surface: var(--devroom-color-surface, #f4f6fa);
    --_border: var(--devroom-color-border, #d4d9e1);
    --_accent: var(--devroom-color-accent, #0b7a57);
    --_accent-fg: var(--devroom-color-on-accent, #ffffff);
    --_danger: var(--devroom-color-danger, #b3261e);
    --_warning: var(--devroom-color-warning, #8a5a00);
    --_focus: var(--devroom-color-focus, #1a73e8);
    --_radius: var(--devroom-radius, 8px);
    --_font: var(--devroom-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
    --_space: var(--devroom-space, 0.75rem);
    color-scheme: light dark;
    font-family: var(--_font);
    color: var(--_fg);
  }
  @media (prefers-color-scheme: dark) {
    :host(:not([theme='light'])) {
      --_bg: var(--devroom-color-background, #15191e);
      --_fg: var(--devroom-color-text, #ebeef2);
      --_muted: var(--devroom-color-muted, #a3acb9);
      --_surface: var(--devroom-color-surface, #21262c);
      --_border: var(--devroom-color-border, #3a414a);
      --_accent: var(--devroom-color-accent, #3ecf9a);
      --_accent-fg: var(--devroom-color-on-accent, #0b1a14);
      --_danger: var(--devroom-color-danger, #ff8a80);
      --_warning: var(--devroom-color-warning, #ffcc66);
      --_focus: var(--devroom-color-focus, #8ab4f8);
    }
  }
  :host([theme='dark']) {
    --_bg: var(--devroom-color-background, #15191e);
    --_fg: var(--devroom-color-text, #ebeef2);
    --_muted: var(--devroom-color-muted, #a3acb9);
    --_surface: var(--devroom-color-surface, #21262c);
    --_border: var(--devroom-color-border, #3a414a);
    --_accent: var(--devroom-color-accent, #3ecf9a);
    --_accent-fg: var(--devroom-color-on-accent, #0b1a14);
    --_danger: var(--devroom-color-danger, #ff8a80);
    --_warning: var(--devroom-color-warning, #ffcc66);
    --_focus: var(--devroom-color-focus, #8ab4f8);
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
