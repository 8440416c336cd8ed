// The `devroom` process itself: Ctrl-C during apply, exit codes. Runs the bundled CLI against
// the local mock homeserver, holding a write in flight while the signal arrives.
import { after, before, beforeEach, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildCli, runCli, startCli, type BuiltCli, type RunningCli } from '../../test/node/cli-process.js';
import { MockHomeserver } from '../../test/node/mock-homeserver.js';
import { ownSchedules } from '../../test/node/repo.js';

let cli: BuiltCli;
let hs: MockHomeserver;
before(async () => {
  cli = buildCli();
  hs = await new MockHomeserver().start();
});
after(async () => {
  await hs.stop();
  cli.dispose();
});

const config = JSON.parse(readFileSync(join(ownSchedules, 'plan-config.json'), 'utf8')) as Record<string, unknown>;
const applyArgs = () => ['apply', 'schedule.xml', '--config', 'config.json', '--homeserver', hs.url, '--at', '2021-02-06T10:10:00+01:00'];
const env = { DEVROOM_ACCESS_TOKEN: 'secret-token' };

// The rooms exist; then new stream URLs make two writes (widget + talk state) in each talk room.
beforeEach(async () => {
  hs.aliases.clear();
  hs.rooms.clear();
  hs.log.length = 0;
  hs.fault = undefined;
  writeFileSync(join(cli.dir, 'schedule.xml'), readFileSync(join(ownSchedules, 'pentabarf-fosdem.xml'), 'utf8'));
  writeFileSync(join(cli.dir, 'config.json'), JSON.stringify(config));
  const first = await runCli(cli, applyArgs(), env);
  assert.equal(first.code, 0, first.err);
  writeFileSync(join(cli.dir, 'config.json'), JSON.stringify({ ...config, stream: 'https://cdn2.example.org/{room_slug}.m3u8' }));
});

/** Starts apply and holds its first state write until `release()`; `signalled` runs while it is held. */
function applyHoldingFirstWrite(signalled: (p: RunningCli) => Promise<void>) {
  let release!: () => void;
  const held = new Promise<void>((r) => (release = r));
  let puts = 0;
  let during: Promise<void> | undefined;
  hs.fault = async (req) => {
    if (req.method === 'PUT' && ++puts === 1) {
      // Runs once the process has sent the write, so `p` is set by then.
      during = signalled(p);
      await held;
    }
    return undefined;
  };
  const p = startCli(cli, applyArgs(), env);
  return { p, release: () => release(), puts: () => puts, during: () => during };
}

test('Ctrl-C during apply: the write in flight finishes, the summary reports only confirmed writes, exit code 1', async () => {
  const run = applyHoldingFirstWrite(async (p) => {
    p.signal('SIGINT');
    await p.stderrMatches(/stopping after the current request/);
    run.release();
  });
  const code = await run.p.exited;
  await run.during();
  assert.equal(run.puts(), 1, 'the server saw one state write');
  assert.equal(code, 1, `exit code (docs/hosting.md: 1 when the run stopped)\n${run.p.err}`);
  assert.match(run.p.err, /\[1\/3\] K\.fosdem: wrote 1 of 2 state events, then stopped\n/);
  assert.match(run.p.out, /^Done \(stopped: interrupted; re-run to resume\): 1\/3 rooms — 0 created, 1 updated, 0 unchanged, 0 failed; 1 changed\.$/m);
  assert.match(run.p.out, /Requests: 4 \(3 reads, 1 writes\)/);

  // The re-run writes the rest, and only the rest.
  const mark = hs.log.length;
  const again = await runCli(cli, applyArgs(), env);
  assert.equal(again.code, 0, again.err);
  assert.equal(hs.log.slice(mark).filter((r) => r.method !== 'GET').length, 3);
});

test('a second Ctrl-C quits at once with 130 and no summary', async () => {
  const run = applyHoldingFirstWrite(async (p) => {
    p.signal('SIGINT');
    await p.stderrMatches(/Ctrl-C again to quit now/);
    p.signal('SIGINT');
  });
  const code = await run.p.exited;
  run.release();
  await run.during();
  assert.equal(code, 130);
  assert.doesNotMatch(run.p.out, /Done/);
});
