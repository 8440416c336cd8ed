/**
 * Bad data cannot freeze a page (issue #14): a plain page's `src` with 100,000 questions, and
 * a widget's history folded in one batch, stay O(n log n) and never block the page for long.
 * Runs in its own page: the first test starts with the treap index (ranked-set.ts) not yet
 * loaded, as a fresh page does.
 */
import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import './define.js';
import { QaTally, loadLargeIndex, type Question, type Section } from './tally.js';
import { RankedSet, type RankNode } from './ranked-set.js';
import { SortedList, type RankIndex } from './sorted-list.js';
import type { DevroomQaQueue } from './qa-queue.js';

const N = 100_000;

/** The tally's order (same comparator): pinned first, then votes (desc), then age, then id. */
const reference = (a: Question, b: Question): number =>
  Number(b.moderation.pinned) - Number(a.moderation.pinned) || b.votes - a.votes || a.ts - b.ts || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every task over 50 ms while `run` runs (Chromium's longtask entries), longest first. */
async function longTasks(run: () => Promise<void>): Promise<number[]> {
  const seen: number[] = [];
  const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => seen.push(e.duration)));
  observer.observe({ type: 'longtask' });
  try {
    await run();
    // Entries arrive after their task: give them a moment.
    await new Promise((r) => setTimeout(r, 100));
    observer.takeRecords().forEach((e) => seen.push(e.duration));
  } finally {
    observer.disconnect();
  }
  return seen.sort((a, b) => b - a);
}

