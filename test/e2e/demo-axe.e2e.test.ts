import { expect } from '@open-wc/testing';
import type * as AxeCore from 'axe-core';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { visibleText } from '../support/visible-text.js';
import { waitFor } from '../support/wait-for.js';
import { ALLOW_ALL_KEY, DEMO_SIZES, WIDGET_IDS, forgetPermissions, openDemo, switchPerson, widgetDoc, widgetsReady, type Demo } from './demo-frame.js';

/**
 * axe over every view a person meets in the demo (`npm start`, issue #17 "axe stays clean"):
 * the host page with each widget's own document in it, light and dark, at a laptop's and a
 * phone's size; each of the demo's people with their own tools (moderation, stand staff, the
 * vendor's order queue); the permission prompt. Colour contrast included: no rule is off.
 */

type Axe = typeof AxeCore;

/**
 * axe-core in `doc`'s own window. axe audits the document it runs in and reaches a frame only
 * through an axe inside that frame (chai-a11y-axe's `accessible()` loads it into this test
 * page alone, which cannot see into the demo's frames).
 */
async function axeFor(doc: Document): Promise<Axe> {
  const win = doc.defaultView as Window & { axe?: Axe };
  if (!win.axe) {
    const script = doc.createElement('script');
    script.src = '/node_modules/axe-core/axe.min.js';
    await new Promise((resolve, reject) => {
      script.addEventListener('load', resolve, { once: true });
      script.addEventListener('error', () => reject(new Error(`axe-core did not load into ${doc.location.pathname}`)), { once: true });
      doc.head.append(script);
    });
  }
  return win.axe!;
}

const WIDGET_NAMES: Record<string, string> = {
  'devroom-talk': 'talk player',
  'devroom-qa': 'Q&A',
  'devroom-stand': 'stand',
  'devroom-menu': 'food truck',
};

/** Where a failing node is: the widget whose document holds it (axe names its frame first), or the host page. */
function where(demo: Demo, target: unknown[]): string {
  if (target.length < 2) return 'host page';
  const frame = demo.doc.querySelector(String(target[0]));
  const id = WIDGET_IDS.find((w) => frame?.closest(`[data-widget-id="${w}"]`));
  return id ? WIDGET_NAMES[id]! : `frame ${String(target[0])}`;
}

/**
 * axe's violations in the demo as it is now, one line per failing node (view, widget, rule,
 * element, what axe saw): the host page and, through axe's own frame support, every widget
 * document in it, each judged as part of the page around it, as axe judges any page with
 * frames (one main landmark and one h1 for the whole page; a widget's content is inside the
 * landmark its frame is in; heading levels run on through the frames). A frame of ours axe
 * could not look into counts as a failure.
 */
async function audit(demo: Demo, view: string): Promise<string[]> {
  for (const id of WIDGET_IDS) await axeFor(widgetDoc(demo, id)!);
  const axe = await axeFor(demo.doc);
  const results: AxeCore.AxeResults = await axe.run(demo.doc, {});
  // Jitsi's own page (in the demo a stand-in for meet.jit.si, a third party's) is not ours to
  // audit; its frame element is, in the talk player's document.
  const unreached = results.incomplete
    .filter((r) => r.id === 'frame-tested')
    .flatMap((r) => r.nodes.filter((n) => !/jitsiConferenceFrame/.test(JSON.stringify(n.target))).map((n) => `${view}: axe did not reach into ${JSON.stringify(n.target)}`));
  return [
    ...unreached,
    ...results.violations.flatMap((v) =>
      v.nodes.map((n) => `${view}, ${where(demo, n.target)}: ${v.id} (${v.impact ?? ''}) at ${JSON.stringify(n.target)}\n  ${n.html}\n  ${(n.failureSummary ?? v.help).replace(/\n/g, '\n  ')}`),
    ),
  ];
}

/** A widget's visible text (through its shadow roots). */
const textOf = (demo: Demo, id: string) => visibleText(widgetDoc(demo, id)?.body ?? document.createElement('p'));

/** What each widget shows once its room data is in (audited then, not its loading state). */
const LOADED: Record<string, string[]> = {
  'devroom-talk': ['Rust in the kernel'],
  'devroom-qa': ['How much unsafe code'],
  'devroom-stand': ['Kitten Linux', 'Booth schedule'],
  'devroom-menu': ["Frit'Kot", 'Frites'],
};

