import { member } from '../document/node-access.js';
import { isPseudoParameter, symbolicText } from '../template/symbolic.js';
import type { SymbolicText, Template, TemplateResource } from '../template/types.js';
import type { PolicyEntry, PolicyStatement } from './statements.js';

/**
 * A three-valued answer. `maybe` means it depends on a value the template does not fix:
 * a pseudo parameter against a literal (`${AWS::Region}` and `us-east-1`), a template
 * parameter, an entry written with Fn::If.
 */
export type MatchResult = 'yes' | 'no' | 'maybe';

const NO = 0;
const MAYBE = 1;
const YES = 2;
type Level = typeof NO | typeof MAYBE | typeof YES;
const RESULTS: readonly MatchResult[] = ['no', 'maybe', 'yes'];

// ---------------------------------------------------------------------------------------
// Actions

/**
 * True when the IAM action pattern (`*` and `?` wildcards, any case) matches the action.
 * Matched directly rather than through a regular expression built from the pattern: a
 * pattern is the template's text, and a 10 MB one is too large for the engine to compile.
 */
export function actionMatches(pattern: string, action: string): boolean {
  // Every character but `*` stands for one character of the action: a pattern with more of
  // them cannot match, however long it is.
  let fixed = 0;
  for (let i = 0; i < pattern.length; i++) {
    if (pattern.charCodeAt(i) !== 0x2a /* * */ && ++fixed > action.length) return false;
  }
  // Greedy, going back to the last `*` on a mismatch: at most |pattern| × |action| steps,
  // and the pattern's fixed characters are now no more than the action's.
  let p = 0;
  let a = 0;
  let star = -1;
  let resume = 0;
  while (a < action.length) {
    const c = pattern.charCodeAt(p);
    if (p < pattern.length && c !== 0x2a && (c === 0x3f /* ? */ || sameIgnoringCase(c, action.charCodeAt(a)))) {
      p++;
      a++;
    } else if (c === 0x2a) {
      while (pattern.charCodeAt(p) === 0x2a) p++;
      star = p;
      resume = a;
    } else if (star >= 0) {
      p = star;
      a = ++resume;
    } else {
      return false;
    }
  }
  while (pattern.charCodeAt(p) === 0x2a) p++;
  return p === pattern.length;
}

/** Two UTF-16 code units equal up to case, as a case-insensitive regular expression compares them. */
function sameIgnoringCase(x: number, y: number): boolean {
  if (x === y) return true;
  if (x < 0x80 && y < 0x80) return (x | 0x20) === (y | 0x20) && (x | 0x20) >= 0x61 && (x | 0x20) <= 0x7a;
  return foldCase(x) === foldCase(y);
}

function foldCase(code: number): number {
  const upper = String.fromCharCode(code).toUpperCase();
  // As in a regular expression without the `u` flag: a character whose upper case is longer
  // than one unit, or is ASCII while it is not, stays itself.
  return upper.length === 1 && !(upper.charCodeAt(0) < 0x80 && code >= 0x80) ? upper.charCodeAt(0) : code;
}

/** The service prefix of an action (`states` for `states:StartExecution`), lower case. */
export function actionService(action: string): string {
  const colon = action.indexOf(':');
  return (colon < 0 ? action : action.slice(0, colon)).toLowerCase();
}

/**
 * How an Action entry uses wildcards: `all` for `*` (or `*:*`), `service` for `svc:*`,
 * `partial` for `svc:Get*` and the like, undefined for a plain action.
 */
export function actionWildcard(text: string): 'all' | 'service' | 'partial' | undefined {
  if (!text.includes('*') && !text.includes('?')) return undefined;
  if (/^\*(:\*)?$/.test(text)) return 'all';
  if (/^[^:*?]+:\*$/.test(text)) return 'service';
  return 'partial';
}

/** Whether the statement's Action / NotAction covers the action. */
export function actionApplies(statement: PolicyStatement, action: string): MatchResult {
  return RESULTS[actionLevel(statement, action)];
}

