import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import { QaTally, loadLargeIndex, normaliseVoteKey, type Section } from './tally.js';
import { applyModeration } from './moderation.js';
import { loadQuestions } from './data.js';
import { RankedSet } from './ranked-set.js';
import { SortedList, type RankIndex } from './sorted-list.js';

const ids = (tally: QaTally, section: Section = 'open'): string[] => tally.section(section).slice().map((q) => q.id);

function seed(tally: QaTally, n = 3): void {
  for (let i = 0; i < n; i++) tally.addQuestion({ id: `$q${i}`, author: `@a${i}:x`, text: `Q${i}`, ts: 1000 + i });
}

let voteSeq = 0;
const vote = (tally: QaTally, questionId: string, voter: string, key = '\u{1F44D}'): string => {
  const voteId = `$v${voteSeq++}`;
  tally.addVote({ voteId, questionId, voter, key });
  return voteId;
};

describe('normaliseVoteKey', () => {
  it('accepts 👍 with and without VS16 and in every skin tone', () => {
    for (const key of ['👍', '👍\u{FE0F}', '👍🏻', '👍🏼', '👍🏽', '👍🏾', '👍🏿', '👍\u{FE0F}🏽', '👍🏿\u{FE0F}']) {
      expect(normaliseVoteKey(key), JSON.stringify(key)).to.equal('👍');
    }
  });
  it('refuses other keys and wrong types', () => {
    for (const key of ['👎', '+1', '👍👍', '👍 ', '', '🏽', null, 42, { key: '👍' }]) expect(normaliseVoteKey(key)).to.equal(null);
  });
});

describe('QaTally votes', () => {
  it('counts one vote per person whatever they send', () => {
    const tally = new QaTally();
    seed(tally, 1);
    vote(tally, '$q0', '@bob:x');
    vote(tally, '$q0', '@bob:x');
    vote(tally, '$q0', '@bob:x', '👍🏽');
    vote(tally, '$q0', '@bob:x', '👍\u{FE0F}');
    expect(tally.get('$q0')?.votes).to.equal(1);
    vote(tally, '$q0', '@carol:x', '👍🏿');
    expect(tally.get('$q0')?.votes).to.equal(2);
    expect(tally.hasVoted('$q0', '@bob:x')).to.equal(true);
    expect(tally.hasVoted('$q0', '@dave:x')).to.equal(false);
  });

  it('ignores non-vote reactions and re-delivered reaction events', () => {
    const tally = new QaTally();
    seed(tally, 1);
    expect(tally.addVote({ voteId: '$r', questionId: '$q0', voter: '@b:x', key: '🎉' })).to.equal(false);
    expect(tally.addVote({ voteId: '$v', questionId: '$q0', voter: '@b:x', key: '👍' })).to.equal(true);
    expect(tally.addVote({ voteId: '$v', questionId: '$q0', voter: '@b:x', key: '👍' })).to.equal(false);
    expect(tally.get('$q0')?.votes).to.equal(1);
    tally.removeVote('$v');
    expect(tally.get('$q0')?.votes).to.equal(0);
  });

  it('keeps the vote when one of two reactions from the same voter is redacted', () => {
    const tally = new QaTally();
    seed(tally, 1);
    const first = vote(tally, '$q0', '@bob:x');
    const second = vote(tally, '$q0', '@bob:x', '👍🏻');
    expect(tally.voteIdsOf('$q0', '@bob:x')).to.deep.equal([first, second]);
    tally.redact(first);
    expect(tally.get('$q0')?.votes).to.equal(1);
    tally.redact(second);
    expect(tally.get('$q0')?.votes).to.equal(0);
    expect(tally.hasVoted('$q0', '@bob:x')).to.equal(false);
  });

  it('adds a count from elsewhere (a vote snapshot) to the voters folded in, and ranks by the sum', () => {
    const tally = new QaTally();
    seed(tally, 2);
    vote(tally, '$q0', '@bob:x');
    const changes: string[] = [];
    tally.subscribe((c) => changes.push(`${c.type} ${'id' in c ? c.id : ''}`));
    tally.setBase('$q1', 5);
    expect(tally.get('$q1')?.votes).to.equal(5);
    expect(ids(tally)).to.deep.equal(['$q1', '$q0']);
    vote(tally, '$q1', '@carol:x');
    expect(tally.get('$q1')?.votes).to.equal(6);
    tally.setBase('$q1', 4);
    expect(tally.get('$q1')?.votes).to.equal(5);
    expect(changes.filter((c) => c.startsWith('changed'))).to.have.length.greaterThan(0);
    // Known before the question arrives: its count when it does.
    tally.setBase('$q9', 2);
    tally.addQuestion({ id: '$q9', author: '@a:x', text: 'late', ts: 9 });
    expect(tally.get('$q9')?.votes).to.equal(2);
  });

  it('counts votes that arrive before their question', () => {
    const tally = new QaTally();
    vote(tally, '$late', '@bob:x');
    expect(tally.get('$late')).to.equal(undefined);
    tally.addQuestion({ id: '$late', author: '@a:x', text: 'late', ts: 1 });
    expect(tally.get('$late')?.votes).to.equal(1);
  });
});

