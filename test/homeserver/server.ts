/**
 * An in-process Matrix homeserver for tests (issue #13): the client-server API over HTTP
 * on loopback, behaving like Synapse wherever a client can tell (see the module comments
 * of each file and docs in README.md here). Test-only; never shipped.
 *
 *   const hs = await startTestHomeserver();
 *   const alice = await registerUser(hs.url, hs.registrationSharedSecret, 'alice');
 *   …
 *   await hs.stop();
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Ctx, Endpoint } from './context.js';
import { isReply } from './context.js';
import { Core } from './core.js';
import type { Requester } from './core.js';
import { CORS_HEADERS, header, MatrixError, match, parseJsonObject, readBody, sendJson } from './http.js';
import type { NodeReq, NodeRes } from './http.js';
import { Media, mediaEndpoints } from './media.js';
import { miscEndpoints } from './misc.js';
import type { RateLimitOptions } from './ratelimit.js';
import { readingEndpoints } from './reading.js';
import { registrationEndpoints } from './registration.js';
import { relationEndpoints } from './relations.js';
import { roomWriteEndpoints } from './room-api.js';
import { Rooms } from './rooms.js';
import { syncEndpoints } from './sync.js';

export type { RateLimitOptions } from './ratelimit.js';

export interface TestHomeserverOptions {
  host?: string;
  port?: number;
  serverName?: string;
  registrationSharedSecret?: string;
  /** /relations page size without `limit` (Synapse: 5). */
  relationsDefaultLimit?: number;
  /** allow_guest_access (default true). */
  guests?: boolean;
  /** Synapse-like token buckets when set (see ratelimit.ts); default off. */
  rateLimit?: RateLimitOptions | false;
  /**
   * The rate limiter's clock in seconds (default: real time). A test that sets it decides
   * when tokens come back, so a limit's outcome never depends on how busy the machine is.
   */
  rateLimitClock?: () => number;
  /** The PDU size limit (Synapse: 65536). */
  maxEventBytes?: number;
}

export interface RequestRecord {
  method: string;
  /** Path without the query (so without `access_token`). */
  path: string;
  user?: string;
  status: number;
  /** Date.now() when the request arrived. */
  at: number;
}

export interface TestHomeserver {
  url: string;
  serverName: string;
  registrationSharedSecret: string;
  stop(): Promise<void>;
  requests: RequestRecord[];
}

/** Synapse's request size limit: 200 × MAX_PDU_SIZE. */
const MAX_REQUEST_BYTES = 200 * 65536;

const ENDPOINTS: Endpoint[] = [
  ...miscEndpoints,
  ...registrationEndpoints,
  ...roomWriteEndpoints,
  ...readingEndpoints,
  ...relationEndpoints,
  ...syncEndpoints,
  ...mediaEndpoints,
];

/** Paths are recorded decoded (`/rooms/!id:server/…`), as clients' own request logs show them. */
function decodePath(path: string): string {
  try {
    return decodeURIComponent(path);
  } catch {
    return path;
  }
}

function bearer(req: NodeReq, query: URLSearchParams): string | undefined {
  const authorization = header(req, 'authorization');
  if (authorization?.startsWith('Bearer ')) return authorization.slice('Bearer '.length).trim();
  return query.get('access_token') ?? undefined;
}

