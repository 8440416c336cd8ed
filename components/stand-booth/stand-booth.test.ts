import { expect, fixture, html, oneEvent, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import './define.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { booth } from './test-helpers.js';

const shadow = (el: DevroomStandBooth) => el.shadowRoot!;
/** The booth's shadow root plus those of its lazily loaded parts (contact, editor). */
const roots = (el: DevroomStandBooth): ShadowRoot[] => [
  shadow(el),
  ...[...shadow(el).querySelectorAll('devroom-stand-contact, devroom-stand-editor')].flatMap((p) => (p.shadowRoot ? [p.shadowRoot] : [])),
];
const $ = <T extends Element = HTMLElement>(el: DevroomStandBooth, selector: string): T | null =>
  roots(el).map((r) => r.querySelector<Element>(selector)).find(Boolean) as T | null ?? null;
const $$ = (el: DevroomStandBooth, selector: string) => roots(el).flatMap((r) => [...r.querySelectorAll<HTMLElement>(selector)]);
/** Rendered text, including the lazily loaded parts (innerText does not enter nested shadow roots). */
const visibleText = (el: DevroomStandBooth) =>
  [
    (shadow(el).querySelector('[part="base"]') as HTMLElement).innerText,
    ...roots(el)
      .slice(1)
      .flatMap((r) => [...r.children].map((c) => (c as HTMLElement).innerText ?? '')),
  ].join('\n');
const buttonNamed = (el: DevroomStandBooth, name: string | RegExp) =>
  $$(el, 'button').find((b) => (typeof name === 'string' ? b.textContent?.trim() === name : name.test(b.textContent ?? '')));
const deepActive = (el: DevroomStandBooth): Element | null => {
  let active = shadow(el).activeElement;
  while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
  return active;
};

/** Presses Tab until `match` has focus inside the element; fails if it is never reached. */
async function tabTo(el: DevroomStandBooth, match: (active: Element) => boolean, max = 60): Promise<void> {
  for (let i = 0; i < max; i++) {
    const active = deepActive(el);
    if (active && match(active)) return;
    await sendKeys({ press: 'Tab' });
  }
  throw new Error('element not reachable with Tab');
}
const byText = (text: string) => (a: Element) => a.textContent?.trim() === text;
const byId = (id: string) => (a: Element) => a.id === id;


describe('<devroom-stand-booth>', () => {
  it('renders a real-looking stand from its config', async () => {
    const el = await booth();
    const text = visibleText(el);
    for (const expected of [
      'Kitten Linux',
      'A tiny distribution for old laptops',
      'boots in under five seconds',
      'see the installer live',
      'Website',
      'Source code',
      'Handbook',
      'Kitten 4.2 ISO',
      'Mastodon',
      'Installer demo',
      'Meet the maintainers',
      'Ann',
      'Release manager',
      'Open: Kitten in 3 minutes',
    ]) {
      expect(text).to.contain(expected);
    }
    expect($(el, '.description strong')?.textContent).to.equal('under five seconds');
    // The list styles come with the lazily loaded renderer.
    expect(getComputedStyle($(el, '.description ul')!).paddingInlineStart).to.equal('22.4px');
    expect($<HTMLAnchorElement>(el, '.description a')?.href).to.equal('https://kitten.example.org/team');
    expect($<HTMLAnchorElement>(el, '[part="downloads"] a')?.hasAttribute('download')).to.equal(true);
    // The schedule shows the viewer's zone (here pinned to Brussels).
    expect(text).to.contain('Sun, Feb 1, 10:00 AM–10:30 AM GMT+1');
    // mxc logo with no resolver: shown as missing (placeholder), never as a broken image.
    expect($(el, 'img.logo')).to.equal(null);
    expect($(el, '.logo.missing')?.textContent).to.equal('K');
    // Plain page: no handler wired, so no contact form, presence toggle or editor.
    expect($(el, '[part="contact-form"]')).to.equal(null);
    expect(buttonNamed(el, 'Edit stand')).to.equal(undefined);
  });

  it('resolves mxc media through resolveMedia', async () => {
    const el = await booth({
      resolveMedia: (url: string) => url.replace('mxc://', 'https://matrix.example.org/_matrix/media/v3/download/'),
    });
    expect($<HTMLImageElement>(el, 'img.logo')?.src).to.equal(
      'https://matrix.example.org/_matrix/media/v3/download/example.org/abcDEF123',
    );
  });

  it('accepts a blob: URL from resolveMedia (authenticated media downloads) but never javascript:', async () => {
    const blob = URL.createObjectURL(new Blob(['x'], { type: 'image/png' }));
    const el = await booth({ resolveMedia: () => blob });
    expect($<HTMLImageElement>(el, 'img.logo')?.getAttribute('src')).to.equal(blob);
    el.resolveMedia = () => 'javascript:alert(1)';
    await el.updateComplete;
    expect($(el, 'img.logo')).to.equal(null);
  });

  it('updates live when the stand property changes, and keeps the last good stand on invalid input', async () => {
    const el = await booth();
    el.stand = { ...sampleStand(), name: 'Kitten Linux 5', tagline: 'Now with more whiskers' };
    await el.updateComplete;
    expect(visibleText(el)).to.contain('Kitten Linux 5');
    expect(visibleText(el)).to.contain('Now with more whiskers');
    el.stand = { tagline: 'no name' };
    await el.updateComplete;
    expect($(el, '[role="alert"]')?.textContent).to.contain('name is required');
    expect(visibleText(el)).to.contain('Kitten Linux 5');
    // A notice from whoever binds the booth shows as its own alert, beside the error.
    el.notice = 'The room refused the change';
    await el.updateComplete;
    const alerts = $$(el, '[role="alert"]').map((p) => p.textContent);
    expect(alerts).to.have.length(2);
    expect(alerts[0]).to.contain('name is required');
    expect(alerts[1]).to.equal('The room refused the change');
    expect($(el, '[part~="notice"]')?.textContent).to.equal('The room refused the change');
  });

  it('loads a JSON src, and shows a clear error for invalid JSON while keeping the last good stand', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src="/test/fixtures/stand/kitten.json"></devroom-stand-booth>`);
    await waitFor(() => visibleText(el).includes('Kitten Linux'));
    const bad = sinon.stub(window, 'fetch').resolves(new Response('{ "name": "Broken", '));
    try {
      el.src = '/broken.json';
      await waitFor(() => Boolean($(el, '[role="alert"]')));
    } finally {
      bad.restore();
    }
    expect($(el, '[role="alert"]')?.textContent).to.contain('not valid JSON');
    expect(visibleText(el)).to.contain('Kitten Linux');
  });

  it('shows the schedule and video of a stand read from a JSON src', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src="/test/fixtures/stand/kitten.json"></devroom-stand-booth>`);
    await waitFor(() => Boolean(el.currentStand));
    await el.updateComplete;
    expect(el.currentStand?.schedule).to.have.length(2);
    expect($(el, '[part~="schedule"]')).not.to.equal(null);
    expect($(el, '[part~="video"]')).not.to.equal(null);
  });

  // What the booth's URLs may point at (docs/security.md): src follows the rule every element's src follows.
  it('refuses a src that is not http(s), as the Q&A queue and the menu do', async () => {
    const json = encodeURIComponent(JSON.stringify(sampleStand()));
    const blob = URL.createObjectURL(new Blob([JSON.stringify(sampleStand())], { type: 'application/json' }));
    for (const src of [`data:application/json,${json}`, blob, 'javascript:alert(1)', 'file:///etc/passwd']) {
      const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src=${src}></devroom-stand-booth>`);
      await waitFor(() => Boolean($(el, '[role="alert"]')));
      expect($(el, '[role="alert"]')!.textContent, src).to.contain('Could not load the stand: refused');
      expect(visibleText(el), src).not.to.contain('Kitten Linux');
    }
  });

  it('aborts a slow src load when src changes, so a stale response never wins', async () => {
    const slow = sinon.stub(window, 'fetch');
    let aborted = false;
    slow.onFirstCall().callsFake((_url, init) => {
      init?.signal?.addEventListener('abort', () => (aborted = true));
      return new Promise<Response>((resolve) => setTimeout(() => resolve(new Response(JSON.stringify({ name: 'Stale' }))), 100));
    });
    slow.onSecondCall().resolves(new Response(JSON.stringify({ name: 'Fresh' })));
    try {
      const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src="/first.json"></devroom-stand-booth>`);
      el.src = '/second.json';
      await waitFor(() => visibleText(el).includes('Fresh'));
      await aTimeout(150);
      expect(aborted).to.equal(true);
      expect(visibleText(el)).not.to.contain('Stale');
    } finally {
      slow.restore();
    }
  });

  it('plays the featured video in <devroom-talk-player>, loaded only on demand', async () => {
    const src = new URL('/test/fixtures/hls/talk.mp4', location.href).href;
    const el = await booth({ stand: { ...sampleStand(), video: { src, title: 'Kitten in 3 minutes' } } });
    expect($(el, 'devroom-talk-player')).to.equal(null);
    expect($<HTMLAnchorElement>(el, '[part="video"] a')!.href).to.equal(src);
    buttonNamed(el, 'Play here: Kitten in 3 minutes')!.click();
    await waitFor(() => Boolean($(el, 'devroom-talk-player')));
    const player = $(el, 'devroom-talk-player')!;
    expect(customElements.get('devroom-talk-player')).to.not.equal(undefined);
    expect(player.getAttribute('src')).to.equal(src);
    expect(player.getAttribute('talk-title')).to.equal('Kitten in 3 minutes');
    // No schedule given: the player treats it as a recording (VOD), not as an upcoming talk.
    expect(player.hasAttribute('starts-at')).to.equal(false);
  });

  it('renders a stand without schedule and video (their part is not needed) and adds them when they arrive', async () => {
    const { schedule: _schedule, video: _video, ...bare } = sampleStand() as Record<string, unknown>;
    const el = await booth({ stand: bare });
    expect($(el, '[part="schedule"]')).to.equal(null);
    expect($(el, '[part="video"]')).to.equal(null);
    expect(visibleText(el)).to.contain('People');
    el.stand = sampleStand();
    await el.updateComplete;
    expect($(el, '[part="schedule"]')).to.not.equal(null);
  });

  it('uses slotted content on a plain page', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en">
      <span slot="name">Slotted Stand</span>
      <p slot="description">Hand-written description.</p>
    </devroom-stand-booth>`);
    expect(el.innerText).to.contain('Slotted Stand');
    expect(el.innerText).to.contain('Hand-written description.');
    expect(visibleText(el)).not.to.contain('not been set up');
  });

  it('renders plain descriptions (no renderer loaded) exactly as the Markdown renderer would', async () => {
    const { renderMarkdown } = await import('./description.js');
    const { render } = await import('lit');
    const expected = (source: string) => {
      const div = document.createElement('div');
      render(renderMarkdown(source), div);
      return [...div.children].map((c) => c.outerHTML).join('').replace(/<!--.*?-->/g, '');
    };
    const shown = (el: DevroomStandBooth) =>
      [...el.shadowRoot!.querySelectorAll('[part="description"] slot[name="description"] > *')]
        .map((c) => c.outerHTML)
        .join('')
        .replace(/<!--.*?-->/g, ''); // Lit's markers differ (string vs array), the markup must not
    for (const description of [
      'One line\r\n  continued here  \n\n\n   \nSecond paragraph.\rThird line',
      'Plain (with parentheses) > and 3 items - but no list.',
      'Some **bold** and a list:\n\n- one\n- two\n\n1. first',
    ]) {
      const el = await booth({ stand: { ...sampleStand(), description } });
      expect(shown(el), description).to.equal(expected(description));
      el.remove();
    }
  });

  it('neutralises hostile descriptions and links', async () => {
    const el = await booth({
      stand: {
        name: '<b>Evil</b>',
        description: '<img src=x onerror="window.hacked=1"> <script>window.hacked=1</script>\n\n[click me](javascript:alert(1)) and [data](data:text/html,hi)',
        links: [
          { kind: 'website', label: 'Evil', url: 'javascript:alert(1)' },
          { kind: 'docs', label: 'Docs', url: 'https://docs.example.org' },
        ],
        social: [{ network: 'x', url: 'vbscript:msgbox(1)' }],
        logo: 'javascript:alert(1)',
      },
    });
    await aTimeout(20);
    expect((window as unknown as { hacked?: number }).hacked).to.equal(undefined);
    expect($(el, '[part="description"] img')).to.equal(null);
    expect($(el, '[part="description"] script')).to.equal(null);
    expect(visibleText(el)).to.contain('<img src=x onerror="window.hacked=1">');
    expect($(el, 'h2')?.textContent?.trim()).to.equal('<b>Evil</b>');
    const hrefs = $$(el, 'a').map((a) => a.getAttribute('href'));
    expect(hrefs).to.deep.equal(['https://docs.example.org/']);
    expect(visibleText(el)).to.contain('click me');
    expect(visibleText(el)).not.to.contain('Evil\n');
  });

  describe('people', () => {
    it('shows who is at the booth and a presence toggle only for the current staff member', async () => {
      const el = await booth({ interactive: true, currentUser: '@bo:example.org', presence: new Set(['@ann:example.org', '@eve:example.org']) });
      expect(visibleText(el)).to.contain('At the booth now: Ann');
      // A non-staff user id in presence is ignored.
      expect(visibleText(el)).not.to.contain('eve');
      const toggles = $$(el, '[part~="presence-toggle"]');
      expect(toggles).to.have.length(1);
      expect(toggles[0]!.getAttribute('aria-pressed')).to.equal('false');
      // The staff part brings its styles: the "saved" status is for screen readers only.
      expect(getComputedStyle($(el, '.sr-only[role="status"]')!).width).to.equal('1px');

      setTimeout(() => toggles[0]!.click());
      const event = await oneEvent(el, 'devroom-presence');
      expect(event.detail).to.deep.equal({ present: true });
      expect(event.bubbles && event.composed).to.equal(true);

      el.presence = ['@ann:example.org', '@bo:example.org'];
      await el.updateComplete;
      expect(visibleText(el)).to.contain('At the booth now: Ann, Bo');
      expect($(el, '[part~="presence-toggle"]')!.getAttribute('aria-pressed')).to.equal('true');
      setTimeout(() => $(el, '[part~="presence-toggle"]')!.click());
      expect((await oneEvent(el, 'devroom-presence')).detail).to.deep.equal({ present: false });
    });

    it('gives visitors and signed-out viewers no presence toggle', async () => {
      const visitor = await booth({ interactive: true, currentUser: '@visitor:example.org' });
      expect($(visitor, '[part~="presence-toggle"]')).to.equal(null);
      const anonymous = await booth({ interactive: true });
      expect($(anonymous, '[part~="presence-toggle"]')).to.equal(null);
      const plain = await booth({ currentUser: '@ann:example.org' });
      expect($(plain, '[part~="presence-toggle"]')).to.equal(null);
    });
  });

  describe('contact requests', () => {
    it('sends a request, shows it pending, then sent, failed with retry, and answered', async () => {
      const el = await booth({ interactive: true, currentUser: '@visitor:example.org' });
      $<HTMLTextAreaElement>(el, '#message')!.focus();
      await sendKeys({ type: 'Can I get a USB stick?' });
      $<HTMLInputElement>(el, '#contact')!.focus();
      await sendKeys({ type: 'me@example.org' });
      setTimeout(() => buttonNamed(el, 'Leave your contact')!.click());
      const event = await oneEvent(el, 'devroom-contact-request');
      expect(event.detail).to.deep.include({ message: 'Can I get a USB stick?', contact: 'me@example.org' });
      const { localId } = event.detail;
      expect(localId).to.match(/^\S+$/);
      await el.updateComplete;
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Can I get a USB stick?');
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Sending…');
      expect($<HTMLTextAreaElement>(el, '#message')!.value).to.equal('');

      el.ownRequests = [{ localId, message: 'Can I get a USB stick?', status: 'failed', error: 'network down' }];
      await el.updateComplete;
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Could not be sent: network down');
      setTimeout(() => buttonNamed(el, 'Try again')!.click());
      const retry = await oneEvent(el, 'devroom-contact-request');
      expect(retry.detail).to.deep.equal({ localId, message: 'Can I get a USB stick?' });
      await el.updateComplete;
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Sending…');

      el.ownRequests = [{ localId, message: 'Can I get a USB stick?', status: 'sent' }];
      await el.updateComplete;
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Sent');
      el.ownRequests = [{ localId, message: 'Can I get a USB stick?', status: 'answered' }];
      await el.updateComplete;
      expect($(el, '[part="own-requests"]')!.textContent).to.contain('Answered');
      expect($$(el, '[part="own-requests"] li')).to.have.length(1);
    });

    it('refuses an empty or too long message without emitting', async () => {
      const el = await booth({ interactive: true });
      const spy = sinon.spy();
      el.addEventListener('devroom-contact-request', spy);
      buttonNamed(el, 'Leave your contact')!.click();
      await el.updateComplete;
      expect($(el, '#message-error')!.textContent).to.equal('Please write a message.');
      expect($(el, '#message')!.getAttribute('aria-invalid')).to.equal('true');
      expect(deepActive(el)?.id).to.equal('message');
      const area = $<HTMLTextAreaElement>(el, '#message')!;
      area.value = 'x'.repeat(2001);
      area.dispatchEvent(new Event('input'));
      buttonNamed(el, 'Leave your contact')!.click();
      await el.updateComplete;
      expect($(el, '#message-error')!.textContent).to.contain('at most 2000');
      expect(spy.called).to.equal(false);
    });

    it('lists requests for staff and lets them mark answered', async () => {
      const el = await booth({
        interactive: true,
        canManage: true,
        currentUser: '@ann:example.org',
        contactRequests: [
          { id: '$1', sender: '@v1:example.org', senderName: 'Visitor One', message: 'Old question', createdAt: Date.parse('2026-02-01T09:00:00Z'), status: 'answered' },
          { id: '$2', sender: '@v2:example.org', message: 'Do you ship ARM images?', contact: 'v2@example.org', createdAt: Date.parse('2026-02-01T09:30:00Z'), status: 'open' },
        ],
      });
      const items = $$(el, '[part="incoming-requests"] li');
      expect(items[0]!.innerText).to.contain('Do you ship ARM images?');
      expect(items[0]!.innerText).to.contain('Contact: v2@example.org');
      // The name, with the id beside it for screen readers and on focus (person-label.ts).
      expect(items[1]!.innerText).to.match(/From Visitor One\s*\(@v1:example\.org\)/);
      setTimeout(() => buttonNamed(el, 'Mark answered')!.click());
      expect((await oneEvent(el, 'devroom-contact-status')).detail).to.deep.equal({ requestId: '$2', status: 'answered' });
      setTimeout(() => buttonNamed(el, 'Reopen')!.click());
      expect((await oneEvent(el, 'devroom-contact-status')).detail).to.deep.equal({ requestId: '$1', status: 'open' });
    });

    it('hides the staff view from visitors', async () => {
      const el = await booth({ interactive: true, contactRequests: [{ id: '$2', sender: '@v:x', message: 'secret', createdAt: 0, status: 'open' }] });
      expect($(el, '[part="incoming-requests"]')).to.equal(null);
    });
  });

  describe('editing', () => {
    it('an editor opening an empty booth can set it up (Edit stand shows before there is any stand)', async () => {
      const el = await booth({ stand: undefined, interactive: true, canEdit: true });
      expect(visibleText(el)).to.contain('not been set up');
      buttonNamed(el, 'Edit stand')!.click();
      await el.updateComplete;
      expect($<HTMLInputElement>(el, '#f-name')).to.not.equal(null);
    });

    it('validates inline, never emits an invalid config, and emits a valid one', async () => {
      const el = await booth({ interactive: true, canEdit: true });
      const spy = sinon.spy();
      el.addEventListener('devroom-stand-update', spy);
      buttonNamed(el, 'Edit stand')!.click();
      await el.updateComplete;
      const name = $<HTMLInputElement>(el, '#f-name')!;
      expect(name.value).to.equal('Kitten Linux');
      name.value = '';
      name.dispatchEvent(new Event('input'));
      const links = $<HTMLTextAreaElement>(el, '#f-links')!;
      links.value = `${links.value}\nwebsite | Evil | javascript:alert(1)`;
      links.dispatchEvent(new Event('input'));
      buttonNamed(el, 'Save')!.click();
      await aTimeout(0);
      await el.updateComplete;
      expect(spy.called).to.equal(false);
      expect($(el, '#f-name-error')!.textContent).to.contain('is required');
      expect($(el, '#f-links-error')!.textContent).to.contain('Line 5: url refused javascript: URL');
      expect($(el, '#f-links')!.getAttribute('aria-invalid')).to.equal('true');
      expect(deepActive(el)?.id).to.equal('f-name');

      name.value = 'Kitten Linux (edited)';
      name.dispatchEvent(new Event('input'));
      links.value = links.value.replace('javascript:alert(1)', 'https://evil.example.org');
      links.dispatchEvent(new Event('input'));
      setTimeout(() => buttonNamed(el, 'Save')!.click());
      const event = await oneEvent(el, 'devroom-stand-update');
      expect(event.detail.stand.name).to.equal('Kitten Linux (edited)');
      expect(event.detail.stand.links).to.have.length(5);
      await el.updateComplete;
      expect($(el, '[part="editor"]')).to.equal(null);
    });

    it('needs both interactive and canEdit', async () => {
      const el = await booth({ canEdit: true });
      expect(buttonNamed(el, 'Edit stand')).to.equal(undefined);
    });

    it('speaks German too (the staff tools bring their own strings)', async () => {
      const el = await booth({ interactive: true, canEdit: true, currentUser: '@ann:example.org' });
      el.setAttribute('lang', 'de');
      await aTimeout(0);
      await el.updateComplete;
      expect(buttonNamed(el, 'Ich bin am Stand')).to.not.equal(undefined);
      buttonNamed(el, 'Stand bearbeiten')!.click();
      await el.updateComplete;
      expect($(el, 'devroom-stand-editor')!.getAttribute('lang')).to.equal('de');
    });
  });

  describe('schedule', () => {
    let clock: sinon.SinonFakeTimers;
    afterEach(() => clock?.restore());

    it('marks now and next and moves on with the clock', async () => {
      clock = sinon.useFakeTimers({ now: Date.parse('2026-02-01T08:00:00Z'), toFake: ['Date', 'setTimeout', 'clearTimeout'] });
      const el = await booth();
      const badges = () => $$(el, '[part="schedule"] li').map((li) => li.querySelector('.badge')?.textContent ?? '');
      expect(badges()).to.deep.equal(['Next', '']);
      expect(visibleText(el)).to.contain('Nothing scheduled right now.');

      clock.tick(60 * 60 * 1000 + 100); // 09:00Z = 10:00 Brussels: demo starts
      await el.updateComplete;
      expect(badges()).to.deep.equal(['Now', 'Next']);
      expect(visibleText(el)).to.contain('Happening now: Installer demo');
      expect($(el, '[part="schedule"] li')!.getAttribute('aria-current')).to.equal('time');
      // The schedule's styles come with its lazily loaded part: the running slot is outlined.
      expect(getComputedStyle($(el, '[part="schedule"] li')!).borderTopColor).not.to.equal('rgba(0, 0, 0, 0)');
      expect(getComputedStyle($(el, '.slot-time')!).display).to.equal('block');

      clock.tick(30 * 60 * 1000); // demo over
      await el.updateComplete;
      expect(badges()).to.deep.equal(['', 'Next']);

      clock.tick(90 * 60 * 1000); // 11:00Z: meet the maintainers
      await el.updateComplete;
      expect(badges()).to.deep.equal(['', 'Now']);
    });
  });

  it('translates to German', async () => {
    const el = await booth({ interactive: true });
    el.setAttribute('lang', 'de');
    await aTimeout(0);
    await el.updateComplete;
    expect(visibleText(el)).to.contain('Programm am Stand');
    expect(visibleText(el)).to.contain('Kontakt hinterlassen');
    expect(visibleText(el)).to.contain('So., 1. Feb.');
  });

  it('is accessible in the full staff view and in the editor', async () => {
    const el = await booth({
      interactive: true,
      canManage: true,
      canEdit: true,
      currentUser: '@ann:example.org',
      presence: ['@ann:example.org'],
      ownRequests: [{ localId: 'a', message: 'Hi', status: 'failed' }],
      contactRequests: [{ id: '$2', sender: '@v:x', message: 'hello', createdAt: 0, status: 'open' }],
    });
    await expect(el).to.be.accessible();
    buttonNamed(el, 'Edit stand')!.click();
    await el.updateComplete;
    buttonNamed(el, 'Save')!.click();
    await el.updateComplete;
    await expect(el).to.be.accessible();
  });

  it('is accessible in dark theme', async () => {
    const el = await booth({ theme: 'dark', interactive: true });
    await expect(el).to.be.accessible();
  });

  it('can be operated by keyboard: presence, video, contact, retry, staff answer, edit', async () => {
    const el = await booth({
      interactive: true,
      canManage: true,
      canEdit: true,
      currentUser: '@ann:example.org',
      contactRequests: [{ id: '$9', sender: '@v:x', message: 'hello', createdAt: 0, status: 'open' }],
    });
    const events: string[] = [];
    const requests: { localId: string }[] = [];
    el.addEventListener('devroom-contact-request', (e) => requests.push(e.detail));
    for (const name of ['devroom-presence', 'devroom-contact-request', 'devroom-contact-status', 'devroom-stand-update'] as const) {
      el.addEventListener(name, () => events.push(name));
    }
    el.focus();
    await sendKeys({ press: 'Tab' });
    await tabTo(el, (a) => a.getAttribute('part')?.includes('presence-toggle') ?? false);
    await sendKeys({ press: 'Space' });
    await tabTo(el, byId('message'));
    await sendKeys({ type: 'Keyboard hello' });
    await tabTo(el, byText('Leave your contact'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    const sent = $$(el, '[part="own-requests"] li');
    expect(sent).to.have.length(1);
    // The binding reports a failure; the visitor retries from the keyboard.
    const localId = requests[0]!.localId;
    el.ownRequests = [{ localId, message: 'Keyboard hello', status: 'failed' }];
    await el.updateComplete;
    $(el, 'button')!.focus();
    await tabTo(el, byText('Try again'));
    await sendKeys({ press: 'Enter' });
    await tabTo(el, byText('Mark answered'));
    await sendKeys({ press: 'Enter' });
    $(el, 'button')!.focus();
    await tabTo(el, byText('Edit stand'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(deepActive(el)?.id).to.equal('f-name');
    await sendKeys({ type: '!' });
    await tabTo(el, byText('Save'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(events).to.deep.equal([
      'devroom-presence',
      'devroom-contact-request',
      'devroom-contact-request',
      'devroom-contact-status',
      'devroom-stand-update',
    ]);
    // Focus returns to the edit button after saving.
    expect(deepActive(el)?.textContent?.trim()).to.equal('Edit stand');
    // The featured video starts from the keyboard too.
    await tabTo(el, byText('Play here: Kitten in 3 minutes'));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => Boolean($(el, 'devroom-talk-player')));
  });
});

async function waitFor(check: () => boolean, timeout = 3000): Promise<void> {
  const start = performance.now();
  while (!check()) {
    if (performance.now() - start > timeout) throw new Error('timed out waiting');
    await aTimeout(10);
  }
}

describe('<devroom-stand-booth> video booth', () => {
  const FAKE = '/test/fixtures/jitsi/external_api.js';
  interface FakeApi {
    domain: string;
    options: { roomName: string; userInfo?: { displayName?: string }; lang?: string };
    commands: unknown[][];
    disposed: boolean;
    emit(name: string, payload?: unknown): void;
    fail(payload?: unknown): void;
  }
  const fakeJitsi = () => (window as unknown as { __fakeJitsi?: { instances: FakeApi[] } }).__fakeJitsi;
  const lastApi = () => fakeJitsi()!.instances.at(-1)!;
  const frame = (el: DevroomStandBooth) => $(el, '[part="jitsi"] iframe');

  afterEach(async () => {
    const { resetJitsiLoader } = await import('../jitsi/jitsi-loader.js');
    resetJitsiLoader();
    document.querySelectorAll('script[data-devroom-jitsi]').forEach((s) => s.remove());
  });

  it('joins the stand Jitsi room inside the element and leaves back to the booth', async () => {
    const el = await booth({ jitsiScriptUrl: FAKE, displayName: 'Visitor Vera' });
    buttonNamed(el, 'Join the video booth')!.click();
    await waitFor(() => Boolean(frame(el)));
    const api = lastApi();
    expect(api.domain).to.equal('meet.example.org');
    expect(api.options.roomName).to.equal('KittenLinuxBooth');
    expect(api.options.userInfo).to.deep.equal({ displayName: 'Visitor Vera' });
    expect(api.options.lang).to.equal('en');
    await waitFor(() => !visibleText(el).includes('Connecting'));
    expect(buttonNamed(el, 'Join the video booth')).to.equal(undefined);
    // The call's frame has room for the video.
    expect(getComputedStyle($(el, '.jitsi-frame')!).minHeight).to.equal('352px');
    await expect(el).to.be.accessible();

    buttonNamed(el, 'Leave the video booth')!.click();
    await el.updateComplete;
    expect(api.commands).to.deep.equal([['hangup']]);
    expect(api.disposed).to.equal(true);
    expect(frame(el)).to.equal(null);
    expect(visibleText(el)).to.contain('You left the video booth.');
    expect(deepActive(el)?.textContent?.trim()).to.equal('Join the video booth');
  });

  it('speaks German in the call too (its strings come with the video booth part)', async () => {
    const el = await booth({ jitsiScriptUrl: FAKE });
    el.setAttribute('lang', 'de');
    await aTimeout(0);
    await el.updateComplete;
    buttonNamed(el, 'Videostand betreten')!.click();
    await waitFor(() => Boolean(frame(el)));
    expect(lastApi().options.lang).to.equal('de');
    buttonNamed(el, 'Videostand verlassen')!.click();
    await el.updateComplete;
    expect(visibleText(el)).to.contain('Du hast den Videostand verlassen.');
  });

  it('returns to the booth when the visitor hangs up inside Jitsi, and reports a fatal Jitsi error', async () => {
    const el = await booth({ jitsiScriptUrl: FAKE });
    buttonNamed(el, 'Join the video booth')!.click();
    await waitFor(() => Boolean(frame(el)));
    lastApi().emit('videoConferenceLeft', {});
    await el.updateComplete;
    expect(frame(el)).to.equal(null);
    expect(buttonNamed(el, 'Join the video booth')).to.not.equal(undefined);

    buttonNamed(el, 'Join the video booth')!.click();
    await waitFor(() => Boolean(frame(el)));
    lastApi().fail({ isFatal: false, message: 'camera busy' });
    await el.updateComplete;
    expect(frame(el)).to.not.equal(null);
    lastApi().fail({ message: 'Connection lost' });
    await el.updateComplete;
    expect(frame(el)).to.equal(null);
    expect(visibleText(el)).to.contain('The video booth reported a problem: Connection lost');
  });

  it('shows a failed script load with a retry that loads again', async () => {
    const flaky = `/__hls-live/${Math.random().toString(36).slice(2)}/flaky/1${FAKE}`;
    const el = await booth({ jitsiScriptUrl: flaky });
    buttonNamed(el, 'Join the video booth')!.click();
    await waitFor(() => Boolean($(el, '[part="video-booth"] [role="alert"]')));
    expect($(el, '[part="video-booth"] [role="alert"]')!.textContent).to.contain('The video booth could not be loaded.');
    expect(frame(el)).to.equal(null);
    buttonNamed(el, 'Try again')!.click();
    await waitFor(() => Boolean(frame(el)));
    expect($(el, '[part="video-booth"] [role="alert"]')).to.equal(null);
    buttonNamed(el, 'Leave the video booth')!.click();
  });

  it('is operable by keyboard: join and leave', async () => {
    const el = await booth({ jitsiScriptUrl: FAKE });
    $(el, 'button')?.focus();
    el.focus();
    await tabTo(el, byText('Join the video booth'));
    await sendKeys({ press: 'Enter' });
    await waitFor(() => Boolean(frame(el)));
    await tabTo(el, byText('Leave the video booth'));
    await sendKeys({ press: 'Enter' });
    await el.updateComplete;
    expect(frame(el)).to.equal(null);
    expect(deepActive(el)?.textContent?.trim()).to.equal('Join the video booth');
  });

  // Script sources (docs/security.md): the stand names its Jitsi meeting, never the script
  // that runs in the page; the server and script come from the page (jitsi-domain, jitsi-script-url).
  it('offers no video booth when only the stand names a Jitsi server (its script would run in the page)', async () => {
    const el = await booth({ stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    expect(buttonNamed(el, 'Join the video booth')).to.equal(undefined);
  });

  it('calls on the page’s server (jitsi-domain) whatever server the stand names; the stand names the meeting', async () => {
    const el = await booth({ jitsiDomain: 'meet.page.example', jitsiScriptUrl: FAKE, stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    buttonNamed(el, 'Join the video booth')!.click();
    await waitFor(() => Boolean(frame(el)));
    expect(lastApi().domain).to.equal('meet.page.example');
    expect(lastApi().options.roomName).to.equal('Booth');
    buttonNamed(el, 'Leave the video booth')!.click();
  });

  it('without a script URL, loads https://<page’s server>/external_api.js, not the stand server’s', async () => {
    const el = await booth({ jitsiDomain: 'meet.page.example', stand: { ...sampleStand(), jitsi: { domain: 'evil.example', room: 'Booth' } } });
    const added: string[] = [];
    const observer = new MutationObserver((records) => {
      for (const r of records) for (const n of r.addedNodes) if (n instanceof HTMLScriptElement) added.push(n.src);
    });
    observer.observe(document, { childList: true, subtree: true });
    try {
      buttonNamed(el, 'Join the video booth')!.click();
      await waitFor(() => added.length > 0);
    } finally {
      observer.disconnect();
    }
    expect(added).to.deep.equal(['https://meet.page.example/external_api.js']);
  });

  it('hides the video booth when the stand has no Jitsi room', async () => {
    const el = await booth({ stand: { ...sampleStand(), jitsi: undefined } });
    expect(buttonNamed(el, 'Join the video booth')).to.equal(undefined);
  });
});
