import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import {
  embeddedDefinition,
  evaluate,
  leastPrivilegePolicy,
  parseDocument,
  permissionDiff,
  policyJson,
  readStatements,
  readTemplate,
  templateMachineNeeds,
  templateMachines,
  templateRoots,
  type PolicyStatement,
} from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, readText } from './corpus-files.js';

function readRelated(fromFile: string, path: string) {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/** The printed policy, read back the way a role's inline policy is read. */
function statementsOf(policyText: string): PolicyStatement[] {
  const document = parseDocument('policy.json', policyText);
  return readStatements(document.roots[0], { kind: 'role-inline', name: 'derived', node: undefined }).statements;
}

describe.skipIf(!corpusPresent)('sfn-lint policy on the corpus templates', () => {
  it('grants every need of every definition, and none of the actions the role grants beyond them', () => {
    const failures: string[] = [];
    let machines = 0;
    let needsChecked = 0;
    let excessChecked = 0;
    for (const file of corpusFiles()) {
      const text = readText(file);
      if (!/StateMachine|stepFunctions/.test(text)) continue;
      const document = parseDocument(file, text);
      for (const root of templateRoots(document)) {
        const template = readTemplate(document, root);
        for (const machine of templateMachines(template)) {
          const definition = embeddedDefinition(document, machine, readRelated);
          if (definition.kind !== 'machine') continue;
          const analysis = templateMachineNeeds(machine, definition.machine);
          if (analysis.unresolved.length > 0) continue;
          machines++;
          const granted = statementsOf(policyJson(leastPrivilegePolicy(analysis.needs)));
          const where = `${corpusRelative(file)} ${machine.label}`;
          for (const need of analysis.needs) {
            if (need.resources === null && !need.required) continue;
            for (const resource of need.resources ?? ['*']) {
              needsChecked++;
              const decision = evaluate(granted, need.action, resource, template).decision;
              if (decision !== 'allowed') failures.push(`${where}: ${need.action} on ${resource} is ${decision}`);
            }
          }
          for (const excess of permissionDiff(machine, definition.machine).excess) {
            if (excess.kind !== 'unused') continue;
            for (const action of excess.actions) {
              if (action.includes('*')) continue;
              excessChecked++;
              const decision = evaluate(granted, action, undefined, template, { exact: false }).decision;
              if (decision !== 'not-granted') failures.push(`${where}: the role's excess ${action} is ${decision} in the derived policy`);
            }
          }
        }
      }
    }
    console.log(`sfn-lint policy: ${machines} machines, ${needsChecked} needed permissions granted, ${excessChecked} excess actions left out`);
    expect(machines).toBeGreaterThan(300);
    expect(failures).toEqual([]);
  });
});
if (!corpusPresent) console.warn('tests/policy.test.ts: ../shared/corpus is absent, so the policy checks on real templates are skipped.');
