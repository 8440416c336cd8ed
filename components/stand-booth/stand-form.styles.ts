import { css } from 'lit';

/** Form controls of the lazily loaded contact and editor parts. */
export const formStyles = css`
  :host {
    display: block;
  }
  form {
    display: grid;
    gap: 0.75rem;
  }
  label {
    display: block;
    font-weight: 600;
    margin-bottom: 0.2rem;
  }
  input,
  textarea {
    font: inherit;
    width: 100%;
    box-sizing: border-box;
    padding: 0.4rem 0.5rem;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_bg);
    color: var(--_fg);
  }
  textarea {
    min-height: 5rem;
    resize: vertical;
  }
  textarea.list {
    font-family: ui-monospace, monospace;
    font-size: 0.85rem;
  }
  [aria-invalid='true'] {
    border-color: var(--_danger);
  }
  .hint {
    font-size: 0.85rem;
    color: var(--_muted);
    margin: 0.15rem 0 0;
  }
  .field-error {
    color: var(--_danger);
    margin: 0.15rem 0 0;
    font-size: 0.9rem;
  }
  .field-error ul {
    margin: 0;
    padding-inline-start: 1.2rem;
  }
  .request {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  .request p {
    margin: 0 0 0.3rem;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
  .request.answered {
    opacity: 0.75;
  }
  .status.failed {
    color: var(--_danger);
  }
`;
