import type { JsonSchema } from '../rule.js';

export interface SettingSpec {
  /** The JSON Schema of the setting's value. */
  readonly schema: JsonSchema;
  /** What the setting changes, for the config schema's hover text and the README. */
  readonly description: string;
}

/**
 * The settings a config file may give, which rules read as `context.settings`. Kept in one
 * table so that the config schema rejects a misspelt setting instead of ignoring it.
 */
export const SETTINGS: Readonly<Record<string, SettingSpec>> = {
  machineType: {
    schema: { enum: ['STANDARD', 'EXPRESS'] },
    description:
      'The workflow type of standalone definitions (a template says it for its own state machines). express-unsupported ' +
      'reports what Express workflows cannot run only when this is EXPRESS.',
  },
  lambdaIdempotent: {
    schema: { type: 'boolean' },
    description:
      'false when Lambda functions must not run twice: idempotent-retry then reports retried Lambda invokes and ' +
      'lambda-transient-retry stops asking for retries. Default: true.',
  },
};
