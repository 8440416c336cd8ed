import type { Translations } from '../shared/i18n.js';

/** UI strings only the open video booth shows (stand-video-booth.ts), German included: the part is lazy. */
export type VideoBoothKey = 'leaveVideo' | 'videoBoothError' | 'retry' | 'videoBoothEnded';

export const videoBoothTranslations: Translations<VideoBoothKey> = {
  en: {
    leaveVideo: 'Leave the video booth',
    videoBoothError: (message: string) => `The video booth reported a problem: ${message}`,
    retry: 'Try again',
    videoBoothEnded: 'You left the video booth.',
  },
  de: {
    leaveVideo: 'Videostand verlassen',
    videoBoothError: (message: string) => `Der Videostand meldet ein Problem: ${message}`,
    retry: 'Erneut versuchen',
    videoBoothEnded: 'Du hast den Videostand verlassen.',
  },
};
