import { describe, expect, it } from 'vitest';
import type { Diagnostic, Severity } from '../diagnostic.js';
import { lintText, type LintResult } from '../engine/lint.js';
import { stateGraphMachineNames, stateGraphModel, type GraphScope, type GraphState, type StateGraphModel } from './graph-model.js';

const WORKFLOW = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Choice',
      Choices: [
        { Variable: '$.ok', BooleanEquals: true, Next: 'Fan out' },
        { And: [{ Variable: '$.a', IsPresent: true }, { Variable: '$.b', IsPresent: true }], Next: 'Give up' },
      ],
      Default: 'Wait a bit',
    },
    'Wait a bit': { Type: 'Wait', Seconds: 5, Next: 'Check' },
    'Fan out': {
      Type: 'Parallel',
      Branches: [
        { StartAt: 'Step', States: { Step: { Type: 'Pass', End: true } } },
        {
          StartAt: 'Each',
          States: {
            Each: {
              Type: 'Map',
              ItemProcessor: { ProcessorConfig: { Mode: 'DISTRIBUTED', ExecutionType: 'STANDARD' }, StartAt: 'Step', States: { Step: { Type: 'Succeed' } } },
              End: true,
            },
          },
        },
      ],
      Catch: [{ ErrorEquals: ['States.Timeout', 'Custom.Error'], Next: 'Give up' }],
      Next: 'Done',
    },
    Done: { Type: 'Succeed' },
    'Give up': { Type: 'Fail', Error: 'Failed' },
    Orphan: { Type: 'Pass', Next: 'Nowhere' },
  },
};

const TEXT = JSON.stringify(WORKFLOW, null, 2);

function lint(file: string, text: string, diagnostics: (result: LintResult) => Diagnostic[] = () => []): LintResult {
  const result = lintText(file, text, { rules: [] });
  return { ...result, diagnostics: diagnostics(result) };
}

function finding(file: string, ruleId: string, severity: Severity, start: number, statePath?: string[], extra: Partial<Diagnostic> = {}): Diagnostic {
  return { ruleId, severity, message: `${ruleId} says so`, file, range: { start, end: start + 1 }, ...(statePath ? { statePath, state: statePath[statePath.length - 1] } : {}), ...extra };
}

function allStates(scope: GraphScope): GraphState[] {
  return scope.states.flatMap((state) => [state, ...state.scopes.flatMap(allStates)]);
}

function allScopes(scope: GraphScope): GraphScope[] {
  return [scope, ...scope.states.flatMap((state) => state.scopes.flatMap(allScopes))];
}

function byName(scope: GraphScope, name: string): GraphState {
  const state = scope.states.find((s) => s.name === name);
  if (!state) throw new Error(`no state ${name}`);
  return state;
}

