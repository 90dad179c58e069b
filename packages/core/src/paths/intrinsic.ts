/**
 * A parser for the intrinsic functions of JSONPath-mode states, such as
 * `States.Format('Hello {}', $.name)`, and the checks that hold whatever the input is:
 * known names, argument counts, literal arguments that can never work, nesting depth.
 */
import { editDistance } from '../text/edit-distance.js';
import { checkJsonPath } from './jsonpath.js';

/** A literal, a path, or a nested call. Offsets count UTF-16 units of the parsed text. */
export type IntrinsicArgument =
  | { readonly kind: 'string'; readonly value: string; readonly start: number; readonly end: number }
  | { readonly kind: 'number'; readonly value: number; readonly start: number; readonly end: number }
  | { readonly kind: 'boolean'; readonly value: boolean; readonly start: number; readonly end: number }
  | { readonly kind: 'null'; readonly start: number; readonly end: number }
  /** A JSONPath (`$.a`), context path (`$$.Execution.Id`) or variable (`$order.id`). */
  | { readonly kind: 'path'; readonly text: string; readonly start: number; readonly end: number }
  | IntrinsicCall;

export interface IntrinsicCall {
  readonly kind: 'call';
  /** The name as written, for example `States.Format`. */
  readonly name: string;
  readonly nameStart: number;
  readonly args: readonly IntrinsicArgument[];
  readonly start: number;
  readonly end: number;
  /** 1 for the outermost call. */
  readonly depth: number;
}

export interface IntrinsicProblem {
  /** A sentence or two: what is wrong and what to write. */
  readonly message: string;
  readonly start: number;
  readonly end: number;
}

export interface IntrinsicParse {
  /** The outermost call; undefined when the text is not even the start of one. */
  readonly call?: IntrinsicCall;
  /** Syntax problems; parsing stops at the first. */
  readonly problems: readonly IntrinsicProblem[];
}

export interface IntrinsicFunction {
  readonly name: string;
  readonly minArgs: number;
  /** Undefined for no upper bound. */
  readonly maxArgs?: number;
  /** What the function returns when it succeeds. */
  readonly returns: 'string' | 'number' | 'boolean' | 'array' | 'object' | 'any';
}

const fn = (name: string, minArgs: number, maxArgs: number | undefined, returns: IntrinsicFunction['returns']): IntrinsicFunction => ({
  name: `States.${name}`,
  minArgs,
  maxArgs,
  returns,
});

/** The intrinsic functions of Step Functions, by full name. */
export const INTRINSIC_FUNCTIONS: ReadonlyMap<string, IntrinsicFunction> = new Map(
  [
    fn('Format', 1, undefined, 'string'),
    fn('StringToJson', 1, 1, 'any'),
    fn('JsonToString', 1, 1, 'string'),
    fn('Array', 0, undefined, 'array'),
    fn('ArrayPartition', 2, 2, 'array'),
    fn('ArrayContains', 2, 2, 'boolean'),
    fn('ArrayRange', 3, 3, 'array'),
    fn('ArrayGetItem', 2, 2, 'any'),
    fn('ArrayLength', 1, 1, 'number'),
    fn('ArrayUnique', 1, 1, 'array'),
    fn('Base64Encode', 1, 1, 'string'),
    fn('Base64Decode', 1, 1, 'string'),
    fn('Hash', 2, 2, 'string'),
    fn('JsonMerge', 3, 3, 'object'),
    fn('MathRandom', 2, 3, 'number'),
    fn('MathAdd', 2, 2, 'number'),
    fn('StringSplit', 2, 2, 'array'),
    fn('UUID', 0, 0, 'string'),
  ].map((f) => [f.name, f]),
);

/**
 * The functions that a Fail state's ErrorPath and CausePath accept, as the developer guide
 * lists them (ArrayGetItem is allowed because the item may be a string).
 */
export const STRING_INTRINSICS: ReadonlySet<string> = new Set([
  'States.Format',
  'States.JsonToString',
  'States.ArrayGetItem',
  'States.Base64Encode',
  'States.Base64Decode',
  'States.Hash',
  'States.UUID',
]);

export const HASH_ALGORITHMS: readonly string[] = ['MD5', 'SHA-1', 'SHA-256', 'SHA-384', 'SHA-512'];

/** Step Functions evaluates at most this many nested calls in one field. */
export const MAX_INTRINSIC_DEPTH = 10;

/** A fragment of the text short enough for a message. */
const clip = (text: string, max = 60): string => (text.length <= max ? text : `${text.slice(0, max - 1)}…`);

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';

