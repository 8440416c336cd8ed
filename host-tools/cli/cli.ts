/**
 * `devroom` — conference host tooling. `run` takes its collaborators (files, env, output,
 * fetch, clock) so tests drive it in-process; host-tools/cli/main.ts binds it to Node.
 */
import { decodeSchedule } from '../schedule/decode.js';
import { parseJsonText } from '../schedule/frab-json.js';
import { ScheduleError, isScheduleFormat, parseSchedule, SCHEDULE_FORMATS } from '../schedule/index.js';
import type { Schedule } from '../schedule/model.js';
import { isTimeZone } from '../schedule/time.js';
import { applyPlan } from '../apply/apply.js';
import { ConfigError, parseConfig } from '../apply/config.js';
import { MatrixClient } from '../apply/matrix-client.js';
import { buildPlan, PlanError, type Plan } from '../apply/plan.js';
import { renderPlan } from '../apply/render-plan.js';
import { aliasSlug } from '../apply/room-slugs.js';
import { describeWidget, widgetJson, widgetText, type WidgetOutput } from '../apply/widget-output.js';
import { httpsProblem, isWidgetKind, KIND_OPTIONS, WIDGET_KINDS, WidgetOptionError, type WidgetOptions } from '../apply/widget-url.js';
import { camel, kebab, parseArgs, UsageError } from './args.js';
import { COMMANDS, helpText, isCommand } from './help.js';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Bytes are decoded as the file declares (host-tools/schedule/decode.ts); a string is taken as already decoded. */
  readFile(path: string): Promise<Uint8Array | string>;
  env: Record<string, string | undefined>;
  fetch?: typeof fetch;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  signal?: AbortSignal;
}

/** `--help` or `-h` anywhere before a `--`. */
function wantsHelp(args: string[]): boolean {
  const end = args.indexOf('--');
  return (end === -1 ? args : args.slice(0, end)).some((a) => a === '--help' || a === '-h');
}

/** Exit codes: 0 fine, 1 apply failed or stopped, 2 bad usage or input (main.ts: 130/143 on a second Ctrl-C). */
export const EXIT = { ok: 0, failed: 1, usage: 2 } as const;

export async function run(argv: string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command && isCommand(command) && wantsHelp(rest)) {
      io.stdout(helpText(command));
      return EXIT.ok;
    }
    switch (command) {
      case 'widget':
        return widgetCommand(rest, io);
      case 'plan':
        return await planCommand(rest, io);
      case 'apply':
        return await applyCommand(rest, io);
      case 'help': {
        const [about, ...extra] = rest;
        if (about !== undefined && !isCommand(about)) throw new UsageError(`unknown command "${about}" (commands: ${COMMANDS.join(', ')})`);
        if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
        io.stdout(helpText(about));
        return EXIT.ok;
      }
      case undefined:
      case '--help':
      case '-h':
        io.stdout(helpText());
        return command === undefined ? EXIT.usage : EXIT.ok;
      default:
        throw new UsageError(`unknown command "${command}" (commands: widget, plan, apply, help)`);
    }
  } catch (e) {
    return report(e, io, command);
  }
}

function report(e: unknown, io: CliIo, command: string | undefined): number {
  // The command's own help lists the flags it takes; the full help is for a command we do not know.
  const help = command && isCommand(command) ? `devroom ${command} --help` : 'devroom help';
  if (e instanceof UsageError) io.stderr(`devroom: ${e.message}\nRun "${help}" for usage.\n`);
  else if (e instanceof WidgetOptionError || e instanceof ConfigError || e instanceof PlanError) {
    const what = e instanceof ConfigError ? 'config file' : e instanceof PlanError ? 'plan' : 'widget options';
    io.stderr(`devroom: invalid ${what}:\n${e.problems.map((p) => `  - ${p}`).join('\n')}\n`);
  } else if (e instanceof ScheduleError) io.stderr(`devroom: ${e.message}\n`);
  else {
    io.stderr(`devroom: ${e instanceof Error ? e.message : String(e)}\n`);
    return EXIT.failed;
  }
  return EXIT.usage;
}

