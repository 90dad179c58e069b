// Bundles the extension with esbuild: the client (the extension's main), the language
// server from the @sfn-lint/language-server workspace, and the graph webview's script with
// Mermaid. Everything the .vsix needs ends up in dist/, so it ships no node_modules.
// The extension is not a root workspace (its packages, in its own lockfile, stay out of the
// install that pre-commit runs for the hook): the client and the page resolve their packages
// from extension/node_modules (`npm ci --prefix extension`), while esbuild and the language
// server's packages come from the root install, by path, as a checkout has them.
//
//   node scripts/build.mjs [--production] [client|server|webview …]
import { existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';

const extensionRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const repositoryRoot = join(extensionRoot, '..');
export const dist = join(extensionRoot, 'dist');
export const serverEntry = join(repositoryRoot, 'packages/language-server/src/main.ts');

export const TARGETS = ['client', 'server', 'webview'];

// Third-party license notices stay, at the end of each bundle.
const common = { bundle: true, logLevel: 'warning', legalComments: 'eof' };

function options(target, production, outdir) {
  const mode = { minify: production, sourcemap: production ? false : 'linked' };
  switch (target) {
    case 'client':
      return {
        ...common,
        ...mode,
        entryPoints: [join(extensionRoot, 'src/extension.ts')],
        outfile: join(outdir, 'client.js'),
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        // The editor provides it.
        external: ['vscode'],
      };
    case 'server':
      return {
        ...common,
        ...mode,
        entryPoints: [serverEntry],
        outfile: join(outdir, 'server.js'),
        platform: 'node',
        target: 'node20',
        format: 'cjs',
        // The workspaces from source, as the tests use them: no build of theirs is needed.
        alias: {
          '@sfn-lint/core': join(repositoryRoot, 'packages/core/src/index.ts'),
          '@sfn-lint/rules': join(repositoryRoot, 'rules/index.ts'),
        },
        // jsonc-parser's ES module build has extensionless imports; bundled from it, it works.
        mainFields: ['module', 'main'],
        // The bundle is CommonJS: import.meta.url becomes the bundle's own file URL.
        define: { 'import.meta.url': '__sfnLintServerUrl' },
        banner: { js: "var __sfnLintServerUrl = require('node:url').pathToFileURL(__filename).href;" },
      };
    case 'webview':
      return {
        ...common,
        ...mode,
        // Mermaid is large; minified, the page loads it faster, and a source map would be 10 MB.
        minify: true,
        sourcemap: false,
        entryPoints: [join(extensionRoot, 'src/webview/main.ts')],
        outfile: join(outdir, 'webview.js'),
        platform: 'browser',
        target: 'es2022',
        format: 'iife',
      };
    default:
      throw new Error(`Unknown build target "${target}"; the targets are ${TARGETS.join(', ')}.`);
  }
}

/** Builds the given targets into dist/ (or `outdir`). The server needs packages/language-server. */
export async function buildExtension({ targets = TARGETS, production = false, outdir = dist } = {}) {
  if (targets.includes('server') && !existsSync(serverEntry)) {
    throw new Error(
      `Cannot bundle the language server: ${relative(repositoryRoot, serverEntry)} does not exist. ` +
        'The extension ships the @sfn-lint/language-server workspace as dist/server.js; build it from a checkout that has that workspace.',
    );
  }
  await Promise.all(targets.map((target) => build(options(target, production, outdir))));
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const targets = args.filter((arg) => !arg.startsWith('--'));
  try {
    await buildExtension({ targets: targets.length > 0 ? targets : TARGETS, production: args.includes('--production') });
  } catch (error) {
    console.error(`sfn-lint extension build: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  }
}
