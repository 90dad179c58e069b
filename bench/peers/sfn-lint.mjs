// sfn-lint's core API in one process (the built packages), for the in-process comparison:
// lintText with every rule, as the CLI calls it for a file named on the command line.
import { lintText } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { drive } from './driver.mjs';

await drive((text, file) => lintText(file, text, { rules, assumeDefinition: true }));
