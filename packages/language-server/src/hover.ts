import { definitionNeeds, integrationOf, needsOf, renderRuleMarkdown, reservedRules, type Machine, type NeededPermission, type State, type TaskState, type TemplateMachine } from '@sfn-lint/core';
import { rulesById } from '@sfn-lint/rules';
import { MarkupKind, type Hover, type Position } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { toOffset, toRange } from './positions.js';
import { machinesOf, stateOfTarget, targetAt } from './state-references.js';

/** Hover: a referenced state's type and resource, a Task Resource's integration and IAM needs, a suppressed rule's documentation. */
export function hover(analysis: Analysis, position: Position): Hover | null {
  const offset = toOffset(analysis.source, position);
  const machines = machinesOf(analysis.result);
  const target = targetAt(machines, offset);
  if (target?.kind === 'reference') {
    const state = stateOfTarget(target);
    const range = toRange(analysis.source, target.reference.node.range);
    if (!state) return { contents: markdown(`No state named \`${target.reference.name}\` in this scope.`), range };
    return { contents: markdown(describeState(state)), range };
  }
  for (const machine of machines) {
    const task = machine.states.find((state): state is TaskState => state.kind === 'Task' && state.resource !== undefined && state.resource.range.start <= offset && offset <= state.resource.range.end);
    if (task) return { contents: markdown(describeResource(needsIn(machine, analysis.result?.templateMachines), task)), range: toRange(analysis.source, task.resource!.range) };
  }
  return ruleHover(analysis, offset);
}

function markdown(value: string) {
  return { kind: MarkupKind.Markdown, value };
}

function describeState(state: State): string {
  const lines = [`**${state.name}**: ${state.type ?? 'no'} state${state.path.length > 1 ? ` in \`${state.path.slice(0, -1).join(' / ')}\`` : ''}`];
  if (state.kind === 'Task' && typeof state.resource?.value === 'string') lines.push(`Resource: \`${state.resource.value}\``);
  if (state.comment?.kind === 'string') lines.push(String(state.comment.value));
  return lines.join('\n\n');
}

function describeResource(machineNeeds: readonly NeededPermission[], task: TaskState): string {
  const integration = integrationOf(task);
  const lines: string[] = [];
  const resource = integration?.resource;
  const entry = integration?.entry ?? integration?.probableEntry;
  if (entry) lines.push(`**${entry.kind === 'sdk' ? 'AWS SDK integration' : entry.kind === 'http' ? 'HTTP task' : 'Optimized integration'}** \`${entry.service}:${entry.action}\`${integration?.pattern ? ` (${integration.pattern})` : ''}${integration?.entry ? '' : ', probably'}`);
  else if (resource?.kind === 'activity') lines.push(`**Activity** \`${resource.activityName}\``);
  else if (resource && 'reason' in resource) lines.push(`**Resource not recognised**: ${resource.reason}`);
  const needs = machineNeeds.filter((need) => need.state === task);
  if (needs.length > 0) {
    lines.push('IAM actions the execution role needs:');
    const seen = new Set<string>();
    for (const need of needs) {
      const line = `- \`${need.action}\`${need.resources ? ` on ${need.resources.map((arn) => `\`${arn}\``).join(', ')}` : ''}${need.required ? '' : ' (optional)'}`;
      if (!seen.has(line)) lines.push(line);
      seen.add(line);
    }
  }
  return lines.join('\n\n') || 'No integration recognised.';
}

const standaloneNeeds = new WeakMap<Machine, readonly NeededPermission[]>();

/** What the machine's states need from its role: for a template's machine with its references resolved, as the IAM rules saw it (and cached with them). */
function needsIn(machine: Machine, templateMachines: readonly TemplateMachine[] | undefined): readonly NeededPermission[] {
  const embedding = templateMachines?.find((candidate) => candidate.definition === machine.root);
  if (embedding) return needsOf(embedding, machine).needs;
  let needs = standaloneNeeds.get(machine);
  if (!needs) standaloneNeeds.set(machine, (needs = definitionNeeds(machine)));
  return needs;
}

const RULE_ID = /[a-z][a-z0-9]*(?:-[a-z0-9]+)+/g;

/** A rule id under the cursor on a line holding a suppression (a comment, a Comment field, a Metadata ignore list). */
function ruleHover(analysis: Analysis, offset: number): Hover | null {
  const text = analysis.source.text;
  let start = offset;
  while (start > 0 && text[start - 1] !== '\n' && text[start - 1] !== '\r') start--;
  let end = offset;
  while (end < text.length && text[end] !== '\n' && text[end] !== '\r') end++;
  const line = text.slice(start, end);
  if (!line.includes('sfn-lint') && !isInIgnoreList(text, start)) return null;
  for (const match of line.matchAll(RULE_ID)) {
    const from = start + match.index;
    if (offset < from || offset > from + match[0].length) continue;
    const rule = rulesById.get(match[0]) ?? reservedRules.find((reserved) => reserved.id === match[0]);
    if (!rule) return null;
    return { contents: markdown(renderRuleMarkdown(rule).replace(/^<!--[^\n]*-->\n+/, '')), range: toRange(analysis.source, { start: from, end: from + match[0].length }) };
  }
  return null;
}

/** A line inside a block-style `ignore:` list of the sfn-lint Metadata: the few lines above mention it. */
function isInIgnoreList(text: string, lineStart: number): boolean {
  const above = text.slice(Math.max(0, lineStart - 400), lineStart);
  return /sfn-lint["']?\s*:[\s\S]*ignore["']?\s*:[^:]*$/.test(above);
}
