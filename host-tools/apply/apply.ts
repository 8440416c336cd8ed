/**
 * Makes the homeserver match a plan. Each room: resolve its alias, create the room with
 * everything as initial state when it is missing, otherwise read its state once and PUT
 * only the events whose content differs; then open the Q&A of a room with a Q&A widget and
 * no root yet (qa-root.ts: the room's, or each scheduled talk's). Because every run diffs against what the room has, a second run
 * writes nothing and an interrupted run resumes where it stopped.
 *
 * A createRoom that got no usable answer (429, 5xx, lost connection) may still have made the
 * room. Synapse before 1.70.1 rate-limits events of the room it is making after the room and
 * its alias exist (handlers/room.py `_send_events_for_new_room`): 1.67–1.70.0 the creator's
 * join, whose 429 leaves a room with only the create event, that the creator is not in;
 * 1.69–1.70.0 also the batch after the power levels, whose 429 leaves a room without join
 * rules, history visibility, alias, initial state, name or topic. The client looks the alias
 * up before trying again (matrix-client.ts); apply joins a room it is not in then (the auth
 * rules let the creator's first join in) and finishes a half-made room (`isHalfMade`) with
 * what createRoom would have written (`creationState`) — on any later run too.
 */
import { EventTypes } from '../../widgets/schema/namespace.js';
import { InterruptedError, MatrixHttpError, TransportError, type MatrixClient } from './matrix-client.js';
import { aliasLengthProblem, PlanError, type Plan, type PlannedRoom, type StateEventPlan } from './plan.js';
import { mergePowerLevels, newRoomPowerLevels } from './power.js';
import { describeQaOpening, openQaRoot, qaRootsToOpen, type QaOpening } from './qa-root.js';
import { LAYOUT_EVENT, WIDGET_EVENT, WIDGET_ID_PREFIX } from './widget-state.js';

export interface ApplyOptions {
  client: MatrixClient;
  plan: Plan;
  dryRun?: boolean;
  /** Diff and summary lines (stdout). */
  log?: (line: string) => void;
  /** Progress lines (stderr). */
  progress?: (line: string) => void;
  signal?: AbortSignal;
  now?: () => number;
}

export interface ApplyResult {
  rooms: number;
  created: number;
  updated: number;
  unchanged: number;
  failed: { room: string; error: string }[];
  /** State events written (PUT), Q&A notices sent, rooms created and joined, as the server confirmed them; in a dry run, what would be. */
  changes: number;
  interrupted: boolean;
  stoppedBy?: string;
}

const PL = 'm.room.power_levels';

/** JSON with sorted keys: content equality regardless of key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

interface Change extends StateEventPlan {
  kind: 'add' | 'change' | 'remove';
  before?: Record<string, unknown>;
  /** Part of finishing a room the server left half-made (`creationState`). */
  creation?: boolean;
}

type StateEvent = { type: string; state_key: string; content: Record<string, unknown>; sender?: string };

/** createRoom's body for a planned room: everything as initial state. */
export function createRoomBody(room: PlannedRoom, alias: string, me: string, users: Record<string, number>) {
  return {
    room_alias_name: alias.slice(1, alias.indexOf(':')),
    name: room.name,
    topic: room.topic,
    preset: 'public_chat',
    visibility: 'private',
    power_level_content_override: newRoomPowerLevels(me, users),
    initial_state: room.state.map((s) => ({ type: s.type, state_key: s.stateKey, content: s.content })),
  };
}

/**
 * The state createRoom writes after the creator's join, besides `initial_state`: power
 * levels first (until they exist, anyone who got in could set state), then alias, name,
 * topic, history visibility, and the join rule last — so a finish that was interrupted still
 * looks half-made to the next run, which writes the rest.
 */
export function creationState(room: PlannedRoom, alias: string, me: string, users: Record<string, number>): StateEventPlan[] {
  return [
    { type: PL, stateKey: '', content: newRoomPowerLevels(me, users) },
    { type: 'm.room.canonical_alias', stateKey: '', content: { alias } },
    { type: 'm.room.name', stateKey: '', content: { name: room.name } },
    { type: 'm.room.topic', stateKey: '', content: { topic: room.topic } },
    { type: 'm.room.history_visibility', stateKey: '', content: { history_visibility: 'shared' } },
    { type: 'm.room.join_rules', stateKey: '', content: { join_rule: 'public' } },
  ];
}

/** Written by createRoom into every room, whatever the preset: one missing means its creation was cut short. */
const ALWAYS_CREATED = [PL, 'm.room.join_rules', 'm.room.history_visibility'];

