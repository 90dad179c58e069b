import jsonata from 'jsonata';
import { editDistance } from '../text/edit-distance.js';
import {
  STATES_FIELDS,
  STEP_FUNCTIONS_JSONATA_FUNCTIONS,
  STEP_FUNCTIONS_REMOVED_FUNCTIONS,
  type StatesField,
} from './functions.js';

/**
 * The expression between the `{%` and `%}` of a JSONata string, or undefined when the
 * string is not one. Step Functions evaluates a string only when it starts with `{%` and
 * ends with `%}`; whitespace inside the delimiters is optional and may span lines.
 */
export function jsonataBody(value: string): string | undefined {
  if (value.length < 4 || !value.startsWith('{%') || !value.endsWith('%}')) return undefined;
  return value.slice(2, -2);
}

/** Offsets into the expression body (the text between the delimiters). */
export interface JsonataSpan {
  readonly start: number;
  readonly end: number;
}

export interface JsonataSyntaxError extends JsonataSpan {
  /** The library's error code, for example S0203. */
  readonly code: string;
  /** What is wrong, in a phrase that can follow "does not parse: ". */
  readonly detail: string;
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

// A run over a large definition meets the same expressions many times, and an editor
// re-lints the same text on every keystroke; parsing is the costly part.
const MAX_CACHED = 50_000;
const cache = new Map<string, JsonataAnalysis>();

/** Forgets every cached analysis, for a long-lived process such as the language server. */
export function clearJsonataCache(): void {
  cache.clear();
}

function remember(body: string, analysis: JsonataAnalysis): JsonataAnalysis {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(body, analysis);
  return analysis;
}

/**
 * Parses a JSONata expression body with the `jsonata` library (2.0.6, as Step Functions
 * runs it) and lists its function calls and `$states` reads. Never throws. `${…}`
 * substitution placeholders are accepted where they are the only reason the expression
 * does not parse. Results are cached per body; see `prepareJsonata` for many at once.
 */
export function analyseJsonata(body: string): JsonataAnalysis {
  return cache.get(body) ?? remember(body, simplePathAnalysis(body) ?? parseAnalysis(body));
}

/** Expressions parsed per call of the library by `prepareJsonata`. */
const BATCH_SIZE = 100;

/**
 * Analyses many expression bodies ahead of `analyseJsonata`, which then finds them
 * cached. The library rebuilds its parser tables on every call, which costs far more than
 * parsing a typical expression, so the bodies are parsed a hundred at a time as one array
 * `[(e1),(e2),…]`, and a batch is accepted only when it provably holds each body
 * unchanged (see `parseBatch`). A batch that does not parse is split until the bodies at
 * fault are parsed alone.
 */
export function prepareJsonata(bodies: Iterable<string>): void {
  const pending = new Set<string>();
  for (const body of bodies) {
    if (cache.has(body) || pending.has(body)) continue;
    const simple = simplePathAnalysis(body);
    if (simple) remember(body, simple);
    else pending.add(body);
  }
  if (cache.size + pending.size > MAX_CACHED) cache.clear();
  const list = [...pending];
  for (let i = 0; i < list.length; i += BATCH_SIZE) analyseBatch(list.slice(i, i + BATCH_SIZE));
}

function analyseBatch(bodies: readonly string[]): void {
  // Inside parentheses `a;` and `a; b` parse, though alone they do not: such bodies go alone.
  const alone = bodies.filter((body) => body.includes(';'));
  const together = alone.length === 0 ? bodies : bodies.filter((body) => !body.includes(';'));
  for (const body of alone) remember(body, parseAnalysis(body));
  const stack: (readonly string[])[] = [together];
  while (stack.length > 0) {
    const batch = stack.pop()!;
    if (batch.length === 0) continue;
    if (batch.length === 1) {
      remember(batch[0], parseAnalysis(batch[0]));
      continue;
    }
    const analyses = parseBatch(batch);
    if (analyses) {
      batch.forEach((body, i) => remember(body, analyses[i]));
      continue;
    }
    const middle = batch.length >> 1;
    stack.push(batch.slice(middle), batch.slice(0, middle));
  }
}

/**
 * Parses `[(b1),(b2),…]` and returns each body's analysis, or undefined unless the array
 * has exactly one element per body, each a block of one expression that opens at the
 * parenthesis put before that body. Then no body ran into its neighbour (a string or
 * comment left open would have swallowed the next parenthesis), each body was read from
 * the start, as alone, and its AST is the one it has alone, its positions shifted by
 * where it starts. The one difference in reading: after `(` the library takes `/` for
 * division, not the start of a regular expression, so a body that starts with one fails
 * the batch and is parsed alone.
 */
function parseBatch(bodies: readonly string[]): JsonataAnalysis[] | undefined {
  const starts: number[] = [];
  let text = '[';
  for (const body of bodies) {
    if (starts.length > 0) text += ',';
    text += '(';
    starts.push(text.length);
    text += body + ')';
  }
  text += ']';
  let ast: AstNode;
  try {
    ast = jsonata(text).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
  const elements = ast.expressions;
  if (ast.type !== 'unary' || ast.value !== '[' || !Array.isArray(elements) || elements.length !== bodies.length) return undefined;
  const analyses: JsonataAnalysis[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const element = elements[i] as AstNode;
    const inner = element.expressions;
    if (element.type !== 'block' || element.position !== starts[i] || !Array.isArray(inner) || inner.length !== 1) return undefined;
    analyses.push(walk(bodies[i], inner[0] as AstNode, EMPTY, starts[i]));
  }
  return analyses;
}

const WS = '[ \\t\\n\\r\\v]*';
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const SIMPLE_PATH = new RegExp(`^${WS}\\$(${NAME})((?:\\.${NAME})*)${WS}$`);
const SIMPLE_NUMBER = new RegExp(`^${WS}-?(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,15})?${WS}$`);
// Literals that the library refuses as path steps.
const LITERAL_NAMES = new Set(['true', 'false', 'null']);

/**
 * The analysis of the commonest expressions, `$states.input.a.b`, `$var.x` and plain
 * numbers, without the parser, which rebuilds its tables on every call. Undefined for
 * anything else. A test checks that it agrees with the parser.
 *
 * @internal
 */
export function simplePathAnalysis(body: string): JsonataAnalysis | undefined {
  if (SIMPLE_NUMBER.test(body)) return { calls: EMPTY, statesReads: EMPTY };
  const match = SIMPLE_PATH.exec(body);
  if (!match) return undefined;
  const steps = match[2] === '' ? [] : match[2].slice(1).split('.');
  if (steps.some((step) => LITERAL_NAMES.has(step))) return undefined;
  if (match[1] !== 'states' || steps.length === 0) return { calls: EMPTY, statesReads: EMPTY };
  const start = body.indexOf('$');
  const end = start + '$states.'.length + steps[0].length;
  return { calls: EMPTY, statesReads: [{ field: steps[0], start, end }] };
}

/** @internal The parser's analysis, without the cache or the fast path. */
export function parseAnalysis(body: string): JsonataAnalysis {
  const first = parse(body);
  if (!('error' in first)) return walk(body, first.ast, EMPTY);
  if (first.error === undefined) return { calls: EMPTY, statesReads: EMPTY };
  const placeholders = placeholderSpans(body);
  if (placeholders.length > 0) {
    const retry = parse(withoutPlaceholders(body, placeholders));
    if (!('error' in retry)) return walk(body, retry.ast, placeholders);
  }
  return { syntaxError: first.error, calls: EMPTY, statesReads: EMPTY };
}

interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly [key: string]: unknown;
}

/**
 * The AST, or the syntax error. `error` is undefined when the library failed in a way
 * that says nothing about the expression (a stack overflow on absurd nesting): that is
 * not reported.
 */
function parse(body: string): { ast: AstNode } | { error: JsonataSyntaxError | undefined } {
  try {
    return { ast: jsonata(body).ast() as unknown as AstNode };
  } catch (error) {
    return { error: syntaxErrorOf(body, error) };
  }
}

const PLACEHOLDER = /\$\{[^{}]*\}/g;

function placeholderSpans(body: string): JsonataSpan[] {
  const spans: JsonataSpan[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) spans.push({ start: match.index, end: match.index + match[0].length });
  return spans;
}

/**
 * Replaces each `${…}` with a variable name of the same length (`$___`), so that offsets
 * stay the same and the placeholder reads as a value wherever one is allowed.
 */
function withoutPlaceholders(body: string, spans: readonly JsonataSpan[]): string {
  let result = '';
  let last = 0;
  for (const span of spans) {
    result += body.slice(last, span.start) + '$' + '_'.repeat(span.end - span.start - 1);
    last = span.end;
  }
  return result + body.slice(last);
}

function syntaxErrorOf(body: string, error: unknown): JsonataSyntaxError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const { code, position, token, value, message } = error as { code?: unknown; position?: unknown; token?: unknown; value?: unknown; message?: unknown };
  if (typeof code !== 'string' || !code.startsWith('S')) return undefined;
  const end = typeof position === 'number' ? Math.max(0, Math.min(position, body.length)) : body.length;
  const tokenText = token === undefined || token === '(end)' ? undefined : String(token);
  let start = end;
  if (tokenText !== undefined && body.slice(end - tokenText.length, end) === tokenText) start = end - tokenText.length;
  else if (end > 0) start = end - 1;
  return { code, detail: describeSyntaxError(body, code, tokenText, value, typeof message === 'string' ? message : code), start, end };
}

