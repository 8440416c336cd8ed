import { css } from 'lit';

export const styles = css`
  :host {
    display: block;
    background: var(--_bg);
    line-height: 1.4;
  }
  .base {
    display: flex;
    flex-direction: column;
    gap: var(--_space);
    padding: var(--_space);
  }
  h2 {
    margin: 0;
    font-size: 1rem;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.25rem 0.6rem;
    cursor: pointer;
    min-height: 2rem;
  }
  button.primary,
  .vote[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  button[aria-disabled='true'] {
    opacity: 0.6;
    cursor: progress;
  }
  form {
    display: grid;
    grid-template-columns: 1fr auto;
    gap: 0.4rem;
    align-items: end;
  }
  form label {
    grid-column: 1 / -1;
    font-weight: 600;
  }
  textarea,
  input {
    font: inherit;
    color: var(--_fg);
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.4rem 0.5rem;
    box-sizing: border-box;
    width: 100%;
  }
  textarea {
    resize: vertical;
    min-height: 2.6rem;
  }
  .counter,
  .meta {
    color: var(--_muted);
    font-size: 0.85rem;
  }
  .counter.over,
  .error {
    color: var(--_danger);
  }
  .form-foot {
    grid-column: 1 / -1;
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
  }
  .list-head {
    display: flex;
    justify-content: space-between;
    align-items: center;
    gap: 0.5rem;
  }
  .scroller {
    position: relative;
    overflow-y: auto;
    max-height: var(--devroom-qa-list-height, 32rem);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overscroll-behavior: contain;
  }
  .item,
  .row {
    display: flex;
    gap: 0.6rem;
    padding: 0.6rem;
    border-bottom: 1px solid var(--_border);
    background: var(--_bg);
  }
  .row:focus-visible {
    outline-offset: -2px;
  }
  .vote {
    display: flex;
    flex-direction: column;
    align-items: center;
    min-width: 3rem;
    flex: none;
    align-self: flex-start;
  }
  /* A screen in the hall: read from the back row. */
  :host([layout='projector']) {
    font-size: 1.75rem;
    --devroom-qa-list-height: 80vh;
  }
  :host([layout='projector']) h2 {
    font-size: 1.25em;
  }
  .body {
    min-width: 0;
    flex: 1;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    border-radius: 999px;
    padding: 0 0.45rem;
    background: var(--_surface);
    border: 1px solid var(--_border);
    color: var(--_fg);
  }
  .badge.warn {
    color: var(--_warning);
  }
  .badge.danger {
    color: var(--_danger);
  }
  .actions {
    display: flex;
    flex-wrap: wrap;
    gap: 0.35rem;
    margin-top: 0.35rem;
  }
  .empty {
    padding: 0.8rem;
    color: var(--_muted);
    margin: 0;
  }
`;
