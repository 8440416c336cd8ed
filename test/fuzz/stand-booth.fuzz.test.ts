import type { BindContext } from '../../widgets/shared/binding.js';
import { expect } from '@open-wc/testing';
import '../../components/stand-booth/define.js';
import type { DevroomStandBooth } from '../../components/stand-booth/stand-booth.js';
import { rejections } from '../../widgets/shared/rejection-tally.js';
import { bindStandBooth } from '../../widgets/stand-booth/binding.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { EventTypes } from '../../widgets/schema/namespace.js';
import { afterTest } from '../support/cleanup.js';
import { Feed } from './feed.js';
import { expectSoon, feedLive, report, runProblems, settle, sleep, watchPage, seat } from './harness.js';
import type { Label } from './harness.js';
import { HOSTILE_URLS, MARKUP, extraKeys, huge, oddRelation, oddText, withProtoKeys } from './hostile.js';
import { rng } from './prng.js';
import type { Rng } from './prng.js';
import { FUZZ_EVENTS, FUZZ_SEED } from './seed.js';
import { ADMIN, ALICE, BOB, EVE, MOD, PLAIN_USERS, SPOOFED, fuzzRoom, oddPowerLevels } from './users.js';

/**
 * <devroom-stand-booth> bound to a room that sends hostile events (issue #14): the stand
 * config, staff presence, the contacts root, contact requests and their statuses, and
 * redactions (also of events not seen yet). The viewer is stand staff with the power to
 * answer requests (MOD), so the incoming requests and the editor's permissions render too.
 */

const ME = MOD;
/** Joined, no power, never sends a request in the fuzz: a visitor's seat. */
const VISITOR = '@visitor:fuzz.example';
const NOT_USER_IDS = ['not-a-user-id', '', '@admin', '@a b:fuzz.example'];
/** Senders who never send a request here (so a redaction from them is never of their own event). */
const FORGERS = SPOOFED.filter((s) => !PLAIN_USERS.includes(s) && !NOT_USER_IDS.includes(s));

/** A stand with odd but legitimate text; bad links, images and staff entries are left out by the (lenient) reader. */
function goodStand(r: Rng): Record<string, unknown> {
  const stand: Record<string, unknown> = {
    name: oddText(r, 120),
    tagline: oddText(r, 200),
    description: `${oddText(r, 2000)}\n\n${r.pick(MARKUP)}\n\n- [link](${r.pick(HOSTILE_URLS)})\n- <${r.pick(HOSTILE_URLS)}>\n\n**${oddText(r, 50)}**`,
    links: Array.from({ length: r.int(4) }, () => ({ kind: r.pick(['website', 'source', 'nope', 42]), label: oddText(r, 120), url: r.pick([...HOSTILE_URLS, 'https://kitten.example/docs', 'mailto:ann@kitten.example']) })),
    downloads: r.chance(0.3) ? [{ label: oddText(r, 50), url: r.pick([...HOSTILE_URLS, 'https://kitten.example/x.iso']) }] : [],
    social: r.chance(0.3) ? [{ network: oddText(r, 50), url: r.pick(HOSTILE_URLS) }] : 'not a list',
    staff: [
      { userId: ME, name: oddText(r, 120), role: oddText(r, 80) },
      ...Array.from({ length: r.int(3) }, () => ({ userId: r.pick([...PLAIN_USERS, ...NOT_USER_IDS, ME]), name: r.chance(0.8) ? oddText(r, 120) : 42 })),
    ],
  };
  // Media the booth may load: refused (https only) or nothing listens on it.
  if (r.chance(0.4)) stand.logo = r.pick([...HOSTILE_URLS, 'https://localhost:1/logo.png', 'mxc://fuzz.example/abcDEF', 'mxc://fuzz.example/../x']);
  if (r.chance(0.3)) stand.banner = r.pick([...HOSTILE_URLS, 'http://localhost:1/banner.png']);
  if (r.chance(0.2)) stand.jitsi = r.pick<unknown>([{ domain: 'evil.example/x.js?', room: 'a/b' }, { domain: 'meet.example.org', room: 'Booth' }, 'x']);
  if (r.chance(0.2)) stand.video = r.pick<unknown>([{ src: r.pick(HOSTILE_URLS), title: oddText(r) }, { src: 'https://localhost:1/v.mp4' }, 42]);
  if (r.chance(0.2)) stand.schedule = [{ title: oddText(r), kind: r.pick(['demo', 'nope']), start: r.pick(['2026-02-01T10:00:00Z', 'soon']), end: '2026-02-01T11:00:00Z' }];
  if (r.chance(0.2)) Object.assign(stand, extraKeys(r));
  return r.chance(0.1) ? withProtoKeys(r, stand) : stand;
}

