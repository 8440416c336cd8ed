import { checkUrl } from '../../components/shared/safe-url.js';
import { TALK_PHASES } from '../../components/talk-player/phases.js';
import type { TalkPhase } from '../../components/talk-player/phases.js';
import { isEventId, isRecord, isUserId, type Result } from '../schema/validate.js';
import { Problems, bool, finish, isoTime, oneOf, str } from '../schema/fields.js';

// One list for the schema and the player (the widget page ships it once).
export { TALK_PHASES, type TalkPhase };

export interface Speaker {
  name: string;
  /** Their Matrix id: speakers join the live call during Q&A. */
  userId?: string;
}

/** Content of the `dev.devroom.talk` state event (state key ""). See docs/schema.md. */
export interface TalkState {
  title?: string;
  speakers: Speaker[];
  /** HLS (.m3u8) or MP4 URL. */
  stream?: string;
  captions?: string;
  poster?: string;
  startsAt?: string;
  endsAt?: string;
  qaAt?: string;
  /**
   * Used only where the widget URL pins the Jitsi script and names no server: the server and
   * the script that runs in the widget come from the widget URL (docs/security.md).
   */
  jitsiDomain?: string;
  jitsiRoom?: string;
  /** Host override of the clock-driven phase. */
  phase?: TalkPhase;
  /** In a room with a schedule: the id of the talk `phase` was set for (it holds for that talk only). */
  phaseTalk?: string;
  /** The host opened the call to everyone (hallway mode). */
  hallway?: boolean;
  /** Event id of the Q&A root event questions relate to. */
  qaRoot?: string;
}

const url = (p: Problems, obj: Record<string, unknown>, key: string): string | undefined => {
  const s = str(p, obj, key, { max: 2048 });
  if (s === undefined) return undefined;
  const checked = checkUrl(s, { base: 'https://invalid.example/' });
  if (!checked.ok) {
    p.add(key, checked.reason);
    return undefined;
  }
  return s;
};

/** Jitsi room names end up in a URL path: keep to what Jitsi itself accepts. */
export const isJitsiRoomName = (v: string) => /^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$/.test(v);
export const isHostname = (v: string) => /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*(:\d{1,5})?$/i.test(v);

export function parseTalkState(content: unknown): Result<TalkState> {
  const p = new Problems();
  if (!isRecord(content)) return { ok: false, errors: ['(content): expected an object'] };
  const speakers: Speaker[] = [];
  if (content.speakers !== undefined) {
    if (!Array.isArray(content.speakers)) p.add('speakers', 'expected a list');
    else
      content.speakers.slice(0, 50).forEach((s, i) => {
        if (!isRecord(s)) return p.add(`speakers[${i}]`, 'expected an object');
        const name = str(p, s, 'name', { required: true, max: 200, path: `speakers[${i}]` });
        const userId = s.userId === undefined ? undefined : isUserId(s.userId) ? s.userId : undefined;
        if (s.userId !== undefined && !userId) p.add(`speakers[${i}].userId`, 'expected a Matrix user id');
        if (name) speakers.push(userId ? { name, userId } : { name });
      });
  }
  const jitsiDomain = str(p, content, 'jitsiDomain', { max: 253 });
  if (jitsiDomain !== undefined && !isHostname(jitsiDomain)) p.add('jitsiDomain', 'expected a host name like meet.jit.si');
  const jitsiRoom = str(p, content, 'jitsiRoom', { max: 128 });
  if (jitsiRoom !== undefined && !isJitsiRoomName(jitsiRoom)) p.add('jitsiRoom', 'letters, digits, . _ - only');
  const qaRoot = content.qaRoot;
  if (qaRoot !== undefined && !isEventId(qaRoot)) p.add('qaRoot', 'expected an event id');
  const value: TalkState = {
    title: str(p, content, 'title', { max: 500 }),
    speakers,
    stream: url(p, content, 'stream'),
    captions: url(p, content, 'captions'),
    poster: url(p, content, 'poster'),
    startsAt: isoTime(p, content, 'startsAt'),
    endsAt: isoTime(p, content, 'endsAt'),
    qaAt: isoTime(p, content, 'qaAt'),
    jitsiDomain,
    jitsiRoom,
    phase: oneOf(p, content, 'phase', TALK_PHASES),
    phaseTalk: str(p, content, 'phaseTalk', { max: 100 }),
    hallway: bool(p, content, 'hallway'),
    qaRoot: isEventId(qaRoot) ? qaRoot : undefined,
  };
  // Drop undefined keys so the value round-trips as the content a host would write.
  for (const k of Object.keys(value) as (keyof TalkState)[]) if (value[k] === undefined) delete value[k];
  return finish(p, value);
}
