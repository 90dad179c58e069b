import type { Diagnostic } from '../diagnostic.js';

/** The message as shown: prefixed with the state machine's name when the file is a template holding several. */
export function displayMessage(diagnostic: Diagnostic): string {
  return diagnostic.machine ? `${diagnostic.machine}: ${diagnostic.message}` : diagnostic.message;
}
