import type { LintOptions, LintResult, RuleDefinition } from '@sfn-lint/core';
import type { FileTarget } from './files.js';
import { lintFile, lintFileText, readText } from './lint-file.js';
import type { LintRecord } from './lint-record.js';
import { RelatedRecorder, storedResult } from './lint-record.js';

/** The options of one file's lint that are data: what a worker is sent, and what the cache keys on. */
export type JobOptions = Pick<LintOptions, 'severities' | 'ruleOptions' | 'settings' | 'reportUnusedDisableDirectives'>;

/** One file to lint, as plain data. */
export interface LintJob {
  readonly target: FileTarget;
  readonly options: JobOptions;
  /** The file's text when the caller has read it already (for the cache); else the job reads it. */
  readonly text?: string;
}

/** A job done: the record, and the texts the caller needs to restore the result for formatting. */
export interface LintJobReply {
  readonly record: LintRecord;
  /** The file's own text when the job read it and has a result (else the caller has it, or needs none); '' when it could not be read. */
  readonly text?: string;
  readonly relatedTexts: readonly (readonly [string, string])[];
}

export function jobOptions(options: LintOptions): JobOptions {
  const { severities, ruleOptions, settings, reportUnusedDisableDirectives } = options;
  return { severities, ruleOptions, settings, reportUnusedDisableDirectives };
}

/**
 * The cache key of what besides the files decides a file's result: whether it is linted
 * whatever it holds, each rule's severity (from its default, the config files and
 * `--rule`), rule options, settings and `--report-unused-disable-directives`.
 */
export function optionsKey(job: Pick<LintJob, 'target' | 'options'>): string {
  const { severities, ruleOptions, settings, reportUnusedDisableDirectives } = job.options;
  return JSON.stringify([job.target.always, severities ?? null, ruleOptions ?? null, settings ?? null, reportUnusedDisableDirectives === true]);
}

/**
 * Lints one file as the plain run does, and records the files it read beside it. With
 * `text`, the file is not read again.
 */
export function lintWithRecord(job: LintJob, rules: readonly RuleDefinition[]): { result: LintResult | undefined; recorder: RelatedRecorder } {
  const recorder = new RelatedRecorder();
  const options: LintOptions = { ...job.options, rules, readRelated: recorder.reader };
  const result = job.text === undefined ? lintFile(job.target, options) : lintFileText(job.target, job.text, options);
  return { result, recorder };
}

/** A job on a worker thread: the result goes back as plain data, with the texts it read. */
export function runLintJob(job: LintJob, rules: readonly RuleDefinition[]): LintJobReply {
  const readHere = job.text === undefined;
  // Unreadable: lintFile tries again and reports why.
  const text = readHere ? readText(job.target.path) : job.text;
  const { result, recorder } = lintWithRecord({ ...job, text }, rules);
  return {
    record: { result: result ? storedResult(result) : null, related: recorder.related() },
    // A file that holds no definition is not formatted: its text need not travel back.
    ...(readHere && result ? { text: text ?? '' } : {}),
    relatedTexts: [...recorder.texts()],
  };
}
