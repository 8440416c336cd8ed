// custom-elements.json (referenced from package.json "customElements") documents every
// element's attributes, properties, events, slots, parts and CSS properties from JSDoc.
export default {
  globs: ['components/**/*.ts'],
  exclude: ['**/*.test.ts', '**/*.bench.ts', 'components/**/*.styles.ts'],
  outdir: '.',
  litelement: true,
  dependencies: false,
};
