// Small rollup plugins for devroom's build: matrix-widget-api from its ESM source,
// static widget HTML pages, and a manifest the size report reads.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * matrix-widget-api's lib/ is Babel CommonJS that cannot be tree-shaken (~24 KB gz for
 * WidgetApi alone). Its shipped src/ is ESM TypeScript: bundle that instead, pre-bundled
 * by esbuild into one ES module. Bundling lets esbuild inline its TypeScript enums across
 * files (WidgetApiFromWidgetAction.SendEvent → "send_event"), so rollup drops the enum
 * objects nobody reads any more (file by file, as rollup transforms, they all stayed).
 */
export function widgetApiFromSource({ stripUnused = false, entry } = {}) {
  const srcDir = join(dirname(require.resolve('matrix-widget-api/package.json')), 'src');
  // Not a file on disk: load() builds it. It lives in src/ so the source map's paths resolve.
  const bundled = join(srcDir, 'index.bundled.js');
  const emitter = new URL('../widgets/vendor/event-emitter.ts', import.meta.url).pathname;
  return {
    name: 'devroom:matrix-widget-api-source',
    resolveId(source) {
      if (source === 'matrix-widget-api') return bundled;
      // Its one dependency, the CommonJS `events` package: our ES module of the same API.
      if (source === 'events') return emitter;
      return null;
    },
    async load(id) {
      if (id !== bundled) return null;
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [join(srcDir, 'index.ts')],
        outfile: bundled,
        bundle: true,
        write: false,
        format: 'esm',
        target: 'es2022',
        // Our class-field semantics (useDefineForClassFields: false), as when rollup-plugin-esbuild transformed it.
        tsconfig: new URL('../tsconfig.json', import.meta.url).pathname,
        external: ['events'],
        legalComments: 'none',
        sourcemap: 'external',
        plugins: stripUnused ? [stripWidgetApiMembers(await membersToStrip(entry))] : [],
        // The widget pages drop the transport's console.log of every message it sends (its
        // warnings stay): noise in the browser console of everyone using a widget.
        pure: stripUnused ? ['console.log'] : [],
      });
      const file = (ext) => result.outputFiles.find((f) => f.path.endsWith(ext)).text;
      return { code: file('.js'), map: file('.js.map') };
    },
    // The guard for stripUnused, on what the page ships: no module left in the bundle after
    // tree-shaking may reach a member the build removed (findStrippedMemberUses).
    async generateBundle(_options, bundle) {
      if (!stripUnused) return;
      const members = await membersToStrip(entry);
      const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
      const kept = new Set();
      for (const chunk of chunks) {
        for (const [id, info] of Object.entries(chunk.modules)) if (info.renderedLength > 0) kept.add(id);
      }
      const files = [...kept].filter((id) => /\.ts$/.test(id) && !id.startsWith('\0') && !id.includes('node_modules'));
      const sources = {};
      // WidgetApi itself, as the build cut it: it must not call what was cut from it either.
      if (kept.has(bundled)) {
        const path = join(srcDir, 'WidgetApi.ts');
        sources[path] = await cutWidgetApiMembers(path, readFileSync(path, 'utf8'), members);
        files.push(path);
      }
      const uses = inBundle(await findStrippedMemberUses({ files, members, sources }), chunks.map((c) => c.code));
      if (uses.length) {
        this.error(
          `the widget-page build strips these WidgetApi members, but the page reaches them:\n${uses.map(formatUse).join('\n')}\n` +
            'Remove the member from UNUSED_WIDGET_API_MEMBERS (scripts/rollup-plugins.mjs), or do not reach it.',
        );
      }
    },
  };
}

/**
 * WidgetApi methods devroom never calls (and WidgetApi never calls itself). A class method
 * is never tree-shaken: these cost 1.6-1.8 KB gz in every widget page (measured 2026-12 with
 * and without the cut: talk 1,637 B, Q&A 1,848, stand 1,812, food truck 1,817; without it the
 * talk and Q&A pages are over 25 KB) and pull in WidgetEventCapability. Only the widget pages
 * strip them; `devroom/widget` users keep the whole class. The build fails, naming the line,
 * where a module the page ships (or WidgetApi itself) may still reach one, or where it cannot
 * tell (a computed key on a possible WidgetApi, one handed to any/unknown): see
 * findStrippedMemberUses.
 */
