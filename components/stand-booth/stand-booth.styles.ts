import { css } from 'lit';

/*
 * The booth's own looks, after the shared controls (components/shared/controls.styles.ts) and
 * the theme tokens (focus ring, `.sr-only`). All three sheets are in the first load: the
 * on-demand contact form and editor adopt them from here, so no chunk of theirs is shared.
 */

/** Shared by the booth and its contact form and editor. */
export const standStyles = css`
  .badge,
  .kind {
    margin-inline-end: 0.4rem;
    white-space: nowrap;
  }
  .kind {
    display: inline-block;
    font-size: 0.75rem;
    padding: 0.05rem 0.45rem;
    border-radius: 999px;
    border: 1px solid var(--_border);
    color: var(--_muted);
  }
  .badge.present,
  .badge.now {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_accent-fg);
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

/** The form fields of the contact form and the editor. */
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
    width: 100%;
    box-sizing: border-box;
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

/** The booth's layout. */
export const boothStyles = css`
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
  .description ul,
  .description ol {
    margin: 0 0 0.6rem;
    padding-inline-start: 1.4rem;
  }
  code {
    font-family: ui-monospace, monospace;
    background: var(--_surface);
    padding: 0 0.2em;
    border-radius: 3px;
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
  .jitsi-frame {
    min-height: 22rem;
    border-radius: var(--_radius);
    overflow: hidden;
    background: var(--_surface);
  }
  .jitsi-frame[hidden] {
    display: none;
  }
  .slot-item {
    padding: 0.4rem 0.5rem;
    border-radius: var(--_radius);
    border: 1px solid transparent;
  }
  .slot-item.now {
    border-color: var(--_accent);
    background: var(--_surface);
  }
  .past,
  .slot-time {
    color: var(--_muted);
  }
  .slot-time {
    display: block;
    font-size: 0.85rem;
  }
  .badge.next {
    border-color: var(--_accent);
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
