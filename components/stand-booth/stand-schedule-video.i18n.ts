import type { Translations } from '../shared/i18n.js';

/** UI strings of the schedule and featured video (stand-schedule-video.ts), German included: the part loads on demand. */
export type ScheduleVideoKey =
  | 'schedule'
  | 'now'
  | 'next'
  | 'happeningNow'
  | 'nothingNow'
  | 'kind.demo'
  | 'kind.maintainers'
  | 'kind.talk'
  | 'featuredVideo'
  | 'watchVideo'
  | 'playVideo';

export const scheduleVideoTranslations: Translations<ScheduleVideoKey> = {
  en: {
    schedule: 'Booth schedule',
    now: 'Now',
    next: 'Next',
    happeningNow: (title: string) => `Happening now: ${title}`,
    nothingNow: 'Nothing scheduled right now.',
    'kind.demo': 'Demo',
    'kind.maintainers': 'Meet the maintainers',
    'kind.talk': 'Talk',
    featuredVideo: 'Featured video',
    watchVideo: (title: string) => `Open: ${title}`,
    playVideo: (title: string) => `Play here: ${title}`,
  },
  de: {
    schedule: 'Programm am Stand',
    now: 'Jetzt',
    next: 'Als Nächstes',
    happeningNow: (title: string) => `Gerade läuft: ${title}`,
    nothingNow: 'Gerade ist nichts geplant.',
    'kind.demo': 'Demo',
    'kind.maintainers': 'Triff die Maintainer',
    'kind.talk': 'Vortrag',
    featuredVideo: 'Video',
    watchVideo: (title: string) => `Öffnen: ${title}`,
    playVideo: (title: string) => `Hier abspielen: ${title}`,
  },
};
