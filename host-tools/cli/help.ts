/** The `devroom` help: one section per command, so `devroom <command> --help` shows just that. */
import { SCHEDULE_FORMATS } from '../schedule/model.js';
import { KIND_OPTIONS, WIDGET_KINDS } from '../apply/widget-url.js';
import { kebab } from './args.js';

export const COMMANDS = ['widget', 'plan', 'apply'] as const;
export type Command = (typeof COMMANDS)[number];
export const isCommand = (v: string): v is Command => (COMMANDS as readonly string[]).includes(v);

const SECTIONS: Record<Command, string> = {
  widget: `  devroom widget <kind> --base URL [options] [--json]
      Print a widget URL, an /addwidget line and the state events for one widget.
      kinds: ${WIDGET_KINDS.join(', ')}
      --base URL          where devroom's dist/ is served (pages at <base>/widgets/<kind>.html);
                          default: DEVROOM_WIDGET_BASE
      --room NAME         room name or slug for the stable widget id (default "room")
      --name TEXT         widget name shown in Element
${WIDGET_KINDS.map((k) => `      ${k}: ${Object.keys(KIND_OPTIONS[k]).map((o) => `--${kebab(o)}`).join(' ')}`).join('\n')}
`,
  plan: `  devroom plan <schedule> [--config FILE] [--format F] [--timezone ZONE] [--at ISO] [--json]
      Read a schedule and print the rooms, widgets, talk times and power levels devroom
      would set up. Formats (detected from the content): ${SCHEDULE_FORMATS.join(', ')}.
`,
  apply: `  devroom apply <schedule> --homeserver URL [--config FILE] [--dry-run] [--at ISO] [--quiet]
      Create or update the rooms on the homeserver so they match the plan, and open the Q&A
      of each room with a Q&A widget (its root notice) unless it is open. Token from the
      environment variable DEVROOM_ACCESS_TOKEN. Safe to re-run: only differences are written.
      Ctrl-C stops after the request in flight (exit 1, with a summary); twice quits at once.
`,
};

const COMMON = `Common to plan and apply:
  --config FILE       the host's config (JSON): widgetBase, streams, Jitsi, aliases, rooms
  --widget-base URL   widgetBase when the config file has none (or no config file)
  --format F          the schedule's format, when detection is not wanted
  --timezone ZONE     IANA zone for schedules that name none (FOSDEM's: Europe/Brussels)
  --at ISO            the moment the plan is for (default: now); rooms follow their schedule by themselves
`;

const ENVIRONMENT = `Environment:
  DEVROOM_ACCESS_TOKEN  apply: access token of the account that creates and updates the rooms
  DEVROOM_WIDGET_BASE   where devroom's dist/ is served, when neither --base/--widget-base nor
                        the config's widgetBase says (e.g. https://widgets.example.org/devroom)
`;

const EXIT_CODES = `Exit codes: 0 done; 1 apply failed or stopped; 2 bad options, config or schedule;
130 a second Ctrl-C quit at once.
`;

/** Help for one command, or all of it. */
export function helpText(command?: Command): string {
  const commands = command ? [command] : COMMANDS;
  const parts = [
    `devroom — Matrix conference widgets: host tooling\n\nUsage:\n${commands.map((c) => SECTIONS[c]).join('\n')}`,
    ...(command === 'widget' ? [] : [COMMON]),
    ENVIRONMENT,
    ...(command === 'widget' ? [] : [EXIT_CODES]),
  ];
  return parts.join('\n');
}