function actionLevel(statement: PolicyStatement, action: string): Level {
  if (statement.action) return anyEntry(statement.action, (text) => actionMatches(text, action));
  if (statement.notAction) return invert(anyEntry(statement.notAction, (text) => actionMatches(text, action)));
  return NO;
}

function anyEntry(entries: readonly PolicyEntry[], test: (text: string) => boolean): Level {
  let level: Level = NO;
  for (const entry of entries) {
    // An action taken from a parameter (`${Action}`) could be any action.
    if (entry.text === undefined || entry.text.includes('${')) level = MAYBE;
    else if (test(entry.text)) return YES;
  }
  return level;
}

function invert(level: Level): Level {
  return level === YES ? NO : level === NO ? YES : MAYBE;
}

// ---------------------------------------------------------------------------------------
// Canonical references

/**
 * How CloudFormation refers to a resource of one type: which Ref / attributes give its
 * name and its ARN, the property that sets the name, and how the ARN is built from the
 * name. With these, `${Worker.Arn}` and `arn:…:function:${Worker}` become the same text.
 */
interface ReferenceForms {
  /** `Ref` and/or attributes that return the name (or id) the ARN is built from. */
  readonly name?: readonly string[];
  /** The property that sets that name, when the template sets it. */
  readonly nameProperty?: string;
  /** `Ref` and/or attributes that return the ARN. */
  readonly arnVia?: readonly string[];
  /** The ARN built from the name; undefined when the ARN holds more (a revision, a random suffix). */
  readonly arn?: (name: string, resource: TemplateResource) => string | undefined;
  /** `Ref` and/or attributes that return an SQS queue URL. */
  readonly urlVia?: readonly string[];
}

const P = 'arn:${AWS::Partition}';
const RA = '${AWS::Region}:${AWS::AccountId}';

const LAMBDA: ReferenceForms = {
  name: ['Ref'],
  nameProperty: 'FunctionName',
  arnVia: ['Arn'],
  arn: (name) => `${P}:lambda:${RA}:function:${name}`,
};
const TABLE: ReferenceForms = {
  name: ['Ref'],
  nameProperty: 'TableName',
  arnVia: ['Arn'],
  arn: (name) => `${P}:dynamodb:${RA}:table/${name}`,
};

