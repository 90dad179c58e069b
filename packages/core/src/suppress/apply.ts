import type { Diagnostic } from '../diagnostic.js';
import type { SourceDocument } from '../document/document.js';
import { UNSUPPRESSIBLE_RULES, type Directive, type DirectiveProblem } from './directive.js';

/** For each directive, the rule ids of the findings it suppressed. */
export type DirectiveUsage = Map<Directive, Set<string>>;

/**
 * Removes from a document's findings those that a directive covers: a line directive on
 * the line where the finding starts, the last `disable`/`enable` before it that names its
 * rule, a definition Comment over the state it is about, or the template Metadata of every
 * state machine it concerns. Records in `usage` which directives did so.
 */
export function suppressFindings(
  document: SourceDocument,
  diagnostics: readonly Diagnostic[],
  directives: readonly Directive[],
  usage: DirectiveUsage,
): { kept: Diagnostic[]; suppressed: number } {
  const byLine = new Map<number, Directive[]>();
  const ranges: Directive[] = [];
  const definitions: Directive[] = [];
  const byMachine = new Map<string, Directive[]>();
  for (const directive of directives) {
    const reach = directive.reach;
    if (reach.kind === 'template') push(byMachine, reach.machine, directive);
    else if (directive.document !== document) continue;
    else if (reach.kind === 'line') push(byLine, reach.line, directive);
    else if (reach.kind === 'from') ranges.push(directive);
    else definitions.push(directive);
  }
  ranges.sort((a, b) => a.range.start - b.range.start);

  const kept: Diagnostic[] = [];
  let suppressed = 0;
  for (const diagnostic of diagnostics) {
    const ruleId = diagnostic.ruleId;
    const covering: Directive[] = [];
    if (!UNSUPPRESSIBLE_RULES.has(ruleId)) {
      if (byLine.size > 0) {
        const line = document.lineMap.zeroBased(diagnostic.range.start).line;
        for (const directive of byLine.get(line) ?? []) if (names(directive, ruleId)) covering.push(directive);
      }
      const range = rangeCover(ranges, diagnostic);
      if (range) covering.push(range);
      for (const directive of definitions) if (names(directive, ruleId) && coversDefinitionFinding(directive, diagnostic)) covering.push(directive);
      covering.push(...templateCover(byMachine, diagnostic));
    }
    if (covering.length === 0) {
      kept.push(diagnostic);
      continue;
    }
    suppressed++;
    for (const directive of covering) {
      let rules = usage.get(directive);
      if (!rules) usage.set(directive, (rules = new Set()));
      rules.add(ruleId);
    }
  }
  return { kept, suppressed };
}

/**
 * Problems for the disable directives that suppressed nothing. A rule that is off in this
 * run is left alone: the directive may be needed where the rule is on.
 */
export function unusedDirectives(directives: readonly Directive[], usage: DirectiveUsage, isOn: (ruleId: string) => boolean): DirectiveProblem[] {
  const problems: DirectiveProblem[] = [];
  for (const directive of directives) {
    if (directive.reach.kind === 'from' && !directive.reach.disable) continue;
    const used = usage.get(directive);
    if (directive.rules === 'all') {
      if (!used) problems.push({ document: directive.document, range: directive.range, message: `${directive.label} suppresses nothing. Remove it.` });
      continue;
    }
    const only = directive.rules.length === 1;
    for (const rule of directive.rules) {
      if (used?.has(rule.id) || !isOn(rule.id)) continue;
      const remedy = only ? 'Remove it' : `Remove "${rule.id}" from it`;
      problems.push({ document: directive.document, range: rule.range, message: `${directive.label} suppresses no "${rule.id}" finding. ${remedy}.` });
    }
  }
  return problems;
}

/** The last `disable` or `enable` before the finding that names its rule, if it is a `disable`. */
function rangeCover(ranges: readonly Directive[], diagnostic: Diagnostic): Directive | undefined {
  for (let i = ranges.length - 1; i >= 0; i--) {
    const directive = ranges[i];
    if (directive.range.start > diagnostic.range.start || !names(directive, diagnostic.ruleId)) continue;
    return directive.reach.kind === 'from' && directive.reach.disable ? directive : undefined;
  }
  return undefined;
}

function names(directive: Directive, ruleId: string): boolean {
  return directive.rules === 'all' || directive.rules.some((rule) => rule.id === ruleId);
}

/** A finding inside the directive's definition (of its template machine, if any), on its state or one nested in it. */
function coversDefinitionFinding(directive: Directive, diagnostic: Diagnostic): boolean {
  const reach = directive.reach;
  if (reach.kind !== 'definition') return false;
  if (diagnostic.machine !== undefined && diagnostic.machine !== reach.machine) return false;
  if (diagnostic.range.start < reach.root.start || diagnostic.range.end > reach.root.end) return false;
  if (!reach.statePath) return true;
  const path = diagnostic.statePath;
  return path !== undefined && path.length >= reach.statePath.length && reach.statePath.every((name, i) => path[i] === name);
}

/**
 * The Metadata directives that suppress a finding: one for each state machine the finding
 * concerns, or none unless every one of them ignores its rule (a role that two machines
 * share is judged for both).
 */
function templateCover(byMachine: ReadonlyMap<string, readonly Directive[]>, diagnostic: Diagnostic): Directive[] {
  if (byMachine.size === 0) return [];
  const machines = diagnostic.machine !== undefined ? [diagnostic.machine] : (diagnostic.machines ?? []);
  const covering: Directive[] = [];
  for (const machine of machines) {
    const directive = byMachine.get(machine)?.find((candidate) => names(candidate, diagnostic.ruleId));
    if (!directive) return [];
    covering.push(directive);
  }
  return covering;
}

function push<K>(map: Map<K, Directive[]>, key: K, directive: Directive): void {
  const list = map.get(key);
  if (list) list.push(directive);
  else map.set(key, [directive]);
}
