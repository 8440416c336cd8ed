import { expect } from '@open-wc/testing';
import { approveAll } from '../../../widgets/testing/driver.js';
import { WidgetHost } from '../../../widgets/testing/host.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import { waitFor } from '../../../test/support/wait-for.js';
import { ATTENDEES, DEMO_WIDGETS, createDemoRoom } from '../demo-room.js';

describe('demo food truck (npm start)', () => {
  it("shows the small cone's picture, uploaded to the demo's media, through the client (download_file)", async () => {
    const widgets = DEMO_WIDGETS.filter((w) => w.page === 'food-truck-menu');
    // The dev-served widget page instead of the built one npm start serves.
    const { room, media } = createDemoRoom(new URL('/widgets/pages/', location.href).toString(), location.origin + '/', widgets);
    const container = document.createElement('div');
    document.body.append(container);
    const host = new WidgetHost({ room, userId: ATTENDEES.alice, container, approve: approveAll, storage: null, media }).start();
    try {
      const iframe = host.mounted(widgets[0]!.id)!.iframe;
      const menu = await waitFor(() => iframe.contentDocument?.querySelector('devroom-food-truck-menu')?.shadowRoot, 'food truck');
      const img = await waitFor(() => {
        const found = menu.querySelector<HTMLImageElement>('article[aria-labelledby="item-cone-small"] img');
        return found?.complete && found.naturalWidth > 0 ? found : undefined;
      }, 'the picture loaded');
      expect(img.src).to.match(/^blob:/);
      expect(img.alt).to.equal('A paper cone of golden frites with mayonnaise');
      // The menu in room state refers to the upload by mxc://, as a vendor's would.
      const content = room.getState(EventTypes.menu, '')[0]?.content as { sections: { items: { id: string; image?: { url: string } }[] }[] };
      const url = content.sections[0]!.items.find((i) => i.id === 'cone-small')?.image?.url;
      expect(url).to.match(/^mxc:\/\/devroom\.localhost\//);
      expect(media.get(url!)?.type).to.equal('image/svg+xml');
    } finally {
      host.stop();
      container.remove();
    }
  });
});
