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
    id: 'invalid-directive',
    meta: {
      description: 'A suppression directive that cannot work as written',
      category: 'document',
      severity: 'error',
      recommended: true,
      docs: {
        whatItDoes:
          'Reports a suppression that names a rule sfn-lint does not have, names `parse-error` or `internal-error` (which cannot be suppressed), ' +
          'misspells its keyword (`# sfn-lint-disable-nextline`), uses a YAML-only keyword in a `Comment`, or gives template `Metadata` ' +
          'another shape than `sfn-lint: { ignore: [rule-id, …], reason: "…" }`. The rest of the directive still works.',
        why: 'A misspelt rule id suppresses nothing, so the finding it was meant to silence stays, or, worse, the directive looks as if it were reviewed and working. Reporting it keeps every suppression in the file meaningful.',
        examples: {
          invalid: [
            {
              language: 'yaml',
              code: 'StartAt: Start\nStates:\n  Start:\n    Type: Pass\n    End: true\n  # sfn-lint-disable-next-line no-unreachable-stat -- kept for the next release\n  Later:\n    Type: Pass\n    End: true\n',
            },
          ],
          valid: [
            {
              language: 'yaml',
              code: 'StartAt: Start\nStates:\n  Start:\n    Type: Pass\n    End: true\n  # sfn-lint-disable-next-line no-unreachable-state -- kept for the next release\n  Later:\n    Type: Pass\n    End: true\n',
            },
          ],
        },
        whenNotToUse: 'Leave it on: a directive that does nothing should be fixed or removed.',
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
          'Reports a syntax error in the JSON or YAML text: a missing comma or quote, a trailing comma, a comment in JSON, an unclosed object, an alias that expands without bound. Reading goes on after the error, and whatever still parses is analysed by the other rules. Past the first 100 syntax errors in a file, one more finding says how many follow.',
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
  defineRule({
    id: 'unused-disable-directive',
    meta: {
      description: 'A suppression directive that suppresses nothing',
      category: 'document',
      severity: 'warning',
      recommended: false,
      docs: {
        whatItDoes:
          'With `--report-unused-disable-directives` (the `reportUnusedDisableDirectives` option of the API), reports each rule id of an ' +
          '`sfn-lint-disable` comment, a `Comment` directive or a template\'s `sfn-lint` Metadata that no finding of that rule needed, and ' +
          'each directive without rule ids that suppressed nothing. Rules that are off in the run are not reported: the directive may be ' +
          'needed where they are on.',
        why: 'A suppression outlives the problem it hid: once the state is fixed, the directive stays and would silently hide the next real finding of that rule there. Reporting it lets reviewers remove it.',
        examples: {
          invalid: [
            {
              language: 'yaml',
              code: 'StartAt: Start\nStates:\n  # sfn-lint-disable-next-line no-unreachable-state\n  Start:\n    Type: Pass\n    End: true\n',
            },
          ],
          valid: [{ language: 'yaml', code: 'StartAt: Start\nStates:\n  Start:\n    Type: Pass\n    End: true\n' }],
        },
        whenNotToUse: 'It runs only when asked for; turn it on in CI to keep suppressions current.',
      },
    },
  }),
];

