import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Diagnostic, LintResult } from '@sfn-lint/core';
import { lintText, parseDocument, readTemplate, templateMachines, templateRoots } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';
import { corpusFiles, corpusPresent, corpusRelative, corpusRoot } from './corpus-files.js';

const fixtures = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

function readRelated(fromFile: string, path: string): { file: string; text: string } | undefined {
  const file = resolve(dirname(fromFile), path);
  try {
    return { file, text: readFileSync(file, 'utf8') };
  } catch {
    return undefined;
  }
}

function lintFixture(path: string): { result: LintResult; text: string } {
  const file = resolve(fixtures, path);
  const text = readFileSync(file, 'utf8');
  return { result: lintText(file, text, { rules, readRelated }), text };
}

/** The exact template characters a diagnostic covers. */
function covered(text: string, diagnostic: Diagnostic): string {
  return text.slice(diagnostic.range.start, diagnostic.range.end);
}

function only(result: LintResult, ruleId: string): Diagnostic[] {
  return result.diagnostics.filter((d) => d.ruleId === ruleId);
}

describe('CloudFormation JSON with a DefinitionString built by Fn::Join', () => {
  const { result, text } = lintFixture('cloudformation/join-definition.template.json');

  it('finds the state machine and names it in each finding', () => {
    expect(result.templateMachines?.map((m) => [m.logicalId, m.source])).toEqual([['Flow', 'string']]);
    // Definition findings carry the machine; template-level ones (the role, logging) name it in their message.
    for (const diagnostic of result.diagnostics.filter((d) => d.state)) expect(diagnostic.machine).toBe('Flow');
  });

  it('points at the exact characters inside the escaped JSON string', () => {
    const [missing] = only(result, 'no-missing-state');
    expect(covered(text, missing)).toBe('\\"Missing\\"');
    expect(missing.state).toBe('Orphan');
    const [unreachable] = only(result, 'no-unreachable-state');
    expect(covered(text, unreachable)).toBe('\\"Orphan\\"');
  });

  it('reads the Join parts as references, so the Lambda call is recognised', () => {
    const [retry] = only(result, 'lambda-transient-retry');
    expect(retry.state).toBe('Work');
  });
});

describe('SAM YAML', () => {
  const { result, text } = lintFixture('sam/template.yaml');

  it('finds every state machine and how its definition is given', () => {
    expect(result.templateMachines?.map((m) => [m.logicalId, m.source, m.machineType])).toEqual([
      ['FileFlow', 'file', undefined],
      ['InlineFlow', 'object', 'EXPRESS'],
      ['SubFlow', 'string', undefined],
    ]);
    const fileFlow = result.templateMachines![0];
    expect(fileFlow.substitutions.get('WorkerArn')).toBe('${Worker.Arn}');
    expect(fileFlow.substitutions.get('QueueUrl')).toBe('${Orders}');
  });

  it('maps a !Sub block scalar back onto the template', () => {
    const [missing] = only(result, 'no-missing-state');
    expect(missing.machine).toBe('SubFlow');
    expect(covered(text, missing)).toBe('"Nowhere"');
  });

  it('runs the definition rules on a Definition object, with the template\'s machine type', () => {
    const [express] = only(result, 'express-unsupported');
    expect(express.machine).toBe('InlineFlow');
    expect(covered(text, express)).toBe('arn:aws:states:::sqs:sendMessage.waitForTaskToken');
  });

  it('lints a DefinitionUri file in place, as part of its template', () => {
    const [included] = result.included ?? [];
    expect(included?.file).toBe(resolve(fixtures, 'sam/statemachine/flow.asl.json'));
    expect(included?.machines.map((m) => m.name)).toEqual(['FileFlow']);
  });

  it('says when a DefinitionUri file cannot be read', () => {
    const broken = text.replace('statemachine/flow.asl.json', 'statemachine/absent.asl.json');
    const lint = lintText(resolve(fixtures, 'sam/template.yaml'), broken, { rules, readRelated });
    const [problem] = lint.diagnostics.filter((d) => d.ruleId === 'parse-error');
    expect(problem.message).toContain('"statemachine/absent.asl.json" of "FileFlow" cannot be read');
    expect(broken.slice(problem.range.start, problem.range.end)).toBe('statemachine/absent.asl.json');
  });

  it('says a 10 MB DefinitionUri cannot be read without asking for it, in a message of readable length', () => {
    const path = `statemachine/${'🚀('.repeat(3_000_000)}.asl.json`;
    const broken = text.replace('statemachine/flow.asl.json', path);
    const asked: string[] = [];
    const lint = lintText(resolve(fixtures, 'sam/template.yaml'), broken, { rules, readRelated: (from, name) => (asked.push(name), readRelated(from, name)) });
    const [problem] = lint.diagnostics.filter((d) => d.ruleId === 'parse-error');
    expect(asked).toEqual([]);
    expect(problem.message).toBe(`The definition file "statemachine/${'🚀('.repeat(23)}🚀…" of "FileFlow" cannot be read, so it was not checked. Check the path: it is relative to this template.`);
    expect(broken.slice(problem.range.start, problem.range.end)).toBe(path);
  });
});

