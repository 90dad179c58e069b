import type { TSESTree } from '@typescript-eslint/utils';
import type { CdkSource, Construction } from './source.js';

/** `tasks.CallAwsService "Get item"`: the class and the construct id, as the code names them. */
export function constructLabel(source: CdkSource, construction: Construction): { kind: string; id: string } {
  const id = construction.args[1] ? source.stringOf(construction.args[1]) : undefined;
  return { kind: construction.ref.name, id: id ?? '(unnamed)' };
}

/** From `new` to the construct id: where a finding about the whole construct is shown. */
export function constructHead(construction: Construction): TSESTree.SourceLocation {
  const last = construction.args[1] ?? construction.node.callee;
  return { start: construction.node.loc.start, end: last.loc.end };
}
