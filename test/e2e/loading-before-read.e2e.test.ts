import { expect } from '@open-wc/testing';
import { sampleMenuJson } from '../../components/food-truck-menu/test-fixtures.js';
import { sampleStand } from '../../components/stand-booth/test-fixtures.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { WidgetHost } from '../../widgets/testing/host.js';
import type { CapabilityApprover } from '../../widgets/testing/driver.js';
import { visibleText } from '../support/visible-text.js';
import { afterTest } from '../support/cleanup.js';
import { ALICE, MOD, conference, waitFor, widgetFor } from './widget-harness.js';

/**
 * Issue #17.2: what a person reads in a widget before it has read the room. The real widget
 * page in the Element-like host; the client holds the reads (the person has not answered the
 * permission prompt yet: a widget reads nothing before its capabilities are settled). Meanwhile
 * the page shows the element, then after 500 ms "Connecting…": it must say it is loading, never
 * that the room has nothing; the empty state only once the read says so.
 */

interface Case {
  page: string;
  loading: string;
  empty: string;
  /** Fills the room; the words that show once it is read. */
  fill(room: MemoryRoom): string;
}

const CASES: Case[] = [
  {
    page: 'talk-player',
    loading: 'Loading the talk…',
    empty: 'No stream has been set up for this talk yet.',
    fill(room) {
      const now = Date.now();
      const talk = { title: 'Rust in the kernel', speakers: [], stream: '/test/fixtures/hls/talk.mp4', startsAt: new Date(now - 60_000).toISOString(), endsAt: new Date(now + 3_600_000).toISOString() };
      room.setState(EventTypes.talk, '', talk, MOD);
      return 'Rust in the kernel';
    },
  },
  {
    page: 'stand-booth',
    loading: 'Loading the stand…',
    empty: 'This stand has not been set up yet.',
    fill(room) {
      room.setState(EventTypes.stand, '', { ...sampleStand() }, MOD);
      return 'Kitten Linux';
    },
  },
  {
    page: 'food-truck-menu',
    loading: 'Loading the menu…',
    empty: 'No menu yet.',
    fill(room) {
      room.setState(EventTypes.menu, '', { ...sampleMenuJson() }, MOD);
      return 'Waffle Wagon';
    },
  },
];

/** Opens `page` for Alice with the permission prompt unanswered; `answer()` approves everything. */
function open(room: MemoryRoom, page: string): { texts: string[]; text(): string; answer(): void } {
  let answer!: () => void;
  const answered = new Promise<void>((resolve) => (answer = resolve));
  const approve: CapabilityApprover = async (requested) => (await answered, new Set(requested));
  const container = document.createElement('div');
  document.body.append(container);
  const widget = widgetFor(page);
  const host = new WidgetHost({ room, userId: ALICE, container, approve, storage: null, widgets: [widget] }).start();
  const iframe = host.mounted(widget.id)!.iframe;
  const text = () => {
    const body = iframe.contentDocument?.body;
    return body ? visibleText(body).trim() : '';
  };
  // Every text the page shows, from its first render on.
  const texts: string[] = [];
  const timer = setInterval(() => {
    const now = text();
    if (now && texts.at(-1) !== now) texts.push(now);
  }, 5);
  afterTest(() => {
    clearInterval(timer);
    host.stop();
    container.remove();
  });
  return { texts, text, answer };
}

describe('widget pages before the room is read: loading, not empty', () => {
  for (const c of CASES) {
    it(`${c.page}, a room with content: "${c.loading}" until the read, then the content`, async () => {
      const room = conference();
      const shows = c.fill(room);
      const page = open(room, c.page);
      await waitFor(() => page.texts.length, `${c.page} renders`, 10_000);
      await waitFor(() => page.text().includes('Connecting'), `${c.page} says "Connecting…" while the prompt is open`, 10_000);
      const before = [...page.texts];
      page.answer();
      await waitFor(() => page.text().includes(shows), `${c.page} shows ${shows}`, 10_000);
      expect(before.some((t) => t.includes(c.loading)), before.join(' | ')).to.equal(true);
      expect(page.texts.filter((t) => t.includes(c.empty)), page.texts.join(' | ')).to.deep.equal([]);
      expect(page.text()).to.not.contain(c.loading);
    });

    it(`${c.page}, an empty room: "${c.loading}" until the read, then "${c.empty}"`, async () => {
      const room = conference();
      const page = open(room, c.page);
      await waitFor(() => page.text().includes('Connecting'), `${c.page} says "Connecting…" while the prompt is open`, 10_000);
      const before = [...page.texts];
      expect(before.some((t) => t.includes(c.loading)), before.join(' | ')).to.equal(true);
      expect(before.filter((t) => t.includes(c.empty)), before.join(' | ')).to.deep.equal([]);
      page.answer();
      await waitFor(() => page.text().includes(c.empty), `${c.page} says ${c.empty}`, 10_000);
      expect(page.text()).to.not.contain(c.loading);
    });
  }
});