/**
 * True when the text is meant as a function call rather than a path: it starts with a
 * name followed by `(`, as in `States.Format(…)` or a misspelled `Format(…)`, or with
 * `States.`. Surrounding whitespace is ignored.
 */
export function isIntrinsicCall(text: string): boolean {
  return /^\s*(?:[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z0-9_]*)*\s*\(|States\s*\.)/i.test(text);
}

/** Parses an intrinsic function call. Never throws; stops at the first syntax problem. */
export function parseIntrinsic(text: string): IntrinsicParse {
  return new IntrinsicParser(text).parse();
}

export interface IntrinsicCheckOptions {
  /** Only functions that return a string are allowed (a Fail state's ErrorPath and CausePath). */
  readonly stringOnly?: boolean;
}

/**
 * Parses an intrinsic function call and checks it: syntax, function names, argument
 * counts, the paths among its arguments, and literal arguments that cannot work.
 */
export function checkIntrinsic(text: string, options: IntrinsicCheckOptions = {}): IntrinsicProblem[] {
  const parsed = parseIntrinsic(text);
  if (parsed.problems.length > 0 || !parsed.call) return [...parsed.problems];
  const problems: IntrinsicProblem[] = [];
  const outer = parsed.call;
  const outerFunction = INTRINSIC_FUNCTIONS.get(outer.name);
  if (options.stringOnly && outerFunction && !STRING_INTRINSICS.has(outer.name)) {
    problems.push({
      message:
        `${outer.name} cannot give an error name or cause: these must be strings, and it returns ${article(outerFunction.returns)}. ` +
        `Use one of ${[...STRING_INTRINSICS].join(', ')}; for example States.JsonToString(…) turns a value into text.`,
      start: outer.start,
      end: outer.end,
    });
  }
  const stack: IntrinsicCall[] = [outer];
  while (stack.length > 0) {
    const call = stack.pop()!;
    checkCall(call, problems);
    for (let i = call.args.length - 1; i >= 0; i--) {
      const arg = call.args[i];
      if (arg.kind === 'call') stack.push(arg);
    }
  }
  problems.sort((a, b) => a.start - b.start);
  return problems;
}

function article(returns: IntrinsicFunction['returns']): string {
  return returns === 'array' || returns === 'object' ? `an ${returns}` : returns === 'any' ? 'whatever JSON value the text holds' : `a ${returns}`;
}

function checkCall(call: IntrinsicCall, problems: IntrinsicProblem[]): void {
  const known = INTRINSIC_FUNCTIONS.get(call.name);
  if (!known) {
    const suggestion = suggestFunction(call.name);
    problems.push({
      message: suggestion
        ? `"${call.name}" is not an intrinsic function. Did you mean ${suggestion}?`
        : `"${call.name}" is not an intrinsic function. The functions are ${[...INTRINSIC_FUNCTIONS.keys()].join(', ')}.`,
      start: call.nameStart,
      end: call.nameStart + call.name.length,
    });
  } else {
    checkArity(call, known, problems);
    checkLiterals(call, problems);
  }
  call.args.forEach((arg, index) => {
    if (arg.kind !== 'path') return;
    const found = checkJsonPath(arg.text);
    if (!found) return;
    problems.push({
      message: `Argument ${index + 1} of ${call.name}, ${JSON.stringify(clip(arg.text))}, is not a valid path: ${found.message}.${found.hint ? ` ${found.hint}` : ''}`,
      start: arg.start + found.offset,
      end: arg.start + found.offset + found.length,
    });
  });
}

const plural = (n: number, noun: string): string => `${n} ${noun}${n === 1 ? '' : 's'}`;

function checkArity(call: IntrinsicCall, known: IntrinsicFunction, problems: IntrinsicProblem[]): void {
  const count = call.args.length;
  const template = call.args[0];
  if (known.name === 'States.Format' && template?.kind === 'string') {
    const placeholders = countPlaceholders(template.value);
    if (count !== placeholders + 1) {
      problems.push({
        message:
          `States.Format has ${plural(placeholders, 'placeholder')} "{}" in its template but ${plural(count - 1, 'value')} after it. ` +
          'Pass one value per "{}"; write a literal brace as \\{ (in a JSON string, "\\\\{").',
        start: call.start,
        end: call.end,
      });
    }
    return;
  }
  const { minArgs, maxArgs } = known;
  if (count >= minArgs && (maxArgs === undefined || count <= maxArgs)) return;
  const expected =
    maxArgs === undefined ? `at least ${plural(minArgs, 'argument')}` : minArgs === maxArgs ? plural(minArgs, 'argument') : `${minArgs} to ${maxArgs} arguments`;
  problems.push({
    message: `${call.name} takes ${expected}, but ${count === 0 ? 'none is' : `${count} ${count === 1 ? 'is' : 'are'}`} given. ${USAGE[known.name] ?? ''}`.trim(),
    start: call.start,
    end: call.end,
  });
}

