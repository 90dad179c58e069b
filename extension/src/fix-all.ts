import * as vscode from 'vscode';
import { FIX_ALL_KIND } from './protocol.js';
import type { ServerController } from './server-controller.js';

/** Runs the server's `source.fixAll.sfn-lint` code action on the active editor's document. */
export async function fixAll(server: ServerController): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    void vscode.window.showInformationMessage('sfn-lint: open a state machine definition to fix it.');
    return;
  }
  const document = editor.document;
  if (!server.selects(document) || !(await server.running())) {
    void vscode.window.showInformationMessage(`sfn-lint does not lint ${vscode.workspace.asRelativePath(document.uri)}.`);
    return;
  }
  const whole = new vscode.Range(new vscode.Position(0, 0), document.lineAt(document.lineCount - 1).range.end);
  // The last argument asks VS Code to resolve the actions, so that a lazily computed edit is there.
  const actions = (await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', document.uri, whole, FIX_ALL_KIND, 10)) ?? [];
  const fixAllKind = vscode.CodeActionKind.SourceFixAll.append('sfn-lint');
  const action = actions.find((candidate): candidate is vscode.CodeAction => 'kind' in candidate && candidate.kind !== undefined && fixAllKind.contains(candidate.kind));
  if (!action) {
    vscode.window.setStatusBarMessage('sfn-lint: nothing to fix', 3000);
    return;
  }
  if (action.edit && !(await vscode.workspace.applyEdit(action.edit))) {
    void vscode.window.showWarningMessage('sfn-lint: the fixes could not be applied, as the file changed meanwhile. Try again.');
    return;
  }
  if (action.command) await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}
