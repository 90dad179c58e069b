import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension } from '../scripts/build.mjs';
import type { ToWebview } from '../src/protocol.js';
import { type Chromium, chromiumPresent, extensionRoot, launchChromium, openGraphPage as openPage, type Theme } from './chromium-harness.js';
import { extensionPackagesFor, requireExtensionPackages } from './extension-packages.js';

// The graph view's real page (its HTML, policy and bundled script with Mermaid) in headless
// Chromium, with a stand-in for the extension. CI installs Chromium (.ci/run), so there a
// missing one is a failure, not a skip.
const mustRun = process.env.CI === 'true';
if (!chromiumPresent && !mustRun) console.warn('extension/test/graph-webview.test.ts: /usr/bin/chromium is not installed here, so the graph view is not rendered.');
const canRender = (chromiumPresent || mustRun) && extensionPackagesFor('extension/test/graph-webview.test.ts', 'the graph view is not rendered');

const sample = readFileSync(join(extensionRoot, 'test/fixtures/order-graph.mmd'), 'utf8');
// The sample's states; besides them, the graph has three round nodes: Start, End and Fail.
const STATES = ['Validate order', 'Is it valid?', 'Charge card', 'Send receipt', 'Reserve stock', 'Pack item', 'Print label', 'Refund', 'Reject order'];
const SCOPES = ['Fan out (Parallel)', 'Branch 1', 'Branch 2', 'Ship items (Map)'];

/** Pixels of a PNG that differ from its top-left pixel, and how many colours it has, read by the browser. */
async function pixelStats(chromium: Chromium, png: Buffer): Promise<{ width: number; height: number; changed: number; colors: number }> {
  const page = await chromium.context.newPage();
  try {
    return await page.evaluate(async (base64) => {
      const image = new Image();
      image.src = `data:image/png;base64,${base64}`;
      await image.decode();
      const canvas = document.createElement('canvas');
      canvas.width = image.width;
      canvas.height = image.height;
      const context = canvas.getContext('2d')!;
      context.drawImage(image, 0, 0);
      const data = context.getImageData(0, 0, image.width, image.height).data;
      const colors = new Set<number>();
      let changed = 0;
      for (let index = 0; index < data.length; index += 4) {
        const color = (data[index] << 16) | (data[index + 1] << 8) | data[index + 2];
        colors.add(color);
        if (data[index] !== data[0] || data[index + 1] !== data[1] || data[index + 2] !== data[2]) changed++;
      }
      return { width: image.width, height: image.height, changed, colors: colors.size };
    }, png.toString('base64'));
  } finally {
    await page.close();
  }
}

