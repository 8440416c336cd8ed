import type { IWidget } from 'matrix-widget-api';
import { ClientServerRoom } from '../../widgets/room/client-server-room.js';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { describeRoomContract } from '../support/room-contract.js';
import type { Person } from '../support/room-contract.js';
import { conference, elementOf, homeserver, leaveAll, newAttendee } from './conference.js';
import { mountElementWidget } from './element-host.js';
import { RemoteRoom } from './remote-room.js';

/** The contract widget (test/fixtures/widgets/contract.ts) from the second origin. */
function contractWidget(id: string, creatorUserId: string): IWidget {
  const page = new URL('/test/fixtures/widgets/contract.html', location.href);
  page.hostname = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return { id, creatorUserId, type: 'dev.devroom.test-contract', url: widgetUrlTemplate(page.toString()), name: 'contract', data: {}, waitForIframeLoad: false };
}

// The widget room (WidgetApiRoom → matrix-widget-api → Element-like host → matrix-js-sdk →
// HTTP) and the public reader as a guest, on the homeserver, against the same contract as
// MemoryRoom (test/support/room-contract.ts).
describeRoomContract('homeserver, widget room through the Element-like host; public reader as a guest', async () => {
  const conf = await conference({ people: { Mo: 50, Alice: 0, Bob: 0 }, guestAccess: true });
  const names: Record<Person, string> = { mod: 'Mo', alice: 'Alice', bob: 'Bob' };
  const rooms = new Map<Person, Promise<RemoteRoom>>();
  const guests: ClientServerRoom[] = [];
  let newcomers = 0;
  const open = async (name: string) => {
    const account = conf.people[name]!;
    const element = await elementOf(account);
    const container = document.createElement('div');
    document.body.append(container);
    const widget = mountElementWidget(element, conf.roomId, contractWidget(`contract-${account.userId.slice(1, 12)}-${Date.now()}`, conf.organiser.userId), container);
    await widget.contentLoaded;
    await widget.ready;
    return new RemoteRoom(widget, conf.roomId, account.userId);
  };
  return {
    as: (person) => {
      if (!rooms.has(person)) rooms.set(person, open(names[person]));
      return rooms.get(person)!;
    },
    newcomer: async () => {
      const account = await newAttendee(conf, `Newcomer${++newcomers}`);
      return open(Object.keys(conf.people).find((name) => conf.people[name] === account)!);
    },
    guest: async () => {
      const guest = new ClientServerRoom({ homeserver: (await homeserver()).url, room: conf.roomId, guests: false });
      guests.push(guest);
      await guest.connect();
      return guest;
    },
    liveTimeoutMs: 15_000,
    close: async () => {
      for (const guest of guests) guest.stop();
      await leaveAll();
      document.body.replaceChildren();
    },
  };
});
