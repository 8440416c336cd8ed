import { expect } from '@open-wc/testing';
import { EventDirection, MatrixCapabilities, WidgetEventCapability } from 'matrix-widget-api';
import { standCapabilityNames } from './capabilities.js';

describe('stand booth capability names', () => {
  it('are the strings matrix-widget-api builds (the page builds them without it)', () => {
    const send = (type: string, key: string) => WidgetEventCapability.forStateEvent(EventDirection.Send, type, key).raw;
    expect(standCapabilityNames('@anna:example.org')).to.deep.equal({
      sendStand: send('dev.devroom.stand', ''),
      sendPresence: send('dev.devroom.stand.presence', '@anna:example.org'),
      sendStatus: WidgetEventCapability.forRoomEvent(EventDirection.Send, 'dev.devroom.stand.contact.status').raw,
      sendRoot: send('dev.devroom.root', 'contacts'),
      sendNotice: WidgetEventCapability.forRoomMessageEvent(EventDirection.Send, 'm.notice').raw,
      sendContact: WidgetEventCapability.forRoomEvent(EventDirection.Send, 'dev.devroom.stand.contact').raw,
      readRedactions: WidgetEventCapability.forRoomEvent(EventDirection.Receive, 'm.room.redaction').raw,
      downloadMedia: MatrixCapabilities.MSC4039DownloadFile,
    });
  });
});
