// The demo page: an Element-like client on an in-memory room. `npm start` serves it with
// `?widgets=<base URL of the built widget pages>` (a second origin, like a real deployment).
import { forgetCapabilities, promptApprover } from '../../widgets/testing/approval.js';
import { WidgetHost } from '../../widgets/testing/host.js';
import { createHostToolbar } from '../../widgets/testing/toolbar.js';
import type { RoomEvent } from '../../widgets/room/room.js';
import { ATTENDEES, createDemoRoom } from './demo-room.js';

const params = new URLSearchParams(location.search);
const widgetBase = params.get('widgets') ?? `${location.protocol}//127.0.0.1:${Number(location.port || 80) + 1}/widgets/`;
const { room, attendees, media } = createDemoRoom(widgetBase);

/** Where the demo remembers "Allow all": switching person would otherwise ask for every widget again. */
const ALLOW_ALL_KEY = 'devroom-demo-allow-all';
const roomElement = document.getElementById('room')!;

const host = new WidgetHost({
  room,
  userId: params.get('user') ?? ATTENDEES.alice,
  container: roomElement,
  theme: matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light',
  lang: navigator.language.split('-')[0] ?? 'en',
  // The demo's uploads (the stand's logo and banner), served to widgets through download_file.
  media,
  approve: promptApprover({ container: roomElement, allowAllKey: ALLOW_ALL_KEY }),
}).start();
document.getElementById('controls')!.append(createHostToolbar(host, { attendees }));

// The whole page follows the host's theme (the header too, not only the room).
const followTheme = () => (document.documentElement.dataset.theme = host.theme);
followTheme();
new MutationObserver(followTheme).observe(host.element, { attributes: true, attributeFilter: ['data-theme'] });

// To see the permission prompts again after "Allow all" or "Remember my selection".
const askAgain = document.createElement('button');
askAgain.type = 'button';
askAgain.textContent = 'Ask for permissions again';
askAgain.addEventListener('click', () => {
  localStorage.removeItem(ALLOW_ALL_KEY);
  for (const widget of host.widgets()) forgetCapabilities(widget.id, localStorage);
  host.render();
});
document.getElementById('controls')!.append(askAgain);

// What any Matrix client shows: the plain timeline (questions are m.text messages, votes are reactions).
const heading = document.createElement('h2');
heading.id = 'timeline-heading';
heading.textContent = 'Room timeline';
const timeline = document.createElement('ol');
timeline.className = 'timeline';
timeline.setAttribute('aria-live', 'polite');
// It scrolls on its own (max-height): keyboard users need to reach it to scroll it.
timeline.tabIndex = 0;
timeline.setAttribute('aria-labelledby', heading.id);
const describe = (e: RoomEvent) => {
  const who = room.displayName(e.sender);
  if (e.type === 'm.room.message') return `${who}: ${String(e.content.body ?? '')}`;
  if (e.type === 'm.reaction') return `${who} reacted ${String((e.content['m.relates_to'] as { key?: string } | undefined)?.key ?? '')}`;
  if (e.type === 'm.room.redaction') return `${who} removed an event`;
  return `${who} set ${e.type}${e.state_key ? ` (${e.state_key})` : ''}`;
};
const add = (e: RoomEvent) => {
  const li = document.createElement('li');
  li.textContent = describe(e);
  timeline.append(li);
};
room.timeline.forEach(add);
room.subscribe(add);
host.main.append(heading, timeline);

// For poking at the room from the devtools console.
Object.assign(window, { devroom: { room, host, media } });
