import { LineMap, lintText, reservedRules, type LintOptions, type LintResult } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { describe, expect, it } from 'vitest';

/** Each finding as `rule line:column-endLine:endColumn` (1-based), with the state path when it has one. */
function found(result: LintResult, text: string): string[] {
  const lines = new LineMap(text);
  return result.diagnostics.map((d) => {
    const start = lines.position(d.range.start);
    const end = lines.position(d.range.end);
    const state = d.statePath ? ` ${d.statePath.join('/')}` : '';
    return `${d.ruleId} ${start.line}:${start.column}-${end.line}:${end.column}${state}`;
  });
}

function lint(file: string, text: string, options: Partial<LintOptions> = {}) {
  const result = lintText(file, text, { rules, assumeDefinition: true, ...options });
  return { result, found: found(result, text), messages: result.diagnostics.map((d) => d.message) };
}

/** Two Tasks without retriers (a Lambda invoke and a DynamoDB write) and a state nothing reaches. */
function yamlMachine(comments: { beforeInvoke?: string; beforeSave?: string; beforeOrphan?: string; top?: string } = {}): string {
  return [
    ...(comments.top ? [comments.top] : []),
    'StartAt: Invoke',
    'States:',
    ...(comments.beforeInvoke ? [`  ${comments.beforeInvoke}`] : []),
    '  Invoke:',
    '    Type: Task',
    '    Resource: arn:aws:states:::lambda:invoke',
    '    Parameters: { FunctionName: worker }',
    '    Next: Save',
    ...(comments.beforeSave ? [`  ${comments.beforeSave}`] : []),
    '  Save:',
    '    Type: Task',
    '    Resource: arn:aws:states:::dynamodb:putItem',
    '    Parameters: { TableName: orders, Item: { id: { S: x } } }',
    '    End: true',
    ...(comments.beforeOrphan ? [`  ${comments.beforeOrphan}`] : []),
    '  Orphan:',
    '    Type: Succeed',
    '',
  ].join('\n');
}

