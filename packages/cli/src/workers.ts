import type { Worker } from 'node:worker_threads';
import { nodeWorkerThreads } from './node-builtins.js';

/**
 * Set in each worker's environment, so that bin/sfn-lint.cjs loads node:worker_threads to
 * ask whether it runs in a worker only when it may: the main thread of a run never does.
 */
export const WORKER_ENV = 'SFN_LINT_WORKER_THREAD';

export interface WorkerPoolOptions {
  /** The script each worker runs; it answers `{ start, jobs }` with `{ start, replies }`, or `{ error }`. */
  readonly entry: URL;
  readonly workerData: unknown;
  readonly threads: number;
  /** Jobs per message: several, so that messages cost little beside the work. */
  readonly batchSize: number;
}

export interface WorkerBatch<Job> {
  readonly start: number;
  readonly jobs: readonly Job[];
}

export type WorkerAnswer<Reply> = { readonly start: number; readonly replies: readonly Reply[] } | { readonly error: { readonly message: string; readonly stack?: string } };

/**
 * Runs the jobs on worker threads and returns the replies in the order of the jobs. Each
 * worker is handed a batch at a time and the next when it answers, so a worker that gets
 * slow files does fewer of them. An exception in a worker, a worker that dies or one that
 * cannot start rejects the promise and stops the others: never a run that waits forever.
 */
export function runOnWorkers<Job, Reply>(jobs: readonly Job[], options: WorkerPoolOptions): Promise<Reply[]> {
  const replies = new Array<Reply>(jobs.length);
  if (jobs.length === 0) return Promise.resolve(replies);
  return new Promise((resolve, reject) => {
    const workers: Worker[] = [];
    let next = 0;
    let answered = 0;
    let settled = false;
    const finish = (error?: Error) => {
      if (settled) return;
      settled = true;
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve(replies);
    };
    const sendBatch = (worker: Worker) => {
      if (next >= jobs.length) return;
      const start = next;
      next = Math.min(jobs.length, start + options.batchSize);
      const batch: WorkerBatch<Job> = { start, jobs: jobs.slice(start, next) };
      worker.postMessage(batch);
    };
    for (let i = 0; i < Math.min(options.threads, jobs.length); i++) {
      let worker: Worker;
      try {
        worker = new (nodeWorkerThreads().Worker)(options.entry, { workerData: options.workerData, env: { ...process.env, [WORKER_ENV]: '1' } });
      } catch (error) {
        finish(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      workers.push(worker);
      worker.on('message', (answer: WorkerAnswer<Reply>) => {
        if (settled) return;
        if ('error' in answer) {
          finish(workerError(answer.error));
          return;
        }
        for (let j = 0; j < answer.replies.length; j++) replies[answer.start + j] = answer.replies[j];
        answered += answer.replies.length;
        if (answered === jobs.length) finish();
        else sendBatch(worker);
      });
      worker.on('error', (error) => finish(error));
      worker.on('exit', (code) => finish(new Error(`a worker thread stopped before its work was done (exit code ${code})`)));
      sendBatch(worker);
    }
  });
}

/** The worker's exception, with its own stack, as an exception of this thread. */
function workerError(error: { readonly message: string; readonly stack?: string }): Error {
  const local = new Error(error.message);
  if (error.stack !== undefined) local.stack = error.stack;
  return local;
}
