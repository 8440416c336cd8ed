/**
 * Scenarios for the homeserver suite: a conference room on a real homeserver (over HTTP),
 * set up as `devroom apply` sets it up (devroom's power levels, the widgets in room state),
 * and people who sit down at their own Element with a widget open. Works against the test
 * homeserver and any real one (accounts via the shared-secret registration, unique names).
 */
import type { IWidget } from 'matrix-widget-api';
import { newRoomPowerLevels } from '../../host-tools/apply/power.js';
import { WIDGET_EVENT, widgetContent } from '../../host-tools/apply/widget-state.js';
import type { WidgetKind } from '../../host-tools/apply/widget-url.js';
import { widgetUrlTemplate } from '../../widgets/runtime/params.js';
import { registerUser, uniqueLocalpart } from '../homeserver/accounts.js';
import { startElementClient } from './element-client.js';
import type { Account, ClientRequest, ElementClient } from './element-client.js';
import { mountElementWidget } from './element-host.js';
import type { ElementWidget, MountOptions } from './element-host.js';

export interface HomeserverInfo {
  url: string;
  serverName: string;
  registrationSharedSecret: string;
  /** The test homeserver's /_devroom_test API is there (false on a real server). */
  controls: boolean;
}

let info: Promise<HomeserverInfo> | undefined;
export function homeserver(): Promise<HomeserverInfo> {
  info ??= fetch('/__homeserver').then((r) => r.json() as Promise<HomeserverInfo>);
  return info;
}

