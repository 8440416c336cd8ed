/**
 * The speaker view (#16.3): `view="speaker"` shows the current talk's title, the time left in
 * its slot (fake clock: updated every minute, "Time is up" after the end, nothing without a
 * schedule), and the top five open questions by votes, live, in large type, with nothing to press.
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import './register.js';
import { QaTally } from './tally.js';
import type { DevroomQaQueue, QaTalk } from './qa-queue.js';

const T0 = Date.parse('2026-02-01T10:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();
const TALK: QaTalk = { id: 'rust', title: 'Rust in the kernel', startsAt: iso(T0), endsAt: iso(T0 + 30 * MIN) };

function model(): QaTally {
  const tally = new QaTally();
  const votes = [3, 9, 1, 7, 5, 8, 2];
  votes.forEach((n, i) => {
    tally.addQuestion({ id: `$q${i}`, author: `@u${i}:x`, text: `Question ${i}`, ts: T0 + i });
    for (let v = 0; v < n; v++) tally.addVote({ voteId: `$v${i}-${v}`, questionId: `$q${i}`, voter: `@v${v}:x`, key: '👍' });
  });
  // Answered and hidden ones are not on the speaker's screen.
  tally.addQuestion({ id: '$answered', author: '@a:x', text: 'Answered one', ts: T0 });
  tally.addQuestion({ id: '$hidden', author: '@h:x', text: 'Hidden one', ts: T0 });
  for (let v = 0; v < 20; v++) {
    tally.addVote({ voteId: `$va${v}`, questionId: '$answered', voter: `@v${v}:x`, key: '👍' });
    tally.addVote({ voteId: `$vh${v}`, questionId: '$hidden', voter: `@v${v}:x`, key: '👍' });
  }
  tally.setModeration('$answered', { answered: true });
  tally.setModeration('$hidden', { hidden: true });
  return tally;
}

async function speakerView(props: Partial<DevroomQaQueue>, lang = 'en'): Promise<DevroomQaQueue> {
  const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang=${lang} view="speaker" user-id="@me:x"></devroom-qa-queue>`);
  Object.assign(el, props);
  await el.updateComplete;
  return el;
}

const text = (el: DevroomQaQueue, selector: string) => el.shadowRoot!.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim();

describe('<devroom-qa-queue view="speaker">', () => {
  let clock: sinon.SinonFakeTimers | undefined;
  beforeEach(() => {
    // Only the clock and timers: the part's import() and Lit's updates run as usual.
    clock = sinon.useFakeTimers({ now: T0 + 17 * MIN + 30_000, toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  });
  /** Real timers again (axe waits on them). */
  const realTime = () => {
    clock?.restore();
    clock = undefined;
  };
  afterEach(realTime);

  it("shows the talk, the time left updated every minute, then \"Time is up\"; the top 5 open questions by votes, live; nothing to press", async () => {
    const tally = model();
    const el = await speakerView({ model: tally, talks: [TALK], talk: 'rust' });
    expect(text(el, 'h2')).to.equal('Rust in the kernel');
    expect(text(el, '[part="time-left"]')).to.equal('13 min left');
    const items = () => [...el.shadowRoot!.querySelectorAll('[part="question"] .text')].map((q) => q.textContent!.trim());
    expect(items()).to.deep.equal(['Question 1', 'Question 5', 'Question 3', 'Question 4', 'Question 0']);
    expect(el.shadowRoot!.querySelectorAll('button, textarea, input, select').length, 'nothing to press').to.equal(0);
    // Large type: the speaker reads it from a distance.
    expect(parseFloat(getComputedStyle(el.shadowRoot!.querySelector('.top')!).fontSize)).to.be.at.least(24);

    await clock!.tickAsync(30_000);
    await el.updateComplete;
    expect(text(el, '[part="time-left"]')).to.equal('12 min left');
    await clock!.tickAsync(MIN);
    await el.updateComplete;
    expect(text(el, '[part="time-left"]')).to.equal('11 min left');

    // Live: a vote lifts question 6 into the top five.
    for (let v = 10; v < 20; v++) tally.addVote({ voteId: `$v6-${v}`, questionId: '$q6', voter: `@w${v}:x`, key: '👍' });
    await el.updateComplete;
    expect(items()[0]).to.equal('Question 6');

    await clock!.tickAsync(11 * MIN);
    await el.updateComplete;
    expect(text(el, '[part="time-left"]')).to.equal('Time is up');
    realTime();
    await expect(el).to.be.accessible();
  });

  it('shows no time left without a schedule, and says it in German', async () => {
    const el = await speakerView({ model: model() });
    expect(el.shadowRoot!.querySelector('[part="time-left"]')).to.equal(null);
    expect(el.shadowRoot!.querySelectorAll('[part="question"]').length).to.equal(5);
    const de = await speakerView({ model: model(), talks: [TALK], talk: 'rust' }, 'de');
    expect(text(de, '[part="time-left"]')).to.equal('noch 13 Min.');
    realTime();
    await expect(de).to.be.accessible();
  });

  it('before the talk starts, shows no time left until it does', async () => {
    const later: QaTalk = { id: 'next', title: 'Next talk', startsAt: iso(T0 + 20 * MIN), endsAt: iso(T0 + 50 * MIN) };
    const el = await speakerView({ model: model(), talks: [later], talk: 'next' });
    expect(el.shadowRoot!.querySelector('[part="time-left"]')).to.equal(null);
    await clock!.tickAsync(2 * MIN + 30_000);
    await el.updateComplete;
    expect(text(el, '[part="time-left"]')).to.equal('30 min left');
  });
});
