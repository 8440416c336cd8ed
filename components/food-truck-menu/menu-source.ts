import { checkUrl } from '../shared/safe-url.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';

/**
 * Fetches a plain page's menu from the element's `src`. Widgets never set `src` (the menu
 * comes from the room), so this loads only on pages that use it. A newer call aborts an
 * older fetch; a failure keeps the last good menu and shows why.
 */
export async function loadMenu(host: DevroomFoodTruckMenu): Promise<void> {
  host._abort?.abort();
  const src = host.src;
  const checked = src ? checkUrl(src) : undefined;
  if (!checked?.ok) {
    host._loading = false;
    if (checked) host._errors = [`src: ${checked.reason}`];
    return;
  }
  const abort = (host._abort = new AbortController());
  try {
    const response = await fetch(checked.url, { signal: abort.signal, headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`HTTP ${response.status} ${response.statusText}`.trim());
    const body = await response.text();
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch (e) {
      throw new Error(`not valid JSON (${(e as Error).message})`);
    }
    if (!abort.signal.aborted) host._accept(json);
  } catch (e) {
    if (!abort.signal.aborted) host._errors = [`${src}: ${(e as Error).message}`];
  } finally {
    if (host._abort === abort) host._loading = false;
  }
}
