import type { DocNode } from '../document/node.js';
import { member, members } from '../document/node-access.js';
import { rebuildDefinitionString } from './definition-string.js';
import { intrinsicArgument, intrinsicName, symbolicText } from './symbolic.js';
import type { DefinitionSource, SymbolicText, Template, TemplateMachine, TemplateResource } from './types.js';

export const STATE_MACHINE_TYPE = 'AWS::StepFunctions::StateMachine';
export const SAM_STATE_MACHINE_TYPE = 'AWS::Serverless::StateMachine';

type Problem = TemplateMachine['problems'][number];

/** Every state machine of a template, with its definition located or rebuilt. */
export function templateMachines(template: Template): TemplateMachine[] {
  const result: TemplateMachine[] = [];
  for (const resource of template.resources.values()) {
    if (resource.type === STATE_MACHINE_TYPE) result.push(cloudFormationMachine(template, resource));
    else if (resource.type === SAM_STATE_MACHINE_TYPE) result.push(samMachine(template, resource));
  }
  if (template.flavor === 'serverless') result.push(...serverlessMachines(template));
  return result;
}

function labelOf(resource: TemplateResource): string {
  if (!resource.cdkPath) return resource.logicalId;
  // CDK paths end in the L1 resource's id ("Stack/Flow/Resource"); the construct is what users named.
  return resource.cdkPath.replace(/\/Resource$/, '');
}

function machineTypeOf(node: DocNode | undefined): TemplateMachine['machineType'] {
  const value = node?.kind === 'string' ? (node.value as string).toUpperCase() : undefined;
  return value === 'STANDARD' || value === 'EXPRESS' ? value : undefined;
}

function substitutionsOf(node: DocNode | undefined): Map<string, SymbolicText | undefined> {
  const result = new Map<string, SymbolicText | undefined>();
  for (const variable of members(node)) result.set(variable.key as string, symbolicText(variable));
  return result;
}

interface Located {
  source: DefinitionSource;
  property: DocNode | undefined;
  definition?: DocNode;
  file?: string;
  problems: Problem[];
  substitutions?: ReadonlyMap<string, SymbolicText | undefined>;
}

function cloudFormationMachine(template: Template, resource: TemplateResource): TemplateMachine {
  const properties = resource.properties;
  const located = locateDefinition(template, properties, resource.logicalId);
  const typeNode = member(properties, 'StateMachineType');
  return finish(template, resource, located, {
    substitutions: member(properties, 'DefinitionSubstitutions'),
    typeNode,
    roleNode: member(properties, 'RoleArn'),
    policiesNode: undefined,
    loggingNode: member(properties, 'LoggingConfiguration'),
    tracingNode: member(properties, 'TracingConfiguration'),
  });
}

function samMachine(template: Template, resource: TemplateResource): TemplateMachine {
  const properties = resource.properties;
  let located = locateDefinition(template, properties, resource.logicalId);
  const uri = member(properties, 'DefinitionUri');
  if (located.source === 'none' && uri) {
    const path = uri.kind === 'string' ? (uri.value as string) : undefined;
    located =
      path && !/^s3:\/\//i.test(path)
        ? { source: 'file', property: uri, file: path, problems: [] }
        : { source: 's3', property: uri, problems: [notChecked(resource.logicalId, uri, 'DefinitionUri')] };
  }
  return finish(template, resource, located, {
    substitutions: member(properties, 'DefinitionSubstitutions'),
    typeNode: member(properties, 'Type'),
    roleNode: member(properties, 'Role'),
    policiesNode: member(properties, 'Policies'),
    loggingNode: member(properties, 'Logging'),
    tracingNode: member(properties, 'Tracing'),
  });
}

function notChecked(logicalId: string, node: DocNode, property: string): Problem {
  return {
    severity: 'info',
    range: node.range,
    message: `The definition of "${logicalId}" is in S3 (${property}), so sfn-lint did not check it. Keep a local copy and point sfn-lint at it, or use DefinitionUri with a local path.`,
  };
}

