import type { Machine } from '../model/types.js';
import { deliversLogs, tracingOf } from '../template/observability.js';
import type { TemplateMachine } from '../template/types.js';
import { analyseNeeds, type NeedsAnalysis, type NeedsOptions } from './needs.js';

/**
 * What a template's state machine needs from its role: the definition's needs, with the
 * template's substitutions, the machine's own ARN (Ref of a state machine is its ARN) for
 * Distributed Map child executions, and log delivery and X-Ray as configured.
 */
export function needsOptionsOf(templateMachine: TemplateMachine): NeedsOptions {
  const id = templateMachine.logicalId;
  return {
    substitutions: templateMachine.substitutions,
    machineArn: `\${${id}}`,
    machineName: `\${${id}.Name}`,
    logging: deliversLogs(templateMachine),
    tracing: tracingOf(templateMachine).enabled === true,
    template: templateMachine.template,
  };
}

export function templateMachineNeeds(templateMachine: TemplateMachine, machine: Machine): NeedsAnalysis {
  return analyseNeeds(machine, needsOptionsOf(templateMachine));
}
