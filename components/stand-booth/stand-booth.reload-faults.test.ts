/**
 * When the editor (or the video booth) fails to load again and again, a Retry alone may never work: a module it
 * shares with another part (the form styles, with the contact form) whose fetch failed once
 * stays failed in the module map of browsers that keep failures (see
 * stand-booth.chain-faults.test.ts), and only a reload fetches it again. The second failure
 * in a row says so, with a Reload button. A page of its own: the form styles must not be loaded yet.
 */
import { expect, fixture, html } from '@open-wc/testing';
import './register.js';
import { page as boothPage } from './stand-booth.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { page } from './stand-staff.js';
import { sampleStand } from './test-fixtures.js';
import { chunkBack, chunkFailed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';
import { $, boothText } from './test-helpers.js';

const text = boothText;

describe('<devroom-stand-booth> when the editor cannot load twice in a row', () => {
  const part = '/components/stand-booth/stand-form.styles.ts';
  const reload = page.reload;
  afterEach(async () => {
    page.reload = reload;
    await chunkBack(part);
  });

  it('says a reload is needed, with a Reload button that reloads', async () => {
    // Enough failures for both Edits where the browser fetches a failed module again.
    await failChunk(part, 100);
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en"></devroom-stand-booth>`);
    Object.assign(el, { stand: sampleStand(), interactive: true, canEdit: true });
    await el.updateComplete;
    await waitFor(() => $(el, '[part~="edit-button"]'), 'the Edit button');
    await chunkFailed(part, 1);

    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await waitFor(() => text(el).includes('The editor could not be loaded. Try again.'), 'the first failure');
    expect($(el, '[part~="reload-button"]')).to.equal(null);

    $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
    await waitFor(() => $(el, '[part~="reload-button"]'), 'the Reload button');
    expect($(el, '[role="alert"]')!.textContent).to.contain('The editor still could not be loaded. Reload the page to load it again.');
    expect(text(el)).to.contain('boots in under five seconds');
    // Edit stays: where the network was the cause, trying again works too.
    expect($(el, '[part~="edit-button"]')).to.not.equal(null);
    await expect(el).to.be.accessible();

    let reloaded = 0;
    page.reload = () => void reloaded++;
    $<HTMLButtonElement>(el, '[part~="reload-button"]')!.click();
    expect(reloaded).to.equal(1);
  });

  it('German', async () => {
    await failChunk(part, 100);
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="de"></devroom-stand-booth>`);
    Object.assign(el, { stand: sampleStand(), interactive: true, canEdit: true });
    await el.updateComplete;
    await waitFor(() => $(el, '[part~="edit-button"]'), 'the Edit button');
    for (let i = 0; i < 2; i++) {
      $<HTMLButtonElement>(el, '[part~="edit-button"]')!.click();
      await waitFor(() => text(el).includes(i ? 'wieder nicht' : 'Bitte erneut'), `failure ${i + 1}`);
    }
    expect($(el, '[part~="reload-button"]')!.textContent!.trim()).to.equal('Neu laden');
  });
});

describe('<devroom-stand-booth> when the video booth cannot load twice in a row', () => {
  const part = '/components/stand-booth/stand-video-booth.ts';
  const reload = boothPage.reload;
  afterEach(async () => {
    boothPage.reload = reload;
    await chunkBack(part);
  });

  it('says a reload is needed, with a Reload button beside Join that reloads', async () => {
    await failChunk(part, 100);
    // The page names the Jitsi server (the stand only its meeting).
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" jitsi-domain="meet.example.org"></devroom-stand-booth>`);
    el.stand = sampleStand();
    await el.updateComplete;
    const join = () => [...el.shadowRoot!.querySelectorAll('button')].find((b) => b.textContent?.trim() === 'Join the video booth')!;
    join().click();
    await waitFor(() => text(el).includes('The video booth could not be loaded.'), 'the first failure');
    expect($(el, '[part~="reload-button"]')).to.equal(null);

    await waitFor(() => !join().disabled, 'Join enabled');
    join().click();
    await waitFor(() => $(el, '[part~="reload-button"]'), 'the Reload button');
    expect(text(el)).to.contain('The video booth still could not be loaded. Reload the page to load it again.');
    expect(join()).to.not.equal(undefined);
    await expect(el).to.be.accessible();

    let reloaded = 0;
    boothPage.reload = () => void reloaded++;
    $<HTMLButtonElement>(el, '[part~="reload-button"]')!.click();
    expect(reloaded).to.equal(1);
  });
});
