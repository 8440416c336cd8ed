import type { MemoryRoom } from '../../../widgets/room/memory-room.js';
import { EventTypes } from '../../../widgets/schema/namespace.js';
import { ATTENDEES } from '../demo-room.js';

/**
 * The demo talk on a compressed clock: 20 s upcoming (countdown), 60 s talk, 40 s Q&A,
 * 20 s ended, then the organiser schedules it again, for as long as the page is open.
 * Everything is local (the network here may be closed): the stream is a committed HLS
 * test fixture and Jitsi is the fake `external_api.js` the tests use. Sam (speaker) joins
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
const UPCOMING_S = 20;
const TALK_S = 60;
const QA_S = 40;
const ENDED_S = 20;

export function seedTalk(room: MemoryRoom, assets: string): () => void {
  const schedule = () => {
    const now = Date.now();
    const at = (s: number) => new Date(now + s * 1000).toISOString();
    room.setState(
      EventTypes.talk,
      '',
      {
        title: 'Rust in the kernel: where are we? (demo on a 2-minute clock)',
        speakers: [{ name: 'Sam Speaker', userId: ATTENDEES.speaker }],
        stream: new URL('test/fixtures/hls/vod/master.m3u8', assets).toString(),
        captions: new URL('test/fixtures/hls/captions.en.vtt', assets).toString(),
        startsAt: at(UPCOMING_S),
        qaAt: at(UPCOMING_S + TALK_S),
        endsAt: at(UPCOMING_S + TALK_S + QA_S),
        jitsiDomain: 'meet.jit.si',
        jitsiRoom: 'DevroomDemoRustQA',
      },
      ATTENDEES.organiser,
    );
  };
  schedule();
  const cycle = setInterval(schedule, (UPCOMING_S + TALK_S + QA_S + ENDED_S) * 1000);
  return () => clearInterval(cycle);
}
