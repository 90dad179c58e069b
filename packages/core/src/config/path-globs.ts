import { globRegExp } from '../text/glob.js';

const compiled = new Map<string, RegExp>();

function regExpOf(pattern: string): RegExp {
  let regex = compiled.get(pattern);
  if (!regex) {
    // `./legacy/` and `legacy` name the same folder.
    regex = globRegExp(pattern.replace(/^(?:\.\/)+/, '').replace(/\/+$/, ''));
    compiled.set(pattern, regex);
  }
  return regex;
}

/**
 * Whether a glob matches a `/`-separated path or one of the folders it is in: `legacy`
 * and `legacy/**` both match `legacy/old.asl.json`, as `Fan out` matches the state path
 * `Fan out/Step` of a state inside the Parallel state "Fan out".
 */
export function matchesPathOrParent(patterns: readonly string[], path: string): boolean {
  if (patterns.length === 0) return false;
  const regexes = patterns.map(regExpOf);
  for (let end = path.length; end > 0; end = path.lastIndexOf('/', end - 1)) {
    const prefix = path.slice(0, end);
    if (regexes.some((regex) => regex.test(prefix))) return true;
  }
  return false;
}
