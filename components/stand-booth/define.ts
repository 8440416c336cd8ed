import './register.js';
import { DevroomStandBooth } from './stand-booth.js';

export { DevroomStandBooth };
export type { Stand, StandLink, SocialLink, StaffMember, ScheduleItem, JitsiRoom, FeaturedVideo, StandIssue, StandParseResult, StandIssueCode, StandIssueCodes } from './stand.js';
export { parseStand } from './stand-errors.js';
export type { OwnContactRequest, IncomingContactRequest, ContactStatus, OwnRequestStatus } from './contact.js';
export type { ContactRequestDetail, PresenceDetail, ContactStatusDetail, StandUpdateDetail } from './stand-events.js';
export type { LinkKind, ScheduleKind } from './stand.js';
export { LINK_KINDS, SCHEDULE_KINDS, LIMITS as STAND_LIMITS } from './stand.js';
export { CONTACT_LIMITS } from './contact.js';
