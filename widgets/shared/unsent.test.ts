import { expect } from '@open-wc/testing';
import type { Room } from '../room/room.js';
import { MAX_UNSENT, saveUnsent, unsentKey } from './unsent.js';
import { MAX_AGE_MS, readUnsent } from './unsent-read.js';
import { readQuestions } from '../qa-queue/unsent-questions.js';

/** What is kept in this browser for a reload (unsent.ts): per kind, room and user; bounded; untrusted when read back. */

const room = (roomId: string, userId: string) => ({ roomId, userId }) as Room;
const KEY = unsentKey('qa', room('!a:x', '@alice:x'));
const forgetStored = () => {
  for (const key of Object.keys(localStorage)) if (key.startsWith('devroom:')) localStorage.removeItem(key);
};

describe('unsent items kept in this browser', () => {
  let warnings: string[];
  const warn = console.warn;
  beforeEach(() => {
    forgetStored();
    warnings = [];
    console.warn = (...args: unknown[]) => void warnings.push(args.map(String).join(' '));
  });
  afterEach(() => {
    console.warn = warn;
    forgetStored();
  });

  it('one key per kind, room and user', () => {
    const keys = new Set([
      KEY,
      unsentKey('qa', room('!a:x', '@bob:x')),
      unsentKey('qa', room('!b:x', '@alice:x')),
      unsentKey('orders', room('!a:x', '@alice:x')),
      // Ids with the separator in them cannot make two keys meet.
      unsentKey('qa', room('!a:x","@alice:x', '')),
    ]);
    expect(keys.size).to.equal(5);
  });

  it('round trip; nothing left removes the key', () => {
    const now = Date.now();
    saveUnsent(KEY, [{ id: 'q1', at: now, text: 'Hello?' } as never, { id: 'q2', at: now, root: '$root', text: 'Again?' } as never]);
    expect(readQuestions(KEY, 500)).to.deep.equal([
      { id: 'q1', at: now, text: 'Hello?' },
      { id: 'q2', at: now, root: '$root', text: 'Again?' },
    ]);
    saveUnsent(KEY, []);
    expect(localStorage.getItem(KEY)).to.equal(null);
  });

  it(`bounded: at most ${MAX_UNSENT} items and 100,000 characters, the oldest go`, () => {
    const now = Date.now();
    const many = Array.from({ length: MAX_UNSENT + 5 }, (_, i) => ({ id: `q${i}`, at: now, text: `Question ${i}` }));
    saveUnsent(KEY, many);
    const kept = readQuestions(KEY, 500);
    expect(kept.map((q) => q.id)).to.deep.equal(many.slice(5).map((q) => q.id));

    saveUnsent(KEY, [{ id: 'big', at: now, text: 'x'.repeat(60_000) } as never, { id: 'big2', at: now, text: 'y'.repeat(60_000) } as never]);
    expect(readQuestions(KEY, 100_000).map((q) => q.id)).to.deep.equal(['big2']);
  });

  it('unreadable storage is ignored and removed, each bad or expired item dropped, each with a logged reason', () => {
    localStorage.setItem(KEY, '{"v":1,"items":[');
    expect(readQuestions(KEY, 500)).to.deep.equal([]);
    expect(localStorage.getItem(KEY)).to.equal(null);
    expect(warnings.pop()).to.contain('unsent question in this browser ignored: not JSON');

    localStorage.setItem(KEY, JSON.stringify({ items: [] }));
    expect(readQuestions(KEY, 500)).to.deep.equal([]);
    expect(warnings.pop()).to.contain('not a version 1 list');

    const now = Date.now();
    localStorage.setItem(
      KEY,
      JSON.stringify({
        v: 1,
        items: [
          'text',
          { at: now, text: 'no id' },
          { id: 'old', at: now - MAX_AGE_MS - 1, text: 'Yesterday?' },
          { id: 'root', at: now, root: 'not-an-event', text: 'Where?' },
          { id: 'empty', at: now, text: '   ' },
          { id: 'long', at: now, text: 'x'.repeat(501) },
          { id: 'ok', at: now, text: 'Fine?', extra: 'dropped' },
          { id: 'ok', at: now, text: 'Twice?' },
        ],
      }),
    );
    expect(readQuestions(KEY, 500)).to.deep.equal([{ id: 'ok', at: now, text: 'Fine?' }]);
    expect(warnings).to.deep.equal(
      ['not an object', 'no local id', 'older than 12 hours', 'root is not an event id', 'no text', 'longer than 500 characters', 'listed twice'].map(
        (why) => `devroom: an unsent question in this browser dropped: ${why}`,
      ),
    );
  });

  it('expired keys of other rooms are removed when one is read', () => {
    const now = Date.now();
    const old = unsentKey('orders', room('!old:x', '@alice:x'));
    const live = unsentKey('orders', room('!live:x', '@alice:x'));
    localStorage.setItem(old, JSON.stringify({ v: 1, items: [{ id: 'o', at: now - MAX_AGE_MS - 1 }] }));
    localStorage.setItem(live, JSON.stringify({ v: 1, items: [{ id: 'o', at: now }] }));
    localStorage.setItem('unrelated', 'kept');
    readUnsent(KEY, 'question', (item) => item as never);
    expect(localStorage.getItem(old)).to.equal(null);
    expect(localStorage.getItem(live)).to.not.equal(null);
    expect(localStorage.getItem('unrelated')).to.equal('kept');
    localStorage.removeItem('unrelated');
  });
});
