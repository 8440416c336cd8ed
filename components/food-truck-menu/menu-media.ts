import type { ReactiveController, ReactiveElement } from 'lit';
import type { Menu } from './menu.js';

/**
 * The item images stored as Matrix media (`mxc://`), turned into displayable URLs by the
 * element's `loadMedia` (in a widget: the client's MSC4039 download_file, as blob: URLs).
 * Loaded only for a menu that has such images and an element that can resolve them.
 *
 * Each URI is downloaded once (several items may share a picture), at most PARALLEL at a
 * time (a long menu must not flood the client), and only when an item showing it renders
 * (hidden items never are). The blob: URLs belong to the element: revoked when the menu on
 * screen no longer has the image, when `loadMedia` changes, and on disconnect.
 */

/** What the menu element offers this part. */
export interface MediaHost extends ReactiveElement {
  /** The element's resolver (see its `loadMedia`). */
  readonly loadMedia: ((mxc: string) => Promise<string | undefined>) | undefined;
  readonly currentMenu: Menu | undefined;
}

const PARALLEL = 3;

interface Entry {
  /** The displayable URL; undefined while queued or loading, and when it could not be had. */
  url?: string;
}

const revoke = (url: string | undefined) => url?.startsWith('blob:') && URL.revokeObjectURL(url);

export class MenuMedia implements ReactiveController {
  readonly #entries = new Map<string, Entry>();
  readonly #queue: string[] = [];
  #running = 0;
  /** Bumped by clear(): a download from before is dropped (and revoked) when it arrives. */
  #round = 0;
  #loader: MediaHost['loadMedia'];
  #menu?: Menu;
  #disconnected = false;

  constructor(private readonly host: MediaHost) {
    this.#loader = host.loadMedia;
    host.addController(this);
  }

  hostDisconnected(): void {
    this.clear();
    this.#disconnected = true;
  }

  /** Back in the page: render again, downloading what was revoked. */
  hostConnected(): void {
    if (this.#disconnected) this.host.requestUpdate();
    this.#disconnected = false;
  }

  /** The displayable URL of `uri`; undefined while it downloads, and when it cannot be shown (the placeholder). */
  url(uri: string): string | undefined {
    if (this.#loader !== this.host.loadMedia) this.clear();
    if (this.#menu !== this.host.currentMenu) this.#keep((this.#menu = this.host.currentMenu));
    let entry = this.#entries.get(uri);
    if (!entry) {
      this.#entries.set(uri, (entry = {}));
      this.#queue.push(uri);
      this.#pump();
    }
    return entry.url;
  }

  /** The download would not decode as an image: the placeholder instead of a broken image. */
  broken(uri: string): void {
    const entry = this.#entries.get(uri);
    if (!entry?.url) return;
    revoke(entry.url);
    entry.url = undefined;
    this.host.requestUpdate();
  }

  /** Revokes everything and forgets it (disconnect, a new loader). */
  clear(): void {
    for (const { url } of this.#entries.values()) revoke(url);
    this.#entries.clear();
    this.#queue.length = 0;
    this.#round++;
    this.#loader = this.host.loadMedia;
    this.#menu = undefined;
  }

  /** A new menu on screen: images it no longer has are dropped. */
  #keep(menu: Menu | undefined): void {
    const used = new Set(menu?.sections.flatMap((s) => s.items.map((i) => i.image?.url)));
    for (const [uri, { url }] of this.#entries) {
      if (used.has(uri)) continue;
      revoke(url);
      this.#entries.delete(uri);
    }
  }

  #pump(): void {
    while (this.#running < PARALLEL && this.#queue.length) {
      const uri = this.#queue.shift()!;
      const load = this.#loader;
      const round = this.#round;
      if (!load || !this.#entries.has(uri)) continue;
      this.#running++;
      load(uri)
        .catch((error: unknown) => void console.warn(`devroom-food-truck-menu: could not load ${uri}`, error))
        .then((url) => {
          this.#running--;
          const entry = round === this.#round ? this.#entries.get(uri) : undefined;
          // Gone meanwhile (another menu, disconnected): nobody shows it.
          if (!entry) revoke(url ?? undefined);
          else if (url) {
            // blob: from the client's download, or an https thumbnail: never javascript:/data:.
            // (Checked here rather than with safe-url.ts: one shared lazy chunk fewer to fail.)
            entry.url = /^(blob|https):/.test(url) ? url : undefined;
            this.host.requestUpdate();
          }
          this.#pump();
        });
    }
  }
}
