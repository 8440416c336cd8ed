import { expect, fixture, html, oneEvent, aTimeout, waitUntil } from '@open-wc/testing';
import { sendKeys } from '@web/test-runner-commands';
import './define.js';
import { QaTally, type QuestionData } from './tally.js';
import type { DevroomQaQueue } from './qa-queue.js';

const ME = '@me:example.org';

const data: QuestionData[] = [
  { id: '$a', text: 'How does the tally scale?', author: '@ann:x', authorName: 'Ann', ts: 1_700_000_000_000, votes: 2 },
  { id: '$b', text: 'Is it open source?', author: '@bob:x', ts: 1_700_000_060_000, votes: 5 },
  { id: '$c', text: 'Already answered one', author: '@cat:x', ts: 1_700_000_120_000, answered: true },
];

async function queue(props: Partial<DevroomQaQueue> = {}, lang = 'en'): Promise<DevroomQaQueue> {
  const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang=${lang} user-id=${ME}></devroom-qa-queue>`);
  Object.assign(el, props);
  await el.updateComplete;
  await settle(el);
  return el;
}

/** Row measurement may take a second render. */
async function settle(el: DevroomQaQueue): Promise<void> {
  await el.updateComplete;
  await aTimeout(0);
  await el.updateComplete;
}

const $ = <T extends Element = HTMLElement>(el: DevroomQaQueue, selector: string): T | null => el.shadowRoot!.querySelector<T>(selector);
const $$ = <T extends Element = HTMLElement>(el: DevroomQaQueue, selector: string): T[] => [...el.shadowRoot!.querySelectorAll<T>(selector)];
const rowTexts = (el: DevroomQaQueue): string[] => $$(el, '.row .text').map((p) => p.textContent!.trim());
const button = (root: ParentNode, label: string): HTMLButtonElement => {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent!.trim() === label);
  if (!found) throw new Error(`no button "${label}"`);
  return found;
};

describe('<devroom-qa-queue> display', () => {
  it('shows open questions ranked by votes and answered ones apart', async () => {
    const el = await queue({ questions: data });
    expect(rowTexts(el)).to.deep.equal(['Is it open source?', 'How does the tally scale?']);
    expect($(el, '#open-heading')!.textContent).to.contain('(2)');
    const answered = $<HTMLDetailsElement>(el, 'details[part="answered"]')!;
    expect(answered.querySelector('summary')!.textContent).to.contain('Answered (1)');
    answered.open = true;
    await oneEvent(answered, 'toggle');
    await el.updateComplete;
    expect(answered.textContent).to.contain('Already answered one');
  });

  it('renders hostile content as text, strips bidi overrides and truncates huge text', async () => {
    const hostile = '<img src=x onerror="window.__pwned=1"><b>bold</b>';
    const el = await queue({
      questions: [
        { id: '$h', text: hostile, author: '<script>alert(1)</script>', votes: 3 },
        { id: '$r', text: 'evil \u202Egnp.exe\u202C name', votes: 2 },
        { id: '$l', text: 'x'.repeat(100_000), votes: 1 },
      ],
    });
    expect($(el, '.row img')).to.equal(null);
    expect($(el, '.row b')).to.equal(null);
    expect(rowTexts(el)[0]).to.equal(hostile);
    expect(el.shadowRoot!.textContent).to.contain('<script>alert(1)</script>');
    expect((window as { __pwned?: number }).__pwned).to.equal(undefined);
    expect(rowTexts(el)[1]).to.equal('evil gnp.exe name');
    expect($(el, '.row bdi[dir="auto"]')).to.not.equal(null);
    const long = rowTexts(el)[2]!;
    expect(long.length).to.be.below(300);
    const more = button($$(el, '.row')[2]!, 'Show more');
    more.click();
    await settle(el);
    expect(rowTexts(el)[2]!.length).to.be.within(5000, 5002);
  });

  it('reads questions from an inline JSON script and drops invalid items', async () => {
    const warn = console.warn;
    const warnings: string[] = [];
    console.warn = (msg: string) => warnings.push(msg);
    try {
      const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue>
        <script type="application/json">
          [{ "id": "1", "text": "From JSON", "votes": 1 }, { "id": 2 }, "nope"]
        </script>
      </devroom-qa-queue>`);
      await settle(el);
      expect(rowTexts(el)).to.deep.equal(['From JSON']);
      expect(warnings.length).to.equal(2);
    } finally {
      console.warn = warn;
    }
  });

  it('loads a JSON src and refuses a javascript: src', async () => {
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue src=${new URL('./test-questions.json', import.meta.url).href}></devroom-qa-queue>`);
    for (let i = 0; i < 50 && rowTexts(el).length === 0; i++) await aTimeout(10);
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['Loaded from src', 'Second']);
    const warn = console.warn;
    console.warn = () => {};
    try {
      el.src = 'javascript:alert(1)';
      // The URL check comes with the data chunk (a widget never needs it).
      for (let i = 0; i < 50 && !$(el, '[role="alert"]'); i++) await aTimeout(10);
      expect($(el, '[role="alert"]')!.textContent).to.contain('refused javascript:');
    } finally {
      console.warn = warn;
    }
  });

  it('shows why a questions property it cannot use was refused, and a later good one clears it', async () => {
    const warn = console.warn;
    console.warn = () => {};
    try {
      const el = await queue({ questions: 42 as unknown as QuestionData[] });
      expect($(el, '[role="alert"]')!.textContent).to.contain('not iterable');
      expect(rowTexts(el)).to.deep.equal([]);
      el.src = new URL('./test-questions.json', import.meta.url).href;
      for (let i = 0; i < 50 && rowTexts(el).length === 0; i++) await aTimeout(10);
      await settle(el);
      expect(rowTexts(el)).to.deep.equal(['Loaded from src', 'Second']);
      expect($(el, '[role="alert"]')).to.equal(null);
    } finally {
      console.warn = warn;
    }
  });

  it('reads inline JSON questions before updateComplete resolves', async () => {
    const el = await fixture<DevroomQaQueue>(
      html`<devroom-qa-queue><script type="application/json">${JSON.stringify([{ id: 'i1', text: 'Inline one', votes: 1 }])}</script></devroom-qa-queue>`,
    );
    await el.updateComplete;
    expect(rowTexts(el)).to.deep.equal(['Inline one']);
  });

  it('speaks German', async () => {
    const el = await queue({ questions: data }, 'de');
    expect($(el, 'label[for="ask"]')!.textContent).to.equal('Frage stellen');
    expect($(el, '.vote')!.getAttribute('aria-label')).to.equal('Abstimmen, 5 Stimmen');
  });

  it('virtualises 10,000 questions', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => ({ id: `$q${i}`, text: `Question ${i}`, votes: i % 7, ts: i }));
    const el = await queue({ questions: many });
    expect($$(el, '.row').length).to.be.within(5, 60);
    const scroller = $(el, '.scroller')!;
    scroller.scrollTop = 300_000;
    scroller.dispatchEvent(new Event('scroll'));
    await settle(el);
    const rows = $$(el, '.row');
    expect(rows.length).to.be.within(5, 61);
    expect(Number(rows[rows.length - 1]!.getAttribute('aria-posinset'))).to.be.above(3000);
    expect(rows[0]!.getAttribute('aria-setsize')).to.equal('10000');
  });

  it('moves between questions with the arrow keys, Home and End (short and virtualised lists)', async () => {
    const focusedIndex = (el: DevroomQaQueue): string | undefined => (el.shadowRoot!.activeElement as HTMLElement | null)?.dataset.index;
    const short = await queue({ questions: data });
    expect($(short, '.spacer')!.classList.contains('virtual')).to.equal(false);
    $(short, '.row')!.focus();
    await sendKeys({ press: 'ArrowDown' });
    await settle(short);
    expect(focusedIndex(short)).to.equal('1');
    expect($$(short, '.row[tabindex="0"]').length).to.equal(1);
    await sendKeys({ press: 'Home' });
    await settle(short);
    expect(focusedIndex(short)).to.equal('0');

    const many = Array.from({ length: 2_000 }, (_, i) => ({ id: `$k${i}`, text: `Question ${i}`, ts: i }));
    const el = await queue({ questions: many });
    expect($(el, '.spacer')!.classList.contains('virtual')).to.equal(true);
    $(el, '.row')!.focus();
    await sendKeys({ press: 'End' });
    await settle(el);
    expect(focusedIndex(el)).to.equal('1999');
    const scroller = $(el, '.scroller')!;
    expect(scroller.scrollTop).to.be.above(100_000);
    await settle(el);
    expect($(el, '.row[data-index="1998"]'), 'rows around the focused one render').to.not.equal(null);
  });

  it('keeps keyboard focus on the same question when one above it leaves the list', async () => {
    const model = new QaTally();
    ['first', 'second', 'third'].forEach((text, i) => model.addQuestion({ id: `$${i}`, author: '@a:x', text, ts: i }));
    const el = await queue({ model });
    const vote = (text: string) => $$(el, '.row').find((r) => r.querySelector('.text')!.textContent!.trim() === text)!.querySelector<HTMLButtonElement>('.vote')!;
    vote('third').focus();
    model.setModeration('$0', { answered: true });
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['second', 'third']);
    // The row of "third" (new DOM) has the focus; its vote button is the next stop.
    const focused = el.shadowRoot!.activeElement as HTMLElement;
    expect(focused.closest('.row')!.querySelector('.text')!.textContent!.trim()).to.equal('third');
    await sendKeys({ press: 'Tab' });
    expect(el.shadowRoot!.activeElement).to.equal(vote('third'));
  });

  it('after "Discard", focus does not land on the next unsent question\'s buttons', async () => {
    const model = new QaTally();
    for (const id of ['l1', 'l2']) {
      model.addLocal({ localId: id, author: ME, text: `unsent ${id}`, ts: 1 });
      model.failLocal(id, 'offline');
    }
    const el = await queue({ model });
    // A tally handed down is its giver's to write (as a widget binding does on Discard).
    el.addEventListener('devroom-discard-ask', (e) => model.removeQuestion(e.detail.localId));
    const discard = button($(el, '[part="mine"]')!, 'Discard');
    discard.focus();
    discard.click();
    await settle(el);
    expect($(el, '[part="mine"]')!.textContent).to.not.contain('unsent l1');
    const focused = el.shadowRoot!.activeElement!;
    expect(focused.tagName).to.not.equal('BUTTON');
    expect(focused.textContent).to.contain('unsent l2');
  });

  it('is accessible (axe) for a moderator with hands', async () => {
    const el = await queue({
      questions: [...data, { id: '$x', text: 'hidden one', hidden: true }],
      canModerate: true,
      handsEnabled: true,
      hands: [{ userId: '@hand:x', text: 'I have a demo', ts: 1 }],
      invites: [{ userId: ME, ts: 2 }],
    });
    await expect(el).to.be.accessible();
  });
});

describe('<devroom-qa-queue> asking', () => {
  it('trims, emits devroom-ask once and shows the question as pending', async () => {
    const el = await queue({ questions: data });
    const textarea = $<HTMLTextAreaElement>(el, 'textarea')!;
    textarea.focus();
    await sendKeys({ type: '   Will there be slides?   ' });
    const asked = oneEvent(el, 'devroom-ask');
    await sendKeys({ press: 'Enter' });
    const { detail } = await asked;
    expect(detail.text).to.equal('Will there be slides?');
    expect(detail.localId).to.match(/^local-/);
    await settle(el);
    const mine = $(el, '[part="mine"]')!;
    expect(mine.textContent).to.contain('Will there be slides?');
    expect(mine.textContent).to.contain('Sending…');
    expect(textarea.value).to.equal('');
  });

  it('refuses empty and over-long questions', async () => {
    const el = await queue({ maxLength: 10 });
    let asks = 0;
    el.addEventListener('devroom-ask', () => asks++);
    button(el.shadowRoot!, 'Ask').click();
    await el.updateComplete;
    expect($(el, '#ask-error')!.textContent).to.equal('Type a question first.');
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'much too long question' });
    await el.updateComplete;
    expect($(el, '[part="counter"]')!.textContent).to.equal('22 / 10');
    button(el.shadowRoot!, 'Ask').click();
    await el.updateComplete;
    expect($(el, '#ask-error')!.textContent).to.contain('at most 10');
    expect(asks).to.equal(0);
  });

  it('shows "not sent" with Retry that emits once, then the confirmed question', async () => {
    const el = await queue({ questions: data });
    el.addEventListener('devroom-ask', (e) => (localId = e.detail.localId));
    let localId = '';
    const retries: string[] = [];
    el.addEventListener('devroom-retry-ask', (e) => retries.push(e.detail.localId));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Flaky network?' });
    button(el.shadowRoot!, 'Ask').click();
    el.failQuestion(localId, 'M_LIMIT_EXCEEDED');
    await settle(el);
    const mine = $(el, '[part="mine"]')!;
    expect(mine.textContent).to.contain('Not sent');
    const retry = button(mine, 'Retry');
    retry.click();
    retry.click();
    await settle(el);
    expect(retries).to.deep.equal([localId]);
    expect($(el, '[part="mine"]')!.textContent).to.contain('Sending…');
    el.confirmQuestion(localId, '$sent');
    await settle(el);
    expect($(el, '[part="mine"]')).to.equal(null);
    expect(rowTexts(el)).to.include('Flaky network?');
  });
});

describe('<devroom-qa-queue> while questions are read', () => {
  it('a plain page\'s src: "Loading questions…" until they arrive, never "No questions yet"; an empty list says so after', async () => {
    const realFetch = window.fetch;
    let answer!: (r: Response) => void;
    window.fetch = () => new Promise<Response>((resolve) => (answer = resolve));
    try {
      const seen: string[] = [];
      const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" src="/slow.json"></devroom-qa-queue>`);
      const look = () => seen.push($(el, '.empty')?.textContent ?? 'list');
      look();
      await aTimeout(50);
      await el.updateComplete;
      look();
      answer(new Response(JSON.stringify([{ id: '$s', text: 'From the server', votes: 1 }])));
      await waitUntil(() => rowTexts(el).length === 1);
      look();
      expect(seen).to.deep.equal(['Loading questions…', 'Loading questions…', 'list']);
      expect(rowTexts(el)).to.deep.equal(['From the server']);
      window.fetch = () => Promise.resolve(new Response('[]'));
      el.src = '/empty.json';
      await waitUntil(() => $(el, '.empty')?.textContent === 'No questions yet. Be the first to ask!');
    } finally {
      window.fetch = realFetch;
    }
  });
});

