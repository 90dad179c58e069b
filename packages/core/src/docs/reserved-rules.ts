import type { RuleDefinition } from '../rule.js';
import { defineRule } from '../rule.js';

/**
 * Ids the engine itself reports. They have docs like any rule, but no check: the
 * document layer finds syntax errors and the engine reports rules that fail.
 */
export const reservedRules: readonly RuleDefinition[] = [
  defineRule({
    id: 'internal-error',
    meta: {
      description: 'A rule failed while checking this file',
      category: 'document',
      severity: 'error',
      recommended: true,
      docs: {
        whatItDoes:
          'Reports that a rule threw an exception on this file. The other rules still ran, and their findings are shown.',
        why: 'It is a bug in sfn-lint, not in your file. Reporting it with the file lets us fix it; until then, the failing rule has not checked the file.',
        examples: { invalid: [], valid: [] },
        whenNotToUse: 'It cannot be turned off: a silent failure would hide that a rule did not run.',
      },
    },
  }),
  defineRule({
    id: 'parse-error',
    meta: {
      description: 'The file is not valid JSON or YAML',
      category: 'document',
      severity: 'error',
      recommended: true,
      docs: {
        whatItDoes:
          'Reports a syntax error in the JSON or YAML text: a missing comma or quote, a trailing comma, a comment in JSON, an unclosed object, an alias that expands without bound. Reading goes on after the error, and whatever still parses is analysed by the other rules.',
        why: 'AWS rejects a definition that is not valid JSON, so it fails at deploy time. Reading on after the error means one typo does not hide every other finding.',
        examples: {
          invalid: [{ code: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed" },\n  }\n}' }],
          valid: [{ code: '{\n  "StartAt": "A",\n  "States": {\n    "A": { "Type": "Succeed" }\n  }\n}' }],
        },
        whenNotToUse: 'It cannot be turned off: nothing else can be trusted in a file that does not parse.',
      },
    },
  }),
  defineRule({
    id: 'unchecked-definition',
    meta: {
      description: 'A state machine in a template whose definition sfn-lint could not read',
      category: 'template',
      severity: 'info',
      recommended: true,
      docs: {
        whatItDoes:
          'Says that a state machine of a CloudFormation, SAM or Serverless template was not checked, or only partly: its definition is in S3 (`DefinitionS3Location`, an `s3://` `DefinitionUri`), in a file nobody asked sfn-lint to read, or built with an intrinsic function whose value is known only at deployment (`Fn::If`, `Fn::Select`), which is then read as a placeholder.',
        why: 'A clean result should mean "checked and fine", not "skipped". This tells you which definitions the other rules did not see, so you can point sfn-lint at a local copy.',
        examples: { invalid: [], valid: [] },
        whenNotToUse: 'Turn it off (`--rule unchecked-definition:off`) when the S3 definitions are linted elsewhere.',
      },
    },
  }),
];

