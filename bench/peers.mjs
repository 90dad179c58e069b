// The tools sfn-lint is compared with, installed as bench/'s own dev dependencies (bench/ is
// a package of its own, so the root `npm ci` that CI runs never installs them), and how to
// run each: its command line for one file, and a driver (bench/peers/*.mjs) that loads its
// library once for many files or repeated calls.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const here = (path) => fileURLToPath(new URL(path, import.meta.url));
const modules = here('./node_modules/');

export const sfnLint = {
  name: 'sfn-lint',
  cli: (files) => [here('../packages/cli/bin/sfn-lint.cjs'), ...files],
  driver: here('./peers/sfn-lint.mjs'),
};

export const peers = [
  {
    name: '@wmfs/statelint',
    package: '@wmfs/statelint',
    cli: (files) => [`${modules}@wmfs/statelint/bin/statelint.js`, ...files],
    driver: here('./peers/statelint.mjs'),
  },
  {
    name: 'asl-validator',
    package: 'asl-validator',
    cli: (files) => [`${modules}asl-validator/dist/bin/asl-validator.js`, '--silent', ...files.flatMap((file) => ['--json-path', file])],
    driver: here('./peers/asl-validator.mjs'),
  },
  {
    // It has no command line: the driver, run on one file, is its whole-process form.
    name: 'amazon-states-language-service',
    package: 'amazon-states-language-service',
    cli: (files) => [here('./peers/language-service.mjs'), ...files],
    driver: here('./peers/language-service.mjs'),
  },
];

/**
 * Installs the peers from bench/package-lock.json when any is missing. None needs an install
 * script: the only one in the tree, core-js-pure's postinstall, prints a banner.
 */
export function ensurePeers() {
  if (peers.every((peer) => existsSync(`${modules}${peer.package}/package.json`))) return;
  console.log('Installing the peers into bench/node_modules (npm ci --prefix bench)…');
  const result = spawnSync('npm', ['ci', '--prefix', here('.'), '--no-audit', '--no-fund'], { stdio: 'inherit' });
  if (result.status !== 0) throw new Error('npm ci --prefix bench failed');
}
