/**
 * The capability behind people's names (widgets/shared/member-names.ts): receive
 * m.room.member state, any key. Optional in every widget: declined, people show by user id.
 * Apart from the name code so the pages can ask for it without loading that code.
 */
export const READ_MEMBERS = 'org.matrix.msc2762.receive.state_event:m.room.member';
