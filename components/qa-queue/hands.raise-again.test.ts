import { expect } from '@open-wc/testing';
import { HandsModel } from './hands.js';

/**
 * A plain page's model follows the widgets' rule (docs/schema.md "Raised hand"): a hand raised
 * again after an invite is a new request, and the old invite asks no more; a new invite does.
 */
describe('HandsModel: raising the hand again', () => {
  it('drops the answered invite: the new hand is a request, only a new invite asks', () => {
    const hands = new HandsModel();
    hands.raise({ userId: '@a:x', ts: 1 });
    hands.invite({ userId: '@a:x', by: '@mod:x', ts: 2 });
    hands.respond('@a:x', 'declined');
    // The answer is on the hand state (raised: false); a page that folds only `raised: true` keeps the hand.
    hands.raise({ userId: '@a:x', ts: 3 });
    expect(hands.inviteFor('@a:x'), 'still raised: a text change keeps the invite').to.include({ response: 'declined' });
    hands.lower('@a:x');
    hands.raise({ userId: '@a:x', ts: 4 });
    expect(hands.inviteFor('@a:x')).to.equal(undefined);
    hands.invite({ userId: '@a:x', by: '@mod:x', ts: 5 });
    expect(hands.inviteFor('@a:x')).to.deep.equal({ userId: '@a:x', by: '@mod:x', ts: 5 });
  });

  it('drops an invite given without a hand (a speaker) when that person raises their hand after it', () => {
    const hands = new HandsModel();
    hands.invite({ userId: '@a:x', ts: 1 });
    hands.respond('@a:x', 'accepted');
    hands.raise({ userId: '@a:x', ts: 2 });
    expect(hands.inviteFor('@a:x')).to.equal(undefined);
    expect(hands.hands().map((h) => h.userId)).to.deep.equal(['@a:x']);
  });
});
