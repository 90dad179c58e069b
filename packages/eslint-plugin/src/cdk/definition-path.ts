import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';
import { unwrap, type CdkSource } from './source.js';

type Node = TSESTree.Node;

/**
 * The text of a path expression as the CDK app computes it, where the syntax tells:
 * literals, constants, `__dirname`, `import.meta.dirname`, concatenation, template
 * literals, `path.join`/`path.resolve` and `fileURLToPath(new URL(…, import.meta.url))`.
 */
export function pathText(source: CdkSource, expression: Node, sourceFile: string): string | undefined {
  const node = unwrap(expression);
  const value = (child: Node): string | undefined => pathText(source, child, sourceFile);
  switch (node.type) {
    case AST_NODE_TYPES.Literal:
      return typeof node.value === 'string' ? node.value : undefined;
    case AST_NODE_TYPES.Identifier: {
      if (node.name === '__dirname') return dirname(sourceFile);
      if (node.name === '__filename') return sourceFile;
      const origins = source.origins(node);
      return origins.length === 1 && origins[0] !== node ? value(origins[0]) : undefined;
    }
    case AST_NODE_TYPES.MemberExpression:
      if (isImportMeta(node.object) && node.property.type === AST_NODE_TYPES.Identifier) {
        if (node.property.name === 'dirname') return dirname(sourceFile);
        if (node.property.name === 'filename') return sourceFile;
        if (node.property.name === 'url') return `file://${sourceFile}`;
      }
      return undefined;
    case AST_NODE_TYPES.TemplateLiteral: {
      let text = node.quasis[0].value.cooked ?? '';
      for (let i = 0; i < node.expressions.length; i++) {
        const part = value(node.expressions[i]);
        if (part === undefined) return undefined;
        text += part + (node.quasis[i + 1].value.cooked ?? '');
      }
      return text;
    }
    case AST_NODE_TYPES.BinaryExpression: {
      if (node.operator !== '+') return undefined;
      const left = value(node.left);
      const right = value(node.right);
      return left === undefined || right === undefined ? undefined : left + right;
    }
    case AST_NODE_TYPES.CallExpression:
      return callPath(source, node, sourceFile);
    case AST_NODE_TYPES.NewExpression: {
      // new URL('./x.asl.json', import.meta.url)
      if (node.callee.type !== AST_NODE_TYPES.Identifier || node.callee.name !== 'URL' || node.arguments.length !== 2) return undefined;
      const relative = value(node.arguments[0]);
      const base = value(node.arguments[1]);
      if (relative === undefined || base === undefined) return undefined;
      try {
        return new URL(relative, base.startsWith('file:') ? base : `file://${base}`).href;
      } catch {
        return undefined;
      }
    }
    default:
      return undefined;
  }
}

function callPath(source: CdkSource, call: TSESTree.CallExpression, sourceFile: string): string | undefined {
  const callee = unwrap(call.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier
        ? callee.property.name
        : undefined;
  const parts: string[] = [];
  for (const argument of call.arguments) {
    const part = argument.type === AST_NODE_TYPES.SpreadElement ? undefined : pathText(source, argument, sourceFile);
    if (part === undefined) return undefined;
    parts.push(part);
  }
  if (name === 'join' && parts.length > 0) return join(...parts);
  if (name === 'resolve' && parts.length > 0) return resolve(...parts);
  if (name === 'fileURLToPath' && parts.length === 1 && parts[0].startsWith('file:')) return fileURLToPath(parts[0]);
  return undefined;
}

function isImportMeta(node: Node): boolean {
  return node.type === AST_NODE_TYPES.MetaProperty && node.meta.name === 'import' && node.property.name === 'meta';
}
