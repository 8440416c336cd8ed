import { css, html } from 'lit';
import type { TemplateResult } from 'lit';
import type { PersonName, PersonNames } from './person-name.js';

/**
 * A person's name on screen with their user id on demand: the name alone when it is safe
 * (the id on hover, on keyboard focus, and always for screen readers); "Name (@id)" or the id
 * when the name rule says so (person-name.ts). Apart from the rule, which only bindings run.
 */

/** What to show for `userId`: the room's names when the binding gave them, else the page's own `fallback` name (the id on demand) or the id. */
export function personOf(names: PersonNames | undefined, userId: string, fallback?: string): PersonName {
  const name = fallback && fallback !== userId ? fallback : undefined;
  return names ? names(userId) : { id: userId, ...(name ? { name } : {}), withId: false, text: name ?? userId };
}

export function personLabel(person: PersonName): TemplateResult {
  if (person.name === undefined) return html`<bdi class="person">${person.id}</bdi>`;
  if (person.withId) return html`<span class="person"><bdi dir="auto">${person.name}</bdi> (${person.id})</span>`;
  return html`<span class="person" tabindex="0" title=${person.id}
    ><bdi dir="auto">${person.name}</bdi><span class="person-id"> (${person.id})</span></span
  >`;
}

/** Include in the element's styles: the id of a named person shows on hover and focus only. */
export const personStyles = css`
  .person-id {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip-path: inset(50%);
    white-space: nowrap;
  }
  .person:is(:hover, :focus) .person-id {
    position: static;
    width: auto;
    height: auto;
    clip-path: none;
  }
`;
