// Runs fuzz cases through the engine as the CLI does (parse, lint with every rule and the
// files a template names, every report format) and judges them: an exception, an
// `internal-error`, a range outside the text or more than 2 s is a failure. Shared by the
// fuzz test and scripts/fuzz.mjs, which pass in the engine (sources in the test, the build
// in the script).
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { caseSeed, mutate, random } from './mutators.mjs';

const repository = fileURLToPath(new URL('../..', import.meta.url));
const corpus = resolve(repository, '../shared/corpus');
const inputs = /\.(json|json5|ya?ml|template)$/i;

/** The most a single input may take. */
export const TIME_LIMIT_MS = 2000;

/**
 * The files to mutate: the shared corpus, or fixtures/ when the corpus is absent (with a
 * notice for the caller to print).
 */
export function fuzzSources() {
  const fromCorpus = existsSync(corpus);
  const root = fromCorpus ? corpus : join(repository, 'fixtures');
  const files = [];
  const folders = [root];
  while (folders.length > 0) {
    const folder = folders.pop();
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      // fixtures/cdk-app has its own node_modules (aws-cdk-lib), which is no input of ours.
      if (entry.isDirectory()) {
        if (entry.name !== 'node_modules') folders.push(path);
      } else if (inputs.test(entry.name) && entry.name !== 'manifest.json') files.push(path);
    }
  }
  files.sort();
  return {
    files,
    notice: fromCorpus ? undefined : `The corpus is not at ${corpus}: fuzzing the ${files.length} files of fixtures/ instead.`,
  };
}

const texts = new Map();
const textOf = (file) => {
  let text = texts.get(file);
  if (text === undefined) texts.set(file, (text = readFileSync(file, 'utf8')));
  return text;
};

/** Case `index` of a run with `seed`: the source it mutates and the mutated input. */
export function fuzzCase(seed, index, files, engine) {
  const r = random(caseSeed(seed, index));
  const source = r.pick(files);
  const parse = (file, text) => engine.parseDocument(file, text).roots[0];
  const { file, text, steps } = mutate(r, source, textOf(source), parse);
  // A file named on the command line is judged even when it looks like no definition;
  // a file found in a folder is linted only when it looks like one.
  return { seed, index, source, file, text, steps, assumeDefinition: r.chance(0.5) };
}

/** Reads what a template names beside its file, as the CLI does. */
function readRelated(fromFile, path) {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

/**
 * Lints a case in this process and returns its failures (none when it passed) and its time.
 * `engine` holds lintDocument, parseDocument, formatters and rules.
 */
export function runCase(fuzz, engine) {
  const failures = [];
  const start = performance.now();
  const cpu = process.cpuUsage();
  try {
    const document = engine.parseDocument(fuzz.file, fuzz.text);
    const result = engine.lintDocument(document, { rules: engine.rules, readRelated, assumeDefinition: fuzz.assumeDefinition });
    const results = [result, ...(result.included ?? [])];
    for (const each of results) {
      for (const diagnostic of each.diagnostics) {
        if (diagnostic.ruleId === 'internal-error') failures.push(`internal-error: ${diagnostic.message}`);
        const { start: from, end: to } = diagnostic.range;
        if (!(from >= 0 && from <= to && to <= each.document.text.length)) {
          failures.push(`${diagnostic.ruleId} reported the range ${from}-${to} outside the text (${each.document.text.length} characters)`);
        }
      }
    }
    for (const [name, format] of Object.entries(engine.formatters)) {
      // Describing every rule in SARIF costs more than the rest of a small case: one case in ten does.
      const rules = fuzz.index % 10 === 0 ? engine.rules : undefined;
      const report = format(results, { cwd: dirname(fuzz.source), root: repository, rules, toolVersion: '0.0.0', color: false });
      if (typeof report !== 'string') failures.push(`the ${name} format gave ${typeof report}`);
    }
  } catch (error) {
    failures.push(`exception: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  }
  // The smaller of wall and CPU time: on a busy machine the wall clock runs on while the
  // case waits for a core, and on an idle one the collector's threads add CPU time.
  const used = process.cpuUsage(cpu);
  const ms = Math.min(performance.now() - start, (used.user + used.system) / 1000);
  if (ms > TIME_LIMIT_MS) failures.push(`took ${ms.toFixed(0)} ms (limit ${TIME_LIMIT_MS} ms)`);
  return { failures, ms };
}

/**
 * What to tell about a failing case: how it was made, and how to run it again. Writes the
 * input to a file beside the system's temporary files.
 */
export function reproduction(fuzz, failures) {
  const name = fuzz.file.slice(fuzz.file.lastIndexOf('/') + 1).replace(/^(\.*)/, '');
  const saved = join(tmpdir(), `sfn-lint-fuzz-${fuzz.seed}-${fuzz.index}-${name}`);
  let savedNote;
  try {
    writeFileSync(saved, fuzz.text);
    savedNote = `input saved as ${saved} (${fuzz.text.length} characters)`;
  } catch (error) {
    savedNote = `input not saved: ${error instanceof Error ? error.message : String(error)}`;
  }
  return [
    `case ${fuzz.index} of seed ${fuzz.seed}: ${failures.join('; ')}`,
    `  source: ${relative(repository, fuzz.source)}`,
    `  steps: ${fuzz.steps.join('; ')}`,
    `  ${savedNote}`,
    `  again: npm run fuzz -- --seed ${fuzz.seed} --case ${fuzz.index}`,
    `  or: npx sfn-lint ${fuzz.assumeDefinition ? '' : '(as found in a folder) '}${saved}`,
  ].join('\n');
}

/** What is wrong with a CLI run on one file (`--format json`), or undefined: it must exit 0 or 1 with a JSON report and no internal error. */
export function cliProblem(result) {
  if (result.status !== 0 && result.status !== 1) return `exit code ${result.status ?? result.signal}: ${result.stderr.slice(0, 500)}`;
  let report;
  try {
    report = JSON.parse(result.stdout);
  } catch {
    return `the JSON report does not parse: ${result.stdout.slice(0, 200)}`;
  }
  const internal = report.flatMap((file) => file.messages).filter((message) => message.ruleId === 'internal-error');
  return internal.length > 0 ? `internal-error: ${internal[0].message}` : undefined;
}
