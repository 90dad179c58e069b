import { Composer, isAlias, isMap, isPair, isScalar, isSeq, Parser, visit, type CST, type Document as YamlDocument, type Node as YamlNode, type YAMLError } from 'yaml';
import type { ParseProblem } from './node.js';
import { TreeNode } from './node.js';
import { ProblemList } from './problem-list.js';
import { repairFlowIndentation } from './yaml-flow-indent.js';
import { decodeLongScalars, type LongScalarError, type LongScalarFindings } from './yaml-long-scalars.js';

/**
 * How many nodes alias expansion may create in one file. Far above any real definition
 * (a 1 MB machine has about 100,000 nodes), far below what hangs the process: a
 * "billion laughs" file stops here with a diagnostic.
 */
const MAX_ALIAS_NODES = 200_000;

export interface YamlDocumentResult {
  readonly root: TreeNode | undefined;
  /** Offset where this document starts in the file. */
  readonly start: number;
}

export interface YamlParseResult {
  readonly documents: YamlDocumentResult[];
  readonly problems: ParseProblem[];
}

/**
 * Reads YAML (every document in the file) into the shared node tree with exact ranges.
 * YAML 1.2 core schema, so `Yes` and `No` stay strings, as AWS reads them. Anchors and
 * aliases are expanded, with a bound; `<<` merge keys are applied. Unknown tags such as
 * CloudFormation's `!Ref` keep their value.
 */
/** The roots of YAML trees in which every node stands where its own text is. */
const plainTrees = new WeakSet<TreeNode>();

/**
 * True for the root of a YAML tree without aliases, merge keys or tags: each node is made
 * from the text at its own range alone, so an edit inside one scalar changes that node
 * and no other (see documentAfterValueEdit).
 */
export function plainYamlTree(root: TreeNode): boolean {
  return plainTrees.has(root);
}

export function parseYaml(text: string): YamlParseResult {
  const first = parseYamlText(text);
  if (!first.flowIndentError) return first.result;
  const repair = repairFlowIndentation(text);
  if (!repair) return first.result;
  const second = parseYamlText(repair.text);
  if (second.result.problems.length >= first.result.problems.length) return first.result;
  return moveBack(second.result, repair.original);
}

/** Ranges of a parse of repaired text, moved back onto the original text. */
function moveBack(result: YamlParseResult, original: Int32Array): YamlParseResult {
  const at = (offset: number): number => original[Math.min(Math.max(offset, 0), original.length - 1)];
  for (const { root } of result.documents) {
    // Its nodes were made from other text than the file's.
    if (root) plainTrees.delete(root);
    const stack: TreeNode[] = root ? [root] : [];
    while (stack.length > 0) {
      const node = stack.pop()!;
      node.start = at(node.start);
      node.end = at(node.end);
      if (node.keyStart >= 0) {
        node.keyStart = at(node.keyStart);
        node.keyEnd = at(node.keyEnd);
      }
      if (node.children) for (const child of node.children) stack.push(child);
    }
  }
  const move = (range: { start: number; end: number }) => ({ start: at(range.start), end: at(range.end) });
  return {
    documents: result.documents.map((document) => ({ ...document, start: at(document.start) })),
    problems: result.problems.map((problem) => ({ ...problem, range: move(problem.range), related: problem.related?.map((r) => ({ ...r, range: move(r.range) })) })),
  };
}

