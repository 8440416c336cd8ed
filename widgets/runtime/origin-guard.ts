/**
 * matrix-widget-api's PostmessageTransport accepts a message from any window and any
 * origin as long as it looks like a widget request. This capture-phase listener runs
 * before the transport's own (bubble-phase) listener on the same window and stops every
 * widget-API message that is not from the parent window at the parent origin. Other
 * messages pass untouched: the Jitsi IFrame API inside a widget talks to its own iframe
 * through this window's `message` events, and must keep hearing it.
 *
 * Install it before `WidgetApi.start()`. Returns the uninstall function.
 */
export function installOriginGuard(
  parentOrigin: string,
  options: {
    parentWindow?: MessageEventSource | null;
    target?: Window;
    /** Called for every accepted message (the runtime uses it as "the client is alive"). */
    onAccepted?: (event: MessageEvent) => void;
    /** Called for every dropped message (tests, debugging). */
    onDropped?: (event: MessageEvent) => void;
  } = {},
): () => void {
  const target = options.target ?? window;
  const parentWindow = options.parentWindow ?? target.parent;
  const listener = (event: MessageEvent) => {
    if (!isWidgetApiMessage(event.data)) return;
    if (event.origin !== parentOrigin || event.source !== parentWindow) {
      event.stopImmediatePropagation();
      options.onDropped?.(event);
      return;
    }
    options.onAccepted?.(event);
  };
  target.addEventListener('message', listener, { capture: true });
  return () => target.removeEventListener('message', listener, { capture: true });
}

/** What PostmessageTransport would act on: an object with action, requestId and widgetId. */
function isWidgetApiMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return Boolean(d.action && d.requestId && d.widgetId);
}
