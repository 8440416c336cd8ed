import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { emulateMedia } from '@web/test-runner-commands';
import { LitElement, css, html } from 'lit';
import { themeTokens } from './theme.js';

class Themed extends LitElement {
  static override styles = [themeTokens, css`:host { display: block; background: var(--_bg); color: var(--_fg); }`];
  protected override render() {
    return html`<button>Ask</button>`;
  }
}
customElements.define('themed-probe', Themed);

const colours = (el: HTMLElement) => [getComputedStyle(el).backgroundColor, getComputedStyle(el).color];
const LIGHT = ['rgb(255, 255, 255)', 'rgb(23, 25, 28)'];
const DARK = ['rgb(21, 25, 30)', 'rgb(235, 238, 242)'];

describe('theme tokens', () => {
  afterEach(() => emulateMedia({ colorScheme: 'light' }));

  it("follow the person's colour scheme without a theme attribute", async () => {
    await emulateMedia({ colorScheme: 'light' });
    const el = await fixture<Themed>(testHtml`<themed-probe></themed-probe>`);
    expect(colours(el)).to.deep.equal(LIGHT);
    await emulateMedia({ colorScheme: 'dark' });
    expect(colours(el)).to.deep.equal(DARK);
  });

  it('theme="light" / "dark" win over the preference (what the widget runtime sets from Element)', async () => {
    await emulateMedia({ colorScheme: 'dark' });
    const light = await fixture<Themed>(testHtml`<themed-probe theme="light"></themed-probe>`);
    expect(colours(light)).to.deep.equal(LIGHT);
    await emulateMedia({ colorScheme: 'light' });
    const dark = await fixture<Themed>(testHtml`<themed-probe theme="dark"></themed-probe>`);
    expect(colours(dark)).to.deep.equal(DARK);
  });

  it("a page's --devroom-* properties override both schemes", async () => {
    const el = await fixture<Themed>(testHtml`<themed-probe theme="dark" style="--devroom-color-background: rgb(1, 2, 3)"></themed-probe>`);
    expect(colours(el)[0]).to.equal('rgb(1, 2, 3)');
  });
});
