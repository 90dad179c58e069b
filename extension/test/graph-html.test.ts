import { describe, expect, it } from 'vitest';
import { createNonce, graphContentSecurityPolicy, graphHtml } from '../src/graph-html.js';

const options = { cspSource: 'https://file+.vscode-resource.vscode-cdn.net', scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js', nonce: 'bm9uY2Utbm9uY2U=', title: 'flow.asl.json' };

function policyOf(html: string): Map<string, string[]> {
  const content = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)![1].replace(/&#39;/g, "'");
  return new Map(content.split(';').map((directive) => directive.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
}

describe('graphHtml', () => {
  it('lets only the bundled script with the page’s nonce run', () => {
    const html = graphHtml(options);
    const policy = policyOf(html);
    expect(policy.get('default-src')).toEqual(["'none'"]);
    expect(policy.get('script-src')).toEqual([`'nonce-${options.nonce}'`]);
    const scripts = [...html.matchAll(/<script\b[^>]*>/g)].map((match) => match[0]);
    expect(scripts).toEqual([`<script nonce="${options.nonce}" src="${options.scriptUri}">`]);
    expect(html).not.toMatch(/unsafe-eval|https?:\/\/(?!file\+\.vscode-resource)/);
  });

  it('allows styles and images from the extension only, besides Mermaid’s inline styles', () => {
    const policy = policyOf(graphHtml(options));
    expect(policy.get('style-src')).toEqual([options.cspSource, "'unsafe-inline'"]);
    expect(policy.get('img-src')).toEqual([options.cspSource, 'data:']);
    expect([...policy.keys()].sort()).toEqual(['default-src', 'font-src', 'img-src', 'script-src', 'style-src']);
  });

  it('escapes the title', () => {
    const html = graphHtml({ ...options, title: '<img src=x onerror=alert(1)>.asl.json' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&#60;img src=x onerror=alert(1)&#62;.asl.json');
  });

  it('has the elements the webview script draws into', () => {
    const html = graphHtml(options);
    for (const id of ['title', 'status', 'notice', 'graph']) expect(html).toContain(`id="${id}"`);
  });
});

describe('createNonce', () => {
  it('makes a different 128-bit value each time, valid in a policy', () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(graphContentSecurityPolicy('x', nonce)).toContain(`'nonce-${nonce}'`);
    }
  });
});
