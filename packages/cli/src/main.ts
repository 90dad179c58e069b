import { parseCommand, POLICY_USAGE, USAGE } from './args.js';
import type { ConfigFileError } from '@sfn-lint/core';
import { sourceStack } from './stack-trace.js';
import { standardError, standardOutput } from './standard-streams.js';
import { UsageError } from './usage-error.js';
import { version } from './version.js';

/** Runs sfn-lint with the given arguments and returns the exit code: 0 clean, 1 problems, 2 failure. */
export async function main(argv: readonly string[]): Promise<number> {
  try {
    const command = parseCommand(argv);
    if (command.kind === 'help') {
      standardOutput.write(`${USAGE}\n`);
      return 0;
    }
    if (command.kind === 'rule') {
      const { ruleDocumentation } = await import('./rule-docs.js');
      standardOutput.write(ruleDocumentation(command.id));
      return 0;
    }
    if (command.kind === 'policy-help') {
      standardOutput.write(`${POLICY_USAGE}\n`);
      return 0;
    }
    if (command.kind === 'policy') {
      const { runPolicy } = await import('./policy.js');
      return runPolicy(command.options, { cwd: process.cwd(), env: process.env, stdout: standardOutput, stderr: standardError });
    }
    if (command.kind === 'graph-help' || command.kind === 'graph') {
      const { runGraphCommand } = await import('./graph-command.js');
      return runGraphCommand(command, { cwd: process.cwd(), env: process.env, stdout: standardOutput, stderr: standardError });
    }
    if (command.kind === 'version') {
      standardOutput.write(`${version()}\n`);
      return 0;
    }
    // Loaded only now, so that --help and --version stay instant.
    const { run } = await import('./run.js');
    return await run(command.options, { cwd: process.cwd(), env: process.env, stdout: standardOutput, stderr: standardError });
  } catch (error) {
    // Recognised by name: importing core's class here would load core before --help needs it.
    if (error instanceof Error && error.name === 'ConfigFileError') {
      standardError.write(`${(error as ConfigFileError).lines.join('\n')}\n`);
    } else if (error instanceof UsageError) {
      standardError.write(`sfn-lint: ${error.message}\nRun "sfn-lint --help" for usage.\n`);
    } else {
      const debug = Boolean(process.env.SFN_LINT_DEBUG);
      const detail = error instanceof Error ? (debug && error.stack !== undefined ? sourceStack(error.stack) : error.message) : String(error);
      standardError.write(`sfn-lint: internal error: ${detail}\n${debug ? '' : 'Set SFN_LINT_DEBUG=1 for the stack trace. '}Please report this.\n`);
    }
    return 2;
  }
}

/** Calls `done` once what the command wrote has been handed on: the bin exits right after. */
export { afterStandardStreamsFlushed as afterOutputFlushed } from './standard-streams.js';

/** The body of a lint worker thread, which bin/sfn-lint.cjs runs in place of main. */
export async function serveLintWorker(): Promise<void> {
  const { serveLintJobs } = await import('./lint-worker.js');
  serveLintJobs();
}
