import type { SourceDocument } from '../document/document.js';
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

/** A cheap test on the text: false means the file certainly holds nothing to lint. Most data files are not definitions. */
export function mayHoldStateMachines(text: string): boolean {
  return text.includes('StartAt') || text.includes('States') || STATE_MACHINE_HINT.test(text);
}

/** Whether a document holds a definition, or a template that declares state machines. */
export function holdsStateMachines(document: SourceDocument): boolean {
  return definitionRoots(document).length > 0 || templateRoots(document).some((root) => templateMachines(readTemplate(document, root)).length > 0);
}
