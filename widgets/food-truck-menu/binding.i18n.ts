/**
 * The food-truck binding's messages (shown next to the widget by the page's `notify`), in
 * English; German in binding.de.ts, loaded only for German viewers.
 */

/** Error codes with a translated reason (see FoodTruckBinding's `reason`). */
export type ReasonCode = 'M_FORBIDDEN' | 'DEVROOM_TIMEOUT' | 'M_LIMIT_EXCEEDED' | 'DEVROOM_NO_ROOT';

export type BindingMessages = Record<'notOpen' | 'noGrant' | ReasonCode, string> &
  Record<'readFailed' | 'loadFailed' | 'orderFailed' | 'statusFailed' | 'menuFailed', (why: string) => string>;

export const en: BindingMessages = {
  readFailed: (why) => `The menu could not be loaded (${why}). Trying again…`,
  loadFailed: (why) => `Orders could not be loaded (${why}). Reload the widget to try again.`,
  notOpen: 'Ordering opens once the vendor has opened this widget.',
  noGrant: 'To order from here, allow this widget to send orders in the widget permissions.',
  orderFailed: (why) => `Your order was not sent (${why}). Nothing was charged; use Retry in “Your orders”.`,
  statusFailed: (why) => `The status change was not sent (${why}). Try again.`,
  menuFailed: (why) => `The menu change was not saved (${why}). The menu shows the last saved version.`,
  M_FORBIDDEN: 'not allowed in this room',
  DEVROOM_TIMEOUT: 'the server did not answer in time',
  M_LIMIT_EXCEEDED: 'too many requests, wait a moment',
  DEVROOM_NO_ROOT: 'ordering is not open yet',
};
