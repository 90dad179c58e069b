import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { lintText, renderStateGraph, stateGraphModel, type GraphScope, type GraphState, type StateGraphModel } from '@sfn-lint/core';
import { rules } from '@sfn-lint/rules';
import { instance as vizInstance } from '@viz-js/viz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GRAPH_EXAMPLE_IMAGE, graphExampleSvg } from '../scripts/graph-example-svg.mjs';
import { corpusFiles, corpusPresent, corpusRelative, readText } from './corpus-files.js';

// The CLI tests run the built binary: `npm test` builds first.
const BIN = fileURLToPath(new URL('../packages/cli/bin/sfn-lint.cjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../fixtures/examples/fulfilment-workflow.asl.json', import.meta.url));
const TEMPLATES = fileURLToPath(new URL('../fixtures/templates/', import.meta.url));

/** State names that break naive escaping in Mermaid, DOT, HTML or JavaScript objects. */
const HOSTILE = [
  '__proto__',
  'constructor',
  'a "quoted" name',
  "it's",
  '<b>bold</b> & <script>alert(1)</script>',
  '#quot; #35; literal',
  'semi;colon',
  'style: #f00;',
  'classDef x fill:#f00;',
  '%%{init: {"theme":"dark"}}%%',
  '[brackets] {braces} (parens)',
  'end',
  'subgraph',
  'back\\slash \\n \\N \\G',
  'pipe | bar',
  '`tick`',
  'line\nbreak',
  'ünïcödé 日本語 🚀',
  'R&amp;D',
  'A --> B',
];

function hostileDefinition(): string {
  // No prototype: `__proto__` must be an own key, as it is in the file.
  const states: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  HOSTILE.forEach((name, i) => {
    const next = HOSTILE[i + 1];
    states[name] = next === undefined ? { Type: 'Succeed' } : { Type: 'Pass', Next: next };
  });
  // A Choice and a catcher whose labels carry the same kind of text.
  states['a "quoted" name'] = {
    Type: 'Choice',
    Choices: [{ Variable: '$["<x>"]', StringEquals: 'a "b" #c;', Next: "it's" }],
    Default: '<b>bold</b> & <script>alert(1)</script>',
  };
  states['pipe | bar'] = {
    Type: 'Task',
    Resource: 'arn:aws:states:::lambda:invoke',
    Parameters: { FunctionName: 'f' },
    Catch: [{ ErrorEquals: ['Err"or<1>', '#x;', 'a|b'], Next: '`tick`' }],
    Next: '`tick`',
  };
  return JSON.stringify({ StartAt: HOSTILE[0], States: states }, null, 2);
}

/** What a reader should see for a name: line breaks and control characters become spaces. */
function shown(name: string): string {
  return name.replace(/[\u0000-\u001f\u007f]/g, ' ');
}

function states(scope: GraphScope): GraphState[] {
  return scope.states.flatMap((state) => [state, ...state.scopes.flatMap(states)]);
}

function modelOf(file: string, text: string): StateGraphModel {
  return stateGraphModel(lintText(file, text, { rules }));
}

// ---- Mermaid's own parser, in Node. It lives in tests/mermaid with its own lockfile, out of
// the root package: pre-commit installs a hook's dev dependencies, and these are large.
const mermaidInstalled = existsSync(fileURLToPath(new URL('./mermaid/node_modules/mermaid/package.json', import.meta.url)));
// CI installs it (.ci/run), so there a missing one is a failure, not a skip.
const mermaidMustRun = process.env.CI === 'true';
if (!mermaidInstalled && !mermaidMustRun) {
  console.warn('tests/graph.test.ts: Mermaid is not installed (npm ci --prefix tests/mermaid), so the checks with its parser are skipped.');
}

interface MermaidDb {
  getVertices(): Map<string, { text?: string }>;
  getEdges(): { start: string; end: string; text: string }[];
  getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}

let parseMermaid: (text: string) => Promise<MermaidDb>;

/** Mermaid swaps entity codes for placeholders while parsing, and for characters when it draws. */
function mermaidShows(text: string): string {
  return text.replace(/\ufb02\u00b0\u00b0(\d+)\u00b6\u00df/g, (_, code: string) => String.fromCodePoint(Number(code)));
}

beforeAll(async () => {
  if (mermaidInstalled || mermaidMustRun) ({ parseMermaid } = (await import('./mermaid/parse.mjs')) as { parseMermaid: typeof parseMermaid });
});

