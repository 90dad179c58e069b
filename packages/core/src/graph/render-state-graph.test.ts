import { describe, expect, it } from 'vitest';
import type { Diagnostic } from '../diagnostic.js';
import { lintText } from '../engine/lint.js';
import { dotText } from './dot.js';
import { stateGraphModel } from './graph-model.js';
import { mermaidText } from './mermaid.js';
import { renderStateGraph } from './render-state-graph.js';

const FILE = '/work/flow.asl.json';
const TEXT = JSON.stringify(
  {
    StartAt: 'Fan out',
    States: {
      'Fan out': {
        Type: 'Parallel',
        Branches: [
          { StartAt: 'Left', States: { Left: { Type: 'Pass', End: true } } },
          { StartAt: 'Each', States: { Each: { Type: 'Map', ItemProcessor: { StartAt: 'Item', States: { Item: { Type: 'Pass', End: true } } }, End: true } } },
        ],
        Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Failed' }],
        Next: 'Decide',
      },
      Decide: { Type: 'Choice', Choices: [{ Variable: '$.n', NumericGreaterThan: 3, Next: 'Done' }], Default: 'Typo' },
      Done: { Type: 'Succeed' },
      Failed: { Type: 'Fail' },
    },
  },
  null,
  2,
);

function model(findings: Omit<Diagnostic, 'file' | 'message' | 'range'>[] = []) {
  const result = lintText(FILE, TEXT, { rules: [] });
  const diagnostics = findings.map((f): Diagnostic => ({ ...f, file: FILE, message: `${f.ruleId}: "x" & <y>`, range: { start: TEXT.indexOf(`"${f.state}"`), end: TEXT.indexOf(`"${f.state}"`) + 1 } }));
  return stateGraphModel({ ...result, diagnostics });
}

/** The lines between `subgraph <id>` and its `end`, inner subgraphs included. */
function mermaidBlock(text: string, id: string): string[] {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim().startsWith(`subgraph ${id}[`));
  expect(first, `subgraph ${id}`).toBeGreaterThanOrEqual(0);
  const indent = lines[first].indexOf('subgraph');
  const last = lines.findIndex((line, i) => i > first && line === `${' '.repeat(indent)}end`);
  return lines.slice(first + 1, last);
}

/** The lines of a DOT cluster, inner clusters included. */
function dotBlock(text: string, id: string): string[] {
  const lines = text.split('\n');
  const first = lines.findIndex((line) => line.trim().startsWith(`subgraph "cluster_${id}"`));
  expect(first, `cluster ${id}`).toBeGreaterThanOrEqual(0);
  const indent = lines[first].indexOf('subgraph');
  const last = lines.findIndex((line, i) => i > first && line === `${' '.repeat(indent)}}`);
  return lines.slice(first + 1, last);
}

describe('mermaidText', () => {
  it('writes every character Mermaid would read as syntax, markup or an entity as its entity code', () => {
    expect(mermaidText('a"b')).toBe('a#34;b');
    expect(mermaidText('#quot;')).toBe('#35;quot#59;');
    expect(mermaidText('<b>x</b> & y')).toBe('#60;b#62;x#60;/b#62; #38; y');
    expect(mermaidText('`md`')).toBe('#96;md#96;');
    expect(mermaidText('%%{init: {"theme":"dark"}}%%')).toBe('#37;#37;#123;init#58; #123;#34;theme#34;#58;#34;dark#34;#125;#125;#37;#37;');
    expect(mermaidText('style: #f00;')).toBe('style#58; #35;f00#59;');
    expect(mermaidText('a|b\\c')).toBe('a#124;b#92;c');
  });

  it('keeps other text, unicode included, and turns line breaks and control characters into spaces', () => {
    expect(mermaidText('Ship order (2) [fast] 日本語 🚀 __proto__ end')).toBe('Ship order (2) [fast] 日本語 🚀 __proto__ end');
    expect(mermaidText('a\nb\r\tc\u2028d')).toBe('a b  c d');
  });
});

describe('dotText', () => {
  it('escapes backslashes, quotes and ampersands, and nothing else', () => {
    expect(dotText('a"b')).toBe('a\\"b');
    expect(dotText('\\N \\n \\G')).toBe('\\\\N \\\\n \\\\G');
    expect(dotText('R&amp;D')).toBe('R&amp;amp;D');
    expect(dotText('<b>x</b> {a} [b] ; # 日本語 🚀')).toBe('<b>x</b> {a} [b] ; # 日本語 🚀');
    expect(dotText('a\nb\u0000c')).toBe('a b c');
    expect(dotText('ends with \\')).toBe('ends with \\\\');
  });
});

