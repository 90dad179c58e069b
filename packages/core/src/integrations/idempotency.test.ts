import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import { changingValue, hazardOf, repeatingUpdate, tokenState } from './idempotency.js';
import { integrationOf, type Integration } from './integration.js';
import { parameterValues } from './parameters.js';

/** The integration of a one-state machine whose Task is `task`. */
function taskIntegration(task: Record<string, unknown>, queryLanguage?: 'JSONata'): Integration {
  const definition = { StartAt: 'T', ...(queryLanguage ? { QueryLanguage: queryLanguage } : {}), States: { T: { Type: 'Task', End: true, ...task } } };
  const document = parseDocument('test.asl.json', JSON.stringify(definition));
  return integrationOf(buildMachine(document, document.roots[0]).states[0]) as Integration;
}

function tokenOf(task: Record<string, unknown>, path: string, queryLanguage?: 'JSONata') {
  const integration = taskIntegration(task, queryLanguage);
  return tokenState(parameterValues(integration.payload, path, integration.state.queryLanguage)[0], path);
}

const START = 'arn:aws:states:::states:startExecution';
const MACHINE = 'arn:aws:states:us-east-1:123456789012:stateMachine:child';

describe('tokenState', () => {
  it('tells fixed values from values that change on every attempt', () => {
    const start = (name: Record<string, unknown>) => ({ Resource: START, Parameters: { StateMachineArn: MACHINE, ...name } });
    expect(tokenOf(start({}), 'Name')).toBe('absent');
    expect(tokenOf(start({ Name: 'child' }), 'Name')).toBe('deterministic');
    expect(tokenOf(start({ 'Name.$': '$$.Execution.Name' }), 'Name')).toBe('deterministic');
    expect(tokenOf(start({ 'Name.$': "States.Format('{}-x', $$.Execution.Name)" }), 'Name')).toBe('deterministic');
    expect(tokenOf(start({ 'Name.$': 'States.UUID()' }), 'Name')).toBe('changing');
    expect(tokenOf(start({ 'Name.$': "States.Format('{}-{}', $$.Execution.Name, $$.State.RetryCount)" }), 'Name')).toBe('changing');
    expect(tokenOf(start({ 'Name.$': '$$.State.EnteredTime' }), 'Name')).toBe('changing');
  });

  it('reads JSONata tokens, and cannot tell inside a whole-payload expression', () => {
    const start = (args: unknown) => ({ Resource: START, Arguments: args });
    expect(tokenOf(start({ StateMachineArn: MACHINE, Name: '{% $states.context.Execution.Name %}' }), 'Name', 'JSONata')).toBe('deterministic');
    expect(tokenOf(start({ StateMachineArn: MACHINE, Name: '{% $uuid() %}' }), 'Name', 'JSONata')).toBe('changing');
    expect(tokenOf(start('{% $states.input %}'), 'Name', 'JSONata')).toBe('unknown');
  });
});

describe('changingValue', () => {
  it('finds the first value built from a fresh UUID, the clock or a random number', () => {
    const put = (item: Record<string, unknown>) => taskIntegration({ Resource: 'arn:aws:states:::dynamodb:putItem', Parameters: { TableName: 't', Item: item } });
    const changing = put({ id: { 'S.$': 'States.UUID()' } });
    expect(changingValue(changing.payload, 'JSONPath')?.value).toBe('States.UUID()');
    expect(changingValue(put({ id: { 'S.$': '$.id' } }).payload, 'JSONPath')).toBeUndefined();
    expect(changingValue(undefined, 'JSONPath')).toBeUndefined();
  });
});

describe('hazardOf', () => {
  const send = (parameters: Record<string, unknown>, resource = 'arn:aws:states:::sqs:sendMessage') => taskIntegration({ Resource: resource, Parameters: parameters });
  const FIFO = 'https://sqs.us-east-1.amazonaws.com/123456789012/orders.fifo';

  it('reports a FIFO send without a deterministic MessageDeduplicationId', () => {
    expect(hazardOf(send({ QueueUrl: FIFO, MessageGroupId: 'g', 'MessageBody.$': '$' }), { settings: {} })?.call).toBe('sqs:sendMessage');
    expect(hazardOf(send({ QueueUrl: FIFO, MessageGroupId: 'g', 'MessageDeduplicationId.$': 'States.UUID()', 'MessageBody.$': '$' }), { settings: {} })?.node?.value).toBe(
      'States.UUID()',
    );
    expect(hazardOf(send({ QueueUrl: FIFO, MessageGroupId: 'g', 'MessageDeduplicationId.$': '$$.Execution.Name', 'MessageBody.$': '$' }), { settings: {} })).toBeUndefined();
  });

  it('judges only request-response calls unless asked to judge any pattern', () => {
    const callback = send({ QueueUrl: FIFO, MessageGroupId: 'g', 'MessageBody.$': '$' }, 'arn:aws:states:::sqs:sendMessage.waitForTaskToken');
    expect(hazardOf(callback, { settings: {} })).toBeUndefined();
    expect(hazardOf(callback, { settings: {}, anyPattern: true })).toBeDefined();
  });

  it('reports Lambda invokes only when the functions are declared not idempotent', () => {
    const invoke = taskIntegration({ Resource: 'arn:aws:states:::lambda:invoke', Parameters: { FunctionName: 'f', 'Payload.$': '$' } });
    expect(hazardOf(invoke, { settings: {} })).toBeUndefined();
    expect(hazardOf(invoke, { settings: { lambdaIdempotent: false } })?.call).toBe('lambda:invoke');
  });
});

describe('repeatingUpdate', () => {
  it('finds ADD clauses and SETs computed from the attribute they set', () => {
    expect(repeatingUpdate('ADD n :one')).toBe('ADD n :one');
    expect(repeatingUpdate('SET a = :a REMOVE b ADD c :d')).toBe('ADD c :d');
    expect(repeatingUpdate('SET n = n + :d')).toBe('SET n = n + :d');
    expect(repeatingUpdate('SET n = :d + n')).toBe('SET n = :d + n');
    expect(repeatingUpdate('set #n = if_not_exists(#n, :z) + :d')).toBe('SET #n = if_not_exists(#n, :z) + :d');
    expect(repeatingUpdate('SET a = :a, l = list_append(:x, l)')).toBe('SET l = list_append(:x, l)');
    expect(repeatingUpdate('SET a.b[1] = a.b[1] + :d')).toBe('SET a.b[1] = a.b[1] + :d');
  });

  it('leaves idempotent updates alone', () => {
    expect(repeatingUpdate('SET a = :a, b = :b')).toBeUndefined();
    expect(repeatingUpdate('SET total = :x + :y')).toBeUndefined();
    expect(repeatingUpdate('SET a = b + :d')).toBeUndefined();
    expect(repeatingUpdate('SET #add = :a, address = :b')).toBeUndefined();
    expect(repeatingUpdate('REMOVE a DELETE tags :t')).toBeUndefined();
    expect(repeatingUpdate('SET n = if_not_exists(n, :z)')).toBeUndefined();
  });
});
