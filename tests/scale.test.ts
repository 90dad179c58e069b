import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './cli-process.js';
import { corpusFiles, corpusPresent, corpusRoot } from './corpus-files.js';

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the cache and concurrency corpus tests are skipped.');

const FORMATS = ['stylish', 'json', 'compact', 'github', 'junit', 'sarif'] as const;
// A whole-corpus run takes seconds, several times that on a busy machine.
const TIMEOUT = 600_000;
// "B" is unreachable: one no-unreachable-state error at 5:5.
const UNREACHABLE = '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Pass", "End": true },\n    "B": { "Type": "Pass", "End": true }\n  }\n}\n';

let dir: string;
let corpus: string;

/** Lints the corpus copy once, writing every format to files, and returns the reports by format. */
function reports(label: string, args: readonly string[]): Record<string, string> & { status: string } {
  const outputs = FORMATS.flatMap((format) => ['--format', format, '-o', join(dir, 'reports', label, format)]);
  const run = spawnSync(process.execPath, [BIN, 'corpus', ...args, ...outputs], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  expect(run.stderr).toBe('');
  const result: Record<string, string> = { status: String(run.status) };
  for (const format of FORMATS) result[format] = readFileSync(join(dir, 'reports', label, format), 'utf8');
  return result as Record<string, string> & { status: string };
}

beforeAll(() => {
  if (!corpusPresent) return;
  dir = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-scale-')));
  corpus = join(dir, 'corpus');
  cpSync(corpusRoot, corpus, { recursive: true });
}, TIMEOUT);

afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(!corpusPresent)('cached and parallel runs over the corpus', () => {
  it('report byte for byte what a plain run reports, in every format', () => {
    const cacheA = ['--cache', '--cache-location', join(dir, 'cache-a/')];
    const cacheB = ['--cache', '--cache-location', join(dir, 'cache-b')];
    const plain = reports('plain', ['--concurrency', 'off']);
    expect(plain.status).toBe('1');
    expect(plain.json.length).toBeGreaterThan(100_000);
    expect(reports('parallel', ['--concurrency', '2'])).toEqual(plain);
    // Results stored from this thread and from worker threads, then read back.
    expect(reports('cold-a', [...cacheA, '--concurrency', 'off'])).toEqual(plain);
    expect(reports('cold-b', [...cacheB, '--concurrency', '2'])).toEqual(plain);
    expect(reports('warm-a', [...cacheA, '--concurrency', '2'])).toEqual(plain);
    expect(reports('warm-b', [...cacheB, '--concurrency', 'off'])).toEqual(plain);

    // Two files changed: they are linted again (on worker threads), the others come from the cache.
    const changed = corpusFiles().filter((file) => file.endsWith('.asl.json')).slice(0, 2).map((file) => join(corpus, relative(corpusRoot, file)));
    for (const file of changed) writeFileSync(file, UNREACHABLE);
    const plainAfter = reports('plain-after', ['--concurrency', 'off']);
    expect(plainAfter.json).not.toBe(plain.json);
    for (const file of changed) expect(plainAfter.compact).toContain(`${relative(dir, file)}:5:5: error`);
    expect(reports('warm-after', [...cacheA, '--concurrency', '2'])).toEqual(plainAfter);
    expect(reports('warm-again', [...cacheA, '--concurrency', 'off'])).toEqual(plainAfter);
  }, TIMEOUT);
});
