// Compiles the TypeScript projects the CLI bundle is made of, with two rewrites for code
// that runs unoptimised. A short run never reaches TurboFan (packages/cli/bin/sfn-lint.cjs),
// and below it nothing removes what the sources write plainly:
// - each step of a `for…of` loop over an array calls the array iterator and allocates its
//   result object: some 65-100 ns a step against 25 ns for an index loop, and 4.7 MB of
//   the 34.6 MB a lint of the 2,400-state benchmark machine allocated;
// - each evaluation of a regular expression literal makes a new RegExp object: a `test`
//   with a literal inside a function takes twice as long as one with a constant.
// The sources keep their plain forms; only the bundle's input is rewritten, and only where
// nothing can tell: loops whose iterable the checker proves an array or a tuple (whose
// iterator is the built-in one), and literals without the g or y flag (whose lastIndex no
// method reads or keeps) that are at once the receiver of `test` or `exec`, or the pattern
// given to a string's `match`, `replace`, `search` or `split`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Emits each project (a folder with a tsconfig.json) as JavaScript under `outRoot`, at the
 * same relative path, with source maps pointing back at the TypeScript sources. Imports
 * of another project resolve to its declarations, so those must be built (tsc -b).
 * Returns how many loops and literals were rewritten.
 *
 * One program types all the projects (without their references, which would stand the
 * referenced projects' declarations in for their sources), and its checker is asked only
 * about the loops; each file is then compiled alone, as esbuild or isolatedModules would,
 * since a program's own emit first type-checks every file through, doubling the build.
 */
export function compileForBundle(projects, outRoot) {
  const configs = projects.map((project) => {
    const config = ts.getParsedCommandLineOfConfigFile(join(project, 'tsconfig.json'), {}, {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (diagnostic) => {
        throw new Error(ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
      },
    });
    return { project, config };
  });
  const program = ts.createProgram({
    rootNames: configs.flatMap(({ config }) => config.fileNames),
    options: { ...configs[0].config.options, rootDir: undefined, outDir: undefined, composite: false, incremental: false, noEmit: true },
  });
  const checker = program.getTypeChecker();
  const counts = { loops: 0, literals: 0 };
  for (const { project, config } of configs) {
    const { rootDir } = config.options;
    for (const fileName of config.fileNames) {
      const source = program.getSourceFile(fileName);
      if (source === undefined) throw new Error(`${fileName} is not in the program.`);
      const loops = arrayLoopsOf(source, checker);
      const outFile = resolve(outRoot, project, 'dist', relative(rootDir, fileName)).replace(/\.ts$/, '.js');
      const output = ts.transpileModule(source.text, {
        fileName,
        // Every project is an ES module package; alone, a file cannot look that up.
        compilerOptions: {
          ...config.options,
          module: ts.ModuleKind.ESNext,
          moduleResolution: ts.ModuleResolutionKind.Bundler,
          sourceMap: true,
          inlineSourceMap: false,
          declaration: false,
          composite: false,
          incremental: false,
        },
        transformers: { before: [bundleRewrites(loops, counts)] },
      });
      const map = JSON.parse(output.sourceMapText);
      map.file = basename(outFile);
      map.sources = [relative(dirname(outFile), fileName)];
      const code = output.outputText.replace(/\/\/# sourceMappingURL=.*$/m, `//# sourceMappingURL=${basename(outFile)}.map`);
      mkdirSync(dirname(outFile), { recursive: true });
      writeFileSync(outFile, code);
      writeFileSync(`${outFile}.map`, JSON.stringify(map));
    }
  }
  return counts;
}

/** The `for…of` loops of a file that go over an array or a tuple, each as `pos:end`. */
export function arrayLoopsOf(source, checker) {
  const loops = new Set();
  const visit = (node) => {
    if (ts.isForOfStatement(node) && node.awaitModifier === undefined) {
      const type = checker.getTypeAtLocation(node.expression);
      const parts = type.isUnion() ? type.types : [type];
      if (parts.every((part) => checker.isArrayType(part) || checker.isTupleType(part))) loops.add(`${node.pos}:${node.end}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return loops;
}

/**
 * The transformer: rewrites the loops `arrayLoopsOf` found (recognised by position in a
 * fresh parse of the same text), and moves the regular expression literals described at
 * the top of this file out of their functions, into constants at the top of the module.
 * `counts`, when given, adds up what was rewritten.
 */
export function bundleRewrites(loops, counts = { loops: 0, literals: 0 }) {
  return (context) => {
    const f = context.factory;
    return (sourceFile) => {
      const hoisted = [];
      let depth = 0;
      const visit = (node) => {
        if (ts.isRegularExpressionLiteral(node) && depth > 0 && isSharable(node)) {
          const name = f.createUniqueName('pattern');
          hoisted.push(f.createVariableStatement(undefined, f.createVariableDeclarationList([f.createVariableDeclaration(name, undefined, undefined, f.createRegularExpressionLiteral(node.text))], ts.NodeFlags.Const)));
          counts.literals++;
          return name;
        }
        const inFunction = ts.isFunctionLike(node);
        if (inFunction) depth++;
        const visited = ts.visitEachChild(node, visit, context);
        if (inFunction) depth--;
        if (ts.isForOfStatement(node) && loops.has(`${node.pos}:${node.end}`)) {
          counts.loops++;
          return lowerLoop(f, visited);
        }
        return visited;
      };
      const visited = ts.visitNode(sourceFile, visit);
      return hoisted.length === 0 ? visited : f.updateSourceFile(visited, [...hoisted, ...visited.statements]);
    };
  };
}

const SHARABLE_RECEIVER = new Set(['test', 'exec']);
const SHARABLE_ARGUMENT = new Set(['match', 'replace', 'search', 'split']);

/** A literal whose object nothing can tell from another: see the top of this file. */
function isSharable(literal) {
  const flags = literal.text.slice(literal.text.lastIndexOf('/') + 1);
  if (flags.includes('g') || flags.includes('y')) return false;
  const parent = literal.parent;
  if (ts.isPropertyAccessExpression(parent) && parent.expression === literal) {
    return SHARABLE_RECEIVER.has(parent.name.text) && ts.isCallExpression(parent.parent) && parent.parent.expression === parent;
  }
  if (ts.isCallExpression(parent) && parent.arguments[0] === literal && ts.isPropertyAccessExpression(parent.expression)) {
    return SHARABLE_ARGUMENT.has(parent.expression.name.text);
  }
  return false;
}

/**
 * `for (HEAD of LIST) BODY` becomes
 * `for (let i = 0, list = LIST; i < list.length; i++) { HEAD = list[i]; BODY }`, with BODY
 * kept a block of its own: a for…of body may redeclare the loop variable's name. The length
 * is read at every step, as the array iterator reads it.
 */
function lowerLoop(f, loop) {
  const index = f.createUniqueName('i');
  const list = f.createUniqueName('list');
  const element = f.createElementAccessExpression(list, index);
  let first;
  if (ts.isVariableDeclarationList(loop.initializer)) {
    const [declaration] = loop.initializer.declarations;
    first = f.createVariableStatement(
      undefined,
      f.createVariableDeclarationList(
        [f.createVariableDeclaration(declaration.name, undefined, undefined, element)],
        loop.initializer.flags & ts.NodeFlags.BlockScoped,
      ),
    );
  } else {
    first = f.createExpressionStatement(f.createAssignment(loop.initializer, element));
  }
  const head = f.createVariableDeclarationList(
    [f.createVariableDeclaration(index, undefined, undefined, f.createNumericLiteral(0)), f.createVariableDeclaration(list, undefined, undefined, loop.expression)],
    ts.NodeFlags.Let,
  );
  const rewritten = f.createForStatement(
    head,
    f.createLessThan(index, f.createPropertyAccessExpression(list, 'length')),
    f.createPostfixIncrement(index),
    f.createBlock([first, loop.statement], true),
  );
  return ts.setTextRange(ts.setOriginalNode(rewritten, loop), loop);
}