/**
 * What a widget says while the room holds its reads. Only the Q&A's reads (relations) wait for
 * a stalled demo room; the stand and the menu come with the room state the client pushes, so
 * their loading states pass too quickly here to be audited.
 */
const LOADING: Record<string, string> = { 'devroom-qa': 'Loading questions…' };

/** Every widget shows its content (and, per widget, `more`): nothing is still loading. */
async function loaded(demo: Demo, more: Record<string, string[]> = {}): Promise<void> {
  await widgetsReady(demo);
  for (const id of WIDGET_IDS) {
    const expected = [...LOADED[id]!, ...(more[id] ?? [])];
    await waitFor(() => {
      const text = textOf(demo, id);
      return expected.every((t) => text.includes(t)) && !/Loading/.test(text);
    }, `${id} shows ${expected.join(', ')}`, 10000);
  }
}

/** Sets the host's theme with its own button; `widgets`: wait until every widget has taken it too. */
async function setTheme(demo: Demo, theme: 'light' | 'dark', widgets = true): Promise<void> {
  const button = demo.doc.querySelector<HTMLButtonElement>('button[name="theme"]')!;
  if ((button.getAttribute('aria-pressed') === 'true') !== (theme === 'dark')) button.click();
  await waitFor(() => demo.doc.documentElement.dataset.theme === theme, `the host in the ${theme} theme`);
  if (!widgets) return;
  // Each widget's element takes it (its `theme` attribute) and has rendered with it.
  const elements = () => WIDGET_IDS.map((id) => widgetDoc(demo, id)?.querySelector<HTMLElement & { updateComplete?: Promise<unknown> }>('.devroom-widget > [theme]'));
  await waitFor(() => elements().every((el) => el?.getAttribute('theme') === theme), `every widget in the ${theme} theme`);
  await Promise.all(elements().map((el) => el!.updateComplete));
}

/** The button named `name` in a widget's document, shadow roots included. */
function buttonIn(demo: Demo, id: string, name: RegExp): HTMLButtonElement | undefined {
  const search = (root: Document | ShadowRoot): HTMLButtonElement | undefined => {
    for (const el of root.querySelectorAll('*')) {
      if (el.localName === 'button' && name.test(el.textContent?.trim() ?? '')) return el as HTMLButtonElement;
      const found = el.shadowRoot && search(el.shadowRoot);
      if (found) return found;
    }
    return undefined;
  };
  const doc = widgetDoc(demo, id);
  return doc && search(doc);
}

/**
 * The Rust talk on now: the demo's schedule moved 25 s on, through the room the demo page
 * exposes (`devroom.room`). The talk starts 20 s after the page opens; waiting for it would
 * double this file's time, and the player looks different once live (its Live badge).
 */
async function talkOnNow(demo: Demo): Promise<void> {
  const room = (demo.win as unknown as { devroom: { room: MemoryRoom } }).devroom.room;
  const talks = room.getState(EventTypes.schedule, '')[0]!.content.talks as Record<string, string>[];
  const shift = (iso: string) => new Date(Date.parse(iso) - 25_000).toISOString();
  room.setState(
    EventTypes.schedule,
    '',
    { talks: talks.map((t) => ({ ...t, startsAt: shift(t.startsAt!), qaAt: shift(t.qaAt!), endsAt: shift(t.endsAt!) })) },
    '@organiser:devroom.localhost',
  );
  await liveBadge(demo);
}

/** The talk player's Live badge (the stream plays at its live edge). */
const liveBadge = (demo: Demo) =>
  waitFor(() => widgetDoc(demo, 'devroom-talk')?.querySelector('devroom-talk-player')?.shadowRoot?.querySelector('[part="live-badge"]'), 'the talk player live', 10000);

interface Person {
  who: string;
  userId: string;
  /** Their own tools, per widget: the audit waits until they show. */
  tools: Record<string, string[]>;
  /** A view behind a button of theirs, audited too; `undo` puts the room back for the next person. */
  opens?: { widget: string; button: RegExp; shows: string; undo?: RegExp };
}

/**
 * The demo's people by role, as the host's person switch offers them (examples/host/demo-room.ts).
 * Alice (attendee, the demo's first view) is audited at both sizes; each other role at
 * 1280×800 only, in both themes: what differs by person is which tools show, not the layout,
 * which Alice's runs audit at both sizes. Alice's runs see the talk about to start, theirs the
 * talk on (live).
 * Moderation (power 50) shows in every widget for Mo, Stan and Vera alike; each is audited
 * with the view that is theirs alone opened (Stan's stand editor, Vera's order queue).
 */
