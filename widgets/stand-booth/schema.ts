import { CONTACT_LIMITS } from '../../components/stand-booth/contact.js';
import type { Stand } from '../../components/stand-booth/stand.js';
import { EventTypes } from '../schema/namespace.js';
import { isEventId, isRecord } from '../schema/validate.js';
import { Problems, bool, finish, int, oneOf, str } from '../schema/fields.js';
import type { Result } from '../schema/validate.js';

/**
 * Stand events besides the stand config itself (validated by the component's own
 * `parseStand`): per-user presence, contact requests and their status. See docs/schema.md.
 */

export const STAND_EVENT = EventTypes.stand;
export const PRESENCE_EVENT = EventTypes.standPresence;
export const CONTACT_EVENT = EventTypes.contactRequest;
export const CONTACT_STATUS_EVENT = EventTypes.contactStatus;

export { PRESENCE_MAX_AGE_MS, isPresent } from './presence-schema.js';

export interface PresenceState {
  present: boolean;
  /** Epoch ms when the staff member said so. */
  since?: number;
}

/**
 * `dev.devroom.stand.presence` content (state key = the staff member's own user id). The
 * booth reads presence with `isPresent` (presence-schema.ts), which applies the same rules.
 */
export function parsePresence(content: unknown): Result<PresenceState> {
  const p = new Problems();
  if (!isRecord(content)) return { ok: false, errors: ['(content): expected an object'] };
  // Redacted or cleared state is `{}`: simply "not here".
  const present = bool(p, content, 'present') ?? false;
  const since = int(p, content, 'since', { min: 0 });
  return finish(p, since === undefined ? { present } : { present, since });
}

export interface ContactRequestContent {
  localId: string;
  message: string;
  contact?: string;
}

/** `dev.devroom.stand.contact` content (the reference to the root is checked by the caller). */
export function parseContactRequest(content: unknown): Result<ContactRequestContent> {
  const p = new Problems();
  if (!isRecord(content)) return { ok: false, errors: ['(content): expected an object'] };
  const localId = str(p, content, 'localId', { required: true, max: 100 });
  const message = str(p, content, 'message', { required: true, max: CONTACT_LIMITS.message });
  const contact = str(p, content, 'contact', { max: CONTACT_LIMITS.contact });
  // An empty local id would make every such request of a sender count as one.
  if (localId === '') p.add('localId', 'is empty');
  if (message !== undefined && message.trim() === '') p.add('message', 'is empty');
  if (p.errors.length || localId === undefined || message === undefined) return { ok: false, errors: p.errors };
  return { ok: true, value: { localId, message: message.trim(), ...(contact?.trim() ? { contact: contact.trim() } : {}) } };
}

export const CONTACT_STATUSES = ['open', 'answered'] as const;

export interface ContactStatusContent {
  /** Event id of the contact request this status is for. */
  request: string;
  status: (typeof CONTACT_STATUSES)[number];
}

/**
 * `dev.devroom.stand.contact.status` content. Since 0.x a status relates to the contacts
 * root (checked by the caller) and names its request in `request` (docs/schema.md).
 */
export function parseContactStatus(content: unknown): Result<ContactStatusContent> {
  const p = new Problems();
  if (!isRecord(content)) return { ok: false, errors: ['(content): expected an object'] };
  const request = content.request;
  if (!isEventId(request)) p.add('request', 'expected the event id of the contact request');
  const status = oneOf(p, content, 'status', CONTACT_STATUSES);
  if (status === undefined && !p.errors.length) p.add('status', 'is required');
  return finish(p, { request: isEventId(request) ? request : '', status: status ?? 'open' });
}

/**
 * The `dev.devroom.stand` content to write for an edited stand. Every stand field is
 * written from the editor's value, so a field the editor removed (say the tagline) is gone;
 * spreading the old content under the new would bring it back. What the editor cannot
 * know is carried over explicitly: namespaced extension keys (`org.example.x`, any key with
 * a dot) that other tools may keep in the same state event.
 */
export function standContent(stand: Stand, previous: Record<string, unknown> | undefined): Record<string, unknown> {
  const content: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(previous ?? {})) if (key.includes('.')) content[key] = value;
  const fields: (keyof Stand)[] = ['name', 'tagline', 'description', 'logo', 'banner', 'links', 'downloads', 'social', 'staff', 'jitsi', 'schedule', 'video'];
  for (const key of fields) if (stand[key] !== undefined) content[key] = structuredClone(stand[key]);
  return content;
}
