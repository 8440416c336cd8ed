/**
 * A part of the booth must load again once the network is back even when a module IT needs
 * failed earlier, for another part. A failed fetch stays in the page's module map: the
 * import retry (test/support/import-retry-plugin.mjs, as in the build) asks for the part on
 * a fresh URL, but a static `import './y.js'` inside it still resolves to y's failed URL. So
 * the booth import()s such modules itself and hands them in (scripts/lazy-chains.mjs lists
 * the chains a build still has). The tests run in order in one page: each faults a module
 * this page has not loaded yet (a page fetches a module once).
 *
 * Only a browser that keeps failed fetches in its module map shows the chain: browsers before
 * whatwg/html#10327, which is most of them in use; Chromium 156 does not keep them unless
 * started with --disable-features=ModuleMapDoNotCacheFailedFetch. There these tests fail
 * without the hand-over; in a browser that fetches again they check the recovery only.
 */
import { expect } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
// register.ts only (as the widget page does): no part is loaded before a test asks for it.
import './register.js';
import { sampleStand } from './test-fixtures.js';
import { chunkFailed, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';
import { $, booth, boothText, buttonNamed } from './test-helpers.js';

const text = boothText;


describe('<devroom-stand-booth> when a module a part needs failed before', () => {
  // Faults a test left armed are cleared after it (test/support/lazy-faults.ts).
  const fault = (part: string) => failChunk(part);
  it('shows the schedule once back when the schedule readers could not load (they are not a static import of the extras part)', async () => {
    const part = '/components/stand-booth/stand-schedule.ts';
    await fault(part);
    // The booth's update waits for its parts: the readers' import and its retry have failed.
    const el = await booth();
    await chunkFailed(part, 1);
    expect(text(el)).to.contain('Kitten Linux');
    expect($(el, '[part~="schedule"]')).to.equal(null);
    // The next update asks again.
    el.presence = new Set(['@ann:example.org']);
    await chunkServed(part);
    await waitFor(() => $(el, '[part~="schedule"]'), 'the schedule');
    expect(el.currentStand?.schedule).to.have.length(2);
    expect(text(el)).to.contain('Installer demo');
  });

  it('opens the editor (and checks with it) after the words for a bad stand could not load', async () => {
    const part = '/components/stand-booth/stand-errors.ts';
    await fault(part);
    // A left-out entry has the booth load stand-errors.ts to word it for the log: it fails.
    const stand = { ...sampleStand(), links: [{ kind: 'website', url: 'javascript:alert(1)' }] };
    const el = await booth({ stand, interactive: true, canEdit: true });
    await chunkFailed(part, 1);
    await waitFor(() => $(el, '[part~="edit-button"]'), 'the Edit button');
    // The network is back: Edit. The editor's parser (stand-errors.ts) is import()ed with it.
    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await chunkServed(part);
    await waitFor(() => $(el, 'devroom-stand-editor')?.shadowRoot?.querySelector('#f-name'), 'the editor');
    const editor = $(el, 'devroom-stand-editor')!;
    expect(text(el)).to.not.contain('could not be loaded');
    // It checks what is typed, with the words: a broken mxc:// logo is refused inline.
    editor.shadowRoot!.querySelector<HTMLInputElement>('#f-logo')!.focus();
    await sendKeys({ type: ' x' });
    buttonNamed(editor.shadowRoot!, 'Save')!.click();
    await waitFor(() => editor.shadowRoot!.querySelector('#f-logo-error'), 'the logo error');
    expect(editor.shadowRoot!.querySelector('#f-logo-error')!.textContent).to.contain('is not a valid mxc:// URL');
  });

  it('joins the video booth on Try again once back when the Jitsi session code could not load (not a static import of the call UI)', async () => {
    const part = '/components/jitsi/jitsi-session.ts';
    await fault(part);
    const el = await booth({ jitsiScriptUrl: '/test/fixtures/jitsi/external_api.js' });
    buttonNamed(el.shadowRoot!, 'Join the video booth')!.click();
    await waitFor(() => text(el).includes('The video booth could not be loaded.'), 'the failure notice');
    await chunkFailed(part, 1);
    // The network is back: Try again.
    buttonNamed(el.shadowRoot!, 'Try again')!.click();
    await chunkServed(part);
    await waitFor(() => $(el, '[part="jitsi"] iframe'), 'the call');
    expect(buttonNamed(el.shadowRoot!, 'Leave the video booth')).to.not.equal(undefined);
    buttonNamed(el.shadowRoot!, 'Leave the video booth')!.click();
    await el.updateComplete;
  });
});
