import type { Translations } from '../shared/i18n.js';

export type TalkPlayerKey =
  | 'player'
  | 'phase.upcoming'
  | 'phase.talk'
  | 'phase.qa'
  | 'phase.ended'
  | 'startsIn'
  | 'startsAt'
  | 'ended'
  | 'watchReplay'
  | 'overrun'
  | 'noSource'
  | 'loadingTalk'
  | 'readFailed'
  | 'reason.M_FORBIDDEN'
  | 'reason.M_LIMIT_EXCEEDED'
  | 'reason.DEVROOM_TIMEOUT'
  | 'refused'
  | 'status.idle'
  | 'status.loading'
  | 'status.playing'
  | 'status.paused'
  | 'status.ended'
  | 'status.buffering'
  | 'status.not-started'
  | 'status.reconnecting'
  | 'status.offline'
  | 'status.recovering'
  | 'status.blocked'
  | 'status.error'
  | 'status.broken'
  | 'status.not-video'
  | 'retryIn'
  | 'retry'
  | 'play'
  | 'unmute'
  | 'live'
  | 'goLive'
  | 'captionsOn'
  | 'captionsOff'
  | 'joinCall'
  | 'leaveCall'
  | 'callLoading'
  | 'callJoining'
  | 'callFailed'
  | 'callEnded'
  | 'backToStream'
  | 'qaHint'
  | 'next'
  | 'speed';

/** English in the first load; other languages load on demand (see LOCALES in talk-player.ts). */
export const translations: Translations<TalkPlayerKey> = {
  en: {
    player: 'Talk player',
    'phase.upcoming': 'Upcoming',
    'phase.talk': 'Talk',
    'phase.qa': 'Q&A',
    'phase.ended': 'Ended',
    startsIn: (countdown: string) => `Starts in ${countdown}`,
    startsAt: (time: string) => `Scheduled for ${time}`,
    ended: 'This talk has ended.',
    watchReplay: 'Watch the recording',
    overrun: (minutes: number) => `Running ${minutes} min over time`,
    noSource: 'No stream has been set up for this talk yet.',
    loadingTalk: 'Loading the talk…',
    readFailed: (why: string) => `The talk could not be loaded (${why}). Trying again…`,
    'reason.M_FORBIDDEN': 'not allowed in this room',
    'reason.M_LIMIT_EXCEEDED': 'too many requests, wait a moment',
    'reason.DEVROOM_TIMEOUT': 'the server did not answer in time',
    refused: (what: string) => `Refused an unsafe address (${what}).`,
    'status.idle': 'Not playing.',
    'status.loading': 'Loading the stream…',
    'status.playing': 'Playing.',
    'status.paused': 'Paused.',
    'status.ended': 'Playback finished.',
    'status.buffering': 'Buffering…',
    'status.not-started': 'The stream is offline or has not started yet.',
    'status.reconnecting': 'The stream was interrupted. Reconnecting…',
    'status.offline': 'You are offline. The stream continues when you are back online.',
    'status.recovering': 'Playback hit a problem. Recovering…',
    'status.blocked': 'Your browser did not start the video. Press Play.',
    'status.error': 'This stream cannot be played in this browser.',
    'status.broken': (recording: boolean, detail: string) => `This ${recording ? 'recording' : 'stream'} cannot be played: part of its video is missing or damaged (${detail}).`,
    'status.not-video': (_recording: boolean, type: string) => `This address is not a video stream (${type}).`,
    retryIn: (s: number) => `Trying again in ${s} s.`,
    retry: 'Try again',
    play: 'Play',
    unmute: 'Unmute',
    live: 'Live',
    goLive: 'Go to live',
    captionsOn: 'Show captions',
    captionsOff: 'Hide captions',
    joinCall: 'Join the Q&A call',
    leaveCall: 'Leave the call',
    callLoading: 'Loading the call…',
    callJoining: 'Joining the call…',
    callFailed: (reason: string) => `The call could not be loaded (${reason}).`,
    callEnded: (reason: string) => `The call ended (${reason}). Back to the stream.`,
    backToStream: 'Back to the stream',
    qaHint: 'Q&A is on. You can join the call.',
    next: (title: string, time: string) => `Next: ${title}${time ? ` · ${time}` : ''}`,
    speed: 'Speed',
  },
};
