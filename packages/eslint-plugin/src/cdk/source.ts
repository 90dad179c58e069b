import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES, ASTUtils } from '@typescript-eslint/utils';
import type * as ts from 'typescript';
import { cdkImports, memberRef, type CdkRef } from './imports.js';

type Node = TSESTree.Node;
type SourceCode = Readonly<TSESLint.SourceCode>;

/** A construct built in this file: `new tasks.LambdaInvoke(this, 'Id', props)` or `tasks.LambdaInvoke.jsonata(…)`. */
export interface Construction {
  readonly node: TSESTree.NewExpression | TSESTree.CallExpression;
  readonly ref: CdkRef;
  readonly args: readonly TSESTree.CallExpressionArgument[];
}

/** An object literal's properties, spreads of known objects merged in. */
export interface Props {
  readonly node: TSESTree.ObjectExpression;
  /** A spread or computed key hides what keys there are. */
  readonly open: boolean;
  property(key: string): TSESTree.Property | undefined;
  value(key: string): Node | undefined;
}

/** An array literal's elements, spreads of known arrays flattened. */
export interface Elements {
  readonly nodes: readonly Node[];
  readonly open: boolean;
}

/** Methods of CDK states that return the state itself, so a chain still is the construct. */
const RETURNS_RECEIVER = new Set(['addRetry', 'addCatch']);
const CDK_DECLARATION = /[\\/]aws-cdk-lib[\\/](aws-[a-z0-9-]+)[\\/]lib[\\/]/;

/**
 * What one TypeScript file builds with aws-cdk-lib, read from its syntax: which names are
 * CDK classes (by import), where values come from (through variables, `this.` fields,
 * helpers and their parameters in the same file), and, when the project gives the parser
 * type information, what CDK class a value's type derives from. Shared by every CDK rule of
 * one file.
 */
export class CdkSource {
  readonly calls: TSESTree.CallExpression[] = [];
  readonly news: TSESTree.NewExpression[] = [];
  /** Every `new` and call, where constructs are built, in source order. */
  private creations: (TSESTree.NewExpression | TSESTree.CallExpression)[] = [];
  private readonly imports: Map<string, CdkRef>;
  private readonly thisWrites = new Map<TSESTree.ClassBody, Map<string, Node[]>>();
  private readonly originCache = new Map<Node, readonly Node[]>();
  private readonly variableOrigins = new Map<object, Node[]>();
  private readonly constructionCache = new Map<Node, Construction | undefined>();
  /** Literals whose spreads are being expanded, so that `const o = { ...o }` ends. */
  private readonly expanding = new Set<Node>();
  private callsByFunction: Map<TSESTree.FunctionLike, TSESTree.CallExpression[]> | undefined;
  private readonly checker: ts.TypeChecker | undefined;

  constructor(private readonly sourceCode: SourceCode) {
    this.imports = cdkImports(sourceCode.ast);
    this.index(sourceCode.ast);
    const services = sourceCode.parserServices;
    this.checker = services?.program ? services.program.getTypeChecker() : undefined;
  }

  /** True when the file imports anything from aws-cdk-lib, or types can tell. */
  get relevant(): boolean {
    return this.imports.size > 0 || this.checker !== undefined;
  }

