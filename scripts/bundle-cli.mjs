// Bundles the CLI with core and the rules into one CommonJS file, then records V8's code
// cache for it by linting sample definitions. Node then loads one script, mostly
// precompiled, instead of dozens of ES modules, which matters for a pre-commit hook.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { generateMachine } from '../bench/generate-machine.mjs';

await build({
  entryPoints: ['packages/cli/dist/main.js'],
  outfile: 'packages/cli/dist/sfn-lint.cjs',
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  // jsonc-parser's ES module build has extensionless imports that Node cannot load; bundled, it works.
  mainFields: ['module', 'main'],
  // The bundle is CommonJS: import.meta.url becomes the bundle's own file URL.
  define: { 'import.meta.url': '__sfnLintBundleUrl' },
  banner: { js: "var __sfnLintBundleUrl = require('node:url').pathToFileURL(__filename).href;" },
  // Smaller source reads, compares and loads faster; names stay for readable stack traces.
  minifyWhitespace: true,
  // The loader decodes the bundle as Latin-1, which is right only for ASCII; esbuild
  // escapes everything else in strings and identifiers.
  charset: 'ascii',
  minifySyntax: true,
  sourcemap: 'linked',
  logLevel: 'warning',
});

if (readFileSync('packages/cli/dist/sfn-lint.cjs').some((byte) => byte > 0x7f)) {
  console.error('The bundle is not ASCII, but bin/sfn-lint.cjs reads it as Latin-1.');
  process.exit(1);
}

// An earlier cache is dead weight (the loader would reject it), and so are the
// hash-named caches of earlier builds.
for (const name of readdirSync('packages/cli/dist')) if (/^sfn-lint.*\.cache$/.test(name)) rmSync(join('packages/cli/dist', name));

// A sample run compiles what linting JSON and YAML needs; the cache then holds it.
const samples = mkdtempSync(join(tmpdir(), 'sfn-lint-cache-'));
writeFileSync(join(samples, 'machine.asl.json'), JSON.stringify(generateMachine(300), null, 2));
writeFileSync(
  join(samples, 'machine.asl.yaml'),
  'StartAt: A\nStates:\n  A:\n    Type: Pass\n    Next: B\n  B:\n    Type: Choice\n    Choices:\n      - Variable: $.x\n        BooleanEquals: true\n        Next: C\n    Default: C\n  C:\n    Type: Succeed\n',
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