export async function startTestHomeserver(options: TestHomeserverOptions = {}): Promise<TestHomeserver> {
  const core = new Core(
    {
      serverName: options.serverName ?? 'localhost',
      registrationSharedSecret: options.registrationSharedSecret ?? 'devroom-test-secret',
      relationsDefaultLimit: options.relationsDefaultLimit ?? 5,
      guests: options.guests ?? true,
      maxEventBytes: options.maxEventBytes ?? 65536,
    },
    options.rateLimit ?? false,
    options.rateLimitClock,
  );
  const rooms = new Rooms(core);
  const media = new Media();
  const requests: RequestRecord[] = [];
  const stopping = new AbortController();

  /** The test-only control API (a real server answers 404 here). */
  async function control(method: string, path: string, req: NodeReq): Promise<unknown> {
    if (method === 'GET' && path === '/_devroom_test/requests') return { requests };
    if (method === 'POST' && path === '/_devroom_test/requests/reset') {
      requests.length = 0;
      return {};
    }
    const config = () => ({ relationsDefaultLimit: core.config.relationsDefaultLimit, rateLimit: core.limiter.config });
    if (method === 'GET' && path === '/_devroom_test/config') return config();
    if (method === 'POST' && path === '/_devroom_test/config') {
      const body = parseJsonObject(await readBody(req, MAX_REQUEST_BYTES));
      if ('relationsDefaultLimit' in body) {
        if (!Number.isInteger(body.relationsDefaultLimit) || (body.relationsDefaultLimit as number) < 1) throw new MatrixError(400, 'M_BAD_JSON', 'relationsDefaultLimit must be a positive integer');
        core.config.relationsDefaultLimit = body.relationsDefaultLimit as number;
      }
      if ('rateLimit' in body) core.limiter.configure(body.rateLimit as RateLimitOptions | false);
      return config();
    }
    throw new MatrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
  }

  async function handle(req: NodeReq, res: NodeRes): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const method = req.method ?? 'GET';
    const record: RequestRecord = { method, path: decodePath(url.pathname), status: 0, at: Date.now() };
    const finish = (status: number) => {
      record.status = status;
      // The control API is the test talking to the server, not client traffic.
      if (!record.path.startsWith('/_devroom_test/')) requests.push(record);
    };
    // Synapse answers every pre-flight itself: 204, CORS headers, no body.
    if (method === 'OPTIONS') {
      res.writeHead(204, { ...CORS_HEADERS, 'Content-Length': '0' });
      res.end();
      return finish(204);
    }
    const aborted = new AbortController();
    res.on('close', () => aborted.abort());
    const signal = AbortSignal.any([aborted.signal, stopping.signal]);
    let bodyCache: Promise<Buffer> | undefined;
    const raw = () => (bodyCache ??= readBody(req, MAX_REQUEST_BYTES));
    const authenticate = (token: string | undefined): Requester => {
      const requester = core.authenticate(token);
      record.user = requester.user.userId;
      return requester;
    };
    const ctx: Ctx = {
      core,
      rooms,
      media,
      req,
      query: url.searchParams,
      signal,
      raw,
      json: async () => parseJsonObject(await raw()),
      auth: ({ allowGuest = false } = {}) => {
        const requester = authenticate(bearer(req, url.searchParams));
        if (requester.user.guest && !allowGuest) throw new MatrixError(403, 'M_GUEST_ACCESS_FORBIDDEN', 'Guest access not allowed');
        return requester;
      },
    };
    let status = 200;
    try {
      const result = url.pathname.startsWith('/_devroom_test/')
        ? await control(method, url.pathname, req)
        : await (async () => {
            const { route, params } = match(ENDPOINTS, method, url.pathname);
            return route.handler(ctx, params);
          })();
      if (res.writableEnded || res.destroyed) return finish(499);
      if (isReply(result)) {
        status = result.status;
        if (result.bytes) {
          res.writeHead(status, { ...CORS_HEADERS, 'Content-Length': result.bytes.length, ...result.headers });
          res.end(method === 'HEAD' ? undefined : result.bytes);
        } else {
          sendJson(res, status, result.body ?? {});
        }
      } else {
        sendJson(res, 200, result ?? {});
      }
    } catch (error) {
      if (error instanceof MatrixError) {
        status = error.status;
        sendJson(res, status, error.body());
      } else {
        status = 500;
        console.error('test homeserver: internal error', error);
        sendJson(res, 500, { errcode: 'M_UNKNOWN', error: 'Internal server error' });
      }
    }
    finish(status);
  }

  const server = createServer((req, res) => void handle(req as unknown as NodeReq, res as unknown as NodeRes));
  await new Promise<void>((resolve, reject) => {
    (server as unknown as { once(event: 'error', listener: (error: Error) => void): void }).once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${host}:${address.port}`,
    serverName: core.config.serverName,
    registrationSharedSecret: core.config.registrationSharedSecret,
    requests,
    async stop() {
      stopping.abort();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
