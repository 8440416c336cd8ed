import { safeUrl } from '../../components/shared/safe-url.js';

/**
 * The fallback for `mxc://` media when the client cannot download it for the widget
 * (MSC4039 download_file not granted or failing): the legacy unauthenticated thumbnail
 * endpoint of the homeserver (`baseUrl`), used only if it actually serves the image
 * (servers froze that endpoint for new media under MSC3916) — otherwise the placeholder
 * stays. Loaded only when that happens.
 */
export function legacyThumbnail(baseUrl: string | undefined, mxc: string): Promise<string | undefined> | undefined {
  const base = safeUrl(baseUrl, { absolute: true });
  const match = /^mxc:\/\/([^/]+)\/([A-Za-z0-9_-]+)$/.exec(mxc);
  if (!base || !match) return undefined;
  const url = `${base.replace(/\/$/, '')}/_matrix/media/v3/thumbnail/${encodeURIComponent(match[1]!)}/${match[2]!}?width=800&height=600&method=scale`;
  return new Promise((resolve) => {
    const probe = new Image();
    probe.onload = () => resolve(url);
    probe.onerror = () => resolve(undefined);
    probe.src = url;
  });
}
