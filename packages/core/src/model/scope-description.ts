import type { Scope } from './types.js';

/**
 * A scope as messages name it: "the top level", "branch 2 of Parallel state "Fan out"",
 * "the ItemProcessor of Map state "Each"" (or Iterator, as the file spells it).
 */
export function describeScope(scope: Scope): string {
  const owner = scope.owner;
  if (!owner) return 'the top level';
  if (scope.kind === 'branch') return `branch ${(scope.branchIndex ?? 0) + 1} of Parallel state ${JSON.stringify(owner.name)}`;
  return `the ${scope.node.key ?? 'ItemProcessor'} of Map state ${JSON.stringify(owner.name)}`;
}
