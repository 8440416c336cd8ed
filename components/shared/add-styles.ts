import type { CSSResult, ReactiveElement } from 'lit';

/**
 * Adds a lazily loaded view's styles after the element's own, so the first paint does not
 * carry CSS for views it may never show (cart, vendor queue). Once per element and sheet.
 */
export function addStyles(host: ReactiveElement, extra: CSSResult): void {
  const root = host.renderRoot;
  if (!(root instanceof ShadowRoot)) return;
  const sheet = extra.styleSheet;
  if (sheet) {
    if (!root.adoptedStyleSheets.includes(sheet)) root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
  } else if (![...root.querySelectorAll('style')].some((s) => s.textContent === extra.cssText)) {
    // No constructable stylesheets (Lit falls back to <style> elements too).
    const style = document.createElement('style');
    style.textContent = extra.cssText;
    root.append(style);
  }
}
