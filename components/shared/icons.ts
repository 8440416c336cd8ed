import { html } from 'lit';
import type { TemplateResult } from 'lit';

/**
 * devroom's icons: inline SVG, because emoji show as empty boxes where no emoji font is
 * installed. Each icon is its own export (a function, so a bundle keeps only the ones it
 * uses) and one whole template: 1.25em (also where no style sizes it), drawn in the text's
 * colour, class `icon`. The attributes are written out in each rather than added by a wrapper:
 * a static template is the cheapest thing Lit renders, and the Q&A's first load has no bytes
 * for a wrapper (measured: 38 B gz more). Icons are always decorative (`aria-hidden`): the
 * words beside them (visible, or `.sr-only`) say what they mean.
 */
export type Icon = () => TemplateResult;

// ---- the Q&A ----

export const thumbsUp: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M7 10v11H3V10zm0 0 4-8a2 2 0 0 1 3 2l-1 5h6a2 2 0 0 1 2 2.3l-1.4 8a2 2 0 0 1-2 1.7H7"/></svg>`;
export const raisedHand: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M18 11V6a2 2 0 0 0-4 0v4m0-1V4a2 2 0 0 0-4 0v6m0 0V6a2 2 0 0 0-4 0v8a8 8 0 0 0 16 0v-3a2 2 0 0 0-4 0"/></svg>`;

// ---- the 14 allergens of Regulation (EU) 1169/2011 ----

export const wheat: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 22V3m0 5L8 5m4 3 4-3m-4 8-4-3m4 3 4-3m-4 8-4-3m4 3 4-3"/></svg>`;
export const shrimp: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M5 7a8 8 0 1 0 14 5M5 7h6a4 4 0 0 1 0 8H8m7-6 1 3M5 7 3 3"/></svg>`;
export const egg: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 3c-4 0-7 6-7 11a7 7 0 0 0 14 0c0-5-3-11-7-11z"/></svg>`;
export const fish: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M2 12c4-6 11-6 15 0-4 6-11 6-15 0zm15 0 5-4v8zM7 11v.1"/></svg>`;
export const peanut: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="9" cy="8" r="5"/><circle cx="15" cy="16" r="5"/></svg>`;
export const soybean: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><rect x="2" y="8" width="20" height="8" rx="4"/><path d="M7 12h.1m4.9 0h.1m4.9 0h.1"/></svg>`;
export const milk: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M9 2h6m-6 0v4l-3 4v12h12V10l-3-4V2m-9 10h12"/></svg>`;
export const treeNut: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M4 10c0-3 4-5 8-5s8 2 8 5zm2 0a6 6 0 0 0 12 0M12 5V2"/></svg>`;
export const celery: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M8 22V10m4 12V7m4 15V10M8 10C6 6 8 2 12 2s6 4 4 8"/></svg>`;
export const mustard: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M12 3s-6 7-6 11a6 6 0 0 0 12 0c0-4-6-11-6-11z"/></svg>`;
export const sesame: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><ellipse cx="7" cy="9" rx="2" ry="4"/><ellipse cx="17" cy="9" rx="2" ry="4"/><ellipse cx="12" cy="16" rx="2" ry="4"/></svg>`;
export const wineGlass: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M7 3h10l-1 7a4 4 0 0 1-8 0zm5 11v7m-4 0h8"/></svg>`;
export const lupin: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><circle cx="12" cy="8" r="3"/><path d="M12 11v11m0-17V2M9 8H6m12 0h-3m-3 9c-2-2-5-2-6-1m6 1c2-2 5-2 6-1"/></svg>`;
export const shell: Icon = () =>
  html`<svg class="icon" viewBox="0 0 24 24" width="1.25em" height="1.25em" aria-hidden="true" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round"><path d="M3 15a9 9 0 0 1 18 0zm9-9v9m-5-7 3 7m7-7-3 7m-5 0v5m-2 0h4"/></svg>`;