describe('stateGraphModel', () => {
  const model = stateGraphModel(lint('/work/flows/order.asl.json', TEXT));
  const machine = model.machines[0];
  const top = machine.scope;

  it('names a standalone machine after its file and keeps its states in source order', () => {
    expect(model.version).toBe(1);
    expect(model.machines).toHaveLength(1);
    expect(machine.label).toBe('order.asl.json');
    expect(machine.file).toBe('/work/flows/order.asl.json');
    expect(top.kind).toBe('machine');
    expect(top.states.map((s) => s.name)).toEqual(['Check', 'Wait a bit', 'Fan out', 'Done', 'Give up', 'Orphan']);
    expect(top.startAt).toBe('Check');
    expect(top.start).toBe(byName(top, 'Check').id);
    expect(byName(top, 'Check').start).toBe(true);
    expect(byName(top, 'Wait a bit').start).toBe(false);
  });

  it('gives every machine, scope and state an id that is unique and safe to use as it is', () => {
    const ids = [machine.id, ...allScopes(top).map((s) => s.id), ...allStates(top).map((s) => s.id)];
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^[A-Za-z][A-Za-z0-9_]*$/);
  });

  it('nests Parallel branches and the Map processor under their states', () => {
    const fanOut = byName(top, 'Fan out');
    expect(fanOut.kind).toBe('Parallel');
    expect(fanOut.scopes.map((s) => [s.kind, s.label, s.path])).toEqual([
      ['branch', 'Branch 1', ['Fan out']],
      ['branch', 'Branch 2', ['Fan out']],
    ]);
    const each = byName(fanOut.scopes[1], 'Each');
    expect(each.path).toEqual(['Fan out', 'Each']);
    const processor = each.scopes[0];
    expect([processor.kind, processor.label, processor.distributed]).toEqual(['processor', 'ItemProcessor (distributed)', true]);
    expect(processor.states.map((s) => [s.name, s.path, s.terminal])).toEqual([['Step', ['Fan out', 'Each', 'Step'], 'succeed']]);
    expect(processor.start).toBe(processor.states[0].id);
  });

  it('types every edge, with choice conditions, Default and catchers’ errors as labels', () => {
    const id = (name: string) => byName(top, name).id;
    // In the model's order of transitions: Next and Default before choice rules and catchers.
    expect(top.edges.map(({ kind, from, to, label, index, errors }) => ({ kind, from, to, label, index, errors }))).toEqual([
      { kind: 'default', from: id('Check'), to: id('Wait a bit'), label: 'Default', index: undefined, errors: undefined },
      { kind: 'choice', from: id('Check'), to: id('Fan out'), label: '$.ok BooleanEquals true', index: 0, errors: undefined },
      { kind: 'choice', from: id('Check'), to: id('Give up'), label: 'And (2)', index: 1, errors: undefined },
      { kind: 'next', from: id('Wait a bit'), to: id('Check'), label: undefined, index: undefined, errors: undefined },
      { kind: 'next', from: id('Fan out'), to: id('Done'), label: undefined, index: undefined, errors: undefined },
      { kind: 'catch', from: id('Fan out'), to: id('Give up'), label: 'States.Timeout, Custom.Error', index: 0, errors: ['States.Timeout', 'Custom.Error'] },
      // A transition to a state that does not exist keeps its target name and has no `to`.
      { kind: 'next', from: id('Orphan'), to: undefined, label: undefined, index: undefined, errors: undefined },
    ]);
    expect(top.edges[6].target).toBe('Nowhere');
    const written = top.edges[6].range;
    expect(TEXT.slice(written.start, written.end)).toBe('"Nowhere"');
  });

  it('marks how states end and which cannot be reached', () => {
    expect(top.states.map((s) => [s.name, s.terminal ?? null, s.reachable])).toEqual([
      ['Check', null, true],
      ['Wait a bit', null, true],
      ['Fan out', null, true],
      ['Done', 'succeed', true],
      ['Give up', 'fail', true],
      ['Orphan', null, false],
    ]);
    expect(byName(byName(top, 'Fan out').scopes[0], 'Step').terminal).toBe('end');
  });

  it('points at the state and its name in the file', () => {
    const done = byName(top, 'Done');
    expect(TEXT.slice(done.nameRange.start, done.nameRange.end)).toBe('"Done"');
    expect(JSON.parse(TEXT.slice(done.range.start, done.range.end))).toEqual({ Type: 'Succeed' });
  });

  it('is plain data: JSON gives all of it back', () => {
    expect(JSON.parse(JSON.stringify(model)) as StateGraphModel).toEqual(model);
  });

  it('keeps any name as it is, __proto__ and markup included', () => {
    const names = ['__proto__', 'constructor', '<b>"x"</b> & #quot;', 'end', '日本語 🚀'];
    const states = Object.fromEntries(names.map((name, i) => [name, i === names.length - 1 ? { Type: 'Succeed' } : { Type: 'Pass', Next: names[i + 1] }]));
    const text = JSON.stringify({ StartAt: names[0], States: states });
    const graph = stateGraphModel(lint('odd.asl.json', text)).machines[0].scope;
    expect(graph.states.map((s) => s.name)).toEqual(names);
    expect(graph.edges.map((e) => e.target)).toEqual(names.slice(1));
    expect(graph.edges.every((e) => e.to !== undefined)).toBe(true);
  });
});

describe('stateGraphModel with findings', () => {
  const file = '/work/order.asl.json';
  const firstStep = TEXT.indexOf('"Step"');
  const result = lint(file, TEXT, () => [
    finding(file, 'rule-a', 'warning', TEXT.indexOf('"Check"'), ['Check']),
    finding(file, 'rule-b', 'error', TEXT.indexOf('"Check"') + 2, ['Check']),
    finding(file, 'rule-c', 'info', firstStep, ['Fan out', 'Step']),
    finding(file, 'rule-d', 'warning', TEXT.indexOf('"StartAt"')),
  ]);
  const model = stateGraphModel(result);
  const top = model.machines[0].scope;

  it('gives each state its findings and their worst severity', () => {
    const check = byName(top, 'Check');
    expect(check.diagnostics.map((d) => [d.ruleId, d.severity])).toEqual([
      ['rule-a', 'warning'],
      ['rule-b', 'error'],
    ]);
    expect(check.severity).toBe('error');
    expect(byName(top, 'Done').severity).toBeUndefined();
    expect(byName(top, 'Done').diagnostics).toEqual([]);
  });

  it('tells apart states of the same path in different branches by the finding’s range', () => {
    const twins = JSON.stringify(
      {
        StartAt: 'Both',
        States: {
          Both: {
            Type: 'Parallel',
            Branches: [
              { StartAt: 'Step', States: { Step: { Type: 'Pass', End: true } } },
              { StartAt: 'Step', States: { Step: { Type: 'Pass', End: true } } },
            ],
            End: true,
          },
        },
      },
      null,
      2,
    );
    const second = twins.lastIndexOf('"Step": {');
    const graph = stateGraphModel(lint(file, twins, () => [finding(file, 'rule-c', 'info', second + 12, ['Both', 'Step'])])).machines[0].scope;
    const [first, other] = graph.states[0].scopes;
    expect(first.states[0].diagnostics).toEqual([]);
    expect(other.states[0].diagnostics.map((d) => d.ruleId)).toEqual(['rule-c']);
    expect(first.states[0].path).toEqual(other.states[0].path);
  });

  it('keeps findings about no state on the machine, and the machine’s worst severity', () => {
    expect(model.machines[0].diagnostics.map((d) => d.ruleId)).toEqual(['rule-d']);
    expect(model.machines[0].severity).toBe('error');
  });
});