function parseYamlText(text: string): { result: YamlParseResult; flowIndentError: boolean } {
  let flowIndentError = false;
  const problems = new ProblemList();
  const documents: YamlDocumentResult[] = [];
  let parsed;
  // Values of long double-quoted scalars, by offset, decoded before the package reads them.
  const longValues = new Map<number, string>();
  const long: LongScalarFindings = { errors: [], unclosedAt: new Set() };
  try {
    const composer = new Composer({ uniqueKeys: false, prettyErrors: false, strict: false });
    const tokens = function* (): Generator<CST.Token> {
      for (const token of new Parser().parse(text)) {
        decodeLongScalars(token, longValues, long);
        yield token;
      }
    };
    parsed = Array.from(composer.compose(tokens()));
  } catch (error) {
    problems.add({ code: 'parse-error', message: `The YAML could not be read: ${(error as Error).message}`, range: { start: 0, end: 0 } });
    return { result: { documents, problems: problems.list() }, flowIndentError };
  }
  let budget = MAX_ALIAS_NODES;
  let bombReported = false;

  for (const doc of parsed) {
    // After a structural error the YAML parser reports every later token as unexpected;
    // the first error is the one to fix, so it alone is reported, with a count of the rest.
    if (doc.errors.some((error) => error.code === 'BAD_INDENT' && error.message.startsWith('Flow'))) flowIndentError = true;
    const [docStart, , docEnd] = doc.range ?? [0, 0, text.length];
    const [first, ...rest] = documentErrors(doc.errors, long, docStart, docEnd);
    if (first) {
      // An unterminated quote is reported one character past the end of the text.
      const start = Math.min(first.pos[0], text.length);
      const end = Math.min(Math.max(start, first.pos[1]), text.length);
      const more = rest.length === 0 ? '' : ` ${rest.length} more syntax error${rest.length === 1 ? '' : 's'} follow${rest.length === 1 ? 's' : ''} in this document; fix this one first.`;
      // A long double-quoted scalar with no closing quote was read as a single-quoted one.
      const message = 'code' in first && first.code === 'MISSING_CHAR' && long.unclosedAt.has(first.pos[0]) ? 'Missing closing "quote' : first.message;
      problems.add({ code: 'parse-error', message: `${yamlMessage(message)}${more}`, range: { start, end } });
    }
    const converting = new Set<YamlNode>();
    // Whether every node is where its own text is: no alias or merge key copies nodes,
    // and no tag gives a value its text does not (see plainYamlTree).
    let plain = true;
    // Alias.resolve walks the whole document for each alias, which is quadratic in a file
    // with many aliases: every alias is resolved in one walk instead, the first time one is met.
    let targets: Map<unknown, YamlNode | undefined> | undefined;
    // An alias or a map copied a million times by the aliases above it is still one place
    // in the text: its problems are reported once, not once per copy.
    const reported = new Set<YamlNode>();
    // Every node made by expanding an alias counts against the budget, the null ones too:
    // a copied map of empty values or of unresolved aliases is as large as any other.
    const expandedNull = (start: number, end: number, aliasDepth: number): TreeNode => {
      if (aliasDepth > 0) budget--;
      return new TreeNode('null', null, start, end);
    };

    const convert = (node: unknown, aliasDepth: number): TreeNode => {
      const intrinsic = intrinsicOfTag((node as YamlNode | null)?.tag);
      if ((node as YamlNode | null)?.tag !== undefined) plain = false;
      if (!intrinsic) return convertValue(node, aliasDepth);
      // `!GetAtt X.Arn` is `{"Fn::GetAtt": "X.Arn"}`: the rest of sfn-lint reads the long form only.
      const inner = convertValue(node, aliasDepth);
      const start = tagStart(text, inner.start);
      const wrapper = new TreeNode('object', undefined, start, inner.end);
      inner.key = intrinsic;
      inner.keyStart = start;
      inner.keyEnd = start + 1 + intrinsicTagLength(text, start);
      inner.parent = wrapper;
      wrapper.children!.push(inner);
      return wrapper;
    };

    const convertValue = (node: unknown, aliasDepth: number): TreeNode => {
      if (isAlias(node)) {
        plain = false;
        targets ??= aliasTargets(doc);
        const target = targets.has(node) ? targets.get(node) : node.resolve(doc);
        const [start, end] = node.range ?? [0, 0];
        if (!target || converting.has(target as YamlNode)) {
          if (!reported.has(node)) {
            reported.add(node);
            problems.add({ code: 'parse-error', message: `Alias "*${node.source}" refers to no anchor before it (or to itself).`, range: { start, end } });
          }
          return expandedNull(start, end, aliasDepth);
        }
        const copy = convert(target, aliasDepth + 1);
        if (budget <= 0) {
          if (!bombReported) {
            bombReported = true;
            problems.add({
              code: 'parse-error',
              message: `Alias "*${node.source}" expands past ${MAX_ALIAS_NODES} nodes: the file looks like an alias bomb, so expansion stopped here.`,
              range: { start, end },
            });
          }
          return new TreeNode('null', null, start, end);
        }
        return copy;
      }
      if (aliasDepth > 0 && --budget <= 0) {
        const [start, end] = (node as YamlNode)?.range ?? [0, 0];
        return new TreeNode('null', null, start, end);
      }
      if (isMap(node)) {
        converting.add(node);
        const [start, end] = node.range ?? [0, 0, 0];
        const result = new TreeNode('object', undefined, start, end);
        for (const pair of node.items) {
          if (!isPair(pair)) continue;
          const keyNode = pair.key as YamlNode | null;
          const keyText = keyString(keyNode, longValues);
          if (keyText === '<<' && (isAlias(pair.value) || isSeq(pair.value) || isMap(pair.value))) {
            mergeInto(result, pair.value, aliasDepth);
            continue;
          }
          const value = pair.value == null
            ? expandedNull(keyNode?.range?.[1] ?? start, keyNode?.range?.[1] ?? start, aliasDepth)
            : convert(pair.value, aliasDepth);
          value.key = keyText;
          value.keyStart = keyNode?.range?.[0] ?? value.start;
          value.keyEnd = keyNode?.range?.[1] ?? value.start;
          value.parent = result;
          result.children!.push(value);
        }
        converting.delete(node);
        if (!reported.has(node)) {
          reported.add(node);
          reportDuplicates(result);
        }
        return result;
      }
      if (isSeq(node)) {
        converting.add(node);
        const [start, end] = node.range ?? [0, 0, 0];
        const result = new TreeNode('array', undefined, start, end);
        node.items.forEach((item) => {
          const value = item == null ? expandedNull(start, start, aliasDepth) : convert(item, aliasDepth);
          value.parent = result;
          result.children!.push(value);
        });
        converting.delete(node);
        return result;
      }
      if (isScalar(node)) {
        const [start, end] = node.range ?? [0, 0];
        const value = longValues.get(start) ?? node.value;
        if (typeof value === 'string') return new TreeNode('string', value, start, end);
        if (typeof value === 'number') return new TreeNode('number', value, start, end);
        if (typeof value === 'bigint') return new TreeNode('number', Number(value), start, end);
        if (typeof value === 'boolean') return new TreeNode('boolean', value, start, end);
        if (value === null || value === undefined) return new TreeNode('null', null, start, end);
        // Timestamps and binary values from custom schemas: keep the source text.
        return new TreeNode('string', String(node.source ?? value), start, end);
      }
      const range = (node as YamlNode | null)?.range;
      return new TreeNode('null', null, range?.[0] ?? 0, range?.[1] ?? 0);
    };

    const mergeInto = (target: TreeNode, source: unknown, aliasDepth: number): void => {
      plain = false;
      const sources = isSeq(source) ? source.items : [source];
      // A set, not a search of the members so far: merging a large map is otherwise quadratic.
      const keys = new Set(target.children!.map((existing) => existing.key));
      for (const item of sources) {
        const merged = convert(item, aliasDepth);
        if (merged.kind !== 'object') continue;
        for (const child of merged.children!) {
          if (keys.has(child.key)) continue;
          keys.add(child.key);
          child.parent = target;
          target.children!.push(child);
        }
      }
    };

    const reportDuplicates = (node: TreeNode): void => {
      const children = node.children!;
      if (children.length < 2) return;
      const first = new Map<string, TreeNode>();
      for (const child of children) {
        const key = child.key as string;
        const earlier = first.get(key);
        if (!earlier) {
          first.set(key, child);
          continue;
        }
        problems.add({
          code: 'no-duplicate-key',
          message: `Duplicate key "${key}": only the last one is kept. Remove or rename one of them.`,
          range: child.keyRange!,
          related: [{ range: earlier.keyRange!, message: `"${key}" is first defined here.` }],
        });
      }
    };

    const root = doc.contents == null ? undefined : convert(doc.contents, 0);
    if (root && plain) plainTrees.add(root);
    documents.push({ root, start: doc.range?.[0] ?? 0 });
  }
  return { result: { documents, problems: problems.list() }, flowIndentError };
}

