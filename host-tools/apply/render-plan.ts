/** Human-readable plan: stable text (snapshot-tested), local times in the schedule's zone. */
import type { Plan } from './plan.js';
import { wallClockParts } from '../schedule/time.js';
import { SCHEDULE_EVENT } from '../../widgets/schema/schedule.js';

/** "YYYY-MM-DD HH:MM" in `zone` (UTC when none), built from parts so ICU versions cannot change it. */
export function localTime(isoUtc: string, zone?: string): string {
  const p = wallClockParts(Date.parse(isoUtc), zone ?? 'UTC');
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function renderPlan(plan: Plan): string {
  const zone = plan.timeZone;
  const zoneLabel = zone ?? 'UTC';
  const lines: string[] = [];
  const talkCount = plan.rooms.reduce((n, r) => n + r.talks.length, 0);
  lines.push(`Plan for ${plan.conference} (${plan.format})`);
  lines.push(`  ${plan.rooms.length} rooms, ${talkCount} talks; times: ${plan.timeZoneNote}; as of ${plan.at}`);
  if (plan.skipped.length) lines.push(`  skipped by config: ${plan.skipped.join(', ')}`);
  for (const w of plan.warnings) lines.push(`  warning: ${w}`);
  lines.push('');
  lines.push('Power levels in every room (m.room.power_levels, merged into what a room has):');
  for (const [type, level] of Object.entries(plan.powerLevels.events)) lines.push(`  ${type.padEnd(34)} ${level}`);
  for (const [user, level] of Object.entries(plan.powerLevels.users)) lines.push(`  user ${user.padEnd(29)} ${level}`);
  lines.push('  (the account running apply gets 100 in rooms it creates)');

  for (const r of plan.rooms) {
    lines.push('');
    lines.push(`Room ${r.room} → ${r.alias ?? `#${r.aliasLocalpart}:<server>`}`);
    lines.push(`  name: ${r.name}`);
    lines.push(`  topic: ${r.topic}`);
    for (const w of r.widgets) {
      const l = r.layout.widgets[w.id];
      lines.push(`  widget ${w.id} (${w.content.type}) ${l ? `${l.container} #${l.index} ${l.width}%` : ''}`.trimEnd());
      lines.push(`    ${w.content.url}`);
    }
    if (r.talk) {
      const t = r.talk;
      lines.push('  talk state (every talk):');
      if (t.stream) lines.push(`    stream ${t.stream}`);
      if (t.jitsiRoom) lines.push(`    jitsi ${t.jitsiDomain}/${t.jitsiRoom}`);
    }
    const keys = r.state.filter((s) => s.type === SCHEDULE_EVENT).map((s) => s.stateKey || '""');
    lines.push(`  talks (${r.talks.length}, ${zoneLabel})${keys.length ? `, in ${SCHEDULE_EVENT} ${keys.join(' ')}` : ''}:`);
    for (const t of r.talks) {
      const who = t.speakers.length ? ` — ${t.speakers.join(', ')}` : '';
      lines.push(`    ${localTime(t.start, zone)}–${localTime(t.end, zone).slice(11)}  ${t.title}${who}`);
    }
  }
  return lines.join('\n') + '\n';
}
