import type { Translations } from '../shared/i18n.js';

/** UI strings of the stand editor (lazy). */
export type StandEditorKey =
  | 'editTitle'
  | 'save'
  | 'cancel'
  | 'fixErrors'
  | 'line'
  | 'field.name'
  | 'field.tagline'
  | 'field.description'
  | 'field.descriptionHint'
  | 'field.logo'
  | 'field.banner'
  | 'field.mediaHint'
  | 'field.jitsiDomain'
  | 'field.jitsiRoom'
  | 'field.videoSrc'
  | 'field.videoTitle'
  | 'field.videoPoster'
  | 'field.links'
  | 'field.downloads'
  | 'field.social'
  | 'field.staff'
  | 'field.schedule'
  | 'field.listHint';

export const editorTranslations: Translations<StandEditorKey> = {
  en: {
    editTitle: 'Edit stand',
    save: 'Save',
    cancel: 'Cancel',
    fixErrors: (count: number) => (count === 1 ? 'Please fix 1 problem.' : `Please fix ${count} problems.`),
    line: (n: number) => `Line ${n}`,
    'field.name': 'Name',
    'field.tagline': 'Tagline',
    'field.description': 'Description',
    'field.descriptionHint': 'Paragraphs, - lists, [links](https://…), **bold**, *italic*. No HTML.',
    'field.logo': 'Logo URL',
    'field.banner': 'Banner URL',
    'field.mediaHint': 'https:// or mxc://',
    'field.jitsiDomain': 'Jitsi server',
    'field.jitsiRoom': 'Jitsi room',
    'field.videoSrc': 'Featured video URL',
    'field.videoTitle': 'Featured video title',
    'field.videoPoster': 'Featured video poster URL',
    'field.links': 'Links',
    'field.downloads': 'Downloads',
    'field.social': 'Social links',
    'field.staff': 'Staff',
    'field.schedule': 'Schedule',
    'field.listHint': 'One per line:',
  },
  de: {
    editTitle: 'Stand bearbeiten',
    save: 'Speichern',
    cancel: 'Abbrechen',
    fixErrors: (count: number) => (count === 1 ? 'Bitte 1 Problem beheben.' : `Bitte ${count} Probleme beheben.`),
    line: (n: number) => `Zeile ${n}`,
    'field.name': 'Name',
    'field.tagline': 'Untertitel',
    'field.description': 'Beschreibung',
    'field.descriptionHint': 'Absätze, - Listen, [Links](https://…), **fett**, *kursiv*. Kein HTML.',
    'field.logo': 'Logo-URL',
    'field.banner': 'Banner-URL',
    'field.mediaHint': 'https:// oder mxc://',
    'field.jitsiDomain': 'Jitsi-Server',
    'field.jitsiRoom': 'Jitsi-Raum',
    'field.videoSrc': 'Video-URL',
    'field.videoTitle': 'Videotitel',
    'field.videoPoster': 'Vorschaubild des Videos',
    'field.links': 'Links',
    'field.downloads': 'Downloads',
    'field.social': 'Soziale Netzwerke',
    'field.staff': 'Team',
    'field.schedule': 'Programm',
    'field.listHint': 'Eine Zeile pro Eintrag:',
  },
};
