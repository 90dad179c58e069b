import jsonata from 'jsonata';
import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from '../jsonata/functions.js';

/** A `$name` in an expression body; offsets count UTF-16 units of the body. */
export interface VariableReference {
  /** The name without `$`. */
  readonly name: string;
  readonly start: number;
  readonly end: number;
}

/** A variable read in a JSONata expression. */
export interface JsonataRead extends VariableReference {
  /**
   * True when an undefined value here makes the whole expression undefined, which fails
   * the state; false where the expression absorbs it (`$exists($x)`, `[$x]`, `$x = 1`,
   * the branches of a condition that tests `$x`, …).
   */
  readonly strict: boolean;
}

/** The workflow variables one JSONata expression body reads. */
export interface JsonataReferences {
  /** False when the body does not parse; `reads` then holds every `$name` the text shows. */
  readonly parsed: boolean;
  /**
   * Reads of workflow variables, in source order: `$name` values that the expression does
   * not bind itself (`:=`, lambda parameters, `@$x`, `#$i`), other than `$states`, `$` and
   * `$$`, and other than the names of JSONata's functions.
   */
  readonly reads: readonly JsonataRead[];
  /**
   * Names the expression mentions without a definite read: names it binds itself and
   * function names used as values. A variable of that name might still be read (a block
   * can read `$x` before it binds its own `$x`), so "unused" must count them as reads.
   */
  readonly mentions: readonly string[];
  /** True when a `${…}` substitution placeholder stands where a read could be. */
  readonly placeholder: boolean;
}

const EMPTY: readonly never[] = [];
const NOTHING: JsonataReferences = { parsed: true, reads: EMPTY, mentions: EMPTY, placeholder: false };

const MAX_CACHED = 50_000;
const cache = new Map<string, JsonataReferences>();

/** Forgets every cached result, for a long-lived process such as the language server. */
export function clearJsonataReferenceCache(): void {
  cache.clear();
}

function remember(body: string, references: JsonataReferences): JsonataReferences {
  if (cache.size >= MAX_CACHED) cache.clear();
  cache.set(body, references);
  return references;
}

/**
 * The workflow variables a JSONata expression body (the text between `{%` and `%}`)
 * reads. Never throws; results are cached per body.
 */
export function jsonataReferences(body: string): JsonataReferences {
  return cache.get(body) ?? remember(body, simpleReferences(body) ?? parseReferences(body));
}

/** Parses many bodies ahead of `jsonataReferences`, a hundred per call of the library. */
export function prepareJsonataReferences(bodies: Iterable<string>): void {
  const pending = new Set<string>();
  for (const body of bodies) {
    if (cache.has(body) || pending.has(body)) continue;
    const simple = simpleReferences(body);
    if (simple) remember(body, simple);
    else pending.add(body);
  }
  if (cache.size + pending.size > MAX_CACHED) cache.clear();
  const list = [...pending];
  for (let i = 0; i < list.length; i += BATCH_SIZE) prepareBatch(list.slice(i, i + BATCH_SIZE));
}

const BATCH_SIZE = 100;

/**
 * The library rebuilds its parser tables on every call, which costs more than parsing a
 * typical expression, so bodies are parsed together as `[(b1),(b2),…]`. A batch counts
 * only when the array has one block per body, each opening where that body's parenthesis
 * was put: then no body ran into its neighbour and each AST is the one it has alone,
 * shifted. Bodies with `;` (which parse inside parentheses but not alone) and batches
 * that fail are parsed one by one.
 */
function prepareBatch(bodies: readonly string[]): void {
  const stack: (readonly string[])[] = [bodies.filter((body) => !body.includes(';'))];
  for (const body of bodies) if (body.includes(';')) remember(body, parseReferences(body));
  while (stack.length > 0) {
    const batch = stack.pop()!;
    if (batch.length === 0) continue;
    if (batch.length === 1) {
      remember(batch[0], parseReferences(batch[0]));
      continue;
    }
    const starts: number[] = [];
    let text = '[';
    for (const body of batch) {
      if (starts.length > 0) text += ',';
      text += '(';
      starts.push(text.length);
      text += body + ')';
    }
    text += ']';
    const results = parseBatch(text, batch, starts);
    if (results) {
      batch.forEach((body, i) => remember(body, results[i]));
      continue;
    }
    const middle = batch.length >> 1;
    stack.push(batch.slice(middle), batch.slice(0, middle));
  }
}

