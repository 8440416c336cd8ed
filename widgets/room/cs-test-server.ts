/**
 * Browser-side handle on the test homeserver of test/support/matrix-cs-plugin.mjs (tests only).
 * Each scenario name is its own server with one public room.
 */

export interface ServerStats {
  counts: Record<string, number>;
  log: { endpoint: string; at: number }[];
  now: number;
  roomId: string;
  joined: string[];
  position: number;
}

export interface TestEvent {
  type: string;
  content: Record<string, unknown>;
  sender?: string;
  state_key?: string;
  redacts?: string;
  event_id?: string;
}

let unique = 0;

export class TestHomeserver {
  readonly name: string;

  constructor(prefix: string) {
    this.name = `${prefix}-${Date.now().toString(36)}-${unique++}`;
  }

  /** Base URL to give ClientServerRoom / the `homeserver` attribute. */
  get url(): string {
    return `${location.origin}/_test_hs/${this.name}`;
  }

  async control<T = ServerStats>(body: Record<string, unknown>): Promise<T> {
    const response = await fetch(`${this.url}/_control`, { method: 'POST', body: JSON.stringify(body), headers: { 'Content-Type': 'application/json' } });
    if (!response.ok) throw new Error(`control ${String(body.op)}: HTTP ${response.status}`);
    return (await response.json()) as T;
  }

  setup(options: {
    guestRegistration?: boolean;
    historyVisibility?: string;
    guestAccess?: string;
    roomExists?: boolean;
    aliases?: string[];
    events?: TestEvent[];
    relationsPageSize?: number;
    maxSyncTimeoutMs?: number;
  } = {}): Promise<ServerStats> {
    return this.control({ op: 'setup', ...options });
  }

  async send(event: TestEvent): Promise<string> {
    const answer = await this.control<{ event: { event_id: string } }>({ op: 'send', event });
    return answer.event.event_id;
  }

  down(mode: 'status' | 'close' = 'status'): Promise<ServerStats> {
    return this.control({ op: 'down', mode });
  }

  up(): Promise<ServerStats> {
    return this.control({ op: 'up' });
  }

  rateLimit(count: number, retryAfterMs: number, endpoint?: string): Promise<ServerStats> {
    return this.control({ op: 'ratelimit', count, retryAfterMs, ...(endpoint ? { endpoint } : {}) });
  }

  async stats(): Promise<ServerStats> {
    const response = await fetch(`${this.url}/_control`);
    return (await response.json()) as ServerStats;
  }
}
