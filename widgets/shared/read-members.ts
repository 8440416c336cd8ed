import { loadOnce } from '../../components/shared/lazy-part.js';

/**
 * How a widget gets people's names: the capability it asks for, and the code that follows them
 * (widgets/shared/member-names.ts), loaded on demand by every binding through this one loader
 * (docs/lazy-loading.md: never a static import of a part loaded with import() elsewhere).
 */

/** Receive m.room.member state, any key. Optional in every widget: declined, people show by user id. */
export const READ_MEMBERS = 'org.matrix.msc2762.receive.state_event:m.room.member';

export const loadMemberNames = loadOnce("people's names", () => import('./member-names.js'));
