import { describe, expect, it } from 'vitest';
import { parseDocument } from '../document/document.js';
import { buildMachine } from '../model/build.js';
import type { Machine } from '../model/types.js';
import { analyseVariables, type VariableAnalysis } from './analysis.js';

function machineOf(definition: unknown, file = 'test.asl.json'): Machine {
  const text = typeof definition === 'string' ? definition : JSON.stringify(definition, null, 2);
  const document = parseDocument(file, text);
  return buildMachine(document, document.roots[0]);
}

function analyse(definition: unknown): VariableAnalysis {
  return analyseVariables(machineOf(definition));
}

/** The undefined reads as `state: $name (reason) via A > B`. */
function undefinedReads(definition: unknown): string[] {
  return analyse(definition).undefinedReads.map(
    (u) => `${u.read.state.name}: $${u.read.name} (${u.reason})${u.path ? ` via ${u.path.map((s) => s.name).join(' > ')}` : ''}`,
  );
}

const jsonata = (states: Record<string, unknown>, startAt = Object.keys(states)[0]) => ({ QueryLanguage: 'JSONata', StartAt: startAt, States: states });
const pass = (extra: Record<string, unknown>) => ({ Type: 'Pass', ...extra });
const task = (extra: Record<string, unknown>) => ({ Type: 'Task', Resource: 'arn:aws:states:::lambda:invoke', ...extra });

