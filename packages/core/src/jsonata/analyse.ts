import { closestName } from '../text/closest-name.js';
import {
  STATES_FIELDS,
  STEP_FUNCTIONS_JSONATA_FUNCTIONS,
  STEP_FUNCTIONS_REMOVED_FUNCTIONS,
  type StatesField,
} from './functions.js';
import {
  cachedPerBody,
  parsedJsonata,
  parseJsonataAlone,
  simpleJsonata,
  type JsonataNode,
  type JsonataSpan,
  type JsonataSyntaxError,
  type ParsedJsonata,
} from './parse.js';

export { clearJsonataCache, prepareJsonata, type JsonataSpan, type JsonataSyntaxError } from './parse.js';

/**
 * The expression between the `{%` and `%}` of a JSONata string, or undefined when the
 * string is not one. Step Functions evaluates a string only when it starts with `{%` and
 * ends with `%}`; whitespace inside the delimiters is optional and may span lines.
 */
export function jsonataBody(value: string): string | undefined {
  if (value.length < 4 || !value.startsWith('{%') || !value.endsWith('%}')) return undefined;
  return value.slice(2, -2);
}

export interface JsonataCall extends JsonataSpan {
  /** The function name without `$`. */
  readonly name: string;
}

export interface StatesRead extends JsonataSpan {
  /** The field after `$states.`, for example `result`. */
  readonly field: string;
}

/** What one expression holds, independent of where it is used. */
export interface JsonataAnalysis {
  /** Set when the expression does not parse; the other lists are then empty. */
  readonly syntaxError?: JsonataSyntaxError;
  /** Calls `$name(…)` of names the expression does not bind itself. */
  readonly calls: readonly JsonataCall[];
  /** Reads of `$states.<field>`; empty when the expression binds `$states` itself. */
  readonly statesReads: readonly StatesRead[];
}

const EMPTY: readonly never[] = [];

/**
 * Lists the function calls and `$states` reads of a JSONata expression body, parsed as
 * `parsedJsonata` does. Never throws. Results are cached per body with the parse; see
 * `prepareJsonata` for many at once.
 */
export const analyseJsonata: (body: string) => JsonataAnalysis = cachedPerBody(
  (body) => simplePathAnalysis(body) ?? analysisOf(body, parsedJsonata(body)),
);

/**
 * The analysis of a simple body (see `simpleJsonata`) without the parser. Undefined for
 * anything else. A test checks that it agrees with the parser.
 *
 * @internal
 */
export function simplePathAnalysis(body: string): JsonataAnalysis | undefined {
  const simple = simpleJsonata(body);
  if (!simple) return undefined;
  if (simple.kind === 'number' || simple.variable !== 'states' || simple.steps.length === 0) return { calls: EMPTY, statesReads: EMPTY };
  const field = simple.steps[0];
  return { calls: EMPTY, statesReads: [{ field, start: simple.start, end: simple.start + '$states.'.length + field.length }] };
}

/** @internal The parser's analysis, without the cache or the fast path. */
export function parseAnalysis(body: string): JsonataAnalysis {
  return analysisOf(body, parseJsonataAlone(body));
}

function analysisOf(body: string, parsed: ParsedJsonata): JsonataAnalysis {
  if (parsed.ast) return walk(body, parsed.ast, parsed.placeholders, parsed.offset);
  if (parsed.syntaxError === undefined) return { calls: EMPTY, statesReads: EMPTY };
  return { syntaxError: parsed.syntaxError, calls: EMPTY, statesReads: EMPTY };
}

/**
 * Collects calls, `$states` reads and every name the expression binds, iteratively.
 * `offset` is where the body starts in the text the AST was parsed from.
 */
function walk(body: string, ast: JsonataNode, placeholders: readonly JsonataSpan[], offset: number): JsonataAnalysis {
  const bound = new Set<string>();
  const calls: JsonataCall[] = [];
  const reads: StatesRead[] = [];
  const seen = new Set<object>();
  const stack: unknown[] = [ast];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push(item[i]);
      continue;
    }
    const node = item as JsonataNode;
    switch (node.type) {
      case 'function':
      case 'partial': {
        const procedure = node.procedure as JsonataNode | undefined;
        if (procedure?.type === 'variable' && typeof procedure.value === 'string' && typeof procedure.position === 'number') {
          const name = procedure.value;
          const end = procedure.position - offset;
          const start = end - name.length - 1;
          if (name !== '' && !placeholders.some((p) => p.start <= start && start < p.end)) calls.push({ name, start, end });
        }
        break;
      }
      case 'bind': {
        const lhs = node.lhs as JsonataNode | undefined;
        if (lhs?.type === 'variable' && typeof lhs.value === 'string') bound.add(lhs.value);
        break;
      }
      case 'lambda':
        for (const parameter of (node.arguments as JsonataNode[] | undefined) ?? []) {
          if (typeof parameter?.value === 'string') bound.add(parameter.value);
        }
        break;
      case 'path':
        collectStatesReads(body, node.steps, reads, offset);
        break;
    }
    // Context (`@$x`) and position (`#$i`) bindings sit on path steps.
    if (typeof node.focus === 'string') bound.add(node.focus);
    if (typeof node.index === 'string') bound.add(node.index);
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const child = node[keys[i]];
      if (typeof child === 'object' && child !== null) stack.push(child);
    }
  }
  calls.sort((a, b) => a.start - b.start);
  reads.sort((a, b) => a.start - b.start);
  return {
    calls: calls.filter((call) => !bound.has(call.name)),
    // A lambda parameter or binding named `$states` hides the reserved variable.
    statesReads: bound.has('states') ? EMPTY : reads,
  };
}