/** A room `me` created that lacks what createRoom always writes (see the top of this file). */
export function isHalfMade(state: readonly StateEvent[], me: string): boolean {
  const create = state.find((e) => e.type === 'm.room.create' && e.state_key === '');
  // Room versions before 11 name the creator; from 11 on it is the sender.
  const creator = create?.content.creator ?? create?.sender;
  return creator === me && ALWAYS_CREATED.some((type) => !state.some((e) => e.type === type && e.state_key === ''));
}

/** What to PUT so the room's state matches the plan (devroom's own widgets only; others are left alone). */
/** Keys of `dev.devroom.talk` that hosts and widgets set while the conference runs. */
const LIVE_TALK_KEYS = ['phase', 'phaseTalk', 'hallway', 'qaRoot'] as const;

export function diffRoom(room: PlannedRoom, current: { type: string; state_key: string; content: Record<string, unknown> }[], users: Record<string, number>): Change[] {
  const find = (type: string, key: string) => current.find((e) => e.type === type && e.state_key === key);
  const desired: StateEventPlan[] = room.state.map((s) => ({ ...s }));
  const wanted = new Set(room.widgets.map((w) => w.id));
  const stale = current.filter((e) => e.type === WIDGET_EVENT && e.state_key.startsWith(WIDGET_ID_PREFIX) && !wanted.has(e.state_key) && Object.keys(e.content).length > 0);

  // Layout: keep other people's widgets' entries, replace devroom's.
  const layout = desired.find((s) => s.type === LAYOUT_EVENT);
  const currentLayout = find(LAYOUT_EVENT, '')?.content.widgets;
  if (layout && currentLayout && typeof currentLayout === 'object') {
    const others = Object.fromEntries(Object.entries(currentLayout as Record<string, unknown>).filter(([id]) => !id.startsWith(WIDGET_ID_PREFIX)));
    layout.content = { ...layout.content, widgets: { ...others, ...(layout.content.widgets as Record<string, unknown>) } };
  }
  // The talk state's live keys belong to the room, not to the plan: a host's phase override,
  // hallway mode and a moderator's Q&A root survive an apply run.
  const talk = desired.find((s) => s.type === EventTypes.talk && s.stateKey === '');
  const currentTalk = find(EventTypes.talk, '')?.content;
  if (talk && currentTalk) {
    for (const key of LIVE_TALK_KEYS) if (currentTalk[key] !== undefined) talk.content = { ...talk.content, [key]: currentTalk[key] };
  }
  const pl = find(PL, '');
  desired.push({ type: PL, stateKey: '', content: mergePowerLevels(pl?.content ?? {}, users) });

  const changes: Change[] = [];
  for (const s of desired) {
    const cur = find(s.type, s.stateKey);
    const empty = !cur || Object.keys(cur.content).length === 0;
    if (empty) changes.push({ ...s, kind: 'add' });
    else if (canonical(cur.content) !== canonical(s.content)) changes.push({ ...s, kind: 'change', before: cur.content });
  }
  for (const e of stale) changes.push({ type: WIDGET_EVENT, stateKey: e.state_key, content: {}, kind: 'remove', before: e.content });
  return changes;
}

function describe(change: Change): string {
  const key = change.stateKey ? ` ${change.stateKey}` : '';
  if (change.kind === 'add') return `  + ${change.type}${key}`;
  if (change.kind === 'remove') return `  - ${change.type}${key} (removed: no longer in the plan)`;
  const lines: string[] = [];
  leafDiffs(change.before ?? {}, change.content, '', lines);
  return [`  ~ ${change.type}${key}`, ...lines.map((l) => `      ${l}`)].join('\n');
}

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;

/**
 * One line per changed leaf, down through nested objects: a power-levels change reads
 * `events["dev.devroom.qa.hand"]: (none) → 0`, not a whole `events` map cut off before it.
 */
function leafDiffs(before: unknown, after: unknown, path: string, out: string[]): void {
  if (isPlainObject(before) && isPlainObject(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      if (canonical(before[k]) === canonical(after[k])) continue;
      const segment = IDENTIFIER.test(k) ? (path ? `.${k}` : k) : `[${JSON.stringify(k)}]`;
      leafDiffs(before[k], after[k], path + segment, out);
    }
    return;
  }
  const [a, b] = showPair(before, after);
  out.push(`${path}: ${a} → ${b}`);
}

const SHOW = 100;
const CONTEXT = 24;