const quoted = (text: unknown): string => `"${String(text)}"`;

function describeSyntaxError(body: string, code: string, token: string | undefined, value: unknown, message: string): string {
  switch (code) {
    case 'S0201':
    case 'S0205':
      return token === undefined ? 'unexpected end of expression' : `unexpected ${quoted(token)}`;
    case 'S0202':
      return `expected ${quoted(value)} but found ${quoted(token)}`;
    case 'S0203':
      return `expected ${quoted(value)} before end of expression`;
    case 'S0204':
      return `unknown operator ${quoted(token)}`;
    case 'S0207':
      return body.trim() === '' ? 'the expression is empty' : 'the expression ends where a value is expected';
    case 'S0101':
      return 'a string literal has no closing quote';
    case 'S0105':
      return 'a name in backquotes (`) has no closing backquote';
    case 'S0106':
      return 'a comment has no closing "*/"';
    default: {
      // The library's own sentence, made to fit after "does not parse: ".
      const text = message.replace(/\.$/, '');
      return text.charAt(0).toLowerCase() + text.slice(1);
    }
  }
}

/**
 * Collects calls, `$states` reads and every name the expression binds, iteratively.
 * `offset` is where the body starts in the text the AST was parsed from.
 */
function walk(body: string, ast: AstNode, placeholders: readonly JsonataSpan[], offset = 0): JsonataAnalysis {
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
    const node = item as AstNode;
    switch (node.type) {
      case 'function':
      case 'partial': {
        const procedure = node.procedure as AstNode | undefined;
        if (procedure?.type === 'variable' && typeof procedure.value === 'string' && typeof procedure.position === 'number') {
          const name = procedure.value;
          const end = procedure.position - offset;
          const start = end - name.length - 1;
          if (name !== '' && !placeholders.some((p) => p.start <= start && start < p.end)) calls.push({ name, start, end });
        }
        break;
      }
      case 'bind': {
        const lhs = node.lhs as AstNode | undefined;
        if (lhs?.type === 'variable' && typeof lhs.value === 'string') bound.add(lhs.value);
        break;
      }
      case 'lambda':
        for (const parameter of (node.arguments as AstNode[] | undefined) ?? []) {
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
    const step = steps[i] as AstNode;
    const next = steps[i + 1] as AstNode;
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
  const best = closest(name, candidates);
  return best === undefined ? '' : ` Did you mean "${prefix}${best}"?`;
}

/** A candidate equal but for case, or within a small edit distance. */
function closest(name: string, candidates: Iterable<string>): string | undefined {
  const lower = name.toLowerCase();
  const cap = name.length <= 4 ? 1 : 2;
  let best: string | undefined;
  let bestDistance = cap + 1;
  for (const candidate of candidates) {
    const other = candidate.toLowerCase();
    if (other === lower) return candidate;
    if (Math.abs(other.length - lower.length) > cap) continue;
    const distance = editDistance(lower, other);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = candidate;
    }
  }
  return best;
}

