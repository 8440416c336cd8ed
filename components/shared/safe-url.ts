/**
 * URLs from attributes, JSON and room state are untrusted. Only http(s) (and, where a
 * caller allows it, Matrix `mxc:` or `mailto:`) survive; `javascript:`, `data:`, `blob:`,
 * `file:` and anything unparsable are refused. Relative URLs resolve against the document
 * unless the caller asks for absolute URLs only (content written by other people, e.g.
 * room state, has no meaningful base).
 */
export type SafeUrlResult = { ok: true; url: string } | { ok: false; reason: string };

export interface SafeUrlOptions {
  allowMxc?: boolean;
  allowMailto?: boolean;
  /** Refuse relative URLs instead of resolving them against `base`/the document. */
  absolute?: boolean;
  base?: string;
}

export function checkUrl(value: string | null | undefined, options: SafeUrlOptions = {}): SafeUrlResult {
  if (value === null || value === undefined || value.trim() === '') return { ok: false, reason: 'empty URL' };
  let parsed: URL;
  try {
    parsed = options.absolute
      ? new URL(value.trim())
      : new URL(value.trim(), options.base ?? globalThis.location?.href);
  } catch {
    return { ok: false, reason: `not a valid URL: ${value.slice(0, 80)}` };
  }
  const allowed = ['https:', 'http:', ...(options.allowMxc ? ['mxc:'] : []), ...(options.allowMailto ? ['mailto:'] : [])];
  if (!allowed.includes(parsed.protocol)) {
    return { ok: false, reason: `refused ${parsed.protocol} URL (only ${allowed.join(', ')} are allowed)` };
  }
  return { ok: true, url: parsed.href };
}

/** The URL when safe, otherwise undefined (callers that show their own message use checkUrl). */
export function safeUrl(value: string | null | undefined, options?: SafeUrlOptions): string | undefined {
  const result = checkUrl(value, options);
  return result.ok ? result.url : undefined;
}

/**
 * A script's URL (the Jitsi IFrame API), from a page's own settings only — never from
 * content: https, or this page's own origin (a relative URL, a copy served beside the page).
 * Credentials are refused: `https://meet.example.org@evil.example/` reads as the wrong host.
 */
export function checkScriptUrl(value: string | null | undefined): SafeUrlResult {
  const checked = checkUrl(value);
  if (!checked.ok) return checked;
  const url = new URL(checked.url);
  return (url.protocol === 'https:' || url.origin === globalThis.location?.origin) && !url.username && !url.password
    ? checked
    : { ok: false, reason: `refused script from ${url.origin}: https or this origin only, no credentials` };
}
