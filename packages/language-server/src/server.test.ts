import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Hover, Location, Range, WorkspaceEdit } from 'vscode-languageserver-protocol';
import { applyTextEdits, TestClient } from './test-support/lsp-client.js';

// The server under test is the built one (dist/main.js), spawned and spoken to over stdio.

const MACHINE = `{
  "Comment": "Orders",
  "StartAt": "Validate",
  "States": {
    "Validate": {
      "Type": "Task",
      "Resource": "arn:aws:states:::lambda:invoke",
      "Parameters": { "FunctionName": "validate", "Payload.$": "$" },
      "Next": "Fan out"
    },
    "Fan out": {
      "Type": "Parallel",
      "Branches": [
        { "StartAt": "Step", "States": { "Step": { "Type": "Pass", "Next": "Done" }, "Done": { "Type": "Succeed" } } },
        { "StartAt": "Step", "States": { "Step": { "Type": "Pass", "End": true } } }
      ],
      "Next": "Done"
    },
    "Done": { "Type": "Succeed" },
    "Orphan": { "Type": "Pass", "End": true }
  }
}
`;

const YAML_MACHINE = `StartAt: First
States:
  First:
    Type: Pass
    Next: Last
  Last:
    Type: Succeed
  Orphan:
    Type: Pass
    End: true
`;

const TEMPLATE = `AWSTemplateFormatVersion: '2010-09-09'
Resources:
  OrderFlow:
    Type: AWS::StepFunctions::StateMachine
    Properties:
      RoleArn: arn:aws:iam::123456789012:role/flow
      Definition:
        StartAt: First
        States:
          First:
            Type: Pass
            End: true
          Orphan:
            Type: Pass
            End: true
`;

let root: string;
const uriOf = (name: string) => pathToFileURL(join(root, name)).href;

