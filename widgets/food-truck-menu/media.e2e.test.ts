import { expect } from '@open-wc/testing';
import type { IWidget } from 'matrix-widget-api';
import sinon from 'sinon';
import type { DevroomFoodTruckMenu } from '../../components/food-truck-menu/food-truck-menu.js';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { DEVROOM_EVENT_LEVELS } from '../../host-tools/apply/power.js';
import { MemoryRoom } from '../room/memory-room.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import { approveAll } from '../testing/driver.js';
import type { CapabilityApprover } from '../testing/driver.js';
import { WidgetHost } from '../testing/host.js';
import { MediaStore } from '../testing/media.js';
import { waitFor } from '../../test/support/wait-for.js';

/**
 * Item images uploaded to Matrix (mxc://) in the real food-truck widget page, through the
 * Element-like host's media (MSC4039 download_file), and on the page outside a client.
 * (axe runs in menu-media.test.ts: it cannot reach into the iframe's document.)
 */

const ADMIN = '@admin:example.org';
const ALICE = '@alice:example.org';
const PAGE = new URL('/widgets/food-truck-menu.html', location.href).toString();
const DOWNLOAD = 'org.matrix.msc4039.download_file';
// A 1×1 PNG: real image bytes the browser decodes.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));

/** The sample menu with an image on the Classic waffle. */
function menuWithImage(url: string): ReturnType<typeof sampleMenuJson> {
  const m = sampleMenuJson();
  m.sections[0]!.items[0]!.image = { url, alt: 'A golden waffle' };
  return m;
}

const containers: HTMLElement[] = [];
const hosts: WidgetHost[] = [];
afterEach(() => {
  hosts.splice(0).forEach((h) => h.stop());
  containers.splice(0).forEach((c) => c.remove());
  sinon.restore();
});

/** Alice's food-truck widget on a room whose menu has `image`; the menu element once it shows the menu. */
async function truck(image: string, media: MediaStore, approve: CapabilityApprover = approveAll): Promise<DevroomFoodTruckMenu> {
  const room = new MemoryRoom({ creator: ADMIN, powerLevels: { events: { ...DEVROOM_EVENT_LEVELS } } });
  room.join(ALICE, { displayName: 'Alice' });
  room.setState(EventTypes.menu, '', { ...menuWithImage(image) }, ADMIN);
  const container = document.createElement('div');
  document.body.append(container);
  containers.push(container);
  const widget: IWidget = { id: 'menu', creatorUserId: ADMIN, type: 'dev.devroom.menu', name: 'Food truck', url: widgetUrlTemplate(PAGE), waitForIframeLoad: false };
  const host = new WidgetHost({ room, userId: ALICE, container, approve, storage: null, widgets: [widget], media }).start();
  hosts.push(host);
  const el = await waitFor(() => {
    const found = host.mounted('menu')?.iframe.contentDocument?.querySelector('devroom-food-truck-menu');
    return found?.currentMenu ? found : undefined;
  }, 'the menu');
  await el.updateComplete;
  return el;
}

const classic = (el: DevroomFoodTruckMenu) => el.shadowRoot!.querySelector('article[aria-labelledby="item-classic"]')!;

describe('food-truck widget: item images from Matrix media (mxc://)', function () {
  this.timeout(20_000);

  it('shows an uploaded image through the client (download_file): the image has loaded', async () => {
    const media = new MediaStore('example.org');
    const download = sinon.spy(media, 'download');
    const uri = media.upload(PNG, 'image/png');
    const el = await truck(uri, media);
    const img = await waitFor(() => {
      const found = classic(el).querySelector('img');
      return found?.complete && found.naturalWidth > 0 ? found : undefined;
    }, 'the image loaded');
    expect(img.getAttribute('src')).to.match(/^blob:/);
    expect(img.alt).to.equal('A golden waffle');
    expect(img.naturalWidth).to.equal(1);
    expect(download.args).to.deep.equal([[uri]]);
    expect(classic(el).querySelector('.image-missing')).to.equal(null);
  });

  it('download_file declined: the widget works, the item shows its placeholder with the alt text, the client is never asked', async () => {
    const media = new MediaStore('example.org');
    const uri = media.upload(PNG, 'image/png');
    const download = sinon.spy(media, 'download');
    const decline: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => c !== DOWNLOAD));
    const el = await truck(uri, media, decline);
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect(classic(el).querySelector('img')).to.equal(null);
    expect(classic(el).querySelector('.image-missing')?.textContent).to.equal('A golden waffle');
    expect(download.called).to.equal(false);
    expect(el.shadowRoot!.querySelector('h2')?.textContent).to.equal('Waffle Wagon');
  });

  it('media the server does not have: the placeholder, not a broken image', async () => {
    const media = new MediaStore('example.org');
    const download = sinon.spy(media, 'download');
    sinon.stub(console, 'error'); // ClientWidgetApi logs the driver's error
    const el = await truck('mxc://example.org/gone', media);
    await waitFor(() => download.called || undefined, 'download asked');
    await download.firstCall.returnValue.catch(() => undefined);
    await new Promise((r) => setTimeout(r, 200));
    await el.updateComplete;
    expect(classic(el).querySelector('img')).to.equal(null);
    expect(classic(el).querySelector('.image-missing')?.textContent).to.equal('A golden waffle');
  });

  it('outside a client (a plain page) an mxc image shows its placeholder', async () => {
    const iframe = document.createElement('iframe');
    iframe.src = `${PAGE}#menu=${encodeURIComponent(JSON.stringify(menuWithImage('mxc://example.org/waffle')))}`;
    document.body.append(iframe);
    containers.push(iframe);
    const el = await waitFor(() => {
      const found = iframe.contentDocument?.querySelector('devroom-food-truck-menu');
      return found?.currentMenu ? found : undefined;
    }, 'the menu');
    await el.updateComplete;
    expect(el.loadMedia).to.equal(undefined);
    expect(classic(el).querySelector('img')).to.equal(null);
    expect(classic(el).querySelector('.image-missing')?.textContent).to.equal('A golden waffle');
  });
});
