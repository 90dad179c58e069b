#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/sfn-lint.cjs) through V8's code cache (dist/sfn-lint-<hash>.cache),
// made at build time after a sample run, so the functions a lint needs start compiled.
// CommonJS on purpose: Node's ES module loader costs tens of milliseconds more at start-up,
// and sfn-lint runs in pre-commit hooks on every commit. A stale or foreign cache is
// rejected and the bundle compiles as usual. V8 itself checks only the source's length,
// so the cache file is named by a hash of the bundle: an edited bundle never runs stale
// bytecode.
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'sfn-lint.cjs');

function load() {
  const source = fs.readFileSync(bundle, 'utf8');
  const cacheFile = path.join(dist, `sfn-lint-${crypto.createHash('sha256').update(source).digest('hex').slice(0, 16)}.cache`);
  let cachedData;
  try {
    cachedData = fs.readFileSync(cacheFile);
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, dist);
  return { main: module.exports.main, script, cacheFile };
}

let loaded;
try {
  loaded = load();
} catch (error) {
  process.stderr.write(`sfn-lint: cannot start (${error instanceof Error ? error.message : String(error)}). Run "npm run build" first.\n`);
  process.exit(2);
}

loaded.main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
    // The build runs a sample lint with this set, to record the compiled functions.
    if (process.env.SFN_LINT_WRITE_CODE_CACHE === '1') fs.writeFileSync(loaded.cacheFile, loaded.script.createCachedData());
    // Tearing down a large heap at a natural exit costs tens of milliseconds; leave as
    // soon as everything written has been flushed.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error) => {
    process.stderr.write(`sfn-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
