/**
 * The process's stdout and stderr, as the commands write to them, made on first use.
 *
 * A clean lint, what a pre-commit hook sees nearly every time, writes nothing at all, and
 * making Node's stream for a standard output loads Node's stream modules: about 4 ms of a
 * run that spends some 60 ms outside Node's own start-up. So nothing here touches
 * `process.stdout` or `process.stderr` until there is text to write.
 */

/** Where a command writes text: a standard output, or a test's stand-in. */
export interface TextOutput {
  write(text: string): unknown;
  /** Whether it is a terminal, which is asked only when colour could matter. */
  readonly isTTY?: boolean;
}

let streamsMade = false;
let warned = false;

/** Node writes its own warnings to stderr; the exit then waits for them as for ours. */
process.once('warning', () => {
  warned = true;
});

function stdoutStream(): NodeJS.WriteStream {
  if (!streamsMade) {
    streamsMade = true;
    // `sfn-lint … | head` closes the pipe early; that is not a failure.
    process.stdout.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') process.exitCode = 2;
    });
  }
  return process.stdout;
}

function stderrStream(): NodeJS.WriteStream {
  stdoutStream();
  return process.stderr;
}

export const standardOutput: TextOutput = {
  write: (text) => stdoutStream().write(text),
  get isTTY() {
    return stdoutStream().isTTY;
  },
};

export const standardError: TextOutput = {
  write: (text) => stderrStream().write(text),
  get isTTY() {
    return stderrStream().isTTY;
  },
};

/**
 * Calls `done` once everything written to stdout and stderr has been handed to the
 * system: at once when nothing was. Writes to a pipe or a terminal can still be queued
 * (on macOS and Windows), and the bin exits the process right after.
 */
export function afterStandardStreamsFlushed(done: () => void): void {
  if (!streamsMade && !warned) {
    done();
    return;
  }
  process.stdout.write('', () => process.stderr.write('', done));
}
