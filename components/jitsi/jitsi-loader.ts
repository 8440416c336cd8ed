import { checkScriptUrl } from '../shared/safe-url.js';
import type { JitsiMeetExternalAPIConstructor } from './jitsi-types.js';

/**
 * Loads Jitsi's IFrame API script once per script URL and hands back the constructor it
 * defined. Why not @jitsi/react-sdk's loader: it caches its first promise forever (a
 * failed load can never be retried), supports one domain per page, and only ships inside
 * React components — none of which fits a Lit element that may appear twice on a page.
 *
 * - A failed load is forgotten, so the next call (a Retry button) really loads again.
 * - Every external_api.js assigns the same global `JitsiMeetExternalAPI`; we capture it in
 *   the script's load event (which runs right after that script executed), so two players
 *   with different domains each keep the constructor their own server shipped.
 * - An error response that carried caching headers (some CDNs cache 404/503 briefly; our
 *   test server caches everything) is answered from the HTTP cache on a plain retry, so
 *   a retry adds a `devroom-retry=N` query parameter to force a real new request.
 */
const loaded = new Map<string, Promise<JitsiMeetExternalAPIConstructor>>();
const failures = new Map<string, number>();

export class JitsiLoadError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(message);
    this.name = 'JitsiLoadError';
  }
}

// A bare host name, optionally with a port: no scheme, userinfo, path, query or fragment
// that would move the script (or the call's iframe) to another host or path.
const JITSI_DOMAIN = /^(?=[^:]{1,253}(?::|$))[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*(?::([1-9]\d{0,4}))?$/i;

/**
 * `https://DOMAIN/external_api.js` unless a self-hosted deployment gives its own URL. The
 * domain is checked either way: it is also where the call's iframe points. Throws
 * JitsiLoadError for anything but a host name.
 */
export function jitsiScriptUrl(domain: string, override?: string): string {
  const host = JITSI_DOMAIN.exec(domain);
  if (!host || Number(host[1] ?? 0) > 65535) throw new JitsiLoadError(`not a Jitsi host name: ${domain.slice(0, 80)}`, domain);
  return override || new URL(`https://${domain}/external_api.js`).href;
}

export function loadJitsiApi(scriptUrl: string, options: { timeoutMs?: number } = {}): Promise<JitsiMeetExternalAPIConstructor> {
  // Only https or this page's origin: whatever loads here runs with the page's rights.
  const checked = checkScriptUrl(scriptUrl);
  if (!checked.ok) return Promise.reject(new JitsiLoadError(checked.reason, scriptUrl));
  const url = checked.url;
  const cached = loaded.get(url);
  if (cached) return cached;

  const promise = new Promise<JitsiMeetExternalAPIConstructor>((resolve, reject) => {
    const script = document.createElement('script');
    const failed = failures.get(url) ?? 0;
    const src = new URL(url);
    if (failed) src.searchParams.set('devroom-retry', String(failed));
    script.src = src.href;
    script.async = true;
    script.dataset.devroomJitsi = '';
    const timeoutMs = options.timeoutMs ?? 20_000;
    const fail = (message: string) => {
      clearTimeout(timer);
      script.remove();
      loaded.delete(url);
      failures.set(url, failed + 1);
      reject(new JitsiLoadError(message, url));
    };
    const timer = setTimeout(() => fail(`timed out loading ${url}`), timeoutMs);
    script.addEventListener('load', () => {
      clearTimeout(timer);
      const api = window.JitsiMeetExternalAPI;
      if (typeof api !== 'function') fail(`${url} did not define JitsiMeetExternalAPI`);
      else {
        failures.delete(url);
        resolve(api);
      }
    });
    script.addEventListener('error', () => fail(`could not load ${url}`));
    document.head.append(script);
  });
  loaded.set(url, promise);
  return promise;
}

/** For tests: forget every loaded script. */
export function resetJitsiLoader(): void {
  loaded.clear();
  failures.clear();
}