describe('analyseVariables: flow', () => {
  it('accepts a read after an assignment on the only path', () => {
    expect(undefinedReads(jsonata({ A: pass({ Assign: { x: 1 }, Next: 'B' }), B: pass({ Output: '{% $x %}', End: true }) }))).toEqual([]);
  });

  it('reports a read in the state that assigns the variable: the value applies from the next state', () => {
    expect(undefinedReads(jsonata({ A: pass({ Assign: { x: 1 }, Output: '{% $x %}', End: true }) }))).toEqual(['A: $x (own-assign)']);
  });

  it('lets Assign swap two variables, reading the values at entry', () => {
    const definition = jsonata({
      Init: pass({ Assign: { x: 1, y: 2 }, Next: 'Swap' }),
      Swap: pass({ Assign: { x: '{% $y %}', y: '{% $x %}' }, End: true }),
    });
    expect(undefinedReads(definition)).toEqual([]);
    expect(analyse(definition).unused.map((a) => a.name)).toEqual([]);
  });

  it('reports a variable assigned on one branch of a Choice only, with the path', () => {
    const definition = jsonata({
      Check: { Type: 'Choice', Choices: [{ Condition: '{% $states.input.vip %}', Next: 'Vip' }], Default: 'Use' },
      Vip: pass({ Assign: { discount: 10 }, Next: 'Use' }),
      Use: pass({ Output: '{% $discount %}', End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['Use: $discount (maybe) via Check > Use']);
  });

  it('counts a Choice rule\'s Assign on its edge only, with the state\'s Assign on every edge', () => {
    const definition = jsonata({
      Check: {
        Type: 'Choice',
        Assign: { seen: true },
        Choices: [{ Condition: '{% $states.input.vip %}', Assign: { tier: 'gold' }, Next: 'Vip' }],
        Default: 'Plain',
      },
      Vip: pass({ Output: '{% $seen + $tier %}', End: true }),
      Plain: pass({ Output: '{% $seen + $tier %}', End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['Plain: $tier (not-yet) via Check > Plain']);
  });

  it('follows loops: a variable set later in the loop is not there on the first pass', () => {
    const definition = jsonata({
      Init: pass({ Assign: { count: 0 }, Next: 'Work' }),
      Work: pass({ Assign: { count: '{% $count + 1 %}', last: '{% $count %}' }, Next: 'Again?' }),
      'Again?': { Type: 'Choice', Choices: [{ Condition: '{% $count < 3 %}', Next: 'Work' }], Default: 'Done' },
      Done: pass({ Output: '{% $last + $previous %}', End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['Done: $previous (never-assigned)']);
  });

  it('reports a read in a loop head that is assigned only later in the loop', () => {
    const definition = jsonata({
      Head: pass({ Output: '{% $cursor %}', Next: 'Page' }),
      Page: pass({ Assign: { cursor: 'next' }, Next: 'Head' }),
    });
    expect(undefinedReads(definition)).toEqual(['Head: $cursor (maybe) via Head']);
  });

  it('applies a catcher\'s Assign instead of the state\'s along the catch edge', () => {
    const definition = jsonata({
      Call: task({
        Assign: { result: '{% $states.result %}' },
        Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failure: '{% $states.errorOutput %}' }, Next: 'Handle' }],
        Next: 'Use',
      }),
      Use: pass({ Output: '{% $result + $failure %}', End: true }),
      Handle: pass({ Output: '{% $result + $failure %}', End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['Use: $failure (not-yet) via Call > Use', 'Handle: $result (not-yet) via Call > Handle']);
  });

  it('does not report a read the expression tolerates when undefined', () => {
    const definition = jsonata({
      Use: pass({
        Output: {
          checked: '{% $exists($a) ? $a : 0 %}',
          tested: '{% $b ? $b.x : null %}',
          inArray: '{% [$c] %}',
          inObject: '{% {"d": $d} %}',
          compared: '{% $e = 1 %}',
          joined: "{% 'x' & $f %}",
          counted: '{% $count($g) %}',
        },
        End: true,
      }),
    });
    expect(undefinedReads(definition)).toEqual([]);
    expect(undefinedReads(jsonata({ Use: pass({ Output: '{% $uppercase($a.name) & "!" %}', Next: 'B' }), B: pass({ Output: '{% $substring($b, 1) %}', End: true }) }))).toEqual([
      'B: $b (never-assigned)',
    ]);
  });

  it('counts a variable that a Choice rule tests as defined along that rule\'s edge', () => {
    const definition = jsonata({
      Init: pass({ Next: 'Has discount?' }),
      'Has discount?': { Type: 'Choice', Choices: [{ Condition: '{% $exists($discount) %}', Next: 'Apply' }], Default: 'Skip' },
      Apply: pass({ Output: '{% $states.input.total - $discount %}', End: true }),
      Skip: pass({ Output: '{% $discount %}', End: true }),
      Set: pass({ Assign: { discount: 1 }, Next: 'Has discount?' }),
    });
    expect(undefinedReads(definition)).toEqual(['Skip: $discount (not-yet) via Init > Has discount? > Skip']);
  });

  it('accepts a JSONPath IsPresent test of a variable and reads after it', () => {
    const definition = {
      StartAt: 'Known?',
      States: {
        'Known?': { Type: 'Choice', Choices: [{ Variable: '$customer', IsPresent: true, Next: 'Use' }], Default: 'Done' },
        Use: { Type: 'Pass', Parameters: { 'name.$': '$customer.name' }, End: true },
        Done: { Type: 'Succeed' },
      },
    };
    expect(undefinedReads(definition)).toEqual([]);
  });

  it('does not judge unreachable states', () => {
    expect(undefinedReads(jsonata({ A: pass({ End: true }), Orphan: pass({ Output: '{% $x %}', End: true }) }))).toEqual([]);
  });
});

describe('analyseVariables: scopes', () => {
  const parallel = (branches: Record<string, unknown>[], extra: Record<string, unknown> = {}) => ({
    Type: 'Parallel',
    Branches: branches.map((states) => ({ StartAt: Object.keys(states)[0], States: states })),
    ...extra,
  });
  const map = (states: Record<string, unknown>, extra: Record<string, unknown> = {}, mode = 'INLINE') => ({
    Type: 'Map',
    ItemProcessor: { ProcessorConfig: mode === 'DISTRIBUTED' ? { Mode: mode, ExecutionType: 'STANDARD' } : { Mode: mode }, StartAt: Object.keys(states)[0], States: states },
    ...extra,
  });

  it('lets inner scopes read outer variables assigned before the Parallel or Map starts', () => {
    const definition = jsonata({
      Init: pass({ Assign: { limit: 5 }, Next: 'Fan out' }),
      'Fan out': parallel([{ B1: pass({ Output: '{% $limit %}', End: true }) }, { B2: map({ M: pass({ Output: '{% $limit %}', End: true }) }, { End: true }) }], {
        Assign: { late: 1 },
        Next: 'Done',
      }),
      Done: pass({ Output: '{% $late %}', End: true }),
    });
    expect(undefinedReads(definition)).toEqual([]);
  });

  it('reports an outer variable not yet assigned when the Map starts, with the outer path', () => {
    const definition = jsonata({
      Each: map({ Work: pass({ Output: '{% $limit %}', End: true }) }, { Assign: { limit: 5 }, End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['Work: $limit (not-yet) via Each > Work']);
  });

  it('reports a branch variable read after the Parallel', () => {
    const definition = jsonata({
      'Fan out': parallel([{ B1: pass({ Assign: { inner: 1 }, Next: 'B2' }), B2: pass({ Output: '{% $inner %}', End: true }) }], { Next: 'After' }),
      After: pass({ Output: '{% $inner %}', End: true }),
    });
    const found = analyse(definition).undefinedReads;
    expect(found.map((u) => `${u.read.state.name}: ${u.reason} ${u.assignments.map((a) => a.state.name)}`)).toEqual(['After: inner-scope B1']);
  });

  it('reports a read of a sibling branch\'s variable', () => {
    const definition = jsonata({
      'Fan out': parallel([{ B1: pass({ Assign: { mine: 1 }, Output: '{% 1 %}', End: true }) }, { B2: pass({ Output: '{% $mine %}', End: true }) }], { End: true }),
    });
    expect(undefinedReads(definition)).toEqual(['B2: $mine (other-scope)']);
  });

  it('reports an assignment to an outer variable inside a branch or iteration', () => {
    const definition = jsonata({
      Init: pass({ Assign: { total: 0 }, Next: 'Each' }),
      Each: map({ Add: pass({ Assign: { total: '{% $total + 1 %}', own: 1 }, Output: '{% $own %}', End: true }) }, { Next: 'Done' }),
      Done: pass({ Output: '{% $total %}', End: true }),
    });
    const analysis = analyse(definition);
    expect(analysis.outerAssignments.map((o) => `${o.assignment.state.name}.${o.assignment.name} (outer ${o.outer.state.name})`)).toEqual(['Add.total (outer Init)']);
  });

  it('lets a Map\'s catcher assign outer variables', () => {
    const definition = jsonata({
      Each: map({ Work: task({ End: true }) }, { Catch: [{ ErrorEquals: ['States.ALL'], Assign: { failed: true }, Next: 'Report' }], End: true }),
      Report: pass({ Output: '{% $failed %}', End: true }),
    });
    const analysis = analyse(definition);
    expect(analysis.undefinedReads).toEqual([]);
    expect(analysis.outerAssignments).toEqual([]);
  });

  it('keeps a Distributed Map\'s children from reading outer variables', () => {
    const definition = jsonata({
      Init: pass({ Assign: { bucket: 'b' }, Next: 'Each' }),
      Each: map({ Work: pass({ Assign: { own: 1 }, Output: '{% $bucket %}', Next: 'Use' }), Use: pass({ Output: '{% $own %}', End: true }) }, {
        ItemSelector: { bucket: '{% $bucket %}' },
        End: true,
      }, 'DISTRIBUTED'),
    });
    const found = analyse(definition).undefinedReads;
    expect(found.map((u) => `${u.read.state.name}: ${u.reason} ${u.distributedMap?.name}`)).toEqual(['Work: distributed Each']);
  });

  it('lets a Distributed Map\'s children use a name the parent also uses', () => {
    const definition = jsonata({
      Init: pass({ Assign: { id: 1 }, Next: 'Each' }),
      Each: map({ Work: pass({ Assign: { id: 2 }, Next: 'Use' }), Use: pass({ Output: '{% $id %}', End: true }) }, { Output: '{% $id %}', End: true }, 'DISTRIBUTED'),
    });
    const analysis = analyse(definition);
    expect(analysis.undefinedReads).toEqual([]);
    expect(analysis.outerAssignments).toEqual([]);
  });
});

describe('analyseVariables: JSONPath', () => {
  it('reads variables in paths, .$ values, intrinsic arguments and Choice rules', () => {
    const definition = {
      StartAt: 'Init',
      States: {
        Init: { Type: 'Pass', Assign: { 'order.$': '$.order', limit: 3 }, Next: 'Check' },
        Check: { Type: 'Choice', Choices: [{ Variable: '$order.total', NumericGreaterThanPath: '$limit', Next: 'Call' }], Default: 'Call' },
        Call: {
          Type: 'Task',
          Resource: 'arn:aws:states:::lambda:invoke',
          InputPath: '$order',
          Parameters: { 'text.$': "States.Format('{} {}', $order.id, $missing)", 'ctx.$': '$$.Execution.Id', 'in.$': '$.a' },
          End: true,
        },
      },
    };
    expect(undefinedReads(definition)).toEqual(['Call: $missing (never-assigned)']);
    expect(analyse(definition).unused).toEqual([]);
  });

  it('does not judge strings a JSONPath state leaves alone', () => {
    const definition = { StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { plain: '$nope', 'v.$': '$.x' }, Result: '{% $nope %}', End: true } } };
    expect(undefinedReads(definition)).toEqual([]);
  });
});

describe('analyseVariables: unused', () => {
  it('lists assignments nothing reads, and counts reads in nested scopes', () => {
    const definition = jsonata({
      Init: pass({ Assign: { used: 1, unused: 2, 'path.$': 3 }, Next: 'Each' }),
      Each: { Type: 'Map', ItemProcessor: { StartAt: 'W', States: { W: pass({ Assign: { innerUnused: 1 }, Output: '{% $used %}', End: true }) } }, End: true },
    });
    expect(analyse(definition).unused.map((a) => `${a.state.name}.${a.name}`)).toEqual(['Init.unused', 'Init.path', 'W.innerUnused']);
  });

  it('counts a name the expression binds or uses as a function as a possible read', () => {
    const definition = jsonata({
      A: pass({ Assign: { v: 1, string: 2 }, Next: 'B' }),
      B: pass({ Output: '{% ($v := $v + 1; $map([1], $string)) %}', End: true }),
    });
    expect(analyse(definition).unused).toEqual([]);
  });

  it('stays silent when a placeholder could stand for a read', () => {
    const definition = jsonata({ A: pass({ Assign: { v: 1 }, Next: 'B' }), B: pass({ Output: '{% ${Expression} %}', End: true }) });
    expect(analyse(definition).unused).toEqual([]);
  });
});

describe('analyseVariables: unknown assignments', () => {
  it('treats an Assign key with a placeholder as possibly setting any name', () => {
    const definition = jsonata({ A: pass({ Assign: { '${Name}': 1 }, Next: 'B' }), B: pass({ Output: '{% $anything %}', End: true }) });
    expect(undefinedReads(definition)).toEqual([]);
  });
});

describe('definedAt', () => {
  it('gives the variables assigned on every path, outer ones included', () => {
    const machine = machineOf(
      jsonata({
        A: pass({ Assign: { a: 1 }, Next: 'Choice' }),
        Choice: { Type: 'Choice', Choices: [{ Condition: '{% true %}', Next: 'B' }], Default: 'M' },
        B: pass({ Assign: { b: 1 }, Next: 'M' }),
        M: { Type: 'Map', ItemProcessor: { StartAt: 'In', States: { In: pass({ Assign: { c: 1 }, Next: 'In2' }), In2: pass({ End: true }) } }, End: true },
      }),
    );
    const analysis = analyseVariables(machine);
    const byName = new Map(machine.states.map((s) => [s.name, s]));
    expect([...analysis.definedAt(byName.get('M')!)!]).toEqual(['a']);
    expect([...analysis.assignedOnSomePathTo(byName.get('M')!)!].sort()).toEqual(['a', 'b']);
    expect([...analysis.definedAt(byName.get('In2')!)!].sort()).toEqual(['a', 'c']);
  });
});

describe('analyseVariables: scale', () => {
  it('analyses a 2,400-state machine with a variable per state (its speed is measured by bench/phases.bench.mjs, not here)', () => {
    const states: Record<string, unknown> = {};
    for (let i = 0; i < 2400; i++) {
      const next = i + 1 < 2400 ? `S${i + 1}` : 'Done';
      if (i % 10 === 5) {
        states[`S${i}`] = { Type: 'Choice', Choices: [{ Condition: `{% $v${i - 1} > 1 %}`, Next: next }], Default: i > 100 ? `S${i - 100}` : next };
      } else {
        states[`S${i}`] = task({ Assign: { [`v${i}`]: `{% $states.result.n + ${i} %}` }, Arguments: { a: `{% $v${Math.max(0, i - 3)} %}` }, Next: next });
      }
    }
    states.Done = { Type: 'Succeed' };
    const text = JSON.stringify(jsonata(states, 'S0'));
    // Iterative dataflow over loops back 100 states. Undefined: S0 reads its own variable before
    // assigning it, and every S(10k+8) reads v(10k+5), which belongs to a Choice and is never assigned.
    const analysis = analyseVariables(machineOf(text));
    const expected = ['S0 $v0', ...Array.from({ length: 240 }, (_, k) => `S${10 * k + 8} $v${10 * k + 5}`)];
    expect(analysis.undefinedReads.map((finding) => `${finding.read.state.name} $${finding.read.name}`).sort()).toEqual(expected.sort());
  });
});

describe('analyseVariables: definitions without variables', () => {
  it('finds nothing in a definition whose text has no Assign and no $name, and still finds what escapes spell', () => {
    const plain = { StartAt: 'A', States: { A: task({ Parameters: { 'id.$': '$.id', 'run.$': '$$.Execution.Id' }, ResultPath: '$.out', End: true }) } };
    expect(analyse(plain).variables.size).toBe(0);
    // `\u0024` is `$` and `\u0041` is `A`: JSON.stringify leaves them to the text as written.
    const escaped = '{"StartAt":"A","States":{"A":{"Type":"Pass","Parameters":{"x.$":"\\u0024total"},"Next":"B"},"B":{"Type":"Pass","\\u0041ssign":{"unused":1},"End":true}}}';
    const analysis = analyse(escaped);
    expect(analysis.undefinedReads.map((u) => `${u.read.state.name}: $${u.read.name} (${u.reason})`)).toEqual(['A: $total (never-assigned)']);
    expect(analysis.unused.map((a) => a.name)).toEqual(['unused']);
  });

  it('finds reads of variables whose names start with a letter beyond ASCII, or an underscore', () => {
    for (const name of ['étape', 'Ωmega', '_hidden', 'x']) {
      const text = JSON.stringify({ StartAt: 'A', States: { A: { Type: 'Pass', Parameters: { 'v.$': `$${name}`, 'p.$': '$.path' }, End: true } } });
      expect(analyse(text).undefinedReads.map((u) => u.read.name), name).toEqual([name]);
    }
  });
});
