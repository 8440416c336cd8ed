import { expect } from '@open-wc/testing';
import { orderTalks, talkAt, type ScheduledTalk } from './talk-schedule.js';

const talk = (id: string, start: string, end?: string): ScheduledTalk => ({
  id,
  title: `Talk ${id}`,
  speakers: [],
  startsAt: `2021-02-06T${start}:00Z`,
  ...(end ? { endsAt: `2021-02-06T${end}:00Z` } : {}),
});
const at = (hhmm: string) => Date.parse(`2021-02-06T${hhmm}:00Z`);
const day = [talk('b', '10:30', '11:00'), talk('a', '10:00', '10:25'), talk('c', '11:00', '11:30')];

describe('talkAt: a room follows its schedule', () => {
  it('before the first talk: the first is current (upcoming) and the second is next', () => {
    const now = talkAt(day, at('09:00'));
    expect(now.current?.id).to.equal('a');
    expect(now.next?.id).to.equal('b');
    expect(now.earlier).to.deep.equal([]);
    expect(now.changesAt).to.equal(at('10:25'));
  });

  it('during a talk it is current; between two talks the next one is', () => {
    expect(talkAt(day, at('10:10')).current?.id).to.equal('a');
    const gap = talkAt(day, at('10:27'));
    expect(gap.current?.id).to.equal('b');
    expect(gap.earlier.map((t) => t.id)).to.deep.equal(['a']);
  });

  it('a talk ends where the next begins (back to back, end exclusive)', () => {
    expect(talkAt(day, at('11:00')).current?.id).to.equal('c');
    expect(talkAt(day, at('10:59')).current?.id).to.equal('b');
  });

  it('after the last talk, the last stays current with nothing next and no further change', () => {
    const after = talkAt(day, at('18:00'));
    expect(after.current?.id).to.equal('c');
    expect(after.next).to.equal(undefined);
    expect(after.changesAt).to.equal(undefined);
    expect(after.earlier.map((t) => t.id)).to.deep.equal(['b', 'a']);
  });

  it('a talk without an end runs until the next starts', () => {
    const open = [talk('x', '10:00'), talk('y', '10:45', '11:00')];
    expect(talkAt(open, at('10:40')).current?.id).to.equal('x');
    expect(talkAt(open, at('10:40')).changesAt).to.equal(at('10:45'));
    expect(talkAt(open, at('10:50')).current?.id).to.equal('y');
  });

  it('an empty schedule has no current talk', () => {
    expect(talkAt([], at('10:00'))).to.deep.equal({ earlier: [] });
  });

  it('orders by start then id, drops a repeated id and an unreadable start', () => {
    const messy = [talk('b', '10:00'), talk('a', '10:00'), { ...talk('a', '12:00') }, { ...talk('z', '09:00'), startsAt: 'soon' }];
    expect(orderTalks(messy).map((t) => `${t.id}@${t.startsAt.slice(11, 16)}`)).to.deep.equal(['a@10:00', 'b@10:00']);
  });
});
