import { expect } from '@open-wc/testing';
import { MAX_TALKS, parseRoomSchedule } from './schedule.js';

const good = { id: '11', title: 'Opening', startsAt: '2021-02-06T09:00:00+01:00', endsAt: '2021-02-06T08:30:00Z', speakers: [{ name: 'Ada', userId: '@ada:example.org' }] };

describe('dev.devroom.schedule content', () => {
  it('reads talks, times normalised to UTC', () => {
    const read = parseRoomSchedule({ talks: [good] });
    expect(read).to.deep.equal({
      talks: [{ id: '11', title: 'Opening', speakers: [{ name: 'Ada', userId: '@ada:example.org' }], startsAt: '2021-02-06T08:00:00.000Z', endsAt: '2021-02-06T08:30:00.000Z' }],
      dropped: [],
    });
  });

  it('drops a bad talk with its reason and keeps the others', () => {
    const read = parseRoomSchedule({ talks: [null, { ...good, startsAt: 'tomorrow' }, { id: '12', title: 'No start' }, { ...good, id: '13' }] });
    if ('error' in read) throw new Error(read.error);
    expect(read.talks.map((t) => t.id)).to.deep.equal(['13']);
    expect(read.dropped).to.have.length(3);
    expect(read.dropped[1]).to.contain('talks[1].startsAt');
    expect(read.dropped[2]).to.contain('talks[2].startsAt: is required');
  });

  it('an end before the start is left out, a bad speaker skipped, a bad user id not kept', () => {
    const read = parseRoomSchedule({ talks: [{ ...good, endsAt: '2021-02-06T07:00:00Z', speakers: [{ name: '' }, 'Bob', { name: 'Cy', userId: 'cy' }] }] });
    if ('error' in read) throw new Error(read.error);
    expect(read.talks[0]!.endsAt).to.equal(undefined);
    expect(read.talks[0]!.speakers).to.deep.equal([{ name: 'Cy' }]);
  });

  it('content that is not a schedule is an error, not an empty room; a huge list is cut with a note', () => {
    expect(parseRoomSchedule(null)).to.deep.equal({ error: 'talks: expected a list' });
    expect(parseRoomSchedule({ talks: {} })).to.deep.equal({ error: 'talks: expected a list' });
    const many = parseRoomSchedule({ talks: Array.from({ length: MAX_TALKS + 5 }, (_, i) => ({ ...good, id: String(i) })) });
    if ('error' in many) throw new Error(many.error);
    expect(many.talks).to.have.length(MAX_TALKS);
    expect(many.dropped).to.deep.equal([`talks: only the first ${MAX_TALKS} are read`]);
  });
});
