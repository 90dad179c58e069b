#!/usr/bin/env node
try {
  const { main } = await import('../dist/sfn-lint.mjs');
  process.exitCode = await main(process.argv.slice(2));
} catch (error) {
  process.stderr.write(`sfn-lint: cannot start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 2;
}
