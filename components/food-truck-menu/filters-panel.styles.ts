import { css } from 'lit';

/** The filter checkboxes: attached when the filter panel loads. */
export const filterStyles = css`
  .filtered {
    color: var(--_muted);
  }
  .checks {
    display: grid;
    grid-template-columns: repeat(auto-fill, minmax(12rem, 1fr));
    gap: 0.25rem 1rem;
  }
  .strict {
    display: block;
    margin-top: 0.5rem;
  }
`;
