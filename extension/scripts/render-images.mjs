// Renders the images the extension ships: the icon (images/icon.svg → images/icon.png,
// 128×128) and the README's screenshots of the state graph view, drawn by the webview's
// own page in Debian's Chromium. Run it after changing the icon or the graph view:
//
//   node scripts/render-images.mjs
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { buildExtension } from './build.mjs';

const extensionRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
const images = join(extensionRoot, 'images');

await buildExtension({ targets: ['webview'], production: true });
const webviewScript = join(extensionRoot, 'dist', 'webview.js');
// The harness is TypeScript, shared with the tests: bundle it beside the extension so that
// its imports (playwright-core) resolve from the workspace.
const harnessFile = join(extensionRoot, 'dist', 'chromium-harness.mjs');
await build({
  entryPoints: [join(extensionRoot, 'test/chromium-harness.ts')],
  outfile: harnessFile,
  bundle: true,
  platform: 'node',
  format: 'esm',
  packages: 'external',
  define: { 'import.meta.url': JSON.stringify(pathToFileURL(join(extensionRoot, 'test/chromium-harness.ts')).href) },
  logLevel: 'warning',
});
const { launchChromium, openGraphPage } = await import(pathToFileURL(harnessFile).href);

const chromium = await launchChromium();
try {
  const icon = await chromium.context.newPage();
  await icon.setViewportSize({ width: 128, height: 128 });
  await icon.goto(pathToFileURL(join(images, 'icon.svg')).href);
  writeFileSync(join(images, 'icon.png'), await icon.screenshot({ omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } }));

  const mermaid = readFileSync(join(extensionRoot, 'test/fixtures/order-graph.mmd'), 'utf8');
  for (const theme of ['light', 'dark']) {
    const graph = await openGraphPage(chromium, webviewScript, { type: 'graph', title: 'order-workflow.asl.json', mermaid }, theme);
    const size = await graph.page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
    await graph.page.setViewportSize({ width: Math.min(size.width, 1400), height: Math.min(size.height, 1100) });
    writeFileSync(join(images, `state-graph-${theme}.png`), await graph.page.screenshot({ fullPage: true }));
  }
} finally {
  await chromium.close();
  rmSync(harnessFile, { force: true });
}
