import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../scripts/build.mjs';
import { extensionPackagesFor, requireExtensionPackages } from './extension-packages.js';
import { activateBundle } from './stand-in-vscode.js';

const extensionRoot = join(import.meta.dirname, '..');
const packagesPresent = extensionPackagesFor('extension/test/client-bundle.test.ts', 'the bundled client is not built or checked');

describe.skipIf(!packagesPresent)('the bundled client', () => {
  // Built apart from dist/, which packaging the .vsix may be writing meanwhile.
  const outdir = mkdtempSync(join(tmpdir(), 'sfn-lint-client-'));
  beforeAll(() => {
    requireExtensionPackages();
    return buildExtension({ targets: ['client'], outdir });
  });
  afterAll(() => rmSync(outdir, { recursive: true, force: true }));

  it('activates and registers the commands the manifest contributes, and no others', () => {
    const manifest = JSON.parse(readFileSync(join(extensionRoot, 'package.json'), 'utf8'));
    const activated = activateBundle(join(outdir, 'client.js'));
    expect(activated.exports).toEqual(['activate', 'deactivate']);
    expect(activated.commands.sort()).toEqual(manifest.contributes.commands.map((command: { command: string }) => command.command).sort());
    // The settings were read; with no ASL document open, the server is not started.
    expect(activated.sections).toContain('');
    expect(activated.subscriptions).toBe(4);
  });
});
