import { expect } from '@open-wc/testing';
import { parseStand } from './stand-errors.js';
import { checkStand } from './stand.js';
import { parseMarkdown } from './markdown.js';
import { scheduleState, formatSlot } from './schedule.js';
import { formToStand, standToForm } from './stand-form.js';
import { validateContactDraft } from './contact.js';
import { sampleStand } from './test-fixtures.js';

describe('parseStand', () => {
  it('accepts a full stand and keeps its data', () => {
    const result = parseStand(sampleStand());
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.stand.name).to.equal('Kitten Linux');
    expect(result.stand.links.map((l) => l.kind)).to.deep.equal(['website', 'source', 'docs', 'chat']);
    expect(result.stand.downloads[0]?.kind).to.equal('download');
    expect(result.stand.staff).to.have.length(2);
    expect(result.stand.logo).to.equal('mxc://example.org/abcDEF123');
    expect(result.dropped).to.deep.equal([]);
  });

  it('reports path-based errors in strict mode', () => {
    const result = parseStand(
      {
        name: '',
        links: [{ kind: 'website', url: 'javascript:alert(1)' }, { kind: 'nope', url: 'https://x.org' }],
        staff: [{ userId: 'bob', name: 'Bob' }],
        schedule: [{ title: 'Demo', kind: 'demo', start: '2026-02-01T10:00', end: '2026-02-01T09:00Z' }],
        jitsi: { domain: 'meet.example.org/evil', room: 'a b' },
        logo: 'http://example.org/logo.png',
      },
      { strict: true },
    );
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    const paths = result.errors.map((e) => e.path);
    expect(paths).to.include.members([
      'name',
      'links[0].url',
      'links[1].kind',
      'staff[0].userId',
      'schedule[0].start',
      'jitsi.domain',
      'jitsi.room',
      'logo',
    ]);
    expect(result.errors.find((e) => e.path === 'links[0].url')?.message).to.match(/javascript/);
  });

  it('drops bad items in lenient mode but keeps the stand', () => {
    const result = parseStand({
      name: 'X',
      links: [{ kind: 'website', url: 'javascript:alert(1)' }, { kind: 'docs', url: 'https://docs.x.org' }],
      logo: 'data:image/png;base64,AAAA',
    });
    expect(result.ok).to.equal(true);
    if (!result.ok) return;
    expect(result.stand.links).to.deep.equal([{ kind: 'docs', label: 'docs.x.org', url: 'https://docs.x.org/' }]);
    expect(result.stand.logo).to.equal(undefined);
    expect(result.dropped.map((d) => d.path)).to.deep.equal(['logo', 'links[0].url']);
  });

  it('refuses non-objects and a missing name even when lenient', () => {
    expect(parseStand('[]').ok).to.equal(false);
    expect(parseStand([]).ok).to.equal(false);
    expect(parseStand({ tagline: 'no name' }).ok).to.equal(false);
  });

  it('keeps the first valid entry of a staff member and reports later ones where they are', () => {
    const staff = [{ userId: 'ann', name: 'Ann' }, { userId: '@ann:x.org' }, { userId: '@ann:x.org', name: 'Ann' }, { userId: '@ann:x.org', name: 'Ann B' }];
    const result = parseStand({ name: 'X', staff });
    expect(result.ok && result.stand.staff).to.deep.equal([{ userId: '@ann:x.org', name: 'Ann' }]);
    expect(result.ok && result.dropped.map((d) => `${d.path} ${d.message}`)).to.deep.equal([
      'staff[0].userId must be a Matrix user id like @name:server',
      'staff[1].name is required',
      'staff[3].userId is listed twice',
    ]);
  });

  it('reads and checks the schedule and video', () => {
    const result = checkStand({ ...sampleStand(), schedule: [{ title: 'Demo', kind: 'demo', start: '2026-02-01T10:00', end: 'x' }] });
    expect(result.ok && result.dropped.map(([path, code]) => `${path} ${code}`)).to.deep.equal(['schedule[0].start time', 'schedule[0].end time']);
    expect(result.ok && result.stand.video?.title).to.equal('Kitten in 3 minutes');
  });

  it('allows mailto links, refuses relative ones', () => {
    const result = parseStand({ name: 'X', links: [{ kind: 'chat', url: 'mailto:team@x.org' }, { kind: 'docs', url: '/docs' }] });
    expect(result.ok && result.stand.links).to.deep.equal([{ kind: 'chat', label: 'team@x.org', url: 'mailto:team@x.org' }]);
  });
});

