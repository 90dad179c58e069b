import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import rule from './express-unsupported.js';
import { runRule, testRule } from './test-support/rule-tester.js';

const EXPRESS = { machineType: 'EXPRESS' };

/** A machine whose one Task "T" has this Resource and these fields (from line 7), then End. */
function task(resource: string, fields = ''): string {
  return `{
  "StartAt": "T",
  "States": {
    "T": {
      "Type": "Task",
      "Resource": "${resource}",
${fields}      "End": true
    }
  }
}`;
}

/** A Map "M" whose ItemProcessor has this ProcessorConfig and one Task "T" with this Resource. */
function map(processorConfig: string, resource = 'arn:aws:states:::lambda:invoke'): string {
  return `{
  "StartAt": "M",
  "States": {
    "M": {
      "Type": "Map",
      "ItemProcessor": {
        ${processorConfig}
        "StartAt": "T",
        "States": { "T": { "Type": "Task", "Resource": "${resource}", "End": true } }
      },
      "End": true
    }
  }
}`;
}

const DISTRIBUTED = '"ProcessorConfig": { "Mode": "DISTRIBUTED", "ExecutionType": "STANDARD" },';

testRule(rule, {
  valid: [
    { name: 'machine type unknown', code: task('arn:aws:states:::states:startExecution.sync:2') },
    { name: 'a Standard machine', code: task('arn:aws:states:::states:startExecution.sync:2'), settings: { machineType: 'STANDARD' } },
    { name: 'a machine type that is neither', code: task('arn:aws:states:::batch:submitJob.sync'), settings: { machineType: 'FAST' } },
    { name: 'request-response in Express', code: task('arn:aws:states:::states:startExecution'), settings: EXPRESS },
    { name: 'Lambda in Express', code: task('arn:aws:states:::lambda:invoke'), settings: EXPRESS },
    { name: 'an SDK call in Express', code: task('arn:aws:states:::aws-sdk:s3:getObject'), settings: EXPRESS },
    { name: 'a placeholder in Express', code: task('${JobArn}'), settings: EXPRESS },
    { name: 'an inline Map in Express', code: map('"ProcessorConfig": { "Mode": "INLINE" },'), settings: EXPRESS },
    { name: 'a Distributed Map in a Standard machine', code: map(DISTRIBUTED), settings: { machineType: 'STANDARD' } },
  ],
  invalid: [
    {
      name: '.sync',
      code: task('arn:aws:states:::batch:submitJob.sync'),
      settings: EXPRESS,
      errors: [
        {
          state: 'T',
          line: 6,
          column: 19,
          endLine: 6,
          endColumn: 58,
          severity: 'error',
          message:
            'Task "T" waits for the job to finish (".sync"), which Express workflows do not support. Make it a Standard workflow, or call this part from a Standard one.',
        },
      ],
    },
    {
      name: '.sync:2, the setting in lower case',
      code: task('arn:aws:states:::states:startExecution.sync:2'),
      settings: { machineType: 'express' },
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 66, message: '(".sync:2")' }],
    },
    {
      name: '.waitForTaskToken',
      code: task('arn:aws:states:::sqs:sendMessage.waitForTaskToken'),
      settings: EXPRESS,
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 70, message: 'waits for a task token (".waitForTaskToken"), which Express workflows do not support' }],
    },
    {
      name: 'an activity',
      code: task('arn:aws:states:us-east-1:123456789012:activity:review'),
      settings: EXPRESS,
      errors: [{ state: 'T', line: 6, column: 19, endLine: 6, endColumn: 74, message: 'Task "T" runs an activity' }],
    },
    {
      name: 'a Distributed Map, whose children are not judged',
      code: map(DISTRIBUTED, 'arn:aws:states:::states:startExecution.sync:2'),
      settings: EXPRESS,
      errors: [{ state: 'M', line: 7, column: 38, endLine: 7, endColumn: 51, message: 'Map "M" runs in DISTRIBUTED mode, which Express workflows do not support.' }],
    },
    {
      name: 'inside an inline Map and a Parallel, JSONata',
      code: `{
  "QueryLanguage": "JSONata",
  "StartAt": "P",
  "States": {
    "P": {
      "Type": "Parallel",
      "Branches": [
        {
          "StartAt": "M",
          "States": {
            "M": {
              "Type": "Map",
              "ItemProcessor": {
                "StartAt": "Run",
                "States": { "Run": { "Type": "Task", "Resource": "arn:aws:states:::ecs:runTask.sync", "Arguments": { "TaskDefinition": "t" }, "End": true } }
              },
              "End": true
            }
          }
        }
      ],
      "End": true
    }
  }
}`,
      settings: EXPRESS,
      errors: [{ state: 'Run', statePath: ['P', 'M', 'Run'], line: 15, column: 66, endLine: 15, endColumn: 101 }],
    },
    {
      name: 'YAML',
      filename: 'machine.asl.yaml',
      code: ['StartAt: T', 'States:', '  T:', '    Type: Task', '    Resource: arn:aws:states:::glue:startJobRun.sync', '    End: true', ''].join('\n'),
      settings: EXPRESS,
      errors: [{ state: 'T', line: 5, column: 15, endLine: 5, endColumn: 53 }],
    },
  ],
});

describe('express-unsupported fixtures (linted as EXPRESS)', () => {
  const folder = new URL('../fixtures/express-unsupported/', import.meta.url);
  for (const kind of ['valid', 'invalid'] as const) {
    for (const name of readdirSync(new URL(`${kind}/`, folder))) {
      it(`${kind}: ${name}`, () => {
        const text = readFileSync(new URL(`${kind}/${name}`, folder), 'utf8');
        const found = runRule(rule, text, name, EXPRESS);
        if (kind === 'valid') expect(found.map((d) => d.message)).toEqual([]);
        else expect(found.length).toBeGreaterThan(0);
        expect(runRule(rule, text, name)).toEqual([]);
      });
    }
  }
});