function collectStatesReads(body: string, steps: unknown, reads: StatesRead[], offset: number): void {
  if (!Array.isArray(steps)) return;
  for (let i = 0; i + 1 < steps.length; i++) {
    const step = steps[i] as JsonataNode;
    const next = steps[i + 1] as JsonataNode;
    if (step?.type !== 'variable' || step.value !== 'states' || next?.type !== 'name' || typeof next.value !== 'string') continue;
    if (typeof step.position !== 'number' || typeof next.position !== 'number') continue;
    const start = step.position - offset - '$states'.length;
    const end = next.position - offset;
    reads.push({ field: next.value, start: body.startsWith('$states', start) ? start : Math.max(0, end - next.value.length), end });
  }
}

/** Where an expression stands, which decides what `$states` holds there. */
export interface JsonataSite {
  /** The state's `Type`, as written. */
  readonly stateType: string | undefined;
  /** The state's field holding the expression, for example `Arguments` or `Output`. */
  readonly field: string;
  /** `catcher` for a Catch entry's Output and Assign; `choice-rule` for a Choice rule's fields. */
  readonly holder?: 'state' | 'catcher' | 'choice-rule';
  /** The place for messages, for example `"Arguments.Payload" of "Call"`. */
  readonly where?: string;
}

const KNOWN_TYPES = new Set(['Pass', 'Task', 'Choice', 'Wait', 'Succeed', 'Fail', 'Parallel', 'Map']);
const RESULT_TYPES = new Set(['Task', 'Parallel', 'Map']);

/** Whether `$states.<field>` exists at a site. */
function statesFieldExists(site: JsonataSite, field: string): boolean {
  switch (field) {
    case 'input':
    case 'context':
      return true;
    case 'errorOutput':
      return site.holder === 'catcher';
    case 'result':
      // A state of no known type is judged by valid-definition; do not guess its result.
      return (
        (site.holder === undefined || site.holder === 'state') &&
        (site.field === 'Output' || site.field === 'Assign') &&
        (site.stateType === undefined || RESULT_TYPES.has(site.stateType) || !KNOWN_TYPES.has(site.stateType))
      );
    default:
      return false;
  }
}

/** The fields of `$states` that exist at a site. */
export function statesFieldsAt(site: JsonataSite): ReadonlySet<StatesField> {
  return new Set(STATES_FIELDS.filter((field) => statesFieldExists(site, field)));
}

export interface JsonataProblem {
  readonly kind: 'syntax' | 'unknown-function' | 'states-field';
  readonly message: string;
  /** Offsets into the whole string value, `{%` included. */
  readonly start: number;
  readonly end: number;
}

/**
 * The problems of one `{% … %}` string at a site: syntax errors, calls of functions that
 * Step Functions' JSONata does not have, and `$states` fields that do not exist there.
 * Empty for a string that is not an expression.
 */
export function jsonataProblems(value: string, site: JsonataSite): JsonataProblem[] {
  const body = jsonataBody(value);
  if (body === undefined) return [];
  const analysis = analyseJsonata(body);
  const where = site.where === undefined ? '' : ` in ${site.where}`;
  const problems: JsonataProblem[] = [];
  const offset = 2;
  if (analysis.syntaxError) {
    const e = analysis.syntaxError;
    problems.push({
      kind: 'syntax',
      message: `The JSONata expression${where} does not parse: ${e.detail}.`,
      start: offset + e.start,
      end: offset + e.end,
    });
    return problems;
  }
  for (const call of analysis.calls) {
    if (STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(call.name)) continue;
    const replacement = STEP_FUNCTIONS_REMOVED_FUNCTIONS.get(call.name);
    const text =
      replacement !== undefined
        ? `The JSONata expression${where} calls "$${call.name}", which Step Functions does not provide: use "$${replacement}" to read a JSON string.`
        : `The JSONata expression${where} calls "$${call.name}", which is not a function of JSONata or Step Functions, so the state fails when it runs.${didYouMean(call.name, STEP_FUNCTIONS_JSONATA_FUNCTIONS, '$')}`;
    problems.push({ kind: 'unknown-function', message: text, start: offset + call.start, end: offset + call.end });
  }
  for (const read of analysis.statesReads) {
    if (statesFieldExists(site, read.field)) continue;
    problems.push({
      kind: 'states-field',
      message: `The JSONata expression${where} reads "$states.${read.field}", ${statesFieldReason(read.field, site)}`,
      start: offset + read.start,
      end: offset + read.end,
    });
  }
  return problems;
}

function statesFieldReason(field: string, site: JsonataSite): string {
  if (!(STATES_FIELDS as readonly string[]).includes(field)) {
    const known = STATES_FIELDS.join(', ');
    return `which does not exist: "$states" has only ${known}.${didYouMean(field, STATES_FIELDS, '$states.')}`;
  }
  if (field === 'errorOutput') return 'which exists only in the "Output" and "Assign" of a catcher, where it holds the error.';
  // field === 'result'
  if (site.holder === 'catcher') return 'which a catcher does not have: the state failed. Use "$states.errorOutput" for the error.';
  if (site.holder === 'choice-rule' || (site.stateType !== undefined && !RESULT_TYPES.has(site.stateType))) {
    return `which a ${site.stateType ?? 'Choice'} state does not have: only Task, Parallel and Map states produce a result. Use "$states.input".`;
  }
  if (site.field === 'Arguments') {
    return 'which does not exist yet: the arguments are evaluated before the state runs. Read the result in "Output" or "Assign".';
  }
  return `which does not exist in "${site.field}": the result is available only in "Output" and "Assign". Use "$states.input" here.`;
}

function didYouMean(name: string, candidates: Iterable<string>, prefix: string): string {
  const best = closestName(name, candidates);
  return best === undefined ? '' : ` Did you mean "${prefix}${best}"?`;
}


