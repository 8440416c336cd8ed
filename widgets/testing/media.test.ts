import { expect } from '@open-wc/testing';
import type { IWidget, WidgetApiResponseError } from 'matrix-widget-api';
import sinon from 'sinon';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import { ADMIN, conferenceRoom, probeOf, startHost, waitFor } from '../../test/fixtures/widgets/harness.js';
import type { Harness } from '../../test/fixtures/widgets/harness.js';
import { widgetUrlTemplate } from '../runtime/params.js';
import { EventTypes } from '../schema/namespace.js';
import type { CapabilityApprover } from './driver.js';
import { approveAll } from './driver.js';
import type { MountedWidget } from './host.js';
import { MediaNotFoundError, MediaStore } from './media.js';

const DOWNLOAD = 'org.matrix.msc4039.download_file';
// A 1×1 PNG: real image bytes the browser decodes.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const bytes = async (file: unknown) => [...new Uint8Array(await (file as Blob).arrayBuffer())];

/** Asks the probe widget for download_file mid-session (MSC2974), as a widget that needs it later would. */
async function requestDownload(mounted: MountedWidget): Promise<void> {
  const win = await probeOf(mounted);
  win.probe.context!.api.requestCapability(DOWNLOAD);
  await win.probe.context!.api.updateRequestedCapabilities();
}

function standWidget(): IWidget {
  return {
    id: 'stand',
    creatorUserId: ADMIN,
    type: 'dev.devroom.stand',
    name: 'Stand',
    url: widgetUrlTemplate(new URL('/widgets/stand-booth.html', location.href).toString()),
    waitForIframeLoad: false,
  };
}

/** The booth in the stand widget's iframe once it shows the stand. */
async function boothRoot(mounted: MountedWidget): Promise<ShadowRoot> {
  const el = await waitFor(() => mounted.iframe.contentDocument?.querySelector('devroom-stand-booth'), 'booth element');
  await waitFor(() => el.shadowRoot?.querySelector('[part="name"]')?.textContent?.includes('Kitten Linux'), 'stand shown');
  return el.shadowRoot!;
}

const loadedImage = (root: ShadowRoot, part: string) =>
  waitFor(() => {
    const img = root.querySelector<HTMLImageElement>(`img[part="${part}"]`);
    return img?.complete && img.naturalWidth > 0 ? img : undefined;
  }, `${part} image loaded`);

