import type { Translations } from '../shared/i18n.js';

/** UI strings of <devroom-room-status>. */
export type RoomStatusKey =
  | 'connecting'
  | 'retrying'
  | 'retryingNow'
  | 'offline'
  | 'notFound'
  | 'notWorldReadable'
  | 'guestDisabled'
  | 'invalidAttributes'
  | 'failed'
  | 'loadFailed'
  | 'openInMatrix';

export const translations: Translations<RoomStatusKey> = {
  en: {
    connecting: 'Connecting to the room …',
    retrying: (s: number) => `The server cannot be reached. Trying again in ${s} s …`,
    retryingNow: 'The server cannot be reached. Trying again …',
    offline: 'You are offline. The room reconnects when the network is back.',
    notFound: 'This room does not exist. Check its address.',
    notWorldReadable: 'This room is not public: only its members can read it.',
    guestDisabled: 'This server does not let visitors read rooms without an account.',
    invalidAttributes: 'The room cannot be shown (homeserver and room attributes: https://… and !id:server or #alias:server).',
    failed: (detail: string) => `The room cannot be shown (${detail}).`,
    loadFailed: 'Part of this page could not load. Reload the page to try again.',
    openInMatrix: 'Open the room in a Matrix client',
  },
  de: {
    connecting: 'Verbinde mit dem Raum …',
    retrying: (s: number) => `Der Server ist nicht erreichbar. Neuer Versuch in ${s} s …`,
    retryingNow: 'Der Server ist nicht erreichbar. Neuer Versuch …',
    offline: 'Du bist offline. Der Raum verbindet sich wieder, sobald das Netz zurück ist.',
    notFound: 'Diesen Raum gibt es nicht. Prüfe die Adresse.',
    notWorldReadable: 'Dieser Raum ist nicht öffentlich: nur Mitglieder können ihn lesen.',
    guestDisabled: 'Dieser Server lässt Besucher ohne Konto keine Räume lesen.',
    invalidAttributes: 'Der Raum kann nicht angezeigt werden (Attribute homeserver und room: https://… und !id:server oder #alias:server).',
    failed: (detail: string) => `Der Raum kann nicht angezeigt werden (${detail}).`,
    loadFailed: 'Ein Teil dieser Seite konnte nicht geladen werden. Lade die Seite neu, um es noch einmal zu versuchen.',
    openInMatrix: 'Raum in einem Matrix-Client öffnen',
  },
};