const FORMS: Readonly<Record<string, ReferenceForms>> = {
  'AWS::Lambda::Function': LAMBDA,
  'AWS::Serverless::Function': LAMBDA,
  'AWS::DynamoDB::Table': TABLE,
  'AWS::DynamoDB::GlobalTable': TABLE,
  'AWS::Serverless::SimpleTable': TABLE,
  'AWS::SQS::Queue': {
    name: ['QueueName'],
    nameProperty: 'QueueName',
    arnVia: ['Arn'],
    arn: (name) => `${P}:sqs:${RA}:${name}`,
    urlVia: ['Ref', 'QueueUrl'],
  },
  'AWS::SNS::Topic': {
    name: ['TopicName'],
    nameProperty: 'TopicName',
    arnVia: ['Ref', 'TopicArn'],
    arn: (name) => `${P}:sns:${RA}:${name}`,
  },
  'AWS::StepFunctions::StateMachine': {
    name: ['Name'],
    nameProperty: 'StateMachineName',
    arnVia: ['Ref', 'Arn'],
    arn: (name) => `${P}:states:${RA}:stateMachine:${name}`,
  },
  'AWS::Serverless::StateMachine': {
    name: ['Name'],
    nameProperty: 'Name',
    arnVia: ['Ref', 'Arn'],
    arn: (name) => `${P}:states:${RA}:stateMachine:${name}`,
  },
  'AWS::StepFunctions::Activity': {
    name: ['Name'],
    nameProperty: 'Name',
    arnVia: ['Ref'],
    arn: (name) => `${P}:states:${RA}:activity:${name}`,
  },
  'AWS::Events::EventBus': {
    name: ['Ref', 'Name'],
    nameProperty: 'Name',
    arnVia: ['Arn'],
    arn: (name) => `${P}:events:${RA}:event-bus/${name}`,
  },
  'AWS::S3::Bucket': { name: ['Ref'], nameProperty: 'BucketName', arnVia: ['Arn'], arn: (name) => `${P}:s3:::${name}` },
  'AWS::IAM::Role': {
    name: ['Ref'],
    nameProperty: 'RoleName',
    arnVia: ['Arn'],
    arn: (name, resource) => {
      const path = member(resource.properties, 'Path');
      if (path === undefined) return `${P}:iam::\${AWS::AccountId}:role/${name}`;
      return path.kind === 'string' ? `${P}:iam::\${AWS::AccountId}:role${path.value as string}${name}` : undefined;
    },
  },
  'AWS::Logs::LogGroup': {
    name: ['Ref'],
    nameProperty: 'LogGroupName',
    arnVia: ['Arn'],
    // The Arn attribute of a log group ends in `:*`.
    arn: (name) => `${P}:logs:${RA}:log-group:${name}:*`,
  },
  'AWS::Kinesis::Stream': { name: ['Ref'], nameProperty: 'Name', arnVia: ['Arn'], arn: (name) => `${P}:kinesis:${RA}:stream/${name}` },
  'AWS::ECS::Cluster': { name: ['Ref'], nameProperty: 'ClusterName', arnVia: ['Arn'], arn: (name) => `${P}:ecs:${RA}:cluster/${name}` },
  // Task definition and job definition ARNs end in a revision that only the deployment knows.
  'AWS::ECS::TaskDefinition': { arnVia: ['Ref', 'TaskDefinitionArn'] },
  'AWS::Batch::JobDefinition': { arnVia: ['Ref'] },
  'AWS::Batch::JobQueue': {
    nameProperty: 'JobQueueName',
    arnVia: ['Ref', 'JobQueueArn'],
    arn: (name) => `${P}:batch:${RA}:job-queue/${name}`,
  },
  'AWS::Glue::Job': { name: ['Ref'], nameProperty: 'Name' },
  'AWS::CodeBuild::Project': { name: ['Ref'], nameProperty: 'Name', arnVia: ['Arn'], arn: (name) => `${P}:codebuild:${RA}:project/${name}` },
  'AWS::KMS::Key': { name: ['Ref', 'KeyId'], arnVia: ['Arn'], arn: (name) => `${P}:kms:${RA}:key/${name}` },
  // Secret ARNs end in a random suffix.
  'AWS::SecretsManager::Secret': { arnVia: ['Ref', 'Id'] },
};

const REFERENCE = /\$\{([^}!][^}]*)\}/g;

/**
 * Longer than any ARN IAM accepts (2,048 characters). Resource comparison is quadratic in
 * the two lengths, and a 10 MB parameter substituted into an ARN never finished.
 */
const MAX_ARN = 4096;

/**
 * The text with each reference to a resource of the template rewritten to one form: a
 * resource's ARN is built from its name, and its name is the `…Name` property when the
 * template sets one. References the table does not know stay as they are.
 */
export function canonicalResourceText(text: SymbolicText, template: Template | undefined): SymbolicText {
  if (!template || !text.includes('${')) return text;
  return text.replace(REFERENCE, (whole, inner: string) => canonicalReference(inner.trim(), template) ?? whole);
}

function canonicalReference(inner: string, template: Template): string | undefined {
  if (inner.includes('::') || inner.includes(':')) return undefined;
  const dot = inner.indexOf('.');
  const id = dot > 0 ? inner.slice(0, dot) : inner;
  const via = dot > 0 ? inner.slice(dot + 1) : 'Ref';
  const resource = template.resources.get(id);
  const forms = resource?.type === undefined ? undefined : FORMS[resource.type];
  if (!resource || !forms) return undefined;
  const name = nameText(resource, forms, id);
  if (forms.name?.includes(via)) return name;
  if (forms.arnVia?.includes(via)) {
    const arn = name === undefined ? undefined : forms.arn?.(name, resource);
    // Without a builder the ARN stays opaque, under one token for all its spellings.
    return arn ?? token(id, forms.arnVia[0]);
  }
  if (forms.urlVia?.includes(via) && name !== undefined) {
    return `https://sqs.\${AWS::Region}.\${AWS::URLSuffix}/\${AWS::AccountId}/${name}`;
  }
  return undefined;
}

