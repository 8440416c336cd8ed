import { capabilityList } from '../runtime/capabilities.js';
import type { CapabilitySpec } from '../runtime/capabilities.js';
import { EventTypes } from '../schema/namespace.js';
import { READ_MEMBERS } from '../shared/read-members.js';

/**
 * The stand booth's capabilities, apart from the binding so the page can request them
 * before the booth's code (component and binding) has loaded.
 */

/** The state key of the stand's contacts root (docs/schema.md, "Roots"). */
export const ROOT_PURPOSE = 'contacts';
// From the namespace, not schema.ts: the validators belong to the lazily loaded binding.
const { stand: STAND_EVENT, standPresence: PRESENCE_EVENT, contactRequest: CONTACT_EVENT, contactStatus: CONTACT_STATUS_EVENT } = EventTypes;

/** Capabilities the binding checks at run time (optional ones: the UI adapts when denied). */
export function standCapabilityNames(userId: string) {
  // The raw MSC2762 strings, built the way the runtime builds what it requests (without
  // matrix-widget-api's WidgetEventCapability and its enums in the page).
  const one = (spec: CapabilitySpec) => capabilityList(spec).required[0]!;
  const state = (type: string, stateKey: string) => one({ sendState: [{ type, stateKey }] });
  const send = (type: string, msgtype?: string) => one({ sendEvents: [{ type, ...(msgtype ? { msgtype } : {}) }] });
  return {
    sendStand: state(STAND_EVENT, ''),
    sendPresence: state(PRESENCE_EVENT, userId),
    sendStatus: send(CONTACT_STATUS_EVENT),
    sendRoot: state(EventTypes.root, ROOT_PURPOSE),
    sendNotice: send('m.room.message', 'm.notice'),
    // Required in the widget; a read-only public page (bindPublicRoom) has no capabilities at all.
    sendContact: send(CONTACT_EVENT),
    readRedactions: one({ readEvents: [{ type: 'm.room.redaction' }] }),
    // MatrixCapabilities.MSC4039DownloadFile
    downloadMedia: 'org.matrix.msc4039.download_file',
  };
}

/**
 * Required: what every visitor uses — the stand, who is at the booth, power levels (who
 * may edit/answer), the contacts root, leaving a contact and seeing its status. Denying
 * any of these would leave a booth that silently shows nothing, so the runtime explains.
 * Optional: what only staff use (presence for their own key, editing, answering, creating
 * the root with its notice), live removal of redacted requests, and mxc media download;
 * without them the matching controls are hidden (or media shows its placeholder).
 */
export function standCapabilities(userId: string): CapabilitySpec {
  const names = standCapabilityNames(userId);
  return {
    readState: [
      { type: STAND_EVENT, stateKey: '' },
      { type: PRESENCE_EVENT },
      { type: EventTypes.root, stateKey: ROOT_PURPOSE },
      { type: 'm.room.power_levels', stateKey: '' },
    ],
    readEvents: [{ type: CONTACT_EVENT }, { type: CONTACT_STATUS_EVENT }],
    sendEvents: [{ type: CONTACT_EVENT }],
    // Members: staff see who left a contact request by name.
    optional: [names.sendPresence, names.sendStand, names.sendStatus, names.sendRoot, names.sendNotice, names.readRedactions, names.downloadMedia, READ_MEMBERS],
  };
}