function parseBatch(text: string, bodies: readonly string[], starts: readonly number[]): JsonataReferences[] | undefined {
  let ast: AstNode;
  try {
    ast = jsonata(text).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
  const elements = ast.expressions;
  if (ast.type !== 'unary' || ast.value !== '[' || !Array.isArray(elements) || elements.length !== bodies.length) return undefined;
  const results: JsonataReferences[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const element = elements[i] as AstNode;
    const inner = element.expressions;
    if (element.type !== 'block' || element.position !== starts[i] || !Array.isArray(inner) || inner.length !== 1) return undefined;
    results.push(collect(bodies[i], inner[0] as AstNode, EMPTY, starts[i]));
  }
  return results;
}

const WS = '[ \\t\\n\\r\\v]*';
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const SIMPLE_PATH = new RegExp(`^${WS}\\$(${NAME})((?:\\.${NAME})*)${WS}$`);
const SIMPLE_NUMBER = new RegExp(`^${WS}-?(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,15})?${WS}$`);
const LITERAL_NAMES = new Set(['true', 'false', 'null']);

/** `$name.a.b` and plain numbers, the commonest bodies, without the parser. */
function simpleReferences(body: string): JsonataReferences | undefined {
  if (SIMPLE_NUMBER.test(body)) return NOTHING;
  const match = SIMPLE_PATH.exec(body);
  if (!match) return undefined;
  // The library refuses these literals as path steps: leave such bodies to the parser.
  if (match[2] !== '' && match[2].slice(1).split('.').some((step) => LITERAL_NAMES.has(step))) return undefined;
  const name = match[1];
  if (name === 'states') return NOTHING;
  const start = body.indexOf('$');
  const read = { name, start, end: start + 1 + name.length, strict: true };
  if (STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(name)) return { parsed: true, reads: EMPTY, mentions: [name], placeholder: false };
  return { parsed: true, reads: [read], mentions: EMPTY, placeholder: false };
}

interface AstNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly [key: string]: unknown;
}

interface Span {
  readonly start: number;
  readonly end: number;
}

const PLACEHOLDER = /\$\{[^{}]*\}/g;

/** @internal The parser's result, without the cache or the fast path. */
export function parseReferences(body: string): JsonataReferences {
  const first = tryParse(body);
  if (first) return collect(body, first, EMPTY, 0);
  const placeholders: Span[] = [];
  for (const match of body.matchAll(PLACEHOLDER)) placeholders.push({ start: match.index, end: match.index + match[0].length });
  if (placeholders.length > 0) {
    // A placeholder becomes `$___` of the same length, so offsets stay put.
    let text = '';
    let last = 0;
    for (const span of placeholders) {
      text += body.slice(last, span.start) + '$' + '_'.repeat(span.end - span.start - 1);
      last = span.end;
    }
    const retry = tryParse(text + body.slice(last));
    if (retry) return collect(body, retry, placeholders, 0);
  }
  return { parsed: false, reads: scanReferences(body), mentions: EMPTY, placeholder: placeholders.length > 0 };
}

function tryParse(body: string): AstNode | undefined {
  try {
    return jsonata(body).ast() as unknown as AstNode;
  } catch {
    return undefined;
  }
}

const TOKEN = /\$([\p{L}_][\p{L}\p{N}_]*)/gu;

/** Every `$name` in a text that does not parse: what it might read. */
function scanReferences(body: string): JsonataRead[] {
  const reads: JsonataRead[] = [];
  for (const match of body.matchAll(TOKEN)) {
    if (match[1] === 'states') continue;
    reads.push({ name: match[1], start: match.index, end: match.index + match[0].length, strict: false });
  }
  return reads;
}

