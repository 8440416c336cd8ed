import type { ScreenKind } from './screens.js';

/**
 * The runtime screens' words. English and German in one file: the screens load on demand
 * already (only when something is wrong), so German needs no chunk of its own.
 */
export interface ScreenStrings {
  title: Record<ScreenKind, string>;
  body: Record<ScreenKind, string>;
  retry: string;
  /** How a missing capability's line starts, by what it lets the widget do. */
  send: string;
  read: string;
  other: string;
}

export const en: ScreenStrings = {
  title: {
    'missing-capabilities': 'This widget needs your permission',
    'no-client': 'No answer from your Matrix client',
    invalid: 'This widget link is incomplete',
    standalone: 'Open this widget in a Matrix room',
  },
  body: {
    'missing-capabilities':
      'Some permissions were declined, so the widget cannot work yet. Choose Retry and allow these when your client asks:',
    'no-client':
      'The widget did not hear back from the app that embeds it. The app may still be loading, or it may not support widgets.',
    invalid: 'The widget was added to the room with a URL that lacks required parameters. Ask a room admin to re-add it.',
    standalone: 'This page is a Matrix widget. Add it to a room (for example in Element) to use it.',
  },
  retry: 'Retry',
  send: 'Send',
  read: 'Read',
  other: 'Use',
};

export const de: ScreenStrings = {
  title: {
    'missing-capabilities': 'Dieses Widget braucht deine Erlaubnis',
    'no-client': 'Keine Antwort von deinem Matrix-Client',
    invalid: 'Dieser Widget-Link ist unvollständig',
    standalone: 'Öffne dieses Widget in einem Matrix-Raum',
  },
  body: {
    'missing-capabilities':
      'Einige Berechtigungen wurden abgelehnt, daher kann das Widget noch nicht arbeiten. Wähle „Erneut versuchen“ und erlaube diese, wenn dein Client fragt:',
    'no-client':
      'Das Widget hat keine Antwort von der App bekommen, in die es eingebettet ist. Die App lädt vielleicht noch oder unterstützt keine Widgets.',
    invalid:
      'Das Widget wurde mit einer URL hinzugefügt, der nötige Parameter fehlen. Bitte eine Raum-Administration, es neu hinzuzufügen.',
    standalone: 'Diese Seite ist ein Matrix-Widget. Füge es einem Raum hinzu (zum Beispiel in Element), um es zu nutzen.',
  },
  retry: 'Erneut versuchen',
  send: 'Senden',
  read: 'Lesen',
  other: 'Nutzen',
};
