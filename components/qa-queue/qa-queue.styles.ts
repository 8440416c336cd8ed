import { css } from 'lit';

/** The Q&A's own looks; buttons, fields, badges and `.actions` come from controlStyles (components/shared/controls.styles.ts), adopted before this sheet. */

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
  .body {
    min-width: 0;
    flex: 1;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .actions {
    margin-top: 0.35rem;
  }
  .empty {
    padding: 0.8rem;
    color: var(--_muted);
    margin: 0;
  }
`;