const PEOPLE: Person[] = [
  {
    who: 'Mo, the Q&A moderator and talk host',
    userId: '@moderator:devroom.localhost',
    tools: { 'devroom-qa': ['Mark answered', 'Invite to stage'], 'devroom-talk': ['Start Q&A', 'End the talk'] },
    // The talk's Q&A, which he starts: the player hands over to the call, with his host controls.
    opens: { widget: 'devroom-talk', button: /^Start Q&A$/, shows: 'Back to the talk', undo: /^Back to the talk$/ },
  },
  {
    who: 'Stan, stand staff',
    userId: '@staff:devroom.localhost',
    tools: { 'devroom-stand': ["I'm at the booth", 'Contact requests'] },
    opens: { widget: 'devroom-stand', button: /^Edit stand$/, shows: 'Save' },
  },
  {
    who: 'Sam, speaker and stand staff at power 25',
    userId: '@speaker:devroom.localhost',
    tools: { 'devroom-stand': ["I'm at the booth"] },
  },
  {
    who: 'Vera, the food-truck vendor',
    userId: '@vendor:devroom.localhost',
    tools: { 'devroom-menu': ['Orders ('] },
    opens: { widget: 'devroom-menu', button: /^Orders \(\d+\)$/, shows: 'Ready for pickup' },
  },
];
/**
 * Audited as Alice: Bob and Carol are attendees like her. Olga, the organiser (power 100), sees
 * in the widgets what Mo, Stan and Vera (power 50) see together: left out for time (60 s).
 */
const ALSO_OFFERED = ['@alice:devroom.localhost', '@bob:devroom.localhost', '@carol:devroom.localhost', '@organiser:devroom.localhost'];

