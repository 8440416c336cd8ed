import { EventDirection, MatrixCapabilities, WidgetEventCapability } from 'matrix-widget-api';

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

const state = (direction: EventDirection, c: StateCapability) =>
  WidgetEventCapability.forStateEvent(direction, c.type, c.stateKey).raw;
const event = (direction: EventDirection, c: EventCapability) =>
  c.type === 'm.room.message' && c.msgtype !== undefined
    ? WidgetEventCapability.forRoomMessageEvent(direction, c.msgtype).raw
    : WidgetEventCapability.forRoomEvent(direction, c.type).raw;

export function capabilityList(spec: CapabilitySpec): CapabilityList {
  const required = [
    ...(spec.readState ?? []).map((c) => state(EventDirection.Receive, c)),
    ...(spec.sendState ?? []).map((c) => state(EventDirection.Send, c)),
    ...(spec.readEvents ?? []).map((c) => event(EventDirection.Receive, c)),
    ...(spec.sendEvents ?? []).map((c) => event(EventDirection.Send, c)),
    ...(spec.redact
      ? [event(EventDirection.Send, { type: 'm.room.redaction' }), event(EventDirection.Receive, { type: 'm.room.redaction' })]
      : []),
    ...(spec.required ?? []),
  ];
  const optional = [...(spec.alwaysOnScreen ? [MatrixCapabilities.AlwaysOnScreen as string] : []), ...(spec.optional ?? [])];
  const unique = (list: string[]) => [...new Set(list)];
  const req = unique(required);
  return { required: req, optional: unique(optional).filter((c) => !req.includes(c)) };
}

/** `{verb, what}` for a capability, for the "missing capabilities" screen. */
export function describeCapability(capability: string): { verb: 'send' | 'read' | 'other'; what: string } {
  const match = /^org\.matrix\.msc2762\.(send|receive)\.(state_event|event):(.+)$/.exec(capability);
  if (!match) return { verb: 'other', what: capability };
  const [, direction, kind, rest] = match as unknown as [string, string, string, string];
  const [type, key] = splitKey(rest);
  const what = key === undefined ? type : kind === 'state_event' ? `${type} (${key || '""'})` : `${type} (${key})`;
  return { verb: direction === 'send' ? 'send' : 'read', what };
}

function splitKey(rest: string): [string, string | undefined] {
  // `\#` escapes a hash in the type; the first unescaped `#` starts the key.
  const index = rest.search(/(?<!\\)#/);
  if (index < 0) return [rest.replace(/\\#/g, '#'), undefined];
  return [rest.slice(0, index).replace(/\\#/g, '#'), rest.slice(index + 1)];
}