describe('YAML comment directives', () => {
  it('finds the three findings without directives', () => {
    const text = yamlMachine();
    expect(lint('m.asl.yaml', text).found).toEqual([
      'lambda-transient-retry 5:15-5:45 Invoke',
      'require-retry 10:15-10:48 Save',
      'no-unreachable-state 13:3-13:9 Orphan',
    ]);
  });

  it('sfn-lint-disable-next-line silences the named rules on the next line that is not a comment, and counts them', () => {
    const text = yamlMachine({ beforeOrphan: '# sfn-lint-disable-next-line no-unreachable-state -- kept for the next release\n\n  # Orphan is wired in next month' });
    const { result, found: diagnostics } = lint('m.asl.yaml', text);
    expect(diagnostics).toEqual(['lambda-transient-retry 5:15-5:45 Invoke', 'require-retry 10:15-10:48 Save']);
    expect(result.suppressed).toBe(1);
  });

  it('sfn-lint-disable-next-line applies to the line after it only, and to its rules only', () => {
    const text = yamlMachine({ beforeSave: '# sfn-lint-disable-next-line require-retry, no-unreachable-state' });
    // The finding of require-retry is on the Resource line, three lines below the directive.
    expect(lint('m.asl.yaml', text).found).toEqual([
      'lambda-transient-retry 5:15-5:45 Invoke',
      'require-retry 11:15-11:48 Save',
      'no-unreachable-state 14:3-14:9 Orphan',
    ]);
  });

  it('sfn-lint-disable-line silences the findings that start on its own line', () => {
    const text = yamlMachine().replace('Resource: arn:aws:states:::dynamodb:putItem', 'Resource: arn:aws:states:::dynamodb:putItem # sfn-lint-disable-line');
    expect(lint('m.asl.yaml', text).found).toEqual(['lambda-transient-retry 5:15-5:45 Invoke', 'no-unreachable-state 13:3-13:9 Orphan']);
  });

  it('sfn-lint-disable … sfn-lint-enable silences a range, for every rule or the named ones', () => {
    const all = yamlMachine({ beforeInvoke: '# sfn-lint-disable -- generated part', beforeOrphan: '# sfn-lint-enable' });
    expect(lint('m.asl.yaml', all).found).toEqual(['no-unreachable-state 15:3-15:9 Orphan']);
    const named = yamlMachine({ top: '# sfn-lint-disable require-retry, no-unreachable-state' });
    expect(lint('m.asl.yaml', named).found).toEqual(['lambda-transient-retry 6:15-6:45 Invoke']);
    const reopened = yamlMachine({ top: '# sfn-lint-disable', beforeSave: '# sfn-lint-enable require-retry' });
    expect(lint('m.asl.yaml', reopened).found).toEqual(['require-retry 12:15-12:48 Save']);
  });

  it('does not read a directive in a string or a block scalar', () => {
    const parameters = ['    Parameters:', '      FunctionName: "worker # sfn-lint-disable"', '      Payload:', '        note: |', '          # sfn-lint-disable', ''].join('\n');
    const text = yamlMachine().replace('    Parameters: { FunctionName: worker }\n', parameters);
    expect(lint('m.asl.yaml', text).found.map((f) => f.split(' ')[0])).toEqual(['lambda-transient-retry', 'require-retry', 'no-unreachable-state']);
  });

  it('reports an unknown rule id or keyword as invalid-directive, at its place', () => {
    const text = yamlMachine({ beforeOrphan: '# sfn-lint-disable-next-line no-unreachable-stat', beforeSave: '# sfn-lint-disabled require-retry' });
    const { found: diagnostics, messages } = lint('m.asl.yaml', text);
    expect(diagnostics).toEqual([
      'lambda-transient-retry 5:15-5:45 Invoke',
      'invalid-directive 8:5-8:22',
      'require-retry 11:15-11:48 Save',
      'invalid-directive 14:32-14:51',
      'no-unreachable-state 15:3-15:9 Orphan',
    ]);
    expect(messages[1]).toBe(
      '"sfn-lint-disabled" is not an sfn-lint directive: did you mean "sfn-lint-disable"? The directives are sfn-lint-disable, sfn-lint-enable, sfn-lint-disable-line, sfn-lint-disable-next-line.',
    );
    expect(messages[3]).toBe('"no-unreachable-stat" is not a rule id, so the directive suppresses nothing for it. Did you mean "no-unreachable-state"?');
  });

  it('cannot silence a syntax error', () => {
    const text = '# sfn-lint-disable\nStartAt: A\nStates:\n  A: {Type: Succeed\n';
    expect(lint('m.asl.yaml', text).found.map((f) => f.split(' ')[0])).toContain('parse-error');
    const named = lint('m.asl.yaml', '# sfn-lint-disable parse-error\nStartAt: A\nStates: { A: { Type: Succeed } }\n');
    expect(named.found).toEqual(['invalid-directive 1:20-1:31']);
    expect(named.messages).toEqual(['"parse-error" cannot be suppressed: fix what it reports instead.']);
  });
});

