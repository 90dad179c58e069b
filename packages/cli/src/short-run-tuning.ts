import { setV8Flags } from './node-builtins.js';

/**
 * V8 settings for a short run, the usual one in a pre-commit hook: the tiers capped below
 * TurboFan, which bin/sfn-lint.cjs does at start, and the young generation held at its size
 * once a large file comes. Both are given up once the run proves long. They change how
 * fast the code runs, never what it does.
 */
const CAP = Symbol.for('sfn-lint.tier-cap');
const HOLD = Symbol.for('sfn-lint.young-generation-hold');

/**
 * How long, from process start, a run keeps the short-run settings. Capped, a lint of
 * one 1 MB definition is 15 % faster and one of 256 small files 9 %; a run of several
 * seconds would be 5-12 % slower, since TurboFan's optimised code then has time to repay
 * its compile jobs, so such a run gives the settings up between two files once this much
 * has passed.
 */
const SHORT_RUN_MS = 400;

const marks = globalThis as Record<symbol, unknown>;

/** From this many characters on, a definition's parse grows the young generation again and again. */
const LARGE_FILE = 256 * 1024;

/**
 * From this many characters on, a YAML text is read slowly enough that TurboFan repays its
 * compile jobs within the file: the yaml package's parser runs several times longer per
 * character than the JSON one. Under the cap, a generated 2,400-state machine written as
 * YAML (720 KB) took 1.2 s against 0.84 s without it, and one of 1,000 states (300 KB)
 * 572 ms against 526 ms.
 */
const LONG_YAML = 256 * 1024;

/**
 * Called with each text a run on this thread is about to read: a long YAML text ends the
 * short-run settings before it is parsed, and a large JSON one holds the young generation.
 */
export function tuneForText(length: number, format: 'json' | 'yaml'): void {
  if (format === 'yaml' && length >= LONG_YAML) {
    if (shortRun() && !writingCodeCache()) end();
    return;
  }
  holdYoungGenerationFor(length);
}

/** Heap flags of the user's, which the hold leaves alone. */
const USER_HEAP_FLAGS = /--(?:min-semi-space-size|max-semi-space-size|semi-space-growth-factor)\b/;

/**
 * Called with the length of each file a run on this thread reads: from a large one on, a
 * short run keeps the young generation at its size. V8 doubles it whenever much survives a
 * scavenge, which parsing a large definition does again and again, and every doubling
 * brings fresh pages: a page touched for the first time costs some 14 µs on a small virtual
 * machine, about 3,000 of them on a 1 MB definition, more than the scavenges a larger
 * young generation saves (the generated 2,400-state machine: 415 → 370 ms). Small files
 * are left alone: over hundreds of them, a small young generation promotes the garbage of
 * one file after another, and the run gets slower.
 *
 * The hold starts after the bundle has loaded, under the flags its code cache was made
 * with; yaml or jsonata loaded after it compile without theirs, which a large file's lint
 * repays several times over.
 */
export function holdYoungGenerationFor(length: number): void {
  if (length < LARGE_FILE || marks[CAP] !== true || marks[HOLD] !== undefined) return;
  if (USER_HEAP_FLAGS.test(`${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`)) return;
  marks[HOLD] = true;
  setV8Flags('--semi-space-growth-factor=1');
}

/** True while the cap or the hold is in force. */
function shortRun(): boolean {
  return marks[CAP] === true || marks[HOLD] === true;
}

function end(): void {
  const flags: string[] = [];
  if (marks[CAP] === true) {
    flags.push('--max-opt=999', '--turbofan');
    marks[CAP] = false;
  }
  if (marks[HOLD] === true) {
    flags.push('--semi-space-growth-factor=2');
    marks[HOLD] = false;
  }
  setV8Flags(flags.join(' '));
}

/**
 * Called before each file of a run on this thread: ends the short-run settings once the
 * run has lasted long enough for TurboFan to pay off. When the bin made none (the compiled
 * modules in-process, or node given flags of the user's), nothing changes.
 */
export function tuneBeforeFile(): void {
  if (shortRun() && !writingCodeCache() && process.uptime() * 1000 > SHORT_RUN_MS) end();
}

/**
 * True in the build's sample run, whose code caches must be made under the flags every
 * run starts with: V8 rejects a cache made under others, and a sample run slowed past
 * SHORT_RUN_MS (a busy build machine) would otherwise make caches no run can use.
 */
function writingCodeCache(): boolean {
  return process.env.SFN_LINT_WRITE_CODE_CACHE === '1';
}

/**
 * Ends the short-run settings before worker threads start: a run that needs them is a long
 * one, and they start without them. They compile the bundle without its code cache, made
 * under those settings.
 */
export function endShortRunTuning(): void {
  if (shortRun() && !writingCodeCache()) end();
}
