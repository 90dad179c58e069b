import { readFileSync } from 'node:fs';
import { basename, dirname, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  applyStateOverrides,
  detectFormat,
  documentAfterValueEdit,
  globRegExp,
  holdsStateMachines,
  isDefinitionFile,
  keepRootValue,
  lintDocument,
  lintOptionsFor,
  mayHoldStateMachines,
  parseDocument,
  type LintResult,
  type SourceDocument,
} from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { ConfigLookup } from './config-lookup.js';
import type { ServerSettings } from './settings.js';

/** What the server knows about one version of an open document. */
export interface Analysis {
  readonly uri: string;
  readonly version: number;
  /** The file's path, or the URI for an unsaved buffer. */
  readonly file: string;
  readonly source: SourceDocument;
  /** The lint result; undefined when the document holds no definition or template, or is ignored or disabled. */
  readonly result: LintResult | undefined;
  /** Why the file's config file could not be used. */
  readonly configProblem?: string;
}

export interface AnalyserOptions {
  /** The settings that apply to a document, by its URI. */
  readonly settings: (uri: string) => ServerSettings;
  readonly configs: ConfigLookup;
  /** The workspace folders, for the `validate` globs. */
  readonly roots: () => readonly string[];
  /** The text of an open document, by path, so that a template sees unsaved definition files. */
  readonly openText: (file: string) => string | undefined;
  /**
   * Whether a new version of the document may take over the previous version's tree when
   * the edit stays inside one string or number. Not while an older analysis is still shown
   * (onSave), since the tree changes in place.
   */
  readonly reuseTree?: (uri: string) => boolean;
  /** Told of each analysis computed (not of those reused), with its time. */
  readonly analysed?: (analysis: Analysis, ms: number) => void;
}

/** The path of a `file:` URI, or undefined for other schemes (unsaved buffers). */
export function filePath(uri: string): string | undefined {
  if (!uri.startsWith('file:')) return undefined;
  try {
    return fileURLToPath(uri);
  } catch {
    return undefined;
  }
}

export function fileUri(file: string): string {
  return pathToFileURL(file).href;
}

/**
 * Lints open documents, one version at a time, and keeps each document's latest result:
 * an edit re-analyses only the document that changed, and every request on that version
 * (diagnostics, code actions, navigation, hover) shares one analysis.
 */
export class Analyser {
  private readonly cache = new Map<string, Analysis>();

  constructor(private readonly options: AnalyserOptions) {}

  /** The analysis of the document's current version, computed now if it is not known yet. */
  analyse(document: TextDocument): Analysis {
    const known = this.cache.get(document.uri);
    if (known && known.version === document.version) return known;
    // An edit that leaves the text as it was (undone, or saved) needs no new analysis.
    let analysis: Analysis;
    if (known && known.source.text === document.getText()) analysis = { ...known, version: document.version };
    else {
      // The old version's tree and model are garbage now: let the collector have them during the new analysis.
      this.cache.delete(document.uri);
      const started = performance.now();
      analysis = this.compute(document, known);
      this.options.analysed?.(analysis, performance.now() - started);
    }
    this.cache.set(document.uri, analysis);
    return analysis;
  }

  forget(uri: string): void {
    this.cache.delete(uri);
  }

  /** Forgets every result: the settings or a config file changed. */
  clear(): void {
    this.cache.clear();
  }

  private compute(document: TextDocument, known: Analysis | undefined): Analysis {
    const previous = known?.source;
    const previousResult = known?.result;
    const uri = document.uri;
    const path = filePath(uri);
    const file = path ?? uri;
    const text = document.getText();
    const format = formatOf(document, file, text);
    const reused = previous && format === previous.format && this.options.reuseTree?.(uri) ? documentAfterValueEdit(previous, text) : undefined;
    const source = reused ?? parseDocument(file, text, format);
    // The next keystroke lints this tree again: the definition's plain value is kept, and updated in place.
    for (const root of source.roots) keepRootValue(root);
    const base = { uri, version: document.version, file, source };
    const settings = this.options.settings(uri);
    if (!settings.enable) return { ...base, result: undefined };
    const always = isDefinitionFile(basename(file)) || this.matchesValidate(path, settings.validate);
    if (!always && !(mayHoldStateMachines(text, format) && holdsStateMachines(source))) return { ...base, result: undefined };
    const { effective, problem } = this.options.configs.effectiveFor(path);
    if (effective.ignored) return { ...base, result: undefined };
    const result = lintDocument(source, {
      rules,
      ...lintOptionsFor(effective, rules),
      assumeDefinition: always,
      readRelated: (from, related) => this.readRelated(from, related),
      previous: reused ? previousResult : undefined,
    });
    return { ...base, result: applyStateOverrides(result, effective, rules), ...(problem ? { configProblem: problem } : {}) };
  }

  private matchesValidate(path: string | undefined, globs: readonly string[]): boolean {
    if (!path || globs.length === 0) return false;
    const candidates = [basename(path), ...this.options.roots().map((root) => relative(root, path).split(sep).join('/')).filter((rel) => !rel.startsWith('..'))];
    return globs.some((glob) => {
      const regex = globRegExp(glob.replace(/^(?:\.\/)+/, ''));
      return candidates.some((candidate) => regex.test(candidate));
    });
  }

  /** A file a template names (SAM DefinitionUri, Serverless ${file(…)}): the open buffer if there is one, else the disk. */
  private readRelated(from: string, related: string): { file: string; text: string } | undefined {
    const file = resolve(dirname(from), related);
    const open = this.options.openText(file);
    if (open !== undefined) return { file, text: open };
    try {
      return { file, text: readFileSync(file, 'utf8') };
    } catch {
      return undefined;
    }
  }
}

/** As the CLI decides (core's `detectFormat`), except that a file without a telling extension takes the editor's language. */
function formatOf(document: TextDocument, file: string, text: string): 'json' | 'yaml' {
  if (/\.(?:json|ya?ml)$/i.test(file)) return detectFormat(file, text);
  if (document.languageId === 'yaml') return 'yaml';
  if (document.languageId === 'json' || document.languageId === 'jsonc') return 'json';
  return detectFormat(file, text);
}
