/**
 * devroom's Matrix namespace. Every custom event type is built from this one constant
 * (reverse-DNS, as the spec asks for non-`m.` types). Documented in docs/schema.md.
 */
export const NS = 'dev.devroom';

export const EventTypes = {
  talk: `${NS}.talk`,
  /** A room's talks (state key "", or one per day `YYYY-MM-DD` when a room's list is long): the talk player follows it. */
  schedule: `${NS}.schedule`,
  /** State keyed by purpose (`qa`, `orders`, `contacts`): the event questions/orders/contacts relate to. */
  root: `${NS}.root`,
  qaQuestionState: `${NS}.qa.question`,
  qaHand: `${NS}.qa.hand`,
  qaStage: `${NS}.qa.stage`,
  /** 👍 counts of one Q&A root's questions, keyed like the root (`qa`, `qa:<talk id>`): a moderator's widget keeps it, late joiners start from it. */
  qaVotes: `${NS}.qa.votes`,
  menu: `${NS}.menu`,
  order: `${NS}.order`,
  orderStatus: `${NS}.order.status`,
  stand: `${NS}.stand`,
  standPresence: `${NS}.stand.presence`,
  contactRequest: `${NS}.stand.contact`,
  contactStatus: `${NS}.stand.contact.status`,
} as const;

/** The widget type in `im.vector.modular.widgets`: never `jitsi`/`m.jitsi` (Element would replace the URL). */
export const WidgetTypes = {
  talk: `${NS}.talk`,
  qa: `${NS}.qa`,
  stand: `${NS}.stand`,
  menu: `${NS}.menu`,
} as const;
