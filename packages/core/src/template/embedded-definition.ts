import type { SourceDocument } from '../document/document.js';
import { parseDocument } from '../document/document.js';
import type { Range } from '../document/node.js';
import { buildMachine, looksLikeDefinition } from '../model/build.js';
import type { Machine } from '../model/types.js';
import type { TemplateMachine } from './types.js';

/** Reads a file a template names, relative to the template's own file; undefined when it cannot. */
export type RelatedReader = (fromFile: string, path: string) => { readonly file: string; readonly text: string } | undefined;

export type EmbeddedDefinition =
  /** The definition as a model, and the document its ranges belong to (the template, or the file it names). */
  | { readonly kind: 'machine'; readonly machine: Machine; readonly document: SourceDocument }
  /** A named file that cannot be read, or that nobody was asked to read. */
  | { readonly kind: 'unreadable'; readonly ruleId: 'parse-error' | 'unchecked-definition'; readonly severity: 'error' | 'info'; readonly message: string; readonly range: Range }
  /** In S3, or absent: the template machine's own problems say so. */
  | { readonly kind: 'none' };

/** The longest path a file system accepts (Windows' long paths; Linux takes 4,096 bytes). */
const MAX_PATH = 32_767;

/** The definition of a template's state machine, wherever it is written. */
export function embeddedDefinition(document: SourceDocument, templateMachine: TemplateMachine, readRelated?: RelatedReader): EmbeddedDefinition {
  if (templateMachine.definition) {
    return { kind: 'machine', machine: buildMachine(document, templateMachine.definition, templateMachine.label), document };
  }
  if (templateMachine.source !== 'file' || templateMachine.definitionFile === undefined) return { kind: 'none' };
  const range = templateMachine.definitionProperty?.range ?? { start: 0, end: 0 };
  // A path longer than any file system takes cannot name a file: not asked for (a 10 MB one
  // cost the file system layer half a second to refuse).
  const read = templateMachine.definitionFile.length > MAX_PATH ? undefined : readRelated?.(document.file, templateMachine.definitionFile);
  if (!read) {
    return readRelated
      ? {
          kind: 'unreadable',
          ruleId: 'parse-error',
          severity: 'error',
          range,
          message: `The definition file "${templateMachine.definitionFile}" of "${templateMachine.label}" cannot be read, so it was not checked. Check the path: it is relative to this template.`,
        }
      : {
          kind: 'unreadable',
          ruleId: 'unchecked-definition',
          severity: 'info',
          range,
          message: `The definition of "${templateMachine.label}" is in "${templateMachine.definitionFile}"; lint that file as well.`,
        };
  }
  const external = parseDocument(read.file, read.text);
  const root = external.roots.find((candidate) => looksLikeDefinition(candidate)) ?? external.roots[0];
  if (!root) return { kind: 'machine', machine: buildMachine(external, { kind: 'null', value: null, range: { start: 0, end: 0 } }, templateMachine.label), document: external };
  return { kind: 'machine', machine: buildMachine(external, root, templateMachine.label), document: external };
}
