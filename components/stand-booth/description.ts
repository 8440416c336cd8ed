import { css, html } from 'lit';
import type { ReactiveElement, TemplateResult } from 'lit';
import { addStyles } from '../shared/add-styles.js';
import { parseMarkdown } from './markdown.js';
import type { Inline } from './markdown.js';

/**
 * A formatted stand description (markdown.ts subset) as Lit templates. Loaded only for
 * descriptions with formatting; the booth waits for it before rendering one (no flash).
 */
/** Lists and code of formatted descriptions, added to the host with the first one. */
const styles = css`
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
`;

export function renderMarkdown(source: string, host?: ReactiveElement): TemplateResult[] {
  if (host) addStyles(host, styles);
  return parseMarkdown(source).map((block) => {
    if (block.type === 'paragraph') return html`<p>${renderInline(block.children)}</p>`;
    const items = block.items.map((item) => html`<li>${renderInline(item)}</li>`);
    return block.ordered ? html`<ol>${items}</ol>` : html`<ul>${items}</ul>`;
  });
}

function renderInline(nodes: Inline[]): (TemplateResult | string)[] {
  return nodes.map((node) => {
    switch (node.type) {
      case 'text':
        return node.text;
      case 'code':
        return html`<code>${node.text}</code>`;
      case 'strong':
        return html`<strong>${renderInline(node.children)}</strong>`;
      case 'em':
        return html`<em>${renderInline(node.children)}</em>`;
      case 'link':
        return node.href
          ? html`<a href=${node.href} rel="noopener noreferrer nofollow" target="_blank">${renderInline(node.children)}</a>`
          : html`<span>${renderInline(node.children)}</span>`;
    }
  });
}
