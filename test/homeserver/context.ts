/** What every endpoint handler receives. */
import type { Core, Requester } from './core.js';
import type { NodeReq, Route } from './http.js';
import type { Media } from './media.js';
import type { Rooms } from './rooms.js';

export interface Ctx {
  core: Core;
  rooms: Rooms;
  media: Media;
  req: NodeReq;
  query: URLSearchParams;
  /** Aborts when the client goes away or the server stops (ends a /sync long-poll). */
  signal: AbortSignal;
  /** The JSON object body (Synapse's parse errors). */
  json(): Promise<Record<string, unknown>>;
  raw(): Promise<Buffer>;
  /** The requester, or 401; guests get 403 M_GUEST_ACCESS_FORBIDDEN unless `allowGuest`. */
  auth(options?: { allowGuest?: boolean }): Requester;
}

/** A non-JSON or non-200 answer. */
export interface Reply {
  status: number;
  body?: unknown;
  bytes?: Buffer;
  headers?: Record<string, string>;
}

export function isReply(value: unknown): value is Reply {
  return typeof value === 'object' && value !== null && (value as { __reply?: true }).__reply === true;
}

export function reply(status: number, r: Omit<Reply, 'status'>): Reply {
  return Object.assign({ status, ...r }, { __reply: true as const });
}

export type Endpoint = Route<Ctx>;
