/**
 * A plain page's data: the newest wins. A page that sets `questions` while the element is still
 * reading its `src` or inline JSON keeps the page's list — the read finishing later must not
 * put its questions back (it did: a page that set its list soon after load lost it).
 */
import { expect, waitUntil } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import type { DevroomQaQueue } from './qa-queue.js';

const fromSrc = [{ id: 's1', text: 'From src', votes: 1 }];
const fromPage = Array.from({ length: 3 }, (_, i) => ({ id: `p${i}`, text: `From the page ${i}`, votes: 5 - i }));
const rowTexts = (el: DevroomQaQueue): string[] => [...el.shadowRoot!.querySelectorAll('.row .text')].map((n) => n.textContent!.trim());

describe('<devroom-qa-queue> plain-page data: the newest wins', () => {
  afterEach(() => sinon.restore());

  it('keeps questions the page sets while its src is still being read', async () => {
    let answer!: (r: Response) => void;
    const fetch = sinon.stub(window, 'fetch').callsFake(() => new Promise<Response>((resolve) => (answer = resolve)));
    const el = document.createElement('devroom-qa-queue') as DevroomQaQueue;
    el.src = '/questions.json';
    document.body.append(el);
    try {
      await waitUntil(() => fetch.called, 'the element reads its src');
      el.questions = fromPage;
      await el.updateComplete;
      expect(rowTexts(el)).to.deep.equal(fromPage.map((q) => q.text));
      answer(new Response(JSON.stringify(fromSrc), { headers: { 'Content-Type': 'application/json' } }));
      // The late answer is read (and dropped) in a few tasks.
      for (let i = 0; i < 10; i++) await new Promise((resolve) => setTimeout(resolve));
      await el.updateComplete;
      expect(rowTexts(el)).to.deep.equal(fromPage.map((q) => q.text));
    } finally {
      el.remove();
    }
  });

  it('still takes a src set after the page’s questions (newest wins both ways)', async () => {
    sinon.stub(window, 'fetch').resolves(new Response(JSON.stringify(fromSrc), { headers: { 'Content-Type': 'application/json' } }));
    const el = document.createElement('devroom-qa-queue') as DevroomQaQueue;
    el.questions = fromPage;
    document.body.append(el);
    try {
      await el.updateComplete;
      expect(rowTexts(el)).to.deep.equal(fromPage.map((q) => q.text));
      el.src = '/questions.json';
      await waitUntil(() => rowTexts(el)[0] === 'From src', 'the src read replaces the list');
      expect(rowTexts(el)).to.deep.equal(['From src']);
    } finally {
      el.remove();
    }
  });
});