function widgetCommand(argv: string[], io: CliIo): number {
  const optionFlags = [...new Set(Object.values(KIND_OPTIONS).flatMap((o) => Object.keys(o)))].map(kebab);
  const args = parseArgs(argv, { values: ['base', 'room', 'name', ...optionFlags], booleans: ['json'] });
  const [kind, ...extra] = args.positionals;
  if (!kind) throw new UsageError(`widget needs a kind: ${WIDGET_KINDS.join(', ')}`);
  if (!isWidgetKind(kind)) throw new UsageError(`unknown widget kind "${kind}" (kinds: ${WIDGET_KINDS.join(', ')})`);
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const base = args.values.base ?? io.env.DEVROOM_WIDGET_BASE;
  if (!base) throw new UsageError('widget needs --base URL (where devroom is served) or DEVROOM_WIDGET_BASE');

  const options: WidgetOptions = {};
  const problems: string[] = [];
  for (const [flag, value] of Object.entries(args.values)) {
    if (['base', 'room', 'name'].includes(flag)) continue;
    const key = camel(flag);
    if (!(key in KIND_OPTIONS[kind])) problems.push(`--${flag}: not an option of ${kind} (options: ${Object.keys(KIND_OPTIONS[kind]).map((o) => `--${kebab(o)}`).join(' ')})`);
    else options[key] = value;
  }
  if (problems.length) throw new WidgetOptionError(problems);
  let out: WidgetOutput;
  try {
    out = describeWidget({ base, kind, options, ...(args.values.room !== undefined ? { room: args.values.room } : {}), ...(args.values.name !== undefined ? { name: args.values.name } : {}) });
  } catch (e) {
    // Name the flags as the user typed them.
    if (e instanceof WidgetOptionError) throw new WidgetOptionError(e.problems.map((p) => p.replace(/^(\w+):/, (_, k: string) => `--${kebab(k)}:`)));
    throw e;
  }
  io.stdout(args.flags.has('json') ? widgetJson(out) : widgetText(out));
  return EXIT.ok;
}

const SCHEDULE_FLAGS = ['config', 'format', 'timezone', 'at', 'widget-base'];

async function loadPlan(args: { positionals: string[]; values: Record<string, string> }, io: CliIo): Promise<{ plan: Plan; schedule: Schedule }> {
  const [file, ...extra] = args.positionals;
  if (!file) throw new UsageError('needs a schedule file (Pentabarf/frab XML, frab or pretalx JSON)');
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"`);
  const format = args.values.format;
  if (format !== undefined && !isScheduleFormat(format)) throw new UsageError(`--format: unknown format "${format}" (formats: ${SCHEDULE_FORMATS.join(', ')})`);
  const timeZone = args.values.timezone;
  if (timeZone !== undefined && !isTimeZone(timeZone)) throw new UsageError(`--timezone: unknown time zone "${timeZone}" (expected an IANA name like Europe/Brussels)`);
  let at = io.now ? io.now() : Date.now();
  if (args.values.at !== undefined) {
    if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(args.values.at) || Number.isNaN(Date.parse(args.values.at))) {
      throw new UsageError(`--at: expected an ISO 8601 time with a zone, e.g. 2021-02-06T10:30:00+01:00, got "${args.values.at}"`);
    }
    at = Date.parse(args.values.at);
  }
  const text = await readInput(io, file, 'schedule');
  let schedule: Schedule;
  try {
    schedule = parseSchedule(text, { ...(format ? { format } : {}), ...(timeZone ? { timeZone } : {}), fileName: file });
  } catch (e) {
    if (e instanceof ScheduleError) throw new ScheduleError(`${file}${e.where ? `:${e.where}` : ''}`, e.detail);
    throw e;
  }
  let rawConfig: unknown = {};
  if (args.values.config) {
    const configText = await readInput(io, args.values.config, 'config');
    try {
      rawConfig = parseJsonText(configText);
    } catch (e) {
      if (e instanceof ScheduleError) throw new ConfigError([`${args.values.config}${e.where ? `:${e.where}` : ''}: ${e.detail}`]);
      throw e;
    }
  }
  // The config's widgetBase wins, then --widget-base, then the environment (checked only when used).
  const fromFlag = args.values['widget-base'] !== undefined;
  const configHasBase = typeof rawConfig === 'object' && rawConfig !== null && 'widgetBase' in rawConfig;
  const widgetBase = args.values['widget-base'] ?? (configHasBase ? undefined : io.env.DEVROOM_WIDGET_BASE || undefined);
  if (widgetBase !== undefined) {
    const p = httpsProblem(widgetBase);
    if (p) throw new UsageError(`${fromFlag ? '--widget-base' : 'DEVROOM_WIDGET_BASE'}: ${p}`);
  }
  const name = schedule.conference.acronym && !/^\d+$/.test(schedule.conference.acronym) ? schedule.conference.acronym : schedule.conference.title;
  const config = parseConfig(rawConfig, { aliasPrefix: `${aliasSlug(name) || 'room'}-`, ...(widgetBase ? { widgetBase } : {}) });
  return { plan: buildPlan(schedule, config, new Date(at)), schedule };
}

