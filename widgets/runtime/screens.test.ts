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
    // Plain words for the person; the technical name stays in the tooltip.
    const items = [...host.querySelectorAll('li')].map((li) => [li.textContent, li.title]);
    expect(items).to.deep.equal([
      ['Raise and lower your hand', 'org.matrix.msc2762.send.state_event:dev.devroom.qa.hand#@alice:example.org'],
      ['Read the questions people ask', 'org.matrix.msc2762.receive.event:m.room.message#m.text'],
    ]);
    expect(host.textContent).not.to.contain('msc2762');
    await expect(host).to.be.accessible();
    host.querySelector('button')!.click();
    expect(retried).to.equal(1);
  });

  it('speaks German', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    renderScreen(host, 'missing-capabilities', { lang: 'de-AT', missing: ['org.matrix.msc2762.receive.state_event:dev.devroom.talk#'], onRetry: () => undefined });
    expect(host.querySelector('h2')!.textContent).to.equal('Dieses Widget braucht deine Erlaubnis');
    expect(host.querySelector('li')!.textContent).to.equal('Den Vortrag sehen: Stream, Zeiten und Q&A-Anruf');
    expect(host.querySelector('button')!.textContent).to.equal('Erneut versuchen');
    await expect(host).to.be.accessible();
  });

  it('names an event type it has no words for, and capabilities that are not about events', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    renderScreen(host, 'missing-capabilities', {
      lang: 'en',
      missing: ['org.matrix.msc2762.receive.state_event:org.example.custom#key', 'org.matrix.msc4039.download_file', 'org.example.unknown'],
    });
    expect([...host.querySelectorAll('li')].map((li) => li.textContent)).to.deep.equal([
      'Read org.example.custom (key)',
      'Show pictures uploaded to Matrix',
      'org.example.unknown',
    ]);
  });

  it('says how to add a widget page opened by itself', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    renderScreen(host, 'standalone', { lang: 'en' });
    expect(host.querySelector('h1')!.textContent).to.equal('Open this widget in a Matrix room');
    expect(host.textContent).to.contain('To add it, a room moderator types this in Element:');
    const page = location.href.split('#')[0]!;
    expect(host.querySelector('code')!.textContent).to.equal(
      `/addwidget ${page}#?roomId=$matrix_room_id&userId=$matrix_user_id&displayName=$matrix_display_name&theme=$org.matrix.msc2873.client_theme&lang=$org.matrix.msc2873.client_language`,
    );
  });

  it('says "Connecting…" while the client is still asking', async () => {
    const host = await fixture<HTMLDivElement>(html`<div></div>`);
    renderScreen(host, 'connecting', { lang: 'en' });
    expect(host.querySelector('h2')!.textContent).to.equal('Connecting…');
    expect(host.querySelector('p')!.textContent).to.contain('If it asks whether to allow this widget, answer there.');
    expect(host.querySelector('button')).to.equal(null);
    await expect(host).to.be.accessible();
  });

  it('renders the other screens accessibly', async () => {
    for (const kind of ['no-client', 'invalid', 'standalone'] as const) {
      const host = await fixture<HTMLDivElement>(html`<div></div>`);
      renderScreen(host, kind, { lang: 'en', ...(kind === 'invalid' ? { problem: new WidgetParamsError('roomId', 'lobby') } : {}) });
      expect(host.querySelector(kind === 'standalone' ? 'h1' : 'h2')!.textContent).to.not.equal('');
      if (kind === 'invalid') expect(host.querySelector('code')!.textContent).to.equal('roomId must be a Matrix room id like !abc:example.org (URL fragment roomId=$matrix_room_id), got lobby');
      await expect(host).to.be.accessible();
    }
  });
});
