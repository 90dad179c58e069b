/**
 * A syntax checker for the paths of JSONPath-mode states: `$.a.b`, `$$.Execution.Id`,
 * `$var.field`. Step Functions compiles paths with Jayway JsonPath, so the checker accepts
 * what Jayway accepts (filters, slices, unions, recursive descent, functions such as
 * `length()`) and reports only what cannot compile, plus the limits of reference paths.
 */

/** One problem in a path. `offset` and `length` count UTF-16 units of the path text. */
export interface PathProblem {
  /** What is wrong, as a clause without a final period: `the path ends with "."`. */
  readonly message: string;
  /** What to write instead, as a sentence. */
  readonly hint?: string;
  readonly offset: number;
  readonly length: number;
}

export interface PathCheckOptions {
  /**
   * A reference path (ResultPath): it must name exactly one node, so only `.name`,
   * `['name']` and `[index]` steps are allowed, and it cannot start at a variable or at
   * the context object. Default false.
   */
  readonly reference?: boolean;
}

const REFERENCE_HINT = 'A reference path names one node: use only ".name", "[\'name\']" and "[index]" steps, as in "$.result" or "$.items[0].result".';

const isSpace = (c: string): boolean => c === ' ' || c === '\t' || c === '\n' || c === '\r';
const isDigit = (c: string): boolean => c >= '0' && c <= '9';
const variableStart = /[\p{L}_]/u;
const variablePart = /[\p{L}\p{N}_]/u;

/**
 * Checks the syntax of a path and returns its first problem, or undefined when Step
 * Functions can compile it. Surrounding whitespace is ignored, as Jayway trims it.
 */
export function checkJsonPath(text: string, options: PathCheckOptions = {}): PathProblem | undefined {
  const reference = options.reference === true;
  // Nearly every path of a definition is a plain chain of names; one native match
  // confirms those, and the scanner runs for the rest.
  if ((reference ? PLAIN_REFERENCE : PLAIN_PATH).test(text)) return undefined;
  return new PathScanner(text, reference).check();
}

/**
 * Paths the scanner accepts without looking further: `$`, `$$` or `$name`, then `.name`
 * steps of letters, digits, `_` and `-`. A reference path starts at `$` only.
 */
const PLAIN_PATH = /^\$(?:\$|[A-Za-z_]\w*)?(?:\.[\w-]+)*$/;
const PLAIN_REFERENCE = /^\$(?:\.[\w-]+)*$/;

/** Where each kind of step appears, for reference-path messages. */
type Step = 'wildcard' | 'descent' | 'filter' | 'script' | 'slice' | 'union' | 'function';

const stepNames: Record<Step, string> = {
  wildcard: 'a wildcard',
  descent: 'recursive descent',
  filter: 'a filter',
  script: 'an expression',
  slice: 'a slice',
  union: 'a list of several names or indexes',
  function: 'a function call',
};

class PathScanner {
  private pos: number;
  private readonly end: number;

  constructor(
    private readonly text: string,
    private readonly reference: boolean,
  ) {
    let start = 0;
    let end = text.length;
    while (start < end && isSpace(text[start])) start++;
    while (end > start && isSpace(text[end - 1])) end--;
    this.pos = start;
    this.end = end;
  }

  check(): PathProblem | undefined {
    const { text } = this;
    if (this.pos >= this.end) {
      return problem('the path is empty', 'Write a path such as "$.value", or "$" for the whole input.', 0, text.length);
    }
    if (text[this.pos] !== '$') return this.notAPath();
    const rootStart = this.pos;
    this.pos++;
    if (this.pos < this.end && text[this.pos] === '$') {
      this.pos++;
      if (this.reference) {
        return problem(
          'a reference path cannot write to the context object "$$"',
          'Write a path into the state\'s output, such as "$.result".',
          rootStart,
          2,
        );
      }
    } else if (this.pos < this.end && variableStart.test(text[this.pos])) {
      const nameStart = this.pos;
      while (this.pos < this.end && variablePart.test(text[this.pos])) this.pos++;
      if (this.reference) {
        const name = clip(text.slice(nameStart, this.pos));
        return problem(
          `a reference path cannot name the variable "$${name}"`,
          `To keep the result in a variable use Assign; to place it in the output write "$.${name}".`,
          rootStart,
          this.pos - rootStart,
        );
      }
    }
    if (this.pos < this.end && isSpace(text[this.pos])) return this.unexpected(this.pos);
    if (this.pos < this.end && text[this.pos] !== '.' && text[this.pos] !== '[') {
      const what = text.slice(rootStart, this.pos);
      const rest = clip(text.slice(this.pos, this.end));
      const hint =
        what === '$'
          ? `Write "$.${rest}" to read a field of the input; a variable name starts with a letter or "_".`
          : what === '$$'
            ? `Write "$$.${rest}" to read a field of the context object.`
            : `Write "${what}.${rest}" to read a field of the variable.`;
      return problem(`"${what}" must be followed by "." or "[", not "${text[this.pos]}"`, hint, this.pos, 1);
    }
    return this.steps();
  }

