import { css } from 'lit';

/**
 * devroom's one look for controls, shared by the four elements and their on-demand parts:
 * buttons (plain, `.primary`, `.link`, `.icon`), fields, `.badge` (`.warn`, `.danger`),
 * `.actions` and `.row` layouts, `.notice` for problems. The focus ring and
 * `.sr-only` come with the theme tokens (theme.ts), which every element adopts first.
 * Element-specific looks stay in the element's own sheet, after this one.
 */
export const controlStyles = css`
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
    color: var(--_fg);
    cursor: pointer;
  }
  button.primary,
  button[aria-pressed='true'] {
    background: var(--_accent);
    color: var(--_accent-fg);
    border-color: var(--_accent);
  }
  button:disabled,
  button[aria-disabled='true'] {
    cursor: not-allowed;
    opacity: 0.6;
  }
  button.link {
    min-height: auto;
    background: none;
    border: none;
    padding: 0.25rem;
    text-decoration: underline;
  }
  button.icon {
    min-width: 2.25rem;
    font-weight: bold;
  }
  input:not([type='checkbox'], [type='radio']),
  textarea,
  select {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.25rem 0.4rem;
  }
  fieldset {
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    margin: 0.5rem 0;
  }
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    font-weight: 600;
    padding: 0.05rem 0.5rem;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
  }
  .badge.warn {
    color: var(--_warning);
  }
  .badge.danger {
    color: var(--_danger);
  }
  .actions,
  .row {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
  }
  .notice {
    color: var(--_danger);
  }
  .small {
    font-size: 0.875em;
  }
`;
