/**
 * What a viewer sees when a part of the Q&A loads on demand and the network drops right then
 * (test/support/chunk-faults.mjs fails the module and its automatic retry on a fresh URL), and
 * that it recovers once the network is back. The rule itself (once, no loop, retried at a
 * later update or on Retry) is tested once for every element in components/shared/lazy-part.test.ts.
 * Each test arms its fault before the page first imports the part: one part per test, never
 * loaded earlier in this file.
 */
import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import sinon from 'sinon';
// register.ts only (as the widget page does): define.ts would bring the plain-page data part.
import './register.js';
import { QaTally } from './tally.js';
import type { DevroomQaQueue } from './qa-queue.js';
import { chunkFailed, chunkRequests, chunkServed, failChunk } from '../../test/support/lazy-faults.js';
import { waitFor } from '../../test/support/wait-for.js';

const ME = '@me:example.org';

async function queue(props: Partial<DevroomQaQueue>): Promise<DevroomQaQueue> {
  const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" user-id=${ME}></devroom-qa-queue>`);
  Object.assign(el, props);
  await el.updateComplete;
  return el;
}

const $ = <T extends Element = HTMLElement>(el: DevroomQaQueue, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const rowTexts = (el: DevroomQaQueue, n: number): string[] =>
  [...el.shadowRoot!.querySelectorAll('.row .text')].slice(0, n).map((p) => p.textContent!.trim());
const buttonsNamed = (el: DevroomQaQueue, label: string): HTMLButtonElement[] =>
  [...el.shadowRoot!.querySelectorAll('button')].filter((b) => b.textContent!.trim() === label);

/** `n` questions `q0…`, question i with i % 50 votes (so the top of the list is known). */
function fill(model: QaTally, n: number, from = 0): void {
  model.batch(() => {
    for (let i = from; i < from + n; i++) {
      model.addQuestion({ id: `$q${i}`, author: `@u${i}:x`, text: `Question ${i}`, ts: 1_700_000_000_000 + i });
      for (let v = 0; v < i % 50; v++) model.addVote({ voteId: `$v${i}-${v}`, questionId: `$q${i}`, voter: `@v${v}:x`, key: '👍' });
    }
  });
}

describe('<devroom-qa-queue> when a part cannot load', () => {
  afterEach(() => sinon.restore());

  // First: a new question from someone else loads the sections part too (its announcement).
  it('"Raise hand" whose panel cannot load says "Not sent", and opens the hand form on the next try', async () => {
    const part = '/components/qa-queue/qa-queue.hands-and-sections.ts';
    await failChunk(part);
    const el = await queue({ handsEnabled: true });
    const raised: unknown[] = [];
    el.addEventListener('devroom-raise-hand', (e) => raised.push(e.detail));
    buttonsNamed(el, 'Raise hand')[0]!.click();
    await chunkFailed(part);
    await waitFor(() => $(el, '.hands [role="status"]')?.textContent?.includes('Not sent'), '"Not sent"');
    expect(raised, 'nothing raised while the panel is missing').to.deep.equal([]);
    expect(buttonsNamed(el, 'Raise hand')[0]!.getAttribute('aria-disabled')).to.equal('false');
    // The network is back: the same button again opens the form, and nothing is raised unasked.
    buttonsNamed(el, 'Raise hand')[0]!.click();
    await chunkServed(part);
    await waitFor(() => $(el, '#hand-text'), 'the hand form');
    await el.updateComplete;
    expect(raised).to.deep.equal([]);
    $<HTMLInputElement>(el, '#hand-text')!.focus();
    await sendKeys({ type: 'Demo please' });
    buttonsNamed(el, 'Raise hand').at(-1)!.click();
    await waitFor(() => raised.length, 'the raised hand');
    expect(raised).to.deep.equal([{ text: 'Demo please' }]);
  });

  it('asks while the own-questions part cannot load: the question goes, is kept, and shows with its state once the part is back', async () => {
    const part = '/components/qa-queue/qa-queue.yours.ts';
    await failChunk(part);
    const el = await queue({});
    const asked: string[] = [];
    el.addEventListener('devroom-ask', (e) => asked.push(e.detail.text));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Kept while offline?' });
    buttonsNamed(el, 'Ask')[0]!.click();
    await chunkFailed(part);
    await el.updateComplete;
    expect(asked, 'the question went').to.deep.equal(['Kept while offline?']);
    expect(el.model.section('mine').slice().map((q) => q.text), 'kept').to.deep.equal(['Kept while offline?']);
    // The next update asks for the part again: the question with its state.
    el.requestUpdate();
    await chunkServed(part);
    await waitFor(() => $(el, '[part="mine"]')?.textContent?.includes('Sending…'), 'the question, sending');
    expect($(el, '[part="mine"]')!.textContent).to.contain('Kept while offline?');
  });

  it('plain page: says the questions could not be read, keeps asking usable, and reads them when new data comes', async () => {
    const part = '/components/qa-queue/data.ts';
    await failChunk(part);
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" user-id=${ME}>
      <script type="application/json">
        [{ "id": "$x", "text": "From the page", "votes": 1 }]
      </script>
    </devroom-qa-queue>`);
    await chunkFailed(part);
    await el.updateComplete;
    expect($(el, '[role="alert"]')?.textContent).to.contain('Failed to fetch');
    // Asking still works (the page's backend hears it) and the typed question is kept.
    const asked = new Promise<CustomEvent<{ text: string }>>((r) => el.addEventListener('devroom-ask', r as EventListener, { once: true }));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Is there a recording?' });
    await sendKeys({ press: 'Enter' });
    expect((await asked).detail.text).to.equal('Is there a recording?');
    await el.updateComplete;
    expect($(el, '[part="mine"]')?.textContent).to.contain('Is there a recording?');
    // New data from the page: the part is asked for again, and the own question stays.
    el.questions = [{ id: '$y', text: 'Newer from the page', votes: 2 }];
    await chunkServed(part);
    await waitFor(() => $(el, '.row .text'), 'the questions');
    await el.updateComplete;
    expect(rowTexts(el, 5)).to.deep.equal(['Newer from the page']);
    expect($(el, '[role="alert"]')?.textContent ?? 'no error', 'the error is gone').to.equal('no error');
    expect($(el, '[part="mine"]')?.textContent).to.contain('Is there a recording?');
  });

  it('shows the first 100 of a long list while the virtual list cannot load, and every question once back', async () => {
    const part = '/components/qa-queue/virtual.ts';
    await failChunk(part);
    const model = new QaTally();
    const el = await queue({ model });
    fill(model, 150);
    await chunkFailed(part);
    await el.updateComplete;
    expect($(el, '#open-heading')!.textContent).to.contain('(150)');
    expect(el.shadowRoot!.querySelectorAll('.row')).to.have.length(100);
    expect(rowTexts(el, 1)).to.deep.equal(['Question 49']);
    // The next update (a vote) asks again; then End reaches the last question.
    model.addVote({ voteId: '$late', questionId: '$q0', voter: '@late:x', key: '👍' });
    await chunkServed(part);
    await waitFor(() => $(el, '.spacer.virtual'), 'the virtual list');
    $<HTMLElement>(el, '.row')!.focus();
    await sendKeys({ press: 'End' });
    await el.updateComplete;
    await waitFor(() => el.shadowRoot!.activeElement?.getAttribute('aria-posinset') === '150', 'the last row focused');
    expect(el.shadowRoot!.activeElement!.textContent).to.contain('Question');
  });

  it('keeps a 300+ question list ranked and the typed question while the treap index cannot load, and uses it once back', async () => {
    const part = '/components/qa-queue/ranked-set.ts';
    await failChunk(part);
    // Only setTimeout is faked (the tally asks again 10 s after a failure); time still runs.
    const clock = sinon.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'], shouldAdvanceTime: true });
    const model = new QaTally();
    const el = await queue({ model });
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Does it scale' });

    fill(model, 320); // past 300 in the open section: the tally asks for ranked-set.ts
    await chunkFailed(part);
    await el.updateComplete;
    // Still the sorted-array index: every question there, in vote order, and input kept.
    expect($(el, '#open-heading')!.textContent).to.contain('(320)');
    // 49 votes: questions 49, 99, 149… (older first).
    expect(rowTexts(el, 3)).to.deep.equal(['Question 49', 'Question 99', 'Question 149']);
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Does it scale');
    model.addVote({ voteId: '$boost', questionId: '$q7', voter: '@boost:x', key: '👍' });
    for (let v = 0; v < 45; v++) model.addVote({ voteId: `$more${v}`, questionId: '$q7', voter: `@more${v}:x`, key: '👍' });
    await el.updateComplete;
    expect(rowTexts(el, 2)).to.deep.equal(['Question 7', 'Question 49']);

    // The network is back (the fault is spent); after its 10 s pause the tally asks again at
    // the next change, and re-indexes every section into the treap without changing the order.
    clock.tick(10_000);
    fill(model, 5, 320);
    await chunkServed(part);
    await waitFor(() => model.section('open').size === 325, 'the new questions');
    await aTimeout(50);
    await el.updateComplete;
    expect($(el, '#open-heading')!.textContent).to.contain('(325)');
    expect(rowTexts(el, 3)).to.deep.equal(['Question 7', 'Question 49', 'Question 99']);
    // The treap ranks new changes too (Question 324 has 24 votes: 50 more put it on top).
    for (let v = 0; v < 50; v++) model.addVote({ voteId: `$top${v}`, questionId: '$q324', voter: `@top${v}:x`, key: '👍' });
    await el.updateComplete;
    expect(rowTexts(el, 2)).to.deep.equal(['Question 324', 'Question 7']);
    expect(model.position('$q324')).to.deep.equal({ section: 'open', index: 0 });
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Does it scale');
    expect(await chunkRequests(part)).to.deep.equal({ failed: 2, served: 1 });
  });

  it('lets a moderator read and vote while the moderator tools cannot load, and shows them once back', async () => {
    const part = '/components/qa-queue/qa-queue.moderator-tools.ts';
    await failChunk(part);
    const model = new QaTally();
    model.addQuestion({ id: '$a', author: '@ann:x', text: 'First question', ts: 1 });
    const el = await queue({ model, canModerate: true });
    await chunkFailed(part);
    await el.updateComplete;
    expect($(el, '.row .text')!.textContent).to.contain('First question');
    expect(buttonsNamed(el, 'Pin')).to.have.length(0);
    expect($(el, '.row .vote')).to.not.equal(null);

    // No notice meanwhile: the list is whole, only the buttons wait. The next update (here a
    // new question) asks again.
    model.addQuestion({ id: '$b', author: '@bob:x', text: 'Second question', ts: 2 });
    await chunkServed(part);
    await waitFor(() => buttonsNamed(el, 'Pin').length === 2, 'moderation buttons');
    expect($(el, '.row .text')!.textContent).to.contain('First question');
  });
});
