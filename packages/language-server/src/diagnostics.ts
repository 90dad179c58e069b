import type { Diagnostic as CoreDiagnostic, SourceDocument } from '@sfn-lint/core';
import { DiagnosticSeverity, DiagnosticTag, type Diagnostic, type DiagnosticRelatedInformation } from 'vscode-languageserver';
import { fileUri, type Analysis } from './analysis.js';
import { toRange } from './positions.js';
import { customizedSeverity, type RuleCustomization } from './settings.js';

export const SOURCE = 'sfn-lint';

/** Findings whose text could go without changing what the machine does: editors fade them out. */
const UNNECESSARY = new Set(['no-unreachable-state', 'unused-disable-directive']);

const SEVERITY = { error: DiagnosticSeverity.Error, warning: DiagnosticSeverity.Warning, info: DiagnosticSeverity.Information } as const;

/** The editor's diagnostics for an analysis, with the customized severities; a config problem comes first. */
export function toLspDiagnostics(analysis: Analysis, customizations: readonly RuleCustomization[]): Diagnostic[] {
  const result: Diagnostic[] = [];
  if (analysis.configProblem) {
    result.push({
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      severity: DiagnosticSeverity.Error,
      source: SOURCE,
      message: `${analysis.configProblem}\nThe file was checked with the default rules.`,
    });
  }
  const lint = analysis.result;
  if (!lint) return result;
  for (const diagnostic of lint.diagnostics) {
    const severity = customizedSeverity(diagnostic.severity, diagnostic.ruleId, customizations);
    if (severity) result.push(toLspDiagnostic(analysis, diagnostic, severity, lint.included?.map((included) => included.document) ?? []));
  }
  return result;
}

function toLspDiagnostic(analysis: Analysis, diagnostic: CoreDiagnostic, severity: CoreDiagnostic['severity'], others: readonly SourceDocument[]): Diagnostic {
  const { source } = analysis;
  const related: DiagnosticRelatedInformation[] = [];
  for (const location of diagnostic.related ?? []) {
    // A location in another file (a template's DefinitionUri) needs that file's lines.
    const home = location.file === undefined || location.file === source.file ? source : others.find((other) => other.file === location.file);
    if (!home) continue;
    related.push({ location: { uri: home === source ? analysis.uri : fileUri(home.file), range: toRange(home, location.range) }, message: location.message });
  }
  return {
    range: toRange(source, diagnostic.range),
    severity: SEVERITY[severity],
    code: diagnostic.ruleId,
    ...(diagnostic.docsUrl ? { codeDescription: { href: diagnostic.docsUrl } } : {}),
    source: SOURCE,
    message: diagnostic.message,
    ...(related.length > 0 ? { relatedInformation: related } : {}),
    ...(UNNECESSARY.has(diagnostic.ruleId) ? { tags: [DiagnosticTag.Unnecessary] } : {}),
  };
}

/** The core finding an editor diagnostic stands for, in the analysis it came from. */
export function findingFor(analysis: Analysis, diagnostic: Diagnostic): CoreDiagnostic | undefined {
  if (diagnostic.source !== SOURCE || typeof diagnostic.code !== 'string') return undefined;
  return analysis.result?.diagnostics.find((candidate) => {
    if (candidate.ruleId !== diagnostic.code || candidate.message !== diagnostic.message) return false;
    const range = toRange(analysis.source, candidate.range);
    return range.start.line === diagnostic.range.start.line && range.start.character === diagnostic.range.start.character;
  });
}