describe('QaTally ranking', () => {
  it('orders pinned first, then votes, then age, then id', () => {
    const tally = new QaTally();
    seed(tally, 4);
    tally.addQuestion({ id: '$same-ts-b', author: '@a:x', text: 'b', ts: 1003 });
    expect(ids(tally)).to.deep.equal(['$q0', '$q1', '$q2', '$q3', '$same-ts-b']);
    vote(tally, '$q2', '@a:x');
    vote(tally, '$q2', '@b:x');
    vote(tally, '$q3', '@a:x');
    expect(ids(tally)).to.deep.equal(['$q2', '$q3', '$q0', '$q1', '$same-ts-b']);
    tally.setModeration('$q1', { pinned: true });
    expect(ids(tally)).to.deep.equal(['$q1', '$q2', '$q3', '$q0', '$same-ts-b']);
    expect(tally.position('$q3')).to.deep.equal({ section: 'open', index: 2 });
  });

  it('moves answered and hidden questions to their own sections and back', () => {
    const tally = new QaTally();
    seed(tally, 3);
    tally.setModeration('$q0', { answered: true });
    tally.setModeration('$q1', { hidden: true });
    expect(ids(tally)).to.deep.equal(['$q2']);
    expect(ids(tally, 'answered')).to.deep.equal(['$q0']);
    expect(ids(tally, 'hidden')).to.deep.equal(['$q1']);
    tally.setModeration('$q1', null);
    expect(ids(tally)).to.deep.equal(['$q1', '$q2']);
  });

  it('removes a redacted question and ignores it afterwards', () => {
    const tally = new QaTally();
    seed(tally, 2);
    expect(tally.redact('$q0')).to.equal(true);
    expect(ids(tally)).to.deep.equal(['$q1']);
    tally.addQuestion({ id: '$q0', author: '@a:x', text: 'again', ts: 1 });
    vote(tally, '$q0', '@b:x');
    expect(ids(tally)).to.deep.equal(['$q1']);
    expect(tally.get('$q0')).to.equal(undefined);
  });

  it('keeps unapproved questions in review under pre-moderation', () => {
    const tally = new QaTally();
    seed(tally, 2);
    tally.preModeration = true;
    expect(ids(tally)).to.deep.equal([]);
    expect(ids(tally, 'review')).to.deep.equal(['$q0', '$q1']);
    tally.setModeration('$q1', applyModeration(tally.get('$q1')!.moderation, 'approve'));
    expect(ids(tally)).to.deep.equal(['$q1']);
    tally.preModeration = false;
    expect(ids(tally)).to.deep.equal(['$q0', '$q1']);
  });

  it('notifies added / moved / changed / removed', () => {
    const tally = new QaTally();
    seed(tally, 2);
    const seen: string[] = [];
    tally.subscribe((c) => seen.push(c.type === 'reset' ? 'reset' : `${c.type}:${c.id}`));
    tally.addQuestion({ id: '$new', author: '@a:x', text: 'n', ts: 5000 });
    vote(tally, '$q0', '@a:x'); // $q0 already first: count changes, order does not
    tally.flush();
    vote(tally, '$new', '@a:x');
    vote(tally, '$new', '@b:x');
    tally.flush();
    tally.redact('$q1');
    expect(seen).to.deep.equal(['added:$new', 'changed:$q0', 'changed:$new', 'changed:$new', 'moved:$new', 'removed:$q1']);
  });
});

