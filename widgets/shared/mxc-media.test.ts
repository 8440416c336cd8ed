import { expect } from '@open-wc/testing';
import sinon from 'sinon';
import type { WidgetContext } from '../runtime/boot.js';
import { widgetMediaLoader } from './mxc-media.js';

const DOWNLOAD = 'org.matrix.msc4039.download_file';
const MXC = 'mxc://example.org/abcDEF123';

function context(granted: boolean, downloadFile: () => Promise<{ file: unknown }>, baseUrl?: string): WidgetContext {
  return { hasCapability: (c: string) => granted && c === DOWNLOAD, api: { downloadFile }, params: { baseUrl } } as unknown as WidgetContext;
}

/** Stands in for the browser's image probe: loads (or fails) whatever src it is given. */
function fakeImages(loads: boolean): string[] {
  const requested: string[] = [];
  class FakeImage {
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    set src(url: string) {
      requested.push(url);
      setTimeout(() => (loads ? this.onload?.() : this.onerror?.()));
    }
  }
  sinon.replace(window, 'Image', FakeImage as unknown as typeof Image);
  return requested;
}

describe('widget mxc:// media (stand booth, food truck)', () => {
  afterEach(() => sinon.restore());

  it('downloads through the client (MSC4039) as a blob: URL when granted', async () => {
    const load = widgetMediaLoader(context(true, async () => ({ file: new Blob(['x']) })), DOWNLOAD);
    expect(await load(MXC)).to.match(/^blob:/);
  });

  it('falls back to the legacy thumbnail (loaded on demand) only when the server serves it', async () => {
    const failing = async () => Promise.reject(new Error('no'));
    const requested = fakeImages(true);
    const url = await widgetMediaLoader(context(true, failing, 'https://matrix.example.org/'), DOWNLOAD)(MXC);
    expect(url).to.equal('https://matrix.example.org/_matrix/media/v3/thumbnail/example.org/abcDEF123?width=800&height=600&method=scale');
    expect(requested).to.deep.equal([url]);
    sinon.restore();
    fakeImages(false);
    expect(await widgetMediaLoader(context(false, failing, 'https://matrix.example.org'), DOWNLOAD)(MXC)).to.equal(undefined);
    // No usable homeserver URL: nothing to try.
    expect(await widgetMediaLoader(context(false, failing, 'javascript:alert(1)'), DOWNLOAD)(MXC)).to.equal(undefined);
  });
});
