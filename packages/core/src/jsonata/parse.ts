import jsonata from 'jsonata';

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

/** A node of the AST the `jsonata` library builds. */
export interface JsonataNode {
  readonly type?: string;
  readonly value?: unknown;
  readonly position?: number;
  readonly [key: string]: unknown;
}

/** One expression body as the parser reads it. */
export interface ParsedJsonata {
  /** The AST; undefined when the body does not parse. */
  readonly ast?: JsonataNode;
  /** Where the body starts in the text the AST was parsed from: AST positions minus this are offsets into the body. */
  readonly offset: number;
  /**
   * The `${…}` substitution placeholders, each read as a variable `$___` of its length,
   * when the body parses only so; every placeholder when it does not parse; else none.
   */
  readonly placeholders: readonly JsonataSpan[];
  /**
   * Why the body does not parse. Undefined also when the library failed in a way that
   * says nothing about the expression (a stack overflow on absurd nesting).
   */
  readonly syntaxError?: JsonataSyntaxError;
}

/** A body the parser need not see: a plain number, or `$name` followed by plain steps. */
export type SimpleJsonata =
  | { readonly kind: 'number' }
  | {
      readonly kind: 'path';
      /** The name after `$`. */
      readonly variable: string;
      readonly steps: readonly string[];
      /** The offset of the `$`. */
      readonly start: number;
    };

const EMPTY: readonly never[] = [];
const NUMBER: SimpleJsonata = { kind: 'number' };

const WS = '[ \\t\\n\\r\\v]*';
const NAME = '[A-Za-z_][A-Za-z0-9_]*';
const SIMPLE_PATH = new RegExp(`^${WS}\\$(${NAME})((?:\\.${NAME})*)${WS}$`);
const SIMPLE_NUMBER = new RegExp(`^${WS}-?(?:0|[1-9][0-9]{0,14})(?:\\.[0-9]{1,15})?${WS}$`);
// Literals that the library refuses as path steps.
const LITERAL_NAMES = new Set(['true', 'false', 'null']);

/**
 * The commonest bodies, `$states.input.a.b`, `$var.x` and plain numbers, recognised
 * without the parser, which rebuilds its tables on every call. Undefined for anything
 * else, which `parsedJsonata` then parses. Cached per body.
 */
export function simpleJsonata(body: string): SimpleJsonata | undefined {
  const entry = entryOf(body);
  return (entry.simple ??= matchSimple(body) ?? null) ?? undefined;
}

function matchSimple(body: string): SimpleJsonata | undefined {
  if (SIMPLE_NUMBER.test(body)) return NUMBER;
  const match = SIMPLE_PATH.exec(body);
  if (!match) return undefined;
  const steps = match[2] === '' ? EMPTY : match[2].slice(1).split('.');
  if (steps.some((step) => LITERAL_NAMES.has(step))) return undefined;
  return { kind: 'path', variable: match[1], steps, start: body.indexOf('$') };
}

interface CacheEntry {
  /** What `simpleJsonata` found, `null` for a body that is not simple; unset until asked. */
  simple?: SimpleJsonata | null;
  /** Set once parsed; a simple body is parsed only when `parsedJsonata` asks for it. */
  parsed?: ParsedJsonata;
  /** What each `cachedPerBody` function made of the body, by its slot. */
  readonly facts: unknown[];
}

// A run over a large definition meets the same expressions many times, several rules
// read each one, and an editor re-lints the same text on every keystroke; parsing is the
// costly part. One cache holds each body's AST and every fact derived from it.
const MAX_CACHED = 50_000;
const cache = new Map<string, CacheEntry>();
let slots = 0;

/** Forgets every cached parse and every fact derived from one, for a long-lived process such as the language server. */
export function clearJsonataCache(): void {
  cache.clear();
}

function entryOf(body: string): CacheEntry {
  let entry = cache.get(body);
  if (!entry) {
    if (cache.size >= MAX_CACHED) cache.clear();
    entry = { facts: [] };
    cache.set(body, entry);
  }
  return entry;
}

/**
 * Wraps `derive` so that its result for each body is kept in the parse cache, bounded and
 * cleared with the parses. `derive` gets the AST from `parsedJsonata`.
 */
export function cachedPerBody<T>(derive: (body: string) => T): (body: string) => T {
  const slot = slots++;
  return (body) => {
    const { facts } = entryOf(body);
    if (slot in facts) return facts[slot] as T;
    return (facts[slot] = derive(body));
  };
}

/**
 * The AST of a JSONata expression body, parsed by the `jsonata` library (2.0.6, as Step
 * Functions runs it), or why it does not parse. Never throws. `${…}` substitution
 * placeholders are accepted where they are the only reason the expression does not
 * parse. Cached per body; see `prepareJsonata` for many bodies at once.
 */
