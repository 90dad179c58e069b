// Loads a bundled client (the path in argv[2]) with a stand-in for the `vscode` module,
// activates it with no document open, and prints what it registered as JSON. Any API the
// stand-in does not describe is a do-nothing function that returns more of the same.
'use strict';
const Module = require('node:module');

const commands = [];
const sections = [];
const disposable = { dispose() {} };

function standIn() {
  const target = function () {};
  return new Proxy(target, {
    get(object, key) {
      if (key === 'then') return undefined;
      if (!(key in object)) object[key] = standIn();
      return object[key];
    },
    apply: () => standIn(),
    construct: () => standIn(),
  });
}

// Every name the API declares at its top level, so that `import * as vscode` sees them all.
const declarations = require('node:fs').readFileSync(require.resolve('@types/vscode/index.d.ts'), 'utf8');
const vscode = {};
for (const [, name] of declarations.matchAll(/^\texport (?:namespace|class|enum|const|let|function) (\w+)/gm)) vscode[name] = standIn();
Object.assign(vscode, {
  commands: {
    registerCommand(id) {
      commands.push(id);
      return disposable;
    },
    executeCommand: async () => undefined,
  },
  workspace: Object.assign(standIn(), {
    textDocuments: [],
    getConfiguration(section) {
      sections.push(section ?? '');
      return { get: (_key, fallback) => fallback, has: () => false, inspect: () => undefined, update: async () => undefined };
    },
    onDidOpenTextDocument: () => disposable,
    onDidChangeConfiguration: () => disposable,
  }),
  languages: Object.assign(standIn(), { match: () => 0 }),
});

const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? vscode : load.call(this, request, ...rest);
};

const extension = require(process.argv[2]);
const context = { subscriptions: [], asAbsolutePath: (path) => path, extensionUri: standIn(), extensionPath: '.' };
Promise.resolve(extension.activate(context)).then(
  () => {
    process.stdout.write(JSON.stringify({ exports: Object.keys(extension).sort(), commands, sections, subscriptions: context.subscriptions.length }));
  },
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
