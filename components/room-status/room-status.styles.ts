import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
  }
  :host([state='live']),
  :host([hidden]) {
    display: none;
  }
  .base {
    padding: var(--_space);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_fg);
  }
  :host([kind='error']) .base {
    border-color: var(--_danger);
  }
  p {
    margin: 0;
  }
  a {
    color: var(--_accent);
  }
`;
