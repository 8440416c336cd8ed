/**
 * Media repository: upload, and download by the authenticated (v1.11, MSC3916) and the
 * legacy paths. Kept in memory.
 */
import type { Endpoint } from './context.js';
import { reply } from './context.js';
import { randomLetters } from './events.js';
import { header, notFound, readBody, route } from './http.js';

interface Item {
  bytes: Buffer;
  contentType: string;
  filename?: string;
}

export class Media {
  readonly items = new Map<string, Item>();
}

/** Synapse's default `max_upload_size`. */
const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;

function download(media: Media, serverName: string, server: string, mediaId: string, filename?: string) {
  const item = server === serverName ? media.items.get(mediaId) : undefined;
  if (!item) throw notFound('Not found');
  const name = filename ?? item.filename;
  return reply(200, {
    bytes: item.bytes,
    headers: {
      'Content-Type': item.contentType,
      // Synapse serves media as attachments unless the type is on its inline allow-list.
      ...(name ? { 'Content-Disposition': `attachment; filename*=utf-8''${encodeURIComponent(name)}` } : {}),
      'Cross-Origin-Resource-Policy': 'cross-origin',
      'Content-Security-Policy': "sandbox; default-src 'none'; script-src 'none'; plugin-types application/pdf; style-src 'unsafe-inline'; media-src 'self'; object-src 'self';",
    },
  });
}

export const mediaEndpoints: Endpoint[] = [
  route('POST', '/_matrix/media/(?:r0|v3)/upload', async (ctx) => {
    ctx.auth({ allowGuest: true });
    const bytes = await readBody(ctx.req, MAX_UPLOAD_BYTES);
    const id = randomLetters(24);
    const filename = ctx.query.get('filename') ?? undefined;
    ctx.media.items.set(id, { bytes, contentType: header(ctx.req, 'content-type') ?? 'application/octet-stream', ...(filename ? { filename } : {}) });
    return { content_uri: `mxc://${ctx.core.config.serverName}/${id}` };
  }),
  route('GET', '/_matrix/client/v1/media/download/{server}/{mediaId}', (ctx, [server, id]) => {
    ctx.auth({ allowGuest: true });
    return download(ctx.media, ctx.core.config.serverName, server as string, id as string);
  }),
  route('GET', '/_matrix/client/v1/media/download/{server}/{mediaId}/{filename}', (ctx, [server, id, name]) => {
    ctx.auth({ allowGuest: true });
    return download(ctx.media, ctx.core.config.serverName, server as string, id as string, name);
  }),
  route('GET', '/_matrix/media/(?:r0|v3)/download/{server}/{mediaId}', (ctx, [server, id]) => download(ctx.media, ctx.core.config.serverName, server as string, id as string)),
  route('GET', '/_matrix/media/(?:r0|v3)/download/{server}/{mediaId}/{filename}', (ctx, [server, id, name]) =>
    download(ctx.media, ctx.core.config.serverName, server as string, id as string, name),
  ),
  route('GET', '/_matrix/client/v1/media/config', (ctx) => {
    ctx.auth({ allowGuest: true });
    return { 'm.upload.size': MAX_UPLOAD_BYTES };
  }),
  route('GET', '/_matrix/media/(?:r0|v3)/config', (ctx) => {
    ctx.auth({ allowGuest: true });
    return { 'm.upload.size': MAX_UPLOAD_BYTES };
  }),
];
