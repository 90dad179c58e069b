import type { Machine } from '../model/types.js';
import type { TemplateMachine } from '../template/types.js';
import { judgeNeed, needsOf, rolePermissionsOf } from './machine-iam.js';
import { actionMatches, actionWildcard } from './match.js';
import type { NeededPermission } from './needs.js';
import type { RolePermissions } from './role-permissions.js';
import { describeOrigin, type PolicyStatement } from './statements.js';

export interface NeedStanding {
  readonly need: NeededPermission;
  /** allowed, denied, not-granted or unknown; `unjudged` when the role is not fully known for it. */
  readonly decision: 'allowed' | 'denied' | 'not-granted' | 'unknown' | 'unjudged';
  /** The deciding statement, described for people. */
  readonly by?: string;
}

export interface Excess {
  /** `unused`: no state calls these actions; `broader`: a wildcard that also covers actions no state calls. */
  readonly kind: 'unused' | 'broader';
  readonly statement: PolicyStatement;
  /** The Action entries no need matches. */
  readonly actions: readonly string[];
  readonly resources: readonly string[];
  readonly origin: string;
}

export interface PermissionDiff {
  readonly permissions: RolePermissions;
  readonly needs: readonly NeedStanding[];
  readonly excess: readonly Excess[];
}

/** What the definition needs beside what the role grants: each need's standing, and grants nothing needs. */
export function permissionDiff(templateMachine: TemplateMachine, machine: Machine): PermissionDiff {
  const permissions = rolePermissionsOf(templateMachine);
  const needs = needsOf(templateMachine, machine).needs;
  const standings = needs.map((need): NeedStanding => {
    const evaluation = judgeNeed(templateMachine, need);
    if (!evaluation) return { need, decision: 'unjudged' };
    return { need, decision: evaluation.decision, ...(evaluation.statement ? { by: describeOrigin(evaluation.statement.origin) } : {}) };
  });
  const excess: Excess[] = [];
  for (const statement of permissions.statements) {
    if (statement.effect !== 'Allow' || !statement.action) continue;
    const texts = statement.action.flatMap((entry) => (entry.text === undefined ? [] : [entry.text]));
    const unused = texts.filter((text) => !needs.some((need) => actionMatches(text, need.action)));
    const broader = texts.filter((text) => !unused.includes(text) && actionWildcard(text) !== undefined);
    const resources = (statement.resource ?? []).map((entry) => entry.text ?? '(a value known at deployment)');
    const origin = describeOrigin(statement.origin);
    if (unused.length > 0) excess.push({ kind: 'unused', statement, actions: unused, resources, origin });
    if (broader.length > 0) excess.push({ kind: 'broader', statement, actions: broader, resources, origin });
  }
  return { permissions, needs: standings, excess };
}
