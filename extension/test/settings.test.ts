import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ASL_FILE_PATTERN, documentSelector } from '../src/document-selector.js';
import { DEFAULT_SETTINGS, normalizeConfigurationResult, normalizeSettings } from '../src/settings.js';

const manifest = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const properties: Record<string, { default: unknown; enum?: string[]; items?: { properties?: { severity?: { enum: string[] } } } }> =
  manifest.contributes.configuration.properties;

describe('normalizeSettings', () => {
  it('gives the defaults the manifest declares for missing settings', () => {
    expect(normalizeSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(properties['sfnLint.enable'].default).toBe(DEFAULT_SETTINGS.enable);
    expect(properties['sfnLint.run'].default).toBe(DEFAULT_SETTINGS.run);
    expect(properties['sfnLint.validate'].default).toEqual(DEFAULT_SETTINGS.validate);
    expect(properties['sfnLint.rules.customizations'].default).toEqual(DEFAULT_SETTINGS.rules.customizations);
    expect(properties['sfnLint.trace.server'].default).toBe(DEFAULT_SETTINGS.trace.server);
  });

  it('keeps valid settings as they are, nested as VS Code nests dotted names', () => {
    const settings = {
      enable: false,
      run: 'onSave',
      validate: ['**/template.yaml', '**/cdk.out/*.template.json'],
      rules: { customizations: [{ rule: 'iam-*', severity: 'info' }, { rule: '!require-*', severity: 'downgrade' }] },
      trace: { server: 'verbose' },
    };
    expect(normalizeSettings(settings)).toEqual(settings);
  });

  it('accepts every value the manifest offers', () => {
    for (const run of properties['sfnLint.run'].enum!) expect(normalizeSettings({ run }).run).toBe(run);
    for (const server of properties['sfnLint.trace.server'].enum!) expect(normalizeSettings({ trace: { server } }).trace.server).toBe(server);
    for (const severity of properties['sfnLint.rules.customizations'].items!.properties!.severity!.enum) {
      expect(normalizeSettings({ rules: { customizations: [{ rule: 'x', severity }] } }).rules.customizations).toEqual([{ rule: 'x', severity }]);
    }
  });

  it('replaces values of the wrong type or out of range with the defaults', () => {
    expect(normalizeSettings({ enable: 'no', run: 'always', validate: '**/*.json', rules: [], trace: { server: 'loud' } })).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings(['enable'])).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('trims globs and drops empty, duplicate and non-string ones', () => {
    expect(normalizeSettings({ validate: [' **/template.yaml ', '', 42, '**/template.yaml', null, 'cdk.out/**'] }).validate).toEqual(['**/template.yaml', 'cdk.out/**']);
  });

  it('drops malformed customizations and reads the config files’ spellings of severities', () => {
    const customizations = [
      { rule: 'no-missing-state', severity: 'WARNING' },
      { rule: 'states-all-last', severity: 'information' },
      { rule: ' ', severity: 'error' },
      { rule: '!', severity: 'error' },
      { rule: 'x', severity: 'fatal' },
      { rule: 'x' },
      'no-missing-state:off',
      { rule: 7, severity: 'off' },
    ];
    expect(normalizeSettings({ rules: { customizations } }).rules.customizations).toEqual([
      { rule: 'no-missing-state', severity: 'warn' },
      { rule: 'states-all-last', severity: 'info' },
    ]);
  });
});

describe('normalizeConfigurationResult', () => {
  it('normalizes the sfnLint items of a workspace/configuration answer and passes the others through', () => {
    const items = [{ section: 'sfnLint', scopeUri: 'file:///a.asl.json' }, { section: 'editor' }, {}];
    const editor = { tabSize: 7 };
    expect(normalizeConfigurationResult(items, [{ run: 'never' }, editor, null])).toEqual([DEFAULT_SETTINGS, editor, null]);
  });
});

describe('documentSelector', () => {
  it('selects the ASL languages in any scheme and definition files by name', () => {
    expect(documentSelector([])).toEqual([{ language: 'asl' }, { language: 'asl-yaml' }, { scheme: 'file', pattern: ASL_FILE_PATTERN }]);
  });

  it('adds the validate globs for files on disk, once each', () => {
    expect(documentSelector(['**/template.yaml', ASL_FILE_PATTERN])).toEqual([
      { language: 'asl' },
      { language: 'asl-yaml' },
      { scheme: 'file', pattern: ASL_FILE_PATTERN },
      { scheme: 'file', pattern: '**/template.yaml' },
    ]);
  });

  it('selects the languages the manifest contributes', () => {
    const languages = documentSelector([]).flatMap((filter) => (filter.language ? [filter.language] : []));
    expect(languages).toEqual(manifest.contributes.languages.map((language: { id: string }) => language.id));
  });
});