/** The position of the nth occurrence of a text in a document, plus an offset into it. */
function positionOf(text: string, needle: string, occurrence = 1, plus = 1) {
  let at = -1;
  for (let i = 0; i < occurrence; i++) at = text.indexOf(needle, at + 1);
  if (at < 0) throw new Error(`${needle} not found`);
  const before = text.slice(0, at + plus);
  const line = before.split('\n').length - 1;
  return { line, character: before.length - before.lastIndexOf('\n') - 1 };
}

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'sfn-lint-ls-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('language server, pull diagnostics', () => {
  let client: TestClient;
  let text = MACHINE;
  const uri = () => uriOf('order.asl.json');

  beforeAll(async () => {
    client = new TestClient({ pull: true, rootPath: root });
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    expect(result.capabilities.diagnosticProvider).toBeDefined();
    await client.open(uri(), text);
  });
  afterAll(() => client.kill());

  it('reports findings with rule id, docs link, source, related locations and tags', async () => {
    const diagnostics = await client.pullDiagnostics(uri());
    const unreachable = diagnostics.find((d) => d.code === 'no-unreachable-state')!;
    expect(unreachable).toBeDefined();
    expect(unreachable.source).toBe('sfn-lint');
    expect(unreachable.codeDescription?.href).toMatch(/docs\/rules\/no-unreachable-state\.md$/);
    expect(unreachable.tags).toEqual([1]);
    expect(unreachable.range.start.line).toBe(19);
    const retry = diagnostics.find((d) => d.code === 'lambda-transient-retry')!;
    expect(retry.severity).toBe(2);
  });

  it('offers the rule fix as the preferred quick fix, and applying it clears the finding', async () => {
    const diagnostics = await client.pullDiagnostics(uri());
    const retry = diagnostics.find((d) => d.code === 'lambda-transient-retry')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri() }, range: retry.range, context: { diagnostics: [retry] } });
    const fix = actions.find((action) => action.isPreferred)!;
    expect(fix.kind).toBe('quickfix');
    expect(actions.map((action) => action.title)).toContain('Show documentation for lambda-transient-retry');
    expect(actions.map((action) => action.title)).toContain('Disable lambda-transient-retry for state "Validate"');
    text = applyTextEdits(text, fix.edit!.changes![uri()]);
    expect(text).toContain('Lambda.ServiceException');
    await client.change(uri(), [{ text }]);
    const after = await client.pullDiagnostics(uri());
    expect(after.map((d) => d.code)).not.toContain('lambda-transient-retry');
    expect(after.map((d) => d.code)).toContain('no-unreachable-state');
  });

  it('disables a rule for a state through its Comment', async () => {
    const diagnostics = await client.pullDiagnostics(uri());
    const unreachable = diagnostics.find((d) => d.code === 'no-unreachable-state')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri: uri() }, range: unreachable.range, context: { diagnostics: [unreachable], only: ['quickfix'] } });
    const disable = actions.find((action) => action.title === 'Disable no-unreachable-state for state "Orphan"')!;
    const changed = applyTextEdits(text, disable.edit!.changes![uri()]);
    expect(JSON.parse(changed).States.Orphan.Comment).toBe('sfn-lint-disable no-unreachable-state');
    await client.change(uri(), [{ text: changed }]);
    expect((await client.pullDiagnostics(uri())).map((d) => d.code)).not.toContain('no-unreachable-state');
    await client.change(uri(), [{ text }]);
  });

  it('draws the state graph for the graph view, marking the states with findings', async () => {
    const graph = await client.request<{ mermaid: string } | null>('sfnLint/stateGraph', { uri: uri() });
    expect(graph?.mermaid).toMatch(/^flowchart /m);
    expect(graph?.mermaid).toContain('Orphan');
    expect(graph?.mermaid).toMatch(/class \S+ .*unreachable/);
    expect(await client.request('sfnLint/stateGraph', { uri: uriOf('not-open.asl.json') })).toBeNull();
  });

  it('goes to the definition of a state from a transition, in the right scope', async () => {
    const top = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri() }, position: positionOf(text, '"Next": "Done"', 2, 10) });
    expect(top[0].range.start.line).toBe(positionOf(text, '"Done": { "Type": "Succeed" }', 2).line);
    const nested = await client.request<Location[]>('textDocument/definition', { textDocument: { uri: uri() }, position: positionOf(text, '"Next": "Done"', 1, 10) });
    expect(nested[0].range.start).toEqual(positionOf(text, '"Done": { "Type"', 1, 0));
  });

  it('finds the references to a state within its scope only', async () => {
    const references = await client.request<Location[]>('textDocument/references', {
      textDocument: { uri: uri() },
      position: positionOf(text, '"Done": { "Type": "Succeed" }', 2),
      context: { includeDeclaration: false },
    });
    expect(references.map((location) => location.range.start)).toEqual([positionOf(text, '"Next": "Done"', 2, 8)]);
  });

  it('renames a state with its references, leaving other scopes alone', async () => {
    const position = positionOf(text, '"Step": {', 2, 2);
    const prepared = await client.request<{ placeholder: string }>('textDocument/prepareRename', { textDocument: { uri: uri() }, position });
    expect(prepared.placeholder).toBe('Step');
    const edit = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri() }, position, newName: 'Only step' });
    const renamed = JSON.parse(applyTextEdits(text, edit.changes![uri()]));
    const [first, second] = renamed.States['Fan out'].Branches;
    expect(second).toEqual({ StartAt: 'Only step', States: { 'Only step': { Type: 'Pass', End: true } } });
    expect(first.StartAt).toBe('Step');

    const top = await client.request<WorkspaceEdit>('textDocument/rename', { textDocument: { uri: uri() }, position: positionOf(text, '"Done": { "Type": "Succeed" }', 2), newName: 'Finished' });
    const topRenamed = JSON.parse(applyTextEdits(text, top.changes![uri()]));
    expect(topRenamed.States['Fan out'].Next).toBe('Finished');
    expect(topRenamed.States.Finished).toEqual({ Type: 'Succeed' });
    expect(topRenamed.States['Fan out'].Branches[0].States.Step.Next).toBe('Done');
    await expect(client.request('textDocument/rename', { textDocument: { uri: uri() }, position: positionOf(text, '"Done": { "Type": "Succeed" }', 2), newName: 'Orphan' })).rejects.toThrow(/already exists/);
  });

  it('outlines the states, with branches nested under their Parallel state', async () => {
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: uri() } });
    expect(symbols.map((symbol) => symbol.name)).toEqual(['Validate', 'Fan out', 'Done', 'Orphan']);
    const fanOut = symbols[1];
    expect(fanOut.detail).toBe('Parallel');
    expect(fanOut.children!.map((branch) => [branch.name, branch.children!.map((state) => state.name)])).toEqual([
      ['Branch 1', ['Step', 'Done']],
      ['Branch 2', ['Step']],
    ]);
  });

  it('describes the state a transition names, and a Task Resource with its IAM needs', async () => {
    const onNext = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri() }, position: positionOf(text, '"Next": "Fan out"', 1, 10) });
    expect(JSON.stringify(onNext.contents)).toContain('Parallel');
    const onResource = await client.request<Hover>('textDocument/hover', { textDocument: { uri: uri() }, position: positionOf(text, 'arn:aws:states:::lambda:invoke') });
    const value = (onResource.contents as { value: string }).value;
    expect(value).toContain('lambda:invoke');
    expect(value).toContain('lambda:InvokeFunction');
  });

  it('completes state names of the scope, state types and fields', async () => {
    const changed = text.replace('"Next": "Done"\n    },', '"Next": "Do\n    },');
    await client.change(uri(), [{ text: changed }]);
    const names = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri() }, position: positionOf(changed, '"Next": "Do\n', 1, 11) });
    expect(names.map((item) => item.label).sort()).toEqual(['Done', 'Orphan', 'Validate']);
    const done = names.find((item) => item.label === 'Done')!;
    expect(applyTextEdits(changed, [done.textEdit as { range: Range; newText: string }])).toContain('"Next": "Done\n');
    const typed = text.replace('"Done": { "Type": "Succeed" },', '"Done": { "Type": "Su" },');
    await client.change(uri(), [{ text: typed }]);
    const types = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri() }, position: positionOf(typed, '"Type": "Su"', 1, 11) });
    expect(types.map((item) => item.label)).toContain('Succeed');
    const withKey = text.replace('"Orphan": { "Type": "Pass", "End": true }', '"Orphan": { "Type": "Pass", "End": true, "" }');
    await client.change(uri(), [{ text: withKey }]);
    const fields = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri: uri() }, position: positionOf(withKey, 'true, "" }', 1, 7) });
    expect(fields.map((item) => item.label)).toContain('ResultPath');
    expect(fields.map((item) => item.label)).not.toContain('End');
    await client.change(uri(), [{ text }]);
  });

  it('survives half-typed JSON and answers every request', async () => {
    const broken = text.slice(0, text.length / 2);
    await client.change(uri(), [{ text: broken }]);
    const diagnostics = await client.pullDiagnostics(uri());
    expect(diagnostics.map((d) => d.code)).toContain('parse-error');
    await client.request('textDocument/documentSymbol', { textDocument: { uri: uri() } });
    await client.request('textDocument/hover', { textDocument: { uri: uri() }, position: { line: 1000, character: 5 } });
    await client.change(uri(), [{ text }]);
    expect((await client.pullDiagnostics(uri())).map((d) => d.code)).not.toContain('parse-error');
  });

  it('points at the other states of a loop as related information', async () => {
    const loop = uriOf('loop.asl.json');
    const text = JSON.stringify({ StartAt: 'Poll', States: { Poll: { Type: 'Pass', Next: 'Check' }, Check: { Type: 'Choice', Choices: [{ Variable: '$.done', BooleanEquals: true, Next: 'Done' }], Default: 'Poll' }, Done: { Type: 'Succeed' } } }, null, 2);
    await client.open(loop, text);
    const diagnostic = (await client.pullDiagnostics(loop)).find((d) => d.code === 'loop-needs-wait')!;
    expect(diagnostic.relatedInformation?.length).toBeGreaterThan(0);
    expect(diagnostic.relatedInformation![0].location.uri).toBe(loop);
  });

  it('lints the state machines of CDK output', async () => {
    const file = fileURLToPath(new URL('../../../fixtures/templates/cdk.out/OrdersStack.template.json', import.meta.url));
    const cdk = pathToFileURL(file).href;
    await client.open(cdk, readFileSync(file, 'utf8'));
    const codes = (await client.pullDiagnostics(cdk)).map((d) => d.code);
    expect(codes).toContain('require-choice-default');
    const symbols = await client.request<DocumentSymbol[]>('textDocument/documentSymbol', { textDocument: { uri: cdk } });
    expect(symbols.map((symbol) => symbol.name)).toContain('OrdersStack/Flow');
  });

  it('analyses a burst of edits once it settles, each pull answered', async () => {
    const burst = uriOf('burst.asl.json');
    await client.open(burst, MACHINE);
    await client.pullDiagnostics(burst);
    client.settings = { trace: { server: 'verbose' } };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await new Promise((resolve) => setTimeout(resolve, 300));
    const logged = () => client.logs.filter((line) => line.includes(burst)).length;
    const before = logged();
    const pulls: Promise<Diagnostic[]>[] = [];
    for (let i = 0; i < 10; i++) {
      await client.change(burst, [{ text: MACHINE.replace('"Orphan"', `"Orphan ${i}"`) }]);
      pulls.push(client.pullDiagnostics(burst));
    }
    const reports = await Promise.all(pulls);
    expect(reports.at(-1)!.find((d) => d.code === 'no-unreachable-state')!.message).toContain('Orphan 9');
    expect(logged() - before).toBeLessThanOrEqual(3);
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('shuts down and exits with code 0', async () => {
    const other = new TestClient({ pull: true, rootPath: root });
    await other.initialize();
    expect(await other.shutdown()).toBe(0);
  });
});

