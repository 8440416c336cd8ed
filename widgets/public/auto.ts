import { bindPublicRoom } from './public-room.js';
import type { PublicRoomBinding } from './public-room.js';

/**
 * Opt-in auto-binder for plain pages: include it once and every devroom element with
 * `homeserver` and `room` attributes shows that public room, read-only.
 *
 *   <script type="module" src="…/widgets/public/auto.js"></script>
 *   <devroom-qa-queue homeserver="https://matrix.example.org" room="#talk-42:example.org"></devroom-qa-queue>
 *
 * Elements added later are bound when they appear; removed ones stop (their requests end).
 */

const SELECTOR = ['devroom-qa-queue', 'devroom-talk-player', 'devroom-stand-booth', 'devroom-food-truck-menu']
  .map((tag) => `${tag}[homeserver][room]`)
  .join(',');

const bound = new Map<Element, PublicRoomBinding>();

function scan(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>(SELECTOR)) {
    if (!bound.has(el)) bound.set(el, bindPublicRoom(el));
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