function nameText(resource: TemplateResource, forms: ReferenceForms, id: string): string | undefined {
  const property = forms.nameProperty === undefined ? undefined : member(resource.properties, forms.nameProperty);
  const text = property === undefined ? undefined : symbolicText(property);
  // A name longer than any ARN IAM accepts stays a reference: spelled out, it would carry
  // megabytes into every comparison of the resource's ARN.
  if (text !== undefined && text.length <= MAX_ARN) return text;
  return forms.name === undefined ? undefined : token(id, forms.name[0]);
}

function token(id: string, via: string): string {
  return via === 'Ref' ? `\${${id}}` : `\${${id}.${via}}`;
}

// ---------------------------------------------------------------------------------------
// Resources

type Token =
  | { readonly kind: 'char'; readonly c: string }
  | { readonly kind: 'star' }
  | { readonly kind: 'one' }
  | {
      readonly kind: 'ref';
      /** `Worker`, `Worker.Arn`, `AWS::Region`: two refs are the same value when this is equal. */
      readonly key: string;
      /** A resource of a type in FORMS: its name differs from every other such resource's. */
      readonly resource: string | undefined;
      /** A template parameter or an IAM policy variable may be empty; names and ids are not. */
      readonly emptyable: boolean;
    };

const tokenCache = new WeakMap<Template, Map<string, Token[]>>();
const NO_TEMPLATE = new Map<string, Token[]>();

function tokensOf(text: SymbolicText, template: Template | undefined): Token[] {
  let cache = template ? tokenCache.get(template) : NO_TEMPLATE;
  if (!cache) {
    cache = new Map();
    tokenCache.set(template!, cache);
  }
  let tokens = cache.get(text);
  if (!tokens) {
    tokens = tokenize(canonicalResourceText(text, template), template);
    // Without a template the cache would live as long as the process.
    if (cache === NO_TEMPLATE && cache.size > 1000) cache.clear();
    cache.set(text, tokens);
  }
  return tokens;
}

function tokenize(text: string, template: Template | undefined): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '$' && text[i + 1] === '{') {
      const close = text.indexOf('}', i + 2);
      if (close > 0) {
        const inner = text.slice(i + 2, close);
        if (inner.startsWith('!')) {
          // Fn::Sub's escape: `${!Literal}` is the literal text `${Literal}`.
          for (const literal of `\${${inner.slice(1)}}`) tokens.push({ kind: 'char', c: literal });
        } else {
          tokens.push(refToken(inner.trim(), template));
        }
        i = close + 1;
        continue;
      }
    }
    tokens.push(c === '*' ? { kind: 'star' } : c === '?' ? { kind: 'one' } : { kind: 'char', c });
    i++;
  }
  return tokens;
}

function refToken(key: string, template: Template | undefined): Token {
  if (isPseudoParameter(key)) return { kind: 'ref', key, resource: undefined, emptyable: false };
  const dot = key.indexOf('.');
  const id = dot > 0 ? key.slice(0, dot) : key;
  const resource = template?.resources.get(id);
  if (resource) {
    const known = resource.type !== undefined && Object.hasOwn(FORMS, resource.type);
    return { kind: 'ref', key, resource: known ? id : undefined, emptyable: false };
  }
  // A template parameter, an IAM policy variable such as `${aws:username}`, or a name the template lacks.
  return { kind: 'ref', key, resource: undefined, emptyable: true };
}

