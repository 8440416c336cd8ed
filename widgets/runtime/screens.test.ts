import { expect, fixture, html } from '@open-wc/testing';
import { renderScreen } from './screens.js';
import { WidgetParamsError } from './params.js';

describe('runtime screens', () => {
  it('lists missing capabilities readably, is accessible, and retries', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    let retried = 0;
    renderScreen(host, 'missing-capabilities', {
      lang: 'en',
      missing: ['org.matrix.msc2762.send.state_event:dev.devroom.qa.hand#@alice:example.org', 'org.matrix.msc2762.receive.event:m.room.message#m.text'],
      onRetry: () => retried++,
    });
    const items = [...host.querySelectorAll('li')].map((li) => li.textContent);
    expect(items).to.deep.equal(['Send: dev.devroom.qa.hand (@alice:example.org)', 'Read: m.room.message (m.text)']);
    await expect(host).to.be.accessible();
    host.querySelector('button')!.click();
    expect(retried).to.equal(1);
  });

  it('speaks German', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    renderScreen(host, 'missing-capabilities', { lang: 'de-AT', missing: ['org.matrix.msc2762.receive.state_event:dev.devroom.talk#'], onRetry: () => undefined });
    expect(host.querySelector('h1')!.textContent).to.equal('Dieses Widget braucht deine Erlaubnis');
    expect(host.querySelector('li')!.textContent).to.equal('Lesen: dev.devroom.talk ("")');
    expect(host.querySelector('button')!.textContent).to.equal('Erneut versuchen');
    await expect(host).to.be.accessible();
  });

  it('renders the other screens accessibly', async () => {
    for (const kind of ['no-client', 'invalid', 'standalone'] as const) {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      renderScreen(host, kind, { lang: 'en', ...(kind === 'invalid' ? { problem: new WidgetParamsError('roomId', 'lobby') } : {}) });
      expect(host.querySelector('h1')!.textContent).to.not.equal('');
      if (kind === 'invalid') expect(host.querySelector('code')!.textContent).to.equal('roomId must be a Matrix room id like !abc:example.org (URL fragment roomId=$matrix_room_id), got lobby');
      await expect(host).to.be.accessible();
    }
  });
});
