/**
 * URLs from attributes, JSON and room state are untrusted. Only http(s) (and, where a
 * caller allows it, Matrix `mxc:`) survive; `javascript:`, `data:`, `blob:`, `file:` and
 * anything unparsable are refused. Relative URLs resolve against the document.
 */
export type SafeUrlResult = { ok: true; url: string } | { ok: false; reason: string };

export function checkUrl(
  value: string | null | undefined,
  options: { allowMxc?: boolean; base?: string } = {},
): SafeUrlResult {
  if (value === null || value === undefined || value.trim() === '') return { ok: false, reason: 'empty URL' };
  let parsed: URL;
  try {
    parsed = new URL(value.trim(), options.base ?? globalThis.location?.href);
  } catch {
    return { ok: false, reason: `not a valid URL: ${value.slice(0, 80)}` };
  }
  const allowed = ['https:', 'http:', ...(options.allowMxc ? ['mxc:'] : [])];
  if (!allowed.includes(parsed.protocol)) {
    return { ok: false, reason: `refused ${parsed.protocol} URL (only ${allowed.join(', ')} are allowed)` };
  }
  return { ok: true, url: parsed.href };
}

/** The URL when safe, otherwise undefined (callers that show their own message use checkUrl). */
export function safeUrl(value: string | null | undefined, options?: { allowMxc?: boolean; base?: string }): string | undefined {
  const result = checkUrl(value, options);
  return result.ok ? result.url : undefined;
}
