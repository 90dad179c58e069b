import { docsUrlFor } from '@sfn-lint/core';
import { ESLintUtils } from '@typescript-eslint/utils';

/** What a CDK rule's page says beyond its one-line description; the examples run as tests. */
export interface CdkRuleDocs {
  readonly description: string;
  readonly recommended: boolean;
  readonly whatItDoes: string;
  readonly why: string;
  readonly examples: { readonly invalid: readonly string[]; readonly valid: readonly string[] };
  readonly whenNotToUse?: string;
}

/** Rules whose docs URL is their generated page under docs/rules/, like every sfn-lint rule. */
export const createRule = ESLintUtils.RuleCreator<CdkRuleDocs>((name) => docsUrlFor(name));
