/**
 * #17 item 3: the Q&A's 👍 and ✋ are drawn (inline SVG), not emoji, which show as empty boxes
 * where no emoji font is installed. Every view a person meets — attendee, hand form, moderator
 * with its sections, the read-only public view, the speaker view — shows the icons at the size
 * and in the colour of their words, and its text holds no emoji; the words say what they mean.
 */
import { aTimeout, expect, fixture, html } from '@open-wc/testing';
import './register.js';
import type { DevroomQaQueue } from './qa-queue.js';
import type { QuestionData } from './tally.js';

const ME = '@me:example.org';
const EMOJI = /\p{Extended_Pictographic}/u;

const data: QuestionData[] = [
  { id: '$a', text: 'How does the tally scale?', author: '@ann:x', ts: 1_700_000_000_000, votes: 3 },
  { id: '$b', text: 'Is it open source?', author: '@bob:x', ts: 1_700_000_060_000, votes: 1 },
  { id: '$c', text: 'Already answered one', author: '@cat:x', ts: 1_700_000_120_000, answered: true, votes: 2 },
];

async function queue(props: Partial<DevroomQaQueue>): Promise<DevroomQaQueue> {
  const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" user-id=${ME}></devroom-qa-queue>`);
  Object.assign(el, props);
  await settle(el);
  return el;
}

/** Parts load on demand: a task's turn for them to arrive, and the update they cause. */
async function settle(el: DevroomQaQueue): Promise<void> {
  await el.updateComplete;
  await aTimeout(0);
  await el.updateComplete;
}

/** All text a person could see in the element. */
const text = (el: DevroomQaQueue): string => el.shadowRoot!.textContent ?? '';

/** `svg` is a drawn, decorative icon the size of the text around it, in that text's colour. */
function expectIcon(svg: SVGSVGElement | null, words: Element): void {
  expect(svg, 'an icon').to.not.equal(null);
  expect(svg!.getAttribute('aria-hidden')).to.equal('true');
  const size = parseFloat(getComputedStyle(words).fontSize);
  expect(svg!.getBoundingClientRect().width).to.be.closeTo(1.25 * size, 1);
  const drawn = svg!.querySelector('path')!;
  expect(drawn.getBBox().width * drawn.getBBox().height, 'something drawn').to.be.greaterThan(20);
  expect(getComputedStyle(drawn).stroke).to.equal(getComputedStyle(words).color);
}

describe('<devroom-qa-queue> icons', () => {
  it('an attendee: a drawn thumbs-up in each vote button (named "Vote, 3 votes"), a drawn hand on "Raise hand", no emoji', async () => {
    const el = await queue({ questions: data, handsEnabled: true });
    const vote = el.shadowRoot!.querySelector<HTMLButtonElement>('.row .vote')!;
    expectIcon(vote.querySelector('svg'), vote);
    expect(vote.textContent!.trim(), 'the count beside it').to.equal('3');
    expect(vote.getAttribute('aria-label')).to.equal('Vote, 3 votes');
    const raise = el.shadowRoot!.querySelector<HTMLButtonElement>('#raise-hand')!;
    expectIcon(raise.querySelector('svg'), raise);
    expect(raise.textContent!.trim()).to.equal('Raise hand');
    expect(text(el)).to.contain('How does the tally scale?');
    expect(text(el).match(EMOJI)).to.equal(null);

    // The hand's own form (an on-demand part) draws the hand on its button too.
    raise.click();
    await settle(el);
    const submit = el.shadowRoot!.querySelector<HTMLButtonElement>('.hand-form button[type="submit"]')!;
    expectIcon(submit.querySelector('svg'), submit);
    expect(submit.textContent!.trim()).to.equal('Raise hand');
    expect(text(el).match(EMOJI)).to.equal(null);
    await expect(el).to.be.accessible();
  });

  it('a moderator with answered and hidden questions and hands, and a read-only viewer: no emoji, counts drawn with their words for screen readers', async () => {
    const el = await queue({ questions: data, handsEnabled: true, canModerate: true, hands: [{ userId: '@bob:x', ts: 1, text: 'Demo please' }] });
    await settle(el);
    expect(text(el)).to.contain('Demo please');
    expect(text(el).match(EMOJI)).to.equal(null);

    const reader = await queue({ questions: data, readOnly: true });
    const count = reader.shadowRoot!.querySelector<HTMLElement>('.row [part="vote-count"]')!;
    expectIcon(count.querySelector('svg'), count);
    expect(count.querySelector('.sr-only')!.textContent).to.equal('3 votes');
    expect(text(reader).match(EMOJI)).to.equal(null);
    await expect(reader).to.be.accessible();
  });

  it('the speaker view: each question’s votes with a drawn thumbs-up, no emoji', async () => {
    const el = await queue({ questions: data, view: 'speaker' });
    await settle(el);
    const counts = [...el.shadowRoot!.querySelectorAll<HTMLElement>('.n')];
    expect(counts.length).to.be.greaterThan(0);
    expectIcon(counts[0]!.querySelector('svg'), counts[0]!);
    expect(text(el)).to.contain('How does the tally scale?');
    expect(text(el).match(EMOJI)).to.equal(null);
  });
});
