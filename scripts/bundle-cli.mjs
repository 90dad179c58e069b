// Bundles the CLI with core and the rules into one CommonJS file, then records V8's code
// cache for it by linting sample definitions. Node then loads one script, mostly
// precompiled, instead of dozens of ES modules, which matters for a pre-commit hook.
//
// yaml and jsonata are scripts of their own (dist/yaml.cjs, dist/jsonata.cjs), loaded on
// first use with their own code cache: a run over JSON files without JSONata expressions,
// the common case, neither loads nor deserialises them.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { generateMachine } from '../bench/generate-machine.mjs';
import { compileForBundle } from './compile-for-bundle.mjs';

const dist = 'packages/cli/dist';

/** Node's CommonJS wrapper (Module.wrap), written around each script at build time. */
const WRAPPER_START = '(function (exports, require, module, __filename, __dirname) {';
const WRAPPER_END = '});';

/** The packages loaded on first use, with the named functions core imports from each. */
const LAZY_PACKAGES = {
  yaml: ['isAlias', 'isMap', 'isPair', 'isScalar', 'isSeq', 'parse', 'stringify', 'visit', 'class Composer', 'class Lexer', 'class Parser', 'namespace CST'],
  jsonata: ['default'],
};

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's ES module build has extensionless imports that Node cannot load; bundled, it works.
  mainFields: ['module', 'main'],
  // Core uses jsonc-parser's scanner only, and the package's main module also builds its
  // formatter's caches as it loads (1,200 strings of indentation, 1.3 ms of every start).
  // An import of anything else from it fails the build, as the scanner does not export it.
  alias: { 'jsonc-parser': './node_modules/jsonc-parser/lib/esm/impl/scanner.js' },
  // Smaller source reads, compares and loads faster: minified names save 3-7 ms of every
  // start. SFN_LINT_DEBUG's stack traces are mapped back to the sources through the linked
  // source map (src/stack-trace.ts).
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  // The loader decodes the scripts as Latin-1, which is right only for ASCII; esbuild
  // escapes everything else in strings and identifiers.
  charset: 'ascii',
  sourcemap: 'linked',
  logLevel: 'warning',
  // Each script is written as the function Node would wrap a CommonJS module in, so
  // bin/sfn-lint.cjs compiles the file's text as it is: wrapping it at run time made a
  // second, flattened copy of nearly a megabyte on every start.
  banner: { js: WRAPPER_START },
  footer: { js: WRAPPER_END },
};

/**
 * Stands in for each lazy package in the main bundle: every function it exports loads
 * the package's own script on its first call, and so does the first use of a class or
 * namespace it lists (`class Lexer`, `namespace CST`). Anything else core imports from
 * the package fails the build, as it has no stand-in.
 */
const lazyPackages = {
  name: 'lazy-packages',
  setup(pluginBuild) {
    const names = Object.keys(LAZY_PACKAGES).join('|');
    pluginBuild.onResolve({ filter: new RegExp(`^(${names})$`) }, (args) => ({ path: args.path, namespace: 'lazy-package' }));
    pluginBuild.onResolve({ filter: new RegExp(`^\\./(${names})\\.cjs$`) }, (args) => ({ path: args.path, external: true }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'lazy-package' }, (args) => {
      const lines = [`let loaded;`, `const load = () => (loaded ??= require('./${args.path}.cjs'));`];
      for (const entry of LAZY_PACKAGES[args.path]) {
        const [kind, name] = entry.includes(' ') ? entry.split(' ') : ['function', entry];
        if (name === 'default') lines.push(`export default function lazyDefault(...args) { return load()(...args); }`);
        // A class is constructed, and a namespace read, only once the package is loaded.
        else if (kind === 'class') lines.push(`export const ${name} = new Proxy(function ${name}() {}, { construct: (_, args) => new (load().${name})(...args) });`);
        else if (kind === 'namespace') lines.push(`export const ${name} = new Proxy({}, { get: (_, key) => load().${name}[key] });`);
        else lines.push(`export function ${name}(...args) { return load().${name}(...args); }`);
      }
      return { contents: lines.join('\n'), loader: 'js' };
    });
  },
};

