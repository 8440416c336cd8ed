import { waitFor } from '../support/wait-for.js';

/**
 * The demo conference (`npm start`, examples/host/) as a person meets it: the page in a frame
 * of a phone's or a laptop's size, its widget pages served from source by the test server.
 * Shared by the demo's e2e tests (layout and prompts, axe).
 */

export const ALLOW_ALL_KEY = 'devroom-demo-allow-all';
export const WIDGET_IDS = ['devroom-talk', 'devroom-qa', 'devroom-stand', 'devroom-menu'];

/** Forgets what the demo remembered (Allow all, per-widget answers): each test starts as a first visit. */
export function forgetPermissions(): void {
  localStorage.removeItem(ALLOW_ALL_KEY);
  for (const id of WIDGET_IDS) localStorage.removeItem(`widget_${id}_approved_caps`);
}

export interface Demo {
  frame: HTMLIFrameElement;
  doc: Document;
  win: Window & typeof globalThis;
  close(): void;
}

/** The demo page in a `width`×`height` frame: its viewport is that size. */
export async function openDemo(width: number, height: number, query = ''): Promise<Demo> {
  const frame = document.createElement('iframe');
  frame.style.cssText = `width: ${width}px; height: ${height}px; border: 0; display: block;`;
  frame.src = `/examples/host/index.html?widgets=${encodeURIComponent(new URL('/widgets/', location.href).toString())}${query}`;
  document.body.append(frame);
  const doc = await waitFor(() => frame.contentDocument?.querySelector('.devroom-host') && frame.contentDocument, 'the demo host');
  return { frame, doc, win: frame.contentWindow as Window & typeof globalThis, close: () => frame.remove() };
}

/** A widget's own document once its element (or a runtime screen) has rendered. */
export function widgetDoc(demo: Demo, id: string): Document | undefined {
  return demo.doc.querySelector<HTMLIFrameElement>(`.devroom-host-widget[data-widget-id="${id}"] iframe`)?.contentDocument ?? undefined;
}

/** Every widget shows its app (capabilities granted, element rendered). */
export async function widgetsReady(demo: Demo): Promise<void> {
  for (const id of WIDGET_IDS) {
    await waitFor(() => {
      const app = widgetDoc(demo, id)?.querySelector<HTMLElement>('.devroom-widget');
      return app && !app.hidden && [...app.querySelectorAll('*')].some((el) => el.localName.startsWith('devroom-') && el.shadowRoot);
    }, `${id} shows its app`, 15000);
  }
}

/** Signs the demo in as `userId` (the host's person switch) and waits until every widget shows its app as them. */
export async function switchPerson(demo: Demo, userId: string): Promise<void> {
  const user = demo.doc.querySelector<HTMLSelectElement>('select[name="user"]')!;
  user.value = userId;
  user.dispatchEvent(new Event('change'));
  await waitFor(
    () => WIDGET_IDS.every((id) => widgetDoc(demo, id)?.location.hash.includes(encodeURIComponent(userId))),
    `widgets reloaded as ${userId}`,
    15000,
  );
  await widgetsReady(demo);
}

/** The sizes #17 names for the demo: a laptop's 1280×800 and a phone's 390×844. */
export const DEMO_SIZES = [
  [1280, 800],
  [390, 844],
] as const;
