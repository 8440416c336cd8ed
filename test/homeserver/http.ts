/**
 * HTTP plumbing shared by the endpoints: Matrix errors, JSON answers with Synapse's CORS
 * headers, body parsing with Synapse's error codes, and a small router.
 */
/**
 * The parts of node:http's request and response we use. The repository's @types/events
 * (a devDependency) shadows Node's `events`, which strips the stream members from
 * node:http's types, so the server casts to these.
 */
export interface NodeReq extends AsyncIterable<Buffer> {
  method?: string;
  url?: string;
  headers: Record<string, string | string[] | undefined>;
  socket: { remoteAddress?: string };
}

export interface NodeRes {
  writeHead(status: number, headers: Record<string, string | number>): void;
  end(body?: string | Buffer): void;
  on(event: 'close', listener: () => void): void;
  writableEnded: boolean;
  destroyed: boolean;
}

/** A header's single value. */
export function header(req: NodeReq, name: string): string | undefined {
  const value = req.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A `{errcode, error}` answer; `extra` adds fields such as `retry_after_ms`. */
export class MatrixError extends Error {
  constructor(
    readonly status: number,
    readonly errcode: string,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }

  body(): Record<string, unknown> {
    return { errcode: this.errcode, error: this.message, ...this.extra };
  }
}

export const forbidden = (message: string) => new MatrixError(403, 'M_FORBIDDEN', message);
export const notFound = (message: string) => new MatrixError(404, 'M_NOT_FOUND', message);
export const badJson = (message: string) => new MatrixError(400, 'M_BAD_JSON', message);

/**
 * Synapse's CORS answer (http/server.py `set_cors_headers`): any origin, these methods and
 * headers, and no Access-Control-Max-Age, so browsers pre-flight every authorised request.
 */
export const CORS_HEADERS: Record<string, string> = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Allow-Methods': 'GET, HEAD, POST, PUT, DELETE, OPTIONS',
  'Access-Control-Allow-Headers': 'X-Requested-With, Content-Type, Authorization, Date',
};

export function sendJson(res: NodeRes, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    ...CORS_HEADERS,
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache, no-store, must-revalidate',
  });
  res.end(text);
}

/** Reads the whole body (Synapse allows 200 × MAX_PDU_SIZE; uploads are larger). */
export async function readBody(req: NodeReq, maxBytes: number): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > maxBytes) throw new MatrixError(413, 'M_TOO_LARGE', 'Request content is too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

/** Synapse's `parse_json_object_from_request`. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw.toString('utf8'));
  } catch {
    throw new MatrixError(400, 'M_NOT_JSON', 'Content not JSON.');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badJson('Content must be a JSON object.');
  return value as Record<string, unknown>;
}

/** Synapse's `parse_integer`: absent → default; not an integer → 400 M_INVALID_PARAM. */
export function intParam(query: URLSearchParams, name: string, fallback: number): number;
export function intParam(query: URLSearchParams, name: string, fallback?: number): number | undefined;
export function intParam(query: URLSearchParams, name: string, fallback?: number): number | undefined {
  const raw = query.get(name);
  if (raw === null) return fallback;
  if (!/^-?\d+$/.test(raw)) throw new MatrixError(400, 'M_INVALID_PARAM', `Query parameter ${JSON.stringify(name)} must be an integer`);
  const value = Number(raw);
  if (value < 0) throw new MatrixError(400, 'M_INVALID_PARAM', `Query parameter ${JSON.stringify(name)} must be a positive integer`);
  return value;
}

export type Method = 'GET' | 'PUT' | 'POST' | 'DELETE';

export interface Route<C> {
  method: Method;
  pattern: RegExp;
  handler: (ctx: C, params: string[]) => Promise<unknown> | unknown;
}

/** Path prefixes Synapse serves client endpoints under (`client_patterns`). */
export const CLIENT = '/_matrix/client/(?:r0|v3|api/v1)';
export const CLIENT_V1 = '/_matrix/client/v1';

/** A route from a path pattern with `{name}` placeholders for single URL segments. */
export function route<C>(method: Method, path: string, handler: Route<C>['handler']): Route<C> {
  const source = path.replace(/\{[a-zA-Z]+\}/g, '([^/]*)');
  return { method, pattern: new RegExp(`^${source}$`), handler };
}

/** Finds the route; decodes the captured segments. 405 when only the method differs, like Synapse. */
export function match<C>(routes: Route<C>[], method: string, path: string): { route: Route<C>; params: string[] } {
  let pathMatched = false;
  for (const r of routes) {
    const m = r.pattern.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (r.method === method || (method === 'HEAD' && r.method === 'GET')) {
      return { route: r, params: m.slice(1).map((s) => decodeURIComponent(s ?? '')) };
    }
  }
  if (pathMatched) throw new MatrixError(405, 'M_UNRECOGNIZED', 'Unrecognized request');
  throw new MatrixError(404, 'M_UNRECOGNIZED', 'Unrecognized request');
}
