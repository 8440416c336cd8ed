import { html } from 'lit';
import type { TemplateResult } from 'lit';
import { parseMarkdown } from './markdown.js';
import type { Inline } from './markdown.js';

/**
 * A formatted stand description (markdown.ts subset) as Lit templates. Loaded only for
 * descriptions with formatting (their styles are the booth's).
 */
export function renderMarkdown(source: string): TemplateResult[] {
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
