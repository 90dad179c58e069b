import type { DocumentFormat, SourceDocument } from '../document/document.js';
import { topLevelJsonKeys } from '../document/json-top-level.js';
import { readTemplate } from '../template/read-template.js';
import { templateMachines } from '../template/state-machines.js';
import { definitionRoots, templateRoots } from './lint.js';

// Which files sfn-lint lints, shared by the front ends: a file named `*.asl.*` always; any
// other JSON, YAML or template file only when it holds a definition or declares a state machine.

const DEFINITION_FILE = /\.asl\.(?:json|ya?ml)$/i;
const DATA_FILE = /\.(?:json|ya?ml|template)$/i;

/** `*.asl.json`, `*.asl.yaml`, `*.asl.yml`: linted whatever they hold. */
export function isDefinitionFile(name: string): boolean {
  return DEFINITION_FILE.test(name);
}

/** A file that may hold a definition or a template, and is linted when it does. */
export function isDataFile(name: string): boolean {
  return DATA_FILE.test(name);
}

/** Substrings of a template that may declare a state machine whose definition is elsewhere. */
const STATE_MACHINE_HINT = /AWS::(?:StepFunctions|Serverless)::StateMachine|stepFunctions:/;

/** Top-level keys of a definition (States, StartAt), a CloudFormation or SAM template, or a Serverless Framework service. */
const MACHINE_KEYS: ReadonlySet<string> = new Set(['States', 'StartAt', 'Resources', 'AWSTemplateFormatVersion', 'service']);

/**
 * A cheap test on the text: false means the file certainly holds nothing to lint. Most data
 * files are not definitions. A JSON file is judged by the keys of its top-level object,
 * read without building its tree: a 25 MB heap snapshot or coverage report that mentions
 * "States" somewhere is passed over in one pass, not parsed into millions of nodes.
 */
export function mayHoldStateMachines(text: string, format?: DocumentFormat): boolean {
  if (!text.includes('StartAt') && !text.includes('States') && !STATE_MACHINE_HINT.test(text)) return false;
  if (format !== 'json') return true;
  const keys = topLevelJsonKeys(text);
  return keys === undefined || keys.some((key) => MACHINE_KEYS.has(key));
}

/** Whether a document holds a definition, or a template that declares state machines. */
export function holdsStateMachines(document: SourceDocument): boolean {
  return definitionRoots(document).length > 0 || templateRoots(document).some((root) => templateMachines(readTemplate(document, root)).length > 0);
}