function badStand(r: Rng): { content: Record<string, unknown>; recipe: string } {
  const stand = goodStand(r);
  const name = r.pick<unknown>([undefined, null, '', ' \n\t ', 42, ['Kitten'], { en: 'Kitten' }, huge(r, 121), huge(r)]);
  if (name === undefined) delete stand.name;
  else stand.name = name;
  return { content: stand, recipe: `stand, bad name ${typeof name}` };
}

interface Request {
  id: string;
  sender: string;
  key: string;
}

class StandFuzz extends Feed {
  root!: string;
  /** Counted requests (the first of their sender and localId, not redacted). */
  readonly counted = new Map<string, Request>();
  /** sender + localId → the counted request's id. */
  readonly byKey = new Map<string, string>();
  /** Every valid request (counted or a copy) → the key it counts under. */
  readonly known = new Map<string, Request>();
  /** Statuses the element keeps (trusted or not), by id: their sender, the request they name and the counted request they apply to. */
  readonly statuses = new Map<string, { sender: string; named: string; appliesTo: string }>();
  /** Keys that have a copy (history redactions leave those alone: the copy would count instead). */
  readonly copied = new Set<string>();

  setUp(): void {
    const stand = goodStand(this.r);
    this.state(EventTypes.stand, '', stand, ME, 'valid', 'stand');
    const notice = this.add(this.room.inject('m.room.message', { msgtype: 'm.notice', body: 'Contact requests' }, ME), 'irrelevant', 'root notice');
    this.root = notice.event_id;
    this.state(EventTypes.root, 'contacts', { event_id: this.root }, ME, 'valid', 'root');
  }

  restoreRoot(): void {
    this.state(EventTypes.root, 'contacts', { event_id: this.root }, ME, 'valid', 'root');
  }

  /** A contact request: valid, a copy, malformed, or not about this stand. */
  request(target?: string): RoomEvent {
    const r = this.r;
    const sender = r.pick(PLAIN_USERS);
    const relation = { rel_type: 'm.reference', event_id: this.root };
    const roll = r.next();
    if (roll < 0.5 || target) {
      const copyOf = r.chance(0.1) ? r.pick([...this.counted.values()].filter((q) => q.sender === sender)) : undefined;
      const localId = copyOf ? copyOf.key.split('\n')[1]! : `c-${r.int(1e9)}`;
      const content: Record<string, unknown> = { localId, message: oddText(r, 2000), 'm.relates_to': relation };
      if (r.chance(0.5)) content.contact = r.chance(0.8) ? oddText(r, 200) : null;
      if (r.chance(0.2)) Object.assign(content, extraKeys(r));
      const event = this.room.inject(EventTypes.contactRequest, content, sender);
      const key = `${sender}\n${localId}`;
      if (target && event.event_id === target) return this.add(event, 'invalid', 'request, redacted before it arrived');
      if (this.byKey.has(key)) {
        this.known.set(event.event_id, { id: event.event_id, sender, key });
        this.copied.add(key);
        return this.add(event, 'invalid', 'request, a copy (same sender and localId)');
      }
      const item = { id: event.event_id, sender, key };
      this.byKey.set(key, item.id);
      this.counted.set(item.id, item);
      this.known.set(item.id, item);
      return this.add(event, 'valid', 'request');
    }
    if (roll < 0.85) {
      const content: Record<string, unknown> = { localId: `c-${r.int(1e9)}`, message: oddText(r, 2000), 'm.relates_to': relation };
      const field = r.pick(['localId', 'message', 'contact', 'sender']);
      let from = sender;
      if (field === 'sender') from = r.pick(NOT_USER_IDS);
      else if (field === 'localId') content.localId = r.pick<unknown>([undefined, null, 42, huge(r, 101), '']);
      else if (field === 'message') content.message = r.pick<unknown>([undefined, null, 42, '', '  \n ', huge(r, 2001), huge(r)]);
      else content.contact = r.chance(0.5) ? huge(r, 201) : r.pick<unknown>([42, true, ['x'], {}]);
      if (content.localId === undefined) delete content.localId;
      if (content.message === undefined) delete content.message;
      return this.add(this.room.inject(EventTypes.contactRequest, content, from), 'invalid', `request, bad ${field}`);
    }
    const content = { localId: `c-${r.int(1e9)}`, message: oddText(r), 'm.relates_to': oddRelation(r, this.root, this.nextId) };
    return this.add(this.room.inject(EventTypes.contactRequest, content, sender), 'irrelevant', 'request, not about this stand');
  }

