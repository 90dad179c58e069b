import type { Diagnostic, Severity } from '../diagnostic.js';
import { renderRuleMarkdown } from '../docs/render-rule.js';
import { reservedRules } from '../docs/reserved-rules.js';
import type { SourceDocument } from '../document/document.js';
import type { Range } from '../document/node.js';
import type { LintResult } from '../engine/lint.js';
import type { RuleDefinition } from '../rule.js';
import { fileUri, relativeUri } from './file-uri.js';
import { LineHashes } from './line-hash.js';
import { displayMessage } from './message.js';
import type { FormatOptions } from './options.js';
import { absolutePath, isAbsolute, pathInside } from './paths.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = 'https://github.com/sfn-lint/sfn-lint';
/** Where relative artifact URIs start: the repository root, as GitHub code scanning expects. */
const SRCROOT = '%SRCROOT%';

type Level = 'error' | 'warning' | 'note';
const LEVELS: Record<Severity, Level> = { error: 'error', warning: 'warning', info: 'note' };

type Described = Pick<RuleDefinition, 'id' | 'meta' | 'docsUrl'>;

interface ArtifactLocation {
  readonly uri: string;
  readonly uriBaseId?: string;
}

interface Region {
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
}

interface PhysicalLocation {
  readonly artifactLocation: ArtifactLocation;
  readonly region?: Region;
}

/**
 * SARIF 2.1.0 as GitHub code scanning reads it: one run whose driver describes every rule
 * that ran (with the docs page as `help.markdown`), and per finding its rule, level,
 * message, a location relative to the repository root (`%SRCROOT%`), related locations,
 * the state as a logical location, and a line-hash fingerprint so that alerts survive
 * edits elsewhere in the file.
 */