/** Functions that give undefined when their first argument is undefined (checked against jsonata 2.0.6). */
const UNDEFINED_IN_UNDEFINED_OUT: ReadonlySet<string> = new Set([
  'string', 'number', 'uppercase', 'lowercase', 'trim', 'length', 'substring', 'substringBefore', 'substringAfter',
  'split', 'join', 'replace', 'contains', 'match', 'pad', 'sum', 'max', 'min', 'average', 'keys', 'lookup', 'each',
  'sort', 'reverse', 'distinct', 'map', 'filter', 'reduce', 'single', 'sift', 'merge', 'spread', 'shuffle', 'abs',
  'floor', 'ceil', 'round', 'sqrt', 'power', 'toMillis', 'fromMillis', 'base64encode', 'base64decode', 'type',
  'boolean', 'not', 'formatNumber', 'formatBase', 'formatInteger', 'parseInteger', 'encodeUrl', 'encodeUrlComponent',
  'decodeUrl', 'decodeUrlComponent', 'clone',
]);

/** Operators whose result is undefined when an operand is; `=`, `!=`, `in`, `and`, `or` and `&` give a value. */
const UNDEFINED_OPERATORS: ReadonlySet<string> = new Set(['+', '-', '*', '/', '%', '<', '<=', '>', '>=']);

interface Visit {
  readonly item: unknown;
  /** True when an undefined value here makes the whole expression undefined. */
  readonly strict: boolean;
  /** Variables an enclosing condition tests, so that its branches may rely on them. */
  readonly guards?: ReadonlySet<string>;
}

/** The variable names anywhere under a node. */
function namesUnder(root: unknown): Set<string> {
  const names = new Set<string>();
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const item = stack.pop();
    if (typeof item !== 'object' || item === null) continue;
    if (Array.isArray(item)) {
      stack.push(...item);
      continue;
    }
    const node = item as AstNode;
    if (node.type === 'variable' && typeof node.value === 'string') names.add(node.value);
    for (const key of Object.keys(node)) if (typeof node[key] === 'object') stack.push(node[key]);
  }
  return names;
}

/** The variable a path or variable node starts at. */
function leadingVariable(node: AstNode | undefined): string | undefined {
  if (node?.type === 'variable' && typeof node.value === 'string') return node.value;
  if (node?.type === 'path' && Array.isArray(node.steps)) return leadingVariable(node.steps[0] as AstNode);
  return undefined;
}

/**
 * Walks the AST iteratively. A name bound anywhere in the expression is not a read
 * anywhere in it: JSONata scopes bindings by block and lambda, and telling those apart
 * buys nothing but the risk of a false alarm. Each read is marked strict when an
 * undefined value there makes the whole expression undefined, which is what fails the
 * state; JSONata itself reads an unassigned variable as undefined without an error.
 * `offset` is where the body starts in the parsed text.
 */