describe.skipIf(!canRender)('the state graph webview in Chromium', () => {
  let chromium: Chromium;
  let script: string;
  const openGraphPage = (first: ToWebview, theme?: Theme) => openPage(chromium, script, first, theme);
  beforeAll(async () => {
    expect(chromiumPresent, 'Chromium must be installed in CI').toBe(true);
    requireExtensionPackages();
    chromium = await launchChromium();
    // Built apart from dist/, which packaging the .vsix may be writing meanwhile.
    await buildExtension({ targets: ['webview'], outdir: chromium.scratch });
    script = join(chromium.scratch, 'webview.js');
  });
  afterAll(async () => chromium?.close());

  it('draws the graph, with nested scopes and the marked states, under the page’s policy', async () => {
    const graph = await openGraphPage({ type: 'graph', title: 'order-workflow.asl.json', mermaid: sample });
    const { page } = graph;
    expect(await page.evaluate(() => document.body.dataset.state)).toBe('rendered');
    expect(await graph.violations()).toEqual([]);

    const labels = await page.$$eval('#graph svg g.node', (nodes) => nodes.map((node) => node.textContent!.trim()));
    expect(labels).toEqual(expect.arrayContaining(STATES));
    const clusters = await page.$$eval('#graph svg g.cluster', (nodes) => nodes.map((node) => node.textContent!.trim()));
    expect(clusters).toEqual(expect.arrayContaining(SCOPES));
    // The Map's states are drawn inside its box.
    const inside = await page.evaluate(() => {
      const box = (element: Element) => element.getBoundingClientRect();
      const map = [...document.querySelectorAll('#graph g.cluster')].find((cluster) => cluster.textContent!.includes('Ship items'))!;
      const pack = [...document.querySelectorAll('#graph g.node')].find((node) => node.textContent!.includes('Pack item'))!;
      const [outer, inner] = [box(map), box(pack)];
      return inner.left >= outer.left && inner.right <= outer.right && inner.top >= outer.top && inner.bottom <= outer.bottom;
    });
    expect(inside).toBe(true);
    const marked = (name: string) => page.$$eval(`#graph svg g.node.${name}`, (nodes) => nodes.map((node) => node.textContent!.trim()).sort());
    expect(await marked('error')).toEqual(['Charge card', 'Reject order']);
    expect(await marked('warning')).toEqual(['Is it valid?', 'Reserve stock']);
    expect(await page.textContent('#status')).toBe('2 states with errors, 2 with warnings');
    expect(await graph.posted()).toEqual([{ type: 'ready' }, { type: 'rendered', nodes: STATES.length + 3 }]);

    const shot = await page.screenshot({ fullPage: true });
    const stats = await pixelStats(chromium, shot);
    expect(stats.width).toBeGreaterThan(600);
    expect(stats.changed / (stats.width * stats.height)).toBeGreaterThan(0.05);
    expect(stats.colors).toBeGreaterThan(50);
    await page.close();
  });

  it('redraws as the document changes, keeps the last drawing when the text does not parse, and reports clicks', async () => {
    const graph = await openGraphPage({ type: 'graph', title: 'flow.asl.json', mermaid: 'flowchart TD\n  a["First"] --> b["Second"]' });
    const labels = () => graph.page.$$eval('#graph svg g.node', (nodes) => nodes.map((node) => node.textContent!.trim()));
    expect(await labels()).toEqual(['First', 'Second']);

    await graph.send({ type: 'graph', title: 'flow.asl.json', mermaid: 'flowchart TD\n  a["First"] --> b["Second"] --> c["Third"]\n  class c error' });
    expect(await labels()).toEqual(['First', 'Second', 'Third']);

    await graph.send({ type: 'graph', title: 'flow.asl.json', mermaid: 'flowchart TD\n  a["First" --> ' });
    expect(await graph.page.evaluate(() => document.body.dataset.state)).toBe('error');
    expect(await graph.page.textContent('#notice')).toMatch(/^The graph could not be drawn: /);
    expect(await labels()).toEqual(['First', 'Second', 'Third']);

    await graph.page.click('#graph svg g.node:has-text("Second")');
    await graph.send({ type: 'notice', title: 'empty.json', text: 'This file holds no state machine that sfn-lint can draw.' });
    expect(await labels()).toEqual([]);
    expect(await graph.page.textContent('#notice')).toBe('This file holds no state machine that sfn-lint can draw.');
    expect(await graph.page.textContent('#title')).toBe('empty.json');

    const posted = await graph.posted();
    expect(posted).toContainEqual({ type: 'reveal', state: 'Second' });
    expect(posted.filter((message) => message.type === 'renderError')).toHaveLength(1);
    expect(await graph.violations()).toEqual([]);
    await graph.page.close();
  });

  it('draws in the dark theme too', async () => {
    const graph = await openGraphPage({ type: 'graph', title: 'order-workflow.asl.json', mermaid: sample }, 'dark');
    const background = await graph.page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    expect(background).toBe('rgb(31, 31, 31)');
    const text = await graph.page.$eval('#graph svg g.node:has-text("Refund") text', (element) => getComputedStyle(element).fill);
    // Mermaid's dark theme writes light labels on the dark background.
    const [red, green, blue] = text.match(/\d+/g)!.map(Number);
    expect(red + green + blue).toBeGreaterThan(3 * 150);
    await graph.page.close();
  });
});
