import { expect } from '@open-wc/testing';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { api, conference, leaveAll, sit } from './conference.js';
import { waitInWidget } from './in-widget.js';
import { ask } from './qa-person.js';
import type { FrameOf } from './in-widget.js';

/**
 * People's names through Element (#17.1): the vendor's order queue names who ordered from the
 * m.room.member state Element's lazy-loading client holds and pushes, follows a rename, and
 * shows ids once a third person takes the same name.
 */

function menuNow(): Record<string, unknown> {
  const m = sampleMenuJson();
  const now = Date.now();
  m.openingHours = [{ opens: new Date(now - 3_600_000).toISOString(), closes: new Date(now + 10 * 3_600_000).toISOString() }];
  m.ordering = { open: true, closesAt: new Date(now + 9 * 3_600_000).toISOString() };
  return m as unknown as Record<string, unknown>;
}

/** Who ordered, per card, as a person sees it (text clipped out of sight — the id on demand — left out), once `want` holds. */
async function whoOrdered(widget: FrameOf, what: string, want: string[]): Promise<string[]> {
  const seen = await waitInWidget(
    widget,
    what,
    (dom, expected) => {
      const seen = dom.findAll('.queue .order-head > span:not(.muted)').map((span) => {
        const walker = document.createTreeWalker(span, NodeFilter.SHOW_TEXT);
        let text = '';
        for (let node = walker.nextNode(); node; node = walker.nextNode()) if (node.parentElement!.getBoundingClientRect().width > 1) text += node.textContent;
        return text.replace(/\s+/g, ' ').trim();
      });
      return [...seen].sort().join('|') === [...expected].sort().join('|') ? seen : undefined;
    },
    want,
  );
  return seen ?? [];
}

describe("people's names through Element on a homeserver", () => {
  afterEach(leaveAll);

  it('the vendor sees who ordered by name, a rename live, and ids once a third person takes the same name', async () => {
    const conf = await conference({ people: { Vera: 50, Ana: 0, Bob: 0, Carl: 0 }, widgets: ['food-truck-menu'] });
    const { Vera, Ana, Bob, Carl } = conf.people as Record<'Vera' | 'Ana' | 'Bob' | 'Carl', NonNullable<(typeof conf.people)[string]>>;
    await conf.setState(Vera, EventTypes.menu, '', menuNow());
    const vera = await sit(conf, Vera, 'food-truck-menu');
    // The vendor's widget opens ordering (the orders root); customers order straight through the API.
    const rootId = await (async () => {
      for (let i = 0; i < 100; i++) {
        const state = await fetch(`${Vera.baseUrl}/_matrix/client/v3/rooms/${encodeURIComponent(conf.roomId)}/state/${EventTypes.root}/orders`, {
          headers: { Authorization: `Bearer ${Vera.accessToken}` },
        });
        if (state.ok) return ((await state.json()) as { event_id: string }).event_id;
        await new Promise((r) => setTimeout(r, 100));
      }
      throw new Error('the vendor never opened ordering');
    })();
    const order = (localId: string) => ({
      localId,
      lines: [{ itemId: 'mate', name: 'Club-Mate', quantity: 1, unitPrice: 300, choices: [] }],
      total: 300,
      currency: 'EUR',
      'm.relates_to': { rel_type: 'm.reference', event_id: rootId },
    });
    await conf.send(Ana, EventTypes.order, order('a1'));
    await conf.send(Bob, EventTypes.order, order('b1'));
    await waitInWidget(vera.widget, 'the Orders tab', (dom) => {
      const tab = dom.findAll('button').find((b) => (b.textContent ?? '').includes('Orders (2)')) as HTMLButtonElement | undefined;
      tab?.click();
      return !!tab;
    });
    expect(await whoOrdered(vera.widget, 'Ana and Bob by name', ['Ana', 'Bob'])).to.have.length(2);

    // Ana renames (as in Element's settings: her profile, which the server copies into her
    // member event); the new member event reaches the widget through Element's update_state.
    const rename = (who: typeof Ana, displayname: string) => api(who, 'PUT', `/v3/profile/${encodeURIComponent(who.userId)}/displayname`, { displayname });
    await rename(Ana, 'Ana Lima');
    await whoOrdered(vera.widget, 'the rename', ['Ana Lima', 'Bob']);

    // Carl takes the same name and orders too: all three cards say who is who.
    await rename(Carl, 'Ana Lima');
    await conf.send(Carl, EventTypes.order, order('c1'));
    await whoOrdered(vera.widget, 'both Ana Limas with their ids', [`Ana Lima (${Ana.userId})`, `Ana Lima (${Carl.userId})`, 'Bob']);
  });

  it("the Q&A names who asked, follows a rename, and shows ids once a second person takes the name", async () => {
    const conf = await conference({ people: { Mo: 50, Alice: 0, Mal: 0 }, widgets: ['qa-queue'] });
    const { Mo, Alice, Mal } = conf.people as Record<'Mo' | 'Alice' | 'Mal', NonNullable<(typeof conf.people)[string]>>;
    const mo = await sit(conf, Mo, 'qa-queue');
    const alice = await sit(conf, Alice, 'qa-queue');
    await ask(alice.widget, 'Slides online?');
    /** Who asked what, as the moderator sees it (author names show their id only as a tooltip). */
    const authors = (what: string, want: Record<string, string>) =>
      waitInWidget(
        mo.widget,
        what,
        (dom, expected) => {
          const seen = Object.fromEntries(dom.findAll('.row').map((row) => [row.querySelector('.text')?.textContent?.trim(), row.querySelector('.meta bdi')?.textContent?.trim()]));
          return Object.entries(expected).every(([text, name]) => seen[text] === name) ? seen : undefined;
        },
        want,
      );
    await authors('Alice by name', { 'Slides online?': 'Alice' });
    const rename = (who: typeof Alice, displayname: string) => api(who, 'PUT', `/v3/profile/${encodeURIComponent(who.userId)}/displayname`, { displayname });
    await rename(Alice, 'Alice Liddell');
    await authors('the rename', { 'Slides online?': 'Alice Liddell' });
    await rename(Mal, 'alice liddell');
    const mal = await sit(conf, Mal, 'qa-queue');
    await ask(mal.widget, 'Me too?');
    await authors('both with their ids', { 'Slides online?': `Alice Liddell (${Alice.userId})`, 'Me too?': `alice liddell (${Mal.userId})` });
  });
});
