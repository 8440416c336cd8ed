import { loadOnce } from '../../components/shared/lazy-part.js';
import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/**
 * Opt-in auto-binder for plain pages: include it once and every devroom element with
 * `homeserver` and `room` attributes shows that public room, read-only.
 *
 *   <script type="module" src="…/widgets/public/auto.js"></script>
 *   <devroom-qa-queue homeserver="https://matrix.example.org" room="#talk-42:example.org"></devroom-qa-queue>
 *
 * It needs nothing else: the elements it binds are defined by it, each loaded on demand, so
 * a page pays only for the tags it has. Where the page already defined them (devroom.js, a
 * bundle), those definitions stay. Elements added later are bound when they appear; removed
 * ones stop (their requests end).
 */

/** Registration only (register.ts, not define.ts with its re-exports for bundlers); each loads once for all its tags. */
const DEFINITIONS: Record<string, () => Promise<unknown>> = {
  'devroom-qa-queue': loadOnce('<devroom-qa-queue>', () => import('../../components/qa-queue/register.js')),
  'devroom-talk-player': loadOnce('<devroom-talk-player>', () => import('../../components/talk-player/define.js')),
  'devroom-stand-booth': loadOnce('<devroom-stand-booth>', () => import('../../components/stand-booth/register.js')),
  'devroom-food-truck-menu': loadOnce('<devroom-food-truck-menu>', () => import('../../components/food-truck-menu/register.js')),
};

const SELECTOR = Object.keys(DEFINITIONS)
  .map((tag) => `${tag}[homeserver][room]`)
  .join(',');

const bound = new Map<Element, PublicRoomBinding>();

function scan(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    // Bound (hidden) before its definition loads: it never renders its own empty state first.
    if (!bound.has(el)) bound.set(el, bindPublicRoom(el, { define: DEFINITIONS[el.localName] }));
  }
  for (const [el, binding] of bound) {
    if (!el.isConnected) {
      binding.stop();
      bound.delete(el);
    }
  }
}

/** Binds what is on the page now and follows additions/removals. Returns a function that stops all. */
export function autoBindPublicRooms(root: Document = document): () => void {
  scan(root);
  const observer = new MutationObserver(() => scan(root));
  observer.observe(root.documentElement, { childList: true, subtree: true });
  return () => {
    observer.disconnect();
    for (const binding of bound.values()) binding.stop();
    bound.clear();
  };
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => autoBindPublicRooms(), { once: true });
else autoBindPublicRooms();
