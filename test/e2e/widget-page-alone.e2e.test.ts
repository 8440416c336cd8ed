import { expect } from '@open-wc/testing';
import { waitFor } from '../support/wait-for.js';

/**
 * #17.5 "A widget page opened outside a Matrix client shows 'Sending…' for 23 s: say at once
 * that it must be opened in a Matrix room (and how)." Each real widget page (served as
 * /widgets/<name>.html, like the built one), opened by itself with nothing in its address,
 * says so within a few seconds, with the /addwidget line, and shows none of the app.
 * (boot.test.ts checks the runtime with its probe page.)
 */

const PAGES = ['talk-player', 'qa-queue', 'stand-booth', 'food-truck-menu'];

describe('a widget page opened by itself (no Matrix client)', function () {
  this.timeout(30_000);

  for (const page of PAGES) {
    it(`${page}: says at once that it belongs in a Matrix room, and how to add it`, async () => {
      const frame = document.createElement('iframe');
      frame.style.cssText = 'width: 390px; height: 700px;';
      frame.src = `/widgets/${page}.html`;
      const started = performance.now();
      document.body.append(frame);
      try {
        const screen = await waitFor(() => frame.contentDocument?.querySelector<HTMLElement>('[data-screen="standalone"]'), `${page}: the "open it in a room" screen`, 10_000);
        expect(performance.now() - started, 'ms until it says so').to.be.below(5000);
        // Its title (an h1 when the page is the window, an h2 in this test's frame).
        expect(screen.querySelector('#devroom-screen-title')!.textContent).to.equal('Open this widget in a Matrix room');
        expect(screen.querySelector('code')!.textContent).to.match(new RegExp(`^/addwidget http://[^ ]+/widgets/${page}\\.html#\\?roomId=\\$matrix_room_id&userId=\\$matrix_user_id`));
        // Nothing of the app (its "Sending…", its empty states) in view.
        const body = frame.contentDocument!.body;
        expect(body.innerText).not.to.match(/Sending…|Connecting…|not set up yet|No menu yet|No questions yet/);
        const app = frame.contentDocument!.querySelector<HTMLElement>('.devroom-widget');
        expect(!app || app.hidden || app.getBoundingClientRect().height === 0, 'the app is hidden').to.equal(true);
      } finally {
        frame.remove();
      }
    });
  }
});
