import type { Watchable } from './watchable.js';
import type { Theme } from './params.js';

/** Element's theme (light/dark) onto a devroom element's `theme` attribute, live. */
export function applyTheme(element: HTMLElement, theme: Watchable<Theme | undefined>): () => void {
  return theme.subscribe((value) => {
    if (value) element.setAttribute('theme', value);
    else element.removeAttribute('theme');
  });
}
