import type { Translations } from '../shared/i18n.js';

/** UI strings of the staff tools (stand-staff.ts), German included: the part loads on demand. */
export type StaffKey = 'edit' | 'saved' | 'iAmHere';

export const staffTranslations: Translations<StaffKey> = {
  en: {
    edit: 'Edit stand',
    saved: 'Changes sent.',
    iAmHere: "I'm at the booth",
  },
  de: {
    edit: 'Stand bearbeiten',
    saved: 'Änderungen gesendet.',
    iAmHere: 'Ich bin am Stand',
  },
};
