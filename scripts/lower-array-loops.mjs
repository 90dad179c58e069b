// Compiles the TypeScript projects the CLI bundle is made of, with every `for…of` loop over
// an array written as an index loop. The bundle runs mostly as unoptimised code (a short
// run never reaches TurboFan, see packages/cli/bin/sfn-lint.cjs), where each step of a
// `for…of` loop calls the array iterator and allocates its result object: some 65-100 ns
// a step against 25 ns indexed, and 6 MB of garbage on the 2,400-state benchmark machine.
// The sources keep the plain loops; only the bundle's input is rewritten, and only where
// the checker proves the iterable an array or a tuple, whose iterator is the built-in one.
import { mkdirSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';

/**
 * Emits each project (a folder with a tsconfig.json) as JavaScript under `outRoot`, at the
 * same relative path, with source maps pointing back at the TypeScript sources. Projects
 * it references must be built already (tsc -b): their declarations type the imports.
 * Returns the number of loops rewritten.
 *
 * One program types all the projects (without their references, which would stand the
 * referenced projects' declarations in for their sources; imports between them resolve to
 * the declarations anyway), and its checker is asked only about the loops; each
 * file is then compiled alone (as esbuild or isolatedModules would), since a program's own
 * emit first type-checks every file through, which would double the build's time.
 */
export function emitWithArrayLoopsLowered(projects, outRoot) {
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
  let lowered = 0;
  for (const { project, config } of configs) {
    const { rootDir } = config.options;
    for (const fileName of config.fileNames) {
      const source = program.getSourceFile(fileName);
      if (source === undefined) throw new Error(`${fileName} is not in the program.`);
      const loops = arrayLoopsOf(source, checker);
      lowered += loops.size;
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
        transformers: { before: [arrayLoopLowering(loops)] },
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
  return lowered;
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
 * The transformer that rewrites the loops `arrayLoopsOf` found, recognised by position in
 * a fresh parse of the same text.
 */
export function arrayLoopLowering(loops) {
  return (context) => {
    const visit = (node) => {
      const visited = ts.visitEachChild(node, visit, context);
      if (ts.isForOfStatement(node) && loops.has(`${node.pos}:${node.end}`)) return lower(context.factory, visited);
      return visited;
    };
    return (sourceFile) => ts.visitNode(sourceFile, visit);
  };
}

/**
 * `for (HEAD of LIST) BODY` becomes
 * `for (let i = 0, list = LIST; i < list.length; i++) { HEAD = list[i]; BODY }`, with BODY
 * kept a block of its own: a for…of body may redeclare the loop variable's name. The length
 * is read at every step, as the array iterator reads it.
 */
function lower(f, loop) {
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