async function readInput(io: CliIo, path: string, what: 'schedule' | 'config'): Promise<string> {
  let data: Uint8Array | string;
  try {
    data = await io.readFile(path);
  } catch (e) {
    throw new UsageError(`cannot read ${what} file ${path}: ${(e as Error).message}`);
  }
  if (typeof data === 'string') return data;
  try {
    return decodeSchedule(data).text;
  } catch (e) {
    if (!(e instanceof ScheduleError)) throw e;
    const where = `${path}${e.where ? `:${e.where}` : ''}`;
    if (what === 'config') throw new ConfigError([`${where}: ${e.detail}`]);
    throw new ScheduleError(where, e.detail);
  }
}

async function planCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: SCHEDULE_FLAGS, booleans: ['json'] });
  const { plan } = await loadPlan(args, io);
  io.stdout(args.flags.has('json') ? JSON.stringify(plan, null, 2) + '\n' : renderPlan(plan));
  return EXIT.ok;
}

async function applyCommand(argv: string[], io: CliIo): Promise<number> {
  const args = parseArgs(argv, { values: [...SCHEDULE_FLAGS, 'homeserver'], booleans: ['dry-run', 'quiet'] });
  const homeserver = args.values.homeserver;
  if (!homeserver) throw new UsageError('apply needs --homeserver URL (e.g. https://matrix.example.org)');
  let hs: URL;
  try {
    hs = new URL(homeserver);
  } catch {
    throw new UsageError(`--homeserver: not a valid URL: "${homeserver}"`);
  }
  const local = ['localhost', '127.0.0.1', '[::1]'].includes(hs.hostname);
  if (hs.protocol !== 'https:' && !(local && hs.protocol === 'http:')) throw new UsageError(`--homeserver: must be https:// (http:// only for localhost), got "${homeserver}"`);
  const token = io.env.DEVROOM_ACCESS_TOKEN;
  if (!token) throw new UsageError('apply needs an access token in the environment variable DEVROOM_ACCESS_TOKEN');
  const { plan } = await loadPlan(args, io);

  const quiet = args.flags.has('quiet');
  const client = new MatrixClient({
    homeserver: hs.href,
    accessToken: token,
    ...(io.fetch ? { fetch: io.fetch } : {}),
    ...(io.sleep ? { sleep: io.sleep } : {}),
    ...(io.signal ? { signal: io.signal } : {}),
    onWait: ({ reason, ms, method, path }) => {
      if (!quiet) io.stderr(`  waiting ${(ms / 1000).toFixed(1)} s: ${reason} (${method} ${path.replace(/^\/_matrix\/client\/v3/, '')})\n`);
    },
  });
  const result = await applyPlan({
    client,
    plan,
    dryRun: args.flags.has('dry-run'),
    log: (line) => io.stdout(line + '\n'),
    progress: (line) => {
      if (!quiet) io.stderr(line + '\n');
    },
    ...(io.signal ? { signal: io.signal } : {}),
    ...(io.now ? { now: io.now } : {}),
  });
  return result.failed.length || result.interrupted ? EXIT.failed : EXIT.ok;
}
