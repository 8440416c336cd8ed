import { expect, fixture, html as testHtml } from '@open-wc/testing';
import { LitElement, html } from 'lit';
import sinon from 'sinon';
import { LocaleController, ensureLocale } from './i18n.js';
import type { Translations } from './i18n.js';

type Key = 'hello' | 'count';
const english = () => ({ en: { hello: 'Hello', count: (n: number) => `${n} items` } }) as Translations<Key>;

/** An element whose German loads on demand, as every devroom element's does. */
class Greeter extends LitElement {
  static translations = english();
  static loader: () => Promise<unknown> = async () => ({ hello: 'Hallo' });
  readonly i18n = new LocaleController<Key>(this, Greeter.translations);

  protected override async scheduleUpdate(): Promise<void> {
    await ensureLocale(this.i18n.lang, Greeter.translations, { de: () => Greeter.loader() }, 'i18n-greeter');
    super.scheduleUpdate();
  }

  protected override render() {
    return html`<p>${this.i18n.t('hello')}, ${this.i18n.t('count', 2)}</p>`;
  }
}
customElements.define('i18n-greeter', Greeter);

const text = (el: Element) => el.shadowRoot!.textContent!.trim();

describe('i18n', () => {
  afterEach(() => {
    sinon.restore();
    Greeter.translations = english();
  });

  it('follows the nearest lang, waits for German before rendering it, and falls back to English per key', async () => {
    let loads = 0;
    Greeter.loader = async () => (loads++, { hello: 'Hallo' });
    const page = await fixture<HTMLDivElement>(testHtml`<div lang="de-AT"><i18n-greeter></i18n-greeter><i18n-greeter></i18n-greeter></div>`);
    const [a, b] = page.querySelectorAll<Greeter>('i18n-greeter');
    await Promise.all([a!.updateComplete, b!.updateComplete]);
    expect(text(a!)).to.equal('Hallo, 2 items');
    expect(text(b!)).to.equal('Hallo, 2 items');
    expect(loads).to.equal(1);
    // Its own lang wins over the ancestor's (and is observed, as <html lang> is).
    a!.lang = 'en';
    await new Promise((r) => setTimeout(r));
    await a!.updateComplete;
    expect(text(a!)).to.equal('Hello, 2 items');
  });

  it('German that cannot load leaves English, says so once, and loads at a later update (never in a loop)', async () => {
    const errors = sinon.stub(console, 'error');
    let attempts = 0;
    let online = false;
    Greeter.loader = async () => {
      attempts++;
      if (!online) throw new TypeError('Failed to fetch dynamically imported module');
      return { hello: 'Hallo' };
    };
    const el = await fixture<Greeter>(testHtml`<i18n-greeter lang="de"></i18n-greeter>`);
    await el.updateComplete;
    expect(text(el)).to.equal('Hello, 2 items');
    expect(errors.callCount).to.equal(1);
    expect(String(errors.firstCall.args[0])).to.contain("i18n-greeter's de strings");
    await new Promise((r) => setTimeout(r, 100));
    expect(attempts, 'nothing happening: no new attempt').to.equal(1);

    online = true;
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el)).to.equal('Hallo, 2 items');
    expect(attempts).to.equal(2);
  });
});