describe('Comment directives in definitions', () => {
  const json = (comments: { top?: string; fan?: string; call?: string }) =>
    JSON.stringify(
      {
        ...(comments.top ? { Comment: comments.top } : {}),
        StartAt: 'Fan',
        States: {
          Fan: {
            Type: 'Parallel',
            ...(comments.fan ? { Comment: comments.fan } : {}),
            Branches: [
              {
                StartAt: 'Call',
                States: {
                  Call: { Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f' }, End: true, ...(comments.call ? { Comment: comments.call } : {}) },
                  Lost: { Type: 'Succeed' },
                },
              },
            ],
            Next: 'Save',
          },
          Save: { Type: 'Task', Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: {} }, End: true },
        },
      },
      null,
      2,
    );

  it('finds three findings without directives', () => {
    expect(lint('m.asl.json', json({})).found).toEqual([
      'lambda-transient-retry 12:27-12:59 Fan/Call',
      'no-unreachable-state 18:13-18:19 Fan/Lost',
      'require-retry 28:19-28:54 Save',
    ]);
  });

  it("a state's Comment covers that state and the states nested in it, not its siblings", () => {
    const onFan = json({ fan: 'Runs the workers. sfn-lint-disable lambda-transient-retry, no-unreachable-state -- the workers retry themselves' });
    const { result, found: diagnostics } = lint('m.asl.json', onFan);
    expect(diagnostics).toEqual(['require-retry 29:19-29:54 Save']);
    expect(result.suppressed).toBe(2);
    const onCall = json({ call: 'sfn-lint-disable' });
    expect(lint('m.asl.json', onCall).found).toEqual(['no-unreachable-state 19:13-19:19 Fan/Lost', 'require-retry 29:19-29:54 Save']);
  });

  it('the top-level Comment covers the whole definition', () => {
    expect(lint('m.asl.json', json({ top: 'sfn-lint-disable require-retry, no-unreachable-state -- a prototype' })).found).toEqual(['lambda-transient-retry 13:27-13:59 Fan/Call']);
  });

  it('works in YAML definitions too', () => {
    const text = yamlMachine().replace('  Save:\n', '  Save:\n    Comment: sfn-lint-disable require-retry -- the write is idempotent\n');
    expect(lint('m.asl.yaml', text).found).toEqual(['lambda-transient-retry 5:15-5:45 Invoke', 'no-unreachable-state 14:3-14:9 Orphan']);
  });

  it('reports an unknown rule id at its place in the Comment', () => {
    const text = json({ call: 'sfn-lint-disable lambda-transient-rety' });
    const { found: diagnostics, messages } = lint('m.asl.json', text);
    expect(diagnostics[1]).toBe('invalid-directive 17:44-17:65');
    expect(messages[1]).toBe('"lambda-transient-rety" is not a rule id, so the directive suppresses nothing for it. Did you mean "lambda-transient-retry"?');
  });
});

