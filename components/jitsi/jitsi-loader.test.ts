import { expect } from '@open-wc/testing';
import { JitsiSessionController } from './jitsi-session.js';
import { JitsiLoadError, jitsiScriptUrl, loadJitsiApi, resetJitsiLoader } from './jitsi-loader.js';

/** What the loader may put into a `<script>` (docs/security.md, "Script sources"). */

const FAKE = '/test/fixtures/jitsi/external_api.js';

/** The src of every `<script>` added to the document while `run` runs. */
async function scriptsAddedBy(run: () => Promise<unknown>): Promise<string[]> {
  const added: string[] = [];
  const observer = new MutationObserver((records) => {
    for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLScriptElement) added.push(n.src);
  });
  observer.observe(document, { childList: true, subtree: true });
  try {
    await run().catch(() => undefined);
  } finally {
    await Promise.resolve();
    observer.takeRecords().forEach((r) => r.addedNodes.forEach((n) => n instanceof HTMLScriptElement && added.push(n.src)));
    observer.disconnect();
  }
  return added;
}

describe('Jitsi loader: script sources', () => {
  afterEach(() => {
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('derives https://<domain>/external_api.js only from a bare host name (optionally with a port)', () => {
    expect(jitsiScriptUrl('meet.example.org')).to.equal('https://meet.example.org/external_api.js');
    expect(jitsiScriptUrl('Meet.Example.org:8443')).to.equal('https://meet.example.org:8443/external_api.js');
    expect(jitsiScriptUrl('localhost')).to.equal('https://localhost/external_api.js');
    for (const domain of [
      'evil.example/x.js?',
      'evil.example/x.js#',
      'evil.example\\x.js',
      'user@meet.example.org',
      'meet.example.org@evil.example',
      'meet.example.org:443@evil.example',
      'meet.example.org:0',
      'meet.example.org:99999',
      'meet.example.org:',
      '//evil.example',
      'https://evil.example',
      ' meet.example.org',
      'meet.example.org.',
      '-meet.example.org',
      '[::1]',
      '',
    ]) {
      expect(() => jitsiScriptUrl(domain), domain).to.throw(JitsiLoadError);
    }
  });

  it('loads a script only from https or this page’s origin', async () => {
    for (const url of [
      'http://evil.example/external_api.js',
      // Protocol-relative: http: here, like the page.
      '//evil.example/external_api.js',
      'https://user:pw@cdn.example/external_api.js',
      'data:text/javascript,window.__pwned=1',
      'javascript:window.__pwned=1',
      'blob:' + location.origin + '/x',
    ]) {
      const added = await scriptsAddedBy(() => loadJitsiApi(url, { timeoutMs: 500 }));
      expect(added, url).to.deep.equal([]);
      let error: unknown;
      await loadJitsiApi(url, { timeoutMs: 500 }).catch((e: unknown) => (error = e));
      expect(error, url).to.be.instanceOf(JitsiLoadError);
    }
    // This page's own origin (tests, a copy hosted beside the widget) and https are fine.
    expect(await scriptsAddedBy(() => loadJitsiApi(FAKE))).to.deep.equal([location.origin + FAKE]);
  });

  it('a session with a bad domain fails before any script loads, even with a script URL', async () => {
    const host = { addController() {}, removeController() {}, requestUpdate() {}, updateComplete: Promise.resolve(true) };
    const session = new JitsiSessionController(host);
    const parent = document.createElement('div');
    document.body.append(parent);
    const withDerived = await scriptsAddedBy(() => session.join(parent, { domain: 'evil.example/x.js?', room: 'r' }));
    expect(withDerived).to.deep.equal([]);
    expect(session.status).to.equal('failed');
    expect(session.error).to.contain('evil.example/x.js?');
    const withScript = await scriptsAddedBy(() => session.join(parent, { domain: 'a@evil.example', room: 'r', scriptUrl: FAKE }));
    expect(withScript).to.deep.equal([]);
    expect(session.status).to.equal('failed');
    expect(parent.querySelector('iframe')).to.equal(null);
    parent.remove();
  });
});
