import {
  appendArrayItem,
  insertMember,
  member,
  replaceString,
  type Diagnostic,
  type LintResult,
  type Machine,
  type State,
  type TextEdit,
} from '@sfn-lint/core';

/** One way to silence a finding, with the edit that writes it. */
export interface Suppression {
  readonly title: string;
  readonly edits: readonly TextEdit[];
}

/**
 * The suppressions that suit where a finding is: a `# sfn-lint-disable-next-line` comment
 * in YAML, `sfn-lint-disable` in the state's `Comment` (created or extended) in JSON, and
 * the resource's `Metadata.sfn-lint.ignore` for a state machine of a template.
 */
export function suppressionsFor(result: LintResult, finding: Diagnostic): Suppression[] {
  const document = result.document;
  const rule = finding.ruleId;
  const found: Suppression[] = [];
  const add = (title: string, edits: readonly TextEdit[] | undefined) => {
    if (edits && edits.length > 0) found.push({ title, edits });
  };
  if (document.format === 'yaml') add(`Disable ${rule} for this line`, yamlComment(document.text, finding.range.start, rule));
  else {
    const state = stateOf(result.machines, finding);
    if (state) add(`Disable ${rule} for state "${state.name}"`, commentDirective(result, state, rule));
  }
  for (const label of finding.machines ?? (finding.machine ? [finding.machine] : [])) {
    const machine = result.templateMachines?.find((candidate) => candidate.label === label);
    if (machine) add(`Disable ${rule} for state machine ${label} (template Metadata)`, metadataIgnore(result, machine.resource.node, rule));
  }
  return found;
}

/** The state a finding is about, found by its path. */
function stateOf(machines: readonly Machine[], finding: Diagnostic): State | undefined {
  const path = finding.statePath;
  if (!path || path.length === 0) return undefined;
  const key = path.join('\u0000');
  return machines.flatMap((machine) => machine.states).find((state) => state.path.join('\u0000') === key && (state.node.keyRange ?? state.node.range).start <= finding.range.start && finding.range.start <= state.node.range.end);
}

function yamlComment(text: string, offset: number, rule: string): TextEdit[] {
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  const indent = /^[ \t]*/.exec(text.slice(start))![0];
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  return [{ range: { start, end: start }, text: `${indent}# sfn-lint-disable-next-line ${rule}${eol}` }];
}

const DIRECTIVE = /(?<=^|\s)sfn-lint-disable(?=\s|$)([^\r\n]*)/;

function commentDirective(result: LintResult, state: State, rule: string): TextEdit[] | undefined {
  const document = result.document;
  const comment = state.comment;
  if (!comment) return insertMember(document, state.node, 'Comment', `sfn-lint-disable ${rule}`, { before: ['Type'] });
  if (comment.kind !== 'string') return undefined;
  const value = comment.value as string;
  const match = DIRECTIVE.exec(value);
  let updated: string;
  if (!match) updated = `${value}${value === '' || /\s$/.test(value) ? '' : ' '}sfn-lint-disable ${rule}`;
  else {
    // Only the first directive of a Comment counts: the rule joins its list, before any reason.
    const rest = match[1];
    const dashes = /(?:^|\s)--(?:\s|$)/.exec(rest);
    const ids = (dashes ? rest.slice(0, dashes.index) : rest).trim();
    if (ids === '') return undefined; // It already covers every rule.
    const at = match.index + 'sfn-lint-disable'.length + (dashes ? dashes.index : rest.length);
    const before = value.slice(0, at).replace(/\s+$/, '');
    updated = `${before}, ${rule}${value.slice(before.length)}`;
  }
  return replaceString(document, comment, updated);
}

function metadataIgnore(result: LintResult, resource: State['node'], rule: string): TextEdit[] | undefined {
  const document = result.document;
  const metadata = member(resource, 'Metadata');
  if (!metadata) return insertMember(document, resource, 'Metadata', { 'sfn-lint': { ignore: [rule] } }, { before: ['Properties'] });
  const settings = member(metadata, 'sfn-lint');
  if (!settings) return insertMember(document, metadata, 'sfn-lint', { ignore: [rule] });
  const ignore = member(settings, 'ignore');
  if (!ignore) return insertMember(document, settings, 'ignore', [rule]);
  return ignore.kind === 'array' ? appendArrayItem(document, ignore, rule) : undefined;
}
