import { expect } from '@open-wc/testing';
import type { DevroomQaQueue } from '../../components/qa-queue/qa-queue.js';
import type { MemoryRoom } from '../../widgets/room/memory-room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { stageKey } from '../../widgets/qa-queue/schema.js';
import { ALICE, BOB, MOD, ORGANISER, buttonIn, conference, elementIn, leaveAll, sit, waitFor, widgetFor } from './widget-harness.js';
import type { Seat } from './widget-harness.js';

const QA = widgetFor('qa-queue');

/** A room whose Q&A is open: the root notice and `dev.devroom.root` state, as a moderator leaves them. */
function openQa(room: MemoryRoom): string {
  const root = room.inject('m.room.message', { msgtype: 'm.notice', body: 'Q&A' }, MOD).event_id;
  room.setState(EventTypes.root, 'qa', { event_id: root }, MOD);
  return root;
}

function question(room: MemoryRoom, root: string, sender: string, body: string, extra: Record<string, unknown> = {}): string {
  return room.inject('m.room.message', { msgtype: 'm.text', body, 'm.relates_to': { rel_type: 'm.reference', event_id: root }, ...extra }, sender).event_id;
}

function react(room: MemoryRoom, target: string, sender: string, key = '👍'): string {
  return room.inject('m.reaction', { 'm.relates_to': { rel_type: 'm.annotation', event_id: target, key } }, sender).event_id;
}

async function queueOf(seat: Seat): Promise<DevroomQaQueue> {
  const el = await elementIn<DevroomQaQueue>(seat, 'devroom-qa-queue');
  await el.updateComplete;
  return el;
}

const rows = (el: DevroomQaQueue) =>
  [...el.shadowRoot!.querySelectorAll('.row')].map((row) => ({
    text: row.querySelector('.text')?.textContent?.trim() ?? '',
    votes: Number(row.querySelector('.vote')?.textContent?.trim() ?? NaN),
    row,
  }));

async function ask(el: DevroomQaQueue, text: string): Promise<void> {
  const input = el.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea#ask')!;
  input.value = text;
  input.dispatchEvent(new Event('input'));
  await el.updateComplete;
  el.shadowRoot!.querySelector<HTMLButtonElement>('[part="ask-button"]')!.click();
}

const questionsIn = (room: MemoryRoom, root: string) =>
  room.timeline.filter((e) => e.type === 'm.room.message' && (e.content['m.relates_to'] as { event_id?: string } | undefined)?.event_id === root);

