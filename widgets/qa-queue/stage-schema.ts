// Stage invite keys apart from the Q&A schema (qa.ts re-exports it): the talk player's
// first load needs only this, and importing qa.ts would bring its re-exported modules.

/**
 * Stage invites: `dev.devroom.qa.stage` keyed `stage:<user id>`. Not the bare user id: a
 * state key starting with `@` must equal the sender (Matrix auth rules), so a moderator
 * could never write one for somebody else.
 */
export const stageKey = (userId: string) => `stage:${userId}`;