describe('Metadata of state machines in templates', () => {
  const template = (metadata: { flow?: readonly string[]; audit?: readonly string[] }) =>
    [
      'Resources:',
      '  SharedRole:',
      '    Type: AWS::IAM::Role',
      '    Properties:',
      '      Policies:',
      '        - PolicyName: all',
      '          PolicyDocument:',
      '            Statement:',
      "              - { Effect: Allow, Action: 'lambda:*', Resource: '*' }",
      ...(['flow', 'audit'] as const).flatMap((name) => [
        `  ${name === 'flow' ? 'Flow' : 'Audit'}:`,
        '    Type: AWS::StepFunctions::StateMachine',
        ...(metadata[name] ?? []).map((line) => `    ${line}`),
        '    Properties:',
        '      RoleArn: !GetAtt SharedRole.Arn',
        '      LoggingConfiguration: { Level: ALL, Destinations: [{ CloudWatchLogsLogGroup: { LogGroupArn: !GetAtt Logs.Arn } }] }',
        '      TracingConfiguration: { Enabled: true }',
        '      Definition:',
        '        StartAt: Orphaned',
        '        States:',
        '          Start: { Type: Succeed }',
        '          Orphaned: { Type: Pass, Next: Start }',
        '          Lost: { Type: Succeed }',
      ]),
      '  Logs:',
      '    Type: AWS::Logs::LogGroup',
      '',
    ].join('\n');
  // The role grants no log delivery, which iam-missing-permission would add to every case.
  const severities = { 'iam-missing-permission': 'off' } as const;
  const findings = (text: string, file = 't.yaml') => {
    const result = lintText(file, text, { rules, severities });
    return result.diagnostics.map((d) => `${d.ruleId} ${d.machine ?? d.machines?.join('+') ?? ''}`);
  };

  it('finds a finding in each definition and one about the role they share', () => {
    expect(findings(template({}))).toEqual(['iam-no-wildcard-action Flow+Audit', 'no-unreachable-state Flow', 'no-unreachable-state Audit']);
  });

  it('ignore covers the findings about its machine, and those about a shared role only when every machine ignores the rule', () => {
    const flowOnly = template({ flow: ['Metadata:', '  sfn-lint:', '    ignore: [no-unreachable-state, iam-no-wildcard-action]', '    reason: a sandbox'] });
    expect(findings(flowOnly)).toEqual(['iam-no-wildcard-action Flow+Audit', 'no-unreachable-state Audit']);
    const both = template({
      flow: ['Metadata:', '  sfn-lint: { ignore: [no-unreachable-state, iam-no-wildcard-action] }'],
      audit: ['Metadata:', '  sfn-lint: { ignore: iam-no-wildcard-action }'],
    });
    const result = lintText('t.yaml', both, { rules, severities });
    expect(result.diagnostics.map((d) => `${d.ruleId} ${d.machine ?? ''}`)).toEqual(['no-unreachable-state Audit']);
    expect(result.suppressed).toBe(2);
  });

  it('reports an unknown rule id in the ignore list at its place, and an unused one when asked', () => {
    const text = template({ flow: ['Metadata:', '  sfn-lint: { ignore: [no-unreachable-state, requre-logging, require-logging] }'] });
    const result = lintText('t.yaml', text, { rules, severities, reportUnusedDisableDirectives: true });
    const lines = new LineMap(text);
    const about = result.diagnostics.filter((d) => d.ruleId.endsWith('directive'));
    expect(about.map((d) => [d.ruleId, d.severity, lines.position(d.range.start), text.slice(d.range.start, d.range.end), d.message])).toEqual([
      ['invalid-directive', 'error', { line: 13, column: 50 }, 'requre-logging', '"requre-logging" is not a rule id, so the directive suppresses nothing for it. Did you mean "require-logging"?'],
      ['unused-disable-directive', 'warning', { line: 13, column: 66 }, 'require-logging', 'The sfn-lint Metadata of "Flow" suppresses no "require-logging" finding. Remove "require-logging" from it.'],
    ]);
  });

  it('covers a definition that the template names in another file, in the result for that file', () => {
    const sam = [
      'Transform: AWS::Serverless-2016-10-31',
      'Resources:',
      '  FileFlow:',
      '    Type: AWS::Serverless::StateMachine',
      '    Metadata:',
      '      sfn-lint: { ignore: [no-unreachable-state], reason: the state is wired in by a later release }',
      '    Properties:',
      '      DefinitionUri: flow.asl.json',
      '',
    ].join('\n');
    const definition = '{"StartAt": "A", "States": {"A": {"Type": "Succeed"}, "B": {"Type": "Succeed"}}}';
    const readRelated = (_from: string, path: string) => (path === 'flow.asl.json' ? { file: '/p/flow.asl.json', text: definition } : undefined);
    const result = lintText('/p/template.yaml', sam, { rules, readRelated });
    const included = result.included?.find((r) => r.file === '/p/flow.asl.json');
    expect(included?.diagnostics).toEqual([]);
    expect(included?.suppressed).toBe(1);
    const without = lintText('/p/template.yaml', sam.replace(/ {4}Metadata:\n.*\n/, ''), { rules, readRelated });
    expect(without.included?.find((r) => r.file === '/p/flow.asl.json')?.diagnostics.map((d) => d.ruleId)).toEqual(['no-unreachable-state']);
  });

  it('works in JSON templates, and a Comment directive inside a definition covers only its own machine', () => {
    const machine = (comment: string | undefined) => ({
      Type: 'AWS::StepFunctions::StateMachine',
      Properties: { Definition: { StartAt: 'A', States: { A: { Type: 'Succeed' }, B: { Type: 'Succeed', ...(comment ? { Comment: comment } : {}) } } } },
    });
    const text = JSON.stringify(
      {
        Resources: {
          Flow: { ...machine('sfn-lint-disable no-unreachable-state'), Metadata: { 'sfn-lint': { ignore: ['require-logging', 'require-tracing'], reason: 'logs elsewhere' } } },
          Audit: machine(undefined),
        },
      },
      null,
      2,
    );
    expect(findings(text, 't.json')).toEqual(['require-logging Audit', 'require-tracing Audit', 'no-unreachable-state Audit']);
  });
});