describe('language server, push diagnostics and configuration', () => {
  let client: TestClient;

  beforeAll(async () => {
    client = new TestClient({ pull: false, rootPath: root });
    const result = (await client.initialize()) as { capabilities: Record<string, unknown> };
    expect(result.capabilities.diagnosticProvider).toBeUndefined();
  });
  afterAll(() => client.kill());

  it('pushes diagnostics on open and after each change', async () => {
    const uri = uriOf('flow.asl.yaml');
    await client.open(uri, YAML_MACHINE);
    expect((await client.pushedDiagnostics(uri)).map((d) => d.code)).toContain('no-unreachable-state');
    const fixed = YAML_MACHINE.replace('    Next: Last', '    Next: Orphan');
    const version = await client.change(uri, [{ text: fixed }]);
    const after = await client.pushedDiagnostics(uri, version);
    expect(after.map((d) => d.code)).toContain('no-unreachable-state');
    expect(after.find((d) => d.code === 'no-unreachable-state')!.range.start.line).toBe(5);
  });

  it('completes state names in YAML, quoting those that need it', async () => {
    const uri = uriOf('complete.asl.yaml');
    const text = YAML_MACHINE.replace('  Orphan:', '  "Fan: out":').replace('    Next: Last', '    Next: ');
    await client.open(uri, text);
    const position = positionOf(text, '    Next: \n', 1, 10);
    const items = await client.request<CompletionItem[]>('textDocument/completion', { textDocument: { uri }, position });
    const written = Object.fromEntries(items.map((item) => [item.label, (item.textEdit as { newText: string }).newText]));
    expect(written).toEqual({ Last: 'Last', 'Fan: out': '"Fan: out"' });
  });

  it('debounces: a burst of edits is analysed once', async () => {
    const uri = uriOf('burst.asl.yaml');
    await client.open(uri, YAML_MACHINE);
    await client.pushedDiagnostics(uri);
    const before = client.pushedCount(uri);
    let version = 1;
    for (let i = 0; i < 10; i++) version = await client.change(uri, [{ text: YAML_MACHINE.replace('Orphan', `Orphan${i}`) }]);
    const diagnostics = await client.pushedDiagnostics(uri, version);
    expect(diagnostics.find((d) => d.code === 'no-unreachable-state')!.message).toContain('Orphan9');
    expect(client.pushedCount(uri) - before).toBeLessThanOrEqual(2);
  });

  it('writes a YAML suppression as a comment above the finding', async () => {
    const uri = uriOf('flow.asl.yaml');
    await client.change(uri, [{ text: YAML_MACHINE }]);
    const diagnostics = await client.pushedDiagnostics(uri, 3);
    const unreachable = diagnostics.find((d) => d.code === 'no-unreachable-state')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unreachable.range, context: { diagnostics: [unreachable] } });
    const disable = actions.find((action) => action.title === 'Disable no-unreachable-state for this line')!;
    const changed = applyTextEdits(YAML_MACHINE, disable.edit!.changes![uri]);
    expect(changed).toContain('  # sfn-lint-disable-next-line no-unreachable-state\n  Orphan:');
    const version = await client.change(uri, [{ text: changed }]);
    expect((await client.pushedDiagnostics(uri, version)).map((d) => d.code)).not.toContain('no-unreachable-state');
  });

  it('suppresses in a template through the resource Metadata, and hovers on the rule id', async () => {
    const uri = uriOf('template.yaml');
    await client.open(uri, TEMPLATE);
    const diagnostics = await client.pushedDiagnostics(uri);
    const unreachable = diagnostics.find((d) => d.code === 'no-unreachable-state')!;
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', { textDocument: { uri }, range: unreachable.range, context: { diagnostics: [unreachable] } });
    const metadata = actions.find((action) => action.title.startsWith('Disable no-unreachable-state for state machine OrderFlow'))!;
    const changed = applyTextEdits(TEMPLATE, metadata.edit!.changes![uri]);
    expect(changed).toContain('    Metadata:\n      sfn-lint:\n        ignore:\n          - no-unreachable-state\n');
    const version = await client.change(uri, [{ text: changed }]);
    expect((await client.pushedDiagnostics(uri, version)).map((d) => d.code)).not.toContain('no-unreachable-state');
    const hover = await client.request<Hover>('textDocument/hover', { textDocument: { uri }, position: positionOf(changed, '- no-unreachable-state', 1, 4) });
    expect((hover.contents as { value: string }).value).toContain('# no-unreachable-state');
  });

  it('follows the nearest config file, and re-reads it when it changes', async () => {
    const dir = mkdtempSync(join(root, 'configured-'));
    const config = join(dir, 'sfn-lint.config.json');
    writeFileSync(config, JSON.stringify({ rules: { 'no-unreachable-state': 'off' } }));
    const uri = pathToFileURL(join(dir, 'flow.asl.yaml')).href;
    await client.open(uri, YAML_MACHINE);
    expect((await client.pushedDiagnostics(uri)).map((d) => d.code)).not.toContain('no-unreachable-state');
    writeFileSync(config, JSON.stringify({ rules: { 'no-unreachable-state': 'warn' } }));
    const count = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(count);
    const diagnostics = await client.pushedDiagnostics(uri);
    expect(diagnostics.find((d) => d.code === 'no-unreachable-state')?.severity).toBe(2);

    writeFileSync(config, '{ "rules": { "no-such-rule": "error" } }');
    const again = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeWatchedFiles', { changes: [{ uri: pathToFileURL(config).href, type: 2 }] });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(again);
    expect((await client.pushedDiagnostics(uri))[0].message).toContain('no-such-rule');
  });

  it('applies the editor settings: rule customizations, and enable', async () => {
    const uri = uriOf('flow.asl.yaml');
    await client.change(uri, [{ text: YAML_MACHINE }]);
    client.settings = { rules: { customizations: [{ rule: 'no-unreachable-*', severity: 'info' }] } };
    let count = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(count);
    expect((await client.pushedDiagnostics(uri)).find((d) => d.code === 'no-unreachable-state')?.severity).toBe(3);
    client.settings = { enable: false };
    count = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(count);
    expect(await client.pushedDiagnostics(uri)).toEqual([] as Diagnostic[]);
    client.settings = {};
    count = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(count);
  });

  it('in onSave mode, refreshes diagnostics when the file is saved, not as it is typed', async () => {
    const uri = uriOf('saved.asl.yaml');
    client.settings = { run: 'onSave' };
    let count = client.pushedCount(uri);
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await client.open(uri, YAML_MACHINE);
    expect((await client.pushedDiagnostics(uri)).map((d) => d.code)).toContain('no-unreachable-state');
    count = client.pushedCount(uri);
    const fixed = YAML_MACHINE.replace('    Next: Last', '    Next: Orphan').replace('    End: true\n', '    Next: Last\n');
    await client.change(uri, [{ text: fixed }]);
    await new Promise((resolve) => setTimeout(resolve, 600));
    expect(client.pushedCount(uri)).toBe(count);
    await client.connection.sendNotification('textDocument/didSave', { textDocument: { uri } });
    await expect.poll(() => client.pushedCount(uri), { timeout: 10_000 }).toBeGreaterThan(count);
    expect((await client.pushedDiagnostics(uri)).map((d) => d.code)).not.toContain('no-unreachable-state');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('checks the files the validate globs name, whatever they hold', async () => {
    const uri = uriOf('workflows/broken.json');
    const text = '{ "Comment": "no StartAt yet" }';
    await client.open(uri, text);
    expect(await client.pushedDiagnostics(uri)).toEqual([]);
    client.settings = { validate: ['workflows/*.json'] };
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(async () => (await client.pushedDiagnostics(uri)).length, { timeout: 10_000 }).toBeGreaterThan(0);
    expect((await client.pushedDiagnostics(uri)).map((d) => d.code)).toContain('valid-definition');
    client.settings = {};
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
  });

  it('answers every request on wrong types, deep nesting and a large garbage file', async () => {
    const inputs: [string, string][] = [
      ['types.asl.json', '{ "StartAt": 5, "States": { "A": { "Type": 7, "Next": [1], "Branches": "x", "Catch": {} }, "B": null } }'],
      ['deep.asl.json', `${'['.repeat(50_000)}${']'.repeat(50_000)}`],
      ['deep.asl.yaml', `StartAt: A\nStates:\n  A: ${'{ a: '.repeat(5_000)}1${' }'.repeat(5_000)}\n`],
      ['garbage.asl.json', `{ "StartAt": "A", "States": {${'"A": { "Type": "Pass", "Next": "A" }, {'.repeat(20_000)}`],
    ];
    for (const [name, text] of inputs) {
      const uri = uriOf(name);
      await client.open(uri, text);
      const position = { line: 0, character: 20 };
      await client.request('textDocument/hover', { textDocument: { uri }, position });
      await client.request('textDocument/definition', { textDocument: { uri }, position });
      await client.request('textDocument/completion', { textDocument: { uri }, position });
      await client.request('textDocument/documentSymbol', { textDocument: { uri } });
      await client.request('textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } });
      expect(Array.isArray(await client.pushedDiagnostics(uri, 1, 30_000))).toBe(true);
      await client.close(uri);
    }
    expect(client.process.exitCode).toBeNull();
  });

  it('offers fix-all as a source action', async () => {
    const uri = uriOf('fixall.asl.json');
    const text = MACHINE;
    await client.open(uri, text);
    await client.pushedDiagnostics(uri);
    const actions = await client.request<CodeAction[]>('textDocument/codeAction', {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ['source.fixAll'] },
    });
    expect(actions.map((action) => action.kind)).toEqual(['source.fixAll.sfn-lint']);
    expect(applyTextEdits(text, actions[0].edit!.changes![uri])).toContain('Lambda.ServiceException');
  });
});