export function parsedJsonata(body: string): ParsedJsonata {
  const entry = entryOf(body);
  return (entry.parsed ??= parseJsonataAlone(body));
}

/** Expressions parsed per call of the library by `prepareJsonata`. */
const BATCH_SIZE = 100;

/**
 * Parses many expression bodies ahead of `parsedJsonata` and the analyses built on it,
 * which then find them cached. The library rebuilds its parser tables on every call,
 * which costs far more than parsing a typical expression, so the bodies are parsed a
 * hundred at a time as one array `[(e1),(e2),…]`, and a batch is accepted only when it
 * provably holds each body unchanged (see `parseBatch`). A batch that does not parse is
 * split until the bodies at fault are parsed alone. Simple bodies (see `simpleJsonata`)
 * are left out: nothing needs their AST.
 */
export function prepareJsonata(bodies: Iterable<string>): void {
  const pending = new Set<string>();
  for (const body of bodies) {
    if (pending.has(body) || cache.get(body)?.parsed !== undefined || simpleJsonata(body)) continue;
    pending.add(body);
  }
  const list = [...pending];
  for (let i = 0; i < list.length; i += BATCH_SIZE) prepareBatch(list.slice(i, i + BATCH_SIZE));
}

function remember(body: string, parsed: ParsedJsonata): void {
  entryOf(body).parsed = parsed;
}

function prepareBatch(bodies: readonly string[]): void {
  // Inside parentheses `a;` and `a; b` parse, though alone they do not: such bodies go alone.
  const alone = bodies.filter((body) => body.includes(';'));
  const together = alone.length === 0 ? bodies : bodies.filter((body) => !body.includes(';'));
  for (const body of alone) remember(body, parseJsonataAlone(body));
  const stack: (readonly string[])[] = [together];
  while (stack.length > 0) {
    const batch = stack.pop()!;
    if (batch.length === 0) continue;
    if (batch.length === 1) {
      remember(batch[0], parseJsonataAlone(batch[0]));
      continue;
    }
    const parses = parseBatch(batch);
    if (parses) {
      batch.forEach((body, i) => remember(body, parses[i]));
      continue;
    }
    const middle = batch.length >> 1;
    stack.push(batch.slice(middle), batch.slice(0, middle));
  }
}

/**
 * Parses `[(b1),(b2),…]` and returns each body's parse, or undefined unless the array has
 * exactly one element per body, each a block of one expression that opens at the
 * parenthesis put before that body. Then no body ran into its neighbour (a string or
 * comment left open would have swallowed the next parenthesis), each body was read from
 * the start, as alone, and its AST is the one it has alone, its positions shifted by
 * where it starts. The one difference in reading: after `(` the library takes `/` for
 * division, not the start of a regular expression, so a body that starts with one fails
 * the batch and is parsed alone.
 */
function parseBatch(bodies: readonly string[]): ParsedJsonata[] | undefined {
  const starts: number[] = [];
  let text = '[';
  for (const body of bodies) {
    if (starts.length > 0) text += ',';
    text += '(';
    starts.push(text.length);
    text += body + ')';
  }
  text += ']';
  let ast: JsonataNode;
  try {
    ast = jsonata(text).ast() as unknown as JsonataNode;
  } catch {
    return undefined;
  }
  const elements = ast.expressions;
  if (ast.type !== 'unary' || ast.value !== '[' || !Array.isArray(elements) || elements.length !== bodies.length) return undefined;
  const parses: ParsedJsonata[] = [];
  for (let i = 0; i < bodies.length; i++) {
    const element = elements[i] as JsonataNode;
    const inner = element.expressions;
    if (element.type !== 'block' || element.position !== starts[i] || !Array.isArray(inner) || inner.length !== 1) return undefined;
    parses.push({ ast: inner[0] as JsonataNode, offset: starts[i], placeholders: EMPTY });
  }
  return parses;
}

/** @internal The parse of one body by itself, without the cache or a batch. */
export function parseJsonataAlone(body: string): ParsedJsonata {
  const first = parse(body);
  if (!('error' in first)) return { ast: first.ast, offset: 0, placeholders: EMPTY };
  const placeholders = placeholderSpans(body);
  // Nesting deep enough to overflow the stack overflows it again.
  if (first.error !== undefined && placeholders.length > 0) {
    const retry = parse(withoutPlaceholders(body, placeholders));
    if (!('error' in retry)) return { ast: retry.ast, offset: 0, placeholders };
  }
  return { offset: 0, placeholders, syntaxError: first.error };
}

function parse(body: string): { ast: JsonataNode } | { error: JsonataSyntaxError | undefined } {
  try {
    return { ast: jsonata(body).ast() as unknown as JsonataNode };
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
