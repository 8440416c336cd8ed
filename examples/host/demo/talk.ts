import type { MemoryRoom } from '../../../widgets/room/memory-room.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import { ATTENDEES } from '../demo-room.js';

/**
 * The demo room's talks on a compressed clock (below). Everything is local (the network here may be closed): the stream is
 * committed HLS test segments served as an endless live stream, and Jitsi is the fake `external_api.js` the tests use. Sam (speaker) joins
 * the call by himself when Q&A starts; Mo (moderator, power 50) has the host controls.
 */

/**
 * The Jitsi options of the demo's talk and stand widgets: the server and its script come from
 * the widget URL, never from the room (docs/security.md). The fake script is served beside
 * the widget pages (a script loads only from https or the widget's own origin).
 */
export function demoJitsiOptions(widgetBase: string): Record<string, string> {
  return { jitsiDomain: 'meet.jit.si', jitsiScriptUrl: new URL('/test/fixtures/jitsi/external_api.js', widgetBase).toString() };
}
/** The demo room's day: four talks, each 80 s of talk and 40 s of Q&A, 30 s apart. (A function: demo-room.ts, which defines ATTENDEES, imports this module.) */
export const demoTalks = () => [
  { id: 'opening', title: 'Opening: the devroom in ten minutes', speakers: [{ name: 'Olga Organiser', userId: ATTENDEES.organiser }] },
  { id: 'rust', title: 'Rust in the kernel: where are we?', speakers: [{ name: 'Sam Speaker', userId: ATTENDEES.speaker }] },
  { id: 'widgets', title: 'Matrix widgets without a bot', speakers: [{ name: 'Sam Speaker', userId: ATTENDEES.speaker }] },
  { id: 'lightning', title: 'Lightning talks', speakers: [] as { name: string; userId: string }[] },
];

const UPCOMING_S = 20;
const TALK_S = 80;
const QA_S = 40;
/** Between two talks (the room changes speakers). */
const BREAK_S = 30;

/**
 * The room's own schedule (dev.devroom.schedule), as `devroom apply` writes it: the opening
 * has just ended (its Q&A stays readable from the talk picker), the Rust talk starts in 20 s,
 * two more follow. The player and the Q&A move from talk to talk by the clock, with no
 * writes; when the day is over the organiser schedules it again. The room-level talk state
 * holds the stream and the Jitsi meeting (shared by every talk of the room).
 */
export function seedTalk(room: MemoryRoom, assets: string): () => void {
  room.setState(
    EventTypes.talk,
    '',
    {
      speakers: [],
      // A live stream that loops the committed 20 s of test segments for as long as the demo
      // runs (test/support/hls-live-plugin.mjs): a talk "on now" never runs out of video.
      stream: new URL('__hls-live/demo/index.m3u8', assets).toString(),
      captions: new URL('test/fixtures/hls/captions.en.vtt', assets).toString(),
      jitsiDomain: 'meet.jit.si',
      jitsiRoom: 'DevroomDemoRustQA',
    },
    ATTENDEES.organiser,
  );
  const slot = TALK_S + QA_S + BREAK_S;
  const schedule = () => {
    const first = Date.now() + (UPCOMING_S - slot) * 1000;
    const at = (s: number) => new Date(first + s * 1000).toISOString();
    const talks = demoTalks().map((t, i) => ({ ...t, startsAt: at(i * slot), qaAt: at(i * slot + TALK_S), endsAt: at(i * slot + TALK_S + QA_S) }));
    room.setState(EventTypes.schedule, '', { talks }, ATTENDEES.organiser);
  };
  schedule();
  // Once the last talk is over, the day starts again.
  const cycle = setInterval(schedule, ((demoTalks().length - 1) * slot + UPCOMING_S) * 1000);
  return () => clearInterval(cycle);
}