/** Both values, or for long ones the stretch where they differ with a little context (a URL's change sits deep inside it). */
function showPair(before: unknown, after: unknown): [string, string] {
  const strings = typeof before === 'string' && typeof after === 'string';
  const text = (v: unknown) => (v === undefined ? '(none)' : strings ? (v as string) : JSON.stringify(v));
  const [a, b] = [text(before), text(after)];
  const quote = (s: string) => (strings ? `"${JSON.stringify(s).slice(1, -1)}"` : s);
  if (a.length <= SHOW && b.length <= SHOW) return [quote(a), quote(b)];
  let p = 0;
  while (p < a.length && p < b.length && a[p] === b[p]) p++;
  let q = 0;
  while (q < a.length - p && q < b.length - p && a[a.length - 1 - q] === b[b.length - 1 - q]) q++;
  const from = Math.max(0, p - CONTEXT);
  const window = (s: string) => {
    const to = Math.min(s.length, s.length - q + CONTEXT);
    const middle = to - from > SHOW + 2 * CONTEXT ? `${s.slice(from, from + SHOW + CONTEXT)}…` : s.slice(from, to);
    return `${from > 0 ? '…' : ''}${middle}${to < s.length && !middle.endsWith('…') ? '…' : ''}`;
  };
  return [quote(window(a)), quote(window(b))];
}

const events = (n: number) => `${n} state event${n === 1 ? '' : 's'}`;

/** What one room got in this run, as the server confirmed it (a run can stop between two writes). */
interface RoomWrites {
  created: boolean;
  /** The host user joined the room its alias leads to (after a createRoom that got no usable answer). */
  joined?: boolean;
  /** A half-made room (`isHalfMade`): finishing it counts as creating it. */
  halfMade?: boolean;
  /** Of `creation` planned, the creation events written to finish it. */
  finished?: number;
  creation?: number;
  /** State events written, of `stateTotal` planned. */
  state: number;
  stateTotal: number;
  /** Opening Q&As (the room's, or one per talk): notices sent; of them, roots written, or roots someone set meanwhile kept. */
  qa?: { notices: number; opened: number; kept: number };
}

const wroteAny = (w: RoomWrites) => w.created || w.joined === true || (w.finished ?? 0) > 0 || w.state > 0 || w.qa !== undefined;

/** "opened the Q&A", "opened the Q&A of 3 talks", "sent the Q&A notice" (interrupted before its root)… */
function wroteQa({ notices, opened, kept }: NonNullable<RoomWrites['qa']>): string[] {
  const parts: string[] = [];
  if (opened) parts.push(`opened the Q&A${notices > 1 ? ` of ${opened} talk${opened === 1 ? '' : 's'}` : ''}`);
  if (kept) parts.push(`sent ${kept === 1 ? 'a Q&A notice' : `${kept} Q&A notices`} but a root appeared meanwhile: kept`);
  const unanswered = notices - opened - kept;
  if (unanswered) parts.push(unanswered === 1 && notices === 1 ? 'sent the Q&A notice' : `sent ${unanswered} Q&A notice${unanswered === 1 ? '' : 's'} without their root yet`);
  return parts;
}

/** "created, opened the Q&A", "wrote 1 of 2 state events"… ('' when nothing was written). */
function wrote(w: RoomWrites): string {
  const parts: string[] = [];
  if (w.halfMade && w.created) {
    const finished = w.finished ?? 0;
    const total = w.creation ?? 0;
    const of = finished < total ? `${finished} of its ${total}` : `its ${finished}`;
    parts.push(`created (the server had left it half-made: ${w.joined ? 'joined it, ' : ''}wrote ${of} creation event${total === 1 ? '' : 's'})`);
  } else if (w.created) parts.push('created');
  if (w.joined && !w.halfMade) parts.push('joined');
  if (w.state) parts.push(w.state < w.stateTotal ? `wrote ${w.state} of ${events(w.stateTotal)}` : `wrote ${events(w.state)}`);
  if (w.qa) parts.push(...wroteQa(w.qa));
  return parts.join(', ');
}

const forbidden = (e: unknown): e is MatrixHttpError => e instanceof MatrixHttpError && e.status === 403;

/** The room's state; a room the host user is not in fails with what to do about it. */
async function readState(client: MatrixClient, roomId: string, alias: string): Promise<StateEvent[]> {
  try {
    return await client.getState(roomId);
  } catch (e) {
    if (!forbidden(e)) throw e;
    throw new Error(
      `${e.message} — the host user is not in the room ${alias} leads to: invite it there. If devroom made that room and a 429 cut its creation short (Synapse before 1.70.1), join it as the host user (POST /_matrix/client/v3/rooms/${encodeURIComponent(roomId)}/join) and run apply again: it finishes the room`,
    );
  }
}

