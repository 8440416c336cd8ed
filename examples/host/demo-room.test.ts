import { expect } from '@open-wc/testing';
import { approveAll } from '../../widgets/testing/driver.js';
import { WidgetHost } from '../../widgets/testing/host.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { waitFor } from '../../test/support/wait-for.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import type { MediaStore } from '../../widgets/testing/media.js';
import { ATTENDEES, DEMO_WIDGETS, createDemoRoom } from './demo-room.js';

/**
 * Opens one demo widget as Alice in the Element-like host (the dev-served widget page instead
 * of the built one `npm start` serves) and hands its element's shadow root to `check`.
 */
async function withDemoWidget(
  page: string,
  check: (shadow: ShadowRoot, demo: { room: MemoryRoom; media: MediaStore }) => Promise<void>,
): Promise<void> {
  const widgets = DEMO_WIDGETS.filter((w) => w.page === page);
  const { room, media } = createDemoRoom(new URL('/widgets/', location.href).toString(), location.origin + '/', widgets);
  const container = document.createElement('div');
  document.body.append(container);
  const host = new WidgetHost({ room, userId: ATTENDEES.alice, container, approve: approveAll, storage: null, media }).start();
  try {
    const iframe = host.mounted(widgets[0]!.id)!.iframe;
    const shadow = await waitFor(() => iframe.contentDocument?.querySelector(`devroom-${page}`)?.shadowRoot, page);
    await check(shadow, { room, media });
  } finally {
    host.stop();
    container.remove();
  }
}

/** The image once it has loaded (an <img> that failed has naturalWidth 0). */
const loadedImage = (root: ShadowRoot, selector: string) =>
  waitFor(() => {
    const img = root.querySelector<HTMLImageElement>(selector);
    return img?.complete && img.naturalWidth > 0 ? img : undefined;
  }, `${selector} loaded`);

describe('demo room (npm start)', () => {
  it('the talk player follows the room\'s day of talks: the Rust talk is next up, with what comes after it', async () => {
    await withDemoWidget('talk-player', async (shadow) => {
      const text = () => shadow.textContent!.replace(/\s+/g, ' ');
      await waitFor(() => text().includes('Rust in the kernel: where are we?') || undefined, 'the current talk');
      await waitFor(() => /Next: Matrix widgets without a bot/.test(text()) || undefined, 'what comes next');
    });
  });

  it("the Q&A shows the Rust talk's questions, and the opening's from the talk picker", async () => {
    await withDemoWidget('qa-queue', async (shadow, { room }) => {
      const text = () => shadow.textContent!.replace(/\s+/g, ' ');
      await waitFor(() => text().includes('How much unsafe code') || undefined, "the Rust talk's questions");
      expect(text()).not.to.contain('room chat for people watching from home');
      expect(room.getState(EventTypes.schedule, '')).to.not.equal(undefined);
      const picker = await waitFor(() => shadow.querySelector<HTMLSelectElement>('select'), 'the talk picker');
      expect([...picker.options].map((o) => o.textContent)).to.satisfy((names: string[]) => names.some((n) => n.includes('Opening')));
    });
  });

  it('the stand shows its uploaded logo and banner through the client (download_file)', async () => {
    await withDemoWidget('stand-booth', async (booth, { room, media }) => {
      const [logo, banner] = await Promise.all([loadedImage(booth, 'img[part="logo"]'), loadedImage(booth, 'img[part="banner"]')]);
      expect(logo.src).to.match(/^blob:/);
      expect([logo.naturalWidth, logo.naturalHeight]).to.deep.equal([96, 96]);
      expect([banner.naturalWidth, banner.naturalHeight]).to.deep.equal([960, 240]);
      // The stand in room state refers to the uploads by mxc://, as a real stand would.
      const stand = room.getState(EventTypes.stand, '')[0]?.content;
      expect(stand?.logo).to.match(/^mxc:\/\/devroom\.localhost\//);
      expect(media.get(stand?.logo as string)?.type).to.equal('image/svg+xml');
    });
  });

  it("the food truck shows the small cone's picture, uploaded to the demo's media, through the client (download_file)", async () => {
    await withDemoWidget('food-truck-menu', async (menu, { room, media }) => {
      const img = await loadedImage(menu, 'article[aria-labelledby="item-cone-small"] img');
      expect(img.src).to.match(/^blob:/);
      expect(img.alt).to.equal('A paper cone of golden frites with mayonnaise');
      // The menu in room state refers to the upload by mxc://, as a vendor's would.
      const content = room.getState(EventTypes.menu, '')[0]?.content as { sections: { items: { id: string; image?: { url: string } }[] }[] };
      const url = content.sections[0]!.items.find((i) => i.id === 'cone-small')?.image?.url;
      expect(url).to.match(/^mxc:\/\/devroom\.localhost\//);
      expect(media.get(url!)?.type).to.equal('image/svg+xml');
    });
  });
});