/**
 * Whether the granted Resource pattern covers every resource the needed text stands for.
 * Both are symbolic text; both may hold IAM wildcards (`*`, `?`), the needed one when the
 * definition needs a family of resources (`execution:Name:*`). References are first made
 * canonical with the template's resource types.
 *
 * A reference is one fixed but unknown value: it matches an identical reference or a `*`;
 * against literal text the answer is `maybe`. Two different resources of the template are
 * assumed to have unrelated names, so `function:${A}*` does not cover `function:${B}`.
 * As in IAM, a wildcard does not cross the first five `:` of an ARN.
 */
export function resourceMatches(granted: SymbolicText, needed: SymbolicText, template: Template | undefined): MatchResult {
  if (granted === '*') return 'yes';
  if (granted.length > MAX_ARN || needed.length > MAX_ARN) return 'maybe';
  const g = tokensOf(granted, template);
  const n = tokensOf(needed, template);
  // References spelled out by the template can make short text long.
  if (g.length > MAX_ARN || n.length > MAX_ARN) return 'maybe';
  const gParts = arnComponents(g);
  const nParts = arnComponents(n);
  if (Array.isArray(gParts) && Array.isArray(nParts)) {
    let level: Level = YES;
    for (let i = 0; i < gParts.length && level > NO; i++) level = Math.min(level, coverLevel(gParts[i], nParts[i])) as Level;
    return RESULTS[level];
  }
  const level = coverLevel(g, n);
  // A pattern with fewer than six ARN components (`arn:aws:sns:*`): whether IAM lets its
  // wildcard stand for the missing ones is not something sfn-lint is sure of.
  return RESULTS[gParts === 'short' && Array.isArray(nParts) ? (Math.min(level, MAYBE) as Level) : level];
}

/**
 * The six components of an ARN (`arn`, partition, service, region, account, resource), when
 * the first five hold no reference that could itself contain a colon. `short` for literal
 * text with fewer than five colons; `opaque` when a reference hides the structure, and the
 * text is then compared as a whole.
 */
function arnComponents(tokens: Token[]): Token[][] | 'short' | 'opaque' {
  const parts: Token[][] = [[]];
  for (const token of tokens) {
    if (parts.length < 6 && token.kind === 'char' && token.c === ':') {
      parts.push([]);
      continue;
    }
    if (parts.length < 6 && token.kind === 'ref' && !isPseudoParameter(token.key)) return 'opaque';
    parts[parts.length - 1].push(token);
  }
  return parts.length === 6 ? parts : 'short';
}

/**
 * Pattern coverage by dynamic programming over (granted position, needed position, open
 * reference). A reference may "absorb" tokens of the other side while it is open: its
 * value could be those characters, which is at best `maybe`.
 *
 * The cells are worked out from an explicit stack, not by recursion: a chain of cells is as
 * long as both texts together, and thousands of nested calls overflow the call stack.
 */
