#!/usr/bin/env node
'use strict';
// Loads the bundled CLI (dist/sfn-lint.cjs) through V8's code cache (dist/sfn-lint.cache),
// made at build time after a sample run, so the functions a lint needs start compiled.
// CommonJS on purpose: Node's ES module loader costs tens of milliseconds more at start-up,
// and sfn-lint runs in pre-commit hooks on every commit. yaml and jsonata are scripts of
// their own (dist/yaml.cjs, dist/jsonata.cjs), loaded the same way when the bundle first
// requires them, so a run that needs neither does not pay for them.
//
// V8 itself checks only the source's length, so each cache file starts with a copy of the
// script it was made for, and is used only when that copy equals the script byte for
// byte: an edited script never runs stale bytecode. Comparing is a native memcmp; hashing
// instead would load node:crypto, which costs more than the whole comparison.
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');

// TurboFan, V8's optimising compiler, costs a short run more than it gains: its compile
// jobs take the second core and fresh memory, whose page faults are dear on small virtual
// machines, and the process ends before the optimised code repays them. A run starts with
// the tiers capped below TurboFan (--max-opt=2; Node 20 ships Maglev off, so in practice
// Sparkplug is the top tier), and one that proves long lifts the cap (src/short-run-tuning.ts). The build makes the code caches under the same cap, since V8
// accepts a cache only under the flags it was made with. Flags the user gave node win.
const USER_TIERS = /--(?:no-)?(?:opt|turbofan|maglev|max-opt|jitless)\b/;
if (process.env.SFN_LINT_WORKER_THREAD !== '1' && !USER_TIERS.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) {
  setV8Flags('--max-opt=2');
  globalThis[Symbol.for('sfn-lint.tier-cap')] = true;
}

/**
 * V8's setFlagsFromString, also for the bundle (src/node-builtins.ts), without loading
 * node:v8: that module pulls in Node's stream modules, 3 ms of a run that otherwise needs
 * none of them (a clean lint writes nothing). Node's own binding, which node:v8 calls, is
 * reached through process.binding; that is deprecated (DEP0111) and warns on first use,
 * a warning meant for code that depends on it, not for a caller that falls back to
 * node:v8 where the binding is gone. So the warning is held back for that one call.
 */
function setV8Flags(flags) {
  let binding;
  try {
    binding = quietly(() => (typeof process.binding === 'function' ? process.binding('v8') : undefined));
  } catch {
    binding = undefined;
  }
  const set = typeof binding?.setFlagsFromString === 'function' ? (text) => binding.setFlagsFromString(text) : (text) => require('node:v8').setFlagsFromString(text);
  globalThis[Symbol.for('sfn-lint.set-v8-flags')] = set;
  set(flags);
}

/**
 * Calls `call` with Node's deprecation warnings off. Under --no-deprecation they are off
 * already, and process.noDeprecation is then read-only.
 */
function quietly(call) {
  if (process.noDeprecation === true) return call();
  const own = Object.prototype.hasOwnProperty.call(process, 'noDeprecation');
  const before = process.noDeprecation;
  process.noDeprecation = true;
  try {
    return call();
  } finally {
    if (own) process.noDeprecation = before;
    else delete process.noDeprecation;
  }
}

const dist = path.join(__dirname, '..', 'dist');
/** Bytes of a cache file's script copy compared at a time. */
const COMPARE_CHUNK = 64 * 1024;
/** The scripts the bundle requires by these names, loaded here with their code caches. */
const LAZY_SCRIPTS = new Map([
  ['./yaml.cjs', 'yaml'],
  ['./jsonata.cjs', 'jsonata'],
]);
/** Every script loaded so far, for writing the caches after the build's sample run. */
const loadedScripts = [];
const lazyExports = new Map();

/**
 * A script's text, and the V8 data of its cache file when the file was made for exactly
 * these bytes. One buffer holds the script's bytes, then (once the text is decoded and
 * compared) the cache's data, and the cache's copy of the script is compared through one
 * small buffer rather than read whole: every fresh page of memory costs a page fault,
 * which on a start-up this short is time.
 */
function readScript(file, cacheFile) {
  let cacheFd;
  try {
    cacheFd = fs.openSync(cacheFile, 'r');
  } catch {
    cacheFd = undefined;
  }
  try {
    const scriptFd = fs.openSync(file, 'r');
    let buffer;
    let scriptSize;
    try {
      scriptSize = fs.fstatSync(scriptFd).size;
      const cacheSize = cacheFd === undefined ? 0 : fs.fstatSync(cacheFd).size;
      buffer = Buffer.allocUnsafe(Math.max(scriptSize, cacheSize - 4 - scriptSize, 1));
      let read = 0;
      for (let n; read < scriptSize && (n = fs.readSync(scriptFd, buffer, read, scriptSize - read, read)) > 0; ) read += n;
      if (read !== scriptSize) throw new Error(`${file} changed while it was read`);
    } finally {
      fs.closeSync(scriptFd);
    }
    const scriptBytes = buffer.subarray(0, scriptSize);
    // The scripts are ASCII (esbuild escapes everything else), and Latin-1 decoding skips
    // UTF-8 validation of nearly a megabyte.
    const source = scriptBytes.toString('latin1');
    return { source, cachedData: cacheFd === undefined ? undefined : cachedDataFor(cacheFd, scriptBytes, buffer) };
  } finally {
    if (cacheFd !== undefined) fs.closeSync(cacheFd);
  }
}

