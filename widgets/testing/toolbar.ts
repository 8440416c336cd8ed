import type { WidgetHost } from './host.js';

export interface Attendee {
  userId: string;
  /** Shown in the switcher, e.g. "Mo (moderator, 50)". Default: display name and power level. */
  label?: string;
}

export interface HostToolbarOptions {
  attendees: Attendee[];
  languages?: string[];
}

/**
 * The host's controls: who is signed in (widgets reload as that user), light/dark
 * (sent as theme_change, no reload), client language (language_change).
 */
export function createHostToolbar(host: WidgetHost, options: HostToolbarOptions): HTMLElement {
  const doc = host.element.ownerDocument;
  const bar = doc.createElement('div');
  bar.className = 'devroom-host-toolbar';
  bar.setAttribute('role', 'toolbar');
  bar.setAttribute('aria-label', 'Simulated client');

  const userLabel = doc.createElement('label');
  userLabel.textContent = 'Signed in as ';
  const users = doc.createElement('select');
  users.name = 'user';
  for (const attendee of options.attendees) {
    const option = doc.createElement('option');
    option.value = attendee.userId;
    option.textContent = attendee.label ?? `${host.room.displayName(attendee.userId)} (power ${host.room.userLevel(attendee.userId)})`;
    option.selected = attendee.userId === host.userId;
    users.append(option);
  }
  users.addEventListener('change', () => host.setUser(users.value));
  userLabel.append(users);

  const theme = doc.createElement('button');
  theme.type = 'button';
  theme.name = 'theme';
  const showTheme = () => {
    theme.textContent = 'Dark theme';
    theme.setAttribute('aria-pressed', String(host.theme === 'dark'));
  };
  showTheme();
  theme.addEventListener('click', () => {
    host.setTheme(host.theme === 'dark' ? 'light' : 'dark');
    showTheme();
  });

  const langLabel = doc.createElement('label');
  langLabel.textContent = ' Language ';
  const langs = doc.createElement('select');
  langs.name = 'lang';
  for (const lang of options.languages ?? ['en', 'de']) {
    const option = doc.createElement('option');
    option.value = lang;
    option.textContent = lang;
    option.selected = lang === host.lang;
    langs.append(option);
  }
  langs.addEventListener('change', () => host.setLanguage(langs.value));
  langLabel.append(langs);

  bar.append(userLabel, ' ', theme, langLabel);
  return bar;
}
