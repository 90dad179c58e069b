import { nodeV8 } from './node-builtins.js';

const CAP = Symbol.for('sfn-lint.tier-cap');

/**
 * How long, from process start, a run goes on with V8's tiers capped. Capped, a lint of
 * one 1 MB definition is 15 % faster and one of 256 small files 9 %; a run of several
 * seconds would be 5-12 % slower, since TurboFan's optimised code then has time to repay
 * its compile jobs, so such a run lifts the cap between two files once this much has passed.
 */
const CAPPED_MS = 400;

function lift(): void {
  (globalThis as Record<symbol, unknown>)[CAP] = false;
  nodeV8().setFlagsFromString('--max-opt=999 --turbofan');
}

function capped(): boolean {
  return (globalThis as Record<symbol, unknown>)[CAP] === true;
}

/**
 * Lifts the cap on V8's tiers (nothing above Maglev) that bin/sfn-lint.cjs sets at start, once
 * the run has lasted long enough for TurboFan to pay off. When the bin set no cap (the
 * compiled modules in-process, or node given tier flags of the user's), nothing changes.
 */
export function liftTierCapWhenLong(): void {
  if (capped() && process.uptime() * 1000 > CAPPED_MS) lift();
}

/**
 * Lifts the cap before worker threads start: a run that needs them is a long one, and they
 * start uncapped. They compile the bundle without its code cache, made under the cap.
 */
export function liftTierCap(): void {
  if (capped()) lift();
}
