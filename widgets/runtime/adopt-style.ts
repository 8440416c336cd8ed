const adopted = new WeakMap<Document, Set<string>>();

/**
 * Adds `css` to `doc` once, as a constructable stylesheet: a strict Content-Security-Policy
 * (`style-src 'self'`, docs/security.md) blocks `<style>` elements but not adopted sheets,
 * which is how Lit styles the elements too. No `<style>` fallback: every browser that renders
 * our `light-dark()` colours (Chrome 123, Firefox 120, Safari 17.5) has constructable sheets.
 */
export function adoptStyle(doc: Document, css: string): void {
  const done = adopted.get(doc) ?? new Set<string>();
  if (done.has(css)) return;
  adopted.set(doc, done.add(css));
  // The sheet must come from the document's own window to be adopted there.
  const sheet = new doc.defaultView!.CSSStyleSheet();
  sheet.replaceSync(css);
  doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
}
