import { mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileAtomic } from './atomic-write.js';

const root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-atomic-')));

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('writeFileAtomic', () => {
  it('replaces a file whole and leaves no temporary file', () => {
    const path = join(root, 'report.sarif');
    writeFileSync(path, 'old');
    writeFileAtomic(path, 'new report');
    expect(readFileSync(path, 'utf8')).toBe('new report');
    expect(readdirSync(root)).toEqual(['report.sarif']);
  });

  it('gives the file the mode asked for, whatever the umask', () => {
    const path = join(root, 'fixed.asl.json');
    writeFileAtomic(path, '{}', 0o664);
    expect(statSync(path).mode & 0o777).toBe(0o664);
    writeFileAtomic(path, '{}', 0o600);
    expect(statSync(path).mode & 0o777).toBe(0o600);
  });

  it('creates missing directories', () => {
    const path = join(root, 'a/b/c/report.xml');
    writeFileAtomic(path, '<x/>');
    expect(readFileSync(path, 'utf8')).toBe('<x/>');
  });

  it('leaves what was there and no temporary file when the rename fails', () => {
    const dir = join(root, 'taken');
    mkdirSync(join(dir, 'report.json'), { recursive: true });
    writeFileSync(join(dir, 'report.json', 'inside'), 'kept');
    expect(() => writeFileAtomic(join(dir, 'report.json'), '[]')).toThrow();
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(readFileSync(join(dir, 'report.json', 'inside'), 'utf8')).toBe('kept');
  });

  it('fails cleanly where no directory can be made', () => {
    writeFileSync(join(root, 'file'), 'x');
    expect(() => writeFileAtomic(join(root, 'file', 'sub', 'r.txt'), 'y')).toThrow(/ENOTDIR|EEXIST/);
  });
});
