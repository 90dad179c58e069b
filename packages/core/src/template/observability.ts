import type { DocNode } from '../document/node.js';
import { member } from '../document/node-access.js';
import type { TemplateMachine } from './types.js';

/**
 * A machine's logging and tracing settings, read from CloudFormation's
 * LoggingConfiguration/TracingConfiguration, SAM's Logging/Tracing or Serverless's
 * loggingConfig/tracingConfig (lower-case keys).
 */
export interface LoggingSetting {
  /** ALL, ERROR, FATAL or OFF as written; undefined when absent or not a literal. */
  readonly level: string | undefined;
  readonly levelNode: DocNode | undefined;
  /** True when the level is written but is a reference or placeholder, so unknown here. */
  readonly levelUnknown: boolean;
  readonly destinations: DocNode | undefined;
  readonly node: DocNode | undefined;
}

export interface TracingSetting {
  readonly enabled: boolean | undefined;
  readonly enabledNode: DocNode | undefined;
  readonly enabledUnknown: boolean;
  readonly node: DocNode | undefined;
}

function field(node: DocNode | undefined, name: string): DocNode | undefined {
  return member(node, name) ?? member(node, name[0].toLowerCase() + name.slice(1));
}

export function loggingOf(machine: TemplateMachine): LoggingSetting {
  const node = machine.loggingNode;
  const levelNode = field(node, 'Level');
  const literal = levelNode?.kind === 'string' && !(levelNode.value as string).includes('${') ? (levelNode.value as string).toUpperCase() : undefined;
  return { level: literal, levelNode, levelUnknown: levelNode !== undefined && literal === undefined, destinations: field(node, 'Destinations'), node };
}

export function tracingOf(machine: TemplateMachine): TracingSetting {
  const node = machine.tracingNode;
  const enabledNode = field(node, 'Enabled');
  const enabled = enabledNode?.kind === 'boolean' ? (enabledNode.value as boolean) : enabledNode?.kind === 'string' && /^(true|false)$/i.test(enabledNode.value as string) ? (enabledNode.value as string).toLowerCase() === 'true' : undefined;
  return { enabled, enabledNode, enabledUnknown: enabledNode !== undefined && enabled === undefined, node };
}

/** True when the machine delivers logs (any level but OFF), so its role needs the log-delivery actions. */
export function deliversLogs(machine: TemplateMachine): boolean {
  const { level, levelUnknown, node } = loggingOf(machine);
  return node !== undefined && (levelUnknown || (level !== undefined && level !== 'OFF'));
}
