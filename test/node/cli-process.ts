/**
 * The real `devroom` executable, for node tests of what only a process has: bytes read from
 * disk, signals and exit codes. esbuild bundles host-tools/cli/main.ts into a temp dir (once per
 * test file, ~0.1 s); `startCli` runs it with a clean environment.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import process from 'node:process';
import { repoRoot } from './repo.js';

export interface BuiltCli {
  /** The bundled executable (run it with node). */
  bin: string;
  /** A temp dir for the test's own files; removed by dispose(). */
  dir: string;
  dispose(): void;
}

export function buildCli(): BuiltCli {
  const dir = mkdtempSync(join(tmpdir(), 'devroom-cli-'));
  const bin = join(dir, 'devroom.mjs');
  const esbuild = join(repoRoot, 'node_modules', 'esbuild', 'bin', 'esbuild');
  const r = spawnSync(
    esbuild,
    [join(repoRoot, 'host-tools', 'cli', 'main.ts'), '--bundle', '--platform=node', '--format=esm', '--target=node20', `--outfile=${bin}`, '--log-level=warning'],
    { encoding: 'utf8' },
  );
  if (r.status !== 0) throw new Error(`esbuild could not bundle the CLI: ${r.stderr}`);
  return { bin, dir, dispose: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface RunningCli {
  readonly out: string;
  readonly err: string;
  /** Resolves once stderr matches (rejects after `ms`). */
  stderrMatches(re: RegExp, ms?: number): Promise<void>;
  signal(name: 'SIGINT' | 'SIGTERM'): void;
  /** Exit code, or 128 + n when a signal killed it. */
  exited: Promise<number>;
}

const SIGNAL_NUMBERS: Record<string, number> = { SIGINT: 2, SIGKILL: 9, SIGTERM: 15 };

export function startCli(cli: BuiltCli, args: string[], env: Record<string, string> = {}): RunningCli {
  // No inherited DEVROOM_* settings: the test says what the process sees.
  const child = spawn(process.execPath, [cli.bin, ...args], { cwd: cli.dir, env: { PATH: process.env.PATH, ...env } });
  let out = '';
  let err = '';
  const waiters: (() => void)[] = [];
  child.stdout.setEncoding('utf8');
  child.stderr.setEncoding('utf8');
  child.stdout.on('data', (c) => (out += c));
  child.stderr.on('data', (c) => {
    err += c;
    for (const w of [...waiters]) w();
  });
  const exited = new Promise<number>((resolve) => child.on('close', (code, signal) => resolve(code ?? 128 + (SIGNAL_NUMBERS[signal ?? ''] ?? 0))));
  return {
    get out() {
      return out;
    },
    get err() {
      return err;
    },
    stderrMatches(re, ms = 5000) {
      return new Promise<void>((resolve, reject) => {
        const check = () => {
          if (!re.test(err)) return;
          waiters.splice(waiters.indexOf(check), 1);
          clearTimeout(timer);
          resolve();
        };
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(check), 1);
          reject(new Error(`stderr never matched ${re} within ${ms} ms; stderr so far:\n${err}`));
        }, ms);
        waiters.push(check);
        check();
      });
    },
    signal(name) {
      child.kill(name);
    },
    exited,
  };
}

/** Runs the CLI to the end. */
export async function runCli(cli: BuiltCli, args: string[], env: Record<string, string> = {}): Promise<{ code: number; out: string; err: string }> {
  const p = startCli(cli, args, env);
  const code = await p.exited;
  return { code, out: p.out, err: p.err };
}
