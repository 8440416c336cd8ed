// The widget pages' WidgetApi strip (scripts/rollup-plugins.mjs, UNUSED_WIDGET_API_MEMBERS) and
// its guard. The guard was a regex over each of our modules' source, `\.name\s*\(`: it fired on
// our own methods of a stripped name (and on comments) and missed `api[name]()`, `api['name']`,
// destructuring, `.bind`, optional calls. It now asks the TypeScript checker about the modules
// the page's bundle keeps after tree-shaking (findStrippedMemberUses). Here the same code goes
// through both, then a real rollup build of a page that reaches a stripped member must fail.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { repoRoot } from '../node/repo.js';

interface Use {
  file: string;
  line: number;
  column: number;
  kind: 'member' | 'computed' | 'escape';
  member?: string;
  text: string;
}
interface RollupPlugins {
  UNUSED_WIDGET_API_MEMBERS: string[];
  findStrippedMemberUses(options: { files: string[]; members: string[]; sources?: Record<string, string> }): Promise<Use[]>;
  inBundle(uses: Use[], code: string[]): Use[];
  widgetApiFromSource(options: { stripUnused?: boolean; entry?: string }): object;
}
interface Rollup {
  rollup(options: object): Promise<{ generate(options: object): Promise<{ output: { type: string; code?: string }[] }> }>;
}
interface EsbuildPlugin {
  default(options: object): object;
}

// Loaded from the repository, not bundled into this test (node-test.mjs bundles it into a temp
// dir): the plugins find matrix-widget-api, TypeScript and tsconfig.json beside themselves.
const load = <T>(...path: string[]): Promise<T> => import(pathToFileURL(join(repoRoot, ...path)).href) as Promise<T>;
const plugins = await load<RollupPlugins>('scripts', 'rollup-plugins.mjs');
const members = plugins.UNUSED_WIDGET_API_MEMBERS;

/** The guard as it was: a transform hook ran it on every module of ours, before tree-shaking. */
const oldCheck = (code: string): string | undefined => members.find((name) => new RegExp(`\\.${name}\\s*\\(`).test(code));

/** The new check on one module (in memory, inside the repository so `matrix-widget-api` resolves). */
async function newCheck(code: string): Promise<Use[]> {
  const file = join(repoRoot, 'widgets', '__strip-check__', 'module.ts');
  return plugins.findStrippedMemberUses({ files: [file], members, sources: { [file]: code } });
}

const header = `import type { WidgetApi } from 'matrix-widget-api';\n`;

test('the old check fired on our own methods named like stripped ones; the new one does not', async () => {
  const code = `${header}
/** Our own router: its navigateTo has nothing to do with WidgetApi's. */
class Router {
  #at = '/';
  navigateTo(path: string): string {
    return (this.#at = path);
  }
}
export const router = new Router();
router.navigateTo('/talks');
// A comment naming api.sendSticker() is not a call either.
export const uploads = { uploadFile: (name: string): number => name.length };
uploads.uploadFile('slides.pdf');
export const keys = (table: Record<string, number>, key: string): number | undefined => table[key];
export async function allowed(api: WidgetApi): Promise<void> {
  api.requestCapabilities(['m.always_on_screen']);
  await api.sendRoomEvent('m.room.message', { body: 'hi' });
}
`;
  const [router, rest] = code.split('// A comment');
  assert.equal(oldCheck(router ?? ''), 'navigateTo', 'the old regex flags Router.navigateTo');
  assert.equal(oldCheck(rest ?? ''), 'sendSticker', 'and the comment');
  assert.deepEqual(await newCheck(code), []);
});

test('the old check missed every way to reach a stripped member but `.name(`; the new one reports each', async () => {
  const cases: [string, Use['kind'], string | undefined][] = [
    // The issue's `api[name]()`: a key typed keyof WidgetApi may be any member, stripped ones too.
    [`export const run = (api: WidgetApi, name: keyof WidgetApi) => (api[name] as () => unknown)();`, 'computed', 'sendSticker'],
    [`export function run(api: WidgetApi) {\n  const name = 'getMediaConfig';\n  return api[name]();\n}`, 'computed', 'getMediaConfig'],
    [`export const run = (api: WidgetApi) => api['sendToDevice']('m.custom', false, {});`, 'member', 'sendToDevice'],
    [`export function run(api: WidgetApi) {\n  const { uploadFile } = api;\n  return uploadFile;\n}`, 'member', 'uploadFile'],
    [`export const run = (api?: WidgetApi) => api?.navigateTo?.('https://matrix.to/#/#devroom:example.org');`, 'member', 'navigateTo'],
    [`export const run = (api: WidgetApi) => api.getTurnServers.bind(api);`, 'member', 'getTurnServers'],
    // Through an object that carries the WidgetApi, as the widget context does.
    [`export const run = (ctx: { api: WidgetApi }, name: string) => ctx.api[name as keyof WidgetApi];`, 'computed', 'readRoomEvents'],
    // Out of the checker's sight: an object type, a cast through unknown.
    [`export const run = (api: WidgetApi, name: string) => Reflect.get(api, name);`, 'escape', undefined],
    [`export const run = (api: WidgetApi, name: string) => (api as unknown as Record<string, () => void>)[name]?.();`, 'escape', undefined],
  ];
  for (const [body, kind, member] of cases) {
    const code = `${header}${body}\n`;
    assert.equal(oldCheck(code), undefined, `the old regex misses: ${body}`);
    const uses = await newCheck(code);
    assert.ok(
      uses.some((use) => use.kind === kind && (member === undefined || use.member?.split(', ').includes(member))),
      `${body}\nexpected a ${kind} use${member ? ` of ${member}` : ''}, got ${JSON.stringify(uses)}`,
    );
  }
});

