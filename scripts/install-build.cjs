// Builds after `npm ci` / `npm install` in a checkout. A postinstall rather than a prepare
// script, so that `npm pack` (which pre-commit runs to install the hook, and whose output
// it reads as the tarball's name) prints nothing but that name. In an installed package
// there are no sources to build, and nothing happens.
'use strict';
const { existsSync } = require('node:fs');
const { execSync } = require('node:child_process');
const { join } = require('node:path');

const root = join(__dirname, '..');
if (existsSync(join(root, 'tsconfig.json')) && existsSync(join(root, 'packages', 'core', 'src'))) {
  execSync('npm run build', { cwd: root, stdio: 'inherit' });
}
