import type { TSESTree } from '@typescript-eslint/utils';
import { AST_NODE_TYPES } from '@typescript-eslint/utils';

/**
 * What a name refers to in aws-cdk-lib: a module such as `aws-stepfunctions` (the root
 * module is ''), and a dotted name inside it (`StateMachine`, `LogLevel.ALL`,
 * `DefinitionBody.fromFile`), or '*' for the module itself.
 */
export interface CdkRef {
  readonly module: string;
  readonly name: string;
}

const ROOT = 'aws-cdk-lib';

/** The module a source string names, or undefined when it is not aws-cdk-lib. */
function cdkModule(source: string): string | undefined {
  if (source === ROOT) return '';
  if (source.startsWith(`${ROOT}/`)) return source.slice(ROOT.length + 1);
  return undefined;
}

/** `aws_stepfunctions` (a namespace export of the root module) → `aws-stepfunctions`. */
function namespaceModule(exported: string): string | undefined {
  return /^(aws|alexa)_[a-z0-9_]+$/.test(exported) ? exported.replace(/_/g, '-') : undefined;
}

/** Refines a reference by one property access. */
export function memberRef(object: CdkRef, property: string): CdkRef {
  if (object.name !== '*') return { module: object.module, name: `${object.name}.${property}` };
  if (object.module === '') return { module: namespaceModule(property) ?? '', name: namespaceModule(property) ? '*' : property };
  return { module: object.module, name: property };
}

/** The module-level names that aws-cdk-lib imports (and requires) bind in one file. */
export function cdkImports(program: TSESTree.Program): Map<string, CdkRef> {
  const names = new Map<string, CdkRef>();
  const bindModule = (local: string, module: string) => names.set(local, { module, name: '*' });
  const bindNamed = (local: string, module: string, imported: string) => names.set(local, memberRef({ module, name: '*' }, imported));
  for (const statement of program.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration) {
      const module = cdkModule(statement.source.value);
      if (module === undefined) continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportSpecifier) {
          const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          bindNamed(specifier.local.name, module, imported);
        } else {
          bindModule(specifier.local.name, module);
        }
      }
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      const reference = statement.moduleReference;
      if (reference.type === AST_NODE_TYPES.TSExternalModuleReference && reference.expression.type === AST_NODE_TYPES.Literal) {
        const module = cdkModule(String(reference.expression.value));
        if (module !== undefined) bindModule(statement.id.name, module);
      }
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const module = requiredModule(declarator.init);
        if (module === undefined) continue;
        if (declarator.id.type === AST_NODE_TYPES.Identifier) bindModule(declarator.id.name, module);
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type !== AST_NODE_TYPES.Property || property.key.type !== AST_NODE_TYPES.Identifier) continue;
            if (property.value.type === AST_NODE_TYPES.Identifier) bindNamed(property.value.name, module, property.key.name);
          }
        }
      }
    }
  }
  return names;
}

/** `require('aws-cdk-lib/…')`'s module. */
function requiredModule(init: TSESTree.Expression | null): string | undefined {
  if (init?.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const [argument] = init.arguments;
  if (init.callee.type !== AST_NODE_TYPES.Identifier || init.callee.name !== 'require') return undefined;
  if (argument?.type !== AST_NODE_TYPES.Literal || typeof argument.value !== 'string') return undefined;
  return cdkModule(argument.value);
}
