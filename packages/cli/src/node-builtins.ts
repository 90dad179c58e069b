import { createRequire } from 'node:module';

/**
 * Node's built-in modules that most runs never use, loaded on first use. A static import
 * loads them at start-up, before a pre-commit hook has linted anything: node:crypto and
 * node:worker_threads (with the stream modules it pulls in) cost about 7 ms together,
 * node:os 0.6 ms, and a one-file run needs none of them. Built-ins resolve from any base,
 * so the require is made for the working directory: the compiled modules and the bundle
 * share this code. In the bundle, createRequire gives the bundle's own require instead
 * (scripts/bundle-cli.mjs), since loading node:module costs 0.8 ms more.
 */
const requireBuiltin = createRequire(`${process.cwd()}/`);

let crypto: typeof import('node:crypto') | undefined;
let workerThreads: typeof import('node:worker_threads') | undefined;
let v8: typeof import('node:v8') | undefined;
let os: typeof import('node:os') | undefined;
let moduleApi: typeof import('node:module') | undefined;

export function nodeCrypto(): typeof import('node:crypto') {
  return (crypto ??= requireBuiltin('node:crypto') as typeof import('node:crypto'));
}

export function nodeOs(): typeof import('node:os') {
  return (os ??= requireBuiltin('node:os') as typeof import('node:os'));
}

/** Node's module API, for the source map of a stack trace (stack-trace.ts). */
export function nodeModule(): typeof import('node:module') {
  return (moduleApi ??= requireBuiltin('node:module') as typeof import('node:module'));
}

export function nodeWorkerThreads(): typeof import('node:worker_threads') {
  return (workerThreads ??= requireBuiltin('node:worker_threads') as typeof import('node:worker_threads'));
}

/**
 * V8's setFlagsFromString. The bin gives one that does not load node:v8 (with the stream
 * modules it pulls in); compiled modules run in-process load node:v8.
 */
export function setV8Flags(flags: string): void {
  const fromBin = (globalThis as Record<symbol, unknown>)[Symbol.for('sfn-lint.set-v8-flags')];
  if (typeof fromBin === 'function') (fromBin as (flags: string) => void)(flags);
  else (v8 ??= requireBuiltin('node:v8') as typeof import('node:v8')).setFlagsFromString(flags);
}
