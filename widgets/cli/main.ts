// The `devroom` executable (the build adds `#!/usr/bin/env node`). Binds the CLI to Node:
// files, environment, stdout/stderr, and Ctrl-C, which stops apply after the request in
// flight so the summary still prints (a re-run resumes).
import { readFile } from 'node:fs/promises';
import process from 'node:process';
import { run } from './cli.js';

const controller = new AbortController();
let interrupts = 0;
const onSignal = () => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  process.stderr.write('\ndevroom: stopping after the current request (Ctrl-C again to quit now)…\n');
  controller.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

const code = await run(process.argv.slice(2), {
  stdout: (t) => void process.stdout.write(t),
  stderr: (t) => void process.stderr.write(t),
  readFile: (path) => readFile(path, 'utf8'),
  env: process.env,
  signal: controller.signal,
});
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
process.exitCode = interrupts ? 130 : code;
