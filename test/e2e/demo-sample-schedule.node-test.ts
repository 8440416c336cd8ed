// The sample schedule the README offers to try `devroom plan` on (examples/schedule/).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from '../node/repo.js';
import { run } from '../../host-tools/cli/cli.js';

test("README's `plan` on the sample schedule: three rooms, four talks, no warnings", async () => {
  let out = '';
  let err = '';
  const dir = join(repoRoot, 'examples', 'schedule');
  const code = await run(['plan', join(dir, 'devroom-day.xml'), '--config', join(dir, 'devroom.json'), '--at', '2027-03-13T08:00:00Z'], {
    stdout: (t) => (out += t),
    stderr: (t) => (err += t),
    readFile: async (p) => readFileSync(p, 'utf8'),
    env: {},
    fetch: () => Promise.reject(new Error('plan must not touch the network')),
  });
  assert.equal(code, 0, err);
  assert.equal(err, '');
  assert.match(out, /^Plan for Tiny Open Source Day 2027 \(pentabarf\)\n {2}3 rooms, 4 talks; times: Europe\/Brussels/);
  assert.match(out, /Room H\.web → #tinyday27-h-web:example\.org/);
  assert.match(out, /2027-03-13 10:30–11:10 {2}An accessible video player, step by step — Jonas Sample, Mei Placeholder/);
  assert.match(out, /widget devroom-stand-booth-s-kitten \(dev\.devroom\.stand\)/);
  // The README's command is this one.
  const readme = readFileSync(join(repoRoot, 'README.md'), 'utf8');
  assert.match(readme, /devroom\.mjs plan examples\/schedule\/devroom-day\.xml --config examples\/schedule\/devroom\.json/);
});
