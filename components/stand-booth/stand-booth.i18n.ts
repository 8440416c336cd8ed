import type { Translations } from '../shared/i18n.js';

/** UI strings of <devroom-stand-booth>. Validator messages from stand.ts stay English (they are for editors). */
export type StandBoothKey =
  | 'booth'
  | 'loading'
  | 'noStand'
  | 'invalidSrc'
  | 'invalidStand'
  | 'about'
  | 'links'
  | 'downloads'
  | 'social'
  | 'schedule'
  | 'now'
  | 'next'
  | 'happeningNow'
  | 'nothingNow'
  | 'kind.demo'
  | 'kind.maintainers'
  | 'kind.talk'
  | 'link.website'
  | 'link.source'
  | 'link.docs'
  | 'link.chat'
  | 'link.slides'
  | 'link.download'
  | 'featuredVideo'
  | 'watchVideo'
  | 'people'
  | 'atBoothNow'
  | 'nobodyAtBooth'
  | 'presentBadge'
  | 'awayBadge'
  | 'iAmHere'
  | 'talkToUs'
  | 'joinVideo'
  | 'leaveVideo'
  | 'videoBoothLoading'
  | 'videoBoothFailed'
  | 'videoBoothError'
  | 'retry'
  | 'videoBoothEnded'
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
  | 'edit'
  | 'editTitle'
  | 'save'
  | 'cancel'
  | 'saved'
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

export const translations: Translations<StandBoothKey> = {
  en: {
    booth: 'Stand',
    loading: 'Loading stand…',
    noStand: 'This stand has not been set up yet.',
    invalidSrc: (reason: string) => `Could not load the stand: ${reason}`,
    invalidStand: (reason: string) => `The stand configuration is invalid: ${reason}`,
    about: 'About',
    links: 'Links',
    downloads: 'Downloads',
    social: 'Follow us',
    schedule: 'Booth schedule',
    now: 'Now',
    next: 'Next',
    happeningNow: (title: string) => `Happening now: ${title}`,
    nothingNow: 'Nothing scheduled right now.',
    'kind.demo': 'Demo',
    'kind.maintainers': 'Meet the maintainers',
    'kind.talk': 'Talk',
    'link.website': 'Website',
    'link.source': 'Source',
    'link.docs': 'Docs',
    'link.chat': 'Chat',
    'link.slides': 'Slides',
    'link.download': 'Download',
    featuredVideo: 'Featured video',
    watchVideo: (title: string) => `Watch: ${title}`,
    people: 'People',
    atBoothNow: (names: string) => `At the booth now: ${names}`,
    nobodyAtBooth: 'Nobody is at the booth right now.',
    presentBadge: 'at the booth',
    awayBadge: 'away',
    iAmHere: "I'm at the booth",
    talkToUs: 'Talk to us',
    joinVideo: 'Join the video booth',
    leaveVideo: 'Leave the video booth',
    videoBoothLoading: 'Connecting to the video booth…',
    videoBoothFailed: 'The video booth could not be loaded.',
    videoBoothError: (message: string) => `The video booth reported a problem: ${message}`,
    retry: 'Try again',
    videoBoothEnded: 'You left the video booth.',
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
    edit: 'Edit stand',
    editTitle: 'Edit stand',
    save: 'Save',
    cancel: 'Cancel',
    saved: 'Changes sent.',
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
    booth: 'Stand',
    loading: 'Stand wird geladen …',
    noStand: 'Dieser Stand ist noch nicht eingerichtet.',
    invalidSrc: (reason: string) => `Der Stand konnte nicht geladen werden: ${reason}`,
    invalidStand: (reason: string) => `Die Standkonfiguration ist ungültig: ${reason}`,
    about: 'Über uns',
    links: 'Links',
    downloads: 'Downloads',
    social: 'Folgt uns',
    schedule: 'Programm am Stand',
    now: 'Jetzt',
    next: 'Als Nächstes',
    happeningNow: (title: string) => `Gerade läuft: ${title}`,
    nothingNow: 'Gerade ist nichts geplant.',
    'kind.demo': 'Demo',
    'kind.maintainers': 'Triff die Maintainer',
    'kind.talk': 'Vortrag',
    'link.website': 'Website',
    'link.source': 'Quellcode',
    'link.docs': 'Doku',
    'link.chat': 'Chat',
    'link.slides': 'Folien',
    'link.download': 'Download',
    featuredVideo: 'Video',
    watchVideo: (title: string) => `Ansehen: ${title}`,
    people: 'Team',
    atBoothNow: (names: string) => `Jetzt am Stand: ${names}`,
    nobodyAtBooth: 'Gerade ist niemand am Stand.',
    presentBadge: 'am Stand',
    awayBadge: 'nicht da',
    iAmHere: 'Ich bin am Stand',
    talkToUs: 'Sprich mit uns',
    joinVideo: 'Videostand betreten',
    leaveVideo: 'Videostand verlassen',
    videoBoothLoading: 'Verbindung zum Videostand …',
    videoBoothFailed: 'Der Videostand konnte nicht geladen werden.',
    videoBoothError: (message: string) => `Der Videostand meldet ein Problem: ${message}`,
    retry: 'Erneut versuchen',
    videoBoothEnded: 'Du hast den Videostand verlassen.',
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
    edit: 'Stand bearbeiten',
    editTitle: 'Stand bearbeiten',
    save: 'Speichern',
    cancel: 'Abbrechen',
    saved: 'Änderungen gesendet.',
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
