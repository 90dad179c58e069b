import { readFileSync, statSync } from 'node:fs';
import { relative, resolve } from 'node:path';
import {
  embeddedDefinition,
  leastPrivilegePolicy,
  parseDocument,
  policyJson,
  policyYaml,
  readTemplate,
  templateMachineNeeds,
  templateMachines,
  templateRoots,
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
        result.push({ file, machine, analysis, policy: leastPrivilegePolicy(analysis.needs) });
      }
    }
  }
  return result;
}

/** What the document cannot cover, on standard error so that standard output stays pasteable. */
function warnAbout({ machine, analysis }: Derived, output: Output): void {
  for (const task of analysis.unresolved) {
    output.stderr.write(`sfn-lint: ${machine.label}: the Resource of "${task.name}" is not known here, so its permissions are not in the policy.\n`);
  }
  const inexact = analysis.needs.filter((need) => !need.exact && need.resources !== null && !need.onlyStar && need.state);
  for (const need of inexact) {
    output.stderr.write(`sfn-lint: ${machine.label}: "${need.state!.name}" names its target at run time, so ${need.action} is granted on ${need.resources!.join(', ')}.\n`);
  }
}

function renderDiff(derived: readonly Derived[], cwd: string): string {
  const lines: string[] = [];
  for (const { file, machine, policy } of derived) {
    lines.push(`${machine.label} (${relative(cwd, file)})`);
    for (const statement of policy.Statement) {
      const actions = Array.isArray(statement.Action) ? statement.Action : [statement.Action];
      const resources = Array.isArray(statement.Resource) ? statement.Resource : [statement.Resource];
      for (const action of actions) for (const resource of resources) lines.push(`  needs ${action} on ${typeof resource === 'string' ? resource : resource['Fn::Sub']}`);
    }
    lines.push('');
  }
  return lines.join('\n');
}