describe('<devroom-qa-queue> feedback on own questions', () => {
  it('after Ask, says "Your question was sent" once it is, and brings it into view in the list', async () => {
    const many: QuestionData[] = Array.from({ length: 40 }, (_, i) => ({ id: `$m${i}`, text: `Question ${i}`, votes: 40 - i }));
    const el = await queue({ questions: many });
    el.style.setProperty('--devroom-qa-list-height', '12rem');
    let localId = '';
    el.addEventListener('devroom-ask', (e) => (localId = e.detail.localId));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Mine, with no votes yet' });
    await sendKeys({ press: 'Enter' });
    await settle(el);
    const notice = $(el, '[part="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    expect(notice.textContent).to.equal('');
    el.confirmQuestion(localId, '$mine');
    await settle(el);
    await aTimeout(50);
    expect(notice.textContent).to.equal('Your question was sent.');
    // The last row of a scrolled list: on screen inside the list's box.
    const row = $(el, '.row[data-id="$mine"]')!;
    const box = $(el, '.scroller')!.getBoundingClientRect();
    const at = row.getBoundingClientRect();
    expect(at.top).to.be.at.least(box.top - 1);
    expect(at.bottom).to.be.at.most(box.bottom + 1);
  });

  it('tells the author when a moderator hides their question (in German too)', async () => {
    for (const [lang, words] of [
      ['en', 'A moderator hid your question.'],
      ['de', 'Die Moderation hat deine Frage ausgeblendet.'],
    ] as const) {
      const el = await queue({ questions: [...data, { id: '$own', text: 'Mine', author: ME, votes: 1 }] }, lang);
      el.model.setModeration('$own', { hidden: true });
      await settle(el);
      expect($(el, '[part="notice"]')!.textContent).to.equal(words);
      expect(rowTexts(el)).to.not.include('Mine');
      await expect(el).to.be.accessible();
    }
  });

  it('says nothing to others when a moderator hides someone else\'s question', async () => {
    const el = await queue({ questions: data });
    el.model.setModeration('$a', { hidden: true });
    await settle(el);
    expect($(el, '[part="notice"]')).to.equal(null);
  });
});

describe('<devroom-qa-queue> closed questions', () => {
  it('a moderator asks to close and reopen the questions (no confirmation: it is undone as easily)', async () => {
    const el = await queue({ questions: data, canModerate: true });
    setTimeout(() => button(el.shadowRoot!, 'Close questions').click());
    expect((await oneEvent(el, 'devroom-close-questions')).detail).to.deep.equal({ closed: true });
    el.closed = true;
    await settle(el);
    setTimeout(() => button(el.shadowRoot!, 'Reopen questions').click());
    expect((await oneEvent(el, 'devroom-close-questions')).detail).to.deep.equal({ closed: false });
  });

  it('closed: everybody reads the queue with a clear line, no ask form, votes or hands; unsent questions and the draft are kept', async () => {
    const el = await queue({ questions: data, handsEnabled: true });
    let localId = '';
    el.addEventListener('devroom-ask', (e) => (localId = e.detail.localId));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Did not make it' });
    button(el.shadowRoot!, 'Ask').click();
    el.failQuestion(localId, 'offline');
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ type: 'Half typed' });
    expect($(el, '[part="close-button"]'), 'attendees cannot close').to.equal(null);
    el.closed = true;
    await settle(el);
    expect($(el, '[part="closed"]')!.textContent).to.equal('Questions are closed for this talk.');
    expect($(el, 'textarea')).to.equal(null);
    expect($(el, '.row .vote[part="vote-button"]')).to.equal(null);
    expect($(el, '[part="vote-count"]')!.textContent).to.contain('5');
    expect($(el, '#raise-hand')).to.equal(null);
    expect(rowTexts(el)).to.deep.equal(['Is it open source?', 'How does the tally scale?']);
    expect($(el, '[part="mine"]')!.textContent, 'the unsent question is kept').to.contain('Did not make it');
    await expect(el).to.be.accessible();
    el.closed = false;
    await settle(el);
    expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('Half typed');
  });

  it('says it in German', async () => {
    const el = await queue({ questions: data, closed: true, canModerate: true }, 'de');
    expect($(el, '[part="closed"]')!.textContent).to.equal('Für diesen Vortrag sind die Fragen geschlossen.');
    expect(button(el.shadowRoot!, 'Fragen wieder öffnen')).to.not.equal(undefined);
  });
});

