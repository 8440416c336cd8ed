import { expect } from '@open-wc/testing';
import { readWidgetParams, widgetUrlTemplate } from './params.js';
import { capabilityList } from './capabilities.js';
import { runTemplate } from 'matrix-widget-api';

const PARENT = 'https://app.element.io/';

function elementUrl(fragment: string): { href: string } {
  return { href: `https://widgets.example/talk.html?widgetId=w1&parentUrl=${encodeURIComponent(PARENT)}#${fragment}` };
}

describe('widget parameters', () => {
  it('builds a template Element fills in, and reads it back', () => {
    const template = widgetUrlTemplate('https://widgets.example/talk.html', { dataKeys: ['track'] });
    expect(template).to.equal(
      'https://widgets.example/talk.html#userId=$matrix_user_id&roomId=$matrix_room_id&displayName=$matrix_display_name' +
        '&avatarUrl=$matrix_avatar_url&theme=$org.matrix.msc2873.client_theme&lang=$org.matrix.msc2873.client_language' +
        '&deviceId=$org.matrix.msc3819.matrix_device_id&baseUrl=$org.matrix.msc4039.matrix_base_url&track=$track',
    );
    const filled = runTemplate(
      template,
      { id: 'w1', creatorUserId: '@a:x', type: 'dev.devroom.talk', url: template, data: { track: 'Main hall' } },
      { currentUserId: '@alice:example.org', widgetRoomId: '!room:example.org', userDisplayName: 'Alice', clientTheme: 'dark', clientLanguage: 'de' },
    );
    const result = readWidgetParams(elementUrl(filled.split('#')[1]!), true);
    expect(result.mode).to.equal('widget');
    if (result.mode !== 'widget') return;
    expect(result.params).to.deep.include({
      widgetId: 'w1',
      parentOrigin: 'https://app.element.io',
      userId: '@alice:example.org',
      roomId: '!room:example.org',
      displayName: 'Alice',
      theme: 'dark',
      lang: 'de',
    });
    expect(result.params.extra).to.deep.equal({ track: 'Main hall' });
    // Empty template values (no avatar, no device) count as absent.
    expect(result.params.avatarUrl).to.equal(undefined);
  });

  it('is standalone when not embedded or without widgetId/parentUrl', () => {
    expect(readWidgetParams({ href: 'https://w.example/talk.html#lang=de' }, true).mode).to.equal('standalone');
    expect(readWidgetParams(elementUrl('userId=@a:x&roomId=!r:x'), false).mode).to.equal('standalone');
  });

  it('explains invalid parameters', () => {
    const noUser = readWidgetParams(elementUrl('userId=$matrix_user_id&roomId=!r:x'), true);
    expect(noUser.mode).to.equal('invalid');
    if (noUser.mode === 'invalid') expect(noUser.error.param).to.equal('userId');
    const badRoom = readWidgetParams(elementUrl('userId=@a:x&roomId=lobby'), true);
    expect(badRoom.mode === 'invalid' && badRoom.error.param).to.equal('roomId');
    const badParent = readWidgetParams({ href: 'https://w.example/?widgetId=w&parentUrl=javascript:alert(1)#userId=@a:x&roomId=!r:x' }, true);
    expect(badParent.mode === 'invalid' && badParent.error.param).to.equal('parentUrl');
  });

  it('maps Element theme ids and language tags', () => {
    const r = readWidgetParams(elementUrl('userId=@a:x&roomId=!r&theme=light-high-contrast&lang=pt_BR'), true);
    expect(r.mode === 'widget' && [r.params.theme, r.params.lang]).to.deep.equal(['light', 'pt-br']);
    const d = readWidgetParams(elementUrl('userId=@a:x&roomId=!r&theme=custom-dark-purple&lang=not a lang'), true);
    expect(d.mode === 'widget' && [d.params.theme, d.params.lang]).to.deep.equal(['dark', 'en']);
  });
});

describe('capability lists', () => {
  it('asks exactly for the declared types, keys and msgtypes; always-on-screen is optional', () => {
    const list = capabilityList({
      readState: [{ type: 'dev.devroom.talk', stateKey: '' }, { type: 'dev.devroom.qa.hand' }],
      sendState: [{ type: 'dev.devroom.qa.hand', stateKey: '@alice:x' }],
      readEvents: [{ type: 'm.room.message', msgtype: 'm.text' }, { type: 'm.reaction' }],
      sendEvents: [{ type: 'm.room.message' }],
      redact: true,
      alwaysOnScreen: true,
    });
    expect(list.required).to.deep.equal([
      'org.matrix.msc2762.receive.state_event:dev.devroom.talk#',
      'org.matrix.msc2762.receive.state_event:dev.devroom.qa.hand',
      'org.matrix.msc2762.send.state_event:dev.devroom.qa.hand#@alice:x',
      'org.matrix.msc2762.receive.event:m.room.message#m.text',
      'org.matrix.msc2762.receive.event:m.reaction',
      'org.matrix.msc2762.send.event:m.room.message',
      'org.matrix.msc2762.send.event:m.room.redaction',
      'org.matrix.msc2762.receive.event:m.room.redaction',
    ]);
    expect(list.optional).to.deep.equal(['m.always_on_screen']);
  });
});
