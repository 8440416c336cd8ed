/**
 * Every room event a binding does not fold in because it is malformed, unauthorised or
 * redacted is a rejection: `reject(event, reason)` counts it in the page's tally and logs one
 * warning line naming the event and the reason (rejection-tally.ts). Events that are simply
 * not for the element (other messages, other state keys, reactions that are not votes) are
 * not rejections.
 *
 * The tally loads with the first rejection: this is all the first load of every widget
 * carries. Recorded a moment later, in order; if the tally cannot load, the line is logged
 * anyway.
 */
export function reject(event: { event_id: string; type: string }, reason: string): void {
  void import('./rejection-tally.js').then(
    (tally) => tally.record(event, reason),
    () => console.warn(`devroom: ${event.type} ${event.event_id} rejected: ${reason.slice(0, 300)}`),
  );
}