describe('<devroom-qa-queue> voting and moderation', () => {
  it('emits vote / unvote and shows the pressed state only from state', async () => {
    const el = await queue({ questions: data });
    const vote = $<HTMLButtonElement>(el, '.row .vote')!;
    expect(vote.getAttribute('aria-pressed')).to.equal('false');
    setTimeout(() => vote.click());
    const { detail } = await oneEvent(el, 'devroom-vote');
    expect(detail).to.deep.equal({ questionId: '$b', vote: true });
    await el.updateComplete;
    expect(vote.getAttribute('aria-pressed')).to.equal('false'); // not assumed
    expect(vote.getAttribute('aria-disabled')).to.equal('true');
    el.questions = data.map((q) => (q.id === '$b' ? { ...q, votes: 6, voted: true } : q));
    await settle(el);
    const pressed = $<HTMLButtonElement>(el, '.row .vote')!;
    expect(pressed.getAttribute('aria-pressed')).to.equal('true');
    expect(pressed.getAttribute('aria-label')).to.equal('Vote, 6 votes');
    setTimeout(() => pressed.click());
    expect((await oneEvent(el, 'devroom-vote')).detail).to.deep.equal({ questionId: '$b', vote: false });
  });

  it('hides moderation controls from non-moderators', async () => {
    const el = await queue({ questions: [...data, { id: '$h', text: 'hidden', hidden: true }] });
    expect($(el, '[part="moderation"]')).to.equal(null);
    expect($(el, 'details[part="hidden"]')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.contain('Pin');
  });

  it('lets a moderator pin, answer and approve', async () => {
    const model = new QaTally();
    // A tally handed down has pre-moderation from its writer (a widget binding: the room's root).
    model.preModeration = true;
    const el = await queue({ model, canModerate: true });
    model.addQuestion({ id: '$p', author: '@x:x', text: 'Needs approval', ts: 1 });
    await settle(el);
    const review = $<HTMLDetailsElement>(el, 'details[part="review"]')!;
    review.open = true;
    await oneEvent(review, 'toggle');
    await el.updateComplete;
    setTimeout(() => button(review, 'Approve').click());
    const approve = await oneEvent(el, 'devroom-moderate');
    expect(approve.detail).to.deep.include({ questionId: '$p', action: 'approve' });
    model.setModeration('$p', approve.detail.state);
    await settle(el);
    setTimeout(() => button($(el, '.row')!, 'Pin').click());
    const pin = await oneEvent(el, 'devroom-moderate');
    expect(pin.detail.state).to.deep.equal({ pinned: true, answered: false, hidden: false, approved: true });
  });

  it('shows an own question awaiting approval to its author only', async () => {
    const model = new QaTally();
    model.preModeration = true;
    model.addQuestion({ id: '$mine', author: ME, text: 'My pending one', ts: 1 });
    model.addQuestion({ id: '$other', author: '@o:x', text: 'Someone else', ts: 2 });
    const el = await queue({ model });
    const mine = $(el, '[part="mine"]')!;
    expect(mine.textContent).to.contain('My pending one');
    expect(mine.textContent).to.contain('Waiting for a moderator');
    expect(el.shadowRoot!.textContent).to.not.contain('Someone else');
  });
});

describe('<devroom-qa-queue> stable order', () => {
  it('holds the order while the reader points at the list, announces, and applies on request', async () => {
    const model = new QaTally();
    model.addQuestion({ id: '$1', author: '@a:x', text: 'first', ts: 1 });
    model.addQuestion({ id: '$2', author: '@a:x', text: 'second', ts: 2 });
    const el = await queue({ model });
    $(el, '.scroller')!.dispatchEvent(new PointerEvent('pointerenter'));
    model.addVote({ voteId: '$v', questionId: '$2', voter: '@z:x', key: '👍🏾' });
    model.addQuestion({ id: '$3', author: '@n:x', text: 'brand new', ts: 3 });
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['first', 'second']);
    expect($(el, '.row[data-id="$2"] .vote')!.getAttribute('aria-label')).to.equal('Vote, 1 vote');
    const updates = $<HTMLButtonElement>(el, '[part="updates-button"]')!;
    expect(updates.textContent!.trim()).to.equal('2 updates — show');
    await aTimeout(1100);
    expect($(el, '[role="status"]')!.textContent).to.equal('New question: brand new');
    // A redaction removes at once, even while the order is held.
    model.redact('$1');
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['second']);
    updates.click();
    await settle(el);
    expect(rowTexts(el)).to.deep.equal(['second', 'brand new']);
    expect($(el, '[part="updates-button"]')).to.equal(null);
  });
});