/**
 * What each alias of a document refers to, as Alias.resolve finds it: the last node before
 * the alias, in document order, with its anchor (or undefined when there is none).
 */
function aliasTargets(doc: YamlDocument.Parsed): Map<unknown, YamlNode | undefined> {
  const anchors = new Map<string, YamlNode>();
  const targets = new Map<unknown, YamlNode | undefined>();
  visit(doc, {
    Node(_key, node) {
      if (isAlias(node)) targets.set(node, anchors.get(node.source));
      else if (node.anchor) anchors.set(node.anchor, node);
    },
  });
  return targets;
}

/**
 * A document's syntax errors with those of its long double-quoted scalars, in the order the
 * package reports them when it decodes the scalars itself: a scalar's bad escapes come
 * after the errors before it and before those from its end on (its missing closing quote
 * first).
 */
function documentErrors(errors: readonly YAMLError[], long: LongScalarFindings, start: number, end: number): (YAMLError | LongScalarError)[] {
  const own = long.errors.filter((error) => error.pos[0] >= start && error.pos[0] <= end);
  if (own.length === 0) return [...errors];
  const ordered: (YAMLError | LongScalarError)[] = [];
  let next = 0;
  for (const error of errors) {
    while (next < own.length && own[next].scalarEnd <= error.pos[0]) ordered.push(own[next++]);
    ordered.push(error);
  }
  while (next < own.length) ordered.push(own[next++]);
  return ordered;
}