describe('renderStateGraph as Mermaid', () => {
  const text = renderStateGraph(model(), 'mermaid');
  const graph = model().machines[0];
  const [fanOut, decide, done, failed] = graph.scope.states;
  const [left, each] = fanOut.scopes.map((scope) => scope.states[0]);
  const item = each.scopes[0].states[0];

  it('is a flowchart with the machine as a subgraph holding every state', () => {
    expect(text.startsWith('flowchart TB\n')).toBe(true);
    const machine = mermaidBlock(text, graph.id);
    for (const state of [fanOut, decide, done, failed, left, each, item]) expect(machine.some((line) => line.trim().startsWith(state.id))).toBe(true);
    expect(text).toContain(`${graph.id}["flow.asl.json"]`);
  });

  it('nests the Parallel box, its branches and the Map processor', () => {
    const box = mermaidBlock(text, `${fanOut.id}_box`);
    expect(box.some((line) => line.trim().startsWith(`${fanOut.id}[["Fan out<br>Parallel"]]`))).toBe(true);
    const branch2 = mermaidBlock(text, fanOut.scopes[1].id);
    expect(branch2.some((line) => line.trim().startsWith(`subgraph ${each.scopes[0].id}["ItemProcessor"]`))).toBe(true);
    expect(mermaidBlock(text, each.scopes[0].id).map((line) => line.trim())).toContain(`${item.id}["Item<br>Pass"]`);
    expect(mermaidBlock(text, fanOut.scopes[0].id).some((line) => line.includes(item.id))).toBe(false);
  });

  it('draws shapes by kind and the edges by kind, leaving a Parallel from its join', () => {
    expect(text).toContain(`${decide.id}{"Decide<br>Choice"}`);
    expect(text).toContain(`${done.id}(["Done<br>Succeed"])`);
    expect(text).toContain(`${graph.scope.id}_start --> ${fanOut.id}`);
    expect(text).toContain(`${fanOut.id}_join --> ${decide.id}`);
    expect(text).toContain(`${fanOut.id}_join -.->|"States.ALL"| ${failed.id}`);
    expect(text).toContain(`${decide.id} -->|"$.n NumericGreaterThan 3"| ${done.id}`);
    expect(text).toContain(`${fanOut.id} -.-> ${left.id}`);
    expect(text).toContain(`${left.id} -.-> ${fanOut.id}_join`);
    expect(text).toContain(`${done.id} --> ${graph.scope.id}_end`);
    // Default names a missing state: a node of its own, drawn as missing.
    expect(text).toContain(`${decide.id} -.->|"Default"| ${graph.scope.id}_missing0`);
    expect(text).toContain(`${graph.scope.id}_missing0["Typo<br>no such state"]`);
    expect(text).toMatch(new RegExp(`class [^\\n]*\\b${graph.scope.id}_missing0\\b[^\\n]* missing`));
  });

  it('borders states by their worst finding and names the rules in the label', () => {
    const marked = renderStateGraph(
      model([
        { ruleId: 'rule-w', severity: 'warning', state: 'Decide', statePath: ['Decide'] },
        { ruleId: 'rule-e', severity: 'error', state: 'Decide', statePath: ['Decide'] },
        { ruleId: 'rule-i', severity: 'info', state: 'Item', statePath: ['Fan out', 'Each', 'Item'] },
        { ruleId: 'rule-w', severity: 'warning', state: 'Left', statePath: ['Fan out', 'Left'] },
      ]),
      'mermaid',
    );
    expect(marked).toContain(`${decide.id}{"Decide<br>Choice<br>error#58; rule-e · warning#58; rule-w"}`);
    expect(marked).toContain(`${item.id}["Item<br>Pass<br>info#58; rule-i"]`);
    expect(marked).toMatch(/classDef error stroke:#d32f2f/);
    expect(marked).toContain(`class ${decide.id} error`);
    expect(marked).toContain(`class ${left.id} warning`);
    expect(marked).toContain(`class ${item.id} info`);
  });
});

describe('renderStateGraph as DOT', () => {
  const graph = model().machines[0];
  const [fanOut, decide, done, failed] = graph.scope.states;
  const each = fanOut.scopes[1].states[0];
  const item = each.scopes[0].states[0];

  it('is a digraph with clusters nested as the scopes are', () => {
    const text = renderStateGraph(model(), 'dot');
    expect(text.startsWith('digraph "state machines" {\n')).toBe(true);
    expect(text.trimEnd().endsWith('}')).toBe(true);
    const box = dotBlock(text, `${fanOut.id}_box`);
    expect(box.some((line) => line.trim().startsWith(`subgraph "cluster_${fanOut.scopes[0].id}"`))).toBe(true);
    expect(dotBlock(text, each.scopes[0].id).some((line) => line.trim().startsWith(`"${item.id}" [label="Item\\nPass"`))).toBe(true);
    expect(dotBlock(text, fanOut.scopes[0].id).some((line) => line.includes(item.id))).toBe(false);
    expect(text).toContain(`"${decide.id}" [label="Decide\\nChoice", shape=diamond`);
    expect(text).toContain(`"${fanOut.id}_join" -> "${failed.id}" [label="States.ALL", style=dashed`);
    expect(text).toContain(`"${done.id}" -> "${graph.scope.id}_end";`);
  });

  it('colours states by their worst finding, with the rule ids in the label and the messages in the tooltip', () => {
    const text = renderStateGraph(
      model([
        { ruleId: 'rule-w', severity: 'warning', state: 'Decide', statePath: ['Decide'] },
        { ruleId: 'rule-e', severity: 'error', state: 'Decide', statePath: ['Decide'] },
        { ruleId: 'rule-w', severity: 'warning', state: 'Done', statePath: ['Done'] },
      ]),
      'dot',
    );
    const line = (id: string) => text.split('\n').find((l) => l.trim().startsWith(`"${id}" [`))!;
    expect(line(decide.id)).toContain('label="Decide\\nChoice\\nerror: rule-e · warning: rule-w"');
    expect(line(decide.id)).toContain('color="#d32f2f", penwidth=3');
    expect(line(decide.id)).toContain('tooltip="rule-w (warning): rule-w: \\"x\\" &amp; <y>\\nrule-e (error): rule-e: \\"x\\" &amp; <y>"');
    expect(line(done.id)).toContain('color="#ef6c00", penwidth=3');
    expect(line(failed.id)).not.toContain('penwidth');
  });
});

describe('renderStateGraph of several machines', () => {
  it('draws each machine as its own cluster, with ids that do not collide', () => {
    const template = `Resources:
  One:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
  Two:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      Definition: { StartAt: A, States: { A: { Type: Pass, End: true } } }
`;
    const graph = stateGraphModel(lintText('/work/t.yaml', template, { rules: [] }));
    const mermaid = renderStateGraph(graph, 'mermaid');
    expect(mermaidBlock(mermaid, 'm0').map((l) => l.trim())).toContain('m0_s0["A<br>Pass"]');
    expect(mermaidBlock(mermaid, 'm1').map((l) => l.trim())).toContain('m1_s0["A<br>Pass"]');
    const dot = renderStateGraph(graph, 'dot');
    expect(dot).toContain('subgraph "cluster_m0"');
    expect(dot).toContain('label="Two"');
  });
});

describe('renderStateGraph of broken definitions', () => {
  it('shows an empty name as "", a Type it does not know, and a target that is not a name', () => {
    const text = '{"StartAt":"","States":{"":{"Type":"Pass","Next":"x"},"x":{"Type":5,"Next":7},"y":{"Type":"Sleep","End":true}}}';
    const graph = stateGraphModel(lintText('/work/broken.asl.json', text, { rules: [] }));
    const mermaid = renderStateGraph(graph, 'mermaid');
    expect(mermaid).toContain('m0_s0["#34;#34;<br>Pass"]');
    expect(mermaid).toContain('m0_s1>"x<br>Type?"]');
    expect(mermaid).toContain('m0_s2>"y<br>Type #34;Sleep#34;?"]');
    expect(mermaid).toContain('m0_c0_missing0["(not a name)<br>no such state"]');
    const dot = renderStateGraph(graph, 'dot');
    expect(dot).toContain('"m0_s0" [label="\\"\\"\\nPass"');
    expect(dot).toContain('"m0_s2" [label="y\\nType \\"Sleep\\"?", shape=note');
  });
});