describe('<devroom-qa-queue> keyboard', () => {
  it('asks, moves through rows with arrows and votes with the keyboard', async () => {
    const el = await queue({ questions: data });
    const votes: boolean[] = [];
    el.addEventListener('devroom-vote', (e) => votes.push(e.detail.vote));
    $<HTMLTextAreaElement>(el, 'textarea')!.focus();
    await sendKeys({ press: 'Tab' }); // Ask button
    await sendKeys({ press: 'Tab' }); // first row
    expect(el.shadowRoot!.activeElement!.getAttribute('data-id')).to.equal('$b');
    await sendKeys({ press: 'ArrowDown' });
    await settle(el);
    expect(el.shadowRoot!.activeElement!.getAttribute('data-id')).to.equal('$a');
    await sendKeys({ press: 'Tab' }); // its vote button
    expect(el.shadowRoot!.activeElement!.classList.contains('vote')).to.equal(true);
    await sendKeys({ press: 'Space' });
    expect(votes).to.deep.equal([true]);
    await sendKeys({ press: 'Home' });
    await settle(el);
    expect(el.shadowRoot!.activeElement!.getAttribute('data-id')).to.equal('$b');
  });
});

describe('<devroom-qa-queue> hands', () => {
  it('"Raise hand" opens a small form of its own in the hand panel: raises with a line of text, and lowers it', async () => {
    const el = await queue({ handsEnabled: true });
    // One click-target first, no second text box under the question box.
    expect($(el, '#hand-text')).to.equal(null);
    expect($$(el, 'textarea, input').length).to.equal(1);
    const open = button(el.shadowRoot!, 'Raise hand');
    expect(open.getAttribute('aria-expanded')).to.equal('false');
    open.click();
    await settle(el);
    const field = $<HTMLInputElement>(el, '#hand-text')!;
    expect(el.shadowRoot!.activeElement, 'focus goes to the line').to.equal(field);
    const form = field.closest('form')!;
    expect(form.closest('[part="hands"]'), 'inside the hand panel').to.not.equal(null);
    expect(form.getAttribute('aria-label')).to.equal('Raise hand');
    expect(getComputedStyle(form).borderTopStyle, 'a panel of its own').to.equal('solid');
    expect($(el, 'label[for="hand-text"]')!.textContent).to.equal('What would you like to say? (optional)');
    const ask = $<HTMLTextAreaElement>(el, '#ask')!;
    expect(parseFloat(getComputedStyle(field).fontSize), 'smaller than the question box').to.be.below(parseFloat(getComputedStyle(ask).fontSize));
    expect(field.getBoundingClientRect().height).to.be.below(ask.getBoundingClientRect().height);
    await sendKeys({ type: '  Demo please ' });
    setTimeout(() => button(form, 'Raise hand').click());
    expect((await oneEvent(el, 'devroom-raise-hand')).detail).to.deep.equal({ text: 'Demo please' });
    el.hands = [{ userId: '@first:x', ts: 1 }, { userId: ME, ts: 2, text: 'Demo please' }];
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.contain('#2 in the queue');
    setTimeout(() => button(el.shadowRoot!, 'Lower hand').click());
    await oneEvent(el, 'devroom-lower-hand');
  });

  it('the hand form closes with Cancel or Escape, focus back on "Raise hand", nothing raised', async () => {
    const el = await queue({ handsEnabled: true });
    let raised = 0;
    el.addEventListener('devroom-raise-hand', () => raised++);
    button(el.shadowRoot!, 'Raise hand').click();
    await settle(el);
    button(el.shadowRoot!, 'Cancel').click();
    await settle(el);
    expect($(el, '#hand-text')).to.equal(null);
    expect(el.shadowRoot!.activeElement!.id).to.equal('raise-hand');
    el.shadowRoot!.activeElement!.dispatchEvent(new MouseEvent('click'));
    await settle(el);
    expect(el.shadowRoot!.activeElement!.id).to.equal('hand-text');
    await sendKeys({ press: 'Escape' });
    await settle(el);
    expect($(el, '#hand-text')).to.equal(null);
    expect(el.shadowRoot!.activeElement!.id).to.equal('raise-hand');
    expect(raised).to.equal(0);
  });

  it('shows "Raise hand" in German before any hands code has loaded, and its form in German', async () => {
    const el = await queue({ handsEnabled: true }, 'de');
    button(el.shadowRoot!, 'Hand heben').click();
    await el.updateComplete;
    expect($(el, 'label[for="hand-text"]')!.textContent).to.equal('Was möchtest du sagen? (optional)');
    expect(button(el.shadowRoot!, 'Abbrechen')).to.not.equal(undefined);
    await sendKeys({ type: 'Hallo' });
    setTimeout(() => button($(el, '.hand-form')!, 'Hand heben').click());
    expect((await oneEvent(el, 'devroom-raise-hand')).detail).to.deep.equal({ text: 'Hallo' });
  });

  it('gives moderators the queue with invite / remove, and the invitee accept / decline', async () => {
    const el = await queue({ handsEnabled: true, canModerate: true, hands: [{ userId: '@h:x', displayName: 'Hana', ts: 1 }] });
    const queueList = $(el, 'ol')!;
    expect(queueList.textContent).to.contain('Hana');
    setTimeout(() => button(queueList, 'Invite to stage').click());
    expect((await oneEvent(el, 'devroom-stage-invite')).detail).to.deep.equal({ userId: '@h:x' });
    setTimeout(() => button(queueList, 'Remove').click());
    expect((await oneEvent(el, 'devroom-remove-hand')).detail).to.deep.equal({ userId: '@h:x' });

    const attendee = await queue({ handsEnabled: true, invites: [{ userId: ME, ts: 3 }] });
    expect($(attendee, 'ol')).to.equal(null);
    const invite = $(attendee, '[part="stage-invite"]')!;
    // The panel's styles arrive with the hands chunk.
    expect(getComputedStyle(invite).borderTopStyle).to.equal('solid');
    // One wording with the talk player's stage invite.
    expect(invite.querySelector('p')!.textContent).to.equal('You are invited on stage for the Q&A.');
    setTimeout(() => button(invite, 'Join the stage').click());
    await oneEvent(attendee, 'devroom-accept-stage');
    setTimeout(() => button(invite, 'No, thanks').click());
    await oneEvent(attendee, 'devroom-decline-stage');
  });

  it('"You accepted…" goes once the talk has ended, and is not carried into the next talk', async () => {
    const now = Date.now();
    const iso = (ms: number) => new Date(ms).toISOString();
    const talk = { id: 't1', title: 'One', startsAt: iso(now - 20 * 60_000), endsAt: iso(now + 60_000) };
    const accepted = [{ userId: ME, ts: now - 60_000, response: 'accepted' as const }];
    const el = await queue({ handsEnabled: true, invites: accepted, talks: [talk], talk: 't1' });
    expect($(el, '[part="stage-invite"]')!.textContent).to.contain('You accepted.');
    // The slot is over (the binding sets the talks again at its end).
    el.talks = [{ ...talk, endsAt: iso(now - 1) }];
    await settle(el);
    expect($(el, '[part="stage-invite"]')).to.equal(null);
    expect(el.shadowRoot!.textContent).to.not.contain('You accepted');
    // The next talk's queue: the invite accepted during the last one is not shown.
    el.talks = [talk, { id: 't2', title: 'Two', startsAt: iso(now), endsAt: iso(now + 30 * 60_000) }];
    el.talk = 't2';
    await settle(el);
    expect($(el, '[part="stage-invite"]')).to.equal(null);
  });

  it('names who invites, in English and German', async () => {
    const invites = [{ userId: ME, by: '@mo:x', byName: 'Mo', ts: 3 }];
    const en = await queue({ handsEnabled: true, invites });
    expect($(en, '[part="stage-invite"] p')!.textContent).to.equal('Mo invites you on stage for the Q&A.');
    const de = await queue({ handsEnabled: true, invites }, 'de');
    const invite = $(de, '[part="stage-invite"]')!;
    expect(invite.querySelector('p')!.textContent).to.equal('Mo lädt dich für die Fragerunde auf die Bühne ein.');
    expect([...invite.querySelectorAll('button')].map((b) => b.textContent!.trim())).to.deep.equal(['Auf die Bühne', 'Nein, danke']);
    de.invites = [{ userId: ME, ts: 3 }];
    await de.updateComplete;
    expect(invite.querySelector('p')!.textContent).to.equal('Du bist für die Fragerunde auf die Bühne eingeladen.');
  });
});