const TEMPLATE = `AWSTemplateFormatVersion: "2010-09-09"
Resources:
  First:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition:
        StartAt: A
        States:
          A: { Type: Pass, End: true }
  Second:
    Type: AWS::StepFunctions::StateMachine
    Metadata:
      aws:cdk:path: Stack/Second/Resource
    Properties:
      Definition:
        StartAt: B
        States:
          B: { Type: Pass, End: true }
`;

describe('stateGraphModel of a template', () => {
  const file = '/work/template.yaml';
  const result = lint(file, TEMPLATE, () => [
    finding(file, 'about-first', 'warning', TEMPLATE.indexOf('A: {'), ['A'], { machine: 'First' }),
    finding(file, 'about-second', 'error', TEMPLATE.indexOf('B: {'), ['B'], { machine: 'Stack/Second' }),
    finding(file, 'about-roles', 'warning', TEMPLATE.indexOf('Second:'), undefined, { machines: ['Stack/Second'] }),
  ]);

  it('draws every machine, named by logical id or CDK path, each with its own findings', () => {
    const model = stateGraphModel(result);
    expect(model.machines.map((m) => [m.id, m.label, m.logicalId])).toEqual([
      ['m0', 'First', 'First'],
      ['m1', 'Stack/Second', 'Second'],
    ]);
    expect(model.machines[0].scope.states[0].diagnostics.map((d) => d.ruleId)).toEqual(['about-first']);
    expect(model.machines[1].scope.states[0].diagnostics.map((d) => d.ruleId)).toEqual(['about-second']);
    expect(model.machines[1].diagnostics.map((d) => d.ruleId)).toEqual(['about-roles']);
    expect(model.machines[0].diagnostics).toEqual([]);
  });

  it('picks one machine by logical id or by label, and none for an unknown id', () => {
    expect(stateGraphModel(result, { machine: 'Second' }).machines.map((m) => m.label)).toEqual(['Stack/Second']);
    expect(stateGraphModel(result, { machine: 'Stack/Second' }).machines.map((m) => m.logicalId)).toEqual(['Second']);
    expect(stateGraphModel(result, { machine: 'Third' }).machines).toEqual([]);
    expect(stateGraphMachineNames(result)).toEqual([{ label: 'First' }, { label: 'Stack/Second', logicalId: 'Second' }]);
  });

  it('has nothing to draw in a file without a machine', () => {
    expect(stateGraphModel(lint('/work/data.json', '{ "name": "x" }')).machines).toEqual([]);
    expect(stateGraphModel(lint('/work/broken.json', '{ "StartAt": ')).machines.length).toBeLessThanOrEqual(1);
  });
});

describe('stateGraphModel of a YAML file with several definitions', () => {
  it('numbers them after the file and gives each the findings within it', () => {
    const text = 'StartAt: A\nStates:\n  A: { Type: Pass, End: true }\n---\nStartAt: A\nStates:\n  A: { Type: Pass, End: true }\n';
    const file = '/work/two.asl.yaml';
    const second = text.lastIndexOf('A: {');
    const model = stateGraphModel(lint(file, text, () => [finding(file, 'rule-x', 'warning', second, ['A'])]));
    expect(model.machines.map((m) => m.label)).toEqual(['two.asl.yaml (1)', 'two.asl.yaml (2)']);
    expect(model.machines[0].scope.states[0].diagnostics).toEqual([]);
    expect(model.machines[1].scope.states[0].diagnostics.map((d) => d.ruleId)).toEqual(['rule-x']);
  });
});
