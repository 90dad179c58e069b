/** Characters that make a command-line argument a glob rather than a path. */
const GLOB_CHARS = /[*?[\]{}]/;

export function isGlob(pattern: string): boolean {
  return GLOB_CHARS.test(pattern);
}

export interface Glob {
  /** The directory to search: the leading segments without glob characters. */
  readonly base: string;
  /** Matches paths relative to `base`, separated by `/`. */
  readonly regex: RegExp;
  /** How many directory levels below `base` can match; Infinity with `**`. */
  readonly maxDepth: number;
}

/** Splits a glob into the directory it starts from and a matcher for the rest. */
export function compileGlob(pattern: string): Glob {
  const segments = pattern.replace(/\\/g, '/').split('/');
  let first = segments.findIndex((segment) => isGlob(segment));
  if (first < 0) first = segments.length - 1;
  // A brace may span separators ({a/b,c}): the search starts above the segment that opens it.
  const rest = segments.slice(first).join('/');
  const baseSegments = segments.slice(0, first);
  const base = baseSegments.length === 0 ? '.' : baseSegments.join('/') || '/';
  const restSegments = rest.split('/').filter((segment, i) => segment !== '' || i === 0);
  const maxDepth = rest.includes('**') ? Infinity : restSegments.length;
  return { base, regex: new RegExp(`^${toRegExpSource(rest)}$`), maxDepth };
}

/** A matcher for a whole `/`-separated path: `*`, `**`, `?`, `[abc]` and `{a,b}` as in `compileGlob`. */
export function globRegExp(pattern: string): RegExp {
  return new RegExp(`^${toRegExpSource(pattern.replace(/\\/g, '/'))}$`);
}

function escape(char: string): string {
  return /[\\^$.*+?()[\]{}|/]/.test(char) ? `\\${char}` : char;
}

/** True when every `{` has its `}`; otherwise braces are read as literal characters. */
function bracesBalance(glob: string): boolean {
  let depth = 0;
  for (const char of glob) {
    if (char === '{') depth++;
    else if (char === '}' && --depth < 0) return false;
  }
  return depth === 0;
}

function toRegExpSource(glob: string): string {
  const useBraces = bracesBalance(glob);
  let source = '';
  let braces = 0;
  for (let i = 0; i < glob.length; i++) {
    const char = glob[i];
    if (char === '*') {
      if (glob[i + 1] === '*') {
        const atStart = i === 0 || glob[i - 1] === '/';
        let end = i + 2;
        while (glob[end] === '*') end++;
        if (atStart && glob[end] === '/') {
          // `**/` matches zero or more whole directories.
          source += '(?:[^/]*/)*';
          i = end;
          continue;
        }
        if (atStart && end === glob.length) {
          source += '.*';
          i = end - 1;
          continue;
        }
        source += '[^/]*';
        i = end - 1;
        continue;
      }
      source += '[^/]*';
    } else if (char === '?') {
      source += '[^/]';
    } else if (char === '[') {
      const close = glob.indexOf(']', i + 2);
      if (close < 0) {
        source += '\\[';
        continue;
      }
      let body = glob.slice(i + 1, close);
      const negated = body.startsWith('!') || body.startsWith('^');
      if (negated) body = body.slice(1);
      source += `[${negated ? '^/' : ''}${body.replace(/[\\\]^]/g, '\\$&')}]`;
      i = close;
    } else if (char === '{' && useBraces) {
      braces++;
      source += '(?:';
    } else if (char === '}' && braces > 0) {
      braces--;
      source += ')';
    } else if (char === ',' && braces > 0) {
      source += '|';
    } else {
      source += escape(char);
    }
  }
  return source;
}
