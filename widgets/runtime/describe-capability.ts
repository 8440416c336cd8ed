// Only the explanation screens (loaded on demand) and the test host read capabilities
// back, so this stays out of every widget's first load.

type Lang = 'en' | 'de';
/** [read, send] in plain words, English then German. */
type Words = Record<Lang, [read: string, send: string]>;

/**
 * What a person is asked to allow, in words they use: one line per event type (the raw
 * capability string means nothing to an attendee). A type not listed falls back to its name.
 */
const PLAIN: Record<string, Words> = {
  'm.room.power_levels': { en: ['See who moderates this room', 'Change who moderates this room'], de: ['Sehen, wer diesen Raum moderiert', 'Ändern, wer diesen Raum moderiert'] },
  'm.room.member': { en: ["See people's names in this room", 'Change your name or membership in this room'], de: ['Die Namen der Leute in diesem Raum sehen', 'Deinen Namen oder deine Mitgliedschaft in diesem Raum ändern'] },
  'm.room.message': { en: ['Read messages in this room', 'Send messages as you'], de: ['Nachrichten in diesem Raum lesen', 'Nachrichten in deinem Namen senden'] },
  'm.room.message#m.text': { en: ['Read the questions people ask', 'Ask questions as you'], de: ['Die Fragen der Leute lesen', 'Fragen in deinem Namen stellen'] },
  'm.room.message#m.notice': { en: ['Read notices', 'Post a notice when you set something up'], de: ['Hinweise lesen', 'Einen Hinweis senden, wenn du etwas einrichtest'] },
  'm.reaction': { en: ['See votes', 'Vote as you'], de: ['Stimmen sehen', 'In deinem Namen abstimmen'] },
  'm.room.redaction': { en: ['Notice when something is taken back', 'Take back your votes and messages'], de: ['Bemerken, wenn etwas zurückgenommen wird', 'Deine Stimmen und Nachrichten zurücknehmen'] },
  'dev.devroom.root': { en: ["Find this room's questions, orders and contact requests", 'Set up this widget in the room (organisers)'], de: ['Die Fragen, Bestellungen und Kontaktanfragen dieses Raums finden', 'Dieses Widget im Raum einrichten (Organisation)'] },
  'dev.devroom.schedule': { en: ["See the room's schedule of talks", "Change the room's schedule"], de: ['Den Vortragsplan des Raums sehen', 'Den Vortragsplan ändern'] },
  'dev.devroom.talk': { en: ['See the talk: its stream, times and Q&A call', 'Run the talk: start the Q&A, end the talk (hosts)'], de: ['Den Vortrag sehen: Stream, Zeiten und Q&A-Anruf', 'Den Vortrag leiten: Q&A starten, Vortrag beenden (Moderation)'] },
  'dev.devroom.qa.question': { en: ['See which questions are answered or hidden', 'Mark questions answered or hide them (moderators)'], de: ['Sehen, welche Fragen beantwortet oder ausgeblendet sind', 'Fragen als beantwortet markieren oder ausblenden (Moderation)'] },
  'dev.devroom.qa.hand': { en: ['See raised hands', 'Raise and lower your hand'], de: ['Gehobene Hände sehen', 'Deine Hand heben und senken'] },
  'dev.devroom.qa.votes': { en: ['See the vote counts moderators keep', 'Keep the vote counts for people who join later (moderators)'], de: ['Die Stimmenzahlen sehen, die die Moderation festhält', 'Die Stimmenzahlen für später Hinzukommende festhalten (Moderation)'] },
  'dev.devroom.qa.stage': { en: ['See who is invited on stage', 'Invite people on stage (moderators)'], de: ['Sehen, wer auf die Bühne eingeladen ist', 'Leute auf die Bühne einladen (Moderation)'] },
  'dev.devroom.menu': { en: ['See the menu', 'Change the menu (vendors)'], de: ['Die Speisekarte sehen', 'Die Speisekarte ändern (Verkauf)'] },
  'dev.devroom.order': { en: ['See orders', 'Place orders as you'], de: ['Bestellungen sehen', 'In deinem Namen bestellen'] },
  'dev.devroom.order.status': { en: ['See how orders are coming along', 'Update orders (vendors)'], de: ['Sehen, wie weit Bestellungen sind', 'Bestellungen aktualisieren (Verkauf)'] },
  'dev.devroom.stand': { en: ['See the stand', 'Edit the stand (staff)'], de: ['Den Stand sehen', 'Den Stand bearbeiten (Standteam)'] },
  'dev.devroom.stand.presence': { en: ['See who is at the stand', 'Show that you are at the stand (staff)'], de: ['Sehen, wer am Stand ist', 'Zeigen, dass du am Stand bist (Standteam)'] },
  'dev.devroom.stand.contact': { en: ['See contact requests', 'Ask the stand to get in touch with you'], de: ['Kontaktanfragen sehen', 'Den Stand bitten, sich bei dir zu melden'] },
  'dev.devroom.stand.contact.status': { en: ['See how contact requests are answered', 'Answer contact requests (staff)'], de: ['Sehen, wie Kontaktanfragen beantwortet werden', 'Kontaktanfragen beantworten (Standteam)'] },
};

/** Capabilities that are not about events. */
const OTHER: Record<string, Record<Lang, string>> = {
  'm.always_on_screen': { en: 'Keep the talk playing while you look at other rooms', de: 'Den Vortrag weiterlaufen lassen, während du andere Räume ansiehst' },
  'org.matrix.msc4039.download_file': { en: 'Show pictures uploaded to Matrix', de: 'Auf Matrix hochgeladene Bilder zeigen' },
};

export interface CapabilityWords {
  verb: 'send' | 'read' | 'other';
  /** The event type (with its state key or msgtype), for people who need the technical name. */
  what: string;
  /** What the capability lets the widget do, in plain words. */
  text: string;
}

/** What a capability lets a widget do: plain words (`text`) and the technical name (`what`). */
export function describeCapability(capability: string, lang = 'en'): CapabilityWords {
  const l: Lang = lang.toLowerCase().startsWith('de') ? 'de' : 'en';
  const match = /^org\.matrix\.msc2762\.(send|receive)\.(state_event|event):(.+)$/.exec(capability);
  if (!match) return { verb: 'other', what: capability, text: OTHER[capability]?.[l] ?? capability };
  const [, direction, kind, rest] = match as unknown as [string, string, string, string];
  const [type, key] = splitKey(rest);
  const what = key === undefined ? type : kind === 'state_event' ? `${type} (${key || '""'})` : `${type} (${key})`;
  const verb = direction === 'send' ? 'send' : 'read';
  const words = (kind === 'event' && key !== undefined && PLAIN[`${type}#${key}`]) || PLAIN[type];
  const fallback = `${verb === 'send' ? (l === 'de' ? 'Senden' : 'Send') : l === 'de' ? 'Lesen' : 'Read'} ${what}`;
  return { verb, what, text: words ? words[l][verb === 'send' ? 1 : 0] : fallback };
}

function splitKey(rest: string): [string, string | undefined] {
  // `\#` escapes a hash in the type; the first unescaped `#` starts the key.
  const index = rest.search(/(?<!\\)#/);
  if (index < 0) return [rest.replace(/\\#/g, '#'), undefined];
  return [rest.slice(0, index).replace(/\\#/g, '#'), rest.slice(index + 1)];
}
