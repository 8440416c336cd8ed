/**
 * Declarative capability lists. A widget asks for exactly what it uses, once, up front:
 * every capability not pre-granted is a prompt in Element, remembered per widget id.
 */

export interface StateCapability {
  type: string;
  /** Exact state key; omitted = every key of the type. */
  stateKey?: string;
}

export interface EventCapability {
  type: string;
  /**
   * For `m.room.message`: the exact msgtype. Omitted = every msgtype (the bare event type).
   * Note `requestCapabilityToSendMessage()` without a msgtype would match only an EMPTY
   * msgtype, which is why we never use it.
   */
  msgtype?: string;
}

export interface CapabilitySpec {
  readState?: StateCapability[];
  sendState?: StateCapability[];
  readEvents?: EventCapability[];
  sendEvents?: EventCapability[];
  /** Send and receive `m.room.redaction` (undo a vote, remove a question). */
  redact?: boolean;
  /** `m.always_on_screen` (keep a talk playing in picture-in-picture). Optional: never blocks the widget. */
  alwaysOnScreen?: boolean;
  /** Further raw capabilities the widget cannot work without. */
  required?: string[];
  /** Further raw capabilities that are nice to have. */
  optional?: string[];
}

export interface CapabilityList {
  required: string[];
  optional: string[];
}

// MSC2762 capability strings, built as matrix-widget-api's WidgetEventCapability.for*Event
// builds their `.raw` (without pulling its enums into every page). A `#` in a state event
// type is escaped; the state key or msgtype follows the first unescaped `#`.
type Direction = 'send' | 'receive';
const state = (direction: Direction, c: StateCapability) =>
  `org.matrix.msc2762.${direction}.state_event:${c.type.replace(/#/g, '\\#')}${c.stateKey === undefined ? '' : `#${c.stateKey}`}`;
const event = (direction: Direction, c: EventCapability) =>
  `org.matrix.msc2762.${direction}.event:${c.type}${c.type === 'm.room.message' && c.msgtype !== undefined ? `#${c.msgtype}` : ''}`;

export function capabilityList(spec: CapabilitySpec): CapabilityList {
  const required = [
    ...(spec.readState ?? []).map((c) => state('receive', c)),
    ...(spec.sendState ?? []).map((c) => state('send', c)),
    ...(spec.readEvents ?? []).map((c) => event('receive', c)),
    ...(spec.sendEvents ?? []).map((c) => event('send', c)),
    ...(spec.redact
      ? [event('send', { type: 'm.room.redaction' }), event('receive', { type: 'm.room.redaction' })]
      : []),
    ...(spec.required ?? []),
  ];
  const optional = [...(spec.alwaysOnScreen ? ['m.always_on_screen'] : []), ...(spec.optional ?? [])];
  const unique = (list: string[]) => [...new Set(list)];
  const req = unique(required);
  return { required: req, optional: unique(optional).filter((c) => !req.includes(c)) };
}