describe('Q&A widget end to end (Element-like host, several people, one room)', () => {
  afterEach(leaveAll);

  it('ask, vote, double vote ignored, un-vote by redaction, redacted question disappears', async () => {
    const room = conference();
    const root = openQa(room);
    const alice = await sit(room, ALICE, QA);
    const bob = await sit(room, BOB, QA);
    const aliceQ = await queueOf(alice);
    const bobQ = await queueOf(bob);

    await ask(aliceQ, '  Will the slides be online?  ');
    // Stored as a plain m.text message every Matrix client shows, related to the root.
    const sent = await waitFor(() => questionsIn(room, root)[0], 'question in the room');
    expect(sent.content.body).to.equal('Will the slides be online?');
    expect(sent.sender).to.equal(ALICE);
    await waitFor(() => rows(bobQ).find((r) => r.text === 'Will the slides be online?'), 'question at Bob');

    buttonIn(rows(bobQ)[0]!.row, /^Vote/)!.click();
    await waitFor(() => rows(aliceQ)[0]?.votes === 1, 'one vote at Alice');
    // Bob adds another 👍 (and a skin-tone one) by hand in Element: still one vote.
    react(room, sent.event_id, BOB, '👍');
    react(room, sent.event_id, BOB, '👍🏽');
    await new Promise((r) => setTimeout(r, 100));
    expect(rows(aliceQ)[0]!.votes).to.equal(1);

    // Un-vote: Bob's widget redacts every 👍 of his.
    await waitFor(() => rows(bobQ)[0]?.row.querySelector('.vote')?.getAttribute('aria-pressed') === 'true', 'pressed for Bob');
    buttonIn(rows(bobQ)[0]!.row, /^Vote/)!.click();
    await waitFor(() => rows(aliceQ)[0]?.votes === 0, 'vote removed');
    expect(room.timeline.filter((e) => e.type === 'm.room.redaction' && e.sender === BOB)).to.have.length(3);

    // The question is redacted (by its author, in any client): gone everywhere.
    await room.as(ALICE).redact(sent.event_id);
    await waitFor(() => rows(bobQ).length === 0, 'question gone at Bob');
  });

  it('a late joiner sees the full history from server-side relations, with bounded requests', async () => {
    // Servers page relations in small pages: follow next_batch.
    const room = conference({ relationsPageLimit: 5 });
    const root = openQa(room);
    const ids: string[] = [];
    for (let i = 0; i < 23; i++) ids.push(question(room, root, i % 2 ? ALICE : BOB, `Question number ${i}`));
    for (let v = 0; v < 7; v++) react(room, ids[3]!, `@voter${v}:conf.example`);
    react(room, ids[5]!, BOB);
    // Unrelated chatter in the timeline is not a question.
    room.inject('m.room.message', { msgtype: 'm.text', body: 'hello room' }, BOB);

    // Count what the homeserver is asked: every /relations page the widget reads.
    let relationPages = 0;
    const serverRead = room.readRelations.bind(room);
    room.readRelations = (...args) => {
      relationPages++;
      return serverRead(...args);
    };
    const late = await sit(room, MOD, QA);
    const el = await queueOf(late);
    await waitFor(() => el.model.section('open').size === 23, 'all 23 questions');
    // Questions: 5 pages of at most 5; votes: one page per question, two for the one with 7.
    expect(relationPages).to.equal(5 + 23 + 1);
    expect(el.model.get(ids[3]!)!.votes).to.equal(7);
    expect(el.model.get(ids[5]!)!.votes).to.equal(1);
    expect(rows(el)[0]!.text).to.equal('Question number 3');
  });

  it('moderation: a moderator pins and marks answered; a normal user has no controls and the server refuses them', async () => {
    const room = conference();
    const root = openQa(room);
    const q1 = question(room, root, ALICE, 'First');
    const q2 = question(room, root, BOB, 'Second');
    react(room, q1, BOB);
    const mod = await sit(room, MOD, QA);
    const alice = await sit(room, ALICE, QA);
    const modQ = await queueOf(mod);
    const aliceQ = await queueOf(alice);
    await waitFor(() => rows(modQ).length === 2 && buttonIn(rows(modQ)[1]!.row, 'Pin'), 'moderator controls');
    expect(buttonIn(aliceQ.shadowRoot!, 'Pin')).to.equal(undefined);

    buttonIn(rows(modQ).find((r) => r.text === 'Second')!.row, 'Pin')!.click();
    await waitFor(() => room.getState(EventTypes.qaQuestionState, q2)[0], 'moderation state');
    await waitFor(() => aliceQ.model.get(q2)?.moderation.pinned, 'pinned at Alice');
    buttonIn(rows(modQ).find((r) => r.text === 'First')!.row, 'Mark answered')!.click();
    await waitFor(() => aliceQ.model.get(q1)?.section === 'answered', 'answered at Alice');

    const refused = await room.as(ALICE).sendState(EventTypes.qaQuestionState, q2, { hidden: true }).catch((e: { code: string }) => e.code);
    expect(refused).to.equal('M_FORBIDDEN');
  });

  it('a failed send stays visible as "not sent"; Retry sends it once', async () => {
    const room = conference();
    const root = openQa(room);
    const alice = await sit(room, ALICE, QA);
    const el = await queueOf(alice);
    room.failNext('M_LIMIT_EXCEEDED', { op: 'send', userId: ALICE });
    await ask(el, 'Does it survive a failure?');
    await waitFor(() => el.shadowRoot!.textContent!.includes('Not sent'), '"Not sent"');
    expect(questionsIn(room, root)).to.have.length(0);
    buttonIn(el.shadowRoot!, 'Retry')!.click();
    await waitFor(() => questionsIn(room, root).length === 1, 'sent once');
    await waitFor(() => !el.shadowRoot!.textContent!.includes('Not sent'), 'confirmed');
    await new Promise((r) => setTimeout(r, 100));
    expect(questionsIn(room, root)).to.have.length(1);
    expect(el.model.section('open').size + el.model.section('mine').size).to.equal(1);
  });

  it('a retry after a lost reply and a lost echo finds the question that arrived and does not post it again', async () => {
    const room = conference();
    const root = openQa(room);
    const alice = await sit(room, ALICE, QA);
    const el = await queueOf(alice);
    const { driver, api } = alice.mounted;
    let lose = true;
    // The question reaches the room, but the reply is lost (the client reports a timeout)…
    const send = driver.sendEvent.bind(driver);
    driver.sendEvent = async (...args: Parameters<typeof driver.sendEvent>) => {
      const result = await send(...args);
      if (lose && args[0] === 'm.room.message') throw new Error('Request timed out');
      return result;
    };
    // …and so is its live echo (the widget was in the background, the client skipped it).
    const feed = api.feedEvent.bind(api);
    api.feedEvent = async (raw) => {
      if (lose && raw.type === 'm.room.message' && raw.sender === ALICE) return;
      return feed(raw);
    };
    await ask(el, 'Asked once?');
    await waitFor(() => el.shadowRoot!.textContent!.includes('Not sent'), '"Not sent"');
    expect(questionsIn(room, root)).to.have.length(1);
    lose = false;
    buttonIn(el.shadowRoot!, 'Retry')!.click();
    await waitFor(() => el.model.section('open').size === 1, 'the question, confirmed');
    await new Promise((r) => setTimeout(r, 200));
    // Every Matrix client would show a second copy: there must be none.
    expect(questionsIn(room, root)).to.have.length(1);
    expect(el.model.section('mine').size).to.equal(0);
    expect(el.model.section('open').at(0)!.id).to.equal(questionsIn(room, root)[0]!.event_id);
  });

  describe('after a reload', () => {
    // The widgets of every seat share this test page's storage, as people share a browser.
    const forgetStored = () => {
      for (const area of [localStorage, sessionStorage]) for (const key of Object.keys(area)) if (key.startsWith('devroom:')) area.removeItem(key);
    };
    beforeEach(forgetStored);
    afterEach(forgetStored);

    /** Element reloads the widget (or the tab crashed and came back): a fresh page, the same browser storage. */
    async function reload(seat: Seat): Promise<DevroomQaQueue> {
      const id = seat.mounted.widget.id;
      seat.host.render();
      const mounted = seat.host.mounted(id)!;
      await mounted.contentLoaded;
      await mounted.ready;
      Object.assign(seat, { mounted, win: mounted.iframe.contentWindow });
      return queueOf(seat);
    }

    /** Alice's question sends never come back: `arrive` ones reach the room (reply and echo lost), others never leave. */
    function loseSends(seat: Seat, arrive: (body: string) => boolean): void {
      const { driver, api } = seat.mounted;
      const send = driver.sendEvent.bind(driver);
      driver.sendEvent = async (...args: Parameters<typeof driver.sendEvent>) => {
        const body = (args[1] as { body?: string }).body ?? '';
        if (args[0] !== 'm.room.message' || body === 'Q&A') return send(...args);
        if (!arrive(body)) return new Promise(() => undefined);
        await send(...args);
        return new Promise(() => undefined);
      };
      const feed = api.feedEvent.bind(api);
      api.feedEvent = async (raw) => {
        if (raw.type === 'm.room.message' && raw.sender === seat.host.userId) return;
        return feed(raw);
      };
    }

    const mine = (el: DevroomQaQueue) => el.model.section('mine').slice().map((q) => `${q.text}: ${q.local}`);

    it('an unsent question is offered again as not sent (Retry sends it once); one that arrived is confirmed, not offered', async () => {
      const room = conference();
      const root = openQa(room);
      const alice = await sit(room, ALICE, QA);
      let el = await queueOf(alice);
      loseSends(alice, (body) => body.includes('arrived'));
      await ask(el, 'Lost in the crash?');
      await ask(el, 'This one arrived?');
      await waitFor(() => mine(el).length === 2, 'both pending');
      await waitFor(() => questionsIn(room, root).length === 1, 'one reached the room');

      el = await reload(alice);
      await waitFor(() => mine(el).length === 1, 'the unsent question offered again');
      expect(mine(el)).to.deep.equal(['Lost in the crash?: failed']);
      // "Not sent" and Retry come with an on-demand part: the element's update waits for it.
      await el.updateComplete;
      expect(el.shadowRoot!.querySelector('[part="mine"]')!.textContent).to.contain('Not sent');
      // The one that arrived is the room's, read from history: confirmed, in the open list.
      await waitFor(() => el.model.section('open').size === 1, 'the arrived one in the list');
      expect(el.model.section('open').at(0)!.text).to.equal('This one arrived?');

      buttonIn(el.shadowRoot!, 'Retry')!.click();
      await waitFor(() => questionsIn(room, root).length === 2, 'sent');
      await waitFor(() => mine(el).length === 0, 'confirmed');
      await new Promise((r) => setTimeout(r, 100));
      expect(questionsIn(room, root).map((e) => e.content.body)).to.deep.equal(['This one arrived?', 'Lost in the crash?']);

      // Nothing is offered again after the next reload.
      el = await reload(alice);
      await waitFor(() => el.model.section('open').size === 2, 'both questions');
      await new Promise((r) => setTimeout(r, 100));
      expect(mine(el)).to.deep.equal([]);
    });

    it('only to its author, only in its room; Discard forgets it', async () => {
      const room = conference();
      openQa(room);
      const alice = await sit(room, ALICE, QA);
      let el = await queueOf(alice);
      room.failNext('M_UNKNOWN', { op: 'send', userId: ALICE });
      await ask(el, 'Mine alone?');
      await waitFor(() => el.shadowRoot!.textContent!.includes('Not sent'), '"Not sent"');

      // Bob on the same browser (the same storage), and Alice in another room: nothing of hers.
      const bob = await sit(room, BOB, QA);
      // The harness names one room; its options are spread last, so a second room can be named.
      const other = conference({ roomId: '!other:conf.example' } as Parameters<typeof conference>[0]);
      openQa(other);
      const elsewhere = await sit(other, ALICE, QA);
      const bobQ = await queueOf(bob);
      const elsewhereQ = await queueOf(elsewhere);
      el = await reload(alice);
      await waitFor(() => mine(el).length === 1, 'offered again to Alice');
      await new Promise((r) => setTimeout(r, 200));
      expect(mine(bobQ)).to.deep.equal([]);
      expect(mine(elsewhereQ)).to.deep.equal([]);

      buttonIn(el.shadowRoot!, 'Discard')!.click();
      await waitFor(() => mine(el).length === 0, 'discarded');
      el = await reload(alice);
      await new Promise((r) => setTimeout(r, 200));
      expect(mine(el)).to.deep.equal([]);
    });

    it('unreadable storage is ignored with a logged reason', async () => {
      const room = conference();
      const root = openQa(room);
      const alice = await sit(room, ALICE, QA);
      let el = await queueOf(alice);
      room.failNext('M_UNKNOWN', { op: 'send', userId: ALICE });
      await ask(el, 'Kept?');
      await waitFor(() => el.shadowRoot!.textContent!.includes('Not sent'), '"Not sent"');
      const key = Object.keys(localStorage).find((k) => k.startsWith('devroom:'));
      expect(key, 'the unsent question is kept in the browser').to.be.a('string');
      localStorage.setItem(key!, '{"v":1,"items":[{"id":'); // cut off
      el = await reload(alice);
      await el.updateComplete;
      await new Promise((r) => setTimeout(r, 200));
      expect(mine(el)).to.deep.equal([]);
      expect(localStorage.getItem(key!)).to.equal(null);
      // The widget works as before.
      await ask(el, 'Still works?');
      await waitFor(() => questionsIn(room, root).length === 1, 'sent');
    });
  });

  it('a retry that reached the server twice (timeout) still counts once', async () => {
    const room = conference();
    const root = openQa(room);
    const mod = await sit(room, MOD, QA);
    const el = await queueOf(mod);
    question(room, root, ALICE, 'Twice?', { 'dev.devroom.local_id': 'q-1' });
    question(room, root, ALICE, 'Twice?', { 'dev.devroom.local_id': 'q-1' });
    await waitFor(() => el.model.section('open').size === 1, 'one question');
    await new Promise((r) => setTimeout(r, 100));
    expect(el.model.section('open').size).to.equal(1);
  });

  it('raise hand → moderator invites → the invite is room state; hostile question text renders as text', async () => {
    const room = conference();
    const root = openQa(room);
    question(room, root, BOB, '<img src=x onerror="window.pwned=1">\u202Egnirts desrever');
    const alice = await sit(room, ALICE, QA);
    const mod = await sit(room, MOD, QA);
    const aliceQ = await queueOf(alice);
    const modQ = await queueOf(mod);

    // "Raise hand" opens the hand panel's own form.
    buttonIn(aliceQ.shadowRoot!, /Raise hand/)!.click();
    const handInput = await waitFor(() => aliceQ.shadowRoot!.querySelector<HTMLInputElement>('#hand-text'), 'the hand form');
    handInput.value = 'I can show a demo';
    handInput.dispatchEvent(new Event('input'));
    await aliceQ.updateComplete;
    buttonIn(aliceQ.shadowRoot!.querySelector('.hand-form')!, /Raise hand/)!.click();
    await waitFor(() => room.getState(EventTypes.qaHand, ALICE)[0]?.content.raised === true, 'hand raised');
    const invite = await waitFor(() => buttonIn(modQ.shadowRoot!, 'Invite to stage'), 'hand in the moderator queue');
    expect(modQ.shadowRoot!.textContent).to.contain('I can show a demo');
    invite.click();
    const stage = await waitFor(() => room.getState(EventTypes.qaStage, stageKey(ALICE))[0], 'stage invite state');
    expect(stage.content.invited).to.equal(true);
    await waitFor(() => aliceQ.shadowRoot!.querySelector('[part="stage-invite"]'), 'Alice sees the invite');

    // Hostile text: shown as text, no element injected, no script ran.
    const text = rows(modQ)[0]!.row.querySelector('.text')!;
    expect(text.querySelector('img')).to.equal(null);
    expect(text.textContent).to.contain('<img src=x');
    expect((mod.win as unknown as { pwned?: number }).pwned).to.equal(undefined);
    expect(ORGANISER).to.be.a('string');
  });

  /** Module URLs a seat's widget page has requested so far. */
  const fetched = (seat: Seat) => seat.win.performance.getEntriesByType('resource').map((e) => e.name);
  const handsCode = (seat: Seat) => fetched(seat).filter((url) => /qa-queue\.hands-and-sections|qa-queue\/hands/.test(url));

  it('a plain attendee fetches neither the hands panel nor the hands reader at start-up; the first raise does, and the hand reaches the room', async () => {
    const room = conference();
    const root = openQa(room);
    question(room, root, BOB, 'Demo?');
    // Someone else's hand: the room has hands, but this viewer has none and does not moderate.
    room.setState(EventTypes.qaHand, BOB, { raised: true, at: 1 }, BOB);
    const alice = await sit(room, ALICE, QA);
    const aliceQ = await queueOf(alice);
    await waitFor(() => rows(aliceQ).length === 1, 'the question');
    await new Promise((r) => setTimeout(r, 300));
    expect(fetched(alice).some((url) => url.includes('/components/qa-queue/qa-queue.ts'))).to.equal(true);
    expect(handsCode(alice)).to.deep.equal([]);

    buttonIn(aliceQ.shadowRoot!, 'Raise hand')!.click();
    const input = await waitFor(() => aliceQ.shadowRoot!.querySelector<HTMLInputElement>('#hand-text'), 'the hand form');
    expect(aliceQ.shadowRoot!.querySelector('label[for="hand-text"]')!.textContent).to.equal('What would you like to say? (optional)');
    input.value = '  Me too ';
    input.dispatchEvent(new Event('input'));
    buttonIn(aliceQ.shadowRoot!.querySelector('.hand-form')!, 'Raise hand')!.click();
    const hand = await waitFor(() => room.getState(EventTypes.qaHand, ALICE)[0], 'hand raised');
    expect(hand.content).to.include({ raised: true, text: 'Me too' });
    await waitFor(() => aliceQ.shadowRoot!.textContent!.includes('#2 in the queue'), 'own hand shown in the panel');
    expect(buttonIn(aliceQ.shadowRoot!, 'Lower hand')).to.not.equal(undefined);
    expect(handsCode(alice).length).to.equal(2);
  });

  it('a viewer whose hand is already raised gets the full panel at start-up', async () => {
    const room = conference();
    openQa(room);
    room.setState(EventTypes.qaHand, ALICE, { raised: true, at: 1 }, ALICE);
    const alice = await sit(room, ALICE, QA);
    const aliceQ = await queueOf(alice);
    await waitFor(() => aliceQ.shadowRoot!.textContent!.includes('#1 in the queue'), 'own raised hand');
    buttonIn(aliceQ.shadowRoot!, 'Lower hand')!.click();
    await waitFor(() => room.getState(EventTypes.qaHand, ALICE)[0]?.content.raised === false, 'hand lowered');
  });

  it('works as an /addwidget widget too (waitForIframeLoad: true, the client starts on iframe load)', async () => {
    const room = conference();
    const root = openQa(room);
    const seat = await sit(room, ALICE, { ...QA, waitForIframeLoad: true });
    const el = await queueOf(seat);
    await ask(el, 'Added by hand?');
    await waitFor(() => questionsIn(room, root).length === 1, 'question sent');
    expect(seat.win.document.querySelector('[data-screen]')).to.equal(null);
  });
});