describe('parseMarkdown', () => {
  it('parses paragraphs, lists and inline formatting', () => {
    const blocks = parseMarkdown('Hello **big** *world*\nsame para\n\n- one\n- [two](https://two.org)\n\n1. first\n2. `code`');
    expect(blocks.map((b) => b.type)).to.deep.equal(['paragraph', 'list', 'list']);
    expect(blocks[0]).to.deep.equal({
      type: 'paragraph',
      children: [
        { type: 'text', text: 'Hello ' },
        { type: 'strong', children: [{ type: 'text', text: 'big' }] },
        { type: 'text', text: ' ' },
        { type: 'em', children: [{ type: 'text', text: 'world' }] },
        { type: 'text', text: ' same para' },
      ],
    });
    const list = blocks[1];
    expect(list?.type === 'list' && list.items[1]?.[0]).to.deep.equal({
      type: 'link',
      href: 'https://two.org/',
      children: [{ type: 'text', text: 'two' }],
    });
    expect(blocks[2]?.type === 'list' && blocks[2].ordered).to.equal(true);
  });

  it('keeps HTML as text and drops unsafe link targets', () => {
    const blocks = parseMarkdown('<img src=x onerror=alert(1)> [click](javascript:alert(1)) <mailto:a@b.org>');
    const children = blocks[0]?.type === 'paragraph' ? blocks[0].children : [];
    expect(children[0]).to.deep.equal({ type: 'text', text: '<img src=x onerror=alert(1)> ' });
    expect(children[1]).to.deep.equal({ type: 'link', href: undefined, children: [{ type: 'text', text: 'click' }] });
    expect(children[3]).to.deep.include({ type: 'link', href: 'mailto:a@b.org' });
  });
});

describe('schedule', () => {
  const items = [
    { title: 'A', kind: 'demo' as const, start: '2026-02-01T10:00:00Z', end: '2026-02-01T10:30:00Z' },
    { title: 'B', kind: 'talk' as const, start: '2026-02-01T11:00:00Z', end: '2026-02-01T11:30:00Z' },
    { title: 'C', kind: 'maintainers' as const, start: '2026-02-01T12:00:00Z', end: '2026-02-01T13:00:00Z' },
  ];
  it('marks now and next relative to the clock', () => {
    const at = (iso: string) => scheduleState(items, Date.parse(iso));
    expect(at('2026-02-01T09:00:00Z').marks).to.deep.equal(['next', 'later', 'later']);
    expect(at('2026-02-01T10:10:00Z').marks).to.deep.equal(['now', 'next', 'later']);
    expect(at('2026-02-01T10:10:00Z').nextChange).to.equal(Date.parse('2026-02-01T10:30:00Z'));
    expect(at('2026-02-01T10:30:00Z').marks).to.deep.equal(['past', 'next', 'later']);
    expect(at('2026-02-01T14:00:00Z')).to.deep.equal({ marks: ['past', 'past', 'past'], nextChange: undefined });
  });
  it('formats in the requested time zone', () => {
    expect(formatSlot(items[0]!, 'en-GB', 'Europe/Brussels')).to.equal('Sun 1 Feb, 11:00–11:30 CET');
    expect(formatSlot(items[0]!, 'de-DE', 'America/New_York')).to.match(/^So\., 1\. Feb\.?, 0?5:00–0?5:30 GMT-5$/);
  });
});

describe('stand form', () => {
  it('round-trips a stand through the form fields', () => {
    const parsed = parseStand(sampleStand());
    if (!parsed.ok) throw new Error('fixture invalid');
    const result = formToStand(standToForm(parsed.stand));
    expect(result).to.deep.equal({ ok: true, stand: parsed.stand });
  });
  it('maps validator paths to fields and lines', () => {
    const values = standToForm(undefined);
    values.links = 'website | Home | https://x.org\n\nsource | Code | javascript:alert(1)';
    values.staff = '@ann:x.org';
    const result = formToStand(values);
    expect(result.ok).to.equal(false);
    if (result.ok) return;
    expect(result.issues).to.deep.include({ field: 'name', message: 'is required' });
    expect(result.issues.find((i) => i.field === 'links')).to.include({ line: 3 });
    expect(result.issues.find((i) => i.field === 'staff')).to.deep.equal({ field: 'staff', line: 1, message: 'name is required' });
  });
});

describe('contact draft', () => {
  it('requires a message and limits lengths', () => {
    expect(validateContactDraft('  ', '')).to.deep.equal({ message: 'required' });
    expect(validateContactDraft('x'.repeat(2001), 'y'.repeat(201))).to.deep.equal({ message: 'too-long', contact: 'too-long' });
    expect(validateContactDraft('hi', '')).to.deep.equal({});
  });
});