function locateDefinition(template: Template, properties: DocNode | undefined, logicalId: string): Located {
  const definition = member(properties, 'Definition');
  if (definition) return { source: 'object', property: definition, definition, problems: [] };
  const string = member(properties, 'DefinitionString');
  if (string) {
    const rebuilt = rebuildDefinitionString(string, template.document.text, template.document.format);
    if (!rebuilt) {
      return {
        source: 'string',
        property: string,
        problems: [
          {
            severity: 'info',
            range: string.range,
            message: `The DefinitionString of "${logicalId}" is built with ${intrinsicName(string) ?? 'a value'} that sfn-lint cannot rebuild, so it was not checked.`,
          },
        ],
      };
    }
    const problems: Problem[] = [
      ...rebuilt.problems.filter((p) => p.code === 'parse-error').map((p) => ({ severity: 'error' as const, range: p.range, message: `DefinitionString: ${p.message}` })),
      ...rebuilt.unresolved.map((u) => ({ severity: 'info' as const, range: u.node.range, message: u.message })),
    ];
    return { source: 'string', property: string, definition: rebuilt.root, problems, substitutions: rebuilt.substitutions };
  }
  const s3 = member(properties, 'DefinitionS3Location');
  if (s3) return { source: 's3', property: s3, problems: [notChecked(logicalId, s3, 'DefinitionS3Location')] };
  return { source: 'none', property: undefined, problems: [] };
}

interface Settings {
  substitutions: DocNode | undefined;
  typeNode: DocNode | undefined;
  roleNode: DocNode | undefined;
  policiesNode: DocNode | undefined;
  loggingNode: DocNode | undefined;
  tracingNode: DocNode | undefined;
}

function finish(template: Template, resource: TemplateResource, located: Located, settings: Settings): TemplateMachine {
  const substitutions = substitutionsOf(settings.substitutions);
  for (const [name, value] of located.substitutions ?? []) if (!substitutions.has(name)) substitutions.set(name, value);
  return {
    template,
    logicalId: resource.logicalId,
    resource,
    label: labelOf(resource),
    source: located.source,
    definitionProperty: located.property,
    definition: located.definition,
    ...(located.file !== undefined ? { definitionFile: located.file } : {}),
    problems: located.problems,
    substitutions,
    machineType: machineTypeOf(settings.typeNode),
    typeNode: settings.typeNode,
    roleNode: settings.roleNode,
    policiesNode: settings.policiesNode,
    loggingNode: settings.loggingNode,
    tracingNode: settings.tracingNode,
  };
}

const FILE_VARIABLE = /^\$\{file\(([^)]+)\)(?::[^}]*)?\}$/;

/**
 * Serverless Framework: `stepFunctions.stateMachines.<key>`, each a resource of the stack
 * the framework generates (its logical id is the `name`, else the key with
 * "StepFunctionsStateMachine" appended, as serverless-step-functions names it).
 */
function serverlessMachines(template: Template): TemplateMachine[] {
  const machines = member(member(template.root, 'stepFunctions'), 'stateMachines');
  const result: TemplateMachine[] = [];
  for (const node of members(machines)) {
    const key = node.key as string;
    const name = member(node, 'name');
    const id = member(node, 'id');
    const logicalId = id?.kind === 'string' ? (id.value as string) : `${key[0]?.toUpperCase() ?? ''}${key.slice(1)}StepFunctionsStateMachine`;
    const resource: TemplateResource = { logicalId, type: STATE_MACHINE_TYPE, node, properties: node };
    const definition = member(node, 'definition');
    let located: Located;
    const fileMatch = definition?.kind === 'string' ? FILE_VARIABLE.exec((definition.value as string).trim()) : null;
    if (fileMatch) located = { source: 'file', property: definition, file: fileMatch[1].trim().replace(/^['"]|['"]$/g, ''), problems: [] };
    else if (definition?.kind === 'object') located = { source: 'object', property: definition, definition, problems: [] };
    else if (definition) located = locateServerlessString(definition, key);
    else located = { source: 'none', property: undefined, problems: [] };
    const label = name?.kind === 'string' ? `${key} (${name.value as string})` : key;
    const machine = finish(template, resource, located, {
      substitutions: undefined,
      typeNode: member(node, 'type'),
      roleNode: member(node, 'role'),
      policiesNode: undefined,
      loggingNode: member(node, 'loggingConfig'),
      tracingNode: member(node, 'tracingConfig'),
    });
    result.push({ ...machine, label });
  }
  return result;
}

function locateServerlessString(definition: DocNode, key: string): Located {
  const reference = intrinsicName(definition) ? intrinsicArgument(definition) : undefined;
  return {
    source: 'none',
    property: definition,
    problems: [
      {
        severity: 'info',
        range: (reference ?? definition).range,
        message: `The definition of "${key}" is not an object or a \${file(…)} reference, so sfn-lint did not check it.`,
      },
    ],
  };
}
