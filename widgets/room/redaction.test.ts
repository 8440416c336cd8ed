import { expect } from '@open-wc/testing';
import { MemoryRoom } from './memory-room.js';
import { redactContent } from './redaction.js';

/** Found by the fuzzer (test/fuzz/): event types are chosen by whoever sends the event. */
describe('redaction: event types named like Object.prototype members', () => {
  it('strips every key of events of type constructor, toString, __proto__, hasOwnProperty (it threw)', () => {
    for (const type of ['constructor', 'toString', '__proto__', 'hasOwnProperty', 'valueOf']) {
      expect(redactContent(type, { body: 'secret', membership: 'join' }), type).to.deep.equal({});
    }
  });

  it('keeps the essential keys of the types that have them, own keys only', () => {
    const content = JSON.parse('{"membership": "join", "displayname": "Ann", "__proto__": {"membership": "ban"}}') as Record<string, unknown>;
    expect(redactContent('m.room.member', content)).to.deep.equal({ membership: 'join' });
    expect(redactContent('m.room.member', Object.create({ membership: 'ban' }) as Record<string, unknown>)).to.deep.equal({});
    expect(redactContent('m.room.create', { creator: '@a:x', room_version: '10' })).to.deep.equal({ creator: '@a:x', room_version: '10' });
  });

  it('MemoryRoom redacts such an event', async () => {
    const room = new MemoryRoom({ creator: '@admin:example.org' });
    const event = room.inject('constructor', { body: 'secret' });
    await room.as('@admin:example.org').redact(event.event_id);
    expect(room.getEvent(event.event_id)!.content).to.deep.equal({});
  });
});
