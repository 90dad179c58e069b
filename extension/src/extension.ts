import * as vscode from 'vscode';
import { fixAll } from './fix-all.js';
import { GraphPanel } from './graph-panel.js';
import { ServerController } from './server-controller.js';

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const server = new ServerController(context);
  context.subscriptions.push(
    server,
    vscode.commands.registerCommand('sfnLint.showStateGraph', () => {
      const editor = vscode.window.activeTextEditor;
      if (!editor) {
        void vscode.window.showInformationMessage('sfn-lint: open a state machine definition to see its graph.');
        return;
      }
      GraphPanel.show(context, server, editor.document);
    }),
    vscode.commands.registerCommand('sfnLint.restartServer', () => server.restart()),
    vscode.commands.registerCommand('sfnLint.fixAll', () => fixAll(server)),
  );
  await server.startIfNeeded();
}

export function deactivate(): void {
  // The subscriptions, the server among them, are disposed by VS Code.
}