describe('Serverless Framework', () => {
  const { result, text } = lintFixture('serverless/serverless.yml');

  it('reads stepFunctions.stateMachines, inline and ${file(…)}', () => {
    expect(result.templateMachines?.map((m) => [m.label, m.source, m.definitionFile])).toEqual([
      ['fromFile (OrdersFromFile)', 'file', './statemachine/flow.asl.yml'],
      ['inline (OrdersInline)', 'object', undefined],
    ]);
    const [missing] = only(result, 'no-missing-state');
    expect(covered(text, missing)).toBe('Gone');
    const included = result.included?.[0];
    expect(included?.diagnostics.filter((d) => d.ruleId === 'no-missing-state').map((d) => d.machine)).toEqual(['fromFile (OrdersFromFile)']);
  });
});

describe('CDK output', () => {
  it('names findings by their aws:cdk:path', () => {
    const { result, text } = lintFixture('cdk.out/OrdersStack.template.json');
    const [choice] = only(result, 'require-choice-default');
    expect(choice.machine).toBe('OrdersStack/Flow');
    expect(covered(text, choice)).toBe('\\"Check\\"');
    const nested = lintFixture('cdk.out/OrdersStackAuditNested.nested.template.json');
    expect(only(nested.result, 'no-dead-end').map((d) => d.machine)).toEqual(['OrdersStack/Audit/AuditFlow']);
  });
});

describe('template-level findings', () => {
  it('name the state machines that share a role in machines, and the one they are about in machine', () => {
    const text = [
      'Resources:',
      '  SharedRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: all',
      '          PolicyDocument:',
      '            Statement:',
      "              - { Effect: Allow, Action: '*', Resource: '*' }",
      ...['Flow', 'Audit'].flatMap((id) => [
        `  ${id}:`,
        '    Type: AWS::StepFunctions::StateMachine',
        '    Properties:',
        '      RoleArn: !GetAtt SharedRole.Arn',
        '      Definition: { StartAt: A, States: { A: { Type: Succeed } } }',
      ]),
      '',
    ].join('\n');
    const diagnostics = lintText('t.yaml', text, { rules }).diagnostics;
    expect(diagnostics.filter((d) => d.ruleId === 'iam-no-wildcard-action').map((d) => [d.machine, d.machines])).toEqual([[undefined, ['Flow', 'Audit']]]);
    expect(diagnostics.filter((d) => d.ruleId === 'require-logging').map((d) => [d.machine, d.machines])).toEqual([
      ['Flow', undefined],
      ['Audit', undefined],
    ]);
  });
});

describe('definitions that cannot be checked', () => {
  it('gives an info diagnostic for DefinitionS3Location', () => {
    const text = JSON.stringify({
      Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionS3Location: { Bucket: 'b', Key: 'k' } } } },
    });
    const [diagnostic] = lintText('t.json', text, { rules }).diagnostics.filter((d) => d.ruleId === 'unchecked-definition');
    expect(diagnostic).toMatchObject({ ruleId: 'unchecked-definition', severity: 'info', machines: ['Flow'] });
    expect(diagnostic.message).toContain('"Flow" is in S3');
  });

  it('reports a syntax error inside a DefinitionString at its place in the template', () => {
    const text = JSON.stringify({ Resources: { Flow: { Type: 'AWS::StepFunctions::StateMachine', Properties: { DefinitionString: '{"StartAt": "A", "States": {"A": {"Type": "Pass", "End": true},}}' } } } });
    const errors = lintText('t.json', text, { rules }).diagnostics.filter((d) => d.ruleId === 'parse-error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toMatch(/^DefinitionString: Trailing comma/);
    expect(text.slice(errors[0].range.start, errors[0].range.end)).toBe(',');
  });

  it('reads a Join part it cannot resolve as a placeholder and says so', () => {
    const text = JSON.stringify({
      Resources: {
        Flow: {
          Type: 'AWS::StepFunctions::StateMachine',
          Properties: { DefinitionString: { 'Fn::Join': ['', ['{"StartAt": "A", "States": {"A": {"Type": "Wait", "Seconds": ', { 'Fn::If': ['Fast', 1, 60] }, ', "End": true}}}']] } },
        },
      },
    });
    const diagnostics = lintText('t.json', text, { rules }).diagnostics.filter((d) => d.ruleId !== 'require-logging' && d.ruleId !== 'require-tracing');
    expect(diagnostics.map((d) => d.ruleId)).toEqual(['unchecked-definition']);
  });
});

