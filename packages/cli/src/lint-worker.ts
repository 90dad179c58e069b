import { rules } from '@sfn-lint/rules';
import type { LintJob, LintJobReply } from './lint-job.js';
import { runLintJob } from './lint-job.js';
import { nodeWorkerThreads } from './node-builtins.js';
import type { WorkerAnswer, WorkerBatch } from './workers.js';

/** Marks the worker threads of a lint in their workerData, for bin/sfn-lint.cjs. */
export const LINT_WORKER = 'sfn-lint-worker';

/** The body of a lint worker thread: lints each batch it is sent and answers with the records. */
export function serveLintJobs(): void {
  const port = nodeWorkerThreads().parentPort;
  if (!port) throw new Error('serveLintJobs runs in a worker thread');
  port.on('message', (batch: WorkerBatch<LintJob>) => {
    let answer: WorkerAnswer<LintJobReply>;
    try {
      answer = { start: batch.start, replies: batch.jobs.map((job) => runLintJob(job, rules)) };
    } catch (error) {
      answer = { error: error instanceof Error ? { message: error.message, stack: error.stack } : { message: String(error) } };
    }
    port.postMessage(answer);
  });
}
