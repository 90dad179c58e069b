import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { BrowserContext, Page } from 'playwright-core';
import { createNonce, graphHtml } from '../src/graph-html.js';
import type { FromWebview, ToWebview } from '../src/protocol.js';

// Debian's Chromium: this machine cannot download a browser build.
export const CHROMIUM = '/usr/bin/chromium';
export const chromiumPresent = existsSync(CHROMIUM);
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export const extensionRoot = fileURLToPath(new URL('..', import.meta.url));

export interface Chromium {
  context: BrowserContext;
  /** A folder for pages, removed on close. */
  scratch: string;
  close(): Promise<void>;
}

/** Chromium with a new, empty profile. */
export async function launchChromium(): Promise<Chromium> {
  const { chromium } = await import('playwright-core');
  const scratch = mkdtempSync(join(tmpdir(), 'sfn-lint-chromium-'));
  const context = await chromium.launchPersistentContext(join(scratch, 'profile'), {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 960, height: 720 },
    deviceScaleFactor: 1,
  });
  return {
    context,
    scratch,
    async close() {
      await context.close();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** A few of the CSS variables VS Code gives a webview, for its light and dark themes. */
const THEMES = {
  light: { bodyClass: 'vscode-light', background: '#ffffff', foreground: '#3b3b3b' },
  dark: { bodyClass: 'vscode-dark', background: '#1f1f1f', foreground: '#cccccc' },
} as const;
export type Theme = keyof typeof THEMES;

export interface GraphPage {
  page: Page;
  /** What the page sent to the extension. */
  posted(): Promise<FromWebview[]>;
  /** Content-Security-Policy violations the page reported. */
  violations(): Promise<{ directive: string; blocked: string }[]>;
  /** Sends a message as the extension does, and waits for the page to draw it. */
  send(message: ToWebview): Promise<void>;
}

/**
 * Opens the graph webview's page the way VS Code shows it (the same HTML and policy, the
 * bundled `webviewScript`, a theme's body class and colors), with a stand-in for the
 * extension that answers the page's "ready" with `first`.
 */
export async function openGraphPage(chromium: Chromium, webviewScript: string, first: ToWebview, theme: Theme = 'light'): Promise<GraphPage> {
  const { bodyClass, background, foreground } = THEMES[theme];
  const html = graphHtml({ cspSource: 'file:', scriptUri: pathToFileURL(webviewScript).href, nonce: createNonce(), title: first.title })
    .replace('</head>', `<style>:root { --vscode-editor-background: ${background}; --vscode-foreground: ${foreground}; --vscode-font-family: "DejaVu Sans", sans-serif; --vscode-font-size: 13px; }</style>\n</head>`)
    .replace('<body ', `<body class="${bodyClass}" `);
  const file = join(chromium.scratch, `graph-${Date.now()}-${Math.random().toString(36).slice(2)}.html`);
  writeFileSync(file, html);

  const page = await chromium.context.newPage();
  await page.addInitScript((firstMessage) => {
    const state = { posted: [] as unknown[], violations: [] as { directive: string; blocked: string }[] };
    Object.assign(window, { __sfnLintTest: state });
    document.addEventListener('securitypolicyviolation', (event) => {
      state.violations.push({ directive: event.violatedDirective, blocked: event.blockedURI });
    });
    Object.assign(window, {
      acquireVsCodeApi: () => ({
        postMessage(message: { type: string }) {
          state.posted.push(message);
          if (message.type === 'ready') window.postMessage(firstMessage, '*');
        },
      }),
    });
  }, first);
  const errors: Error[] = [];
  page.on('pageerror', (error) => errors.push(error));
  await page.goto(pathToFileURL(file).href);
  const settled = async (renders: number) => {
    await page.waitForFunction(
      (before) => document.body.dataset.state !== 'loading' && (document.body.dataset.state !== 'rendered' || Number(document.body.dataset.renders) > before),
      renders,
    );
    if (errors.length > 0) throw errors[0];
  };
  await settled(0);
  const read = () => page.evaluate(() => (window as unknown as { __sfnLintTest: { posted: FromWebview[]; violations: { directive: string; blocked: string }[] } }).__sfnLintTest);
  return {
    page,
    posted: async () => (await read()).posted,
    violations: async () => (await read()).violations,
    async send(message) {
      const before = Number(await page.evaluate(() => document.body.dataset.renders ?? '0'));
      await page.evaluate((payload) => {
        document.body.dataset.state = 'loading';
        window.postMessage(payload, '*');
      }, message);
      await settled(before);
    },
  };
}
