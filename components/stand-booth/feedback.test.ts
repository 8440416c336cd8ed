import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
import './define.js';
import type { DevroomStandBooth } from './stand-booth.js';
import { sampleStand } from './test-fixtures.js';
import { booth } from './test-helpers.js';

/** What a visitor hears and sees (#17, items 2 and 3): the request's status, loading before empty, no emoji. */

const plain = (s: string | null | undefined) => (s ?? '').replace(/\s+/g, ' ').trim();
const contact = (el: DevroomStandBooth) => el.shadowRoot!.querySelector('devroom-stand-contact')!.shadowRoot!;
const EMOJI = /\p{Extended_Pictographic}/u;

/** All text in `root`, through shadow roots. */
function deepText(root: Node): string {
  let text = '';
  for (const node of root.childNodes) {
    if (node.nodeType === Node.TEXT_NODE) text += node.textContent;
    else if (node instanceof Element) text += (node.shadowRoot ? deepText(node.shadowRoot) : '') + deepText(node);
  }
  return text;
}

describe('stand booth: feedback', () => {
  afterEach(() => sinon.restore());

  it('the screen-reader status follows the request: being sent, then sent (or not sent, or answered)', async () => {
    const el = await booth({ interactive: true, currentUser: '@visitor:example.org' });
    const status = () => plain(contact(el).querySelector('[role="status"]')?.textContent);
    contact(el).querySelector<HTMLTextAreaElement>('#message')!.focus();
    await sendKeys({ type: 'Stickers?' });
    let localId = '';
    el.addEventListener('devroom-contact-request', (e) => (localId = e.detail.localId));
    contact(el).querySelector<HTMLButtonElement>('[part~="send-button"]')!.click();
    await el.updateComplete;
    expect(status()).to.equal('Your message is being sent.');
    // The binding reports it pending, then sent.
    el.ownRequests = [{ localId, message: 'Stickers?', status: 'pending' }];
    await el.updateComplete;
    expect(status()).to.equal('Your message is being sent.');
    el.ownRequests = [{ localId, message: 'Stickers?', status: 'sent' }];
    await el.updateComplete;
    expect(status()).to.equal('Sent — the team will get back to you');
    el.ownRequests = [{ localId, message: 'Stickers?', status: 'answered' }];
    await el.updateComplete;
    expect(status()).to.equal('Answered');
  });

  it('a failed request is announced with its reason', async () => {
    const el = await booth({ interactive: true, ownRequests: [{ localId: 'a', message: 'Hi', status: 'pending' }] });
    el.ownRequests = [{ localId: 'a', message: 'Hi', status: 'failed', error: 'offline' }];
    await el.updateComplete;
    expect(plain(contact(el).querySelector('[role="status"]')?.textContent)).to.equal('Could not be sent: offline');
  });

  it('says it is loading while `loading` is set, and "not set up yet" only after', async () => {
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" loading></devroom-stand-booth>`);
    const text = () => plain(el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!.innerText);
    expect(text()).to.equal('Loading the stand…');
    el.loading = false;
    await el.updateComplete;
    expect(text()).to.equal('This stand has not been set up yet.');
  });

  it('a plain page\'s `src` says it is loading until the stand is here', async () => {
    let answer!: (r: Response) => void;
    sinon.stub(window, 'fetch').returns(new Promise<Response>((resolve) => (answer = resolve)));
    const el = await fixture<DevroomStandBooth>(html`<devroom-stand-booth lang="en" src="/stands/slow.json"></devroom-stand-booth>`);
    const text = () => plain(el.shadowRoot!.querySelector<HTMLElement>('[part="base"]')!.innerText);
    expect(text()).to.equal('Loading the stand…');
    answer(new Response(JSON.stringify(sampleStand())));
    for (let i = 0; i < 100 && !text().includes('Kitten Linux'); i++) await aTimeout(10);
    expect(text()).to.contain('Kitten Linux');
    expect(text()).not.to.contain('Loading');
  });

  it('no emoji anywhere: the booth, its schedule, people, contact form and the staff\'s requests', async () => {
    const el = await booth({
      interactive: true,
      canManage: true,
      canEdit: true,
      jitsiDomain: 'meet.example.org',
      currentUser: '@ann:example.org',
      presence: ['@ann:example.org'],
      ownRequests: [{ localId: 'a', message: 'Hello', status: 'sent' }],
      contactRequests: [{ id: '$1', sender: '@v:example.org', senderName: 'Vi', message: 'Hi', createdAt: 0, status: 'open' }],
    });
    const text = deepText(el.shadowRoot!);
    for (const words of ['Kitten Linux', 'Installer demo', 'At the booth now: Ann', 'Leave your contact', 'Contact requests', 'Join the video booth']) {
      expect(text).to.contain(words);
    }
    expect(text.match(EMOJI)).to.equal(null);
  });
});