describe('large plain-page data', () => {
  afterEach(() => sinon.restore());

  it(`shows ${N.toLocaleString('en')} questions from src within seconds, never blocking the page for long`, async function () {
    this.timeout(120_000);
    // votes 0–999 spread over the list: the top question is not the first one in the file.
    const votes = (i: number) => (i * 7919) % 1000;
    const body = JSON.stringify(Array.from({ length: N }, (_, i) => ({ id: `$q${i}`, text: `Question ${i}`, votes: votes(i), ts: 1_700_000_000_000 + i })));
    sinon.stub(window, 'fetch').callsFake(() => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } })));
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" style="--devroom-qa-list-height: 400px"></devroom-qa-queue>`);
    const rows = () => el.shadowRoot!.querySelectorAll('.row');
    let firstRowsMs = Infinity;
    const tasks = await longTasks(async () => {
      const start = performance.now();
      el.src = 'https://questions.example.org/all.json';
      while (rows().length === 0 && performance.now() - start < 60_000) await new Promise((r) => setTimeout(r, 10));
      firstRowsMs = performance.now() - start;
      await el.updateComplete;
    });
    console.log(`[large data] first rows after ${firstRowsMs.toFixed(0)} ms; long tasks: ${tasks.length}, longest ${tasks.slice(0, 5).map((t) => t.toFixed(0)).join(', ')} ms`);

    // Before bulk loads: one task of ~9 s (a sorted-array splice per question before the treap
    // loaded), rows after it. Now slices of ~16 ms of folding; the longest task is the JSON parse.
    expect(firstRowsMs, 'first rows within 5 s').to.be.below(5000);
    expect(tasks[0] ?? 0, 'no task over 400 ms').to.be.below(400);
    // All of it, in order.
    const first = rows()[0]!;
    expect(first.getAttribute('aria-setsize')).to.equal(String(N));
    // The oldest of those with 999 votes (i = 321: 7919 · 321 ≡ 999 mod 1000).
    expect(first.querySelector('.text')!.textContent!.trim()).to.equal('Question 321');
    const open = el.model.section('open').slice();
    for (let i = 1; i < open.length; i++) if (reference(open[i - 1]!, open[i]!) >= 0) throw new Error(`out of order at ${i}`);
  });

  it('names a few dropped items of bad data, not 100,000 (console lines would freeze the page too)', async () => {
    const body = JSON.stringify(Array.from({ length: N }, (_, i) => ({ id: `$bad${i}`, text: '' })));
    sinon.stub(window, 'fetch').callsFake(() => Promise.resolve(new Response(body, { headers: { 'content-type': 'application/json' } })));
    const warn = sinon.stub(console, 'warn');
    const el = await fixture<DevroomQaQueue>(html`<devroom-qa-queue lang="en" src="https://questions.example.org/bad.json"></devroom-qa-queue>`);
    for (let i = 0; i < 500 && !warn.called; i++) await new Promise((r) => setTimeout(r, 10));
    await el.updateComplete;
    warn.restore();
    expect(warn.callCount).to.be.within(2, 25);
    expect(String(warn.lastCall.args[0])).to.contain(`dropped ${N - 20} more`);
    expect(el.shadowRoot!.querySelectorAll('.row')).to.have.length(0);
  });

  it('folds a widget history batch (questions one by one, moderation, votes) into each section index at once', async () => {
    await loadLargeIndex();
    const inserts = sinon.spy(RankedSet.prototype, 'insert');
    const tally = new QaTally();
    const n = 20_000;
    tally.batch(() => {
      for (let i = 0; i < n; i++) {
        tally.addQuestion({ id: `$h${i}`, author: `@u${i % 97}:x`, text: `History ${i}`, ts: 1000 + (i % 5000) });
        if (i % 10 === 0) tally.setModeration(`$h${i}`, { answered: i % 20 === 0, pinned: i % 30 === 0 });
        for (let v = 0; v < i % 4; v++) tally.addVote({ voteId: `$v${i}-${v}`, questionId: `$h${i}`, voter: `@v${v}:x`, key: '👍' });
      }
    });
    // Before: an O(log n) insert per question and per re-position (O(n) each in a sorted array).
    expect(inserts.callCount, 'index inserts one by one').to.be.below(100);
    const all = new Set<string>();
    for (const section of ['open', 'answered'] as Section[]) {
      const list = tally.section(section).slice();
      list.forEach((q) => all.add(q.id));
      const sorted = [...list].sort(reference);
      expect(list.map((q) => q.id), section).to.deep.equal(sorted.map((q) => q.id));
      list.forEach((q, index) => expect(tally.position(q.id)).to.deep.equal({ section, index }));
    }
    expect(all.size).to.equal(n);
    // Live changes after the batch re-rank one by one (O(log n) each), as before.
    tally.addVote({ voteId: '$late', questionId: '$h1', voter: '@late:x', key: '👍' });
    tally.setModeration('$h1', { pinned: true });
    expect(tally.position('$h1')).to.deep.equal({ section: 'open', index: 0 });
  });

  describe('bulk insert into a ranking index', () => {
    type Item = RankNode<Item> & { v: number };
    const item = (v: number): Item => ({ v, rankLeft: null, rankRight: null, rankPriority: 0, rankSize: 0 });
    for (const [name, make] of [
      ['SortedList', (compare: (a: Item, b: Item) => number) => new SortedList(compare)],
      ['RankedSet', (compare: (a: Item, b: Item) => number) => new RankedSet(compare)],
    ] as const) {
      it(`${name}: n log n comparisons for n items, same order and ranks as a sorted array`, () => {
        let comparisons = 0;
        const set: RankIndex<Item> = make((a, b) => (comparisons++, a.v - b.v));
        // 50,000 in shuffled order, in three bulk inserts of different sizes, then single inserts.
        const values = Array.from({ length: 50_000 }, (_, i) => i * 2);
        let x = 11;
        for (let i = values.length - 1; i > 0; i--) {
          x = (x * 1103515245 + 12345) % 2147483648;
          const j = x % (i + 1);
          [values[i], values[j]] = [values[j]!, values[i]!];
        }
        const items = values.map(item);
        set.insertAll(items.slice(0, 30_000));
        set.insertAll(items.slice(30_000, 30_010));
        set.insertAll(items.slice(30_010, 49_990));
        for (const it of items.slice(49_990)) set.insert(it);
        const n = items.length;
        expect(comparisons, 'comparisons').to.be.below(2 * n * Math.log2(n));
        expect(set.size).to.equal(n);
        const sorted = [...values].sort((a, b) => a - b);
        expect(set.slice().map((i) => i.v)).to.deep.equal(sorted);
        for (const v of [0, 2, 31_000, 99_998]) expect(set.rank(items.find((i) => i.v === v)!)).to.equal(v / 2);
        // Still a working index: single deletes and inserts after the bulk ones.
        expect(set.delete(items[0]!)).to.equal(true);
        set.insert(item(1));
        expect(set.size).to.equal(n);
        expect(set.slice(0, 3).map((i) => i.v)).to.deep.equal(items[0]!.v === 0 ? [1, 2, 4] : [0, 1, 2]);
      });
    }
  });
});
