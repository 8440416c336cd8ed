import { defineElement } from '../shared/define.js';
import { DevroomTalkPlayer } from './talk-player.js';

export { DevroomTalkPlayer };
export type {
  CallLeaveReason,
  JoinCallDetail,
  LeaveCallDetail,
  PhaseRequestDetail,
  PhaseChangeDetail,
  StageInvite,
  StageAnswerDetail,
} from './talk-player.js';
export type { TalkPhase, PhaseState, TalkSchedule } from './phases.js';
export { phaseAt, parseTime, TALK_PHASES } from './phases.js';
export type { PlaybackStatus } from './playback.js';
export type { PlaybackPolicy } from './playback-policy.js';
export { DEFAULT_POLICY } from './playback-policy.js';

defineElement('devroom-talk-player', DevroomTalkPlayer);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-talk-player': DevroomTalkPlayer;
  }
}