/** The text elements of each SVG group of a class ("node", "edge", "cluster"), by the group's title. */
function svgTexts(svg: string, kind: string): Map<string, string[]> {
  const groups = new Map<string, string[]>();
  for (const match of svg.matchAll(new RegExp(`<g id="[^"]*" class="${kind}">\\n<title>([^<]*)</title>([\\s\\S]*?)</g>`, 'g'))) {
    const texts = [...match[2].matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((text) => xmlText(text[1]));
    groups.set(xmlText(match[1]), texts);
  }
  return groups;
}

function xmlText(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|quot|apos|amp);/gi, (_, entity: string) => {
    if (entity[0] === '#') return String.fromCodePoint(entity[1] === 'x' || entity[1] === 'X' ? parseInt(entity.slice(2), 16) : Number(entity.slice(1)));
    return ({ lt: '<', gt: '>', quot: '"', apos: "'", amp: '&' } as Record<string, string>)[entity.toLowerCase()];
  });
}

describe.skipIf(!mermaidInstalled && !mermaidMustRun)('Mermaid output, read back by the mermaid package’s parser', () => {
  it('parses, and shows every hostile name, edge label and file name exactly', async () => {
    const model = modelOf('/work/we"ird #1 <x>.asl.json', hostileDefinition());
    const db = await parseMermaid(renderStateGraph(model, 'mermaid'));
    const vertices = db.getVertices();
    for (const state of states(model.machines[0].scope)) {
      const text = mermaidShows(vertices.get(state.id)?.text ?? '');
      expect(text.split('<br>')[0], state.name).toBe(shown(state.name));
    }
    const labels = db.getEdges().map((edge) => mermaidShows(edge.text));
    expect(labels).toContain('$["<x>"] StringEquals "a \\"b\\" #c;"');
    expect(labels).toContain('Err"or<1>, #x;, a|b');
    const machine = db.getSubGraphs().find((subgraph) => subgraph.id === 'm0');
    expect(mermaidShows(machine!.title).split('<br>')[0]).toBe('we"ird #1 <x>.asl.json');
  });

  it('nests the example’s Parallel branches and Map processor as the model does', async () => {
    const model = modelOf(EXAMPLE, readFileSync(EXAMPLE, 'utf8'));
    const db = await parseMermaid(renderStateGraph(model, 'mermaid'));
    const subgraphs = new Map(db.getSubGraphs().map((subgraph) => [subgraph.id, subgraph]));
    const top = model.machines[0].scope;
    const parallel = top.states.find((state) => state.kind === 'Parallel')!;
    expect(subgraphs.get(`${parallel.id}_box`)!.nodes).toEqual([parallel.id, ...parallel.scopes.map((scope) => scope.id), `${parallel.id}_join`]);
    const map = parallel.scopes[1].states[0];
    expect(map.kind).toBe('Map');
    expect(subgraphs.get(parallel.scopes[1].id)!.nodes).toEqual([`${map.id}_box`]);
    expect(subgraphs.get(map.scopes[0].id)!.nodes).toEqual(map.scopes[0].states.map((state) => state.id));
    expect(subgraphs.get('m0')!.nodes).toContain(`${parallel.id}_box`);
    // Every transition is an edge, and the findings are named on their states.
    const edges = db.getEdges().map((edge) => `${edge.start}->${edge.end}`);
    for (const edge of top.edges.filter((e) => e.to !== undefined && e.from !== parallel.id)) expect(edges).toContain(`${edge.from}->${edge.to}`);
    const marked = states(top).filter((state) => state.severity);
    expect(marked.length).toBeGreaterThanOrEqual(3);
    for (const state of marked) {
      const text = mermaidShows(db.getVertices().get(state.id)!.text!);
      for (const diagnostic of state.diagnostics) expect(text).toContain(diagnostic.ruleId);
    }
  });

  it('is a parser that does reject broken text', async () => {
    await expect(parseMermaid('flowchart TB\n  a["x" y"] --> b\n')).rejects.toThrow(/Parse error/);
  });
});

