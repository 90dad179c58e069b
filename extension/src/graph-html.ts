import { randomBytes } from 'node:crypto';

export interface GraphHtmlOptions {
  /** The webview's `cspSource`: where its own scripts and styles may come from. */
  cspSource: string;
  /** The webview URI of `dist/webview.js`. */
  scriptUri: string;
  /** A fresh random value for each page: the one script allowed to run carries it. */
  nonce: string;
  title: string;
}

/** A nonce for the Content-Security-Policy: 128 random bits. */
export function createNonce(): string {
  return randomBytes(16).toString('base64');
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/**
 * The policy of the graph page. Only the bundled script with the page's nonce runs: no
 * inline script, no eval, no network. Styles may be inline because Mermaid writes a
 * `<style>` into every SVG it draws, and a nonce cannot be given to those.
 */
export function graphContentSecurityPolicy(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource} 'unsafe-inline'`,
    `font-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
  ].join('; ');
}

const STYLE = `
  body { margin: 0; padding: 0 16px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background);
    font-family: var(--vscode-font-family, sans-serif); font-size: var(--vscode-font-size, 13px); }
  header { display: flex; align-items: baseline; gap: 12px; position: sticky; top: 0; padding: 10px 0 8px;
    background: var(--vscode-editor-background); }
  h1 { font-size: 1.1em; font-weight: 600; margin: 0; }
  #status { opacity: 0.75; }
  #notice { padding: 8px 12px; border-left: 3px solid var(--vscode-editorWarning-foreground, #c19c00);
    background: var(--vscode-textBlockQuote-background, rgba(127, 127, 127, 0.1)); white-space: pre-wrap; }
  #graph svg { display: block; margin: 8px auto; max-width: none; height: auto; }
  #graph .node { cursor: pointer; }
`;

/** The HTML of the state graph webview; `dist/webview.js` draws the graph into `#graph`. */
export function graphHtml({ cspSource, scriptUri, nonce, title }: GraphHtmlOptions): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${escapeHtml(graphContentSecurityPolicy(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body data-state="loading">
<header><h1 id="title">${escapeHtml(title)}</h1><span id="status" role="status">Loading…</span></header>
<div id="notice" hidden></div>
<main id="graph" aria-label="State graph"></main>
<script nonce="${escapeHtml(nonce)}" src="${escapeHtml(scriptUri)}"></script>
</body>
</html>
`;
}
