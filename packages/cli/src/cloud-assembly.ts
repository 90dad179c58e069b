import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The templates of a CDK cloud assembly (`cdk.out`): the stacks that `manifest.json`
 * lists, and the nested stacks' `*.nested.template.json` files beside them. Undefined when
 * the directory is not an assembly. Stages are assemblies of their own in `assembly-*`
 * folders, which the directory walk reaches as usual.
 */
export function cloudAssemblyTemplates(dir: string, names: readonly string[]): string[] | undefined {
  if (!names.includes('manifest.json') || !(names.includes('cdk.out') || names.includes('tree.json'))) return undefined;
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
  } catch {
    return undefined;
  }
  const artifacts = (manifest as { artifacts?: unknown })?.artifacts;
  if (typeof artifacts !== 'object' || artifacts === null) return undefined;
  const templates = new Set<string>();
  for (const artifact of Object.values(artifacts as Record<string, unknown>)) {
    const { type, properties } = (artifact ?? {}) as { type?: unknown; properties?: { templateFile?: unknown } };
    if (type === 'aws:cloudformation:stack' && typeof properties?.templateFile === 'string') templates.add(join(dir, properties.templateFile));
  }
  for (const name of names) if (name.endsWith('.nested.template.json')) templates.add(join(dir, name));
  return [...templates];
}

/** Asset folders of an assembly hold bundled code and files, never templates to lint. */
export function isAssetDirectory(name: string): boolean {
  return name.startsWith('asset.');
}
