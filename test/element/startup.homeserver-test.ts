import { expect } from '@open-wc/testing';
import type { WidgetKind } from '../../host-tools/apply/widget-url.js';
import { conference, leaveAll, sit } from './conference.js';

const KINDS: WidgetKind[] = ['talk-player', 'qa-queue', 'stand-booth', 'food-truck-menu'];

describe('widget start-up through Element on a homeserver', () => {
  afterEach(leaveAll);

  it("every built page sends content_loaded after its iframe's load event (ClientWidgetApi otherwise waits for a second one and logs a timeout)", async () => {
    const conf = await conference({ people: { Alice: 0 }, widgets: KINDS });
    for (const kind of KINDS) {
      const seat = await sit(conf, conf.people.Alice!, kind);
      const [loaded, contentLoaded] = await Promise.all([seat.widget.iframeLoaded, seat.widget.contentLoaded]);
      expect(contentLoaded, `${kind}: content_loaded after the iframe's load event`).to.be.at.least(loaded);
    }
  });
});
