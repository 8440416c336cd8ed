/**
 * Contact requests: a visitor leaves a message (and optionally how to reach them) for
 * the stand's staff. The component only validates and emits; whoever binds it (the
 * widget, a site's backend) sends it and feeds the state back as properties.
 */

export const CONTACT_LIMITS = { message: 2000, contact: 200 } as const;

/** State of a request the current visitor sent, as the binding reports it. */
export type OwnRequestStatus = 'pending' | 'sent' | 'failed' | 'answered';

export interface OwnContactRequest {
  /** Id the component generated when the visitor pressed send; the binding echoes it. */
  localId: string;
  message: string;
  contact?: string;
  status: OwnRequestStatus;
  /** Epoch ms; shown as the send time when present. */
  createdAt?: number;
  /** Why sending failed, shown next to the retry button. */
  error?: string;
}

/** Status staff set on a request. */
export type ContactStatus = 'open' | 'answered';

/** A request as staff see it. */
export interface IncomingContactRequest {
  /** Stable id (the Matrix event id in a widget). */
  id: string;
  /** Matrix user id of the visitor. */
  sender: string;
  senderName?: string;
  message: string;
  contact?: string;
  createdAt: number;
  status: ContactStatus;
}

export interface ContactDraftIssues {
  message?: 'required' | 'too-long';
  contact?: 'too-long';
}

export function validateContactDraft(message: string, contact: string): ContactDraftIssues {
  const issues: ContactDraftIssues = {};
  if (message.trim() === '') issues.message = 'required';
  else if (message.trim().length > CONTACT_LIMITS.message) issues.message = 'too-long';
  if (contact.trim().length > CONTACT_LIMITS.contact) issues.contact = 'too-long';
  return issues;
}

export function newLocalId(): string {
  return globalThis.crypto?.randomUUID?.() ?? `c-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`;
}
