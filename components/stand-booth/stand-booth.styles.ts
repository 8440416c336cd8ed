import { css } from 'lit';

/** Shared by the booth and its lazily loaded parts (contact, editor). Text for screen readers only uses `.sr-only` from the theme tokens. */
export const controlStyles = css`
  button {
    font: inherit;
    cursor: pointer;
    border-radius: var(--_radius);
    border: 1px solid var(--_border);
    background: var(--_surface);
    color: var(--_fg);
    padding: 0.4rem 0.85rem;
    min-height: 2.25rem;
  }
  .primary,
  [aria-pressed='true'],
  .badge.present {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
  }
  button:disabled {
    cursor: not-allowed;
    opacity: 0.6;
  }
  .actions {
    display: flex;
    gap: 0.5rem;
    flex-wrap: wrap;
    align-items: center;
  }
  .kind,
  .badge {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    border: 1px solid var(--_border);
    color: var(--_muted);
    margin-inline-end: 0.4rem;
    white-space: nowrap;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    color: var(--_danger);
    margin: 0.15rem 0 0;
    padding: 0.5rem;
    border: 1px solid var(--_danger);
    border-radius: var(--_radius);
  }
  h3 {
    margin: 0 0 0.5rem;
    font-size: 1.05rem;
  }
  ul.plain {
    list-style: none;
    margin: 0;
    padding: 0;
    display: grid;
    gap: 0.35rem;
  }
`;

export const standBoothStyles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  [part='base'] {
    background: var(--_bg);
    color: var(--_fg);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    overflow: hidden;
    line-height: 1.45;
  }
  .banner {
    display: block;
    width: 100%;
    max-height: 10rem;
    object-fit: cover;
  }
  .content {
    padding: var(--_space);
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  header {
    display: flex;
    gap: var(--_space);
    align-items: center;
    flex-wrap: wrap;
  }
  .logo {
    width: 4rem;
    height: 4rem;
    border-radius: var(--_radius);
    object-fit: contain;
    background: var(--_surface);
    flex: none;
  }
  .logo.missing {
    display: grid;
    place-items: center;
    font-size: 1.75rem;
    font-weight: 700;
    color: var(--_muted);
    border: 1px dashed var(--_border);
  }
  .titles {
    flex: 1 1 12rem;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1.4rem;
  }
  .tagline {
    margin: 0.15rem 0 0;
    color: var(--_muted);
  }
  section {
    min-width: 0;
  }
  .description p {
    margin: 0 0 0.6rem;
  }
  a {
    color: var(--_accent);
  }
  .staff-member {
    display: flex;
    gap: 0.5rem;
    align-items: baseline;
    flex-wrap: wrap;
  }
  .role {
    color: var(--_muted);
    font-size: 0.9rem;
  }
  .video-booth {
    display: grid;
    gap: 0.5rem;
  }
  .grid-2 {
    display: grid;
    gap: 0.75rem;
  }
  @container (min-width: 40rem) {
    .grid-2 {
      grid-template-columns: 1fr 1fr;
    }
  }
`;