/**
 * The V8 data in an open cache file made for exactly these script bytes, read into
 * `buffer` (which the bytes may share: they are compared first), else undefined.
 */
function cachedDataFor(fd, scriptBytes, buffer) {
  try {
    const size = fs.fstatSync(fd).size;
    const end = 4 + scriptBytes.length;
    const header = Buffer.alloc(4);
    if (size <= end || fs.readSync(fd, header, 0, 4, 0) !== 4 || header.readUInt32LE(0) !== scriptBytes.length) return undefined;
    const chunk = Buffer.allocUnsafe(Math.min(COMPARE_CHUNK, scriptBytes.length));
    for (let at = 0; at < scriptBytes.length; at += chunk.length) {
      const length = Math.min(chunk.length, scriptBytes.length - at);
      if (fs.readSync(fd, chunk, 0, length, 4 + at) !== length) return undefined;
      if (chunk.compare(scriptBytes, at, at + length, 0, length) !== 0) return undefined;
    }
    if (buffer.length < size - end) return undefined;
    const data = buffer.subarray(0, size - end);
    return fs.readSync(fd, data, 0, data.length, end) === data.length ? data : undefined;
  } catch {
    return undefined;
  }
}

/** Runs dist/<name>.cjs as a CommonJS module, with its code cache, and returns its exports. */
function runScript(name) {
  const file = path.join(dist, `${name}.cjs`);
  const cacheFile = path.join(dist, `${name}.cache`);
  const { source, cachedData } = readScript(file, cacheFile);
  // The build writes each script as Node's module wrapper function already: compiling the
  // text as it is spares a concatenated, then flattened, copy of it.
  const script = new vm.Script(source, { filename: file, cachedData });
  loadedScripts.push({ source, cacheFile, script });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, scriptRequire, module, file, dist);
  return module.exports;
}

/**
 * The require the scripts get. They require only Node's built-ins, which this file's own
 * require loads from any folder, and the lazy scripts, which load through runScript.
 * (Module.createRequire would load node:module, and Node's ES module loader with it.)
 */
function scriptRequire(id) {
  const lazy = LAZY_SCRIPTS.get(id);
  if (lazy === undefined) return require(id);
  if (!lazyExports.has(lazy)) lazyExports.set(lazy, runScript(lazy));
  return lazyExports.get(lazy);
}

/** Writes each cache: the script's length, the script, then V8's data. */
function writeCaches() {
  for (const { source, cacheFile, script } of loadedScripts) {
    // The bytes the script was compiled from (V8 keeps its source text anyway).
    const bytes = Buffer.from(source, 'latin1');
    const length = Buffer.alloc(4);
    length.writeUInt32LE(bytes.length, 0);
    fs.writeFileSync(cacheFile, Buffer.concat([length, bytes, script.createCachedData()]));
  }
}

/**
 * True in a worker thread of a parallel lint. Workers are started with SFN_LINT_WORKER_THREAD
 * in their environment, so the main thread of a run does not load node:worker_threads
 * (and the stream modules it pulls in) only to learn that it is the main thread.
 */
function isLintWorker() {
  if (process.env.SFN_LINT_WORKER_THREAD !== '1') return false;
  const { isMainThread, workerData } = require('node:worker_threads');
  return !isMainThread && workerData === 'sfn-lint-worker';
}

let bundle;
try {
  bundle = runScript('sfn-lint');
} catch (error) {
  process.stderr.write(`sfn-lint: cannot start (${error instanceof Error ? error.message : String(error)}). Run "npm run build" first.\n`);
  process.exit(2);
}

if (isLintWorker()) {
  // A worker thread of a parallel lint (--concurrency): it lints what the main thread sends.
  // An exception here reaches the main thread as the worker's error event.
  bundle.serveLintWorker();
} else {
  runMain(bundle.main);
}

/** Runs the command, then leaves as soon as its output is flushed. */
function runMain(main) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
      // The build runs a sample lint with this set, to record the compiled functions.
      if (process.env.SFN_LINT_WRITE_CODE_CACHE === '1') writeCaches();
      // Tearing down a large heap at a natural exit costs tens of milliseconds; leave as
      // soon as everything written has been flushed.
      bundle.afterOutputFlushed(() => process.exit(code));
    },
    (error) => {
      process.stderr.write(`sfn-lint: internal error: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exitCode = 2;
    },
  );
}
