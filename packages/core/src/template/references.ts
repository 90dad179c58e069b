import type { DocNode } from '../document/node.js';
import { intrinsicArgument, intrinsicName, getAttParts, referencesIn } from './symbolic.js';
import type { Template, TemplateResource } from './types.js';

/** True when a value (at any depth) references the logical id: Ref, Fn::GetAtt or a `${…}` of Fn::Sub. */
export function referencesLogicalId(node: DocNode | undefined, logicalId: string): boolean {
  const stack: DocNode[] = node ? [node] : [];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const name = intrinsicName(current);
    const argument = name ? intrinsicArgument(current) : undefined;
    if (name === 'Ref' && argument?.kind === 'string' && argument.value === logicalId) return true;
    if (name === 'Fn::GetAtt' && getAttParts(argument)?.[0] === logicalId) return true;
    if (current.kind === 'string' && (current.value as string).includes('${') && referencesIn(current.value as string).some((r) => r.name === logicalId)) {
      return true;
    }
    if (current.children) for (const child of current.children) stack.push(child);
  }
  return false;
}

/** The resources whose properties reference the logical id, other than the resource itself. */
export function resourcesReferencing(template: Template, logicalId: string): TemplateResource[] {
  return [...template.resources.values()].filter((resource) => resource.logicalId !== logicalId && referencesLogicalId(resource.properties, logicalId));
}