  private index(program: TSESTree.Program): void {
    const keys = this.sourceCode.visitorKeys as Record<string, readonly string[] | undefined>;
    const stack: Node[] = [program];
    while (stack.length > 0) {
      const node = stack.pop()!;
      if (node.type === AST_NODE_TYPES.CallExpression) this.calls.push(node);
      else if (node.type === AST_NODE_TYPES.NewExpression) this.news.push(node);
      else if (node.type === AST_NODE_TYPES.AssignmentExpression && node.operator === '=') this.noteThisWrite(node.left, node.right);
      else if (node.type === AST_NODE_TYPES.PropertyDefinition && node.value && !node.computed && node.key.type === AST_NODE_TYPES.Identifier) {
        this.noteField(node.parent as TSESTree.ClassBody, node.key.name, node.value);
      }
      for (const key of keys[node.type] ?? []) {
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) {
          for (let i = child.length - 1; i >= 0; i--) if (child[i] && typeof child[i].type === 'string') stack.push(child[i]);
        } else if (child && typeof (child as Node).type === 'string') stack.push(child as Node);
      }
    }
    // Source order, so that reports come out in reading order.
    this.calls.sort((a, b) => a.range[0] - b.range[0]);
    this.news.sort((a, b) => a.range[0] - b.range[0]);
    this.creations = [...this.news, ...this.calls].sort((a, b) => a.range[0] - b.range[0]);
  }

  private noteThisWrite(left: Node, right: Node): void {
    if (left.type !== AST_NODE_TYPES.MemberExpression || left.object.type !== AST_NODE_TYPES.ThisExpression) return;
    if (left.computed || left.property.type !== AST_NODE_TYPES.Identifier) return;
    const body = enclosingClass(left);
    if (body) this.noteField(body, left.property.name, right);
  }

  private noteField(body: TSESTree.ClassBody, name: string, value: Node): void {
    let fields = this.thisWrites.get(body);
    if (!fields) this.thisWrites.set(body, (fields = new Map()));
    const values = fields.get(name) ?? [];
    values.push(value);
    fields.set(name, values);
  }

  /** The aws-cdk-lib name an expression spells (`sfn.LogLevel.ALL`, `StateMachine`), through imports and constants. */
  refOf(expression: Node): CdkRef | undefined {
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = this.variableOf(node);
      const def = variable?.defs[0];
      if (def && (def.type === 'ImportBinding' || (def.type === 'Variable' && variable!.scope.type === 'module')) && this.imports.has(node.name)) {
        return this.imports.get(node.name);
      }
      const origins = this.origins(node);
      return origins.length === 1 && origins[0] !== node ? this.refOf(origins[0]) : undefined;
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) {
      const object = this.refOf(node.object);
      return object ? memberRef(object, node.property.name) : undefined;
    }
    return undefined;
  }

  /** The class a constructor expression names: by import, through a subclass in this file, or by type. */
  classOf(callee: Node): CdkRef | undefined {
    const direct = this.refOf(callee);
    if (direct) return direct;
    const node = unwrap(callee);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(node)?.defs[0];
      if (def?.type === 'ClassName' && def.node.type === AST_NODE_TYPES.ClassDeclaration && def.node.superClass) return this.classOf(def.node.superClass);
    }
    return undefined;
  }

  /** A construct built by this node, if it is a `new` or a static factory of a CDK class. */
  construction(node: Node): Construction | undefined {
    if (this.constructionCache.has(node)) return this.constructionCache.get(node);
    const found = this.findConstruction(node);
    this.constructionCache.set(node, found);
    return found;
  }

  private findConstruction(node: Node): Construction | undefined {
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const ref = this.classOf(node.callee) ?? this.typedRef(node);
      return ref ? { node, ref, args: node.arguments } : undefined;
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
      if (callee.property.name !== 'jsonata' && callee.property.name !== 'jsonPath') return undefined;
      const ref = this.classOf(callee.object);
      return ref && ref.module.startsWith('aws-stepfunctions') ? { node, ref, args: node.arguments } : undefined;
    }
    return undefined;
  }

  /** Every construct of a module built in this file, in source order; `names` narrows it to some classes. */
  constructions(module: string, names?: ReadonlySet<string>): Construction[] {
    const found: Construction[] = [];
    for (const node of this.creations) {
      const construction = this.construction(node);
      if (construction && construction.ref.module === module && (!names || names.has(construction.ref.name))) found.push(construction);
    }
    return found;
  }

  /** Whether a value is a construct of one of the classes: built in this file, or so typed. */
  isInstance(expression: Node, module: string, names: ReadonlySet<string>): boolean {
    for (const origin of this.origins(expression)) {
      const construction = this.construction(origin);
      if (construction) {
        if (construction.ref.module === module && names.has(construction.ref.name)) return true;
        continue;
      }
      const typed = this.typedRef(origin) ?? this.annotatedRef(origin);
      if (typed && typed.module === module && names.has(typed.name)) return true;
    }
    return false;
  }

  /**
   * The expressions a value may come from: through parentheses and type assertions,
   * constants and variables (every assignment), `this.` fields of the class, functions of
   * this file (their returns) and their parameters (the arguments of each call). An
   * expression this cannot see through is its own origin.
   */
  origins(expression: Node): readonly Node[] {
    const node = unwrap(expression);
    const cached = this.originCache.get(node);
    if (cached) return cached;
    // A cycle (a = f(a)) ends at the node itself.
    this.originCache.set(node, [node]);
    const result = dedupe(this.computeOrigins(node));
    this.originCache.set(node, result);
    return result;
  }

  private computeOrigins(node: Node): Node[] {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier:
        return this.identifierOrigins(node);
      case AST_NODE_TYPES.MemberExpression:
        return this.memberOrigins(node);
      case AST_NODE_TYPES.CallExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && RETURNS_RECEIVER.has(callee.property.name)) {
          return [...this.origins(callee.object)];
        }
        const fn = this.calleeFunction(node);
        const returns = fn ? returnedExpressions(fn) : [];
        return returns.length > 0 ? returns.flatMap((value) => this.origins(value)) : [node];
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return [...this.origins(node.consequent), ...this.origins(node.alternate)];
      case AST_NODE_TYPES.LogicalExpression:
        return [...this.origins(node.left), ...this.origins(node.right)];
      default:
        return [node];
    }
  }

  private identifierOrigins(node: TSESTree.Identifier): Node[] {
    const variable = this.variableOf(node);
    const def = variable?.defs[0];
    if (!variable || !def) return [node];
    if (def.type === 'Variable' && def.name.parent === def.node) {
      // Once per variable, not per reference: a `let` written a thousand times is read as often.
      let origins = this.variableOrigins.get(variable);
      if (!origins) {
        this.variableOrigins.set(variable, []);
        const writes = variable.references.flatMap((reference) => (reference.writeExpr ? [reference.writeExpr] : []));
        origins = dedupe(writes.flatMap((write) => this.origins(write)));
        this.variableOrigins.set(variable, origins);
      }
      return origins.length > 0 ? [...origins] : [node];
    }
    if (def.type === 'Parameter') {
      const fn = def.node as TSESTree.FunctionLike;
      const index = fn.params.findIndex((param) => parameterName(param) === node.name);
      const calls = index < 0 ? [] : this.callsOf(fn);
      if (calls.length === 0) return [node];
      return calls.flatMap((call) => {
        const argument = call.arguments[index];
        return argument && argument.type !== AST_NODE_TYPES.SpreadElement ? this.origins(argument) : [];
      });
    }
    if (def.type === 'FunctionName' || def.type === 'ClassName') return [def.node];
    return [node];
  }

  private memberOrigins(node: TSESTree.MemberExpression): Node[] {
    if (node.computed || node.property.type !== AST_NODE_TYPES.Identifier) return [node];
    const name = node.property.name;
    if (node.object.type === AST_NODE_TYPES.ThisExpression) {
      const body = enclosingClass(node);
      const values = body ? this.thisWrites.get(body)?.get(name) : undefined;
      return values ? values.flatMap((value) => this.origins(value)) : [node];
    }
    const objects = this.origins(node.object);
    const values: Node[] = [];
    for (const object of objects) {
      const props = object.type === AST_NODE_TYPES.ObjectExpression ? this.propsOf(object) : undefined;
      const value = props?.value(name);
      if (!value) return [node];
      values.push(...this.origins(value));
    }
    return values.length > 0 ? values : [node];
  }

  /** The function of this file that a call runs, if it can be told from the syntax. */
  calleeFunction(call: TSESTree.CallExpression): TSESTree.FunctionLike | undefined {
    const callee = unwrap(call.callee);
    if (callee.type === AST_NODE_TYPES.Identifier) {
      const def = this.variableOf(callee)?.defs[0];
      if (def?.type === 'FunctionName') return def.node as TSESTree.FunctionLike;
      if (def?.type === 'Variable' && def.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.init) return asFunction(def.node.init);
      return undefined;
    }
    if (callee.type === AST_NODE_TYPES.MemberExpression && callee.object.type === AST_NODE_TYPES.ThisExpression && callee.property.type === AST_NODE_TYPES.Identifier) {
      const body = enclosingClass(callee);
      return body ? classMethod(body, callee.property.name) : undefined;
    }
    return undefined;
  }

  /** The calls of this file to a function. */
  private callsOf(fn: TSESTree.FunctionLike): TSESTree.CallExpression[] {
    if (!this.callsByFunction) {
      this.callsByFunction = new Map();
      for (const call of this.calls) {
        const callee = this.calleeFunction(call);
        if (!callee) continue;
        const calls = this.callsByFunction.get(callee) ?? [];
        calls.push(call);
        this.callsByFunction.set(callee, calls);
      }
    }
    return this.callsByFunction.get(fn) ?? [];
  }

  /** An object literal's properties, when the value is one. */
  propsOf(expression: Node | undefined): Props | undefined {
    const node = expression && this.soleOrigin(expression);
    return node?.type === AST_NODE_TYPES.ObjectExpression ? this.expandOnce(node, () => this.readProps(node)) : undefined;
  }

  /** The one expression a value comes from, if there is just one. */
  private soleOrigin(expression: Node): Node | undefined {
    const origins = this.origins(expression);
    return origins.length === 1 ? origins[0] : undefined;
  }

  /** Reads a literal unless it is already being read further up, as in `const o = { ...o }`. */
  private expandOnce<T>(literal: Node, read: () => T): T | undefined {
    if (this.expanding.has(literal)) return undefined;
    this.expanding.add(literal);
    try {
      return read();
    } finally {
      this.expanding.delete(literal);
    }
  }

  private readProps(node: TSESTree.ObjectExpression): Props {
    const properties = new Map<string, TSESTree.Property>();
    let open = false;
    for (const property of node.properties) {
      if (property.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.propsOf(property.argument);
        if (!spread) open = true;
        else {
          open ||= spread.open;
          for (const key of spread.node.properties) {
            const name = key.type === AST_NODE_TYPES.Property ? propertyName(key) : undefined;
            if (name !== undefined) properties.set(name, key as TSESTree.Property);
          }
        }
        continue;
      }
      const name = propertyName(property);
      if (name === undefined) open = true;
      else properties.set(name, property);
    }
    return {
      node,
      open,
      property: (key) => properties.get(key),
      value: (key) => {
        const property = properties.get(key);
        if (!property) return undefined;
        // `{ role }` is `{ role: role }`.
        return property.value as Node;
      },
    };
  }

  /** An array literal's elements, when the value is one. */
  elementsOf(expression: Node | undefined): Elements | undefined {
    const array = expression && this.soleOrigin(expression);
    return array?.type === AST_NODE_TYPES.ArrayExpression ? this.expandOnce(array, () => this.readElements(array)) : undefined;
  }

  private readElements(array: TSESTree.ArrayExpression): Elements {
    const nodes: Node[] = [];
    let open = false;
    for (const element of array.elements) {
      if (!element) continue;
      if (element.type === AST_NODE_TYPES.SpreadElement) {
        const spread = this.elementsOf(element.argument);
        if (!spread) open = true;
        else {
          open ||= spread.open;
          nodes.push(...spread.nodes);
        }
      } else nodes.push(element);
    }
    return { nodes, open };
  }

  /** A string a value certainly is. */
  stringOf(expression: Node | undefined): string | undefined {
    if (!expression) return undefined;
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
    if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) return node.quasis[0].value.cooked ?? undefined;
    if (node.type === AST_NODE_TYPES.Identifier) {
      const origins = this.origins(node);
      return origins.length === 1 && origins[0] !== node ? this.stringOf(origins[0]) : undefined;
    }
    return undefined;
  }

  /** The aws-cdk-lib class a value's type is or derives from, when the parser has type information. */
  typedRef(expression: Node): CdkRef | undefined {
    if (!this.checker) return undefined;
    const services = this.sourceCode.parserServices!;
    const tsNode = services.esTreeNodeToTSNodeMap?.get(expression as never);
    if (!tsNode) return undefined;
    let type: ts.Type;
    try {
      type = this.checker.getTypeAtLocation(tsNode);
    } catch {
      return undefined;
    }
    const seen = new Set<ts.Type>();
    const queue: ts.Type[] = [type];
    while (queue.length > 0) {
      const current = queue.shift()!;
      if (seen.has(current)) continue;
      seen.add(current);
      const symbol = current.getSymbol();
      for (const declaration of symbol?.getDeclarations() ?? []) {
        const match = CDK_DECLARATION.exec(declaration.getSourceFile().fileName);
        if (match) return { module: match[1], name: symbol!.getName() };
      }
      if (current.isClassOrInterface()) queue.push(...(this.checker.getBaseTypes(current) ?? []));
    }
    return undefined;
  }

  /** The CDK class a parameter or variable is declared as (`machine: sfn.StateMachine`), read from its annotation. */
  annotatedRef(node: Node): CdkRef | undefined {
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = this.variableOf(node)?.defs[0];
    const name = def?.name;
    const annotation = name?.type === AST_NODE_TYPES.Identifier ? name.typeAnnotation?.typeAnnotation : undefined;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    return this.typeNameRef(annotation.typeName);
  }

  private typeNameRef(name: TSESTree.EntityName): CdkRef | undefined {
    if (name.type === AST_NODE_TYPES.Identifier) return this.imports.get(name.name);
    if (name.type === AST_NODE_TYPES.TSQualifiedName) {
      const left = this.typeNameRef(name.left);
      return left ? memberRef(left, name.right.name) : undefined;
    }
    return undefined;
  }

  /** The code of a node, as written. */
  text(node: Node): string {
    return this.sourceCode.getText(node);
  }

  private variableOf(node: TSESTree.Identifier) {
    return ASTUtils.findVariable(this.sourceCode.getScope(node), node);
  }
}