test('a type a WidgetApi fits counts as a possible WidgetApi (conservative); an unrelated class does not', async () => {
  const code = `${header}
interface Navigates {
  navigateTo(uri: string): Promise<unknown>;
}
class Pages {
  navigateTo(page: number): number {
    return page;
  }
}
export const go = (to: Navigates, pages: Pages) => [to.navigateTo('https://example.org'), pages.navigateTo(2)];
`;
  const uses = await newCheck(code);
  assert.deepEqual(
    uses.map((use) => [use.kind, use.member, use.text]),
    [['member', 'navigateTo', 'to.navigateTo']],
  );
});

test('inBundle: a named use counts only if the name is still in the output; computed keys and escapes always count', () => {
  const use = (kind: Use['kind'], member?: string): Use => ({ file: 'x.ts', line: 1, column: 1, kind, member, text: '' });
  const uses = [use('member', 'sendSticker'), use('member', 'navigateTo'), use('computed'), use('escape')];
  assert.deepEqual(
    plugins.inBundle(uses, ['const a=1;', 'e.navigateTo("x")']).map((u) => [u.kind, u.member]),
    [
      ['member', 'navigateTo'],
      ['computed', undefined],
      ['escape', undefined],
    ],
  );
});

test('a widget-page build fails when a module it ships reaches a stripped member, not when dead code does', async () => {
  const { rollup } = await load<Rollup>('node_modules', 'rollup', 'dist', 'es', 'rollup.js');
  const esbuild = (await load<EsbuildPlugin>('node_modules', 'rollup-plugin-esbuild', 'dist', 'index.mjs')).default;
  // In the repository (.scratch/ is ignored by git and ESLint) so `matrix-widget-api` resolves.
  mkdirSync(join(repoRoot, '.scratch'), { recursive: true });
  const dir = mkdtempSync(join(repoRoot, '.scratch', 'strip-check-'));
  const page = (name: string, extra: string) => {
    const entry = join(dir, `${name}.ts`);
    writeFileSync(
      entry,
      `import { WidgetApi } from 'matrix-widget-api';
class Router {
  navigateTo(path: string): string { return path; }
}
/** Called by nobody: tree-shaken, so not a reference the page has. */
function unused(api: WidgetApi) { return api.sendSticker('', '', {}, ''); }
const api = new WidgetApi('widget', 'https://element.example.org');
api.requestCapabilities(['m.always_on_screen']);
api.start();
console.info(new Router().navigateTo('/'));
${extra}
`,
    );
    return entry;
  };
  const build = async (entry: string) => {
    const bundle = await rollup({
      input: entry,
      onwarn: () => undefined,
      plugins: [
        plugins.widgetApiFromSource({ stripUnused: true, entry }),
        esbuild({ include: /\.[jt]s$/, exclude: /node_modules\/(?!matrix-widget-api\/src)/, target: 'es2022' }),
      ],
    });
    return bundle.generate({ format: 'es' });
  };
  try {
    const ok = page('ok', '');
    assert.ok(oldCheck(readFileSync(ok, 'utf8')), 'the old guard stopped this build (dead code, our own navigateTo)');
    const { output } = await build(ok);
    assert.doesNotMatch(output[0]?.code ?? '', /sendSticker/, 'stripped, and the dead call is gone');

    const bad = page('bad', `const name = location.hash.slice(1) as keyof WidgetApi;\n(api[name] as () => void)();`);
    await assert.rejects(build(bad), (error: Error) => {
      assert.match(error.message, /bad\.ts:12:2 {2}api\[name\]/);
      assert.match(error.message, /a computed key on a possible WidgetApi may reach a stripped member/);
      assert.doesNotMatch(error.message, /Router|unused|sendSticker\(/, 'only the real reference');
      return true;
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
