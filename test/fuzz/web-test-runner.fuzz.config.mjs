// Replays a fuzz run: FUZZ_SEED=<seed printed by a run> npx web-test-runner --config test/fuzz/web-test-runner.fuzz.config.mjs
// The normal configuration, with the seed written onto each test page (test/fuzz/seed.ts reads it).
import base from '../../web-test-runner.config.mjs';

const seed = /^\d+$/.test(process.env.FUZZ_SEED ?? '') ? process.env.FUZZ_SEED : '';

export default {
  ...base,
  files: ['test/fuzz/**/*.test.ts'],
  testRunnerHtml: (testFramework) =>
    `<!doctype html><html><body><script>globalThis.FUZZ_SEED = ${JSON.stringify(seed)};</script><script type="module" src="${testFramework}"></script></body></html>`,
};
