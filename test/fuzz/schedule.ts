import { EventTypes } from '../../widgets/schema/namespace.js';
import type { Feed } from './feed.js';
import type { Label } from './harness.js';
import { INVISIBLE, PROTO_KEYS, extraKeys, huge, oddText, withProtoKeys, wrongType } from './hostile.js';
import type { Rng } from './prng.js';

/**
 * Hostile room schedules (`dev.devroom.schedule`, issue #16) and per-talk Q&A roots
 * (`dev.devroom.root` keyed `qa:<talk id>`) for the talk player's and the Q&A's fuzz runs.
 *
 * Every list is hostile in its details (talks that are no objects, wrong types, titles over the
 * limit or in RTL and zero-width characters, times with no zone or out of order, duplicate ids,
 * odd day keys, lists past the 500 a reader takes) but keeps one thing known, so a run can
 * still check what the elements show: whichever list a reader uses, the talk on now is `live`
 * (an hour ago until in two hours). Other talks are ended before it starts or start after it
 * ends; a duplicate of `live` only starts later (the first by start wins). Key "" carries
 * `live` whenever it holds a talk a reader keeps; the day key of today (`anchorKey`) always
 * holds it, for when "" holds none.
 */

export const LIVE = 'live';
const HOUR = 3_600_000;

/** Talk ids a member may choose: named like prototype members, invisible characters, look-alikes of `live`. */
const ODD_IDS = [...PROTO_KEYS, 'live\u200B', 'LIVE', ' live', '\u202Eevil', 'a\u200Bb', 'qa:x', 'ملاحظة', '0', '-1'];
/** State keys of a day list as a hostile room has them (any non-empty key is read as one). */
const ODD_DAY_KEYS = ['2026-02-30', '9999-99-99', '__proto__', 'constructor', ' ', '\u200B', '\u202E3102-21-20', 'qa', 'x'.repeat(300)];
/** Q&A root keys that are no talk of the schedule (or look like `qa:live`). */
const ODD_ROOT_KEYS = ['qa:', 'qa:LIVE', 'qa: live', 'qa:live\u200B', 'qa:\u202Eevil', 'qa:__proto__', 'qa:constructor', 'Qa:live', 'qa:live:extra', `qa:${'x'.repeat(300)}`];

export class ScheduleFeed {
  /** Today's day key: always a list with `live`. */
  readonly anchorKey: string;
  /** `live` as the reader that uses key "" sees it (undefined: "" holds no talk a reader keeps, the day lists count). */
  emptyKeyLive: Record<string, unknown> | undefined;
  /** `live` in the anchor's last list. */
  anchorLive!: Record<string, unknown>;
  /** Ids of ended talks in some list: a root for one is a root for an ended talk. */
  readonly ended = new Set<string>();
  #n = 0;
  /** Key "" holds no list now (a reader that rejects it keeps none from before the element bound). */
  #emptyKeyBad = false;

  constructor(
    readonly feed: Feed,
    readonly t0: number,
    /** The Q&A rejects a schedule that is no list when its follower reads the room's schedule (widgets/qa-queue/talks.ts), not each live event as the talk player does: one superseded before that read is never judged, so 'irrelevant' there. */
    readonly notAListLabel: Label,
  ) {
    this.anchorKey = new Date(t0).toISOString().slice(0, 10);
  }

  get r(): Rng {
    return this.feed.r;
  }