  /** A status: from the staff for a request (valid), or forged, malformed, for nothing, or relating elsewhere. */
  status(): RoomEvent {
    const r = this.r;
    const items = [...this.known.values()].filter((q) => this.byKey.get(q.key) !== undefined);
    const item = items.length ? r.pick(items) : undefined;
    const content: Record<string, unknown> = { request: item?.id ?? '$nothing', status: r.pick(['open', 'answered']), 'm.relates_to': { rel_type: 'm.reference', event_id: this.root } };
    const roll = r.next();
    let sender = ME;
    let label: Label = item ? 'valid' : 'invalid';
    let recipe = item ? 'status' : 'status, no request yet';
    if (roll < 0.15) {
      sender = r.pick([...SPOOFED, ALICE, BOB]);
      recipe = 'status, from someone without the power';
      label = 'invalid';
    } else if (roll < 0.4) {
      const field = r.pick(['request', 'status', 'unknown', 'relation', 'redacted']);
      recipe = `status, bad ${field}`;
      label = 'invalid';
      if (field === 'request') content.request = r.pick<unknown>([undefined, null, 42, 'nope', '$has space']);
      else if (field === 'status') content.status = r.pick<unknown>([undefined, 'closed', 'ANSWERED', 1, null]);
      else if (field === 'unknown') content.request = `$unknown-${r.int(1e6)}`;
      else if (field === 'redacted') {
        const gone = [...this.known.values()].filter((q) => this.byKey.get(q.key) === undefined);
        if (gone.length) content.request = r.pick(gone).id;
        else content.request = `$unknown-${r.int(1e6)}`;
      } else content['m.relates_to'] = oddRelation(r, this.root, this.nextId);
      if (content.request === undefined) delete content.request;
      if (content.status === undefined) delete content.status;
      // A status relating elsewhere is not in the root's relations: history never reads it.
      if (field === 'relation' && !this.live) label = 'irrelevant';
    }
    const event = this.room.inject(EventTypes.contactStatus, content, sender);
    // Kept (it counts should the sender get the power), so a redaction of it is judged.
    if (item && (label === 'valid' || recipe.includes('without the power'))) this.statuses.set(event.event_id, { sender, named: item.id, appliesTo: this.byKey.get(item.key)! });
    return this.add(event, label, recipe);
  }

