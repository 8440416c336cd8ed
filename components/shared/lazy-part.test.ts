import { expect, fixture, html as testHtml, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import { LitElement, html } from 'lit';
import { LazyPart, loadOnce, partsSettled } from './lazy-part.js';
import { chunkBack, chunkRequests, failChunk } from '../../test/support/lazy-faults.js';

import type * as PartModule from '../../test/fixtures/lazy/part.js';

type Part = typeof PartModule;
const PART = '/test/fixtures/lazy/part.ts';

let hosts = 0;

/** An element with one on-demand part, as every devroom element has them. */
class PartHost extends LitElement {
  static override properties = { wanted: { type: Boolean } };
  wanted = false;
  loads = 0;
  readonly #id = ++hosts;
  readonly greeter = new LazyPart<Part>(this, 'the test part', () => {
    this.loads++;
    // A fresh URL per element and attempt: each test starts with a part the page has not loaded,
    // and a retry is a new request (as the build's import retry makes it: this Chromium keeps a failed fetch in the module map, test/support/find-chrome.mjs).
    return import(/* @vite-ignore */ `../../test/fixtures/lazy/part.ts?host=${this.#id}&try=${this.loads}`) as Promise<Part>;
  });

  protected override getUpdateComplete(): Promise<boolean> {
    return partsSettled(this, () => super.getUpdateComplete());
  }

  protected override willUpdate(): void {
    if (this.wanted) this.greeter.want();
  }

  protected override render() {
    if (this.greeter.module) return html`<p>${this.greeter.module.greeting}</p>`;
    if (this.greeter.failed) return html`<p role="alert">Could not load.</p><button @click=${() => this.greeter.retry()}>Retry</button>`;
    return this.wanted ? html`<p>Loading…</p>` : html`<p>Not wanted.</p>`;
  }
}
customElements.define('lazy-part-host', PartHost);

const text = (el: PartHost) => el.shadowRoot!.textContent!.replace(/\s+/g, ' ').trim();
const idle = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('the lazy-loading rule (LazyPart)', () => {
  afterEach(() => chunkBack(PART));

  it('loads a part only when wanted, once, and updateComplete waits for it', async () => {
    const el = await fixture<PartHost>(testHtml`<lazy-part-host></lazy-part-host>`);
    expect(text(el)).to.equal('Not wanted.');
    el.wanted = true;
    await el.updateComplete;
    expect(text(el)).to.equal('Hello from the part');
    el.requestUpdate();
    await el.updateComplete;
    expect(el.loads).to.equal(1);
  });

  it('a part that cannot load says so, is not asked again in the update that shows it (no loop offline), and loads at the next update', async () => {
    await failChunk(PART, 100);
    const el = await fixture<PartHost>(testHtml`<lazy-part-host wanted></lazy-part-host>`);
    await el.updateComplete;
    expect(text(el)).to.contain('Could not load.');
    const asked = el.loads;
    await idle(300);
    expect(el.loads, 'offline with nothing happening: no new attempt').to.equal(asked);
    await chunkBack(PART);
    el.requestUpdate();
    await el.updateComplete;
    expect(text(el)).to.equal('Hello from the part');
    expect((await chunkRequests(PART)).served).to.be.greaterThan(0);
  });

  it('a quiet element asks again by itself: when the browser is back online', async () => {
    await failChunk(PART, 100);
    const el = await fixture<PartHost>(testHtml`<lazy-part-host wanted></lazy-part-host>`);
    await el.updateComplete;
    expect(text(el)).to.contain('Could not load.');
    await chunkBack(PART);
    window.dispatchEvent(new Event('online'));
    await waitUntil(() => text(el) === 'Hello from the part', 'loaded once back online, with nothing else happening');
  });

  it('a quiet element asks again by itself after 5 s, then 10 s, 20 s … (never at once: no loop)', async () => {
    await failChunk(PART, 100);
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const el = await fixture<PartHost>(testHtml`<lazy-part-host wanted></lazy-part-host>`);
      await el.updateComplete;
      expect(text(el)).to.contain('Could not load.');
      const asked = el.loads;
      await clock.tickAsync(4_900);
      expect(el.loads, 'not before 5 s').to.equal(asked);
      await clock.tickAsync(200);
      await el.updateComplete;
      expect(el.loads, 'asked again after 5 s').to.equal(asked + 1);
      expect(text(el)).to.contain('Could not load.');
      await clock.tickAsync(9_000);
      expect(el.loads, 'the next wait is longer').to.equal(asked + 1);
      await chunkBack(PART);
      await clock.tickAsync(1_100);
      await el.updateComplete;
      expect(text(el)).to.equal('Hello from the part');
    } finally {
      clock.restore();
    }
  });

  it("a person's Retry loads at once", async () => {
    await failChunk(PART, 100);
    const el = await fixture<PartHost>(testHtml`<lazy-part-host wanted></lazy-part-host>`);
    await el.updateComplete;
    expect(text(el)).to.contain('Could not load.');
    await chunkBack(PART);
    el.shadowRoot!.querySelector('button')!.click();
    await el.updateComplete;
    expect(text(el)).to.equal('Hello from the part');
  });
});

describe('loadOnce (bindings and module-level parts)', () => {
  it('shares one load between callers and forgets a failure, so the next call tries again', async () => {
    let calls = 0;
    let fail = true;
    const load = loadOnce('a test module', async () => {
      calls++;
      if (fail) throw new Error('offline');
      return 42;
    });
    const [a, b] = await Promise.allSettled([load(), load()]);
    expect(a.status).to.equal('rejected');
    expect(b.status).to.equal('rejected');
    expect(calls).to.equal(1);
    fail = false;
    expect(await load()).to.equal(42);
    expect(await load()).to.equal(42);
    expect(calls).to.equal(2);
  });
});