export const UNUSED_WIDGET_API_MEMBERS = [
  'requestCapabilityForRoomTimeline',
  'requestCapabilityToSendState',
  'requestCapabilityToReceiveState',
  'requestCapabilityToSendToDevice',
  'requestCapabilityToReceiveToDevice',
  'requestCapabilityToSendEvent',
  'requestCapabilityToReceiveEvent',
  'requestCapabilityToSendMessage',
  'requestCapabilityToReceiveMessage',
  'requestCapabilityToReceiveRoomAccountData',
  'requestCapabilityToGetRtcLivekitToken',
  'requestCapabilityToDelegateRtcLivekitDelayedLeave',
  'sendSticker',
  'openModalWidget',
  'closeModalWidget',
  'cancelScheduledDelayedEvent',
  'restartScheduledDelayedEvent',
  'sendScheduledDelayedEvent',
  'sendToDevice',
  'readRoomAccountData',
  'readRoomEvents',
  'setModalButtonEnabled',
  'navigateTo',
  'getTurnServers',
  'searchUserDirectory',
  'getMediaConfig',
  'getRtcTransports',
  'uploadFile',
  'getRtcLivekitToken',
  'delegateRtcLivekitDelayedLeave',
];

/**
 * WidgetApi methods only some pages call (the talk player's Jitsi JWT asks for an OpenID
 * token and keeps the call on screen, the stand booth downloads its logo): kept only where a module of the page, lazy ones
 * included, mentions them (~0.3 KB gz for the others, measured).
 */
const PAGE_SPECIFIC_WIDGET_API_MEMBERS = ['requestOpenIDConnectToken', 'downloadFile', 'setAlwaysOnScreen'];

const stripLists = new Map();

/** UNUSED_WIDGET_API_MEMBERS plus the page-specific ones no module reachable from `entry` mentions (once per entry). */
function membersToStrip(entry) {
  if (!stripLists.has(entry)) stripLists.set(entry, computeMembersToStrip(entry));
  return stripLists.get(entry);
}

async function computeMembersToStrip(entry) {
  if (!entry) return UNUSED_WIDGET_API_MEMBERS;
  const { build } = await import('esbuild');
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    splitting: true,
    format: 'esm',
    write: false,
    outdir: '/tmp/devroom-scan',
    metafile: true,
    packages: 'external',
    logLevel: 'silent',
  });
  const sources = Object.keys(result.metafile.inputs).map((file) => readFileSync(file, 'utf8'));
  const mentioned = (name) => sources.some((code) => new RegExp(`\\.${name}\\b`).test(code));
  return [...UNUSED_WIDGET_API_MEMBERS, ...PAGE_SPECIFIC_WIDGET_API_MEMBERS.filter((name) => !mentioned(name))];
}

/** esbuild plugin: WidgetApi.ts without the `members` named. */
function stripWidgetApiMembers(members) {
  return {
    name: 'devroom:strip-widget-api-members',
    setup(build) {
      build.onLoad({ filter: /[\\/]WidgetApi\.ts$/ }, async (args) => ({
        contents: await cutWidgetApiMembers(args.path, readFileSync(args.path, 'utf8'), members),
        loader: 'ts',
      }));
    },
  };
}

