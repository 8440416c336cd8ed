// What else ran on the machine during `npm run bench`: benchmark figures on a shared 2-core
// machine mean little without it. Samples /proc every 2 s (Linux; elsewhere only load averages)
// and splits the CPU time used into this run's (the test runner and its Chromium, i.e. this
// process and its descendants) and everybody else's, by command. Short-lived processes that
// start and end between two samples are missed, so "others" is a lower bound.
import { cpus, loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';

const TICKS = 100; // USER_HZ: /proc/<pid>/stat counts CPU time in 1/100 s on Linux.

/** pid → { ppid, comm, cpu (ticks) } for every process we may read. */
function processes() {
  const all = new Map();
  let pids;
  try {
    pids = readdirSync('/proc').filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined; // no /proc: not Linux
  }
  for (const pid of pids) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      // "pid (comm) state ppid … utime stime …": comm may hold spaces and parentheses.
      const close = stat.lastIndexOf(')');
      const comm = stat.slice(stat.indexOf('(') + 1, close);
      const fields = stat.slice(close + 2).split(' ');
      all.set(Number(pid), { ppid: Number(fields[1]), comm, cpu: Number(fields[11]) + Number(fields[12]) });
    } catch {
      // gone since readdir
    }
  }
  return all;
}

/** This process and everything it started (Chromium, esbuild, …). */
function ours(all) {
  const mine = new Set([process.pid]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, p] of all) {
      if (!mine.has(pid) && mine.has(p.ppid)) {
        mine.add(pid);
        grew = true;
      }
    }
  }
  return mine;
}

/** Starts sampling; `stop()` returns the summary. */
export function watchLoad(intervalMs = 2000) {
  const startedAt = Date.now();
  const loadStart = loadavg();
  let loadMax = loadStart[0];
  const seen = new Map(); // pid → cpu ticks at the last sample
  let first = true;
  let ourTicks = 0;
  const otherTicks = new Map(); // comm → ticks
  const sample = () => {
    loadMax = Math.max(loadMax, loadavg()[0]);
    const all = processes();
    if (!all) return;
    const mine = ours(all);
    for (const [pid, p] of all) {
      // A process first seen after the first sample started during the run: all its time counts.
      const before = seen.get(pid) ?? (first ? p.cpu : 0);
      seen.set(pid, p.cpu);
      const delta = Math.max(0, p.cpu - before);
      if (!delta) continue;
      if (mine.has(pid)) ourTicks += delta;
      else otherTicks.set(p.comm, (otherTicks.get(p.comm) ?? 0) + delta);
    }
    first = false;
  };
  sample();
  const timer = setInterval(sample, intervalMs);
  timer.unref();
  return {
    stop() {
      clearInterval(timer);
      sample();
      const seconds = Math.max(1, (Date.now() - startedAt) / 1000);
      const others = [...otherTicks].map(([comm, ticks]) => ({ command: comm, cpuSeconds: ticks / TICKS })).sort((a, b) => b.cpuSeconds - a.cpuSeconds);
      const otherSeconds = others.reduce((sum, o) => sum + o.cpuSeconds, 0);
      const cores = cpus().length;
      return {
        cores,
        cpuModel: cpus()[0]?.model ?? 'unknown',
        wallSeconds: Math.round(seconds),
        loadavg: { start: round(loadStart[0]), max: round(loadMax), end: round(loadavg()[0]) },
        // Share of all cores' time over the run (1.0 = every core busy the whole time).
        thisRun: { cpuSeconds: round(ourTicks / TICKS), share: round(ourTicks / TICKS / (seconds * cores)) },
        others: { cpuSeconds: round(otherSeconds), share: round(otherSeconds / (seconds * cores)), top: others.slice(0, 5).map((o) => ({ ...o, cpuSeconds: round(o.cpuSeconds) })) },
      };
    },
  };
}

const round = (x) => Math.round(x * 100) / 100;
