import { expect, fixture, html } from '@open-wc/testing';
import sinon from 'sinon';
import './register.js';
import type { DevroomFoodTruckMenu } from './food-truck-menu.js';
import { parseMenu } from './menu-errors.js';
import { sampleMenuJson } from './test-fixtures.js';
import { waitFor } from '../../test/support/wait-for.js';

/** Item images stored as Matrix media (mxc://): the schema, the plain page, and an element given `loadMedia`. */

// A 1×1 PNG: real image bytes the browser decodes.
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII='), (c) => c.charCodeAt(0));
const MXC = 'mxc://example.org/waffle1';
const png = () => URL.createObjectURL(new Blob([PNG], { type: 'image/png' }));

type Json = ReturnType<typeof sampleMenuJson>;
/** The sample menu with `images` on its items a customer sees (Classic waffle, Vegan waffle, Club-Mate, Coffee), in order. */
function withImages(...images: (Record<string, unknown> | undefined)[]): Json {
  const json = sampleMenuJson();
  const items = json.sections.flatMap((s) => s.items).filter((i) => i.availability !== 'hidden');
  images.forEach((image, i) => (items[i]!.image = image));
  return json;
}

const $$ = (el: DevroomFoodTruckMenu, sel: string) => [...el.shadowRoot!.querySelectorAll<HTMLElement>(sel)];
const item = (el: DevroomFoodTruckMenu, name: string) => $$(el, '.item').find((i) => i.querySelector('h4')?.textContent?.trim() === name)!;

async function render(menu: unknown, loadMedia?: DevroomFoodTruckMenu['loadMedia']): Promise<DevroomFoodTruckMenu> {
  const el = await fixture<DevroomFoodTruckMenu>(html`<devroom-food-truck-menu lang="en" .loadMedia=${loadMedia} .menu=${menu}></devroom-food-truck-menu>`);
  await el.updateComplete;
  return el;
}

const loaded = (el: DevroomFoodTruckMenu, name: string) =>
  waitFor(() => {
    const img = item(el, name)?.querySelector('img');
    return img?.complete && img.naturalWidth > 0 ? img : undefined;
  }, `${name}'s image loaded`);