describe('Element-like host: media (MSC4039 download_file)', () => {
  let harness: Harness | undefined;
  afterEach(() => {
    harness?.cleanup();
    harness = undefined;
    sinon.restore();
  });

  it('stores uploads under new mxc:// URIs with their content type; unknown media is M_NOT_FOUND', async () => {
    const media = new MediaStore('example.org');
    const first = media.upload(PNG, 'image/png');
    const second = media.upload('<svg xmlns="http://www.w3.org/2000/svg"/>', 'image/svg+xml');
    expect(first).to.match(/^mxc:\/\/example\.org\/[A-Za-z0-9_-]+$/);
    expect(second).not.to.equal(first);
    const file = await media.download(first);
    expect(file.type).to.equal('image/png');
    expect(await bytes(file)).to.deep.equal([...PNG]);
    media.put('mxc://example.org/abcDEF123', new Blob(['x'], { type: 'text/plain' }));
    expect(media.get('mxc://example.org/abcDEF123')?.type).to.equal('text/plain');
    expect(() => media.put('https://example.org/logo.png', 'x')).to.throw(TypeError);

    const missing = await media.download('mxc://example.org/nope').catch((e: unknown) => e);
    expect(missing).to.be.instanceOf(MediaNotFoundError);
    expect((missing as MediaNotFoundError).code).to.equal('M_NOT_FOUND');
    expect((missing as MediaNotFoundError).url).to.equal('https://example.org/_matrix/client/v1/media/download/example.org/nope');
    const malformed = await media.download('mxc://example.org/../etc').catch((e: unknown) => e);
    expect(malformed).to.be.instanceOf(Error).and.not.to.be.instanceOf(MediaNotFoundError);
  });

  it('gives a widget with the capability the bytes of a known mxc:// URI', async () => {
    harness = startHost();
    const uri = harness.host.media.upload(PNG, 'image/png');
    // On the room's server, like an upload to the user's homeserver.
    expect(uri.startsWith(`mxc://${harness.room.roomId.split(':')[1]}/`)).to.equal(true);
    const mounted = harness.host.mounted('probe')!;
    await requestDownload(mounted);
    await waitFor(() => mounted.api.hasCapability(DOWNLOAD), 'download_file granted');
    const win = await probeOf(mounted);
    const { file } = await win.probe.context!.api.downloadFile(uri);
    expect((file as Blob).type).to.equal('image/png');
    expect(await bytes(file)).to.deep.equal([...PNG]);
  });

  it('answers an unknown mxc:// URI with the 404 M_NOT_FOUND a homeserver gives, through Element\'s error shape', async () => {
    harness = startHost();
    const mounted = harness.host.mounted('probe')!;
    await requestDownload(mounted);
    await waitFor(() => mounted.api.hasCapability(DOWNLOAD), 'download_file granted');
    const win = await probeOf(mounted);
    sinon.stub(console, 'error'); // ClientWidgetApi logs the driver's error
    const error = (await win.probe.context!.api.downloadFile('mxc://example.org/unknown').catch((e: unknown) => e)) as WidgetApiResponseError;
    expect(error.message).to.equal('Unexpected error while downloading a file');
    expect(error.data.matrix_api_error?.http_status).to.equal(404);
    expect(error.data.matrix_api_error?.response).to.deep.equal({ errcode: 'M_NOT_FOUND', error: 'Not found' });
    expect(error.data.matrix_api_error?.url).to.contain('/_matrix/client/v1/media/download/example.org/unknown');
  });

  it('refuses download_file without the capability, never reaching the media', async () => {
    const media = new MediaStore('example.org');
    const uri = media.upload(PNG, 'image/png');
    const download = sinon.spy(media, 'download');
    // The probe never asked for it …
    harness = startHost({ media });
    let win = await probeOf(harness.host.mounted('probe')!);
    let error = (await win.probe.context!.api.downloadFile(uri).catch((e: unknown) => e)) as Error;
    expect(error.message).to.equal('Missing capability');

    // … and here it asks, but the user declines it.
    harness.cleanup();
    const declineDownload: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => c !== DOWNLOAD));
    const approve = sinon.spy(declineDownload);
    harness = startHost({ media, approve });
    const mounted = harness.host.mounted('probe')!;
    await requestDownload(mounted);
    await waitFor(() => approve.getCalls().some((c) => c.args[0].has(DOWNLOAD)), 'download_file asked');
    win = await probeOf(mounted);
    error = (await win.probe.context!.api.downloadFile(uri).catch((e: unknown) => e)) as Error;
    expect(error.message).to.equal('Missing capability');
    expect(mounted.api.hasCapability(DOWNLOAD)).to.equal(false);
    expect(download.called).to.equal(false);
  });

  describe('the stand booth widget', () => {
    function standHarness(logo: string, media: MediaStore, approve: CapabilityApprover = approveAll): Harness {
      const room = conferenceRoom();
      room.setState(EventTypes.stand, '', { ...sampleStand(), logo, banner: undefined, video: undefined });
      return startHost({ room, media, approve, widgets: [standWidget()] });
    }

    it('shows an uploaded mxc:// logo: the image has loaded', async () => {
      const media = new MediaStore('example.org');
      const logo = media.upload(PNG, 'image/png');
      harness = standHarness(logo, media);
      const img = await loadedImage(await boothRoot(harness.host.mounted('stand')!), 'logo');
      expect(img.src).to.match(/^blob:/);
      expect(img.naturalWidth).to.equal(1);
    });

    it('shows the placeholder, not a broken image, for media the server does not have', async () => {
      const media = new MediaStore('example.org');
      const download = sinon.spy(media, 'download');
      sinon.stub(console, 'error'); // ClientWidgetApi logs the driver's error
      harness = standHarness('mxc://example.org/gone', media);
      const root = await boothRoot(harness.host.mounted('stand')!);
      await waitFor(() => download.called, 'download asked');
      await download.firstCall.returnValue.catch(() => undefined);
      await new Promise((r) => setTimeout(r, 150));
      expect(root.querySelector('img[part="logo"]')).to.equal(null);
      const placeholder = root.querySelector<HTMLElement>('[part="logo"]')!;
      expect(placeholder.classList.contains('missing')).to.equal(true);
      expect(placeholder.textContent).to.equal('K');
      expect(placeholder.getAttribute('aria-hidden')).to.equal('true');
    });

    it('shows the placeholder without asking the client when download_file is declined', async () => {
      const media = new MediaStore('example.org');
      const logo = media.upload(PNG, 'image/png');
      const download = sinon.spy(media, 'download');
      const declineDownload: CapabilityApprover = async (requested) => new Set([...requested].filter((c) => c !== DOWNLOAD));
      harness = standHarness(logo, media, declineDownload);
      const root = await boothRoot(harness.host.mounted('stand')!);
      await new Promise((r) => setTimeout(r, 200));
      expect(root.querySelector('img[part="logo"]')).to.equal(null);
      expect(root.querySelector('[part="logo"]')?.textContent).to.equal('K');
      expect(download.called).to.equal(false);
    });
  });
});