const sources = new WeakMap<object, CdkSource>();

/**
 * A rule's listener that checks the file once it is read whole, and only when it builds
 * something with aws-cdk-lib (or types can tell).
 */
export function onCdkFile(sourceCode: SourceCode, check: (source: CdkSource) => void): { 'Program:exit': () => void } {
  return {
    'Program:exit'() {
      const source = cdkSource(sourceCode);
      if (source.relevant) check(source);
    },
  };
}

/** The analysis of a file, built once and shared by the CDK rules. */
export function cdkSource(sourceCode: SourceCode): CdkSource {
  let source = sources.get(sourceCode);
  if (!source) sources.set(sourceCode, (source = new CdkSource(sourceCode)));
  return source;
}

/** Sees through parentheses (not in the tree), type assertions, `!`, `satisfies` and `?.`. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    switch (current.type) {
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSSatisfiesExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
      case AST_NODE_TYPES.TSTypeAssertion:
        current = current.expression;
        break;
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      default:
        return current;
    }
  }
}

function dedupe(nodes: Node[]): Node[] {
  return [...new Set(nodes)];
}

export function propertyName(property: TSESTree.Property | TSESTree.SpreadElement): string | undefined {
  if (property.type !== AST_NODE_TYPES.Property || property.computed) return undefined;
  if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
  if (property.key.type === AST_NODE_TYPES.Literal && typeof property.key.value === 'string') return property.key.value;
  return undefined;
}

function parameterName(param: TSESTree.Parameter): string | undefined {
  if (param.type === AST_NODE_TYPES.Identifier) return param.name;
  if (param.type === AST_NODE_TYPES.AssignmentPattern && param.left.type === AST_NODE_TYPES.Identifier) return param.left.name;
  if (param.type === AST_NODE_TYPES.TSParameterProperty) {
    const inner = param.parameter;
    if (inner.type === AST_NODE_TYPES.Identifier) return inner.name;
    if (inner.type === AST_NODE_TYPES.AssignmentPattern && inner.left.type === AST_NODE_TYPES.Identifier) return inner.left.name;
  }
  return undefined;
}

function asFunction(node: Node): TSESTree.FunctionLike | undefined {
  const inner = unwrap(node);
  return inner.type === AST_NODE_TYPES.ArrowFunctionExpression || inner.type === AST_NODE_TYPES.FunctionExpression ? inner : undefined;
}

function enclosingClass(node: Node): TSESTree.ClassBody | undefined {
  for (let current = node.parent; current; current = current.parent) if (current.type === AST_NODE_TYPES.ClassBody) return current;
  return undefined;
}

function classMethod(body: TSESTree.ClassBody, name: string): TSESTree.FunctionLike | undefined {
  for (const member of body.body) {
    if (member.type !== AST_NODE_TYPES.MethodDefinition && member.type !== AST_NODE_TYPES.PropertyDefinition) continue;
    if (member.computed || member.key?.type !== AST_NODE_TYPES.Identifier || member.key.name !== name) continue;
    if (member.type === AST_NODE_TYPES.MethodDefinition) return member.value;
    if (member.type === AST_NODE_TYPES.PropertyDefinition && member.value) return asFunction(member.value);
  }
  return undefined;
}

/** What a function returns: an arrow's expression body, or each `return` outside nested functions. */
function returnedExpressions(fn: TSESTree.FunctionLike): Node[] {
  if (!fn.body) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const found: Node[] = [];
  const visit = (node: Node | null | undefined): void => {
    if (!node || typeof node !== 'object') return;
    if (node.type === AST_NODE_TYPES.ReturnStatement) {
      if (node.argument) found.push(node.argument);
      return;
    }
    if (node.type === AST_NODE_TYPES.FunctionDeclaration || node.type === AST_NODE_TYPES.FunctionExpression || node.type === AST_NODE_TYPES.ArrowFunctionExpression) return;
    if (node.type === AST_NODE_TYPES.ClassDeclaration || node.type === AST_NODE_TYPES.ClassExpression) return;
    for (const [key, child] of Object.entries(node)) {
      if (key === 'parent') continue;
      if (Array.isArray(child)) for (const item of child) visit(item as Node);
      else if (child && typeof (child as Node).type === 'string') visit(child as Node);
    }
  };
  for (const statement of fn.body.body) visit(statement);
  return found;
}
