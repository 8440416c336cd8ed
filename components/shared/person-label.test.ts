import { expect, fixture } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import { themeTokens } from './theme.js';
import { personLabel, personOf, personStyles } from './person-label.js';
import { NameBook } from './person-name.js';
import type { PersonName } from './person-name.js';

class PersonLabelDemo extends LitElement {
  static override styles = [themeTokens, personStyles];
  static override properties = { people: { attribute: false } };
  people: PersonName[] = [];
  override render() {
    return html`<ul>
      ${this.people.map((p) => html`<li>${personLabel(p)}</li>`)}
    </ul>`;
  }
}
customElements.define('person-label-demo', PersonLabelDemo);

/** Text as a person sees it: what is clipped out of sight left out. */
function seen(node: Element): string {
  const walker = document.createTreeWalker(node, NodeFilter.SHOW_TEXT);
  let text = '';
  for (let n = walker.nextNode(); n; n = walker.nextNode()) if (n.parentElement!.getBoundingClientRect().width > 1) text += n.textContent;
  return text.replace(/\s+/g, ' ').trim();
}

describe('person label: a name with the id on demand', () => {
  it('shows the name alone, the id on focus and in the tooltip; "Name (@id)" and the id where the rule says so; axe-clean', async () => {
    const book = new NameBook();
    book.set('@ana:example.org', 'Ana');
    book.set('@bo:example.org', 'Bo');
    book.set('@bo:evil.example', 'BO');
    book.set('@eve:evil.example', '@ana:example.org');
    const el = await fixture<PersonLabelDemo>(html`<person-label-demo></person-label-demo>`);
    el.people = ['@ana:example.org', '@bo:example.org', '@eve:evil.example'].map(book.person);
    await el.updateComplete;
    const items = [...el.shadowRoot!.querySelectorAll('li')];
    expect(items.map(seen)).to.deep.equal(['Ana', 'Bo (@bo:example.org)', '@eve:evil.example']);
    // Screen readers read the id of a named person (it is only out of sight).
    expect(items[0]!.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Ana (@ana:example.org)');
    const ana = items[0]!.querySelector<HTMLElement>('.person')!;
    expect(ana.title).to.equal('@ana:example.org');
    ana.focus();
    expect(seen(items[0]!)).to.equal('Ana (@ana:example.org)');
    await expect(el).to.be.accessible();
  });

  it("without the room's names: the page's own name, else the id", () => {
    expect(personOf(undefined, '@ana:example.org', 'Ana')).to.deep.equal({ id: '@ana:example.org', name: 'Ana', withId: false, text: 'Ana' });
    expect(personOf(undefined, '@ana:example.org', '@ana:example.org').text).to.equal('@ana:example.org');
    expect(personOf(undefined, '@ana:example.org').text).to.equal('@ana:example.org');
  });
});