  /** A redaction: of a request or status (by its sender, by staff, or forged), of nothing, or of an event still to come. */
  redaction(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.45 && this.counted.size) {
      const item = r.pick([...this.counted.values()]);
      const who = r.pick(['own', 'staff', 'forged'] as const);
      const sender = who === 'own' ? item.sender : who === 'staff' ? ME : r.pick(FORGERS);
      const event = this.room.inject('m.room.redaction', { redacts: item.id }, sender);
      if (who === 'forged') return void this.add(event, 'invalid', 'redaction of a request, forged');
      this.counted.delete(item.id);
      this.byKey.delete(item.key);
      this.add(event, 'valid', `redaction of a request, ${who}`);
      return;
    }
    if (roll < 0.65 && this.statuses.size) {
      const [id, status] = r.pick([...this.statuses.entries()]);
      const forged = r.chance(0.4);
      const event = this.room.inject('m.room.redaction', { redacts: id }, forged ? r.pick(FORGERS.filter((s) => s !== status.sender)) : status.sender);
      // A status of a request that is gone is gone with it: its redaction finds nothing.
      if (!this.counted.has(status.appliesTo)) {
        this.statuses.delete(id);
        return void this.add(event, 'irrelevant', 'redaction of a status whose request is gone');
      }
      if (forged) return void this.add(event, 'invalid', 'redaction of a status, forged');
      this.statuses.delete(id);
      this.add(event, 'valid', 'redaction of a status');
      return;
    }
    if (roll < 0.85) {
      // Before its event: the request, when it comes, is rejected — unless the redaction was forged.
      // The redaction takes the next id, its request the one after.
      const target = this.idAfter(2);
      const forged = r.chance(0.3);
      const event = this.room.inject('m.room.redaction', { redacts: target }, forged ? r.pick(FORGERS) : ME);
      const redaction = this.add(event, forged ? 'invalid' : 'valid', forged ? 'early redaction, forged' : 'early redaction');
      // The forged one is judged (and rejected) when its target comes, if that is a request about this stand.
      const request = forged ? this.request() : this.request(target);
      if (request.event_id !== target || this.log.get(target)?.label === 'irrelevant') this.log.relabel(redaction.event_id, 'irrelevant', 'early redaction, no request of ours came');
      return;
    }
    const content = r.pick<Record<string, unknown>>([{ redacts: `$nothing-${r.int(1e6)}` }, { redacts: 42 }, {}, { redacts: this.root }]);
    this.add(this.room.inject('m.room.redaction', content, r.pick([ME, ...SPOOFED])), 'irrelevant', 'redaction of nothing we show');
  }

  step(): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.3) this.request();
    else if (roll < 0.5) this.status();
    else if (roll < 0.6) {
      if (this.live) this.redaction();
      else this.historyRedaction();
    } else if (roll < 0.68) {
      const valid = r.chance(0.6);
      const { content, recipe } = valid ? { content: r.chance(0.05) ? {} : goodStand(r), recipe: 'stand' } : badStand(r);
      this.state(EventTypes.stand, '', content, r.pick([ME, ADMIN, ...SPOOFED]), valid ? 'valid' : 'invalid', recipe);
    } else if (roll < 0.78) {
      const key = r.pick([ME, ...PLAIN_USERS, ...NOT_USER_IDS]);
      const spoofed = r.chance(0.2);
      const sender = spoofed ? r.pick(SPOOFED.filter((s) => s !== key)) : key;
      const content: Record<string, unknown> = { present: r.chance(0.7), since: Date.now() - r.int(20 * 3600_000) };
      let label: Label = spoofed || NOT_USER_IDS.includes(key) ? 'invalid' : 'valid';
      let recipe = label === 'valid' ? 'presence' : 'presence, not its sender’s key';
      if (label === 'valid' && r.chance(0.4)) {
        const field = r.pick(['present', 'since']);
        content[field] = field === 'present' ? r.pick<unknown>(['yes', 1, [], null]) : r.pick<unknown>(['123', -1, 1.5, true, null]);
        label = content[field] === null ? 'valid' : 'invalid';
        recipe = `presence, bad ${field}`;
      }
      this.state(EventTypes.standPresence, key, content, sender, label, recipe);
    } else if (roll < 0.82) {
      // A root state without a usable event_id is rejected; the root stays.
      const content = r.pick<Record<string, unknown>>([{}, { event_id: 42 }, { event_id: 'nope' }, { event_id: null, previous: [this.root] }, { event_id: '$has space' }]);
      this.state(EventTypes.root, 'contacts', content, ME, 'invalid', 'root, bad event_id');
    } else if (roll < 0.85) {
      this.state('m.room.power_levels', '', oddPowerLevels(r), ADMIN, 'valid', 'odd power levels');
    } else {
      const pick = r.int(6);
      if (pick === 5) return this.loop(EventTypes.contactRequest, { localId: `c-${r.int(1e9)}`, message: oddText(r) }, ALICE);
      if (pick === 4) return this.protoTyped();
      const event =
        pick === 0
          ? this.room.inject('m.room.message', { msgtype: 'm.text', body: oddText(r), 'm.relates_to': { rel_type: 'm.reference', event_id: this.root } }, r.pick(PLAIN_USERS))
          : pick === 1
            ? this.room.inject(EventTypes.order, { localId: 'x', 'm.relates_to': { rel_type: 'm.reference', event_id: this.root } }, EVE)
            : pick === 2
              ? this.room.setState(EventTypes.root, r.pick(['qa', 'orders', 'Contacts', '__proto__']), { event_id: this.root }, ME)
              : this.room.setState(EventTypes.stand, r.pick(['x', '__proto__']), goodStand(r), ME);
      this.add(event, 'irrelevant', 'unrelated');
    }
  }

  /** Before the booth opens: the server applies a redaction, so the request is simply gone from the history. */
  historyRedaction(): void {
    const items = [...this.counted.values()].filter((q) => !this.copied.has(q.key));
    if (!items.length) return void this.request();
    const item = this.r.pick(items);
    const sender = this.r.chance(0.5) ? ME : item.sender;
    if (this.room.membership(sender) !== 'join') this.room.join(sender);
    void this.room.as(sender).redact(item.id);
    this.counted.delete(item.id);
    this.byKey.delete(item.key);
    this.known.delete(item.id);
    this.log.relabel(item.id, 'irrelevant', 'request redacted before the booth opened');
    // Statuses naming it are still in the history: they name no request the booth read.
    for (const [id, status] of this.statuses) {
      if (status.named !== item.id) continue;
      this.statuses.delete(id);
      this.log.relabel(id, 'invalid', 'status of a request redacted before the booth opened');
    }
  }
}