const USAGE: Readonly<Record<string, string>> = {
  'States.Format': "Write States.Format('Hello {}', $.name).",
  'States.StringToJson': 'Write States.StringToJson($.text).',
  'States.JsonToString': 'Write States.JsonToString($.value).',
  'States.ArrayPartition': 'Write States.ArrayPartition($.array, 4).',
  'States.ArrayContains': 'Write States.ArrayContains($.array, $.value).',
  'States.ArrayRange': 'Write States.ArrayRange(start, end, step), as in States.ArrayRange(1, 9, 2).',
  'States.ArrayGetItem': 'Write States.ArrayGetItem($.array, 0).',
  'States.ArrayLength': 'Write States.ArrayLength($.array).',
  'States.ArrayUnique': 'Write States.ArrayUnique($.array).',
  'States.Base64Encode': 'Write States.Base64Encode($.text).',
  'States.Base64Decode': 'Write States.Base64Decode($.base64).',
  'States.Hash': "Write States.Hash($.value, 'SHA-256').",
  'States.JsonMerge': 'Write States.JsonMerge($.a, $.b, false).',
  'States.MathRandom': 'Write States.MathRandom(start, end) or States.MathRandom(start, end, seed).',
  'States.MathAdd': 'Write States.MathAdd($.value, 1).',
  'States.StringSplit': "Write States.StringSplit($.text, ',').",
  'States.UUID': 'Write States.UUID().',
};

/** Counts the `{}` of a States.Format template; a backslash escapes the next character. */
export function countPlaceholders(template: string): number {
  let count = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '\\') i++;
    else if (c === '{' && template[i + 1] === '}') {
      count++;
      i++;
    }
  }
  return count;
}

function checkLiterals(call: IntrinsicCall, problems: IntrinsicProblem[]): void {
  const [, second, third] = call.args;
  switch (call.name) {
    case 'States.Hash': {
      if (second?.kind === 'string' && !HASH_ALGORITHMS.includes(second.value)) {
        const normalized = second.value.toUpperCase().replace(/[^A-Z0-9]/g, '');
        const match = HASH_ALGORITHMS.find((a) => a.replace('-', '') === normalized);
        problems.push({
          message:
            `States.Hash does not know the algorithm '${clip(second.value)}'.` +
            (match ? ` Did you mean '${match}'?` : ` Use one of ${HASH_ALGORITHMS.map((a) => `'${a}'`).join(', ')}.`),
          start: second.start,
          end: second.end,
        });
      } else if (second && second.kind !== 'string' && second.kind !== 'path' && second.kind !== 'call') {
        problems.push({
          message: `The algorithm of States.Hash must be a string such as 'SHA-256', not ${describe(second)}.`,
          start: second.start,
          end: second.end,
        });
      }
      break;
    }
    case 'States.JsonMerge': {
      if (third && third.kind !== 'path' && third.kind !== 'call' && !(third.kind === 'boolean' && third.value === false)) {
        problems.push({
          message:
            third.kind === 'boolean'
              ? 'States.JsonMerge does not support a deep merge: its third argument must be false (a shallow merge).'
              : `The third argument of States.JsonMerge must be false (a shallow merge), not ${describe(third)}.`,
          start: third.start,
          end: third.end,
        });
      }
      break;
    }
    case 'States.ArrayRange': {
      if (third?.kind === 'number' && third.value === 0) {
        problems.push({ message: 'The step of States.ArrayRange must not be 0: the range would never end. Use 1, or -1 to count down.', start: third.start, end: third.end });
      }
      break;
    }
    case 'States.ArrayPartition': {
      if (second?.kind === 'number' && second.value <= 0) {
        problems.push({ message: `The chunk size of States.ArrayPartition must be greater than 0, not ${second.value}.`, start: second.start, end: second.end });
      }
      break;
    }
    default:
      break;
  }
}

function describe(arg: IntrinsicArgument): string {
  switch (arg.kind) {
    case 'string':
      return `the string '${clip(arg.value)}'`;
    case 'number':
      return `the number ${arg.value}`;
    case 'boolean':
      return String(arg.value);
    case 'null':
      return 'null';
    case 'path':
      return `the path ${clip(arg.text)}`;
    case 'call':
      return `a call of ${arg.name}`;
  }
}

