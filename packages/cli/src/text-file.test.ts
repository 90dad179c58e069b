import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readTextFile } from './text-file.js';

const root = mkdtempSync(join(tmpdir(), 'sfn-lint-text-file-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readTextFile', () => {
  it('reads what readFileSync reads as UTF-8, byte for byte', () => {
    const cases: Record<string, Buffer> = {
      empty: Buffer.alloc(0),
      ascii: Buffer.from('{"StartAt":"A"}\n'),
      bom: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"a":1}')]),
      unicode: Buffer.from('{"État": "✓ 𝄞"}'),
      // Broken UTF-8 becomes U+FFFD, the same way.
      invalid: Buffer.from([0x7b, 0x22, 0xc3, 0x28, 0xff, 0xe2, 0x82, 0x22, 0x7d]),
      large: Buffer.from(`[${'"x",'.repeat(300_000)}"y"]`),
    };
    for (const [name, bytes] of Object.entries(cases)) {
      const file = join(root, `${name}.json`);
      writeFileSync(file, bytes);
      expect(readTextFile(file), name).toBe(readFileSync(file, 'utf8'));
    }
  });

  it('throws as readFileSync does', () => {
    expect(() => readTextFile(join(root, 'missing.json'))).toThrow(expect.objectContaining({ code: 'ENOENT' }));
    const dir = join(root, 'folder.json');
    mkdirSync(dir);
    expect(() => readTextFile(dir)).toThrow(expect.objectContaining({ code: 'EISDIR' }));
  });
});
