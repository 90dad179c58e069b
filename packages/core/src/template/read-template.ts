import type { SourceDocument } from '../document/document.js';
import type { DocNode } from '../document/node.js';
import { items, member, members } from '../document/node-access.js';
import { cdkPathOf } from './symbolic.js';
import type { Template, TemplateFlavor, TemplateResource } from './types.js';

/** True for a CloudFormation or SAM template: it holds definitions rather than being one. */
export function looksLikeTemplate(node: DocNode | undefined): boolean {
  if (node?.kind !== 'object') return false;
  if (member(node, 'AWSTemplateFormatVersion') !== undefined) return true;
  const resources = member(node, 'Resources');
  if (resources?.kind !== 'object') return false;
  return members(resources).some((resource) => {
    const type = member(resource, 'Type');
    return type?.kind === 'string' && (type.value as string).startsWith('AWS::');
  });
}

/** True for a Serverless Framework service: `service` plus a `stepFunctions` or `provider` section. */
export function looksLikeServerless(node: DocNode | undefined): boolean {
  if (node?.kind !== 'object' || member(node, 'service') === undefined) return false;
  return member(node, 'stepFunctions')?.kind === 'object' || member(node, 'provider')?.kind === 'object';
}

/**
 * Reads a template's resources and parameters. For a Serverless service, the resources
 * are those under `resources.Resources`, which the framework merges into its stack.
 */
export function readTemplate(document: SourceDocument, root: DocNode): Template {
  const serverless = looksLikeServerless(root);
  const resourcesNode = serverless ? member(member(root, 'resources'), 'Resources') : member(root, 'Resources');
  const resources = new Map<string, TemplateResource>();
  let cdk = false;
  for (const node of members(resourcesNode)) {
    const type = member(node, 'Type');
    const cdkPath = cdkPathOf(node);
    if (cdkPath) cdk = true;
    resources.set(node.key as string, {
      logicalId: node.key as string,
      type: type?.kind === 'string' ? (type.value as string) : undefined,
      node,
      properties: member(node, 'Properties'),
      ...(cdkPath ? { cdkPath } : {}),
    });
  }
  const parameters = new Set(members(member(root, 'Parameters')).map((node) => node.key as string));
  return { document, root, flavor: serverless ? 'serverless' : flavorOf(root, cdk), resources, parameters };
}

function flavorOf(root: DocNode, cdk: boolean): TemplateFlavor {
  const transform = member(root, 'Transform');
  const transforms = transform?.kind === 'array' ? items(transform) : transform ? [transform] : [];
  if (transforms.some((node) => node.kind === 'string' && (node.value as string).startsWith('AWS::Serverless'))) return 'sam';
  return cdk ? 'cdk' : 'cloudformation';
}