  /** The text does not start with `$`: say what it looks like and what to write. */
  private notAPath(): PathProblem {
    const body = this.text.slice(this.pos, this.end);
    const shown = preview(body);
    if (/^[A-Za-z_][\w.]*\s*\(/.test(body)) {
      return problem(
        `${shown} is a function call, not a path that starts with "$"`,
        'Intrinsic functions are evaluated only in fields whose name ends in ".$" (Parameters, ResultSelector, ItemSelector, Assign, Credentials) and in a Fail state\'s ErrorPath and CausePath; here write a path such as "$.value".',
        this.pos,
        body.length,
      );
    }
    if (body.startsWith('@')) {
      return problem(
        `${shown} starts with "@", which names the current item only inside a filter "[?(…)]"`,
        `Write "$${clip(body.slice(1))}" to read from the input.`,
        this.pos,
        1,
      );
    }
    if (body.startsWith('.') || body.startsWith('[')) {
      return problem(`${shown} does not start with "$"`, `Write "$${clip(body)}".`, this.pos, 1);
    }
    if (/^[\p{L}_][\p{L}\p{N}_-]*$/u.test(body)) {
      return problem(`${shown} does not start with "$"`, `Write "$.${clip(body)}" to read the field "${clip(body)}" of the input.`, this.pos, body.length);
    }
    if (/^[\p{L}_][\p{L}\p{N}_-]*(\.[\p{L}_][\p{L}\p{N}_-]*)+$/u.test(body)) {
      return problem(`${shown} does not start with "$"`, `Write "$.${clip(body)}" to read that field of the input.`, this.pos, body.length);
    }
    return problem(`${shown} does not start with "$"`, 'Write a path such as "$.value", or "$" for the whole input.', this.pos, body.length);
  }

  private notInReference(step: Step, at: number, length: number): PathProblem | undefined {
    if (!this.reference) return undefined;
    return problem(`a reference path cannot use ${stepNames[step]} ("${clip(this.text.slice(at, at + length))}")`, REFERENCE_HINT, at, length);
  }

  private steps(): PathProblem | undefined {
    const { text } = this;
    while (this.pos < this.end) {
      const c = text[this.pos];
      if (c === '[') {
        const found = this.bracket();
        if (found) return found;
      } else if (c === '.') {
        const found = this.dot();
        if (found) return found;
      } else if (c === ']' || c === ')' || isSpace(c)) {
        return this.unexpected(this.pos);
      } else if (c === '*') {
        // Jayway reads a step right after "]" as if a "." preceded it: "$.a[0]*", "$.a[0]b".
        const refused = this.notInReference('wildcard', this.pos, 1);
        if (refused) return refused;
        this.pos++;
      } else {
        const found = this.name();
        if (found) return found;
      }
    }
    return undefined;
  }

  /** A closing bracket without its opener, or a space outside brackets and quotes. */
  private unexpected(at: number): PathProblem {
    const c = this.text[at];
    if (c === ']' || c === ')') {
      return problem(`"${c}" at position ${at + 1} has no matching opening bracket`, `Remove it, or add the missing "${c === ']' ? '[' : '('}".`, at, 1);
    }
    return problem(
      `there is a space at position ${at + 1}, outside brackets and quotes`,
      'Remove the space, or put a name that contains spaces in brackets and quotes, as in "$[\'first name\']".',
      at,
      1,
    );
  }

  /** `.name`, `.*`, `..name`, `.name(args)`, `.[…]`. */
  private dot(): PathProblem | undefined {
    const { text } = this;
    const dotStart = this.pos;
    let descent = false;
    if (text[this.pos + 1] === '.') {
      descent = true;
      const refused = this.notInReference('descent', this.pos, 2);
      if (refused) return refused;
      this.pos += 2;
    } else {
      this.pos += 1;
    }
    if (this.pos >= this.end) {
      const dots = descent ? '..' : '.';
      return problem(`the path ends with "${dots}"`, `Remove the trailing "${dots}", or add a field name after it.`, dotStart, this.pos - dotStart);
    }
    const c = text[this.pos];
    if (c === '.') {
      return problem(`"${text.slice(dotStart, this.pos + 1)}" has an empty step`, 'Remove the extra ".".', dotStart, this.pos + 1 - dotStart);
    }
    if (c === '[') return undefined;
    if (c === '*') {
      const refused = this.notInReference('wildcard', this.pos, 1);
      if (refused) return refused;
      this.pos++;
      return undefined;
    }
    if (isSpace(c)) {
      return problem(`there is a space after "${descent ? '..' : '.'}" at position ${this.pos + 1}`, 'Remove the space.', this.pos, 1);
    }
    return this.name();
  }

  /** A field name after a dot: everything up to `.`, `[` or `(`; a backslash escapes one character. */
  private name(): PathProblem | undefined {
    const { text } = this;
    const start = this.pos;
    while (this.pos < this.end) {
      const c = text[this.pos];
      if (c === '\\' && this.pos + 1 < this.end) {
        this.pos += 2;
        continue;
      }
      if (c === '.' || c === '[') return undefined;
      if (c === '(') return this.call(start);
      if (c === ']' || c === ')') return this.unexpected(this.pos);
      if (isSpace(c)) {
        let nameEnd = this.pos;
        while (nameEnd < this.end && text[nameEnd] !== '.' && text[nameEnd] !== '[') nameEnd++;
        const raw = text.slice(start, nameEnd);
        // Spaces only before the next step ("$.a .b"): a stray space, not a name with spaces.
        if (!/\s/.test(raw.trim())) return this.unexpected(this.pos);
        const name = clip(raw);
        return problem(
          `the field name "${name}" contains a space`,
          `Put it in brackets and quotes: "['${name.replace(/'/g, "\\'")}']".`,
          this.pos,
          1,
        );
      }
      this.pos++;
    }
    return undefined;
  }

  /** A function step such as `.length()` or `.concat('x')`; it must close. */
  private call(nameStart: number): PathProblem | undefined {
    const open = this.pos;
    const close = this.balanced(open, ')');
    if (typeof close !== 'number') return close;
    const refused = this.notInReference('function', nameStart, close + 1 - nameStart);
    if (refused) return refused;
    this.pos = close + 1;
    return undefined;
  }

  /**
   * Finds the bracket that closes the one at `open`, skipping quoted text and nested
   * brackets. Returns its offset, or a problem when it is missing.
   */
  private balanced(open: number, closer: ')' | ']'): number | PathProblem {
    const { text } = this;
    const stack: string[] = [closer];
    let i = open + 1;
    while (i < this.end) {
      const c = text[i];
      if (c === "'" || c === '"') {
        const quoteEnd = this.quoteEnd(i);
        if (quoteEnd === undefined) {
          return problem(`the quote ${c} at position ${i + 1} is never closed`, `Add the closing ${c}.`, i, this.end - i);
        }
        i = quoteEnd + 1;
        continue;
      }
      if (c === '(') stack.push(')');
      else if (c === '[') stack.push(']');
      else if (c === ')' || c === ']') {
        if (stack[stack.length - 1] !== c) {
          return problem(`"${c}" at position ${i + 1} does not match the "${stack[stack.length - 1] === ')' ? '(' : '['}" before it`, `Close with "${stack[stack.length - 1]}".`, i, 1);
        }
        stack.pop();
        if (stack.length === 0) return i;
      }
      i++;
    }
    const opener = text[open];
    return problem(`"${opener}" at position ${open + 1} is never closed`, `Add the closing "${closer}".`, open, this.end - open);
  }

  /** The offset of the quote that closes the one at `open`, or undefined. */
  private quoteEnd(open: number): number | undefined {
    const { text } = this;
    const quote = text[open];
    for (let i = open + 1; i < this.end; i++) {
      if (text[i] === '\\') i++;
      else if (text[i] === quote) return i;
    }
    return undefined;
  }

  /** `['a']`, `['a','b']`, `[0]`, `[0,1]`, `[1:2]`, `[*]`, `[?(…)]`, `[(…)]`. */
  private bracket(): PathProblem | undefined {
    const { text } = this;
    const open = this.pos;
    let i = open + 1;
    while (i < this.end && isSpace(text[i])) i++;
    if (i >= this.end) return problem(`"[" at position ${open + 1} is never closed`, 'Add the closing "]".', open, this.end - open);
    const c = text[i];
    if (c === '?' || c === '(') {
      const step: Step = c === '?' ? 'filter' : 'script';
      let parenAt = i;
      if (c === '?') {
        parenAt = i + 1;
        while (parenAt < this.end && isSpace(text[parenAt])) parenAt++;
        if (text[parenAt] !== '(') {
          return problem(`the filter at position ${open + 1} must be written "[?(…)]"`, 'Put the condition in parentheses, as in "[?(@.price < 10)]".', open, Math.max(1, parenAt - open));
        }
      }
      const close = this.balanced(parenAt, ')');
      if (typeof close !== 'number') return close;
      let j = close + 1;
      while (j < this.end && isSpace(text[j])) j++;
      if (text[j] !== ']') {
        if (j >= this.end) return problem(`"[" at position ${open + 1} is never closed`, 'Add the closing "]".', open, this.end - open);
        return problem(`"${text[j]}" at position ${j + 1} must be "]", closing the "[" at position ${open + 1}`, 'Close the bracket right after the ")".', j, 1);
      }
      const refused = this.notInReference(step, open, j + 1 - open);
      if (refused) return refused;
      this.pos = j + 1;
      return undefined;
    }
    if (c === "'" || c === '"') return this.quotedNames(open, i);
    const close = this.balanced(open, ']');
    if (typeof close !== 'number') return close;
    const inside = text.slice(open + 1, close).trim();
    const length = close + 1 - open;
    if (inside === '*') {
      const refused = this.notInReference('wildcard', open, length);
      if (refused) return refused;
    } else if (/^-?\d+$/.test(inside)) {
      // A single index; negative ones count from the end.
    } else if (/^-?\d+(\s*,\s*-?\d+)+$/.test(inside)) {
      const refused = this.notInReference('union', open, length);
      if (refused) return refused;
    } else if (/^(-?\d+)?\s*:\s*(-?\d+)?(\s*:\s*(-?\d+)?)?$/.test(inside)) {
      const refused = this.notInReference('slice', open, length);
      if (refused) return refused;
    } else {
      const shown = clip(text.slice(open, close + 1));
      const bare = /^[\p{L}_][\p{L}\p{N}_ -]*$/u.test(inside);
      return problem(
        `"${shown}" is not a valid bracket step`,
        bare
          ? `Quote the name: "['${clip(inside)}']". Inside brackets write a quoted name, an index such as [0], a slice such as [0:2], "*" or a filter "[?(…)]".`
          : 'Inside brackets write a quoted name such as [\'name\'], an index such as [0], a slice such as [0:2], "*" or a filter "[?(…)]".',
        open,
        length,
      );
    }
    this.pos = close + 1;
    return undefined;
  }

  /** `['a']` or `['a', "b"]`, starting at the first quote. */
  private quotedNames(open: number, first: number): PathProblem | undefined {
    const { text } = this;
    let i = first;
    let count = 0;
    for (;;) {
      const quote = text[i];
      const quoteEnd = this.quoteEnd(i);
      if (quoteEnd === undefined) {
        return problem(`the quote ${quote} at position ${i + 1} is never closed`, `Add the closing ${quote}, then "]".`, i, this.end - i);
      }
      count++;
      i = quoteEnd + 1;
      while (i < this.end && isSpace(text[i])) i++;
      if (i >= this.end) return problem(`"[" at position ${open + 1} is never closed`, 'Add the closing "]".', open, this.end - open);
      if (text[i] === ']') break;
      if (text[i] !== ',') {
        return problem(`"${text[i]}" at position ${i + 1} must be "]" or ","`, 'Close the bracket after the quoted name, as in "[\'name\']".', i, 1);
      }
      i++;
      while (i < this.end && isSpace(text[i])) i++;
      if (text[i] !== "'" && text[i] !== '"') {
        return problem(`a quoted name must follow the "," at position ${i}`, 'List names as "[\'a\',\'b\']".', Math.min(i, this.end), 1);
      }
    }
    if (count > 1) {
      const refused = this.notInReference('union', open, i + 1 - open);
      if (refused) return refused;
    }
    this.pos = i + 1;
    return undefined;
  }
}

function problem(message: string, hint: string | undefined, offset: number, length: number): PathProblem {
  return { message, hint, offset, length: Math.max(0, length) };
}

/** A fragment of the path short enough for a message. */
function clip(text: string, max = 60): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** A short, quoted rendering of a value for messages. */
function preview(text: string): string {
  return JSON.stringify(clip(text.slice(0, 200).replace(/\s+/g, ' ')));
}
