import { expect } from '@open-wc/testing';
import { waitFor } from '../support/wait-for.js';
import { ALLOW_ALL_KEY, DEMO_SIZES, WIDGET_IDS, forgetPermissions, openDemo, widgetDoc, widgetsReady } from './demo-frame.js';

/** The demo host's layout, theme and permission prompts at a phone's and a laptop's size. */

const overlaps = (a: DOMRect, b: DOMRect) => a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;

/** Relative luminance of a computed `rgb()` colour (WCAG). */
function luminance(color: string): number {
  const [r, g, b] = (color.match(/[\d.]+/g) ?? []).slice(0, 3).map((c) => {
    const v = Number(c) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  }) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

describe('demo host (npm start)', function () {
  this.timeout(60000);
  beforeEach(forgetPermissions);
  afterEach(forgetPermissions);

  it('asks for permissions in plain words, says "Connecting…" meanwhile, and remembers "Allow all" across a switch of person', async () => {
    const demo = await openDemo(1280, 800);
    try {
      const dialog = await waitFor(() => demo.doc.querySelector<HTMLDialogElement>('dialog[open]'), 'a permission prompt', 15000);
      const words = [...dialog.querySelectorAll('li label')].map((l) => l.textContent ?? '');
      expect(words.length).to.be.greaterThan(0);
      // Words a person uses, not capability strings or event types.
      for (const line of words) expect(line).not.to.match(/msc\d|dev\.devroom|m\.room|state_event/);
      expect(words.join('\n')).to.match(/See who moderates this room|See the talk|See the stand|See the menu|Read the questions people ask/);

      // Behind the prompt the widgets wait for it, and say so.
      for (const id of WIDGET_IDS) {
        const screen = await waitFor(() => widgetDoc(demo, id)?.querySelector<HTMLElement>('[data-screen="connecting"]'), `${id} connecting`);
        expect(screen.querySelector('h2')!.textContent).to.equal('Connecting…');
        expect(widgetDoc(demo, id)!.body.textContent).not.to.contain('not set up yet');
      }

      // One "Allow all" answers every widget.
      let prompts = 0;
      new demo.win.MutationObserver(() => (prompts += demo.doc.querySelectorAll('dialog[open]').length)).observe(demo.doc.body, { childList: true, subtree: true });
      dialog.querySelector<HTMLButtonElement>('button[data-action="allow-all"]')!.click();
      await widgetsReady(demo);
      expect(demo.doc.querySelector('dialog[open]')).to.equal(null);
      expect(localStorage.getItem(ALLOW_ALL_KEY)).to.equal('true');

      // Another person: every widget reloads as them, and nobody is asked again.
      const user = demo.doc.querySelector<HTMLSelectElement>('select[name="user"]')!;
      user.value = '@moderator:devroom.localhost';
      user.dispatchEvent(new Event('change'));
      await waitFor(() => widgetDoc(demo, 'devroom-qa')?.location.hash.includes(encodeURIComponent('@moderator:devroom.localhost')), 'widgets reloaded as Mo');
      await widgetsReady(demo);
      expect(prompts).to.equal(0);
      expect(demo.doc.querySelector('dialog')).to.equal(null);

      // "Ask for permissions again" forgets it.
      [...demo.doc.querySelectorAll('button')].find((b) => b.textContent === 'Ask for permissions again')!.click();
      await waitFor(() => demo.doc.querySelector('dialog[open]'), 'the prompt again');
      expect(localStorage.getItem(ALLOW_ALL_KEY)).to.equal(null);
    } finally {
      demo.close();
    }
  });

  it("keeps the host's console free of matrix-widget-api's content_loaded time-out, through a load and a quick switch of person", async () => {
    localStorage.setItem(ALLOW_ALL_KEY, 'true');
    const demo = await openDemo(1280, 800);
    const complaints: string[] = [];
    // ClientWidgetApi logs it 10 s after an iframe's load event that no content_loaded followed.
    const { error } = demo.win.console;
    demo.win.console.error = (...args: unknown[]) => {
      if (String(args[0]).includes('timed out waiting for contentLoaded')) complaints.push(String(args[0]));
      error.apply(demo.win.console, args);
    };
    try {
      // A person switched at the moment the last widget page has loaded: its content_loaded is
      // still on the way when the host removes it.
      const frames = [...demo.doc.querySelectorAll<HTMLIFrameElement>('.devroom-host-widget iframe')];
      expect(frames.length).to.equal(4);
      await Promise.all(frames.map((f) => new Promise((resolve) => f.addEventListener('load', resolve, { once: true }))));
      const user = demo.doc.querySelector<HTMLSelectElement>('select[name="user"]')!;
      user.value = '@vendor:devroom.localhost';
      user.dispatchEvent(new Event('change'));
      await waitFor(() => widgetDoc(demo, 'devroom-menu')?.location.hash.includes(encodeURIComponent('@vendor:devroom.localhost')), 'widgets reloaded as Vera');
      await widgetsReady(demo);
      await new Promise((resolve) => setTimeout(resolve, 10_500));
      expect(complaints).to.deep.equal([]);
    } finally {
      demo.close();
    }
  });

  for (const [width, height] of DEMO_SIZES) {
    it(`at ${width}×${height}, light and dark: every widget fits its slot, nothing lies on another panel, the theme reaches the header`, async () => {
      localStorage.setItem(ALLOW_ALL_KEY, 'true');
      const demo = await openDemo(width, height);
      try {
        await widgetsReady(demo);
        const theme = demo.doc.querySelector<HTMLButtonElement>('button[name="theme"]')!;
        for (const dark of [false, true]) {
          if ((theme.getAttribute('aria-pressed') === 'true') !== dark) theme.click();
          await new Promise((resolve) => demo.win.requestAnimationFrame(resolve));
          expect(theme.getAttribute('aria-pressed')).to.equal(String(dark));
          const sections = [...demo.doc.querySelectorAll<HTMLElement>('.devroom-host-widget')];
          expect(sections.length).to.equal(4);
          const rects = sections.map((s) => s.getBoundingClientRect());
          sections.forEach((section, i) => {
            const slot = rects[i]!;
            const frame = section.querySelector('iframe')!.getBoundingClientRect();
            const name = section.dataset.widgetId;
            // The widget's frame is inside its slot: nothing of it is cut off or runs under the next panel.
            expect(frame.bottom, `${name} frame bottom`).to.be.at.most(slot.bottom + 0.5);
            expect(frame.height, `${name} frame height`).to.be.greaterThan(200);
            expect(slot.right, `${name} right edge`).to.be.at.most(width + 0.5);
            rects.forEach((other, j) => j !== i && expect(overlaps(slot, other), `${name} overlaps ${sections[j]!.dataset.widgetId}`).to.equal(false));
          });
          // The room timeline is never under a widget.
          const timeline = demo.doc.querySelector('.devroom-host-main')!.getBoundingClientRect();
          expect(timeline.width).to.be.greaterThan(200);
          for (const [i, slot] of rects.entries()) expect(overlaps(slot, timeline), `${sections[i]!.dataset.widgetId} over the timeline`).to.equal(false);
          expect(demo.doc.documentElement.scrollWidth, 'no sideways scrolling').to.be.at.most(width);

          // The whole page, header included, is in the chosen theme.
          const page = luminance(demo.win.getComputedStyle(demo.doc.documentElement).backgroundColor);
          const heading = luminance(demo.win.getComputedStyle(demo.doc.querySelector('header h1')!).color);
          if (dark) {
            expect(page, 'dark page').to.be.below(0.05);
            expect(heading, 'light header text').to.be.above(0.6);
          } else {
            expect(page, 'light page').to.be.above(0.9);
            expect(heading, 'dark header text').to.be.below(0.1);
          }
        }
        // The pressed theme button looks pressed, not only to screen readers.
        const pressed = demo.win.getComputedStyle(theme).backgroundColor;
        theme.click();
        expect(theme.getAttribute('aria-pressed')).to.equal('false');
        expect(demo.win.getComputedStyle(theme).backgroundColor).not.to.equal(pressed);
      } finally {
        demo.close();
      }
    });
  }
});
