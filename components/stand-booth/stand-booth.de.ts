import type { Dictionary } from '../shared/i18n.js';
import type { StandBoothKey } from './stand-booth.i18n.js';

/** German strings of the booth page, loaded only for German viewers. */
export const de: Dictionary<StandBoothKey> = {
  booth: 'Stand',
  loading: 'Der Stand wird geladen …',
  noStand: 'Dieser Stand ist noch nicht eingerichtet.',
  invalidSrc: (reason: string) => `Der Stand konnte nicht geladen werden: ${reason}`,
  invalidStand: (reason: string) => `Die Standkonfiguration ist ungültig: ${reason}`,
  about: 'Über uns',
  links: 'Links',
  downloads: 'Downloads',
  social: 'Folgt uns',
  'link.website': 'Website',
  'link.source': 'Quellcode',
  'link.docs': 'Doku',
  'link.chat': 'Chat',
  'link.slides': 'Folien',
  'link.download': 'Download',
  people: 'Team',
  atBoothNow: (names: string) => `Jetzt am Stand: ${names}`,
  nobodyAtBooth: 'Gerade ist niemand am Stand.',
  presentBadge: 'am Stand',
  awayBadge: 'nicht da',
  talkToUs: 'Sprich mit uns',
  writeInRoom: 'Schreib uns im Matrix-Raum des Stands',
  joinVideo: 'Videostand betreten',
  videoBoothLoading: 'Verbindung zum Videostand …',
  videoBoothFailed: 'Der Videostand konnte nicht geladen werden.',
  videoBoothReload: 'Der Videostand konnte wieder nicht geladen werden. Laden Sie die Seite neu, um ihn erneut zu laden.',
  reload: 'Neu laden',
};
