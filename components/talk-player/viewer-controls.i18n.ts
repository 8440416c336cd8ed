/**
 * Strings of the viewer controls (viewer-controls.ts), German included: they load with the
 * playback engine, so their words come with them rather than in the player's first load.
 */

const en = {
  quality: 'Quality',
  auto: (now: string) => (now ? `Auto (${now})` : 'Auto'),
  pip: 'Picture in picture',
  shortcuts: 'Keyboard shortcuts',
  keys: [
    ['Space, K', 'Play or pause'],
    ['F', 'Full screen'],
    ['M', 'Mute or unmute'],
    ['C', 'Captions on or off'],
    ['← →', 'Back or forward 5 seconds'],
    ['↑ ↓', 'Louder or quieter'],
  ],
  playing: 'Playing',
  paused: 'Paused',
  muted: 'Muted',
  unmuted: 'Sound on',
  volume: (percent: number) => `Volume ${percent} %`,
  at: (time: string) => `At ${time}`,
  captions: (on: boolean): string => (on ? 'Captions on' : 'Captions off'),
  fullscreen: (on: boolean): string => (on ? 'Full screen' : 'Full screen closed'),
  qualityNow: (label: string) => `Quality: ${label}`,
};

export type ViewerWords = typeof en;

/** By language (the first part of the player's `lang`); English for any other. */
export const viewerWords: Record<string, ViewerWords> = {
  en,
  de: {
    quality: 'Qualität',
    auto: (now: string) => (now ? `Automatisch (${now})` : 'Automatisch'),
    pip: 'Bild im Bild',
    shortcuts: 'Tastenkürzel',
    keys: [
      ['Leertaste, K', 'Abspielen oder pausieren'],
      ['F', 'Vollbild'],
      ['M', 'Ton aus oder an'],
      ['C', 'Untertitel an oder aus'],
      ['← →', '5 Sekunden zurück oder vor'],
      ['↑ ↓', 'Lauter oder leiser'],
    ],
    playing: 'Wiedergabe',
    paused: 'Pausiert',
    muted: 'Ton aus',
    unmuted: 'Ton an',
    volume: (percent: number) => `Lautstärke ${percent} %`,
    at: (time: string) => `Bei ${time}`,
    captions: (on: boolean) => (on ? 'Untertitel an' : 'Untertitel aus'),
    fullscreen: (on: boolean) => (on ? 'Vollbild' : 'Vollbild beendet'),
    qualityNow: (label: string) => `Qualität: ${label}`,
  },
};
