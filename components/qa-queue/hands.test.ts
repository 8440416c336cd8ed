import { expect } from '@open-wc/testing';
import { HandsModel } from './hands.js';

describe('HandsModel', () => {
  it('keeps hands in raise order and keeps the place when the text changes', () => {
    const hands = new HandsModel();
    hands.raise({ userId: '@b:x', ts: 20 });
    hands.raise({ userId: '@a:x', ts: 10, text: 'demo' });
    hands.raise({ userId: '@c:x', ts: 20 });
    expect(hands.hands().map((h) => h.userId)).to.deep.equal(['@a:x', '@b:x', '@c:x']);
    hands.raise({ userId: '@a:x', ts: 99, text: 'new text' });
    expect(hands.hands()[0]).to.include({ userId: '@a:x', ts: 10, text: 'new text' });
  });

  it('invites, records the answer, and clears the invite when the hand is lowered', () => {
    const hands = new HandsModel();
    let changes = 0;
    hands.subscribe(() => changes++);
    hands.raise({ userId: '@a:x', ts: 1 });
    hands.invite({ userId: '@a:x', by: '@mod:x', ts: 2 });
    hands.respond('@a:x', 'accepted');
    expect(hands.inviteFor('@a:x')).to.include({ by: '@mod:x', response: 'accepted' });
    hands.lower('@a:x');
    expect(hands.hands()).to.deep.equal([]);
    expect(hands.inviteFor('@a:x')).to.equal(undefined);
    expect(changes).to.equal(4);
    hands.invite({ userId: '@speaker:x', ts: 3 });
    hands.clearInvite('@speaker:x');
    expect(hands.allInvites()).to.deep.equal([]);
  });
});