describe('QaTally own questions', () => {
  it('shows a pending question apart, then confirmed in the ranking', () => {
    const tally = new QaTally();
    seed(tally, 1);
    tally.addLocal({ localId: 'local-1', author: '@me:x', text: 'mine', ts: 9 });
    expect(ids(tally, 'mine')).to.deep.equal(['local-1']);
    tally.confirmLocal('local-1', '$e1');
    expect(ids(tally, 'mine')).to.deep.equal([]);
    expect(tally.get('$e1')?.local).to.equal('confirmed');
    expect(ids(tally)).to.include('$e1');
  });

  it('fails, retries once, and never shows the echo twice', () => {
    const tally = new QaTally();
    tally.addLocal({ localId: 'local-2', author: '@me:x', text: 'mine', ts: 9 });
    tally.failLocal('local-2', 'M_FORBIDDEN');
    expect(tally.get('local-2')?.local).to.equal('failed');
    expect(tally.retryLocal('local-2')).to.equal(true);
    expect(tally.retryLocal('local-2')).to.equal(false);
    // The echo arrives before the send response.
    tally.addQuestion({ id: '$e2', author: '@me:x', text: 'mine', ts: 10 });
    tally.confirmLocal('local-2', '$e2');
    expect(ids(tally)).to.deep.equal(['$e2']);
    expect(ids(tally, 'mine')).to.deep.equal([]);
  });

  it('replaces the local copy when the echo names its localId', () => {
    const tally = new QaTally();
    tally.addLocal({ localId: 'local-3', author: '@me:x', text: 'mine', ts: 9 });
    vote(tally, '$e3', '@early:x'); // a vote raced the send response
    tally.addQuestion({ id: '$e3', author: '@me:x', text: 'mine', ts: 10, localId: 'local-3' });
    expect(ids(tally)).to.deep.equal(['$e3']);
    expect(tally.get('$e3')?.votes).to.equal(1);
    expect(tally.get('local-3')).to.equal(undefined);
  });

  it('loads plain-page data and keeps own unsent questions', () => {
    const tally = new QaTally();
    tally.addLocal({ localId: 'l1', author: '', text: 'unsent', ts: 1 });
    loadQuestions(tally, [
      { id: 'a', text: 'A', votes: 3, voted: true },
      { id: 'b', text: 'B', votes: 5, pinned: false },
      { id: 'c', text: 'C', answered: true, ts: '2024-01-01T00:00:00Z' },
    ], '');
    expect(ids(tally)).to.deep.equal(['b', 'a']);
    expect(tally.get('a')?.votes).to.equal(3);
    expect(tally.hasVoted('a', '')).to.equal(true);
    expect(ids(tally, 'answered')).to.deep.equal(['c']);
    expect(ids(tally, 'mine')).to.deep.equal(['l1']);
    loadQuestions(tally, [{ id: 'x', text: 'sent', localId: 'l1' }], '');
    expect(ids(tally, 'mine')).to.deep.equal([]);
  });
});

