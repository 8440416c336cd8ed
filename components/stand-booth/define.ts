import { defineElement } from '../shared/define.js';
import { DevroomStandBooth } from './stand-booth.js';

export { DevroomStandBooth };
export type { Stand, StandLink, SocialLink, StaffMember, ScheduleItem, JitsiRoom, FeaturedVideo, StandIssue, StandParseResult } from './stand.js';
export { parseStand } from './stand.js';
export type { OwnContactRequest, IncomingContactRequest, ContactStatus, OwnRequestStatus } from './contact.js';
export type { ContactRequestDetail } from './stand-booth.js';

defineElement('devroom-stand-booth', DevroomStandBooth);

declare global {
  interface HTMLElementTagNameMap {
    'devroom-stand-booth': DevroomStandBooth;
  }
}
