import type { Translations } from '../shared/i18n.js';

/** UI strings of <devroom-stand-booth> (first load). Validator messages from stand.ts stay English (they are for editors). */
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
  | 'link.website'
  | 'link.source'
  | 'link.docs'
  | 'link.chat'
  | 'link.slides'
  | 'link.download'
  | 'people'
  | 'atBoothNow'
  | 'nobodyAtBooth'
  | 'presentBadge'
  | 'awayBadge'
  | 'talkToUs'
  | 'writeInRoom'
  | 'joinVideo'
  | 'videoBoothLoading'
  | 'videoBoothFailed'
  | 'videoBoothReload'
  | 'reload';

export const translations: Translations<StandBoothKey> = {
  en: {
    booth: 'Stand',
    loading: 'Loading the stand…',
    noStand: 'This stand has not been set up yet.',
    invalidSrc: (reason: string) => `Could not load the stand: ${reason}`,
    invalidStand: (reason: string) => `The stand configuration is invalid: ${reason}`,
    about: 'About',
    links: 'Links',
    downloads: 'Downloads',
    social: 'Follow us',
    'link.website': 'Website',
    'link.source': 'Source',
    'link.docs': 'Docs',
    'link.chat': 'Chat',
    'link.slides': 'Slides',
    'link.download': 'Download',
    people: 'People',
    atBoothNow: (names: string) => `At the booth now: ${names}`,
    nobodyAtBooth: 'Nobody is at the booth right now.',
    presentBadge: 'at the booth',
    awayBadge: 'away',
    talkToUs: 'Talk to us',
    writeInRoom: 'Write to us in the stand’s Matrix room',
    joinVideo: 'Join the video booth',
    videoBoothLoading: 'Connecting to the video booth…',
    videoBoothFailed: 'The video booth could not be loaded.',
    videoBoothReload: 'The video booth still could not be loaded. Reload the page to load it again.',
    reload: 'Reload',
  },
  // German loads on demand (stand-booth.de.ts): see loadLocale in stand-booth.ts.
};
