// `npm run test:dist`: the built widget pages (dist/) in the Element-like host, after the build.
import base from './web-test-runner.config.mjs';

export default {
  ...base,
  files: ['test/built/**/*.dist-test.ts'],
};
