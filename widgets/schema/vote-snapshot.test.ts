import { expect } from '@open-wc/testing';
import { MAX_SNAPSHOT_BYTES, parseVoteSnapshot, voteSnapshotContent } from './vote-snapshot.js';

/** An event id as Synapse makes them for room versions 4+: `$` and 43 URL-safe base64 characters. */
const eventId = (i: number) => `$${String(i).padStart(6, '0')}${'AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_'.slice(0, 37)}`;
const bytes = (content: unknown) => new TextEncoder().encode(JSON.stringify(content)).length;

describe('dev.devroom.qa.votes (the vote snapshot)', () => {
  it('200 and 1,000 questions: its size, and the cap far under Synapse’s 64 KiB', () => {
    const root = eventId(999_999);
    const sizes: string[] = [];
    for (const n of [200, 1000]) {
      // Every question voted on, the busiest with hundreds of votes.
      const counts = Array.from({ length: n }, (_, i): [string, number] => [eventId(i), 1 + Math.floor(500 / (i + 1))]);
      const content = voteSnapshotContent(root, 1_764_770_000_000, counts);
      const listed = Object.keys(content.counts as object).length;
      sizes.push(`${n} questions: ${bytes(content)} B, ${listed} listed${content.partial ? ' (partial)' : ''}`);
      expect(bytes(content)).to.be.at.most(MAX_SNAPSHOT_BYTES);
      const parsed = parseVoteSnapshot(content);
      expect(parsed.ok).to.equal(true);
      if (n === 200) expect(listed).to.equal(200);
      else {
        // Beyond the cap the least-voted questions are left out, and the snapshot says so.
        expect(content.partial).to.equal(true);
        expect(listed).to.be.within(500, 999);
        const kept = (content.counts as Record<string, number>);
        expect(Math.min(...Object.values(kept))).to.be.at.least(Math.max(...counts.filter(([id]) => !(id in kept)).map(([, c]) => c)));
      }
    }
    console.log(`[vote snapshot] ${sizes.join('; ')}`);
  });

  it('refuses what it cannot count, with the reason', () => {
    const ok = { root: '$r', upto: 1, counts: { $q: 2 } };
    expect(parseVoteSnapshot(ok)).to.deep.equal({ ok: true, value: { root: '$r', upto: 1, counts: new Map([['$q', 2]]), partial: false } });
    const bad: [unknown, RegExp][] = [
      [null, /content/],
      [{ ...ok, root: 'r' }, /root/],
      [{ ...ok, upto: -1 }, /upto/],
      [{ ...ok, upto: '1' }, /upto/],
      [{ ...ok, counts: [] }, /counts/],
      [{ ...ok, counts: { $q: 1.5 } }, /counts/],
      [{ ...ok, counts: { q: 1 } }, /counts/],
      [{ ...ok, partial: 'yes' }, /partial/],
    ];
    for (const [content, reason] of bad) {
      const parsed = parseVoteSnapshot(content);
      expect(parsed.ok, JSON.stringify(content)).to.equal(false);
      expect((parsed as { reason: string }).reason).to.match(reason);
    }
  });
});
