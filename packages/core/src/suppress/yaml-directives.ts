import type { SourceDocument } from '../document/document.js';
import { yamlComments } from '../document/yaml-comments.js';
import { closestName } from '../text/closest-name.js';
import { checkRules, DIRECTIVE_PREFIX, readDirective, type Directive, type DirectiveProblem, type Reach } from './directive.js';

const KEYWORDS = ['disable', 'enable', 'disable-line', 'disable-next-line'];

/**
 * The directives in a YAML document's comments: `# sfn-lint-disable-next-line`,
 * `# sfn-lint-disable-line`, and `# sfn-lint-disable` … `# sfn-lint-enable` ranges. The
 * directive must open the comment.
 */
export function yamlDirectives(document: SourceDocument, known: ReadonlySet<string>): { directives: Directive[]; problems: DirectiveProblem[] } {
  const directives: Directive[] = [];
  const problems: DirectiveProblem[] = [];
  if (document.format !== 'yaml' || !document.text.includes(DIRECTIVE_PREFIX)) return { directives, problems };
  const comments = yamlComments(document.text);
  const commentStarts = new Set(comments.map((comment) => comment.range.start));
  for (const comment of comments) {
    const opening = /^#\s*(?=sfn-lint-[A-Za-z])/.exec(comment.text);
    if (!opening) continue;
    const written = readDirective(document.text, comment.range.start + opening[0].length, (start, end) => ({ start, end }));
    const keyword = `${DIRECTIVE_PREFIX}${written.keyword}`;
    const line = document.lineMap.zeroBased(comment.range.start).line;
    const reach = reachOf(written.keyword, line, document, commentStarts);
    if (!reach) {
      const close = closestName(written.keyword, KEYWORDS);
      problems.push({
        document,
        range: { start: written.range.start, end: written.range.start + keyword.length },
        message: `"${keyword}" is not an sfn-lint directive${close ? `: did you mean "${DIRECTIVE_PREFIX}${close}"?` : '.'} The directives are ${KEYWORDS.map((k) => DIRECTIVE_PREFIX + k).join(', ')}.`,
      });
      continue;
    }
    const checked = checkRules(document, written.rules, known);
    problems.push(...checked.problems);
    if (written.rules.length > 0 && checked.rules.length === 0) continue;
    directives.push({ document, reach, rules: written.rules.length === 0 ? 'all' : checked.rules, reason: written.reason, range: written.range, label: `This ${keyword} comment` });
  }
  return { directives, problems };
}

function reachOf(keyword: string, line: number, document: SourceDocument, commentStarts: ReadonlySet<number>): Reach | undefined {
  switch (keyword) {
    case 'disable':
      return { kind: 'from', disable: true };
    case 'enable':
      return { kind: 'from', disable: false };
    case 'disable-line':
      return { kind: 'line', line };
    case 'disable-next-line':
      return { kind: 'line', line: nextContentLine(document, line, commentStarts) };
    default:
      return undefined;
  }
}

/** The first line after `line` that is neither blank nor only a comment; -1 when there is none. */
function nextContentLine(document: SourceDocument, line: number, commentStarts: ReadonlySet<number>): number {
  const { text, lineMap } = document;
  const last = lineMap.zeroBased(text.length).line;
  for (let next = line + 1; next <= last; next++) {
    let at = lineMap.offsetAt(next, 0);
    while (at < text.length && (text[at] === ' ' || text[at] === '\t')) at++;
    if (at >= text.length || text[at] === '\n' || text[at] === '\r' || commentStarts.has(at)) continue;
    return next;
  }
  return -1;
}
