/**
 * One person's Element: a matrix-js-sdk client started as Element Web starts it (initial
 * sync limited to 20 events, lazy-loaded members, thread support), counting every request
 * it makes so tests can report what a widget costs the homeserver.
 */
import { ClientEvent, createClient, PendingEventOrdering, SyncState } from 'matrix-js-sdk';
import type { MatrixClient } from 'matrix-js-sdk';

export interface Account {
  userId: string;
  accessToken: string;
  deviceId: string;
  baseUrl: string;
}

export interface ClientRequest {
  method: string;
  /** Path without query (no tokens), e.g. `/_matrix/client/v1/rooms/!r/relations/$e`. */
  path: string;
  at: number;
}

export interface ElementClient {
  client: MatrixClient;
  account: Account;
  /** Every HTTP request the client made, in order. */
  requests: ClientRequest[];
  /** Requests since `since` (a `performance.now()` time), without the /sync long-poll. */
  requestsSince(since: number): ClientRequest[];
  stop(): void;
}

export async function startElementClient(account: Account, options: { initialSyncLimit?: number } = {}): Promise<ElementClient> {
  const requests: ClientRequest[] = [];
  const fetchFn: typeof fetch = (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    requests.push({ method: init?.method ?? (input instanceof Request ? input.method : 'GET'), path: decodeURIComponent(url.pathname), at: performance.now() });
    return fetch(input, init);
  };
  const client = createClient({
    baseUrl: account.baseUrl,
    accessToken: account.accessToken,
    userId: account.userId,
    deviceId: account.deviceId,
    fetchFn,
    timelineSupport: true,
  });
  const prepared = new Promise<void>((resolve, reject) => {
    const onSync = (state: SyncState, _prev: SyncState | null, data?: { error?: Error }) => {
      if (state === SyncState.Prepared || state === SyncState.Syncing) {
        client.off(ClientEvent.Sync, onSync);
        resolve();
      } else if (state === SyncState.Error) {
        client.off(ClientEvent.Sync, onSync);
        reject(data?.error ?? new Error('initial sync failed'));
      }
    };
    client.on(ClientEvent.Sync, onSync);
  });
  // Element Web's start options (MatrixClientPeg): 20 events per room, members lazily.
  await client.startClient({
    initialSyncLimit: options.initialSyncLimit ?? 20,
    lazyLoadMembers: true,
    pendingEventOrdering: PendingEventOrdering.Detached,
    threadSupport: true,
  });
  await prepared;
  return {
    client,
    account,
    requests,
    requestsSince: (since) => requests.filter((r) => r.at >= since && !r.path.endsWith('/sync')),
    stop: () => client.stopClient(),
  };
}