function collect(body: string, ast: AstNode, placeholders: readonly Span[], offset: number): JsonataReferences {
  const bound = new Set<string>();
  const functionNames = new Set<string>();
  const tested = new Set<string>();
  const candidates: JsonataRead[] = [];
  const adjacent = new Set<string>();
  let placeholder = placeholders.length > 0;
  const seen = new Set<object>();
  const stack: Visit[] = [{ item: ast, strict: true }];
  while (stack.length > 0) {
    const { item, strict, guards } = stack.pop()!;
    if (typeof item !== 'object' || item === null || seen.has(item)) continue;
    seen.add(item);
    if (Array.isArray(item)) {
      for (let i = item.length - 1; i >= 0; i--) stack.push({ item: item[i], strict, guards });
      continue;
    }
    const node = item as AstNode;
    if (node.type === 'variable' && typeof node.value === 'string' && typeof node.position === 'number') {
      const name = node.value;
      const end = node.position - offset;
      const start = end - name.length - 1;
      const overlap = placeholders.find((p) => p.start < end && start < p.end);
      if (overlap) {
        // `$order${Suffix}` reads as one name; after substitution it may be `$order` or `$orderId`.
        placeholder = true;
        if (overlap.start > start + 1) adjacent.add(body.slice(start + 1, overlap.start));
      } else if (name !== '' && name !== '$' && name !== 'states') {
        candidates.push({ name, start, end, strict: strict && !guards?.has(name) });
      }
    } else if (node.type === 'bind') {
      const lhs = node.lhs as AstNode | undefined;
      if (lhs?.type === 'variable' && typeof lhs.value === 'string') bound.add(lhs.value);
    } else if (node.type === 'lambda') {
      for (const parameter of (node.arguments as AstNode[] | undefined) ?? []) {
        if (typeof parameter?.value === 'string') bound.add(parameter.value);
      }
    } else if ((node.type === 'function' || node.type === 'partial') && (node.procedure as AstNode | undefined)?.type === 'variable') {
      const procedure = node.procedure as AstNode;
      if (typeof procedure.value === 'string') {
        functionNames.add(procedure.value);
        const first = (node.arguments as AstNode[] | undefined)?.[0];
        const tests = leadingVariable(first);
        if (procedure.value === 'exists' && tests !== undefined) tested.add(tests);
      }
    }
    if (typeof node.focus === 'string') bound.add(node.focus);
    if (typeof node.index === 'string') bound.add(node.index);
    const strictChild = childStrictness(node, strict);
    const childGuards = node.type === 'condition' ? new Set([...(guards ?? []), ...namesUnder(node.condition)]) : guards;
    const keys = Object.keys(node);
    for (let i = keys.length - 1; i >= 0; i--) {
      const key = keys[i];
      const child = node[key];
      if (typeof child !== 'object' || child === null) continue;
      if (Array.isArray(child)) {
        for (let j = child.length - 1; j >= 0; j--) stack.push({ item: child[j], strict: strictChild(key, j, child.length), guards: childGuards });
      } else {
        stack.push({ item: child, strict: strictChild(key, -1, 0), guards: childGuards });
      }
    }
  }
  const reads: JsonataRead[] = [];
  const mentions = adjacent;
  for (const candidate of candidates) {
    const { name } = candidate;
    // A called name is a function; a function's name passed as a value (`$map(a, $string)`) too.
    if (bound.has(name) || functionNames.has(name) || STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(name)) {
      mentions.add(name);
      continue;
    }
    const strict = candidate.strict && !tested.has(name);
    const exact = body.startsWith(`$${name}`, candidate.start);
    reads.push(exact ? { ...candidate, strict } : { name, start: Math.max(0, candidate.start), end: Math.max(0, candidate.end), strict });
  }
  reads.sort((a, b) => a.start - b.start);
  return { parsed: true, reads, mentions: [...mentions], placeholder };
}

/**
 * Which children of a node pass an undefined value up to it: the first step of a path,
 * both sides of arithmetic and ordering, the operand of unary minus, the branches of a
 * condition, the last expression of a block and the first argument of functions that
 * give undefined for undefined. Everything else (object and array members, predicates,
 * `=`, `and`, `&`, lambda bodies, `$exists`, `$count`, …) absorbs it.
 */
function childStrictness(node: AstNode, strict: boolean): (key: string, index: number, length: number) => boolean {
  if (!strict) return () => false;
  switch (node.type) {
    case 'path':
      return (key, index) => key === 'steps' && index === 0;
    case 'binary':
      return typeof node.value === 'string' && UNDEFINED_OPERATORS.has(node.value) ? (key) => key === 'lhs' || key === 'rhs' : () => false;
    case 'unary':
      return node.value === '-' ? (key) => key === 'expression' : () => false;
    case 'condition':
      return (key) => key === 'then' || key === 'else';
    case 'block':
      return (key, index, length) => key === 'expressions' && index === length - 1;
    case 'function': {
      const name = (node.procedure as AstNode | undefined)?.value;
      return typeof name === 'string' && UNDEFINED_IN_UNDEFINED_OUT.has(name) ? (key, index) => key === 'arguments' && index === 0 : () => false;
    }
    default:
      return () => false;
  }
}
