#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/sfn-lint.cjs) through V8's code cache (dist/sfn-lint.cache),
// made at build time after a sample run, so the functions a lint needs start compiled.
// CommonJS on purpose: Node's ES module loader costs tens of milliseconds more at start-up,
// and sfn-lint runs in pre-commit hooks on every commit.
//
// V8 itself checks only the source's length, so the cache file starts with a copy of the
// bundle it was made for, and is used only when that copy equals the bundle byte for
// byte: an edited bundle never runs stale bytecode. Comparing is a native memcmp; hashing
// instead would load node:crypto, which costs more than the whole comparison.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const Module = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const bundle = path.join(dist, 'sfn-lint.cjs');
const cacheFile = path.join(dist, 'sfn-lint.cache');

/** The V8 data in a cache file made for exactly these bundle bytes, else undefined. */
function cachedDataFor(bundleBytes) {
  let cache;
  try {
    cache = fs.readFileSync(cacheFile);
  } catch {
    return undefined;
  }
  if (cache.length < 4 || cache.readUInt32LE(0) !== bundleBytes.length) return undefined;
  const end = 4 + bundleBytes.length;
  if (cache.length <= end || !bundleBytes.equals(cache.subarray(4, end))) return undefined;
  return cache.subarray(end);
}

function load() {
  const bytes = fs.readFileSync(bundle);
  // The bundle is ASCII (esbuild escapes everything else), and Latin-1 decoding skips
  // UTF-8 validation of nearly a megabyte.
  const source = bytes.toString('latin1');
  const script = new vm.Script(Module.wrap(source), { filename: bundle, cachedData: cachedDataFor(bytes) });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, Module.createRequire(bundle), module, bundle, dist);
  return { main: module.exports.main, script, bytes };
}

/** Writes the cache: the bundle's length, the bundle, then V8's data. */
function writeCache(loaded) {
  const length = Buffer.alloc(4);
  length.writeUInt32LE(loaded.bytes.length, 0);
  fs.writeFileSync(cacheFile, Buffer.concat([length, loaded.bytes, loaded.script.createCachedData()]));
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
    if (process.env.SFN_LINT_WRITE_CODE_CACHE === '1') writeCache(loaded);
    // Tearing down a large heap at a natural exit costs tens of milliseconds; leave as
    // soon as everything written has been flushed.
    process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
  },
  (error) => {
    process.stderr.write(`sfn-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
    process.exitCode = 2;
  },
);
