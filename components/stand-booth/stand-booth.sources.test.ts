import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import './define.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { $, booth, boothText, buttonNamed } from './test-helpers.js';

/**
 * What the booth's URLs may point at (docs/security.md): the stand (room content, or JSON a
 * page fetched) names its Jitsi meeting, never the script that runs in the page; `src` follows
 * the rule every element's `src` follows.
 */

const FAKE = '/test/fixtures/jitsi/external_api.js';
const fakeApis = () => (window as unknown as { __fakeJitsi?: { instances: { domain: string; options: { roomName: string } }[] } }).__fakeJitsi?.instances ?? [];
const JOIN = 'Join the video booth';

async function waitFor(check: () => unknown, timeout = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting');
    await aTimeout(10);
  }
}

/** The src of every `<script>` added to the document until `until` holds. */
async function scriptsAddedUntil(until: () => unknown): Promise<string[]> {
  const added: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLScriptElement) added.push(n.src);
  });
  observer.observe(document, { childList: true, subtree: true });
  try {
    await waitFor(() => until() || added.length);
  } finally {
    observer.disconnect();
  }
  return added;
}

describe('<devroom-stand-booth> script sources', () => {
  afterEach(async () => {
    const { resetJitsiLoader } = await import('../jitsi/jitsi-loader.js');
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('offers no video booth when only the stand names a Jitsi server (its script would run in the page)', async () => {
    const el = await booth({ stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    expect(Boolean(buttonNamed(el.shadowRoot!, JOIN))).to.equal(false);
  });

  it('calls on the page’s server (jitsi-domain) whatever server the stand names; the stand names the meeting', async () => {
    const el = await booth({ jitsiDomain: 'meet.page.example', jitsiScriptUrl: FAKE, stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    buttonNamed(el.shadowRoot!, JOIN)!.click();
    await waitFor(() => $(el, '[part="jitsi"] iframe'));
    expect(fakeApis().at(-1)!.domain).to.equal('meet.page.example');
    expect(fakeApis().at(-1)!.options.roomName).to.equal('Booth');
    buttonNamed(el.shadowRoot!, 'Leave the video booth')!.click();
  });

  it('without a script URL, loads https://<page’s server>/external_api.js, not the stand server’s', async () => {
    const el = await booth({ jitsiDomain: 'meet.page.example', stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    const added = scriptsAddedUntil(() => false);
    buttonNamed(el.shadowRoot!, JOIN)!.click();
    expect(await added).to.deep.equal(['https://meet.page.example/external_api.js']);
  });

  it('refuses a src that is not http(s), as the Q&A queue and the menu do', async () => {
    const json = encodeURIComponent(JSON.stringify(sampleStand()));
    const blob = URL.createObjectURL(new Blob([JSON.stringify(sampleStand())], { type: 'application/json' }));
    for (const src of [`data:application/json,${json}`, blob, 'javascript:alert(1)', 'file:///etc/passwd']) {
      const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src=${src}></devroom-stand-booth>`);
      await waitFor(() => $(el, '[role="alert"]'));
      expect($(el, '[role="alert"]')!.textContent, src).to.contain('Could not load the stand: refused');
      expect(boothText(el), src).not.to.contain('Kitten Linux');
    }
  });
});