describe('ranking indexes', () => {
  type Item = { v: number; rankLeft: Item | null; rankRight: Item | null; rankPriority: number; rankSize: number };
  const byValue = (a: Item, b: Item) => a.v - b.v;
  const indexes: [string, () => RankIndex<Item>][] = [
    ['SortedList', () => new SortedList(byValue)],
    ['RankedSet', () => new RankedSet(byValue)],
  ];
  for (const [name, make] of indexes) {
    it(`${name} matches a sorted array under random inserts and deletes`, () => {
      const set = make();
      const items = new Map<number, Item>();
      let x = 7;
      for (let i = 0; i < 2000; i++) {
        x = (x * 1103515245 + 12345) % 2147483648;
        const v = x % 500;
        const existing = items.get(v);
        if (existing) {
          expect(set.delete(existing)).to.equal(true);
          items.delete(v);
        } else {
          const item: Item = { v, rankLeft: null, rankRight: null, rankPriority: 0, rankSize: 0 };
          set.insert(item);
          items.set(v, item);
        }
      }
      const sorted = [...items.keys()].sort((a, b) => a - b);
      expect(set.slice().map((i) => i.v)).to.deep.equal(sorted);
      expect(set.size).to.equal(sorted.length);
      sorted.forEach((v, index) => expect(set.rank(items.get(v)!)).to.equal(index));
      expect(set.rank({ v: 1000, rankLeft: null, rankRight: null, rankPriority: 0, rankSize: 0 })).to.equal(-1);
      expect(set.at(3)?.v).to.equal(sorted[3]);
      expect(set.slice(5, 9).map((i) => i.v)).to.deep.equal(sorted.slice(5, 9));
      const walked: number[] = [];
      set.forEach((item, index) => walked.push(index === walked.length ? item.v : -1));
      expect(walked).to.deep.equal(sorted);
    });
  }

  // Runs last in this file: once ranked-set.ts has loaded, new tallies start with treaps.
  it('ranks short sections with sorted arrays and re-indexes into the treap past 300 questions, same order', async () => {
    const insert = sinon.spy(RankedSet.prototype, 'insert');
    // The re-index is one bulk insert per section (the sorted contents, built in O(n)).
    const insertAll = sinon.spy(RankedSet.prototype, 'insertAll');
    try {
      const tally = new QaTally();
      seed(tally, 300);
      for (let i = 0; i < 300; i += 7) vote(tally, `$q${i}`, `@v${i}:x`);
      tally.setModeration('$q299', { pinned: true });
      const before = ids(tally);
      expect(before.slice(0, 3)).to.deep.equal(['$q299', '$q0', '$q7']);
      expect(insert.called || insertAll.called, 'no treap while short').to.equal(false);

      tally.addQuestion({ id: '$q300', author: '@a:x', text: 'Q300', ts: 5000 });
      tally.addQuestion({ id: '$q301', author: '@a:x', text: 'Q301', ts: 5001 });
      await loadLargeIndex();
      for (let i = 0; i < 20 && !insertAll.called; i++) await Promise.resolve();
      expect(insertAll.called, 'the treap took over').to.equal(true);
      expect(ids(tally)).to.deep.equal([...before, '$q300', '$q301']);

      // Updates go on in the treap: a vote moves $q301 up among the one-vote questions.
      insert.resetHistory();
      vote(tally, '$q301', '@w:x');
      expect(tally.position('$q301')).to.deep.equal({ section: 'open', index: 44 });
      expect(ids(tally)[45]).to.equal('$q1');
      expect(insert.called).to.equal(true);
      tally.setModeration('$q0', { answered: true });
      expect(ids(tally, 'answered')).to.deep.equal(['$q0']);
      expect(tally.section('open').size).to.equal(301);

      insert.resetHistory();
      const fresh = new QaTally();
      seed(fresh, 2);
      expect(insert.callCount, 'a new tally starts with treaps').to.equal(2);
    } finally {
      insert.restore();
      insertAll.restore();
    }
  });
});
