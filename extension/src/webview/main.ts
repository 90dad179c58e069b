// The state graph page: draws the Mermaid text the extension sends, again on each update,
// and tells the extension which state was clicked.
import mermaid from 'mermaid';
import type { FromWebview, ToWebview } from '../protocol.js';

interface WebviewApi {
  postMessage(message: FromWebview): void;
}
declare function acquireVsCodeApi(): WebviewApi;

const vscode = acquireVsCodeApi();
const graph = document.getElementById('graph')!;
const title = document.getElementById('title')!;
const status = document.getElementById('status')!;
const notice = document.getElementById('notice')!;

let latest: ToWebview | undefined;
let sequence = 0;
let renders = 0;

function isDark(): boolean {
  const classes = document.body.classList;
  return classes.contains('vscode-dark') || (classes.contains('vscode-high-contrast') && !classes.contains('vscode-high-contrast-light'));
}

function configure(): void {
  mermaid.initialize({
    startOnLoad: false,
    // Labels are text, never HTML, and click bindings from the graph text are ignored.
    securityLevel: 'strict',
    suppressErrorRendering: true,
    theme: isDark() ? 'dark' : 'default',
    fontFamily: getComputedStyle(document.body).fontFamily,
    htmlLabels: false,
    flowchart: { useMaxWidth: false, htmlLabels: false },
  });
}

function showNotice(text: string | undefined): void {
  notice.hidden = text === undefined;
  notice.textContent = text ?? '';
}

function describeMarks(): string {
  const count = (name: string) => graph.querySelectorAll(`g.node.${name}`).length;
  const parts: string[] = [];
  const errors = count('error');
  const warnings = count('warning');
  if (errors > 0) parts.push(`${errors} ${errors === 1 ? 'state' : 'states'} with errors`);
  if (warnings > 0) parts.push(`${warnings} with warnings`);
  return parts.join(', ');
}

async function draw(message: ToWebview): Promise<void> {
  const mine = ++sequence;
  title.textContent = message.title;
  document.title = message.title;
  if (message.type === 'notice') {
    graph.replaceChildren();
    showNotice(message.text);
    status.textContent = '';
    document.body.dataset.state = 'notice';
    return;
  }
  const id = `sfn-lint-graph-${mine}`;
  try {
    const { svg } = await mermaid.render(id, message.mermaid);
    // A newer graph arrived while this one was drawn: that one wins.
    if (mine !== sequence) return;
    graph.innerHTML = svg;
    showNotice(undefined);
    status.textContent = describeMarks();
    document.body.dataset.state = 'rendered';
    document.body.dataset.renders = String(++renders);
    vscode.postMessage({ type: 'rendered', nodes: graph.querySelectorAll('g.node').length });
  } catch (error) {
    // Mermaid leaves its scratch element behind when the text does not parse.
    document.getElementById(`d${id}`)?.remove();
    if (mine !== sequence) return;
    const reason = error instanceof Error ? error.message : String(error);
    // The last good drawing stays, so a half-typed edit does not blank the view.
    showNotice(`The graph could not be drawn: ${reason}`);
    document.body.dataset.state = 'error';
    vscode.postMessage({ type: 'renderError', message: reason });
  }
}

window.addEventListener('message', (event: MessageEvent<ToWebview>) => {
  const message = event.data;
  if (message?.type !== 'graph' && message?.type !== 'notice') return;
  latest = message;
  void draw(message);
});

graph.addEventListener('click', (event) => {
  const node = (event.target as Element | null)?.closest('g.node');
  const state = node?.textContent?.trim();
  if (state) vscode.postMessage({ type: 'reveal', state });
});

// VS Code changes the body's classes when the color theme changes.
new MutationObserver(() => {
  configure();
  if (latest) void draw(latest);
}).observe(document.body, { attributes: true, attributeFilter: ['class'] });

configure();
vscode.postMessage({ type: 'ready' });
