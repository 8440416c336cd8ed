import { expect } from '@open-wc/testing';
import { RoomError } from '../room/room.js';
import { loadWords, roomErrorText, say } from './binding.i18n.js';

describe('the stand binding’s messages', () => {
  it('are in the booth’s language once its words are loaded, English before and for other languages', async () => {
    const el = document.createElement('div');
    el.lang = 'de';
    document.body.append(el);
    try {
      const refused = new RoomError('no', 'M_FORBIDDEN');
      await loadWords(el);
      expect(say(el, 'saveFailed', roomErrorText(el, refused))).to.equal('Der Stand konnte nicht gespeichert werden: in diesem Raum nicht erlaubt');
      el.lang = 'fr';
      expect(say(el, 'saveFailed', roomErrorText(el, refused))).to.equal('Could not save the stand: not allowed in this room');
      // A code without words of its own (whatever a server sends) shows the error's message.
      expect(roomErrorText(el, new RoomError('boom', 'toString'))).to.equal('boom');
    } finally {
      el.remove();
    }
  });
});
