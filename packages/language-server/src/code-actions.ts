import { applyFixes, type Fix, type TextEdit as CoreEdit } from '@sfn-lint/core';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type TextEdit } from 'vscode-languageserver';
import type { Analysis } from './analysis.js';
import { findingFor } from './diagnostics.js';
import { toRange } from './positions.js';
import { suppressionsFor } from './suppression-edits.js';

export const FIX_ALL_KIND = `${CodeActionKind.SourceFixAll}.sfn-lint`;
export const SHOW_DOCUMENTATION_COMMAND = 'sfnLint.showDocumentation';

/** Whether the client asked for actions of a kind (no `only` means every kind). */
function wanted(only: readonly string[] | undefined, kind: string): boolean {
  return !only || only.some((asked) => kind === asked || kind.startsWith(`${asked}.`));
}

/** Quick fixes, suppressions and documentation links for the diagnostics in range; fix-all for the file. */
export function codeActions(analysis: Analysis, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  const actions: CodeAction[] = [];
  const result = analysis.result;
  if (!result) return actions;
  const edit = (edits: readonly CoreEdit[]) => ({ changes: { [analysis.uri]: edits.map((e): TextEdit => ({ range: toRange(analysis.source, e.range), newText: e.text })) } });
  if (wanted(only, CodeActionKind.QuickFix)) {
    const documented = new Set<string>();
    for (const diagnostic of params.context.diagnostics) {
      const finding = findingFor(analysis, diagnostic);
      if (!finding) continue;
      const diagnostics: Diagnostic[] = [diagnostic];
      if (finding.fix) actions.push({ title: finding.fix.description, kind: CodeActionKind.QuickFix, isPreferred: true, diagnostics, edit: edit(finding.fix.edits) });
      for (const suppression of suppressionsFor(result, finding)) actions.push({ title: suppression.title, kind: CodeActionKind.QuickFix, diagnostics, edit: edit(suppression.edits) });
      if (finding.docsUrl && !documented.has(finding.ruleId)) {
        documented.add(finding.ruleId);
        actions.push({
          title: `Show documentation for ${finding.ruleId}`,
          kind: CodeActionKind.QuickFix,
          diagnostics,
          command: { title: `Show documentation for ${finding.ruleId}`, command: SHOW_DOCUMENTATION_COMMAND, arguments: [finding.docsUrl] },
        });
      }
    }
  }
  if (wanted(only, FIX_ALL_KIND)) {
    const fixAll = fixAllEdits(analysis);
    if (fixAll) actions.push({ title: 'Fix all sfn-lint problems that have a fix', kind: FIX_ALL_KIND, edit: edit(fixAll) });
  }
  return actions;
}

/** The edits of every fix in the file that do not overlap an earlier one (the rest come on the next run, as in ESLint). */
export function fixAllEdits(analysis: Analysis): CoreEdit[] | undefined {
  const fixes = (analysis.result?.diagnostics ?? []).map((diagnostic) => diagnostic.fix).filter((fix): fix is Fix => fix !== undefined);
  if (fixes.length === 0) return undefined;
  const applied = applyFixes(analysis.source.text, fixes).applied;
  return applied.length === 0 ? undefined : applied.flatMap((fix) => fix.edits);
}