export function formatSarif(results: readonly LintResult[], options: FormatOptions = {}): string {
  const root = options.root ?? options.cwd;
  const rules = describedRules(results, options.rules ?? []);
  const ruleIndex = new Map(rules.map((rule, index) => [rule.id, index]));
  const documents = new Map(results.map((result) => [result.file, result.document]));

  const artifactLocation = (file: string): ArtifactLocation => {
    const absolute = absolutePath(file, options.cwd);
    const inside = root === undefined ? undefined : pathInside(absolute, root);
    if (inside !== undefined) return { uri: relativeUri(inside), uriBaseId: SRCROOT };
    return { uri: isAbsolute(absolute) ? fileUri(absolute) : relativeUri(absolute) };
  };
  const physicalLocation = (file: string, range: Range, document: SourceDocument | undefined): PhysicalLocation =>
    document ? { artifactLocation: artifactLocation(file), region: region(document, range) } : { artifactLocation: artifactLocation(file) };

  const sarifResults = results.flatMap((result) => {
    const hashes = new LineHashes();
    return result.diagnostics.map((diagnostic) => {
      const startLine = result.document.lineMap.zeroBased(diagnostic.range.start).line;
      const related = (diagnostic.related ?? []).map((r, i) => {
        const file = r.file ?? result.file;
        return { id: i + 1, physicalLocation: physicalLocation(file, r.range, documents.get(file)), message: { text: r.message } };
      });
      const properties = { ...(diagnostic.statePath ? { statePath: diagnostic.statePath } : {}), ...(diagnostic.machine ? { machine: diagnostic.machine } : {}) };
      return {
        ruleId: diagnostic.ruleId,
        ruleIndex: ruleIndex.get(diagnostic.ruleId)!,
        level: LEVELS[diagnostic.severity],
        message: { text: displayMessage(diagnostic) },
        locations: [{ physicalLocation: physicalLocation(result.file, diagnostic.range, result.document), ...logicalLocations(diagnostic) }],
        ...(related.length > 0 ? { relatedLocations: related } : {}),
        partialFingerprints: { primaryLocationLineHash: hashes.next(diagnostic.ruleId, lineText(result.document, startLine)) },
        ...(Object.keys(properties).length > 0 ? { properties } : {}),
      };
    });
  });

  const log = {
    $schema: SCHEMA,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'sfn-lint',
            ...(options.toolVersion ? { version: options.toolVersion, semanticVersion: options.toolVersion } : {}),
            informationUri: INFORMATION_URI,
            rules: rules.map(describeRule),
          },
        },
        ...(root === undefined ? {} : { originalUriBaseIds: { [SRCROOT]: { uri: fileUri(root, true) } } }),
        // Our columns count UTF-16 code units; SARIF's default would be code points.
        columnKind: 'utf16CodeUnits',
        results: sarifResults,
      },
    ],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** The rules that ran, then any other rule a finding names (the engine's own ids, or one the caller left out). */
function describedRules(results: readonly LintResult[], ran: readonly Described[]): Described[] {
  const rules = [...ran];
  const known = new Set(rules.map((rule) => rule.id));
  for (const result of results) {
    for (const { ruleId } of result.diagnostics) {
      if (known.has(ruleId)) continue;
      known.add(ruleId);
      rules.push(reservedRules.find((rule) => rule.id === ruleId) ?? unknownRule(ruleId, result.diagnostics));
    }
  }
  return rules;
}

/** A rule no definition was given for: described by its id, so the log stays complete. */
function unknownRule(id: string, diagnostics: readonly Diagnostic[]): Described {
  const docsUrl = diagnostics.find((d) => d.ruleId === id)?.docsUrl ?? '';
  return {
    id,
    docsUrl,
    meta: { description: id, category: 'definition', severity: 'warning', recommended: false, docs: { whatItDoes: id, why: '', examples: { invalid: [], valid: [] } } },
  };
}

function describeRule(rule: Described) {
  const { meta } = rule;
  const text = [meta.docs.whatItDoes, meta.docs.why, rule.docsUrl ? `Documentation: ${rule.docsUrl}` : ''].filter((part) => part !== '').join('\n\n');
  return {
    id: rule.id,
    // SARIF's "friendly name", a Pascal-case identifier: no-dead-end is NoDeadEnd.
    name: rule.id.replace(/(?:^|-)([a-z0-9])/g, (_, letter: string) => letter.toUpperCase()),
    shortDescription: { text: meta.description.endsWith('.') ? meta.description : `${meta.description}.` },
    fullDescription: { text: meta.docs.whatItDoes },
    help: { text, markdown: renderRuleMarkdown(rule) },
    ...(rule.docsUrl ? { helpUri: rule.docsUrl } : {}),
    defaultConfiguration: { level: LEVELS[meta.severity] },
    properties: { tags: [meta.category] },
  };
}

function region(document: SourceDocument, range: Range): Region {
  const start = document.lineMap.position(range.start);
  const end = document.lineMap.position(range.end);
  return { startLine: start.line, startColumn: start.column, endLine: end.line, endColumn: end.column };
}

/** The text of a 0-based line, without its line break. */
function lineText(document: SourceDocument, line: number): string {
  const start = document.lineMap.offsetAt(line, 0);
  const end = document.lineMap.offsetAt(line + 1, 0);
  // Trimmed by hand: an end-anchored regular expression is tried at every offset of the line.
  let stop = end;
  if (stop > start && document.text[stop - 1] === '\n') stop--;
  if (stop > start && document.text[stop - 1] === '\r') stop--;
  return document.text.slice(start, stop);
}

/** The state as a logical location: its path through nested scopes, under the template's state machine. */
function logicalLocations(diagnostic: Diagnostic) {
  if (!diagnostic.state || !diagnostic.statePath) return {};
  const path = diagnostic.machine ? [diagnostic.machine, ...diagnostic.statePath] : diagnostic.statePath;
  return { logicalLocations: [{ name: diagnostic.state, fullyQualifiedName: path.join('/'), kind: 'object' }] };
}
