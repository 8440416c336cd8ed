import { adoptStyle } from './adopt-style.js';
import { describeCapability } from './describe-capability.js';

/**
 * The runtime's own screens: capabilities denied, client never answered, broken widget
 * URL, opened outside a client. Plain DOM (no Lit) so they cost little in every widget
 * page, English and German, one heading + explanation + action, announced politely.
 */

export type ScreenKind = 'missing-capabilities' | 'no-client' | 'invalid' | 'standalone';

interface Strings {
  title: Record<ScreenKind, string>;
  body: Record<ScreenKind, string>;
  retry: string;
  send: string;
  read: string;
  other: string;
}

const STRINGS: Record<'en' | 'de', Strings> = {
  en: {
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
  },
  de: {
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
  },
};

function strings(lang: string): Strings {
  return lang.toLowerCase().startsWith('de') ? STRINGS.de : STRINGS.en;
}

const STYLE = `
.devroom-screen { box-sizing: border-box; max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem;
  font-family: var(--devroom-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--devroom-color-text, CanvasText); line-height: 1.45; }
.devroom-screen h1 { font-size: 1.15rem; margin: 0 0 0.5rem; }
.devroom-screen p { margin: 0 0 0.75rem; }
.devroom-screen ul { margin: 0 0 1rem; padding-left: 1.25rem; }
.devroom-screen code { overflow-wrap: anywhere; }
.devroom-screen button { font: inherit; padding: 0.45rem 1rem; border-radius: var(--devroom-radius, 8px);
  border: 1px solid transparent; background: var(--devroom-color-accent, #0b7a57); color: var(--devroom-color-on-accent, #fff); cursor: pointer; }
.devroom-screen button:focus-visible { outline: 2px solid var(--devroom-color-focus, #1a73e8); outline-offset: 2px; }
`;

export interface ScreenOptions {
  lang: string;
  /** Capabilities to list (missing-capabilities). */
  missing?: string[];
  /** Technical detail shown under the explanation (invalid URL). */
  detail?: string;
  onRetry?: () => void;
}

/** Renders `kind` into `host` (replacing what was there) and returns the element. */
export function renderScreen(host: HTMLElement, kind: ScreenKind, options: ScreenOptions): HTMLElement {
  const t = strings(options.lang);
  const doc = host.ownerDocument;
  adoptStyle(doc, STYLE);
  const section = doc.createElement('section');
  section.className = 'devroom-screen';
  section.dataset.screen = kind;
  section.setAttribute('aria-labelledby', 'devroom-screen-title');
  section.setAttribute('role', 'status');
  const h1 = doc.createElement('h1');
  h1.id = 'devroom-screen-title';
  h1.textContent = t.title[kind];
  const p = doc.createElement('p');
  p.textContent = t.body[kind];
  section.append(h1, p);
  if (options.missing?.length) {
    const ul = doc.createElement('ul');
    for (const capability of options.missing) {
      const { verb, what } = describeCapability(capability);
      const li = doc.createElement('li');
      const code = doc.createElement('code');
      code.textContent = what;
      li.append(`${t[verb === 'other' ? 'other' : verb]}: `, code);
      ul.append(li);
    }
    section.append(ul);
  }
  if (options.detail) {
    const detail = doc.createElement('p');
    const code = doc.createElement('code');
    code.textContent = options.detail;
    detail.append(code);
    section.append(detail);
  }
  if (options.onRetry) {
    const button = doc.createElement('button');
    button.type = 'button';
    button.textContent = t.retry;
    button.addEventListener('click', options.onRetry);
    section.append(button);
  }
  host.replaceChildren(section);
  host.hidden = false;
  return section;
}