/**
 * node:module, which the CLI imports only for createRequire (src/node-builtins.ts), is
 * left out: in the bundle, createRequire gives the require that bin/sfn-lint.cjs hands the
 * bundle, which loads Node's built-ins and the lazy scripts, all the bundle ever requires.
 * Loading node:module brings Node's ES module loader along: 0.8 ms of every start.
 */
const ownRequire = {
  name: 'own-require',
  setup(pluginBuild) {
    pluginBuild.onResolve({ filter: /^node:module$/ }, (args) => ({ path: args.path, namespace: 'own-require' }));
    pluginBuild.onLoad({ filter: /.*/, namespace: 'own-require' }, () => ({ contents: 'export const createRequire = () => require;', loader: 'js' }));
  },
};

for (const name of Object.keys(LAZY_PACKAGES)) {
  await build({
    ...common,
    stdin: { contents: `module.exports = require('${name}');`, resolveDir: '.', sourcefile: `${name}-entry.cjs` },
    outfile: join(dist, `${name}.cjs`),
  });
}

// The bundle is made from a compile of its own, rewritten for code that runs unoptimised
// (scripts/compile-for-bundle.mjs). It is made under node_modules, so the packages the
// sources import resolve as they do from the projects' own folders.
const compiled = 'node_modules/.cache/sfn-lint-bundle';
rmSync(compiled, { recursive: true, force: true });
compileForBundle(['packages/core', 'rules', 'packages/cli'], compiled);
const compiledPackages = {
  name: 'compiled-packages',
  setup(pluginBuild) {
    const entries = { '@sfn-lint/core': join(compiled, 'packages/core/dist/index.js'), '@sfn-lint/rules': join(compiled, 'rules/dist/index.js') };
    pluginBuild.onResolve({ filter: /^@sfn-lint\/(core|rules)$/ }, (args) => ({ path: resolve(entries[args.path]) }));
  },
};

await build({
  ...common,
  entryPoints: [join(compiled, 'packages/cli/dist/main.js')],
  outfile: join(dist, 'sfn-lint.cjs'),
  // The bundle is CommonJS: import.meta.url becomes the bundle's own file URL.
  define: { 'import.meta.url': '__sfnLintBundleUrl' },
  banner: { js: `${WRAPPER_START}var __sfnLintBundleUrl = require('node:url').pathToFileURL(__filename).href;` },
  plugins: [lazyPackages, ownRequire, compiledPackages],
});

for (const name of ['sfn-lint', ...Object.keys(LAZY_PACKAGES)]) {
  if (readFileSync(join(dist, `${name}.cjs`)).some((byte) => byte > 0x7f)) {
    console.error(`${name}.cjs is not ASCII, but bin/sfn-lint.cjs reads it as Latin-1.`);
    process.exit(1);
  }
}

// Earlier caches are dead weight (the loader would reject them).
for (const name of readdirSync(dist)) if (name.endsWith('.cache')) rmSync(join(dist, name));

// A sample run compiles what linting JSON, YAML and JSONata needs; the caches then hold it.
const samples = mkdtempSync(join(tmpdir(), 'sfn-lint-cache-'));
writeFileSync(join(samples, 'machine.asl.json'), JSON.stringify(generateMachine(300), null, 2));
writeFileSync(
  join(samples, 'machine.asl.yaml'),
  'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Choice\n    Choices:\n      - Variable: $.x\n        BooleanEquals: true\n        Next: C\n    Default: C\n  C:\n    Type: Succeed\n',
);
writeFileSync(
  join(samples, 'jsonata.asl.json'),
  JSON.stringify({
    QueryLanguage: 'JSONata',
    StartAt: 'A',
    States: {
      A: { Type: 'Pass', Assign: { total: '{% $sum($states.input.items.price) %}' }, Next: 'B' },
      B: { Type: 'Choice', Choices: [{ Condition: '{% $total > 100 %}', Next: 'C' }], Default: 'C' },
      C: { Type: 'Succeed', Output: '{% { "total": $total } %}' },
    },
  }),
);
const run = spawnSync(process.execPath, ['packages/cli/bin/sfn-lint.cjs', '--format', 'json', samples, 'fixtures/examples'], {
  env: { ...process.env, SFN_LINT_WRITE_CODE_CACHE: '1' },
  encoding: 'utf8',
});
rmSync(samples, { recursive: true, force: true });
if (run.status === 2) {
  console.error(`The sample run for the code cache failed:\n${run.stderr}`);
  process.exit(1);
}
