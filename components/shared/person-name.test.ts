import { expect } from '@open-wc/testing';
import { NameBook } from './person-name.js';

const shown = (book: NameBook, id: string) => book.person(id).text;

describe('person names: a display name only when nobody else can pass for it', () => {
  it('a unique name shows alone; an unknown person shows by id', () => {
    const book = new NameBook();
    book.set('@alice:example.org', 'Alice');
    expect(shown(book, '@alice:example.org')).to.equal('Alice');
    expect(shown(book, '@bob:example.org')).to.equal('@bob:example.org');
  });

  it('two people with names that look the same both show "Name (@id)"', () => {
    const book = new NameBook();
    book.set('@alice:example.org', 'Alice');
    book.set('@mallory:evil.example', 'ALİCE'.normalize('NFD'));
    expect(shown(book, '@alice:example.org')).to.equal('Alice (@alice:example.org)');
    expect(shown(book, '@mallory:evil.example')).to.match(/\(@mallory:evil\.example\)$/);
    for (const lookAlike of ['alice ', 'Al\u200bice', 'Аlice' /* Cyrillic А */, 'A1ice', 'Alicé', 'Ａｌｉｃｅ']) {
      book.set('@mallory:evil.example', lookAlike);
      expect(shown(book, '@alice:example.org'), lookAlike).to.equal('Alice (@alice:example.org)');
    }
  });

  it('when the other person renames, the name shows alone again', () => {
    const book = new NameBook();
    book.set('@alice:example.org', 'Alice');
    book.set('@bob:example.org', 'Alice');
    expect(book.set('@bob:example.org', 'Bob')).to.equal(true);
    expect(shown(book, '@alice:example.org')).to.equal('Alice');
    expect(book.set('@bob:example.org', 'Bob')).to.equal(false);
  });

  it('a name that looks like a user id, is empty or only invisible shows the id', () => {
    const book = new NameBook();
    for (const name of ['@alice:example.org', '＠alice:example.org', '', '   ', '\u200b\u202e', '\u2800', undefined, 42]) {
      book.set('@mallory:evil.example', name);
      expect(shown(book, '@mallory:evil.example'), String(name)).to.equal('@mallory:evil.example');
    }
  });

  it('direction controls are removed and the id is shown beside the name', () => {
    const book = new NameBook();
    book.set('@mallory:evil.example', '\u202ekraM');
    expect(shown(book, '@mallory:evil.example')).to.equal('kraM (@mallory:evil.example)');
  });

  it('a very long name is cut at 80 characters', () => {
    const book = new NameBook();
    book.set('@long:example.org', 'x'.repeat(500));
    expect([...shown(book, '@long:example.org')]).to.have.length(80);
  });
});
