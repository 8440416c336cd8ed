import { expect } from '@open-wc/testing';
import { CurrentApiVersions } from 'matrix-widget-api';
import type { IWidgetApiRequest } from 'matrix-widget-api';
import { ALICE, BOB, conferenceRoom, MOD, probeOf, startHost, waitFor } from '../../test/fixtures/widgets/harness.js';
import type { Harness } from '../../test/fixtures/widgets/harness.js';
import { readAllRelations } from './relations.js';
import type { Room } from './room.js';

const PROBE = 'dev.devroom.probe';

async function rejection(promise: Promise<unknown>): Promise<{ code: string; message: string; name: string }> {
  try {
    await promise;
  } catch (error) {
    return error as { code: string; message: string; name: string };
  }
  throw new Error('expected a rejection');
}

/** WidgetApiRoom inside the probe widget, through ClientWidgetApi and the MemoryRoom driver. */
describe('WidgetApiRoom (through the host)', () => {
  let harness: Harness | undefined;
  afterEach(() => {
    harness?.cleanup();
    harness = undefined;
  });

  async function widgetRoom(options: Parameters<typeof startHost>[0] = {}) {
    harness = startHost(options);
    const mounted = harness.host.mounted('probe')!;
    const win = await probeOf(mounted);
    return { room: win.probe.context!.room as Room, win, mounted, memory: harness.room };
  }

  it('reads full state from the update_state push, without read_events', async () => {
    const memory = conferenceRoom();
    memory.setState(PROBE, '', { title: 'Keynote' });
    memory.setState(PROBE, MOD, { note: 'mod' }, MOD);
    const { room, mounted } = await widgetRoom({ room: memory });
    let reads = 0;
    mounted.api.on('action:org.matrix.msc2876.read_events', () => reads++);
    const all = await room.readState(PROBE);
    expect(all.map((e) => e.state_key).sort()).to.deep.equal(['', MOD]);
    expect((await room.readState(PROBE, ''))[0]!.content).to.deep.equal({ title: 'Keynote' });
    expect(await room.readState(PROBE, '@nobody:x')).to.deep.equal([]);
    const pl = await room.readState('m.room.power_levels', '');
    expect((pl[0]!.content.users as Record<string, number>)[MOD]).to.equal(50);
    expect(reads).to.equal(0);
  });

  it('reads state with read_events from a client that predates update_state (no push, room-state reads)', async () => {
    const memory = conferenceRoom();
    memory.setState(PROBE, '', { title: 'Keynote' });
    memory.setState(PROBE, MOD, { note: 'mod' }, MOD);
    harness = startHost({ room: memory });
    const client = harness.host.mounted('probe')!.api;
    // A client on matrix-widget-api before MSC2762 update_state: it neither lists the version
    // nor pushes state, and answers read_events from the room state (ClientWidgetApi decides
    // that from the widget's versions, so hide the version from it too).
    const withoutUpdateState = (versions: string[]) => versions.filter((v) => v !== 'org.matrix.msc2762_update_state');
    const internals = client as unknown as { getWidgetVersions(): Promise<string[]> };
    const widgetVersions = internals.getWidgetVersions.bind(client);
    internals.getWidgetVersions = async () => withoutUpdateState(await widgetVersions());
    client.on('action:supported_api_versions', (ev: CustomEvent<IWidgetApiRequest>) => {
      ev.preventDefault();
      client.transport.reply(ev.detail, { supported_versions: withoutUpdateState([...CurrentApiVersions]) });
    });
    let reads = 0;
    let pushes = 0;
    client.on('action:org.matrix.msc2876.read_events', () => reads++);
    const send = client.transport.send.bind(client.transport);
    client.transport.send = ((action: string, data: never) => {
      if (action === 'update_state') pushes++;
      return send(action, data);
    }) as typeof client.transport.send;
    const win = await probeOf(harness.host.mounted('probe')!);
    const room = win.probe.context!.room as Room;

    const started = performance.now();
    const all = await room.readState(PROBE);
    // No waiting for a push that will not come (initialStateTimeoutMs is 5 s).
    expect(performance.now() - started).to.be.below(2000);
    expect(all.map((e) => e.state_key).sort()).to.deep.equal(['', MOD]);
    expect((await room.readState(PROBE, ''))[0]!.content).to.deep.equal({ title: 'Keynote' });
    expect(reads).to.be.greaterThan(0);
    expect(pushes).to.equal(0);
  });

  it('sends room events and own state; the server refusal arrives as RoomError with the errcode', async () => {
    const { room, memory } = await widgetRoom();
    expect(room.userId).to.equal(ALICE);
    const id = await room.sendEvent('m.room.message', { msgtype: 'm.text', body: 'Is it recorded?' });
    expect(memory.getEvent(id)!.sender).to.equal(ALICE);
    const stateId = await room.sendState(PROBE, ALICE, { raised: true });
    expect(memory.getState(PROBE, ALICE)[0]!.event_id).to.equal(stateId);

    // The probe type is at power 0, but the widget may only write its own key (capability).
    const noCapability = await rejection(room.sendState(PROBE, '', { title: 'hijack' }));
    expect([noCapability.name, noCapability.code]).to.deep.equal(['RoomError', 'M_FORBIDDEN']);
    const wrongMsgtype = await rejection(room.sendEvent('m.room.message', { msgtype: 'm.notice', body: 'x' }));
    expect(wrongMsgtype.code).to.equal('M_FORBIDDEN');

    memory.failNext('M_LIMIT_EXCEEDED', { op: 'send' });
    const limited = await rejection(room.sendEvent('m.room.message', { msgtype: 'm.text', body: 'again' }));
    expect(limited.code).to.equal('M_LIMIT_EXCEEDED');
  });

  it('maps a homeserver auth failure (power levels) to M_FORBIDDEN', async () => {
    const memory = conferenceRoom({ powerLevels: { events_default: 10, events: { 'dev.devroom.probe': 0 } } });
    const { room } = await widgetRoom({ room: memory });
    const err = await rejection(room.sendEvent('m.room.message', { msgtype: 'm.text', body: 'x' }));
    expect(err.code).to.equal('M_FORBIDDEN');
    expect(err.message).to.contain('needs power level 10');
  });

  it('redacts through m.room.redaction, and the redaction arrives live', async () => {
    const { room, memory, win } = await widgetRoom();
    const root = memory.inject('m.room.message', { msgtype: 'm.text', body: 'Q&A' }).event_id;
    const vote = await room.sendEvent('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: root, key: '👍' } });
    const redactionId = await room.redact(vote);
    expect(memory.getEvent(vote)!.unsigned?.redacted_because?.event_id).to.equal(redactionId);
    await waitFor(() => win.probe.live.some((e) => e.type === 'm.room.redaction'), 'live redaction');
    const live = win.probe.live.find((e) => e.type === 'm.room.redaction')!;
    expect(live.content.redacts ?? live.redacts).to.equal(vote);
    // A moderator's power is not Alice's: redacting Bob's question is refused by the server.
    const bobs = await memory.as(BOB).sendEvent('m.room.message', { msgtype: 'm.text', body: 'mine' });
    expect((await rejection(room.redact(bobs))).code).to.equal('M_FORBIDDEN');
  });

  it('paginates relations following next_batch on a server that pages by 5', async () => {
    const memory = conferenceRoom({ relationsPageLimit: 5 });
    const root = memory.inject('m.room.message', { msgtype: 'm.text', body: 'Q&A' }).event_id;
    const ids: string[] = [];
    for (let i = 0; i < 12; i++) {
      ids.push((await memory.as(i % 2 ? BOB : MOD).sendEvent('m.room.message', {
        msgtype: 'm.text',
        body: `q${i}`,
        'm.relates_to': { rel_type: 'm.reference', event_id: root },
      })));
    }
    const { room } = await widgetRoom({ room: memory });
    const first = await room.readRelations(root, { relType: 'm.reference', limit: 50 });
    expect(first.events).to.have.length(5);
    expect(first.nextBatch).to.be.a('string');
    let pages = 0;
    const all = await readAllRelations(room, root, { relType: 'm.reference', direction: 'f' }, { onPage: () => pages++ });
    expect(all.map((e) => e.event_id)).to.deep.equal(ids);
    expect(pages).to.equal(3);
  });

  it('delivers live events and state changes once each, and keeps the state cache current', async () => {
    const { room, memory, win } = await widgetRoom();
    const seen: string[] = [];
    room.subscribe((e) => seen.push(e.event_id));
    const message = await memory.as(BOB).sendEvent('m.room.message', { msgtype: 'm.text', body: 'hi from Bob' });
    const state = await memory.as(BOB).sendState(PROBE, BOB, { raised: true });
    // Not readable by the widget: never delivered.
    await memory.as(BOB).sendEvent('m.room.message', { msgtype: 'm.emote', body: 'waves' });
    const last = await memory.as(MOD).sendEvent('m.room.message', { msgtype: 'm.text', body: 'last' });
    await waitFor(() => seen.includes(last), 'last event');
    await new Promise((r) => setTimeout(r, 100));
    expect(seen).to.deep.equal([message, state, last]);
    expect((await room.readState(PROBE, BOB))[0]!.content).to.deep.equal({ raised: true });
    // Redacting state strips it in the cache too (the redaction algorithm loads with the first such redaction).
    await memory.as(BOB).redact(state);
    await waitFor(() => win.probe.live.some((e) => e.type === 'm.room.redaction'), 'redaction');
    let content: unknown;
    for (let tries = 0; tries < 50 && JSON.stringify(content) !== '{}'; tries++) {
      content = (await room.readState(PROBE, BOB))[0]?.content;
      if (JSON.stringify(content) !== '{}') await new Promise((r) => setTimeout(r, 20));
    }
    expect(content).to.deep.equal({});
  });

  it('re-mounts as another attendee with their own user id', async () => {
    const { memory } = await widgetRoom();
    harness!.host.setUser(BOB);
    const win = await probeOf(harness!.host.mounted('probe')!);
    const room = win.probe.context!.room as Room;
    expect(room.userId).to.equal(BOB);
    const id = await room.sendEvent('m.room.message', { msgtype: 'm.text', body: 'Bob here' });
    expect(memory.getEvent(id)!.sender).to.equal(BOB);
  });
});