describe('unused directives', () => {
  it('are reported only when asked, at the rule id that suppressed nothing', () => {
    const text = yamlMachine({ beforeOrphan: '# sfn-lint-disable-next-line' }).replace(
      '    Resource: arn:aws:states:::lambda:invoke',
      '    # sfn-lint-disable-next-line lambda-transient-retry, no-dead-end\n    Resource: arn:aws:states:::lambda:invoke',
    );
    expect(lint('m.asl.yaml', text).found).toEqual(['require-retry 11:15-11:48 Save']);
    const { found: diagnostics, messages } = lint('m.asl.yaml', text, { reportUnusedDisableDirectives: true });
    expect(diagnostics).toEqual(['unused-disable-directive 5:58-5:69', 'require-retry 11:15-11:48 Save']);
    expect(messages[0]).toBe('This sfn-lint-disable-next-line comment suppresses no "no-dead-end" finding. Remove "no-dead-end" from it.');
  });

  it('reports a directive without rule ids that suppressed nothing, and a Comment directive', () => {
    const text = yamlMachine({ beforeSave: '# sfn-lint-disable-line' }).replace('  Orphan:\n', '  Orphan:\n    Comment: sfn-lint-disable require-retry\n');
    const { found: diagnostics, messages } = lint('m.asl.yaml', text, { reportUnusedDisableDirectives: true });
    expect(diagnostics.filter((d) => d.startsWith('unused'))).toEqual(['unused-disable-directive 8:5-8:26', 'unused-disable-directive 15:31-15:44']);
    expect(messages.filter((m) => m.includes('suppresses'))).toEqual([
      'This sfn-lint-disable-line comment suppresses nothing. Remove it.',
      'The sfn-lint-disable in the Comment of state "Orphan" suppresses no "require-retry" finding. Remove it.',
    ]);
  });

  it('leaves alone directives for rules that are off, and follows the severity set for the report', () => {
    const text = yamlMachine({ beforeSave: '# sfn-lint-disable-next-line require-retry' });
    expect(lint('m.asl.yaml', text, { reportUnusedDisableDirectives: true, severities: { 'require-retry': 'off' } }).found).toEqual([
      'lambda-transient-retry 5:15-5:45 Invoke',
      'no-unreachable-state 14:3-14:9 Orphan',
    ]);
    const unused = yamlMachine({ beforeOrphan: '# sfn-lint-disable-next-line require-retry' });
    const asError = lintText('m.asl.yaml', unused, { rules, reportUnusedDisableDirectives: true, severities: { 'unused-disable-directive': 'error' } });
    expect(asError.diagnostics.filter((d) => d.ruleId === 'unused-disable-directive').map((d) => d.severity)).toEqual(['error']);
  });
});

describe('docs examples of the directive reports', () => {
  for (const id of ['invalid-directive', 'unused-disable-directive']) {
    const rule = reservedRules.find((candidate) => candidate.id === id)!;
    it(`${id}: the invalid example is reported and the valid one is clean`, () => {
      const options = { reportUnusedDisableDirectives: true };
      for (const example of rule.meta.docs.examples.invalid) expect(lint('example.asl.yaml', example.code, options).result.diagnostics.map((d) => d.ruleId)).toContain(id);
      for (const example of rule.meta.docs.examples.valid) expect(lint('example.asl.yaml', example.code, options).found).toEqual([]);
    });
  }
});