describe.skipIf(!corpusPresent)('templates of the corpus', () => {
  it('finds every state machine of the power-tuning template, whose YAML closes a flow map at its key\'s indentation', () => {
    const file = resolve(corpusRoot, 'real/alexcasalboni+aws-lambda-power-tuning/template.yml');
    const document = parseDocument(file, readFileSync(file, 'utf8'));
    expect(document.problems).toEqual([]);
    const machines = templateRoots(document).flatMap((root) => templateMachines(readTemplate(document, root)));
    expect(machines.map((m) => [m.logicalId, m.source])).toEqual([['powerTuningStateMachine', 'file']]);
  });
});
describe.skipIf(!corpusPresent)('exact positions in templates others wrote', () => {
  const lintCorpus = (path: string) => {
    const file = resolve(corpusRoot, path);
    const text = readFileSync(file, 'utf8');
    return { text, result: lintText(file, text, { rules, readRelated }) };
  };
  const find = (result: LintResult, ruleId: string, state: string) => result.diagnostics.find((d) => d.ruleId === ruleId && d.state === state);

  it('CDK output: a JSONata call inside a DefinitionString built with Fn::Join', () => {
    const { text, result } = lintCorpus(
      'real/evzzk+aws-cdk/packages/@aws-cdk-testing/framework-integ/test/aws-stepfunctions/test/integ.map-with-catch.js.snapshot/aws-stepfunctions-map-with-catch.template.json',
    );
    const finding = find(result, 'valid-jsonata', 'DistributedMap')!;
    expect(covered(text, finding)).toBe('\\"{% $invalidFunction() %}\\"');
    expect(finding.machine).toBe('StateMachine2E01A3A5');
  });

  it('SAM YAML: a Choice in a DefinitionString written as a !Sub block', () => {
    const { text, result } = lintCorpus('real/aws-samples+aws-step-functions-etl-pipeline-pattern/template.yml');
    expect(covered(text, find(result, 'require-choice-default', 'Validation Success?')!)).toBe('"Validation Success?"');
  });

  it('a nested SAM CLI stack: a Definition object with !GetAtt in its Resource', () => {
    const { text, result } = lintCorpus('tool-tests/aws+aws-sam-cli/tests/integration/testdata/logs/nested-python-apigw-sfn/child-stack/grand-child-stack/template.yaml');
    expect(covered(text, find(result, 'lambda-transient-retry', 'CallFunction')!)).toBe('!GetAtt SfnFunction.Arn');
  });
});
if (!corpusPresent) console.warn(`tests/templates.test.ts: ${corpusRoot} is absent, so the corpus template checks are skipped.`);

describe.skipIf(!corpusPresent)('every state machine of the corpus templates', () => {
  // The YAML of this template is invalid: a folded Description at column 0 swallows the next key.
  const unreadable = new Set(['real/aws-samples+step-functions-workflows-collection/event-sourcing/template.yaml']);

  it('is found in each file that declares one, and none crashes', () => {
    const missed: string[] = [];
    let templates = 0;
    let machines = 0;
    for (const file of corpusFiles()) {
      const text = readFileSync(file, 'utf8');
      if (!/AWS::(StepFunctions|Serverless)::StateMachine|stepFunctions:/.test(text)) continue;
      const document = parseDocument(file, text);
      const found = templateRoots(document).flatMap((root) => templateMachines(readTemplate(document, root)));
      if (templateRoots(document).length > 0) templates++;
      machines += found.length;
      const declares = /(^|\n)\s*"?Type"?\s*:\s*['"]?AWS::(StepFunctions|Serverless)::StateMachine\b|(^|\n)\s*stateMachines\s*:/.test(text);
      if (declares && found.length === 0 && !unreadable.has(corpusRelative(file))) missed.push(corpusRelative(file));
    }
    console.log(`corpus templates: ${templates} templates, ${machines} state machines`);
    expect(missed).toEqual([]);
  });
});
