import type { ScreenKind } from './screens.js';

/**
 * The runtime screens' words. English and German in one file: the screens load on demand
 * already (only when something is wrong), so German needs no chunk of its own.
 */
export interface ScreenStrings {
  title: Record<ScreenKind, string>;
  body: Record<ScreenKind, string>;
  retry: string;
  /** Before the /addwidget line (standalone). */
  how: string;
}

export const en: ScreenStrings = {
  title: {
    connecting: 'Connecting…',
    'missing-capabilities': 'This widget needs your permission',
    'no-client': 'No answer from your Matrix client',
    invalid: 'This widget link is incomplete',
    standalone: 'Open this widget in a Matrix room',
  },
  body: {
    connecting: 'Waiting for your Matrix client. If it asks whether to allow this widget, answer there.',
    'missing-capabilities':
      'Some permissions were declined, so the widget cannot work yet. Choose Retry and allow these when your client asks:',
    'no-client':
      'The widget did not hear back from the app that embeds it. The app may still be loading, or it may not support widgets.',
    invalid: 'The widget was added to the room with a URL that lacks required parameters. Ask a room admin to re-add it.',
    standalone: 'This page is a Matrix widget: it works only inside a Matrix room, opened from a client such as Element.',
  },
  retry: 'Retry',
  how: 'To add it, a room moderator types this in Element:',
};

export const de: ScreenStrings = {
  title: {
    connecting: 'Verbinde…',
    'missing-capabilities': 'Dieses Widget braucht deine Erlaubnis',
    'no-client': 'Keine Antwort von deinem Matrix-Client',
    invalid: 'Dieser Widget-Link ist unvollständig',
    standalone: 'Öffne dieses Widget in einem Matrix-Raum',
  },
  body: {
    connecting: 'Warte auf deinen Matrix-Client. Falls er fragt, ob du dieses Widget erlaubst, antworte dort.',
    'missing-capabilities':
      'Einige Berechtigungen wurden abgelehnt, daher kann das Widget noch nicht arbeiten. Wähle „Erneut versuchen“ und erlaube diese, wenn dein Client fragt:',
    'no-client':
      'Das Widget hat keine Antwort von der App bekommen, in die es eingebettet ist. Die App lädt vielleicht noch oder unterstützt keine Widgets.',
    invalid:
      'Das Widget wurde mit einer URL hinzugefügt, der nötige Parameter fehlen. Bitte eine Raum-Administration, es neu hinzuzufügen.',
    standalone: 'Diese Seite ist ein Matrix-Widget: Sie funktioniert nur in einem Matrix-Raum, geöffnet in einem Client wie Element.',
  },
  retry: 'Erneut versuchen',
  how: 'Zum Hinzufügen tippt jemand mit Moderationsrechten in Element:',
};