describe('DOT output, laid out by Graphviz', () => {
  it('renders, and shows every hostile name, edge label and file name exactly (Graphviz compiled to WebAssembly)', async () => {
    const viz = await vizInstance();
    const model = modelOf('/work/we"ird #1 &amp; <x>.asl.json', hostileDefinition());
    const result = viz.render(renderStateGraph(model, 'dot'), { format: 'svg' });
    expect(result.status).toBe('success');
    // The WebAssembly build has no fonts, so it guesses the width of non-ASCII letters; anything else is a finding.
    expect(result.errors.filter((error) => !/no value for width of non-ASCII character/.test(error.message))).toEqual([]);
    const nodes = svgTexts(result.output!, 'node');
    for (const state of states(model.machines[0].scope)) expect(nodes.get(state.id)?.[0], state.name).toBe(shown(state.name));
    const edgeTexts = [...svgTexts(result.output!, 'edge').values()].flat();
    expect(edgeTexts).toContain('$["<x>"] StringEquals "a \\"b\\" #c;"');
    expect(edgeTexts).toContain('Err"or<1>, #x;, a|b');
    const clusters = new Map([...svgTexts(result.output!, 'cluster')].map(([title, texts]) => [title, texts[0]]));
    expect(clusters.get('cluster_m0')).toBe('we"ird #1 &amp; <x>.asl.json');
  });

  it('is a Graphviz that does reject broken text', async () => {
    const viz = await vizInstance();
    expect(viz.render('digraph { a -> ; }', { format: 'svg' }).status).toBe('failure');
  });

  const dotInstalled = spawnSync('dot', ['-V'], { encoding: 'utf8' }).status === 0;
  if (!dotInstalled) console.warn('tests/graph.test.ts: Graphviz (dot) is not installed here, so the check with the native dot is skipped; the WebAssembly build still checks the output.');
  it.skipIf(!dotInstalled)('renders with the installed Graphviz too, without warnings', () => {
    for (const text of [hostileDefinition(), readFileSync(EXAMPLE, 'utf8')]) {
      const run = spawnSync('dot', ['-Tsvg'], { input: renderStateGraph(modelOf('/work/x.asl.json', text), 'dot'), encoding: 'utf8' });
      expect(run.stderr).toBe('');
      expect(run.status).toBe(0);
    }
  });
});

if (!corpusPresent) console.warn('Notice: ../shared/corpus is absent, so the graph corpus test is skipped.');

describe.skipIf(!corpusPresent)('graphs of the corpus', () => {
  it('draws every machine of every file, as output that Graphviz and Mermaid read', { timeout: 600_000 }, async () => {
    const viz = await vizInstance();
    const failures: string[] = [];
    let drawn = 0;
    for (const file of corpusFiles()) {
      const where = corpusRelative(file);
      try {
        const model = modelOf(file, readText(file));
        if (model.machines.length === 0) continue;
        drawn++;
        expect(JSON.parse(JSON.stringify(model)), where).toEqual(model);
        const ids = model.machines.flatMap((machine) => [machine.id, ...states(machine.scope).map((state) => state.id)]);
        if (new Set(ids).size !== ids.length) failures.push(`${where}: ids repeat`);
        const dot = renderStateGraph(model, 'dot');
        const mermaidText = renderStateGraph(model, 'mermaid');
        // Graphviz for a quarter of the files and Mermaid's parser for a thirtieth keep this test
        // within seconds; all of them pass (checked by hand when the renderers change).
        if (drawn % 4 === 0) {
          const result = viz.render(dot, { format: 'svg' });
          if (result.status !== 'success') failures.push(`${where}: Graphviz: ${result.errors.map((e) => e.message).join('; ')}`);
        }
        if (drawn % 30 === 0 && parseMermaid) await parseMermaid(mermaidText).catch((error: Error) => failures.push(`${where}: Mermaid: ${error.message}`));
      } catch (error) {
        failures.push(`${where}: threw ${(error as Error).stack}`);
      }
    }
    expect(failures).toEqual([]);
    expect(drawn).toBeGreaterThan(1000);
  });
});

describe('the README’s example graph', () => {
  it('is current (run `npm run docs:graph` when this fails)', async () => {
    const onDisk = readFileSync(new URL(`../${GRAPH_EXAMPLE_IMAGE}`, import.meta.url), 'utf8');
    expect(onDisk).toBe(await graphExampleSvg());
  });
});

// ---- The command, as a spawned process.
let root: string;

