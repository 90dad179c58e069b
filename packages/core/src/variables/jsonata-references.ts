import { STEP_FUNCTIONS_JSONATA_FUNCTIONS } from '../jsonata/functions.js';
import {
  cachedPerBody,
  clearJsonataCache,
  parsedJsonata,
  parseJsonataAlone,
  prepareJsonata,
  simpleJsonata,
  type JsonataNode,
  type JsonataSpan,
  type ParsedJsonata,
} from '../jsonata/parse.js';

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

/**
 * Forgets every cached result, for a long-lived process such as the language server.
 * The results are kept with the parses, so this is `clearJsonataCache`.
 */
export function clearJsonataReferenceCache(): void {
  clearJsonataCache();
}

/**
 * The workflow variables a JSONata expression body (the text between `{%` and `%}`)
 * reads. Never throws; results are cached per body with its parse.
 */
export const jsonataReferences: (body: string) => JsonataReferences = cachedPerBody(
  (body) => simpleReferences(body) ?? referencesOf(body, parsedJsonata(body)),
);

/** Parses many bodies ahead of `jsonataReferences`; the same as `prepareJsonata`. */
export function prepareJsonataReferences(bodies: Iterable<string>): void {
  prepareJsonata(bodies);
}

/** The references of a simple body (see `simpleJsonata`), without the parser. */
function simpleReferences(body: string): JsonataReferences | undefined {
  const simple = simpleJsonata(body);
  if (!simple) return undefined;
  if (simple.kind === 'number' || simple.variable === 'states') return NOTHING;
  const name = simple.variable;
  if (STEP_FUNCTIONS_JSONATA_FUNCTIONS.has(name)) return { parsed: true, reads: EMPTY, mentions: [name], placeholder: false };
  return { parsed: true, reads: [{ name, start: simple.start, end: simple.start + 1 + name.length, strict: true }], mentions: EMPTY, placeholder: false };
}

/** @internal The parser's result, without the cache or the fast path. */
export function parseReferences(body: string): JsonataReferences {
  return referencesOf(body, parseJsonataAlone(body));
}

function referencesOf(body: string, parsed: ParsedJsonata): JsonataReferences {
  if (parsed.ast) return collect(body, parsed.ast, parsed.placeholders, parsed.offset);
  return { parsed: false, reads: scanReferences(body), mentions: EMPTY, placeholder: parsed.placeholders.length > 0 };
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
    const node = item as JsonataNode;
    if (node.type === 'variable' && typeof node.value === 'string') names.add(node.value);
    for (const key of Object.keys(node)) if (typeof node[key] === 'object') stack.push(node[key]);
  }
  return names;
}

/** The variable a path or variable node starts at. */
function leadingVariable(node: JsonataNode | undefined): string | undefined {
  if (node?.type === 'variable' && typeof node.value === 'string') return node.value;
  if (node?.type === 'path' && Array.isArray(node.steps)) return leadingVariable(node.steps[0] as JsonataNode);
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
function collect(body: string, ast: JsonataNode, placeholders: readonly JsonataSpan[], offset: number): JsonataReferences {
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
    const node = item as JsonataNode;
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
      const lhs = node.lhs as JsonataNode | undefined;
      if (lhs?.type === 'variable' && typeof lhs.value === 'string') bound.add(lhs.value);
    } else if (node.type === 'lambda') {
      for (const parameter of (node.arguments as JsonataNode[] | undefined) ?? []) {
        if (typeof parameter?.value === 'string') bound.add(parameter.value);
      }
    } else if ((node.type === 'function' || node.type === 'partial') && (node.procedure as JsonataNode | undefined)?.type === 'variable') {
      const procedure = node.procedure as JsonataNode;
      if (typeof procedure.value === 'string') {
        functionNames.add(procedure.value);
        const first = (node.arguments as JsonataNode[] | undefined)?.[0];
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
function childStrictness(node: JsonataNode, strict: boolean): (key: string, index: number, length: number) => boolean {
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
      const name = (node.procedure as JsonataNode | undefined)?.value;
      return typeof name === 'string' && UNDEFINED_IN_UNDEFINED_OUT.has(name) ? (key, index) => key === 'arguments' && index === 0 : () => false;
    }
    default:
      return () => false;
  }
}
