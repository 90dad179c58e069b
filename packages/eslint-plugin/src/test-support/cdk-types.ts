import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

// aws-cdk-lib and constructs, whose real types the type-aware CDK tests read, are installed
// with the sample CDK app (npm ci --prefix fixtures/cdk-app), out of the root install:
// pre-commit installs a hook's dev dependencies, and aws-cdk-lib is about 190 MB.
// typed/tsconfig.json maps their imports there. CI installs them (.ci/run), so there a
// missing one is a failure, not a skip.
export const cdkApp = fileURLToPath(new URL('../../../../fixtures/cdk-app/', import.meta.url));
const installed = ['aws-cdk-lib', 'constructs'].every((name) => existsSync(join(cdkApp, 'node_modules', name, 'package.json')));
const mustRun = process.env.CI === 'true';

/** Whether the tests that need aws-cdk-lib's types run here; if not, says so, naming `what` is skipped. */
export function cdkTypesFor(what: string): boolean {
  if (installed || mustRun) return true;
  console.warn(`${what}: aws-cdk-lib is not installed in fixtures/cdk-app (npm ci --prefix fixtures/cdk-app), so the checks with its types are skipped.`);
  return false;
}

/** Throws when aws-cdk-lib is missing (in CI, where the tests that need it still run). */
export function requireCdkTypes(): void {
  if (!installed) throw new Error('aws-cdk-lib is not installed in fixtures/cdk-app: run npm ci --prefix fixtures/cdk-app.');
}
