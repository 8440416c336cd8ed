const adopted = new WeakMap<Document, Set<string>>();

/**
 * Adds `css` to `doc` once, as a constructable stylesheet: a strict Content-Security-Policy
 * (`style-src 'self'`, docs/security.md) blocks `<style>` elements but not adopted sheets,
 * which is how Lit styles the elements too. Browsers without them get a `<style>`, as from Lit.
 */
export function adoptStyle(doc: Document, css: string): void {
  const done = adopted.get(doc) ?? new Set<string>();
  if (done.has(css)) return;
  adopted.set(doc, done.add(css));
  const win = doc.defaultView;
  if (win && 'replaceSync' in win.CSSStyleSheet.prototype && 'adoptedStyleSheets' in doc) {
    // The sheet must come from the document's own window to be adopted there.
    const sheet = new win.CSSStyleSheet();
    sheet.replaceSync(css);
    doc.adoptedStyleSheets = [...doc.adoptedStyleSheets, sheet];
  } else {
    const style = doc.createElement('style');
    style.textContent = css;
    doc.head.append(style);
  }
}
