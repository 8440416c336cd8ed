import { css } from 'lit';

/** The menu's own look, after the shared controls (components/shared/controls.styles.ts). */
export const styles = css`
  :host {
    display: block;
    container-type: inline-size;
  }
  .base {
    background: var(--_bg);
    color: var(--_fg);
    padding: var(--_space);
    border-radius: var(--_radius);
  }
  h2,
  h3,
  h4 {
    margin: 0 0 0.25em;
    line-height: 1.25;
  }
  h2 {
    font-size: 1.4rem;
  }
  h3 {
    font-size: 1.15rem;
  }
  h4 {
    font-size: 1rem;
  }
  p {
    margin: 0.25em 0;
  }
  ul,
  ol {
    margin: 0;
    padding: 0;
    list-style: none;
  }
  .muted {
    color: var(--_muted);
  }
  .error {
    border: 2px solid var(--_danger);
    border-radius: var(--_radius);
    padding: var(--_space);
    margin-bottom: var(--_space);
  }
  .error code {
    white-space: pre-wrap;
    word-break: break-word;
  }
  .header {
    margin-bottom: var(--_space);
  }
  .open {
    color: var(--_accent);
    font-weight: 600;
  }
  .layout {
    display: grid;
    gap: calc(var(--_space) * 1.5);
  }
  .filters {
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
    padding: 0.5rem var(--_space);
    margin-bottom: var(--_space);
  }
  .filters summary {
    cursor: pointer;
    font-weight: 600;
  }
  .section {
    margin-bottom: calc(var(--_space) * 1.5);
  }
  .items {
    display: grid;
    gap: var(--_space);
  }
  .item {
    display: flex;
    gap: var(--_space);
    padding: var(--_space);
    background: var(--_surface);
    border: 1px solid var(--_border);
    border-radius: var(--_radius);
  }
  .item-body {
    flex: 1;
    min-width: 0;
  }
  .item-head {
    display: flex;
    justify-content: space-between;
    gap: 0.5rem;
    align-items: baseline;
  }
  .price {
    font-variant-numeric: tabular-nums;
    font-weight: 600;
    white-space: nowrap;
  }
  .badge {
    margin-right: 0.25rem;
  }
  .diets {
    display: flex;
    flex-wrap: wrap;
    gap: 0.25rem;
    margin: 0.25rem 0;
  }
  .diets li {
    font-size: 0.8em;
    padding: 0.1em 0.5em;
    border-radius: 999px;
    border: 1px solid var(--_border);
    background: var(--_bg);
  }
  .allergens {
    font-size: 0.875em;
    margin: 0.25rem 0;
  }
  .label {
    font-weight: 600;
  }
  .allergen-list {
    display: inline;
  }
  .allergen-list li {
    display: inline;
  }
  /* An icon (components/shared/icons.ts) at the size of its words, the gap before them its own. */
  .icon {
    vertical-align: -0.3em;
    margin-inline-end: 0.25em;
  }
  .may-contain {
    color: var(--_muted);
  }
  .row {
    margin-top: 0.5rem;
  }
  .item img,
  .image-missing {
    /* 96×96 (the img from its width/height attributes) */
    border-radius: calc(var(--_radius) / 2);
    flex: none;
  }
  .item img {
    object-fit: cover;
  }
  .image-missing {
    box-sizing: border-box;
    display: flex;
    align-items: center;
    justify-content: center;
    width: 96px;
    height: 96px;
    padding: 4px;
    overflow: hidden;
    border: 1px dashed var(--_border);
    background: var(--_bg);
    color: var(--_fg);
    font-size: 0.8rem;
    text-align: center;
    overflow-wrap: anywhere;
  }
`;