  #iso(ms: number): string {
    return new Date(ms).toISOString();
  }

  /** `live` with an odd but legitimate title and speakers. */
  live(): Record<string, unknown> {
    const r = this.r;
    const talk: Record<string, unknown> = {
      id: LIVE,
      title: r.chance(0.2) ? r.pick(INVISIBLE) + oddText(r, 400) : oddText(r, 500),
      startsAt: this.#iso(this.t0 - HOUR),
      endsAt: this.#iso(this.t0 + 2 * HOUR),
      speakers: Array.from({ length: r.int(3) }, () => r.pick<unknown>([{ name: oddText(r, 200) }, { name: 'Ann', userId: '@ann:fuzz.example' }, 'Bob', { name: 42 }, null])),
    };
    if (r.chance(0.3)) talk.qaAt = this.#iso(this.t0 + HOUR);
    return r.chance(0.2) ? withProtoKeys(r, { ...talk, ...extraKeys(r) }) : talk;
  }

  /** A talk that ended before `live` or starts after it: good, or with one field a reader refuses. */
  other(): Record<string, unknown> | unknown {
    const r = this.r;
    const past = r.chance(0.5);
    const start = past ? this.t0 - 2 * HOUR - r.int(46 * HOUR) : this.t0 + 3 * HOUR + r.int(46 * HOUR);
    const id = r.chance(0.7) ? `t${this.#n++}` : past ? r.pick(ODD_IDS) : r.pick([...ODD_IDS, LIVE]);
    if (past) this.ended.add(id);
    const talk: Record<string, unknown> = { id, title: oddText(r, 500), startsAt: this.#iso(start) };
    // An end: inside the band, or before the start (out of order: a reader drops it).
    if (r.chance(0.6)) talk.endsAt = this.#iso(r.chance(0.8) ? start + r.int(HOUR) : start - r.int(HOUR));
    if (r.chance(0.2)) talk.speakers = wrongType(r, 'array');
    if (r.chance(0.7)) return talk;
    const field = r.pick(['notObject', 'id', 'title', 'startsAt', 'endsAt', 'qaAt']);
    switch (field) {
      case 'notObject':
        return r.pick<unknown>([42, 'talk', null, [talk], true]);
      case 'id':
        talk.id = r.pick<unknown>([undefined, 42, '', huge(r, 101), { id: 'x' }]);
        break;
      case 'title':
        talk.title = r.chance(0.5) ? huge(r, r.pick([501, 65536])) : wrongType(r, 'string');
        break;
      case 'startsAt':
        talk.startsAt = r.pick<unknown>([undefined, 'tomorrow', '2026-02-06T10:30:00', '2026-13-45T99:99Z', Date.now(), '', `${this.#iso(start)} `]);
        break;
      default:
        talk[field] = r.pick<unknown>(['soon', '2026-02-06 10:30', 1612605000000, true, huge(r, 65)]);
    }
    return talk;
  }

  /** Talks without `live`: `n` of them. */
  others(n: number): unknown[] {
    return Array.from({ length: n }, () => this.other());
  }

  #shuffled(list: unknown[]): unknown[] {
    for (let i = list.length - 1; i > 0; i--) {
      const j = this.r.int(i + 1);
      [list[i], list[j]] = [list[j], list[i]];
    }
    return list;
  }

  /** Content that is no list of talks: rejected with a reason by a reader that says so. */
  #notAList(): Record<string, unknown> {
    const r = this.r;
    return r.pick<() => Record<string, unknown>>([
      () => ({}),
      () => ({ talks: wrongType(r, 'array') }),
      () => ({ talks: { 0: this.live(), length: 1 } }),
      () => ({ talk: [this.live()] }),
      () => JSON.parse('{"talks": {"__proto__": [1]}}') as Record<string, unknown>,
    ])();
  }

  /** The setup: today's list with `live` (and `""` with it), written before the element binds. */
  setUp(sender: string): void {
    this.anchor(sender);
    this.emptyKey(sender, true);
  }

  /** Today's day list, always with `live`. */
  anchor(sender: string): void {
    this.anchorLive = this.live();
    this.feed.state(EventTypes.schedule, this.anchorKey, { talks: this.#shuffled([this.anchorLive, ...this.others(this.r.int(6))]) }, sender, 'valid', 'schedule, day list with live');
  }

  /** Key "": a list with `live` (or only talks a reader drops, or none), a huge one, or no list. */
  emptyKey(sender: string, withLive = false): void {
    const r = this.r;
    const roll = withLive ? 0 : r.next();
    if (roll < 0.55) {
      const live = this.live();
      const talks = this.#shuffled([live, ...this.others(r.int(20))]);
      this.feed.state(EventTypes.schedule, '', r.chance(0.1) ? withProtoKeys(r, { talks }) : { talks }, sender, 'valid', 'schedule, hostile list');
      this.emptyKeyLive = live;
      this.#emptyKeyBad = false;
    } else if (roll < 0.6) {
      // Past what a reader takes (500): `live` among the first 500, the rest left out with a reason.
      const live = this.live();
      const talks = this.others(501 + r.int(200));
      talks.splice(r.int(500), 0, live);
      this.feed.state(EventTypes.schedule, '', { talks }, sender, 'valid', 'schedule, more than 500 talks');
      this.emptyKeyLive = live;
      this.#emptyKeyBad = false;
    } else if (roll < 0.75) {
      // No talk a reader keeps: the day lists count.
      const talks = r.chance(0.3) ? [] : [r.pick<unknown>([null, 42, 'x', [], { id: LIVE }, { id: LIVE, title: 'No start' }])];
      this.feed.state(EventTypes.schedule, '', { talks }, sender, 'valid', 'schedule, no talk a reader keeps');
      this.emptyKeyLive = undefined;
      this.#emptyKeyBad = false;
    } else {
      this.feed.state(EventTypes.schedule, '', this.#notAList(), sender, this.notAListLabel, 'schedule, not a list');
      // The talk player keeps the last good list; the Q&A reads this one as none.
      if (this.notAListLabel !== 'invalid') this.emptyKeyLive = undefined;
      this.#emptyKeyBad = true;
    }
  }

  /** The element is bound: a reader that read key "" as no list at its first read has no good one from before. */
  bound(): void {
    if (this.#emptyKeyBad) this.emptyKeyLive = undefined;
  }

  /** One schedule event: mostly key "", sometimes today's list, sometimes an odd day key (ended and later talks only). */
  step(sender: string): void {
    const r = this.r;
    const roll = r.next();
    if (roll < 0.6) return this.emptyKey(sender);
    if (roll < 0.7) return this.anchor(sender);
    const key = r.pick(ODD_DAY_KEYS);
    if (r.chance(0.8)) this.feed.state(EventTypes.schedule, key, { talks: this.others(r.int(10)) }, sender, 'valid', 'schedule, odd day key');
    else this.feed.state(EventTypes.schedule, key, this.#notAList(), sender, this.notAListLabel, 'schedule, odd day key, not a list');
  }

  /**
   * A per-talk root that is not the queue on screen: an ended talk's, a key that is no talk or
   * looks like `qa:live`, the room's own (`qa`, unused in a room with a schedule). Not read
   * unless picked: irrelevant.
   */
  otherRoot(rootEventId: string, sender: string): void {
    const r = this.r;
    const ended = [...this.ended];
    const key = r.chance(0.4) && ended.length ? `qa:${r.pick(ended)}` : r.chance(0.2) ? 'qa' : r.pick(ODD_ROOT_KEYS);
    const content = r.pick<unknown>([{ event_id: rootEventId }, { event_id: `$unknown${r.int(100)}:fuzz.example` }, {}, { event_id: 42 }, { event_id: rootEventId, previous: wrongType(r, 'array') }]) as Record<string, unknown>;
    this.feed.state(EventTypes.root, key, content, sender, 'irrelevant', 'per-talk root, not the queue on screen');
  }
}
