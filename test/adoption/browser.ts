import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';
import { launchChromium } from '../browser/chromium.js';

/**
 * Bundle `entry` (a TypeScript module of the project in `dir`, its imports resolved from the
 * project's node_modules) as a user's bundler would for a development build, serve it from a
 * page on 127.0.0.1, open that page in headless Chromium and wait until the page sets
 * `document.title` to "done" (it awaits its generated calls, which resolve once delivered).
 */
export async function runPage(dir: string, entry: string, timeoutMs = 30_000): Promise<{ console: string[] }> {
  const bundled = await build({
    absWorkingDir: dir,
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'browser',
    define: { 'process.env.NODE_ENV': '"development"' },
    logLevel: 'silent',
  });
  const js = bundled.outputFiles[0]!.text;
  const server = createServer((req, res) => {
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><link rel="icon" href="data:,"><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const browser = await launchChromium();
  const lines: string[] = [];
  try {
    const page = await browser.newPage();
    page.on('console', (m) => lines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', (e) => lines.push(`pageerror: ${e.message}`));
    // Whatever the page tries beyond 127.0.0.1 goes nowhere.
    await page.route((u) => u.hostname !== '127.0.0.1', (route) => route.abort());
    await page.goto(url);
    await page.waitForFunction(() => (globalThis as unknown as { document: { title: string } }).document.title === 'done', undefined, { timeout: timeoutMs }).catch((e: Error) => {
      throw new Error(`The page did not finish: ${e.message}\nIts console:\n${lines.join('\n')}`);
    });
    return { console: lines };
  } finally {
    await browser.close();
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