/**
 * The state of the room the alias led to after a createRoom with no usable answer. Not in
 * it: that createRoom probably made it and its join was refused (Synapse before 1.70.1), so
 * join it — the auth rules let the creator's first join in; someone else's room may refuse.
 */
async function joinedState(client: MatrixClient, roomId: string, alias: string, w: RoomWrites, result: ApplyResult): Promise<StateEvent[]> {
  try {
    return await client.getState(roomId);
  } catch (e) {
    if (!forbidden(e)) throw e;
  }
  try {
    await client.joinRoom(roomId);
  } catch (e) {
    if (!forbidden(e)) throw e;
    throw new Error(
      `createRoom got no usable answer, and ${alias} then led to ${roomId}, which the host user is not in and may not join (${e.message}): another account made that room; invite the host user there, or change the alias`,
    );
  }
  w.joined = true;
  result.changes++;
  return client.getState(roomId);
}

const fmtDuration = (ms: number) => {
  const s = Math.round(ms / 1000);
  return s >= 3600 ? `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m` : s >= 60 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s` : `${s}s`;
};

export async function applyPlan(options: ApplyOptions): Promise<ApplyResult> {
  const { client, plan } = options;
  const log = options.log ?? (() => {});
  const progress = options.progress ?? (() => {});
  const now = options.now ?? (() => Date.now());
  const result: ApplyResult = { rooms: plan.rooms.length, created: 0, updated: 0, unchanged: 0, failed: [], changes: 0, interrupted: false };
  const started = now();

  const me = (await client.whoami()).user_id;
  const server = me.slice(me.indexOf(':') + 1);
  const users = plan.powerLevels.users;
  // Aliases made with the server's name, known only now: all checked before any room is touched (plan.ts checked the others).
  const tooLong = plan.rooms.flatMap((room) => (room.alias ? [] : [aliasLengthProblem(room.room, { full: `#${room.aliasLocalpart}:${server}`, chosen: false })]));
  if (tooLong.some(Boolean)) throw new PlanError(tooLong.filter((p): p is string => p !== undefined));

  let done = 0;
  for (const room of plan.rooms) {
    if (options.signal?.aborted) {
      result.interrupted = true;
      result.stoppedBy = 'interrupted';
      break;
    }
    const alias = room.alias ?? `#${room.aliasLocalpart}:${server}`;
    let what = '';
    const w: RoomWrites = { created: false, state: 0, stateTotal: 0 };
    /** A createRoom went unanswered, then the alias led to this room: maybe ours, half-made. */
    let found = false;
    // Every confirmed write counts once; the first one in an existing room makes it "updated" (in a half-made one, "created").
    const confirmed = () => {
      if (!wroteAny(w)) {
        if (w.halfMade) {
          w.created = true;
          result.created++;
        } else result.updated++;
      }
      result.changes++;
    };
    /** One root after the other (a talk's notice, then its root): what got through counts if a later one fails. */
    const openQa = async (roomId: string, openings: QaOpening[]) => {
      for (const opening of openings) {
        const outcome = await openQaRoot(client, roomId, me, opening, (write) => {
          confirmed();
          if (write === 'notice') (w.qa ??= { notices: 0, opened: 0, kept: 0 }).notices++;
        });
        w.qa![outcome]++;
      }
    };
    try {
      let roomId = await client.resolveAlias(alias);
      if (!roomId) {
        const aliasServer = alias.slice(alias.indexOf(':') + 1);
        if (aliasServer !== server) throw new Error(`alias ${alias} does not exist and is on another server than ${server}: create it there or change the config`);
        const body = createRoomBody(room, alias, me, users);
        // A room we create has no root: its state is what we give it.
        const openings = qaRootsToOpen(room, []);
        if (options.dryRun) {
          log(`${room.room} (${alias}): + create room with ${body.initial_state.length} state events and power levels${openings.map((o) => `\n${describeQaOpening(o)}`).join('')}`);
          result.created++;
          result.changes += 1 + 2 * openings.length;
          what = openings.length ? 'would create and open the Q&A' : 'would create';
        } else {
          let created: string | undefined;
          try {
            // After a try with no usable answer the alias is looked up before the next one.
            const outcome = await client.createRoom(body, alias);
            if (outcome.found) {
              roomId = outcome.room_id;
              found = true;
            } else created = outcome.room_id;
          } catch (e) {
            // Someone (or our own earlier, interrupted attempt) took the alias meanwhile: update that room.
            if (!(e instanceof MatrixHttpError && e.errcode === 'M_ROOM_IN_USE')) throw e;
            roomId = await client.resolveAlias(alias);
            if (!roomId) throw e;
          }
          if (created) {
            roomId = created;
            result.created++;
            result.changes++;
            w.created = true;
            await openQa(created, openings);
            what = wrote(w);
          }
        }
      }
      if (roomId && !what) {
        const state = found ? await joinedState(client, roomId, alias, w, result) : await readState(client, roomId, alias);
        // A room whose creation was cut short: first what createRoom would have written.
        const halfMade = isHalfMade(state, me);
        const finish: Change[] = halfMade
          ? creationState(room, alias, me, users)
              .filter((s) => !state.some((e) => e.type === s.type && e.state_key === s.stateKey))
              .map((s) => ({ ...s, kind: 'add', creation: true }))
          : [];
        if (halfMade) Object.assign(w, { halfMade, creation: finish.length, finished: 0 });
        // The join was this room's first write.
        if (w.joined && halfMade) {
          w.created = true;
          result.created++;
        } else if (w.joined) result.updated++;
        const finished = [...state, ...finish.map((s) => ({ type: s.type, state_key: s.stateKey, content: s.content }))];
        const changes = [...finish, ...diffRoom(room, finished, users)];
        const openings = qaRootsToOpen(room, finished);
        w.stateTotal = changes.length - finish.length;
        const planned = changes.length + 2 * openings.length;
        if (!planned) {
          result.unchanged++;
          what = 'unchanged';
        } else if (options.dryRun) {
          log(`${room.room} (${alias}, ${roomId}):${halfMade ? ' half-made (its creation was cut short): finish it' : ''}\n${[...changes.map(describe), ...openings.map(describeQaOpening)].join('\n')}`);
          result.changes += planned;
          if (halfMade) result.created++;
          else result.updated++;
          what = `would ${[halfMade ? 'finish creating it' : '', changes.length ? `write ${events(changes.length)}` : '', openings.length ? 'open the Q&A' : ''].filter(Boolean).join(' and ')}`;
        } else {
          for (const c of changes) {
            await client.putState(roomId, c.type, c.stateKey, c.content);
            confirmed();
            if (c.creation) w.finished = (w.finished ?? 0) + 1;
            else w.state++;
          }
          // After the widget and the power levels: the root is for a room that has its Q&A widget.
          await openQa(roomId, openings);
          what = wrote(w);
        }
      }
    } catch (e) {
      const partly = wroteAny(w) ? `${wrote(w)}, then ` : '';
      if (e instanceof InterruptedError) {
        result.interrupted = true;
        result.stoppedBy = 'interrupted';
        // A room left before anything was written is not counted as visited.
        if (wroteAny(w)) {
          done++;
          progress(`[${String(done).padStart(String(plan.rooms.length).length)}/${plan.rooms.length}] ${room.room}: ${partly}stopped`);
        } else progress(`${room.room}: stopped before any change`);
        break;
      }
      if (e instanceof TransportError) {
        result.interrupted = true;
        result.stoppedBy = `homeserver unreachable: ${e.message}`;
        result.failed.push({ room: room.room, error: e.message });
        break;
      }
      const message = e instanceof Error ? e.message : String(e);
      result.failed.push({ room: room.room, error: message });
      what = `${partly}FAILED: ${message}`;
    }
    done++;
    const elapsed = now() - started;
    const eta = done < plan.rooms.length ? ` · ETA ${fmtDuration((elapsed / done) * (plan.rooms.length - done))}` : '';
    progress(`[${String(done).padStart(String(plan.rooms.length).length)}/${plan.rooms.length}] ${room.room}: ${what}${eta}`);
    if (result.interrupted) break;
  }

  const s = client.stats;
  const verb = options.dryRun ? 'would change' : 'changed';
  log(
    [
      `${options.dryRun ? 'Dry run' : 'Done'}${result.interrupted ? ` (stopped: ${result.stoppedBy}; re-run to resume)` : ''}: ${done}/${result.rooms} rooms — ${result.created} ${options.dryRun ? 'to create' : 'created'}, ${result.updated} ${options.dryRun ? 'to update' : 'updated'}, ${result.unchanged} unchanged, ${result.failed.length} failed; ${result.changes} ${verb}.`,
      `Requests: ${s.requests} (${s.reads} reads, ${s.writes} writes), rate-limited ${s.rateLimited}×, retried ${s.transientRetries}×, waited ${fmtDuration(s.waitedMs)}, took ${fmtDuration(now() - started)}.`,
      ...result.failed.map((f) => `  failed: ${f.room}: ${f.error}`),
    ].join('\n'),
  );
  return result;
}