describe('language server, settings per workspace folder', () => {
  let client: TestClient;
  let first: string;
  let second: string;
  const codes = async (uri: string) => (await client.pullDiagnostics(uri)).map((d) => d.code);

  beforeAll(async () => {
    first = mkdtempSync(join(root, 'folder-a-'));
    second = mkdtempSync(join(root, 'folder-b-'));
    client = new TestClient({ pull: true, rootPath: first, folders: [second] });
    client.folderSettings.set(second, { rules: { customizations: [{ rule: 'no-unreachable-state', severity: 'off' }] } });
    const result = (await client.initialize()) as { capabilities: { workspace?: { workspaceFolders?: unknown } } };
    expect(result.capabilities.workspace?.workspaceFolders).toEqual({ supported: true, changeNotifications: true });
  });
  afterAll(() => client.kill());

  it("applies each folder's settings to its own documents, and the window's to the rest", async () => {
    const inFirst = pathToFileURL(join(first, 'flow.asl.yaml')).href;
    const inSecond = pathToFileURL(join(second, 'flow.asl.yaml')).href;
    const elsewhere = uriOf('outside.asl.yaml');
    for (const uri of [inFirst, inSecond, elsewhere]) await client.open(uri, YAML_MACHINE);
    expect(await codes(inFirst)).toContain('no-unreachable-state');
    expect(await codes(inSecond)).not.toContain('no-unreachable-state');
    expect(await codes(elsewhere)).toContain('no-unreachable-state');

    client.folderSettings.delete(second);
    client.folderSettings.set(first, { enable: false });
    await client.connection.sendNotification('workspace/didChangeConfiguration', { settings: {} });
    await expect.poll(() => codes(inSecond), { timeout: 10_000 }).toContain('no-unreachable-state');
    expect(await codes(inFirst)).toEqual([]);
  });

  it('reads the settings of a folder added to the workspace, and forgets a removed one', async () => {
    const third = mkdtempSync(join(root, 'folder-c-'));
    const uri = pathToFileURL(join(third, 'flow.asl.yaml')).href;
    await client.open(uri, YAML_MACHINE);
    expect(await codes(uri)).toContain('no-unreachable-state');
    client.folderSettings.set(third, { enable: false });
    const folder = { uri: pathToFileURL(third).href, name: 'third' };
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [folder], removed: [] } });
    await expect.poll(() => codes(uri), { timeout: 10_000 }).toEqual([]);
    await client.connection.sendNotification('workspace/didChangeWorkspaceFolders', { event: { added: [], removed: [folder] } });
    await expect.poll(() => codes(uri), { timeout: 10_000 }).toContain('no-unreachable-state');
  });
});