describe('demo host (npm start): axe over every view', function () {
  this.timeout(60000);
  beforeEach(forgetPermissions);
  afterEach(forgetPermissions);

  it('reaches into each widget document: low contrast planted in each is reported there', async () => {
    localStorage.setItem(ALLOW_ALL_KEY, 'true');
    const demo = await openDemo(1280, 800);
    try {
      await widgetsReady(demo);
      for (const id of WIDGET_IDS) {
        const p = widgetDoc(demo, id)!.createElement('p');
        p.className = 'planted';
        p.style.cssText = 'color: #777; background: #888;';
        p.textContent = 'Hard to read';
        widgetDoc(demo, id)!.body.prepend(p);
      }
      const found = await audit(demo, 'planted');
      for (const name of Object.values(WIDGET_NAMES)) {
        expect(found.some((line) => line.startsWith(`planted, ${name}: color-contrast`) && line.includes('.planted')), `${name}: ${found.join('\n')}`).to.equal(true);
      }
    } finally {
      demo.close();
    }
  });

  for (const [width, height] of DEMO_SIZES) {
    it(`at ${width}×${height}, light and dark: the host page and the four widgets, as Alice (an attendee)`, async () => {
      localStorage.setItem(ALLOW_ALL_KEY, 'true');
      const demo = await openDemo(width, height);
      try {
        await loaded(demo);
        const found: string[] = [];
        for (const theme of ['light', 'dark'] as const) {
          await setTheme(demo, theme);
          found.push(...(await audit(demo, `${width}×${height} ${theme}`)));
        }
        expect(found, found.join('\n\n')).to.deep.equal([]);
      } finally {
        demo.close();
      }
    });
  }

  describe('at 1280×800, as each person the host offers, through its person switch', () => {
    let demo: Demo;
    // One demo for them all, as a person would switch in it (a fresh one each would double the time).
    before(async () => {
      localStorage.setItem(ALLOW_ALL_KEY, 'true');
      demo = await openDemo(1280, 800);
      await widgetsReady(demo);
      await talkOnNow(demo);
    });
    after(() => demo.close());
    beforeEach(() => localStorage.setItem(ALLOW_ALL_KEY, 'true'));

    it('the switch offers exactly the demo\'s people: nobody goes unaudited', () => {
      const offered = [...demo.doc.querySelectorAll<HTMLOptionElement>('select[name="user"] option')].map((o) => o.value);
      expect(offered).to.have.members([...PEOPLE.map((p) => p.userId), ...ALSO_OFFERED]);
    });

    for (const person of PEOPLE) {
      it(`light and dark: the host page and the four widgets, as ${person.who}`, async () => {
        await switchPerson(demo, person.userId);
        await loaded(demo, person.tools);
        await liveBadge(demo);
        const found: string[] = [];
        for (const theme of ['light', 'dark'] as const) {
          await setTheme(demo, theme);
          found.push(...(await audit(demo, `${person.who}, ${theme}`)));
        }
        if (person.opens) {
          const { widget, button, shows, undo } = person.opens;
          buttonIn(demo, widget, button)!.click();
          await waitFor(() => textOf(demo, widget).includes(shows), `${WIDGET_NAMES[widget]} shows ${shows}`);
          for (const theme of ['dark', 'light'] as const) {
            await setTheme(demo, theme);
            found.push(...(await audit(demo, `${person.who}, ${String(button)} opened, ${theme}`)));
          }
          if (undo) {
            buttonIn(demo, widget, undo)!.click();
            await waitFor(() => buttonIn(demo, widget, button), `${WIDGET_NAMES[widget]} back as before`);
          }
        }
        expect(found, found.join('\n\n')).to.deep.equal([]);
      });
    }
  });

  it('at 1280×800, light and dark: while the room is slow to answer (the Q&A loading its questions)', async () => {
    localStorage.setItem(ALLOW_ALL_KEY, 'true');
    const demo = await openDemo(1280, 800);
    // A stalled homeserver (the demo's room holds every read) from before the widgets ask.
    const resume = (demo.win as unknown as { devroom: { room: MemoryRoom } }).devroom.room.pause();
    try {
      await widgetsReady(demo);
      for (const [id, text] of Object.entries(LOADING)) await waitFor(() => textOf(demo, id).includes(text), `${id} says ${text}`);
      const found: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        await setTheme(demo, theme);
        found.push(...(await audit(demo, `loading, ${theme}`)));
      }
      expect(found, found.join('\n\n')).to.deep.equal([]);
    } finally {
      resume();
      demo.close();
    }
  });

  it('at 390×844, light and dark: each widget\'s "permissions declined" screen, after "Decline all" in every prompt', async () => {
    const demo = await openDemo(390, 844);
    try {
      // One prompt at a time, in the order the widgets asked.
      const declined = new Set<string>();
      while (declined.size < WIDGET_IDS.length) {
        const dialog = await waitFor(() => demo.doc.querySelector<HTMLDialogElement>('dialog[open]'), `a prompt after ${[...declined].join(', ')}`, 15000);
        declined.add(dialog.dataset.widgetId!);
        dialog.querySelector<HTMLButtonElement>('button[data-action="decline"]')!.click();
        await waitFor(() => !dialog.isConnected, 'the prompt answered');
      }
      for (const id of WIDGET_IDS) await waitFor(() => widgetDoc(demo, id)?.querySelector('[data-screen="missing-capabilities"]:not([hidden])'), `${id} says what it lacks`);
      const found: string[] = [];
      for (const theme of ['light', 'dark'] as const) {
        // The widgets never connected: the theme reaches the host only.
        await setTheme(demo, theme, false);
        found.push(...(await audit(demo, `declined, ${theme}`)));
      }
      expect(found, found.join('\n\n')).to.deep.equal([]);
    } finally {
      demo.close();
    }
  });

  for (const [width, height] of DEMO_SIZES) {
    it(`at ${width}×${height}, light and dark: the permission prompt, the widgets waiting behind it`, async () => {
      const demo = await openDemo(width, height);
      try {
        await waitFor(() => demo.doc.querySelector('dialog[open]'), 'a permission prompt', 15000);
        // What a person sees while deciding: every widget says "Connecting…" (after its first
        // half second, in which it shows its app, still empty).
        for (const id of WIDGET_IDS) await waitFor(() => widgetDoc(demo, id)?.querySelector('[data-screen="connecting"]:not([hidden])'), `${id} connecting`);
        const found: string[] = [];
        for (const theme of ['light', 'dark'] as const) {
          // The widgets take the theme once connected; the host and its prompt at once.
          await setTheme(demo, theme, false);
          found.push(...(await audit(demo, `${width}×${height} ${theme} prompt`)));
        }
        expect(demo.doc.querySelector('dialog[open] button[data-action="allow-all"]'), 'still before "Allow all"').not.to.equal(null);
        expect(found, found.join('\n\n')).to.deep.equal([]);
      } finally {
        demo.close();
      }
    });
  }
});
