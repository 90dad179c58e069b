import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { MessageConnection } from 'vscode-jsonrpc/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Entry } from 'yauzl';
import { serverEntry } from '../scripts/build.mjs';
import { normalizeConfigurationResult } from '../src/settings.js';
import { extensionPackagesFor, requireExtensionPackages } from './extension-packages.js';
import { activateBundle } from './stand-in-vscode.js';

// The package a user installs, built by the same script as `npm run package:vscode`. It
// bundles the language server, so it can only be built in a checkout that has one.
const extensionRoot = join(import.meta.dirname, '..');
const repositoryRoot = join(extensionRoot, '..');
const serverPresent = existsSync(serverEntry);
if (!serverPresent) {
  console.warn('extension/test/vsix.test.ts: packages/language-server is not in this checkout, so the .vsix (which bundles it) is not built or checked.');
}
const packagesPresent = serverPresent && extensionPackagesFor('extension/test/vsix.test.ts', 'the .vsix is not built or checked');

async function readZip(file: string): Promise<Map<string, Buffer>> {
  // yauzl and vscode-jsonrpc are the extension's own packages, loaded once they are known to be there.
  const { default: yauzl } = await import('yauzl');
  return new Promise((resolve, reject) => {
    const entries = new Map<string, Buffer>();
    yauzl.open(file, { lazyEntries: true }, (error, zip) => {
      if (error) return reject(error);
      zip.on('error', reject);
      zip.on('end', () => resolve(entries));
      zip.on('entry', (entry: Entry) => {
        zip.openReadStream(entry, (streamError, stream) => {
          if (streamError) return reject(streamError);
          const chunks: Buffer[] = [];
          stream.on('data', (chunk: Buffer) => chunks.push(chunk));
          stream.on('end', () => {
            entries.set(entry.fileName, Buffer.concat(chunks));
            zip.readEntry();
          });
        });
      });
      zip.readEntry();
    });
  });
}