function coverLevel(g: readonly Token[], n: readonly Token[]): Level {
  const width = n.length + 1;
  // Per cell (i, j, open), its level once known, else -1. open 0: nothing open; 1: the granted
  // reference at i has absorbed needed tokens; 2: the needed reference at j has absorbed granted tokens.
  const memo = new Int8Array((g.length + 1) * width * 3).fill(-1);
  /** Cells to work out; a cell stays below the cells it is waiting for. */
  const pending: number[] = [];
  let waiting = false;
  /** A cell's level when known; otherwise the cell is queued, and the caller's answer is discarded. */
  const visit = (i: number, j: number, open: 0 | 1 | 2): Level => {
    const slot = (i * width + j) * 3 + open;
    const known = memo[slot];
    if (known >= 0) return known as Level;
    pending.push(slot);
    waiting = true;
    return NO;
  };
  const maybe = (level: Level): Level => (level === NO ? NO : MAYBE);

  const step = (i: number, j: number, open: 0 | 1 | 2): Level => {
    const gt = g[i];
    const nt = n[j];
    if (open === 1) {
      let level = maybe(visit(i + 1, j, 0));
      if (nt && gt.kind === 'ref' && absorbs(gt, nt, 'needed')) level = Math.max(level, maybe(visit(i, j + 1, 1))) as Level;
      return level;
    }
    if (open === 2) {
      let level = maybe(visit(i, j + 1, 0));
      if (gt && nt.kind === 'ref' && gt.kind !== 'star' && absorbs(nt, gt, 'granted')) {
        level = Math.max(level, maybe(visit(i + 1, j, 2))) as Level;
      }
      return level;
    }
    if (gt === undefined && nt === undefined) return YES;
    if (gt === undefined) return n.slice(j).every((t) => t.kind === 'ref' && t.emptyable) ? MAYBE : NO;
    if (nt === undefined) return restOfGranted(g, i);
    switch (gt.kind) {
      case 'star':
        return Math.max(visit(i + 1, j, 0), visit(i, j + 1, 0)) as Level;
      case 'one':
      case 'char': {
        if (nt.kind === 'char') return gt.kind === 'one' || gt.c === nt.c ? visit(i + 1, j + 1, 0) : NO;
        if (nt.kind === 'one') return gt.kind === 'one' ? visit(i + 1, j + 1, 0) : NO;
        if (nt.kind === 'star') return NO;
        return Math.max(maybe(visit(i + 1, j, 2)), nt.emptyable ? maybe(visit(i, j + 1, 0)) : NO) as Level;
      }
      case 'ref': {
        const skipGranted = gt.emptyable ? maybe(visit(i + 1, j, 0)) : NO;
        if (nt.kind === 'ref') {
          if (nt.key === gt.key) return visit(i + 1, j + 1, 0);
          if (unrelated(gt, nt)) return NO;
          return Math.max(
            maybe(visit(i + 1, j + 1, 0)),
            maybe(visit(i, j + 1, 1)),
            maybe(visit(i + 1, j, 2)),
            skipGranted,
            nt.emptyable ? maybe(visit(i, j + 1, 0)) : NO,
          ) as Level;
        }
        if (nt.kind === 'char') return Math.max(maybe(visit(i, j + 1, 1)), skipGranted) as Level;
        // A fixed value cannot cover every string a needed wildcard stands for.
        return skipGranted;
      }
    }
  };
  // Every step moves i or j forward, so no cell waits for itself.
  pending.push(0);
  while (pending.length > 0) {
    const slot = pending[pending.length - 1];
    if (memo[slot] >= 0) {
      pending.pop();
      continue;
    }
    const open = (slot % 3) as 0 | 1 | 2;
    const cell = (slot - open) / 3;
    const j = cell % width;
    waiting = false;
    const level = step((cell - j) / width, j, open);
    if (!waiting) {
      memo[slot] = level;
      pending.pop();
    }
  }
  return memo[0] as Level;
}

function absorbs(ref: Token & { kind: 'ref' }, other: Token, side: 'granted' | 'needed'): boolean {
  if (other.kind === 'char') return true;
  if (other.kind === 'ref') return !unrelated(ref, other);
  // A needed reference may be a string the granted `?` covers; a granted reference cannot cover a needed wildcard.
  return other.kind === 'one' && side === 'granted';
}

function unrelated(a: Token & { kind: 'ref' }, b: Token & { kind: 'ref' }): boolean {
  return a.resource !== undefined && b.resource !== undefined && a.resource !== b.resource;
}

function restOfGranted(g: readonly Token[], i: number): Level {
  let level: Level = YES;
  for (let k = i; k < g.length; k++) {
    const t = g[k];
    if (t.kind === 'star') continue;
    if (t.kind === 'ref' && t.emptyable) level = MAYBE;
    else return NO;
  }
  return level;
}

function hasWildcard(text: SymbolicText, template: Template | undefined): boolean {
  return tokensOf(text, template).some((t) => t.kind === 'star' || t.kind === 'one');
}

/**
 * Whether some resource matches both patterns: `no` only when literal text proves them
 * apart (a different prefix or suffix in some ARN component), `yes` when one covers the other.
 */
