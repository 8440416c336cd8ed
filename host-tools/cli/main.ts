// The `devroom` executable (the build adds `#!/usr/bin/env node`). Binds the CLI to Node:
// files, environment, stdout/stderr, and Ctrl-C, which stops apply after the request in
// flight so the summary still prints (a re-run resumes).
//
// Exit codes (docs/hosting.md): a stopped run exits 1 like any unfinished run — its summary
// says what was written. A second Ctrl-C quits at once, without a summary, with the shell's
// code for death by that signal (130 for SIGINT, 143 for SIGTERM).
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { run } from './cli.js';

const SIGNAL_EXIT = { SIGINT: 130, SIGTERM: 143 } as const;
const controller = new AbortController();
const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
  if (controller.signal.aborted) process.exit(SIGNAL_EXIT[signal]);
  process.stderr.write('\ndevroom: stopping after the current request (Ctrl-C again to quit now)…\n');
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await run(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  // Bytes: the CLI decodes them as the file declares (Latin-1, UTF-16, …).
  readFile: (path) => readFile(path),
  env: process.env,
  signal: controller.signal,
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
process.exitCode = code;
