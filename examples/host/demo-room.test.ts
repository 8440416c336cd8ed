import { expect } from '@open-wc/testing';
import { approveAll } from '../../widgets/testing/driver.js';
import { WidgetHost } from '../../widgets/testing/host.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { waitFor } from '../../test/support/wait-for.js';
import { ATTENDEES, DEMO_WIDGETS, createDemoRoom } from './demo-room.js';

describe('demo room (npm start)', () => {
  it('the stand shows its uploaded logo and banner through the client (download_file)', async () => {
    const widgets = DEMO_WIDGETS.filter((w) => w.page === 'stand-booth');
    // The dev-served widget page instead of the built one npm start serves.
    const { room, media } = createDemoRoom(new URL('/widgets/pages/', location.href).toString(), location.origin + '/', widgets);
    const container = document.createElement('div');
    document.body.append(container);
    const host = new WidgetHost({ room, userId: ATTENDEES.alice, container, approve: approveAll, storage: null, media }).start();
    try {
      const iframe = host.mounted(widgets[0]!.id)!.iframe;
      const booth = await waitFor(() => iframe.contentDocument?.querySelector('devroom-stand-booth')?.shadowRoot, 'stand booth');
      const loaded = (part: string) =>
        waitFor(() => {
          const img = booth.querySelector<HTMLImageElement>(`img[part="${part}"]`);
          return img?.complete && img.naturalWidth > 0 ? img : undefined;
        }, `${part} loaded`);
      const [logo, banner] = await Promise.all([loaded('logo'), loaded('banner')]);
      expect(logo.src).to.match(/^blob:/);
      expect([logo.naturalWidth, logo.naturalHeight]).to.deep.equal([96, 96]);
      expect([banner.naturalWidth, banner.naturalHeight]).to.deep.equal([960, 240]);
      // The stand in room state refers to the uploads by mxc://, as a real stand would.
      const stand = room.getState(EventTypes.stand, '')[0]?.content;
      expect(stand?.logo).to.match(/^mxc:\/\/devroom\.localhost\//);
      expect(media.get(stand?.logo as string)?.type).to.equal('image/svg+xml');
    } finally {
      host.stop();
      container.remove();
    }
  });
});