describe('<devroom-food-truck-menu> item images from Matrix media (mxc://)', () => {
  afterEach(() => sinon.restore());

  it('the schema takes https and mxc://server/id images; every other scheme is refused with a reason', () => {
    const ok = parseMenu(withImages({ url: MXC, alt: 'A waffle' }, { url: 'mxc://[::1]:8448/a_b-C', alt: '' }, { url: 'https://example.org/w.jpg', alt: 'x' }));
    const urls = ok.ok && ok.menu.sections.flatMap((s) => s.items.map((i) => i.image?.url)).filter(Boolean);
    expect(urls).to.deep.equal([MXC, 'mxc://[::1]:8448/a_b-C', 'https://example.org/w.jpg']);
    const hostile = ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'http://example.org/w.jpg', 'mxc://example.org/../../etc', 'blob:https://example.org/1234', 'w.jpg'];
    const json = sampleMenuJson();
    json.sections[0]!.items = hostile.map((url, i) => ({ id: `i${i}`, name: `Item ${i}`, price: 100, allergens: { contains: [], mayContain: [] }, image: { url, alt: 'x' } }));
    const bad = parseMenu(json);
    const must = 'an image must be https:// or mxc://<server>/<media id>';
    expect(!bad.ok && bad.errors).to.deep.equal([
      `sections[0].items[0].image.url: refused javascript: URL: ${must}`,
      `sections[0].items[1].image.url: refused data: URL: ${must}`,
      `sections[0].items[2].image.url: refused http: URL: ${must}`,
      `sections[0].items[3].image.url: expected mxc://<server>/<media id>`,
      `sections[0].items[4].image.url: refused blob: URL: ${must}`,
      'sections[0].items[5].image.url: not a valid URL: w.jpg',
    ]);
  });

  it('a plain page (no loadMedia) shows the placeholder with the alt text for an mxc image; https images as before', async () => {
    const el = await render(withImages({ url: MXC, alt: 'A golden waffle' }, { url: 'mxc://example.org/deco', alt: '' }, { url: 'https://example.org/w.jpg', alt: 'Pie' }));
    const classic = item(el, 'Classic waffle');
    expect(classic.querySelector('img')).to.equal(null);
    expect(classic.querySelector('.image-missing')!.textContent).to.equal('A golden waffle');
    expect(classic.querySelector('.image-missing')!.getAttribute('aria-hidden')).to.equal(null);
    // Decorative (alt ""): the item's name, hidden from screen readers (the heading says it).
    const deco = item(el, 'Vegan waffle').querySelector('.image-missing')!;
    expect([deco.textContent, deco.getAttribute('aria-hidden')]).to.deep.equal(['Vegan waffle', 'true']);
    const https = $$(el, 'img');
    expect(https.map((i) => [i.getAttribute('src'), i.getAttribute('alt')])).to.deep.equal([['https://example.org/w.jpg', 'Pie']]);
    expect(getComputedStyle(classic.querySelector('.image-missing')!).width).to.equal('96px');
    await expect(el).to.be.accessible();
    // JSON-LD names the https image only: an mxc:// URL means nothing to a crawler.
    const ld = await waitFor(() => el.querySelector('script[type="application/ld+json"]')?.textContent ?? undefined, 'JSON-LD');
    expect(ld).to.contain('"image":"https://example.org/w.jpg"');
    expect(ld).not.to.contain('mxc:');
  });

  it('resolves mxc images through loadMedia: once per URI, the image loads; axe-clean', async () => {
    const load = sinon.fake(async () => png());
    const shared = { url: MXC, alt: 'A waffle' };
    const el = await render(withImages(shared, shared), load);
    const img = await loaded(el, 'Classic waffle');
    expect(img.getAttribute('src')).to.match(/^blob:/);
    expect(img.alt).to.equal('A waffle');
    await loaded(el, 'Vegan waffle');
    expect(load.args).to.deep.equal([[MXC]]);
    await expect(el).to.be.accessible();
  });

  it('downloads at most 3 at a time', async () => {
    const pending: (() => void)[] = [];
    let inFlight = 0;
    let most = 0;
    const load = sinon.fake(
      () =>
        new Promise<string>((resolve) => {
          most = Math.max(most, ++inFlight);
          pending.push(() => {
            inFlight--;
            resolve(png());
          });
        }),
    );
    const json = sampleMenuJson();
    // Six items with six pictures.
    json.sections[0]!.items = Array.from({ length: 6 }, (_, i) => ({ id: `w${i}`, name: `Waffle ${i}`, price: 100, allergens: { contains: [], mayContain: [] }, image: { url: `mxc://example.org/w${i}`, alt: `Waffle picture ${i}` } }));
    const el = await render(json, load);
    await waitFor(() => load.callCount === 3 || undefined, 'three downloads');
    await new Promise((r) => setTimeout(r, 50));
    expect(load.callCount).to.equal(3);
    while (load.callCount < 6 || pending.length) {
      pending.shift()?.();
      await new Promise((r) => setTimeout(r, 10));
    }
    expect(most).to.equal(3);
    await waitFor(() => $$(el, 'img').length === 6 || undefined, 'six images');
  });

  it('shows the placeholder when media cannot be had: none, a failed download, a hostile URL, bytes that are no image', async () => {
    sinon.stub(console, 'warn');
    const answers: Record<string, () => Promise<string | undefined>> = {
      'mxc://example.org/none': async () => undefined,
      'mxc://example.org/fails': () => Promise.reject(new Error('M_NOT_FOUND')),
      'mxc://example.org/hostile': async () => 'javascript:alert(1)',
      'mxc://example.org/text': async () => URL.createObjectURL(new Blob(['not an image'], { type: 'text/plain' })),
    };
    const load = sinon.fake((mxc: string) => answers[mxc]!());
    const urls = Object.keys(answers);
    const el = await render(withImages(...urls.map((url, i) => ({ url, alt: `Picture ${i}` }))), load);
    await waitFor(() => load.callCount === 4 || undefined, 'four downloads');
    await new Promise((r) => setTimeout(r, 300));
    await el.updateComplete;
    expect($$(el, 'img')).to.deep.equal([]);
    expect($$(el, '.image-missing').map((p) => p.textContent)).to.deep.equal(['Picture 0', 'Picture 1', 'Picture 2', 'Picture 3']);
    await expect(el).to.be.accessible();
  });

  it('revokes blob: URLs the menu no longer shows, and all on disconnect; shows them again when back', async () => {
    const made: string[] = [];
    const load = sinon.fake(async () => {
      made.push(png());
      return made.at(-1);
    });
    const revoke = sinon.spy(URL, 'revokeObjectURL');
    const el = await render(withImages({ url: MXC, alt: 'A waffle' }, { url: 'mxc://example.org/vegan', alt: 'A vegan waffle' }), load);
    await loaded(el, 'Classic waffle');
    await loaded(el, 'Vegan waffle');
    const [classic, vegan] = made;
    expect(load.args).to.deep.equal([[MXC], ['mxc://example.org/vegan']]);
    // The vendor replaces the vegan waffle's picture by an https one.
    el.menu = withImages({ url: MXC, alt: 'A waffle' }, { url: 'https://example.org/v.jpg', alt: 'A vegan waffle' });
    await el.updateComplete;
    expect(revoke.args).to.deep.equal([[vegan]]);
    const parent = el.parentElement!;
    el.remove();
    expect(revoke.args).to.deep.equal([[vegan], [classic]]);
    parent.append(el);
    // Downloaded again (its old URL is revoked), shown from the new one.
    await waitFor(() => load.callCount === 3 || undefined, 'a new download');
    await waitFor(() => item(el, 'Classic waffle').querySelector('img')?.getAttribute('src') === made[2] || undefined, 'the new URL');
    await loaded(el, 'Classic waffle');
    expect(load.callCount).to.equal(3);
  });
});
