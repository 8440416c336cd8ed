// `--help` on every command, and the environment variables the help names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ownSchedules } from '../../test/node/repo.js';
import { run } from './cli.js';

async function cli(argv: string[], env: Record<string, string> = {}) {
  let out = '';
  let err = '';
  const code = await run(argv, {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readFile: async (p) => readFileSync(p, 'utf8'),
    env,
    fetch: () => Promise.reject(new Error('help must not touch the network')),
  });
  return { code, out, err };
}

test('every command answers --help (and -h) with its usage, exit 0, nothing else done', async () => {
  const cases: [string[], RegExp][] = [
    [['plan', '--help'], /devroom plan <schedule>/],
    [['plan', 'schedule.xml', '-h'], /devroom plan <schedule>/],
    [['apply', '--help'], /devroom apply <schedule> --homeserver URL/],
    [['apply', 'missing.xml', '--homeserver', 'https://matrix.example.org', '--help'], /devroom apply <schedule>/],
    [['widget', '--help'], /devroom widget <kind> --base URL/],
    [['widget', 'talk-player', '--help'], /talk-player: .*--starts-at/],
    [['help', 'plan'], /devroom plan <schedule>/],
  ];
  for (const [argv, usage] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 0, `${argv.join(' ')}: ${r.err}`);
    assert.equal(r.err, '', argv.join(' '));
    assert.match(r.out, usage, argv.join(' '));
  }
  const plan = await cli(['plan', '--help']);
  assert.doesNotMatch(plan.out, /devroom widget <kind>/, 'only the command asked about');
  assert.match((await cli(['help', 'nope'])).err, /unknown command "nope"/);
});

test('the help names the environment variables: DEVROOM_ACCESS_TOKEN and DEVROOM_WIDGET_BASE', async () => {
  const all = await cli(['--help']);
  assert.match(all.out, /DEVROOM_WIDGET_BASE/);
  assert.match(all.out, /DEVROOM_ACCESS_TOKEN/);
  assert.match((await cli(['plan', '--help'])).out, /DEVROOM_WIDGET_BASE/);
  assert.match((await cli(['widget', '--help'])).out, /DEVROOM_WIDGET_BASE/);
  assert.match((await cli(['apply', '--help'])).out, /DEVROOM_ACCESS_TOKEN/);
});

test('DEVROOM_WIDGET_BASE is the widget base for plan too, when neither the config nor --widget-base names one', async () => {
  const file = join(ownSchedules, 'frab.xml');
  const r = await cli(['plan', file, '--json'], { DEVROOM_WIDGET_BASE: 'https://cdn.example.org/devroom' });
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /"url": "https:\/\/cdn\.example\.org\/devroom\/widgets\/talk-player\.html#/);
  const flag = await cli(['plan', file, '--json', '--widget-base', 'https://flag.example.org'], { DEVROOM_WIDGET_BASE: 'https://cdn.example.org/devroom' });
  assert.match(flag.out, /"url": "https:\/\/flag\.example\.org\/widgets\//, '--widget-base wins over the environment');
  const bad = await cli(['plan', file], { DEVROOM_WIDGET_BASE: 'http://cdn.example.org' });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /DEVROOM_WIDGET_BASE: must be an https:\/\/ URL/);
  const configured = await cli(['plan', file, '--config', join(ownSchedules, 'plan-config.json')], { DEVROOM_WIDGET_BASE: 'http://unused.example.org' });
  assert.equal(configured.code, 0, `the config's widgetBase wins; the environment is not even checked: ${configured.err}`);
});

test('a usage error points at the command\'s own --help; an unknown command at devroom help', async () => {
  const cases: [string[], string][] = [
    [['plan'], 'devroom plan --help'],
    [['plan', 'schedule.xml', '--nope'], 'devroom plan --help'],
    [['apply', 'schedule.xml'], 'devroom apply --help'],
    [['widget'], 'devroom widget --help'],
    [['widget', 'talk-player', 'extra', '--base', 'https://widgets.example.org'], 'devroom widget --help'],
    [['nope'], 'devroom help'],
    [['help', 'nope'], 'devroom help'],
  ];
  for (const [argv, help] of cases) {
    const r = await cli(argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.ok(r.err.endsWith(`\nRun "${help}" for usage.\n`), `${argv.join(' ')}: ${r.err}`);
  }
});