/** CloudFormation's short-form tags and the intrinsic each stands for. */
const CLOUDFORMATION_TAGS: ReadonlyMap<string, string> = new Map([
  ['!Ref', 'Ref'],
  ['!Condition', 'Condition'],
  ...['Base64', 'Cidr', 'Equals', 'And', 'Or', 'Not', 'If', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub', 'Transform', 'Length', 'ToJsonString'].map(
    (name): [string, string] => [`!${name}`, `Fn::${name}`],
  ),
]);

function intrinsicOfTag(tag: string | undefined): string | undefined {
  return tag === undefined ? undefined : CLOUDFORMATION_TAGS.get(tag);
}

/** Where the tag before a value starts: the node's own range begins after it. */
function tagStart(text: string, valueStart: number): number {
  const bang = text.lastIndexOf('!', valueStart);
  if (bang < 0) return valueStart;
  const between = text.slice(bang, valueStart);
  return /^![A-Za-z]+\s*$/.test(between) ? bang : valueStart;
}

function intrinsicTagLength(text: string, start: number): number {
  const match = /^!([A-Za-z]+)/.exec(text.slice(start, start + 20));
  return match ? match[1].length : 0;
}

function keyString(key: YamlNode | null, longValues: ReadonlyMap<number, string>): string {
  if (key == null) return '';
  if (isScalar(key)) return longValues.get(key.range?.[0] ?? -1) ?? (key.value === null ? '' : String(key.value));
  // Complex keys are rare in definitions; their source text is the most useful name.
  return String((key as { source?: unknown }).source ?? '');
}

function yamlMessage(message: string): string {
  const firstLine = message.split('\n')[0].replace(/ at line \d+, column \d+:?$/, '');
  return /[.!?]$/.test(firstLine) ? firstLine : `${firstLine}.`;
}