/** WidgetApi.ts's `text` without the class members named, cut with the TypeScript parser. */
async function cutWidgetApiMembers(path, text, members) {
  const ts = (await import('typescript')).default;
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const cut = [];
  const removed = new Set();
  const visit = (node) => {
    if (ts.isClassDeclaration(node) && node.name?.text === 'WidgetApi') {
      for (const member of node.members) {
        const name = member.name && ts.isIdentifier(member.name) ? member.name.text : undefined;
        if (name && members.includes(name)) {
          cut.push([member.getFullStart(), member.getEnd()]);
          removed.add(name);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  const missing = members.filter((name) => !removed.has(name));
  // matrix-widget-api renamed or dropped one: update the list rather than guess.
  if (missing.length) throw new Error(`WidgetApi has no member(s) ${missing.join(', ')}`);
  let contents = text;
  for (const [start, end] of cut.sort((a, b) => b[0] - a[0])) contents = contents.slice(0, start) + contents.slice(end);
  return contents;
}

/**
 * Where the TypeScript `files` could reach a WidgetApi member named in `members`, judged by
 * the type checker, so a receiver's type tells whether it may hold a WidgetApi (our own
 * classes' methods of the same names are not WidgetApi's). Reported, as `kind`:
 * - `member`: `x.m`, `x?.m`, `x['m']`, `const { m } = x` where x may hold a WidgetApi (its type
 *   overlaps WidgetApi's: either is assignable to the other), or x is `any`;
 * - `computed`: `x[k]` on such an x where k's type is not a set of literals (a `string`, a
 *   `keyof WidgetApi`…): it could name a stripped member at run time;
 * - `escape`: a value that may hold a WidgetApi, or an object with one in its properties,
 *   handed to a type that no longer says so (`any`, `unknown`, `object`, `{}`, a type
 *   parameter, a cast to something else): past that point the checker cannot follow it.
 *   Also a generic function's `x[k]` on its `x: T` (the caller's T may be a WidgetApi), and a
 *   possible WidgetApi given to a generic parameter constrained to `object` (Reflect.get).
 * `sources` overrides files' text (WidgetApi.ts as the build cut it; tests). Conservative where
 * types cannot tell: a type a WidgetApi fits (an interface of some of its methods) counts as
 * one. Blind spots: code outside `files` (libraries: they get a WidgetApi only through an
 * `escape`) and code made at run time (eval).
 */
export async function findStrippedMemberUses({ files, members, sources = {} }) {
  const ts = (await import('typescript')).default;
  const root = new URL('..', import.meta.url).pathname;
  const config = ts.readConfigFile(join(root, 'tsconfig.json'), ts.sys.readFile).config;
  const { options } = ts.convertCompilerOptionsFromJson(config.compilerOptions, root);
  Object.assign(options, { noEmit: true, types: [] });
  const host = ts.createCompilerHost(options, true);
  const fromDisk = host.getSourceFile;
  host.getSourceFile = (fileName, languageVersion, ...rest) => {
    if (fileName in sources) return ts.createSourceFile(fileName, sources[fileName], languageVersion, true);
    // Libraries' declarations are the same for every page of a build: parse them once.
    if (!fileName.includes('node_modules')) return fromDisk(fileName, languageVersion, ...rest);
    if (!libraryFiles.has(fileName)) libraryFiles.set(fileName, fromDisk(fileName, languageVersion, ...rest));
    return libraryFiles.get(fileName);
  };
  const fileExists = host.fileExists;
  host.fileExists = (fileName) => fileName in sources || fileExists(fileName);
  const readFile = host.readFile;
  host.readFile = (fileName) => sources[fileName] ?? readFile(fileName);
  const declarations = join(dirname(require.resolve('matrix-widget-api/package.json')), 'lib', 'WidgetApi.d.ts');
  const program = ts.createProgram({ rootNames: [...files, declarations], options, host });
  const checker = program.getTypeChecker();
  const F = ts.TypeFlags;

  // The WidgetApi class as devroom sees it (lib/*.d.ts) and, when checked, as its source declares it.
  const widgetApis = [];
  for (const file of program.getSourceFiles()) {
    if (file.fileName !== declarations && !(file.fileName in sources && file.fileName.endsWith('/WidgetApi.ts'))) continue;
    for (const statement of file.statements) {
      if (ts.isClassDeclaration(statement) && statement.name?.text === 'WidgetApi') {
        widgetApis.push(checker.getDeclaredTypeOfSymbol(checker.getSymbolAtLocation(statement.name)));
      }
    }
  }
  if (!widgetApis.length) throw new Error(`no WidgetApi class in ${declarations}`);

  /**
   * Types a WidgetApi could hide in, untraced: any, unknown, object, {}, a type parameter,
   * an `any` index signature (Record<string, any>).
   */
  const open = (type) =>
    type.isUnion()
      ? type.types.some(open)
      : Boolean(type.flags & (F.Any | F.Unknown | F.NonPrimitive | F.TypeParameter | F.Index | F.IndexedAccess)) ||
        (Boolean(type.flags & F.Object) &&
          checker.getIndexInfosOfType(type).some((info) => info.type.flags & F.Any)) ||
        (Boolean(type.flags & F.Object) &&
          checker.getPropertiesOfType(type).length === 0 &&
          checker.getIndexInfosOfType(type).length === 0 &&
          type.getCallSignatures().length === 0 &&
          type.getConstructSignatures().length === 0);
  /** A type parameter's constraint (`this` in a class: the class): what its values are known to be. */
  const bound = (type) => (type.flags & F.TypeParameter ? (checker.getBaseConstraintOfType(type) ?? type) : type);
  /** Whether a value of `type` may be a WidgetApi (an open type, or never, is not followed). */
  const mayBeApi = (type) =>
    type.isUnion()
      ? type.types.some(mayBeApi)
      : !(type.flags & F.Never) &&
        !open(type) &&
        widgetApis.some((api) => checker.isTypeAssignableTo(api, type) || checker.isTypeAssignableTo(type, api));
  /** Whether a value of `type` may be a WidgetApi or carry one in its properties (3 deep). */
  const carriesApi = (type, depth = 0, seen = new Set()) => {
    type = bound(type);
    if (seen.has(type)) return false;
    seen.add(type);
    if (type.isUnion() || type.isIntersection()) return type.types.some((t) => carriesApi(t, depth, seen));
    if (open(type)) return false;
    if (mayBeApi(type)) return true;
    if (depth >= 3 || !(type.flags & F.Object)) return false;
    return checker.getPropertiesOfType(type).some((property) => {
      // The DOM, Lit and the like never hold a WidgetApi.
      const declaration = property.valueDeclaration ?? property.declarations?.[0];
      if (!declaration || program.isSourceFileDefaultLibrary(declaration.getSourceFile())) return false;
      return carriesApi(checker.getTypeOfSymbol(property), depth + 1, seen);
    });
  };
  /**
   * Whether a value of type `source` handed on as `target` leaves the checker's sight: a
   * possible WidgetApi, or an object carrying one, into an open type; or a possible WidgetApi
   * cast to a type a WidgetApi is not (a value returned where `void` is expected is dropped).
   */
  const escapes = (source, target) => {
    if (target.flags & (F.Void | F.Undefined) || !carriesApi(source)) return false;
    return open(target) || (mayBeApi(source) && !mayBeApi(target));
  };
  /**
   * The member names a key can be: `written` when the source spells the name (`.m`, `['m']`,
   * `{ m }`), or the literals of the key's type (`api[k]`, k: 'a' | 'b'); undefined when its
   * type is not a set of literals (a `string`, a template type…).
   */
  const keyNames = (key) => {
    if (ts.isComputedPropertyName(key)) return keyNames(key.expression);
    if (ts.isPrivateIdentifier(key)) return { names: [], written: true };
    // A name (`.m`, `{ m }`) or a literal key (`['m']`); an identifier inside [] is a variable.
    const isName = ts.isIdentifier(key) && !ts.isElementAccessExpression(key.parent) && !ts.isComputedPropertyName(key.parent);
    if (isName || ts.isStringLiteralLike(key) || ts.isNumericLiteral(key)) return { names: [key.text], written: true };
    const type = checker.getTypeAtLocation(key);
    const parts = type.isUnion() ? type.types : [type];
    if (!parts.every((t) => t.isStringLiteral() || t.flags & (F.NumberLike | F.ESSymbolLike))) return { names: undefined };
    return { names: parts.filter((t) => t.isStringLiteral()).map((t) => t.value), written: false };
  };

  const uses = [];
  const report = (node, kind, member) => {
    const file = node.getSourceFile();
    const { line, character } = file.getLineAndCharacterOfPosition(node.getStart());
    uses.push({ file: file.fileName, line: line + 1, column: character + 1, kind, member, text: node.getText().replace(/\s+/g, ' ').slice(0, 100) });
  };
  /** `node` reads the member `key` of `receiver`'s value. */
  const onAccess = (node, receiver, key) => {
    const declared = checker.getTypeAtLocation(receiver);
    const type = bound(declared);
    const isAny = Boolean(type.flags & F.Any);
    // A generic `x[k]`, x: T, is as good as its caller's T, which may be a WidgetApi.
    const generic = Boolean(declared.flags & F.TypeParameter) && open(type);
    if (!isAny && !generic && !mayBeApi(type)) return;
    const { names, written } = keyNames(key);
    if (generic) return names ? undefined : report(node, 'computed');
    // An `any` holds no WidgetApi unless one escaped (reported there): only names count on it.
    if (!names) return isAny ? undefined : report(node, 'computed');
    const stripped = names.filter((name) => members.includes(name));
    if (written) for (const name of stripped) report(node, 'member', name);
    else if (stripped.length) report(node, 'computed', stripped.join(', '));
  };
  /**
   * A call of a generic function whose parameter is a type parameter constrained to `object`
   * (`Reflect.get<T extends object>(target: T, key)`, a `compact<T extends object>(o: T)`) gets
   * its argument's own type, so no contextual type says `object`: such a function works on any
   * object's members, as the type system cannot follow.
   */
  const reflects = (call) => {
    const declaration = checker.getResolvedSignature(call)?.getDeclaration();
    if (!declaration?.typeParameters?.length || !declaration.parameters) return;
    call.arguments.forEach((argument, i) => {
      const parameter = declaration.parameters[Math.min(i, declaration.parameters.length - 1)];
      if (!parameter || parameter.dotDotDotToken) return;
      const declared = checker.getTypeAtLocation(parameter);
      const constraint = declared.flags & F.TypeParameter ? checker.getBaseConstraintOfType(declared) : undefined;
      if (constraint && !(constraint.flags & F.Unknown) && open(constraint) && carriesApi(checker.getTypeAtLocation(argument))) report(argument, 'escape');
    });
  };
  /** `x` in `x.m.bind(x)` (or .call, .apply): a method given back its own object. */
  const ownThis = (node) => {
    const call = node.parent;
    if (!call || !ts.isCallExpression(call) || call.arguments[0] !== node || !ts.isPropertyAccessExpression(call.expression)) return false;
    const method = call.expression.expression;
    return ['bind', 'call', 'apply'].includes(call.expression.name.text) && ts.isPropertyAccessExpression(method) && method.expression.getText() === node.getText();
  };
  const visit = (node) => {
    if (ts.isPropertyAccessExpression(node)) {
      onAccess(node, node.expression, node.name);
    } else if (ts.isElementAccessExpression(node)) {
      onAccess(node, node.expression, node.argumentExpression);
    } else if (ts.isObjectBindingPattern(node)) {
      // A rest element copies own properties only: no methods.
      for (const element of node.elements) if (!element.dotDotDotToken) onAccess(element, node, element.propertyName ?? element.name);
    } else if (ts.isBinaryExpression(node) && node.operatorToken.kind === ts.SyntaxKind.EqualsToken && ts.isObjectLiteralExpression(node.left)) {
      for (const property of node.left.properties) if (property.name) onAccess(property, node.right, property.name);
    }
    if ((ts.isCallExpression(node) || ts.isNewExpression(node)) && node.arguments?.length) reflects(node);
    // What a destructuring takes from its source is judged above, member by member (a source
    // file has no parent).
    const { parent } = node;
    const destructured =
      !parent ||
      (ts.isVariableDeclaration(parent) && parent.initializer === node && ts.isObjectBindingPattern(parent.name)) ||
      (ts.isBinaryExpression(parent) && parent.right === node && ts.isObjectLiteralExpression(parent.left));
    if (ts.isExpression(node) && !destructured && !ownThis(node)) {
      const target = checker.getContextualType(node);
      if (target && escapes(checker.getTypeAtLocation(node), target)) {
        // A value handed on as itself is judged at its outermost expression (`(api)`, `api!`).
        const outer = ts.isParenthesizedExpression(node.parent) || ts.isNonNullExpression(node.parent);
        if (!outer || checker.getContextualType(node.parent) !== target) report(node, 'escape');
      }
    }
    ts.forEachChild(node, visit);
  };
  for (const fileName of files) {
    const file = program.getSourceFile(fileName);
    if (!file) throw new Error(`findStrippedMemberUses: cannot read ${fileName}`);
    visit(file);
  }
  return uses;
}

const libraryFiles = new Map();

/**
 * The `uses` the bundle still has: a `member` use whose name appears nowhere in the output
 * `code` was tree-shaken away with its function. Computed keys and escapes always count.
 */
export function inBundle(uses, code) {
  return uses.filter((use) => use.kind !== 'member' || code.some((c) => new RegExp(`\\b${use.member}\\b`).test(c)));
}

function formatUse({ file, line, column, kind, member, text }) {
  const names = member?.split(', ') ?? [];
  const some = names.length > 3 ? `${names.slice(0, 3).join(', ')}… ${names.length} in all` : member;
  const why = {
    member: `reaches WidgetApi.${member}`,
    computed: `a computed key on a possible WidgetApi may reach a stripped member${member ? ` (${some})` : ''}`,
    escape: 'a possible WidgetApi escapes the types the check follows (any, unknown, object, a cast)',
  }[kind];
  return `  ${relativeToRepo(file)}:${line}:${column}  ${text}  — ${why}`;
}

const relativeToRepo = (file) => file.replace(new URL('..', import.meta.url).pathname, '');

/**
 * Emits `widgets/<name>.html` for each widget page entry. The page is static: it can be
 * hosted on any web server or CDN. The module script is the entry chunk; its static
 * imports are preloaded so the first load is one round trip deep. Nothing inline (no
 * <style>, no script text, no style attribute): the page works under a strict
 * Content-Security-Policy (docs/security.md); its CSS comes from widgets/runtime/page-style.ts.
 */
export function widgetPages(pages) {
  return {
    name: 'devroom:widget-pages',
    generateBundle(_options, bundle) {
      for (const page of pages) {
        const entry = Object.values(bundle).find((c) => c.type === 'chunk' && c.isEntry && c.name === page.name);
        if (!entry) this.error(`widget page entry "${page.name}" not found in bundle`);
        // Preload the whole first load: the static closure and what the page module
        // imports itself (its render path), so neither costs an extra round trip.
        let first = collectStaticImports(bundle, entry.fileName);
        for (const d of pageOwnDynamicImports(this, bundle, entry)) first = collectStaticImports(bundle, d, new Set(first));
        const preloads = first
          .filter((f) => f !== entry.fileName)
          .map((f) => `    <link rel="modulepreload" href="./${relative(entry.fileName, f)}">`)
          .join('\n');
        const html = `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <meta name="referrer" content="no-referrer">
    <link rel="icon" href="data:,">
    <title>${page.title}</title>
${preloads}
    <script type="module" src="./${entry.fileName.split('/').pop()}"></script>
  </head>
  <body>
    <noscript>This devroom widget needs JavaScript.</noscript>
  </body>
</html>
`;
        // Indentation and line breaks are bytes of the first load too.
        const minified = html.replace(/\n\s*/g, '') + '\n';
        this.emitFile({ type: 'asset', fileName: `${page.name}.html`, source: minified });
      }
    },
  };
}

function relative(fromFile, toFile) {
  const fromDir = fromFile.split('/').slice(0, -1);
  const to = toFile.split('/');
  while (fromDir.length && to.length && fromDir[0] === to[0]) {
    fromDir.shift();
    to.shift();
  }
  return [...fromDir.map(() => '..'), ...to].join('/');
}

/**
 * Chunks the page module itself imports with import() — not those its components import
 * on demand, even when rollup folds the components into the page's entry chunk.
 */
function pageOwnDynamicImports(context, bundle, entry) {
  const ids = context.getModuleInfo(entry.facadeModuleId)?.dynamicallyImportedIds ?? [];
  const chunks = new Set();
  for (const id of ids) {
    const chunk = Object.values(bundle).find((c) => c.type === 'chunk' && (c.facadeModuleId === id || c.moduleIds?.includes(id)));
    if (chunk && chunk.fileName !== entry.fileName) chunks.add(chunk.fileName);
  }
  return [...chunks];
}

export function collectStaticImports(bundle, fileName, seen = new Set()) {
  // External modules (lit, hls.js in the npm build) are not files of ours.
  if (seen.has(fileName) || !bundle[fileName]) return [...seen];
  seen.add(fileName);
  const chunk = bundle[fileName];
  for (const imported of chunk?.imports ?? []) collectStaticImports(bundle, imported, seen);
  return [...seen];
}

/**
 * Writes `manifest.json` beside the output: for each entry, what it loads first
 * (static import closure) and what it may load later (dynamic imports).
 */
export function sizeManifest(label, options = {}) {
  return {
    name: 'devroom:size-manifest',
    generateBundle(_options, bundle) {
      const entries = {};
      for (const chunk of Object.values(bundle)) {
        if (chunk.type !== 'chunk' || !chunk.isEntry) continue;
        const lazy = new Set();
        let first = collectStaticImports(bundle, chunk.fileName);
        // A widget page is boot glue: whatever it imports itself is on the way to its first
        // render, dynamic import or not. Lazy parts are those the components load on demand.
        if (options.pageImportsAreFirstLoad) {
          for (const d of pageOwnDynamicImports(this, bundle, chunk)) first = collectStaticImports(bundle, d, new Set(first));
        }
        // Everything it may load later: the first load's dynamic imports, and all that those
        // import, statically or not (the talk player's engine loads hls.js in turn).
        const queue = first.flatMap((f) => bundle[f]?.dynamicImports ?? []);
        while (queue.length) {
          const d = queue.pop();
          if (!bundle[d] || lazy.has(d) || first.includes(d)) continue;
          lazy.add(d);
          queue.push(...(bundle[d].imports ?? []), ...(bundle[d].dynamicImports ?? []));
        }
        entries[chunk.name] = { file: chunk.fileName, firstLoad: first, lazy: [...lazy].filter((f) => !first.includes(f)) };
      }
      if (!options.merge) {
        this.emitFile({ type: 'asset', fileName: 'manifest.json', source: JSON.stringify({ label, entries }, null, 2) });
        return;
      }
      // Several builds write into one directory (one per widget page): add to what the
      // earlier builds of this run wrote (scripts/clean.mjs empties dist/ first).
      const path = join(_options.dir, 'manifest.json');
      const previous = existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : { entries: {} };
      mkdirSync(_options.dir, { recursive: true });
      writeFileSync(path, JSON.stringify({ label, entries: { ...previous.entries, ...entries } }, null, 2));
    },
  };
}

/**
 * `output.manualChunks` that puts the entry module and its static import graph into one
 * chunk named `name` (the entry's own file when the entry has no exports to keep). Edges
 * that only re-export (`export { x } from './y.js'` in an element's define.ts) are not
 * followed: the page uses none of those exports, and following them would pull modules
 * that tree-shaking drops (or that only a lazy chunk needs) into the first load.
 */
export function firstLoadInOneFile(entry, name) {
  const entryId = resolve(entry);
  let graph;
  return (id, { getModuleInfo }) => {
    if (!graph) {
      graph = new Set();
      const walk = (moduleId) => {
        if (graph.has(moduleId)) return;
        graph.add(moduleId);
        const info = getModuleInfo(moduleId);
        for (const imported of info?.importedIds ?? []) {
          if (!onlyReExported(info.code ?? '', imported)) walk(imported);
        }
      };
      walk(entryId);
    }
    return graph.has(id) ? name : undefined;
  };
}

/** Whether `code` mentions the module `id` only in `export … from` statements. */
function onlyReExported(code, id) {
  const file = id.split('/').pop().replace(/\.[jt]s$/, '');
  const statements = [...code.matchAll(/(^|[;\n])\s*(import|export)\b[^;]*?from\s*["']([^"']+)["']/g)].filter(
    (m) => m[3].split('/').pop().replace(/\.[jt]s$/, '') === file,
  );
  return statements.length > 0 && statements.every((m) => m[2] === 'export');
}

/**
 * Every `import()` of a lazy chunk retries once with a fresh URL when it fails. Browsers that
 * predate whatwg/html#10327 keep a failed module fetch in the page's module map: importing the
 * same URL again fails at once without a request, so a part that could not load during a
 * dropped connection would stay missing until the page reloads, whatever the component does.
 * A query string makes a new module-map entry (the chunk's own imports still resolve to the
 * modules already loaded).
 *
 * Still needed (checked 2026-12): the fix shipped in Chromium 156, Firefox 155 and WebKit (July
 * 2026), but devroom's widgets run in Element Desktop, whose Electron trails Chrome by several
 * versions, in Safari, which updates with the OS and stays old on older Macs and iPhones, and
 * in Firefox ESR. Drop it (and the fault tests' transform, test/support/import-retry-plugin.mjs)
 * once Element Desktop's Electron, the Safari versions Element supports and Firefox ESR all
 * re-fetch. It costs 35-46 B gz of each widget page's first load (measured 2026-12).
 * Limit: when the chunk arrived but a chunk IT imports failed, that URL stays failed in the
 * module map and only a reload recovers (a dropped connection usually fails the first request;
 * npm run lazy-chains keeps lazy chunks from statically importing chunks loaded on demand).
 * Only for outputs that run as they are (widget pages, CDN, public reader): a bundler consuming
 * the npm build could not follow an import() of a variable.
 */
export function retryDynamicImports() {
  return {
    name: 'devroom:retry-dynamic-imports',
    renderDynamicImport({ targetChunk }) {
      if (!targetChunk) return null;
      return importRetry.wrap;
    },
    renderChunk(code) {
      const withHelper = importRetry.addHelper(code);
      return withHelper === code ? null : { code: withHelper, map: null };
    },
  };
}

/**
 * The import-retry transform itself, shared by the build (retryDynamicImports) and the test
 * dev server's fault tests (test/support/import-retry-plugin.mjs), so they exercise the same code.
 * `wrap` replaces `import(` … `)` of a lazy chunk; `addHelper` appends the helper to a
 * module that has a wrapped call.
 */
export const importRetry = {
  wrap: { left: '__devroomImport(', right: ')' },
  // One helper per module that imports others, appended (a hoisted function declaration:
  // appending keeps the source map's positions). It lives in the module whose import() it
  // replaces, so relative paths resolve as before. The retry URL is random, not a time: two
  // retries in one millisecond (or under a test's frozen clock) got the same URL, and a URL
  // that failed once stays failed in browsers that keep failed module fetches.
  addHelper(code) {
    if (!code.includes('__devroomImport(')) return code;
    return `${code}\n;function __devroomImport(u){return import(u).catch(()=>import(u+"?retry="+Math.random()))}`;
  },
};

/** Copies a file from node_modules into the output unchanged (e.g. hls.js's worker). */
export function copyAsset(from, fileName) {
  return {
    name: `devroom:copy-${fileName}`,
    generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve(from)) });
    },
  };
}
