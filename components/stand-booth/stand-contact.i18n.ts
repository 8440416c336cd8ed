import type { Translations } from '../shared/i18n.js';

/** UI strings of the contact part (lazy). */
export type StandContactKey =
  | 'leaveContact'
  | 'message'
  | 'messageHint'
  | 'contactField'
  | 'contactHint'
  | 'send'
  | 'messageRequired'
  | 'tooLong'
  | 'yourRequests'
  | 'status.pending'
  | 'status.sent'
  | 'status.failed'
  | 'status.answered'
  | 'requestQueued'
  | 'incoming'
  | 'noIncoming'
  | 'markAnswered'
  | 'reopen'
  | 'answered'
  | 'open'
  | 'from'
  | 'contactVia'
  | 'retry';

export const contactTranslations: Translations<StandContactKey> = {
  en: {
    leaveContact: 'Leave your contact',
    message: 'Message',
    messageHint: (max: number) => `Required, up to ${max} characters.`,
    contactField: 'How to reach you (optional)',
    contactHint: (max: number) => `E-mail, Matrix id or anything else, up to ${max} characters.`,
    send: 'Send',
    messageRequired: 'Please write a message.',
    tooLong: (max: number) => `Too long: at most ${max} characters.`,
    yourRequests: 'Your requests',
    'status.pending': 'Sending…',
    'status.sent': 'Sent — the team will get back to you',
    'status.failed': 'Could not be sent',
    'status.answered': 'Answered',
    requestQueued: 'Your message is being sent.',
    incoming: 'Contact requests',
    noIncoming: 'No contact requests yet.',
    markAnswered: 'Mark answered',
    reopen: 'Reopen',
    answered: 'Answered',
    open: 'Open',
    from: (name: string) => `From ${name}`,
    contactVia: (contact: string) => `Contact: ${contact}`,
    retry: 'Try again',
  },
  de: {
    leaveContact: 'Kontakt hinterlassen',
    message: 'Nachricht',
    messageHint: (max: number) => `Pflichtfeld, bis zu ${max} Zeichen.`,
    contactField: 'Wie erreichen wir dich? (optional)',
    contactHint: (max: number) => `E-Mail, Matrix-ID oder anderes, bis zu ${max} Zeichen.`,
    send: 'Senden',
    messageRequired: 'Bitte schreib eine Nachricht.',
    tooLong: (max: number) => `Zu lang: höchstens ${max} Zeichen.`,
    yourRequests: 'Deine Anfragen',
    'status.pending': 'Wird gesendet …',
    'status.sent': 'Gesendet – das Team meldet sich',
    'status.failed': 'Konnte nicht gesendet werden',
    'status.answered': 'Beantwortet',
    requestQueued: 'Deine Nachricht wird gesendet.',
    incoming: 'Kontaktanfragen',
    noIncoming: 'Noch keine Kontaktanfragen.',
    markAnswered: 'Als beantwortet markieren',
    reopen: 'Wieder öffnen',
    answered: 'Beantwortet',
    open: 'Offen',
    from: (name: string) => `Von ${name}`,
    contactVia: (contact: string) => `Kontakt: ${contact}`,
    retry: 'Erneut versuchen',
  },
};