function overlapLevel(a: SymbolicText, b: SymbolicText, template: Template | undefined): Level {
  if (resourceMatches(a, b, template) === 'yes' || resourceMatches(b, a, template) === 'yes') return YES;
  const aTokens = tokensOf(a, template);
  const bTokens = tokensOf(b, template);
  const aParts = arnComponents(aTokens);
  const bParts = arnComponents(bTokens);
  if (Array.isArray(aParts) && Array.isArray(bParts)) return aParts.some((part, i) => apart(part, bParts[i])) ? NO : MAYBE;
  return apart(aTokens, bTokens) ? NO : MAYBE;
}

function apart(a: readonly Token[], b: readonly Token[]): boolean {
  const literal = (t: Token): t is Token & { kind: 'char' } => t.kind === 'char';
  if (a.every(literal) && b.every(literal)) return a.map((t) => t.c).join('') !== b.map((t) => t.c).join('');
  const differ = (x: Token | undefined, y: Token | undefined): boolean | undefined =>
    x && y && literal(x) && literal(y) ? x.c !== y.c : undefined;
  for (let i = 0; ; i++) {
    const result = differ(a[i], b[i]);
    if (result === undefined) break;
    if (result) return true;
  }
  for (let i = 1; ; i++) {
    const result = differ(a[a.length - i], b[b.length - i]);
    if (result === undefined) break;
    if (result) return true;
  }
  return false;
}

/** Whether the statement's Resource / NotResource covers the needed resource. */
export function resourceApplies(
  statement: PolicyStatement,
  needed: SymbolicText | undefined,
  template: Template | undefined,
): MatchResult {
  return RESULTS[resourceLevel(statement, needed, template)];
}

function resourceLevel(
  statement: PolicyStatement,
  needed: SymbolicText | undefined,
  template: Template | undefined,
  exact = true,
): Level {
  if (statement.resource) {
    let level: Level = NO;
    for (const entry of statement.resource) {
      if (entry.text === '*') return YES;
      const entryLevel =
        entry.text === undefined || needed === undefined ? MAYBE : coverOf(entry.text, needed, template, statement.effect === 'Deny' || !exact);
      if (entryLevel === YES) return YES;
      level = Math.max(level, entryLevel) as Level;
    }
    return level;
  }
  if (statement.notResource) {
    // The statement applies to what no NotResource entry matches. For a family of needed
    // resources that an entry partly overlaps, it applies to some of them: `maybe`.
    let level: Level = YES;
    for (const entry of statement.notResource) {
      if (entry.text === undefined || needed === undefined) {
        level = MAYBE;
        continue;
      }
      const covered = levelOf(resourceMatches(entry.text, needed, template));
      if (covered === YES) return NO;
      if (covered === MAYBE || (hasWildcard(needed, template) && overlapLevel(entry.text, needed, template) !== NO)) level = MAYBE;
    }
    return level;
  }
  return NO;
}

/**
 * For an Allow, the entry must cover every needed resource. A Deny already matters when it
 * covers some of them, so a needed family that a Deny may overlap is `maybe`; so does an
 * Allow when the family only stands in for a target sfn-lint cannot name (`exact: false`).
 */
function coverOf(entry: SymbolicText, needed: SymbolicText, template: Template | undefined, overlapIsEnough: boolean): Level {
  const level = levelOf(resourceMatches(entry, needed, template));
  if (level !== NO || !overlapIsEnough || !hasWildcard(needed, template)) return level;
  return overlapLevel(entry, needed, template) === NO ? NO : MAYBE;
}

function levelOf(result: MatchResult): Level {
  return result === 'yes' ? YES : result === 'maybe' ? MAYBE : NO;
}

// ---------------------------------------------------------------------------------------
// Evaluation

export type Decision = 'allowed' | 'denied' | 'not-granted' | 'unknown';

export interface Evaluation {
  /**
   * - `allowed`: an Allow covers the request and no Deny can apply.
   * - `denied`: an unconditional Deny covers it (explicit Deny wins).
   * - `not-granted`: no Allow can cover it.
   * - `unknown`: it depends on a value sfn-lint cannot see, or on a Deny's condition.
   */
  readonly decision: Decision;
  /** The deciding statement: the Deny for `denied`, the Allow for `allowed`. */
  readonly statement?: PolicyStatement;
  /** The deciding Allow carries a Condition, which sfn-lint does not evaluate. */
  readonly conditional: boolean;
  /** For `unknown`: the statements that may or may not apply. */
  readonly undecided: readonly PolicyStatement[];
}

