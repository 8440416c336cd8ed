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
export function installOriginGuard(parentOrigin: string): () => void {
  const listener = (event: MessageEvent) => {
    if (isWidgetApiMessage(event.data) && (event.origin !== parentOrigin || event.source !== window.parent)) event.stopImmediatePropagation();
  };
  window.addEventListener('message', listener, { capture: true });
  return () => window.removeEventListener('message', listener, { capture: true });
}

/** What PostmessageTransport would act on: an object with action, requestId and widgetId. */
function isWidgetApiMessage(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as Record<string, unknown>;
  return Boolean(d.action && d.requestId && d.widgetId);
}
