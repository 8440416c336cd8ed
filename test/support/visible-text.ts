/**
 * Visible text of a node, through shadow roots and slots (what a person reads): hidden
 * elements and styles skipped, whitespace collapsed. Works on nodes of another realm (a widget
 * iframe), so it tests node types instead of `instanceof`.
 */
export function visibleText(node: Node): string {
  if (node.nodeType === Node.TEXT_NODE) return node.textContent ?? '';
  if (node.nodeType !== Node.ELEMENT_NODE && node.nodeType !== Node.DOCUMENT_FRAGMENT_NODE) return '';
  const el = node as HTMLElement;
  if (el.hidden || el.localName === 'style') return '';
  const root = el.shadowRoot ?? node;
  const slotted = el.localName === 'slot' ? (el as HTMLSlotElement).assignedNodes() : [];
  const children = slotted.length ? slotted : [...root.childNodes];
  return children.map(visibleText).join(' ').replace(/\s+/g, ' ');
}