/** A known function whose name is close to the one written, or undefined. */
export function suggestFunction(written: string): string | undefined {
  const bare = written.replace(/^\s*states\s*\.?\s*/i, '').toLowerCase();
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const name of INTRINSIC_FUNCTIONS.keys()) {
    const short = name.slice('States.'.length).toLowerCase();
    const distance = short === bare ? 0 : editDistance(short, bare);
    if (distance < bestDistance) {
      bestDistance = distance;
      best = name;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(1, Math.min(3, Math.floor(bare.length / 3)));
  return bestDistance <= limit ? best : undefined;
}


class Failure {
  constructor(readonly problem: IntrinsicProblem) {}
}

class IntrinsicParser {
  private pos = 0;

  constructor(private readonly text: string) {}

  parse(): IntrinsicParse {
    try {
      this.skipSpace();
      const call = this.call(1);
      this.skipSpace();
      if (this.pos < this.text.length) {
        this.fail(
          `Unexpected ${JSON.stringify(this.text.slice(this.pos, this.pos + 20))} after the closing ")" of ${call.name}: the field must hold exactly one call.`,
          this.pos,
          this.text.length,
        );
      }
      return { call, problems: [] };
    } catch (error) {
      if (error instanceof Failure) return { problems: [error.problem] };
      throw error;
    }
  }

  private fail(message: string, start: number, end = start + 1): never {
    throw new Failure({ message, start, end: Math.max(end, start) });
  }

  private skipSpace(): void {
    while (isSpace(this.text[this.pos])) this.pos++;
  }

  /** `Name.Name(args)`; the name is checked later, so that misspelled calls still parse. */
  private call(depth: number): IntrinsicCall {
    const { text } = this;
    const start = this.pos;
    const nameMatch = /^[A-Za-z_][A-Za-z0-9_]*(?:\s*\.\s*[A-Za-z0-9_]*)*/.exec(text.slice(start, start + 200));
    if (!nameMatch) {
      this.fail(`Expected an intrinsic function such as States.Format(…), not ${JSON.stringify(text.slice(start, start + 20))}.`, start, start + 1);
    }
    const written = nameMatch[0];
    // Step Functions skips whitespace between the tokens of a name, as in "States . Format".
    const name = written.replace(/\s+/g, '');
    this.pos += written.length;
    if (name.endsWith('.') || name.toLowerCase() === 'states') {
      const after = /^\s*([A-Za-z0-9_]*)/.exec(text.slice(this.pos, this.pos + 40))?.[1] ?? '';
      const suggestion = suggestFunction(after);
      this.fail(
        `${JSON.stringify(text.slice(start, this.pos).trim())} does not name a function.${suggestion ? ` Did you mean ${suggestion}(…)?` : ' Write a function such as States.Format(…).'}`,
        start,
        this.pos,
      );
    }
    this.skipSpace();
    if (text[this.pos] !== '(') {
      this.fail(`${name} must be followed by "(": write ${name}(…) with its arguments in parentheses.`, start, Math.max(this.pos, start + name.length));
    }
    if (depth > MAX_INTRINSIC_DEPTH) {
      this.fail(`Intrinsic functions are nested more than ${MAX_INTRINSIC_DEPTH} deep here; Step Functions allows at most ${MAX_INTRINSIC_DEPTH}. Split the work over two states.`, start, this.pos);
    }
    const open = this.pos;
    this.pos++;
    const args: IntrinsicArgument[] = [];
    this.skipSpace();
    if (text[this.pos] === ')') {
      this.pos++;
      return { kind: 'call', name, nameStart: start, args, start, end: this.pos, depth };
    }
    for (;;) {
      this.skipSpace();
      if (this.pos >= text.length) this.fail(`The "(" of ${name} is never closed: add ")".`, open, text.length);
      if (text[this.pos] === ',' || text[this.pos] === ')') {
        this.fail(`Argument ${args.length + 1} of ${name} is empty: remove the extra "," or write a value.`, this.pos);
      }
      args.push(this.argument(name, args.length + 1, depth));
      this.skipSpace();
      const c = text[this.pos];
      if (c === ',') {
        this.pos++;
        continue;
      }
      if (c === ')') {
        this.pos++;
        return { kind: 'call', name, nameStart: start, args, start, end: this.pos, depth };
      }
      if (c === undefined) this.fail(`The "(" of ${name} is never closed: add ")".`, open, text.length);
      this.fail(`Expected "," or ")" after argument ${args.length} of ${name}, not ${JSON.stringify(c)}.`, this.pos);
    }
  }

  private argument(name: string, index: number, depth: number): IntrinsicArgument {
    const { text } = this;
    const start = this.pos;
    const c = text[start];
    if (c === "'") return this.stringLiteral(name, index);
    if (c === '"') {
      this.fail(`Argument ${index} of ${name} uses double quotes: string literals of intrinsic functions use single quotes, as in 'text'.`, start);
    }
    if (c === '$') return this.path();
    if (c === '-' || (c >= '0' && c <= '9')) {
      const match = /^-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(start, start + 400));
      if (!match) this.fail(`Argument ${index} of ${name} is not a number: write digits after "-".`, start);
      this.pos += match[0].length;
      this.expectEndOfArgument(name, index, start);
      return { kind: 'number', value: Number(match[0]), start, end: this.pos };
    }
    const word = /^[A-Za-z_][A-Za-z0-9_]*/.exec(text.slice(start, start + 200))?.[0];
    if (word !== undefined) {
      let after = start + word.length;
      while (isSpace(text[after])) after++;
      if (text[after] === '.' || text[after] === '(') return this.call(depth + 1);
      if (word === 'true' || word === 'false') {
        this.pos = start + word.length;
        return { kind: 'boolean', value: word === 'true', start, end: this.pos };
      }
      if (word === 'null') {
        this.pos = start + word.length;
        return { kind: 'null', start, end: this.pos };
      }
      let end = start;
      while (end < text.length && text[end] !== ',' && text[end] !== ')') end++;
      const raw = clip(text.slice(start, end).trim());
      this.fail(
        `Argument ${index} of ${name}, ${raw}, is not a value: quote text with single quotes ('${raw}'), or start a path with "$".`,
        start,
        start + raw.length,
      );
    }
    this.fail(`Argument ${index} of ${name} cannot start with ${JSON.stringify(c)}: write a string in single quotes, a number, true, false, null, a path that starts with "$" or another States function.`, start);
  }

  private expectEndOfArgument(name: string, index: number, start: number): void {
    let i = this.pos;
    while (isSpace(this.text[i])) i++;
    const c = this.text[i];
    if (c !== ',' && c !== ')' && c !== undefined) {
      this.fail(`Argument ${index} of ${name} has unexpected text after ${JSON.stringify(clip(this.text.slice(start, this.pos)))}: separate arguments with ",".`, this.pos);
    }
  }

  /** `'…'`; a backslash escapes the next character (`\'`, `\{`, `\}`, `\\`). */
  private stringLiteral(name: string, index: number): IntrinsicArgument {
    const { text } = this;
    const start = this.pos;
    let value = '';
    let i = start + 1;
    for (;;) {
      if (i >= text.length) {
        this.fail(`The string that starts argument ${index} of ${name} is never closed: add "'". Write a quote inside it as "\\\\'".`, start, text.length);
      }
      const c = text[i];
      if (c === '\\' && i + 1 < text.length) {
        // Keep the escape: States.Format reads "\{" as a literal brace, not a placeholder.
        value += c + text[i + 1];
        i += 2;
        continue;
      }
      if (c === "'") break;
      value += c;
      i++;
    }
    this.pos = i + 1;
    this.expectEndOfArgument(name, index, start);
    return { kind: 'string', value, start, end: this.pos };
  }

  /** A path runs to the next ",", ")" or space outside brackets, parentheses and quotes. */
  private path(): IntrinsicArgument {
    const { text } = this;
    const start = this.pos;
    const closers: string[] = [];
    let i = start;
    while (i < text.length) {
      const c = text[i];
      if (c === '\\') {
        i += 2;
        continue;
      }
      if ((c === "'" || c === '"') && closers.length > 0) {
        let j = i + 1;
        while (j < text.length && text[j] !== c) j += text[j] === '\\' ? 2 : 1;
        i = j + 1;
        continue;
      }
      if (c === '[') closers.push(']');
      else if (c === '(') closers.push(')');
      else if (c === ']' || c === ')') {
        // An unmatched closer ends the path; the path checker then says what is open.
        if (closers[closers.length - 1] !== c) break;
        closers.pop();
      } else if ((c === ',' || isSpace(c)) && closers.length === 0) break;
      i++;
    }
    const end = Math.min(i, text.length);
    this.pos = end;
    return { kind: 'path', text: text.slice(start, end), start, end };
  }
}