/** A client-server API call as `account` (set-up steps; not counted as any widget's cost). */
export async function api<T = Record<string, unknown>>(account: Account, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${account.baseUrl}/_matrix/client${path}`, {
    method,
    headers: { Authorization: `Bearer ${account.accessToken}`, ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}) },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const json = (await response.json().catch(() => ({}))) as T;
  if (!response.ok) throw new Error(`${method} ${path} → ${response.status} ${JSON.stringify(json)}`);
  return json;
}

let txn = 0;
const enc = encodeURIComponent;

export interface Conference {
  roomId: string;
  organiser: Account;
  people: Record<string, Account>;
  send(account: Account, type: string, content: Record<string, unknown>): Promise<string>;
  setState(account: Account, type: string, stateKey: string, content: Record<string, unknown>): Promise<string>;
  redact(account: Account, eventId: string): Promise<string>;
}

export interface ConferenceOptions {
  /** Display name → power level (0 = attendee). */
  people: Record<string, number>;
  /** Widgets the organiser adds to the room, as `devroom apply` does. */
  widgets?: WidgetKind[];
  guestAccess?: boolean;
  /** Widget options (URL fragment parameters), per widget. */
  widgetOptions?: Partial<Record<WidgetKind, Record<string, string>>>;
}

/** Registers the organiser (an admin) and everyone in `people`, creates the room, and joins them. */
export async function conference(options: ConferenceOptions): Promise<Conference> {
  const hs = await homeserver();
  const organiser = await registerUser(hs.url, hs.registrationSharedSecret, uniqueLocalpart('olga'), { admin: true, displayName: 'Olga' });
  const people: Record<string, Account> = {};
  await Promise.all(
    Object.keys(options.people).map(async (name) => {
      people[name] = await registerUser(hs.url, hs.registrationSharedSecret, uniqueLocalpart(name.toLowerCase()), { displayName: name });
    }),
  );
  const levels = Object.fromEntries(Object.entries(options.people).filter(([, level]) => level > 0).map(([name, level]) => [people[name]!.userId, level]));
  const { room_id: roomId } = await api<{ room_id: string }>(organiser, 'POST', '/v3/createRoom', {
    preset: 'public_chat',
    name: 'Devroom (test)',
    power_level_content_override: newRoomPowerLevels(organiser.userId, levels),
    initial_state: [
      { type: 'm.room.history_visibility', state_key: '', content: { history_visibility: 'world_readable' } },
      ...(options.guestAccess ? [{ type: 'm.room.guest_access', state_key: '', content: { guest_access: 'can_join' } }] : []),
    ],
  });
  await Promise.all(Object.values(people).map((account) => api(account, 'POST', `/v3/join/${enc(roomId)}`, {})));
  const conf: Conference = {
    roomId,
    organiser,
    people,
    send: async (account, type, content) =>
      (await api<{ event_id: string }>(account, 'PUT', `/v3/rooms/${enc(roomId)}/send/${enc(type)}/t${Date.now()}-${++txn}`, content)).event_id,
    setState: async (account, type, stateKey, content) =>
      (await api<{ event_id: string }>(account, 'PUT', `/v3/rooms/${enc(roomId)}/state/${enc(type)}/${enc(stateKey)}`, content)).event_id,
    redact: async (account, eventId) =>
      (await api<{ event_id: string }>(account, 'PUT', `/v3/rooms/${enc(roomId)}/redact/${enc(eventId)}/r${Date.now()}-${++txn}`, {})).event_id,
  };
  for (const kind of options.widgets ?? []) {
    const extra = new URLSearchParams(options.widgetOptions?.[kind] ?? {}).toString();
    await conf.setState(organiser, WIDGET_EVENT, `devroom-${kind}`, { ...widgetContent(kind, builtWidgetUrl(kind) + (extra ? `&${extra}` : '')) });
  }
  return conf;
}

/** Registers one more attendee and joins them to the conference room. */
export async function newAttendee(conf: Conference, name: string): Promise<Account> {
  const hs = await homeserver();
  const account = await registerUser(hs.url, hs.registrationSharedSecret, uniqueLocalpart(name.toLowerCase()), { displayName: name });
  await api(account, 'POST', `/v3/join/${enc(conf.roomId)}`, {});
  conf.people[name] = account;
  return account;
}

/** The built widget page (dist/, what ships) on a second origin, as a CDN would serve it. */
export function builtWidgetUrl(kind: WidgetKind): string {
  const page = new URL(`/dist/widgets/${kind}.html`, location.href);
  page.hostname = location.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
  return widgetUrlTemplate(page.toString());
}

export interface Seat {
  element: ElementClient;
  widget: ElementWidget;
  /** iframe created → content_loaded, ms. */
  startupMs: number;
  /** The client's requests from the iframe's creation until content_loaded and the first reads settled. */
  startupRequests(): ClientRequest[];
}

const clients = new Map<string, Promise<ElementClient>>();
const cleanups: (() => void)[] = [];
let seats = 0;

/** The person's Element (one per person per test; started on first use). */
export function elementOf(account: Account): Promise<ElementClient> {
  let client = clients.get(account.userId);
  if (!client) {
    client = startElementClient(account);
    clients.set(account.userId, client);
  }
  return client;
}

/** `account` opens the room's `kind` widget in their Element (widget from room state, like Element). */
export async function sit(conf: Conference, account: Account, kind: WidgetKind, options: MountOptions = {}): Promise<Seat> {
  const element = await elementOf(account);
  const event = await waitForState(element, conf.roomId, WIDGET_EVENT, `devroom-${kind}`);
  const content = event as { type: string; url: string; name?: string; data?: Record<string, unknown> };
  const definition: IWidget = {
    // Every seat lives in this one test window; ClientWidgetApi tells widgets apart by id.
    id: `devroom-${kind}-seat${++seats}`,
    creatorUserId: conf.organiser.userId,
    type: content.type,
    url: content.url,
    name: content.name ?? kind,
    data: content.data ?? {},
    waitForIframeLoad: false,
  };
  const container = document.createElement('div');
  document.body.append(container);
  const widget = mountElementWidget(element, conf.roomId, definition, container, options);
  cleanups.push(() => {
    widget.unmount();
    container.remove();
  });
  const loadedAt = await widget.contentLoaded;
  await widget.ready;
  return {
    element,
    widget,
    startupMs: loadedAt - widget.createdAt,
    startupRequests: () => element.requestsSince(widget.createdAt),
  };
}

/** Closes every widget and stops every client (afterEach). */
export async function leaveAll(): Promise<void> {
  for (const cleanup of cleanups.splice(0)) cleanup();
  for (const client of clients.values()) (await client.catch(() => undefined))?.stop();
  clients.clear();
}

async function waitForState(element: ElementClient, roomId: string, type: string, stateKey: string): Promise<Record<string, unknown>> {
  const start = performance.now();
  for (;;) {
    const event = element.client.getRoom(roomId)?.currentState.getStateEvents(type, stateKey);
    if (event && Object.keys(event.getContent()).length) return event.getContent();
    if (performance.now() - start > 10_000) throw new Error(`${element.account.userId} never saw ${type}/${stateKey}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Waits until `requests()` has not changed for `quietMs` (a widget's start-up reads are done). */
export async function requestsSettled(requests: () => number, quietMs = 700): Promise<void> {
  let last = requests();
  let since = performance.now();
  while (performance.now() - since < quietMs) {
    await new Promise((r) => setTimeout(r, 50));
    if (requests() !== last) {
      last = requests();
      since = performance.now();
    }
  }
}
