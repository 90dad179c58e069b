import type { LintOptions, LintResult } from '@sfn-lint/core';
import type { LintCache } from './cache.js';
import { endShortRunTuning, tuneBeforeFile } from './short-run-tuning.js';
import type { FileTarget } from './files.js';
import { lintFile, readText } from './lint-file.js';
import { nodeOs } from './node-builtins.js';
import type { LintJob, LintJobReply } from './lint-job.js';
import { jobOptions, lintWithRecord, optionsKey } from './lint-job.js';
import type { LintRecord } from './lint-record.js';
import { restoredResult, storedResult } from './lint-record.js';
import { LINT_WORKER } from './lint-worker.js';
import { runOnWorkers } from './workers.js';

/** `--concurrency`: worker threads for linting, `off` for none, `auto` to decide by the files and the cores. */
export type Concurrency = 'auto' | 'off' | number;

/**
 * `auto` starts a worker thread per this many files to lint, as many as there are idle
 * cores. A worker costs its start (the bundle loaded into a new V8 isolate, whose code
 * then warms up again) and the copying of results; measured on the corpus, it pays from
 * about a hundred files per thread, and not at all when the cores are busy already.
 */
export const AUTO_FILES_PER_THREAD = 100;

export interface TargetToLint {
  readonly target: FileTarget;
  readonly options: LintOptions;
}

export interface LintTargetsOptions {
  /** Where results are reused from and stored; none for a plain run. */
  readonly cache: LintCache | undefined;
  readonly concurrency: Concurrency;
}

/**
 * Each file's result, in the order of the files, as lintFile gives it: undefined for a
 * searched file that holds no definition. Results come from the cache when nothing they
 * depend on changed; the rest are linted on this thread or on worker threads.
 */
export async function lintTargets(targets: readonly TargetToLint[], settings: LintTargetsOptions): Promise<(LintResult | undefined)[]> {
  const { cache } = settings;
  const results = new Array<LintResult | undefined>(targets.length);
  const pending: { index: number; job: LintJob; key: string | undefined }[] = [];
  for (let index = 0; index < targets.length; index++) {
    const { target, options } = targets[index];
    const job: LintJob = { target, options: jobOptions(options) };
    // A file that cannot be read is linted (to report it) but never cached.
    const text = cache ? readText(target.path) : undefined;
    if (!cache || text === undefined) {
      pending.push({ index, job, key: undefined });
      continue;
    }
    const key = optionsKey(job);
    const hit = cache.lookup(target.path, text, key);
    if (hit) results[index] = restored(hit.record, text, hit.relatedTexts);
    else pending.push({ index, job: { ...job, text }, key });
  }

  const threads = workerThreads(settings.concurrency, pending.length);
  const entry = workerEntry();
  if (threads === 0 || entry === undefined) {
    for (const { index, job, key } of pending) {
      tuneBeforeFile();
      const { options } = targets[index];
      if (key === undefined) {
        results[index] = lintFile(job.target, options);
        continue;
      }
      const { result, recorder } = lintWithRecord(job, options.rules);
      results[index] = result;
      cache!.store(job.target.path, job.text!, key, { result: result ? storedResult(result) : null, related: recorder.related() });
    }
    return results;
  }

  endShortRunTuning();
  const replies = await runOnWorkers<LintJob, LintJobReply>(
    pending.map(({ job }) => job),
    { entry, workerData: LINT_WORKER, threads, batchSize: Math.max(1, Math.min(16, Math.floor(pending.length / (threads * 8)))) },
  );
  for (let i = 0; i < replies.length; i++) {
    const { index, job, key } = pending[i];
    const reply = replies[i];
    results[index] = restored(reply.record, job.text ?? reply.text ?? '', new Map(reply.relatedTexts));
    if (key !== undefined) cache!.store(job.target.path, job.text!, key, reply.record);
  }
  return results;
}

/**
 * How many worker threads to lint this many files on; 0 for this thread. `auto` counts
 * the cores that the load average leaves idle, and wants two at least: one worker
 * beside an idle main thread gains nothing.
 */
export function workerThreads(concurrency: Concurrency, files: number, cores?: number, load?: number): number {
  if (concurrency === 'off') return 0;
  if (concurrency === 'auto') {
    // Too few files for two threads: the load average, a file read, is not worth asking.
    if (files < 2 * AUTO_FILES_PER_THREAD) return 0;
    const idle = (cores ?? nodeOs().availableParallelism()) - (load ?? nodeOs().loadavg()[0]);
    const threads = Math.min(Math.floor(idle + 0.5), Math.floor(files / AUTO_FILES_PER_THREAD));
    return threads < 2 ? 0 : threads;
  }
  return concurrency < 2 || files < 2 ? 0 : Math.min(concurrency, files);
}

declare const __sfnLintBundleUrl: string | undefined;

/**
 * The script a worker thread runs: bin/sfn-lint.cjs, which loads the bundle with its code
 * caches as the command does and, in a worker, serves lint jobs. Outside the bundle (the
 * compiled modules, in-process) there is none, and linting stays on this thread.
 */
function workerEntry(): URL | undefined {
  return typeof __sfnLintBundleUrl === 'string' ? new URL('../bin/sfn-lint.cjs', __sfnLintBundleUrl) : undefined;
}

function restored(record: LintRecord, text: string, relatedTexts: ReadonlyMap<string, string>): LintResult | undefined {
  if (!record.result) return undefined;
  const file = record.result.file;
  return restoredResult(record.result, (name) => (name === file ? text : (relatedTexts.get(name) ?? '')));
}