describe('fuzz: stand booth', function () {
  this.timeout(60_000);

  it(`${FUZZ_EVENTS} hostile events: nothing escapes, no script runs, every rejection has a reason`, async () => {
    const page = watchPage();
    afterTest(() => page.stop());
    const started = performance.now();
    const room = fuzzRoom();
    const fuzz = new StandFuzz(room, rng(FUZZ_SEED ^ 0x57a4d));
    fuzz.setUp();
    while (fuzz.count < FUZZ_EVENTS * 0.1) fuzz.step();
    // A fresh reader sees only the current state: it names the root (a bad one would leave the booth without contacts).
    fuzz.restoreRoot();
    await sleep(0); // the history redactions

    const seatOf = (user: string) => seat<DevroomStandBooth, BindContext>('devroom-stand-booth', bindStandBooth, room.as(user));
    const el = await seatOf(ME);
    // A visitor too: the contact form and their own requests instead of the staff's lists.
    room.join(VISITOR);
    const visitor = await seatOf(VISITOR);
    await settle(el);
    fuzz.live = true;

    await feedLive(fuzz, FUZZ_EVENTS, [el, visitor]);
    const fed = performance.now() - started;

    const problems = runProblems(page, [el, visitor], fuzz.log);
    const shown = new Set(el.contactRequests.map((q) => q.id));
    const missing = [...fuzz.counted.keys()].filter((id) => !shown.has(id));
    if (missing.length) problems.push(`${missing.length} valid requests not shown, e.g. ${missing.slice(0, 3).join(', ')}`);
    const extra = [...shown].filter((id) => !fuzz.counted.has(id));
    if (extra.length) problems.push(`${extra.length} requests shown that should not be, e.g. ${extra.slice(0, 3).join(', ')}`);

    // Still working: staff answer a request and say they are at the booth.
    const item = [...fuzz.counted.values()].pop()!;
    const before = room.timeline.length;
    el.dispatchEvent(new CustomEvent('devroom-contact-status', { detail: { requestId: item.id, status: 'answered' }, bubbles: true, composed: true }));
    el.dispatchEvent(new CustomEvent('devroom-presence', { detail: { present: true }, bubbles: true, composed: true }));
    const sent = () => room.timeline.slice(before);
    await expectSoon(problems, () => sent().some((e) => e.type === EventTypes.contactStatus && e.sender === ME && e.content.request === item.id), 'the status reaches the room');
    await expectSoon(problems, () => sent().some((e) => e.type === EventTypes.standPresence && e.state_key === ME), 'the presence reaches the room');
    await expectSoon(problems, () => el.contactRequests.find((q) => q.id === item.id)?.status === 'answered', 'the booth shows the answer');
    // The visitor leaves a contact.
    visitor.dispatchEvent(new CustomEvent('devroom-contact-request', { detail: { localId: 'c-after-fuzz', message: 'Call me' }, bubbles: true, composed: true }));
    await expectSoon(problems, () => sent().some((e) => e.type === EventTypes.contactRequest && e.sender === VISITOR && e.content.localId === 'c-after-fuzz'), "the visitor's request reaches the room");
    await expectSoon(problems, () => el.contactRequests.some((q) => q.sender === VISITOR && q.message === 'Call me'), 'the staff see it');
    if (!el.shadowRoot!.childElementCount || !visitor.shadowRoot!.childElementCount) problems.push('a booth renders nothing');

    console.log(`fuzz stand booth: seed ${FUZZ_SEED}, ${FUZZ_EVENTS} events ${JSON.stringify(fuzz.log.counts())}, ${rejections.total} rejections, ${Math.round(fed)} ms (two seats)`);
    expect(problems.length, report('stand booth', FUZZ_SEED, problems)).to.equal(0);
  });
});
