// devroom build. esbuild transforms and minifies TypeScript (tsc 5.9 only type-checks
// and emits .d.ts: see README "Toolchain"); rollup does the module graph, code
// splitting and the outputs below.
import { existsSync } from 'node:fs';
import esbuild, { minify } from 'rollup-plugin-esbuild';
import { literalsHtmlCssMinifier } from '@literals/rollup-plugin-html-css-minifier';
import terser from '@rollup/plugin-terser';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import { firstLoadInOneFile, retryDynamicImports, widgetApiFromSource, widgetPages, sizeManifest } from './scripts/rollup-plugins.mjs';

const components = ['talk-player', 'qa-queue', 'stand-booth', 'food-truck-menu'];

/** A component (or its widget page) joins the build once its folder has landed. */
const present = (path) => existsSync(new URL(path, import.meta.url));

const transform = () => [
  esbuild({
    include: /\.[jt]s$/,
    // matrix-widget-api is bundled from its TypeScript source in node_modules.
    exclude: /node_modules\/(?!matrix-widget-api\/src)/,
    target: 'es2022',
    legalComments: 'none',
  }),
  // Whitespace inside Lit's html`` and css`` templates is bytes esbuild cannot remove.
  literalsHtmlCssMinifier({ include: ['components/**/*.ts', 'widgets/**/*.ts'], failOnError: true }),
  minify({ target: 'es2022', legalComments: 'none' }),
  // A second, slower pass after esbuild's: terser's renaming and compression take about
  // another 1 KB gz off every widget page (measured), which the budgets need.
  terser({ module: true, ecma: 2020, compress: { passes: 2 }, format: { comments: false } }),
];

const browserPlugins = (options = {}) => [
  widgetApiFromSource(options),
  nodeResolve({ browser: true, preferBuiltins: false, exportConditions: ['production'] }),
  ...transform(),
];

const componentEntries = Object.fromEntries(
  components.filter((c) => present(`./components/${c}/define.ts`)).map((c) => [c, `components/${c}/define.ts`]),
);

/** npm package: one ESM file per entry point, lit/hls.js left to the consumer's bundler. */
const library = {
  input: {
    devroom: 'components/index.ts',
    ...componentEntries,
    widget: 'widgets/index.ts',
    ...(present('./widgets/testing/index.ts') ? { testing: 'widgets/testing/index.ts' } : {}),
  },
  external: [/^lit(\/|$)/, /^@lit\//, /^hls\.js(\/|$)/],
  plugins: [...browserPlugins(), sizeManifest('npm entries')],
  output: {
    dir: 'dist',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
};

/** CDN: one <script type="module" src=".../devroom.js"> registers every element; heavy parts are lazy chunks. */
const cdn = {
  input: { devroom: 'components/index.ts' },
  plugins: [...browserPlugins(), retryDynamicImports(), sizeManifest('CDN build')],
  output: {
    dir: 'dist/cdn',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
};

const pages = components
  .filter((c) => present(`./widgets/${c}/page.ts`))
  .map((c) => ({ name: c, title: `devroom ${c.replace(/-/g, ' ')}` }));

/**
 * Static widget pages: dist/widgets/<name>.html, self-contained, host anywhere. One build per
 * page, so each page's first load is ONE file: every widget runs in its own iframe, and
 * chunks shared between pages cost a request and a fresh gzip dictionary each (measured:
 * 2-2.6 KB gz more per page than the same code in one file) for a cache hit only when two
 * devroom widgets from the same server are open at once. Lazy parts stay separate chunks.
 */
const widgetPageBuilds = pages.map((page) => ({
  input: { [page.name]: `widgets/${page.name}/page.ts` },
  // A page is not a library: nothing imports its exports, so rollup need not keep a facade.
  preserveEntrySignatures: false,
  plugins: [
    ...browserPlugins({ stripUnused: true, entry: `widgets/${page.name}/page.ts` }),
    widgetPages([page]),
    retryDynamicImports(),
    sizeManifest('widget pages', { pageImportsAreFirstLoad: true, merge: true }),
  ],
  output: {
    dir: 'dist/widgets',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: `chunks/${page.name}/[name]-[hash].js`,
    // Everything the page imports statically is its first load: keep it in the page file
    // even where a lazy chunk shares a module (rollup would otherwise split it out).
    manualChunks: firstLoadInOneFile(`widgets/${page.name}/page.ts`, page.name),
  },
}));

/**
 * dist/public/auto.js: one module script that binds the devroom elements on any page that
 * carry `homeserver` and `room` attributes to that public Matrix room, read-only. Its own
 * build, so its chunks never reshape the widget pages'.
 */
const publicAuto = {
  input: { auto: 'widgets/public/auto.ts' },
  plugins: [...browserPlugins(), retryDynamicImports(), sizeManifest('public rooms')],
  output: {
    dir: 'dist/public',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].js',
    chunkFileNames: 'chunks/[name]-[hash].js',
  },
};

/** The `devroom` CLI for conference hosts (Node, ESM; node:* built-ins stay external). */
const cli = {
  input: { devroom: 'host-tools/cli/main.ts' },
  external: [/^node:/],
  plugins: [nodeResolve({ preferBuiltins: true }), ...transform()],
  output: {
    dir: 'dist/cli',
    format: 'es',
    sourcemap: true,
    entryFileNames: '[name].mjs',
    banner: '#!/usr/bin/env node',
  },
};

export default [library, cdn, ...widgetPageBuilds, publicAuto, cli];
