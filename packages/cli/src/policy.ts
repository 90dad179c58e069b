import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  embeddedDefinition,
  leastPrivilegePolicy,
  parseDocument,
  permissionDiff,
  policyJson,
  policyYaml,
  readTemplate,
  templateMachineNeeds,
  templateMachines,
  templateRoots,
  type Machine,
  type NeedStanding,
  type NeedsAnalysis,
  type PolicyDocument,
  type TemplateMachine,
} from '@sfn-lint/core';
import type { PolicyCommandOptions } from './args.js';
import { collectFiles } from './files.js';
import type { Output } from './run.js';
import { readRelated } from './related-files.js';
import { UsageError } from './usage-error.js';

interface Derived {
  readonly file: string;
  readonly machine: TemplateMachine;
  readonly definition: Machine;
  readonly analysis: NeedsAnalysis;
  readonly policy: PolicyDocument;
}

/**
 * `sfn-lint policy`: the least-privilege policy each state machine's definition needs, as
 * a document to paste into the template (references kept as Fn::Sub), or with --diff,
 * beside what its role grants.
 */
export function runPolicy(options: PolicyCommandOptions, output: Output): number {
  const derived = derive(options, output);
  if (derived.length === 0) {
    output.stderr.write(
      options.machine
        ? `sfn-lint: no state machine "${options.machine}" in ${options.target}.\n`
        : `sfn-lint: no state machine with a readable definition in ${options.target}.\n`,
    );
    return 2;
  }
  for (const item of derived) warnAbout(item, output);
  if (options.diff) {
    output.stdout.write(renderDiff(derived, output.cwd));
    return 0;
  }
  if (derived.length > 1) output.stderr.write(`sfn-lint: ${derived.length} state machines; --machine <LogicalId> prints one policy document.\n`);
  const text =
    derived.length === 1
      ? render(derived[0].policy, options.format)
      : options.format === 'yaml'
        ? derived.map((item) => `# ${item.machine.label}\n${render(item.policy, 'yaml')}`).join('---\n')
        : JSON.stringify(Object.fromEntries(derived.map((item) => [item.machine.label, item.policy])), null, 2);
  output.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  return 0;
}

function render(policy: PolicyDocument, format: 'json' | 'yaml'): string {
  return format === 'yaml' ? policyYaml(policy) : policyJson(policy);
}

function derive(options: PolicyCommandOptions, output: Output): Derived[] {
  const target = resolve(output.cwd, options.target);
  let files: string[];
  try {
    files = statSync(target).isDirectory() ? collectFiles([target], output.cwd).map((t) => t.path) : [target];
  } catch {
    throw new UsageError(`No such file or directory: ${options.target}`);
  }
  const result: Derived[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    const document = parseDocument(file, text);
    for (const root of templateRoots(document)) {
      for (const machine of templateMachines(readTemplate(document, root))) {
        if (options.machine && options.machine !== machine.logicalId && options.machine !== machine.label) continue;
        const definition = embeddedDefinition(document, machine, readRelated);
        if (definition.kind !== 'machine') {
          if (options.machine) output.stderr.write(`sfn-lint: the definition of "${machine.label}" cannot be read, so no policy can be derived.\n`);
          continue;
        }
        const analysis = templateMachineNeeds(machine, definition.machine);
        result.push({ file, machine, definition: definition.machine, analysis, policy: leastPrivilegePolicy(analysis.needs) });
      }
    }
  }
  return result;
}

/** What the document cannot cover, on standard error so that standard output stays pasteable. */
function warnAbout({ machine, analysis }: Derived, output: Output): void {
  const self = new RegExp(`\\$\\{${machine.logicalId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?:\\.[A-Za-z]+)?\\}`);
  if (analysis.needs.some((need) => need.resources?.some((resource) => self.test(resource)))) {
    output.stderr.write(
      `sfn-lint: ${machine.label}: the policy names the state machine itself; in the role's inline Policies that is a circular ` +
        'dependency for CloudFormation, so attach it as a separate AWS::IAM::Policy (its Roles naming the role).\n',
    );
  }
  for (const task of analysis.unresolved) {
    output.stderr.write(`sfn-lint: ${machine.label}: the Resource of "${task.name}" is not known here, so its permissions are not in the policy.\n`);
  }
  const inexact = analysis.needs.filter((need) => !need.exact && need.resources !== null && !need.onlyStar && need.state);
  for (const need of inexact) {
    output.stderr.write(`sfn-lint: ${machine.label}: "${need.state!.name}" names its target at run time, so ${need.action} is granted on ${need.resources!.join(', ')}.\n`);
  }
}

const MARK: Readonly<Record<NeedStanding['decision'], string>> = {
  allowed: 'ok     ',
  denied: 'DENIED ',
  'not-granted': 'MISSING',
  unknown: '?      ',
  unjudged: '?      ',
};

/** The needs beside the grants, as text for people: one line per need, then the excess. */
function renderDiff(derived: readonly Derived[], cwd: string): string {
  const lines: string[] = [];
  for (const { file, machine, definition } of derived) {
    const diff = permissionDiff(machine, definition);
    const role = diff.permissions.role ? `role ${diff.permissions.role.logicalId}` : `role: ${diff.permissions.source}`;
    lines.push(`${machine.label} (${relative(cwd, file) || file}, ${role})`);
    if (!diff.permissions.fullyKnown) {
      for (const unknown of diff.permissions.unknowns) lines.push(`  note: ${unknown.reason}`);
    }
    lines.push('  needed by the definition:');
    for (const { need, decision, by } of diff.needs) {
      const resources = need.resources === null ? '*' : need.resources.join(', ');
      const where = need.state ? ` [${need.state.name}]` : need.purpose === 'logging' ? ' [logging]' : need.purpose === 'tracing' ? ' [tracing]' : '';
      const optional = need.required ? '' : ' (optional)';
      lines.push(`    ${MARK[decision]} ${need.action} on ${resources}${where}${optional}${by && decision === 'allowed' ? `  <- ${by}` : ''}`);
    }
    lines.push('  granted but not needed:');
    if (diff.excess.length === 0) lines.push('    (nothing)');
    for (const excess of diff.excess) {
      const note = excess.kind === 'broader' ? ' (a wildcard, broader than the actions needed)' : '';
      lines.push(`    ${excess.actions.join(', ')} on ${excess.resources.join(', ') || '*'}${note}  <- ${excess.origin}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
