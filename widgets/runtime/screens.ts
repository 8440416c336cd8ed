import { adoptStyle } from './adopt-style.js';
import { describeCapability } from './describe-capability.js';
import { de, en } from './screens.i18n.js';
import type { ScreenStrings } from './screens.i18n.js';
import type { WidgetParamsError } from './params.js';

/**
 * The runtime's own screens: waiting for the client (a permission prompt may be open),
 * capabilities denied, client never answered, broken widget URL, opened outside a client. Plain DOM (no Lit), English and German (screens.i18n.ts),
 * one heading + explanation + action, announced politely.
 */

export type ScreenKind = 'connecting' | 'missing-capabilities' | 'no-client' | 'invalid' | 'standalone';

function strings(lang: string): ScreenStrings {
  return lang.toLowerCase().startsWith('de') ? de : en;
}

const STYLE = `
.devroom-screen { box-sizing: border-box; max-width: 36rem; margin: 0 auto; padding: 1.5rem 1rem;
  font-family: var(--devroom-font-family, system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif);
  color: var(--devroom-color-text, CanvasText); line-height: 1.45; }
.devroom-screen :is(h1, h2) { font-size: 1.15rem; margin: 0 0 0.5rem; }
.devroom-screen p { margin: 0 0 0.75rem; }
.devroom-screen ul { margin: 0 0 1rem; padding-left: 1.25rem; }
.devroom-screen code { overflow-wrap: anywhere; }
.devroom-screen button { font: inherit; padding: 0.45rem 1rem; border-radius: var(--devroom-radius, 8px);
  border: 1px solid transparent; background: var(--devroom-color-accent, #0b7a57); color: var(--devroom-color-on-accent, #fff); cursor: pointer; }
.devroom-screen button:focus-visible { outline: 2px solid var(--devroom-color-focus, #1a73e8); outline-offset: 2px; }
`;

/** What each widget URL parameter must be: the broken-URL screen's detail, for whoever added the widget (English, like the URL). */
const PARAM_RULES: Record<WidgetParamsError['param'], string> = {
  parentUrl: 'parentUrl must be an http(s) URL (the client adds it to the query string)',
  userId: 'userId must be a Matrix user id like @alice:example.org (URL fragment userId=$matrix_user_id)',
  roomId: 'roomId must be a Matrix room id like !abc:example.org (URL fragment roomId=$matrix_room_id)',
};

export interface ScreenOptions {
  lang: string;
  /** Capabilities to list (missing-capabilities). */
  missing?: string[];
  /** The broken widget URL parameter (invalid): shown under the explanation with what it must be. */
  problem?: WidgetParamsError;
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
  // Opened alone, the page's own title; the other screens show inside a client, a level below
  // its headings like the elements' h2 (an h1 there breaks the client page's heading order).
  const heading = doc.createElement(kind === 'standalone' ? 'h1' : 'h2');
  heading.id = 'devroom-screen-title';
  heading.textContent = t.title[kind];
  const p = doc.createElement('p');
  p.textContent = t.body[kind];
  section.append(heading, p);
  if (options.missing?.length) {
    const ul = doc.createElement('ul');
    for (const capability of options.missing) {
      const li = doc.createElement('li');
      // Plain words for the person; the technical name for whoever set the room up.
      li.textContent = describeCapability(capability, options.lang).text;
      li.title = capability;
      ul.append(li);
    }
    section.append(ul);
  }
  if (kind === 'standalone') {
    // How to add it: the /addwidget line for this very page, Element's template variables in the fragment.
    const how = doc.createElement('p');
    const code = doc.createElement('code');
    const page = (doc.defaultView?.location.href ?? '').split('#')[0]!;
    code.textContent = `/addwidget ${page}#?roomId=$matrix_room_id&userId=$matrix_user_id&displayName=$matrix_display_name&theme=$org.matrix.msc2873.client_theme&lang=$org.matrix.msc2873.client_language`;
    how.append(t.how, ' ', code);
    section.append(how);
  }
  if (options.problem) {
    const { param, value } = options.problem;
    const detail = doc.createElement('p');
    const code = doc.createElement('code');
    code.textContent = `${PARAM_RULES[param]}, got ${value ?? 'nothing'}`;
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
