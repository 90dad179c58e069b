import { lintText, LineMap, type Diagnostic, type RuleDefinition } from '@sfn-lint/core';
import { describe, expect, it } from 'vitest';

export interface ExpectedDiagnostic {
  /** The state's name, or undefined for a finding that belongs to no state. */
  readonly state?: string;
  readonly statePath?: readonly string[];
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
  /** A substring the message must contain. */
  readonly message?: string;
  readonly severity?: Diagnostic['severity'];
  readonly related?: number;
}

export interface ValidCase {
  readonly name?: string;
  readonly code: string;
  /** File name; its extension chooses JSON or YAML. */
  readonly filename?: string;
  readonly settings?: Record<string, unknown>;
  /** The rule's options, as a config file would give them. */
  readonly options?: Record<string, unknown>;
}

export interface InvalidCase extends ValidCase {
  readonly errors: readonly ExpectedDiagnostic[];
}

/** The diagnostics of one rule on one text, with 1-based positions, as a person reads them. */
export function runRule(rule: RuleDefinition, code: string, filename = 'test.asl.json', settings?: Record<string, unknown>, options?: Record<string, unknown>) {
  const result = lintText(filename, code, { rules: [rule], settings, ruleOptions: options ? { [rule.id]: options } : undefined, assumeDefinition: true });
  const lines = new LineMap(code);
  return result.diagnostics
    .filter((d) => d.ruleId === rule.id)
    .map((d) => {
      const start = lines.position(d.range.start);
      const end = lines.position(d.range.end);
      return {
        diagnostic: d,
        state: d.state,
        statePath: d.statePath,
        line: start.line,
        column: start.column,
        endLine: end.line,
        endColumn: end.column,
        message: d.message,
        severity: d.severity,
        related: d.related?.length ?? 0,
      };
    });
}

/** Valid cases must give no diagnostic of the rule; invalid ones exactly the expected ones, in order. */
export function testRule(rule: RuleDefinition, cases: { valid: readonly ValidCase[]; invalid: readonly InvalidCase[] }): void {
  describe(rule.id, () => {
    cases.valid.forEach((c, i) => {
      it(`valid: ${c.name ?? `case ${i + 1}`}`, () => {
        expect(runRule(rule, c.code, c.filename, c.settings, c.options).map((d) => `${d.line}:${d.column} ${d.message}`)).toEqual([]);
      });
    });
    cases.invalid.forEach((c, i) => {
      it(`invalid: ${c.name ?? `case ${i + 1}`}`, () => {
        const actual = runRule(rule, c.code, c.filename, c.settings, c.options);
        const shown = actual.map((d) => ({
          state: d.state,
          line: d.line,
          column: d.column,
          endLine: d.endLine,
          endColumn: d.endColumn,
          message: d.message,
        }));
        expect(actual.length, JSON.stringify(shown, null, 2)).toBe(c.errors.length);
        c.errors.forEach((e, j) => {
          const a = actual[j];
          expect({ state: a.state, line: a.line, column: a.column, endLine: a.endLine, endColumn: a.endColumn }).toEqual({
            state: e.state,
            line: e.line,
            column: e.column,
            endLine: e.endLine,
            endColumn: e.endColumn,
          });
          if (e.message !== undefined) expect(a.message).toContain(e.message);
          if (e.severity !== undefined) expect(a.severity).toBe(e.severity);
          if (e.statePath !== undefined) expect(a.statePath).toEqual(e.statePath);
          if (e.related !== undefined) expect(a.related).toBe(e.related);
        });
      });
    });
  });
}