describe.skipIf(!packagesPresent)('the .vsix', () => {
  const work = mkdtempSync(join(tmpdir(), 'sfn-lint-vsix-'));
  let entries: Map<string, Buffer>;
  let manifest: Record<string, any>;
  const file = (name: string) => {
    const content = entries.get(`extension/${name.replace(/^\.\//, '')}`);
    if (!content) throw new Error(`${name} is not in the .vsix`);
    return content;
  };

  beforeAll(async () => {
    requireExtensionPackages();
    const vsix = join(work, 'sfn-lint.vsix');
    const run = spawnSync('npm', ['run', 'package', '--', '--out', vsix], { cwd: extensionRoot, encoding: 'utf8' });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    entries = await readZip(vsix);
    manifest = JSON.parse(file('package.json').toString('utf8'));
  }, 300_000);
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('holds the bundled client, server and webview, the languages, icon, README, CHANGELOG and license, and no node_modules', () => {
    expect([...entries.keys()].sort()).toEqual([
      '[Content_Types].xml',
      'extension.vsixmanifest',
      'extension/LICENSE.txt',
      'extension/changelog.md',
      'extension/dist/client.js',
      'extension/dist/server.js',
      'extension/dist/webview.js',
      'extension/images/icon.png',
      'extension/languages/asl-yaml.language-configuration.json',
      'extension/languages/asl-yaml.tmLanguage.json',
      'extension/languages/asl.language-configuration.json',
      'extension/languages/asl.tmLanguage.json',
      'extension/package.json',
      'extension/readme.md',
    ]);
    expect([...entries.keys()].filter((name) => name.includes('node_modules'))).toEqual([]);
    const icon = file(manifest.icon);
    expect(icon.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([icon.readUInt32BE(16), icon.readUInt32BE(20)]).toEqual([128, 128]);
    const readme = file('readme.md').toString('utf8');
    expect(readme).toContain('sfn-lint: Show State Graph');
    // Images in the README point to the repository, where the marketplace can load them.
    expect(readme).toMatch(/!\[[^\]]*\]\(https:\/\/github\.com\/sfn-lint\/sfn-lint\/raw\/HEAD\/extension\/images\/state-graph-light\.png\)/);
    expect(file('changelog.md').toString('utf8')).toContain(`## ${manifest.version}`);
    const vsixManifest = entries.get('extension.vsixmanifest')!.toString('utf8');
    expect(vsixManifest).toContain(`Id="${manifest.name}"`);
    expect(vsixManifest).toContain(`Publisher="${manifest.publisher}"`);
  });

  it('contributes the languages, settings, commands and activation events', () => {
    expect(manifest.main).toBe('./dist/client.js');
    expect(manifest.engines.vscode).toMatch(/^\^1\.\d+\.0$/);
    const { languages, grammars, configuration, commands } = manifest.contributes;
    expect(languages.map(({ id, extensions }: { id: string; extensions: string[] }) => ({ id, extensions }))).toEqual([
      { id: 'asl', extensions: ['.asl.json'] },
      { id: 'asl-yaml', extensions: ['.asl.yaml', '.asl.yml'] },
    ]);
    for (const language of languages) JSON.parse(file(language.configuration).toString('utf8'));
    // Highlighting without the AWS Toolkit: each language reuses VS Code's own grammar.
    const included = Object.fromEntries(grammars.map((grammar: { language: string; path: string }) => [grammar.language, JSON.parse(file(grammar.path).toString('utf8')).patterns]));
    expect(included).toEqual({ asl: [{ include: 'source.json' }], 'asl-yaml': [{ include: 'source.yaml' }] });
    expect(Object.keys(configuration.properties).sort()).toEqual(['sfnLint.enable', 'sfnLint.rules.customizations', 'sfnLint.run', 'sfnLint.trace.server', 'sfnLint.validate']);
    expect(configuration.properties['sfnLint.run'].enum).toEqual(['onType', 'onSave']);
    expect(configuration.properties['sfnLint.trace.server'].enum).toEqual(['off', 'messages', 'verbose']);
    expect(commands.map(({ command, title, category }: Record<string, string>) => `${category}: ${title} (${command})`)).toEqual([
      'sfn-lint: Show State Graph (sfnLint.showStateGraph)',
      'sfn-lint: Restart Server (sfnLint.restartServer)',
      'sfn-lint: Fix All (sfnLint.fixAll)',
    ]);
    expect(manifest.activationEvents).toEqual(expect.arrayContaining(['onLanguage:asl', 'onLanguage:asl-yaml']));
    // Nothing is installed with the extension: what it runs is in dist/.
    expect(manifest.dependencies ?? {}).not.toHaveProperty('vscode');
  });

  it('has a client that activates and registers the commands', () => {
    const client = join(work, 'client.js');
    writeFileSync(client, file('dist/client.js'));
    expect(activateBundle(client).commands.sort()).toEqual(['sfnLint.fixAll', 'sfnLint.restartServer', 'sfnLint.showStateGraph']);
  });

  describe('its language server, over stdio', () => {
    let server: ChildProcess;
    let connection: MessageConnection;
    beforeAll(async () => {
      const { createMessageConnection, StreamMessageReader, StreamMessageWriter } = await import('vscode-jsonrpc/node');
      const bundle = join(work, 'server.js');
      writeFileSync(bundle, file('dist/server.js'));
      server = spawn(process.execPath, [bundle, '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
      connection = createMessageConnection(new StreamMessageReader(server.stdout!), new StreamMessageWriter(server.stdin!));
      // Answer the server's questions as VS Code would: default settings, registrations accepted.
      connection.onRequest('workspace/configuration', (params: { items: { section?: string }[] }) =>
        normalizeConfigurationResult(params.items, params.items.map(() => null)),
      );
      connection.onRequest('client/registerCapability', () => null);
      connection.onRequest('window/workDoneProgress/create', () => null);
      connection.listen();
    });
    afterAll(async () => {
      await connection.sendRequest('shutdown').catch(() => undefined);
      await connection.sendNotification('exit').catch(() => undefined);
      connection.dispose();
      server.kill();
    });

    it('starts, and draws the state graph of an open document', async () => {
      const initialized = await connection.sendRequest<{ capabilities: Record<string, unknown> }>('initialize', {
        processId: process.pid,
        rootUri: pathToFileURL(repositoryRoot).href,
        capabilities: { workspace: { configuration: true } },
      });
      expect(initialized.capabilities).toBeTypeOf('object');
      await connection.sendNotification('initialized', {});
      const path = join(repositoryRoot, 'fixtures/examples/order-workflow.asl.json');
      const uri = pathToFileURL(path).href;
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId: 'asl', version: 1, text: readFileSync(path, 'utf8') } });
      const graph = await connection.sendRequest<{ mermaid: string } | null>('sfnLint/stateGraph', { uri });
      expect(graph?.mermaid).toMatch(/^\s*(flowchart|graph)\b/);
      for (const state of ['Validate order', 'Is it valid?', 'Charge card', 'Ship order', 'Refund', 'Tell customer']) expect(graph!.mermaid).toContain(state);
    }, 60_000);
  });
});
