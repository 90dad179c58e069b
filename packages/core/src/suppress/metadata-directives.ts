import type { DocNode } from '../document/node.js';
import { items, member, members } from '../document/node-access.js';
import type { TemplateMachine } from '../template/types.js';
import { checkRules, type Directive, type DirectiveProblem, type NamedRule } from './directive.js';

const SHAPE = '{ ignore: [rule-id, …], reason: "…" }';

/**
 * The suppression in a state machine resource's `Metadata: { sfn-lint: { ignore, reason } }`.
 * It covers every finding about that machine: its definition wherever it is written, and
 * the template-level findings (logging, its role) that name it.
 */
export function metadataDirectives(machine: TemplateMachine, known: ReadonlySet<string>): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  const settings = member(member(machine.resource.node, 'Metadata'), 'sfn-lint');
  if (!settings) return { directives, problems };
  const document = machine.template.document;
  const problem = (node: DocNode, message: string) => problems.push({ document, range: node.range, message });
  const label = `The sfn-lint Metadata of "${machine.label}"`;
  if (settings.kind !== 'object') {
    problem(settings, `The sfn-lint Metadata of "${machine.label}" must be an object, ${SHAPE}.`);
    return { directives, problems };
  }
  for (const key of members(settings)) {
    if (key.key !== 'ignore' && key.key !== 'reason') problem(key, `"${key.key}" is not a key of the sfn-lint Metadata, ${SHAPE}.`);
  }
  const reason = member(settings, 'reason');
  if (reason && reason.kind !== 'string') problem(reason, 'The reason of the sfn-lint Metadata must be a string.');
  const ignore = member(settings, 'ignore');
  if (!ignore) {
    problem(settings, `The sfn-lint Metadata of "${machine.label}" has no ignore list, so it suppresses nothing: ${SHAPE}.`);
    return { directives, problems };
  }
  const named: NamedRule[] = [];
  for (const item of ignore.kind === 'array' ? items(ignore) : [ignore]) {
    if (item.kind === 'string') named.push({ id: item.value as string, range: item.range });
    else problem(item, 'The ignore list of the sfn-lint Metadata holds rule ids, as strings.');
  }
  const checked = checkRules(document, named, known);
  problems.push(...checked.problems);
  if (checked.rules.length === 0) return { directives, problems };
  directives.push({
    document,
    reach: { kind: 'template', machine: machine.label },
    rules: checked.rules,
    ...(reason?.kind === 'string' ? { reason: reason.value as string } : {}),
    range: { start: settings.keyRange?.start ?? settings.range.start, end: contentEnd(document.text, settings.range.end) },
    label,
  });
  return { directives, problems };
}

/** A YAML block map's range runs past its last line break; a directive's range ends at its text. */
function contentEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}
