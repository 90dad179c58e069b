import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';
import { arrayLoopsOf, bundleRewrites } from '../scripts/compile-for-bundle.mjs';

// Every loop form the bundle's sources use, the iterables that must stay for…of loops, and
// regular expression literals that may and may not be shared.
const SAMPLE = `
const atTop = /^top/;
export function patterns(text: string): unknown[] {
  const found: unknown[] = [];
  found.push(/^a+/.test(text), /b(c)/i.exec(text)?.[1], text.replace(/a/, 'A'), text.split(/,\\s*/), text.search(/c/), text.match(/a(b)?/)?.[0]);
  const global = /a/g;
  found.push(global.test(text), global.lastIndex, text.replace(/a/g, '-'), /a/y.test(text));
  const kept = /kept/;
  kept.lastIndex = 3;
  found.push(kept.lastIndex, atTop.test(text), [/x/].length, typeof /made/, (() => /fresh/)() === (() => /fresh/)());
  return found;
}

export function run(): unknown[] {
  const out: unknown[] = [];
  const list = [1, 2, 3];
  for (const x of list) out.push(x * 2);
  for (const [a, b] of [[1, 'a'], [2, 'b']] as [number, string][]) out.push(\`\${a}\${b}\`);
  const grow = [1];
  for (const x of grow) if (grow.length < 4) grow.push(x + 1);
  out.push(grow.join());
  outer: for (const x of [1, 2, 3]) {
    for (const y of [1, 2, 3]) {
      if (y === 2) continue outer;
      if (x === 3) break outer;
      out.push(\`\${x}.\${y}\`);
    }
  }
  const read: (() => number)[] = [];
  for (const x of [1, 2, 3]) read.push(() => x);
  out.push(read.map((f) => f()).join());
  for (const x of [5]) {
    const x = 6;
    out.push(x);
  }
  let last = 0;
  for (last of [7, 8]) out.push('assigned');
  out.push(last);
  for (const x of [1, , 3]) out.push(x ?? 'hole');
  const tuple: [number, string] = [1, 'z'];
  for (const x of tuple) out.push(x);
  const either: number[] | string[] = out.length > 1000 ? [1] : ['s'];
  for (const x of either) out.push(x);
  const fixed: readonly number[] = [9];
  for (const x of fixed) out.push(x);
  for (const [k, v] of new Map([['k', 1]])) out.push(k + v);
  for (const x of new Set([2])) out.push(x);
  for (const ch of 'ab') out.push(ch);
  function* counted() {
    yield 3;
  }
  for (const x of counted()) out.push(x);
  const loose: any = [4];
  for (const x of loose) out.push(x);
  return out;
}
`;

const folder = mkdtempSync(join(tmpdir(), 'sfn-lint-lower-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

function compile(rewrite: boolean): string {
  const file = join(folder, 'sample.ts');
  writeFileSync(file, SAMPLE);
  const options: ts.CompilerOptions = { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, strict: true, noEmit: true, types: [] };
  const program = ts.createProgram([file], options);
  const loops = arrayLoopsOf(program.getSourceFile(file)!, program.getTypeChecker());
  return ts.transpileModule(SAMPLE, {
    fileName: file,
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
    transformers: rewrite ? { before: [bundleRewrites(loops)] } : undefined,
  }).outputText;
}

interface Sample {
  run(): unknown[];
  patterns(text: string): unknown[];
}

async function load(code: string): Promise<Sample> {
  return (await import(`data:text/javascript,${encodeURIComponent(code)}`)) as Sample;
}

const plain = compile(false);
const rewritten = compile(true);

describe('for…of loops over arrays in the bundle', () => {
  it('rewrites each loop over an array, tuple or union of arrays, and no other', () => {
    const forOf = /for \([^;()]* of /g;
    expect(plain.match(forOf)).toHaveLength(17);
    expect(rewritten.match(forOf)).toHaveLength(5);
    for (const kept of ['new Map', 'new Set', "'ab'", 'counted()', 'of loose']) expect(rewritten).toContain(kept);
  });

  it('keeps what each loop does: order, growth, labels, bindings, holes and shadowing', async () => {
    const expected = (await load(plain)).run();
    expect(expected).toEqual([2, 4, 6, '1a', '2b', '1,2,3,4', '1.1', '2.1', '1,2,3', 6, 'assigned', 'assigned', 8, 1, 'hole', 3, 1, 'z', 's', 9, 'k1', 2, 'a', 'b', 3, 4]);
    expect((await load(rewritten)).run()).toEqual(expected);
  });
});

describe('regular expression literals in the bundle', () => {
  it('moves out of functions only the literals no caller can tell apart', () => {
    const hoisted = rewritten.match(/^const pattern(_\d+)? = .*$/gm) ?? [];
    expect(hoisted.map((line) => line.slice(line.indexOf('= ') + 2))).toEqual(['/^a+/;', '/b(c)/i;', '/a/;', '/,\\s*/;', '/c/;', '/a(b)?/;']);
    for (const kept of ['/a/g', '/a/y', '= /kept/', '[/x/]', 'typeof /made/', '=> /fresh/']) expect(rewritten).toContain(kept);
  });

  it('gives the same results, called again and again', async () => {
    const [before, after] = [await load(plain), await load(rewritten)];
    for (const text of ['ab, c', 'aab,  bc', 'top', '']) {
      expect(after.patterns(text)).toEqual(before.patterns(text));
      expect(after.patterns(text)).toEqual(before.patterns(text));
    }
  });
});
