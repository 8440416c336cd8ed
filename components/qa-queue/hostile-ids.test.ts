import { expect, fixture, html, aTimeout } from '@open-wc/testing';
import './define.js';
import { QaTally, type QuestionData } from './tally.js';
import type { DevroomQaQueue } from './qa-queue.js';

/** Question ids, local ids and user ids named like Object.prototype members are ids like any other. */

const HOSTILE = ['constructor', 'toString', 'hasOwnProperty', 'valueOf', '__proto__'];

describe('Q&A with hostile ids', () => {
  it('the tally counts questions, votes and moderation under any id', () => {
    const tally = new QaTally();
    HOSTILE.forEach((id, i) => tally.addQuestion({ id, localId: id, author: id, text: `Q ${id}`, ts: 1000 + i }));
    HOSTILE.forEach((id, i) => tally.addVote({ voteId: `v-${id}`, questionId: id, voter: HOSTILE[(i + 1) % HOSTILE.length]!, key: '👍' }));
    tally.setModeration('toString', { answered: true });
    expect(HOSTILE.map((id) => tally.get(id)?.votes)).to.deep.equal([1, 1, 1, 1, 1]);
    expect(tally.hasVoted('constructor', 'toString')).to.equal(true);
    expect(tally.hasVoted('constructor', 'valueOf')).to.equal(false);
    expect(tally.section('answered').slice().map((q) => q.id)).to.deep.equal(['toString']);
    tally.redact('v-__proto__');
    expect(tally.get('__proto__')?.votes).to.equal(0);
  });

  it('the element shows questions with such ids and authors', async () => {
    const questions: QuestionData[] = HOSTILE.map((id, i) => ({ id, text: `Question ${id}`, author: id, authorName: id, ts: 1_700_000_000_000 + i, votes: i, localId: id }));
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" user-id="constructor"></devroom-qa-queue>`);
    el.questions = questions;
    await el.updateComplete;
    await aTimeout(0);
    await el.updateComplete;
    const texts = [...el.shadowRoot!.querySelectorAll('.row .text')].map((p) => p.textContent!.trim());
    expect([...texts].sort()).to.deep.equal(HOSTILE.map((id) => `Question ${id}`).sort());
  });
});
