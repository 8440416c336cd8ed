/**
 * Request events go up from components, state comes down as properties ("requests up,
 * state down"). Every request is a bubbling, composed CustomEvent named `devroom-…`
 * so a page or a widget binding can answer it. Each event's detail type is declared
 * next to the component that emits it, by augmenting `DevroomEventMap` and
 * `GlobalEventHandlersEventMap`.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DevroomEventMap {}

export type DevroomEventName = keyof DevroomEventMap & string;

/** Creates and dispatches a typed request event; returns false when a listener cancelled it. */
export function emit<K extends DevroomEventName>(
  from: EventTarget,
  name: K,
  detail: DevroomEventMap[K],
  options: { cancelable?: boolean } = {},
): boolean {
  return from.dispatchEvent(
    new CustomEvent(name, { detail, bubbles: true, composed: true, cancelable: options.cancelable ?? false }),
  );
}