describe('language server, edits inside a string value', () => {
  let client: TestClient;
  const example = readFileSync(fileURLToPath(new URL('../../../fixtures/examples/order-workflow.asl.json', import.meta.url)), 'utf8');

  beforeAll(async () => {
    client = new TestClient({ pull: true, rootPath: root });
    await client.initialize();
  });
  afterAll(() => client.kill());

  it('reports after each keystroke what a fresh analysis of the same text reports, ranges included', async () => {
    const uri = uriOf('typed.asl.json');
    await client.open(uri, example);
    await client.pullDiagnostics(uri);
    let text = example;
    // Type into the first Resource (which changes the findings), then into a Comment-free string near the end.
    const at = text.indexOf('"Resource": "') + '"Resource": "'.length;
    for (const [offset, insert] of [
      [at, 'x'],
      [at + 1, 'y'],
      [text.lastIndexOf('": "') + 4, 'z'],
    ] as const) {
      const position = positionOf(text, text.slice(offset), 1, 0);
      text = text.slice(0, offset) + insert + text.slice(offset);
      await client.change(uri, [{ range: { start: position, end: position }, text: insert }]);
      const typed = await client.pullDiagnostics(uri);
      const fresh = uriOf(`fresh-${offset}.asl.json`);
      await client.open(fresh, text);
      const expected = await client.pullDiagnostics(fresh);
      expect(typed.map((d) => [d.code, d.range, d.message])).toEqual(expected.map((d) => [d.code, d.range, d.message]));
    }
  });
});
