import { css } from 'lit';

/**
 * Buttons, inputs and form rows. The first paint of a menu has none (the filter summary
 * is a <details>), so the views that bring controls attach this sheet when they load.
 */
export const controlStyles = css`
  .small {
    font-size: 0.875em;
  }
  button,
  select,
  input,
  textarea {
    font: inherit;
    color: inherit;
  }
  button {
    min-height: 2.25rem;
    padding: 0.25rem 0.75rem;
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    background: var(--_surface);
    cursor: pointer;
  }
  button[disabled] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  button.link {
    background: none;
    border: none;
    padding: 0.25rem;
    text-decoration: underline;
    color: inherit;
  }
  button.icon {
    min-width: 2.25rem;
    font-weight: bold;
  }
  input[type='text'],
  textarea,
  select {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.25rem 0.4rem;
  }
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  .notice,
  .issue {
    color: var(--_danger);
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    margin: 0.5rem 0;
  }
`;
