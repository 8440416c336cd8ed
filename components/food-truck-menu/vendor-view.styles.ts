import { css } from 'lit';

/** The vendor's order queue and item admin: attached when the vendor view loads. */
export const vendorStyles = css`
  .issue {
    color: var(--_danger);
  }
  .tabs {
    display: flex;
    gap: 0.5rem;
    margin-bottom: var(--_space);
  }
  .item.hidden {
    border-style: dashed;
  }
  .stats {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem 1rem;
  }
  .columns {
    display: grid;
    gap: var(--_space);
    margin-top: var(--_space);
  }
  @container (min-width: 720px) {
    .columns {
      grid-template-columns: repeat(4, minmax(0, 1fr));
    }
  }
  .column {
    background: var(--_surface);
    border-radius: var(--_radius);
    padding: 0.5rem;
  }
  .count {
    font-variant-numeric: tabular-nums;
    color: var(--_muted);
  }
  .order {
    background: var(--_bg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem;
    margin-bottom: 0.5rem;
  }
  .order-head {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    flex-wrap: wrap;
  }
  .pickup {
    font-size: 1.25em;
  }
  .admin {
    display: flex;
    flex-wrap: wrap;
    gap: 0.5rem;
    align-items: center;
    margin-top: 0.5rem;
  }
  button.danger {
    background: var(--_danger);
    color: var(--_bg);
    border-color: var(--_danger);
  }
  .order-note {
    display: block;
    margin-top: 0.5rem;
  }
`;
