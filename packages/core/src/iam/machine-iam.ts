/**
 * The IAM view of a template's state machines, computed once per machine and shared by the
 * IAM rules and `sfn-lint policy`: what each role grants, what each definition needs, and
 * how each need stands against the grants.
 */
import type { Machine } from '../model/types.js';
import { isPseudoParameter, referencesIn } from '../template/symbolic.js';
import type { TemplateMachine } from '../template/types.js';
import { evaluate, type Evaluation } from './match.js';
import type { NeededPermission, NeedsAnalysis } from './needs.js';
import { isKnownFor, rolePermissions, type RolePermissions } from './role-permissions.js';
import { templateMachineNeeds } from './template-needs.js';

const permissionsCache = new WeakMap<TemplateMachine, RolePermissions>();
const needsCache = new WeakMap<Machine, NeedsAnalysis>();

export function rolePermissionsOf(templateMachine: TemplateMachine): RolePermissions {
  let permissions = permissionsCache.get(templateMachine);
  if (!permissions) permissionsCache.set(templateMachine, (permissions = rolePermissions(templateMachine)));
  return permissions;
}

export function needsOf(templateMachine: TemplateMachine, machine: Machine): NeedsAnalysis {
  let analysis = needsCache.get(machine);
  if (!analysis) needsCache.set(machine, (analysis = templateMachineNeeds(templateMachine, machine)));
  return analysis;
}

/**
 * How one need stands against the role; undefined when sfn-lint cannot judge it (the role
 * is not fully known for the action's service). A need whose resource is a fallback
 * pattern (the target is chosen at run time) or that AWS documents only on `*` is judged
 * on the action alone, since a narrower grant may be all the call needs.
 */
export function judgeNeed(templateMachine: TemplateMachine, need: NeededPermission): Evaluation | undefined {
  const permissions = rolePermissionsOf(templateMachine);
  if (permissions.source === 'external' || permissions.source === 'unresolved' || permissions.source === 'serverless-generated') return undefined;
  if (!isKnownFor(permissions, need.action)) return undefined;
  // A pattern that names no template resource (`secret:events!connection/*`, `workgroup/*`)
  // stands for a target sfn-lint cannot name: a grant on the one real target is all the call
  // needs. `execution:${Child.Name}:*` names its machine and stays exact.
  const exact = need.exact && !need.onlyStar && need.resources !== null && !need.resources.some(isFallbackPattern);
  const resources = need.resources ?? [undefined];
  let worst: Evaluation | undefined;
  for (const resource of resources) {
    const evaluation = evaluate(permissions.statements, need.action, exact ? resource : undefined, templateMachine.template, { exact });
    if (!worst || rank(evaluation) > rank(worst)) worst = evaluation;
  }
  return worst;
}

function isFallbackPattern(resource: string): boolean {
  return resource.includes('*') && !referencesIn(resource).some((reference) => !isPseudoParameter(reference.name));
}

function rank(evaluation: Evaluation): number {
  return evaluation.decision === 'allowed' ? 0 : evaluation.decision === 'unknown' ? 1 : 2;
}

/** A role and the state machines of a template that use it; SAM-generated roles belong to one machine each. */
export interface RoleUse {
  readonly permissions: RolePermissions;
  readonly machines: readonly TemplateMachine[];
}

export function roleUses(machines: readonly TemplateMachine[]): RoleUse[] {
  const byRole = new Map<unknown, { permissions: RolePermissions; machines: TemplateMachine[] }>();
  for (const machine of machines) {
    const permissions = rolePermissionsOf(machine);
    const key = permissions.role ?? machine;
    const use = byRole.get(key);
    if (use) use.machines.push(machine);
    else byRole.set(key, { permissions, machines: [machine] });
  }
  return [...byRole.values()];
}

/** "state machine Flow", or "state machines Flow and Audit". */
export function machinesPhrase(machines: readonly TemplateMachine[]): string {
  const labels = machines.map((machine) => `"${machine.label}"`);
  if (labels.length === 1) return `state machine ${labels[0]}`;
  return `state machines ${labels.slice(0, -1).join(', ')} and ${labels[labels.length - 1]}`;
}