function sfnLint(args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd: root, encoding: 'utf8', input: '' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('sfn-lint graph', () => {
  beforeAll(() => {
    root = realpathSync(mkdtempSync(join(tmpdir(), 'sfn-lint-graph-')));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('prints the Mermaid graph of a definition, with its findings marked', () => {
    const run = sfnLint(['graph', EXAMPLE]);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout.startsWith('flowchart TB\n')).toBe(true);
    expect(run.stdout).toContain('subgraph m0["fulfilment-workflow.asl.json"]');
    expect(run.stdout).toContain('error#58; no-missing-state');
    expect(run.stdout).toContain('warning#58; lambda-transient-retry');
    expect(run.stdout).toMatch(/^ {2}class .+ error$/m);
  });

  it('writes DOT to a file, whole, creating its folder', () => {
    const run = sfnLint(['graph', EXAMPLE, '--format', 'dot', '-o', 'out/graph.dot']);
    expect(run).toEqual({ status: 0, stdout: '', stderr: '' });
    const text = readFileSync(join(root, 'out/graph.dot'), 'utf8');
    expect(text.startsWith('digraph "state machines" {')).toBe(true);
    expect(readdirSync(join(root, 'out'))).toEqual(['graph.dot']);
  });

  it('draws every machine of a template, or the one --machine names by logical id or CDK path', () => {
    const sam = join(TEMPLATES, 'sam/template.yaml');
    const all = sfnLint(['graph', sam]);
    expect(all.status).toBe(0);
    const clusters = all.stdout.match(/^ {2}subgraph m\d+\[/gm) ?? [];
    expect(clusters.length).toBeGreaterThan(1);

    const cdk = join(TEMPLATES, 'cdk.out/OrdersStack.template.json');
    const byId = sfnLint(['graph', cdk, '--machine', 'Flow', '-f', 'dot']);
    const byPath = sfnLint(['graph', cdk, '--machine', 'OrdersStack/Flow', '-f', 'dot']);
    expect(byId.status).toBe(0);
    expect(byId.stdout).toContain('label="OrdersStack/Flow');
    expect(byPath.stdout).toBe(byId.stdout);
  });

  it('says which machines there are when --machine names none, and exits 2', () => {
    const run = sfnLint(['graph', join(TEMPLATES, 'cdk.out/OrdersStack.template.json'), '--machine', 'Nope']);
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no state machine "Nope"');
    expect(run.stderr).toContain('Flow (OrdersStack/Flow)');
  });

  it('exits 2 with a clear message for a file that does not parse, holds no machine, or is missing', () => {
    mkdirSync(join(root, 'bad'), { recursive: true });
    writeFileSync(join(root, 'bad/broken.asl.json'), '{\n  "StartAt": "A",\n  "States": {\n');
    writeFileSync(join(root, 'bad/data.json'), '{ "name": "not a workflow" }\n');
    const broken = sfnLint(['graph', 'bad/broken.asl.json']);
    expect(broken.status).toBe(2);
    expect(broken.stderr).toMatch(/^sfn-lint: bad\/broken\.asl\.json does not parse, so its graph cannot be drawn:\n {2}bad\/broken\.asl\.json:4:1: /);
    const data = sfnLint(['graph', 'bad/data.json']);
    expect(data.status).toBe(2);
    expect(data.stderr).toContain('holds no state machine');
    for (const args of [['graph', 'bad/missing.json'], ['graph', 'bad'], ['graph'], ['graph', EXAMPLE, '--format', 'svg'], ['graph', EXAMPLE, '--nope']]) {
      const run = sfnLint(args);
      expect(run.status, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(/^sfn-lint: /);
      expect(run.stderr).not.toMatch(/internal error|at .+\.cjs/);
    }
  });

  it('exits 2 when the output file cannot be written, and leaves nothing behind', () => {
    writeFileSync(join(root, 'a-file'), '');
    const run = sfnLint(['graph', EXAMPLE, '-o', 'a-file/graph.mmd']);
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('cannot write a-file/graph.mmd');
  });

  it('notes when Mermaid would refuse the graph by default, and draws it all the same', () => {
    const states = Object.fromEntries(Array.from({ length: 600 }, (_, i) => [`S${i}`, i === 599 ? { Type: 'Succeed' } : { Type: 'Pass', Next: `S${i + 1}` }]));
    writeFileSync(join(root, 'long.asl.json'), JSON.stringify({ StartAt: 'S0', States: states }));
    const run = sfnLint(['graph', 'long.asl.json']);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain('m0_s598 --> m0_s599');
    expect(run.stderr).toMatch(/^sfn-lint: note: this graph has \d+ characters and 601 edges; Mermaid draws at most 50000 and 500 unless/);
    const dot = sfnLint(['graph', 'long.asl.json', '--format', 'dot']);
    expect(dot.stderr).toBe('');
    const small = sfnLint(['graph', EXAMPLE]);
    expect(small.stderr).toBe('');
  });

  it('prints its help', () => {
    const run = sfnLint(['graph', '--help']);
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^Usage: sfn-lint graph <file>/);
    expect(sfnLint(['--help']).stdout).toContain('sfn-lint graph <file>');
  });
});
