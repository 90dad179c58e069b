import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { workerThreads } from './lint-targets.js';
import { runOnWorkers } from './workers.js';

let dir: string;

function script(name: string, source: string): URL {
  const file = join(dir, `${name}.mjs`);
  writeFileSync(file, `import { parentPort } from 'node:worker_threads';\n${source}`);
  return pathToFileURL(file);
}

/** A worker script: answers each batch with `answer(job)` for every job, as the lint workers do. */
function workerScript(name: string, answer: string, preamble = ''): URL {
  return script(
    name,
    `${preamble}
parentPort.on('message', ({ start, jobs }) => {
  const answer = (job) => { ${answer} };
  let message;
  try {
    message = { start, replies: jobs.map(answer) };
  } catch (error) {
    message = { error: { message: error.message, stack: error.stack } };
  }
  parentPort.postMessage(message);
});
`,
  );
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'sfn-lint-workers-'));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runOnWorkers', () => {
  it('returns the replies in the order of the jobs, whatever the threads and batches', async () => {
    // Uneven work, so that the workers finish their batches out of order.
    const entry = workerScript('square', 'const until = Date.now() + (job % 7); while (Date.now() < until); return job * job;');
    const jobs = Array.from({ length: 100 }, (_, i) => i);
    for (const [threads, batchSize] of [
      [1, 1],
      [3, 1],
      [2, 7],
      [4, 100],
    ]) {
      expect(await runOnWorkers<number, number>(jobs, { entry, workerData: null, threads, batchSize })).toEqual(jobs.map((i) => i * i));
    }
  });

  it('rejects with the exception a job throws in a worker', async () => {
    const entry = workerScript('throws', 'if (job === 5) throw new Error("job 5 failed"); return job;');
    const run = runOnWorkers<number, number>([1, 2, 3, 4, 5, 6, 7], { entry, workerData: null, threads: 2, batchSize: 1 });
    await expect(run).rejects.toThrow('job 5 failed');
  });

  it('rejects when a worker dies, throws outside a job, or cannot start', async () => {
    const options = { workerData: null, threads: 2, batchSize: 1 };
    const exits = script(
      'exits',
      `parentPort.on('message', ({ start, jobs }) => {
  if (jobs.includes(3)) process.exit(3);
  else parentPort.postMessage({ start, replies: jobs });
});`,
    );
    await expect(runOnWorkers([1, 2, 3, 4], { ...options, entry: exits })).rejects.toThrow('a worker thread stopped before its work was done (exit code 3)');
    // The batch with job 3 is never answered: the exception comes later, outside any handler.
    const uncaught = script(
      'uncaught',
      `parentPort.on('message', ({ start, jobs }) => {
  if (jobs.includes(3)) setTimeout(() => { throw new Error('out of band'); }, 10);
  else parentPort.postMessage({ start, replies: jobs });
});`,
    );
    await expect(runOnWorkers([1, 2, 3, 4], { ...options, entry: uncaught })).rejects.toThrow('out of band');
    const broken = workerScript('broken', 'return job;', 'throw new Error("cannot load");');
    await expect(runOnWorkers([1, 2], { ...options, entry: broken })).rejects.toThrow('cannot load');
    await expect(runOnWorkers([1, 2], { ...options, entry: pathToFileURL(join(dir, 'missing.mjs')) })).rejects.toThrow();
  });

  it('resolves at once when there is nothing to do', async () => {
    expect(await runOnWorkers([], { entry: pathToFileURL(join(dir, 'missing.mjs')), workerData: null, threads: 2, batchSize: 1 })).toEqual([]);
  });
});

describe('workerThreads', () => {
  it('uses workers only when asked, or for auto with many files and idle cores', () => {
    expect(workerThreads('off', 10_000, 8, 0)).toBe(0);
    expect(workerThreads(1, 10_000, 8, 0)).toBe(0);
    expect(workerThreads(3, 10_000, 1, 4)).toBe(3);
    expect(workerThreads(3, 2, 8, 0)).toBe(2);
    expect(workerThreads(3, 1, 8, 0)).toBe(0);
    expect(workerThreads('auto', 10_000, 1, 0)).toBe(0);
    expect(workerThreads('auto', 150, 8, 0)).toBe(0);
    expect(workerThreads('auto', 250, 8, 0)).toBe(2);
    expect(workerThreads('auto', 10_000, 2, 0.2)).toBe(2);
    expect(workerThreads('auto', 10_000, 2, 1)).toBe(0);
    expect(workerThreads('auto', 10_000, 8, 3)).toBe(5);
  });
});
