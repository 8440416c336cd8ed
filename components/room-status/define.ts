import { defineElement } from '../shared/define.js';
import { DevroomRoomStatus } from './room-status.js';

export { DevroomRoomStatus };
export type { RoomStatusState } from './room-status.js';

defineElement('devroom-room-status', DevroomRoomStatus);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-room-status': DevroomRoomStatus;
  }
}