export interface EvaluateOptions {
  /**
   * False when the needed resource is a fallback pattern for a target sfn-lint cannot name
   * (a `NeededPermission` with `exact: false`, such as `function:*` for a FunctionName read
   * from the input): an Allow on part of that family may be all the target needs, so it
   * makes the result `unknown` rather than `not-granted`. True by default.
   */
  readonly exact?: boolean;
}

/**
 * IAM evaluation of identity-policy statements for one action on one resource (symbolic
 * text, possibly a pattern; undefined when the resource is not known). Conditions are not
 * evaluated: a conditional Allow still grants (and the result says so), a conditional Deny
 * may or may not apply.
 */
export function evaluate(
  statements: readonly PolicyStatement[],
  action: string,
  resource: SymbolicText | undefined,
  template: Template | undefined,
  options: EvaluateOptions = {},
): Evaluation {
  const exact = options.exact ?? true;
  let allow: PolicyStatement | undefined;
  const undecided: PolicyStatement[] = [];
  const possibleDenies: PolicyStatement[] = [];
  for (const statement of statements) {
    const actionLevelValue = actionLevel(statement, action);
    if (actionLevelValue === NO) continue;
    const level = Math.min(actionLevelValue, resourceLevel(statement, resource, template, exact)) as Level;
    if (level === NO) continue;
    if (statement.effect === 'Deny') {
      if (level === YES && statement.conditions.length === 0) {
        return { decision: 'denied', statement, conditional: false, undecided: [] };
      }
      possibleDenies.push(statement);
    } else if (level === YES) {
      if (!allow || (allow.conditions.length > 0 && statement.conditions.length === 0)) allow = statement;
    } else {
      undecided.push(statement);
    }
  }
  if (allow && possibleDenies.length === 0) {
    return { decision: 'allowed', statement: allow, conditional: allow.conditions.length > 0, undecided: [] };
  }
  if (allow) return { decision: 'unknown', statement: allow, conditional: allow.conditions.length > 0, undecided: possibleDenies };
  if (undecided.length > 0) return { decision: 'unknown', conditional: false, undecided: [...undecided, ...possibleDenies] };
  return { decision: 'not-granted', conditional: false, undecided: [] };
}

// ---------------------------------------------------------------------------------------
// Statement shapes the rules ask about

/** An Allow of `*` on `*`: administrator access. */
export function grantsAll(statement: PolicyStatement): boolean {
  return (
    statement.effect === 'Allow' &&
    (statement.action?.some((entry) => entry.text !== undefined && actionWildcard(entry.text) === 'all') ?? false) &&
    (statement.resource?.some(isStarResource) ?? false)
  );
}

/** The Action entries of an Allow that use wildcards, with the kind of each. */
export function wildcardActions(
  statement: PolicyStatement,
): { readonly entry: PolicyEntry; readonly kind: 'all' | 'service' | 'partial' }[] {
  if (statement.effect !== 'Allow' || !statement.action) return [];
  const result: { entry: PolicyEntry; kind: 'all' | 'service' | 'partial' }[] = [];
  for (const entry of statement.action) {
    const kind = entry.text === undefined ? undefined : actionWildcard(entry.text);
    if (kind) result.push({ entry, kind });
  }
  return result;
}

/** A Resource entry that is exactly `*`. */
export function isStarResource(entry: PolicyEntry): boolean {
  return entry.text === '*';
}

/** True when some condition of the statement tests the key (case-insensitively, as IAM does). */
export function hasConditionKey(statement: PolicyStatement, key: string): boolean {
  const wanted = key.toLowerCase();
  return statement.conditions.some((condition) => condition.key?.toLowerCase() === wanted);
}
