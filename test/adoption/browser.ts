import { spawn } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { build } from 'esbuild';

/** Debian's Chromium: tests never download a browser. */
export const CHROMIUM = '/usr/bin/chromium';

/**
 * Bundle `entry` (a TypeScript module of the project in `dir`, its imports resolved from the
 * project's node_modules) as a user's bundler would for a development build, serve it from a
 * page on 127.0.0.1, and open that page in headless Chromium until it is done. Chromium runs on
 * virtual time (`--virtual-time-budget`), which waits for the page's network requests before it
 * lets timers fire, and then prints the page (`--dump-dom`), which is returned.
 */
export async function runPage(dir: string, entry: string, profile: string, timeoutMs = 30_000): Promise<{ dom: string; console: string[] }> {
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
  const page = createServer((req, res) => {
    if (req.url === '/app.js') res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    else res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><script type="module" src="/app.js"></script>');
  });
  await new Promise<void>((resolve) => page.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(page.address() as AddressInfo).port}/`;
  try {
    // Names other than 127.0.0.1 resolve to nothing: whatever the page tries, it stays here.
    const args = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1', '--enable-logging=stderr', `--user-data-dir=${profile}`, '--virtual-time-budget=10000', '--dump-dom', url];
    // Its own process group, so that a timeout ends Chromium's helper processes with it.
    const chromium = spawn(CHROMIUM, args, { stdio: ['ignore', 'pipe', 'pipe'], detached: true });
    let dom = '';
    let stderr = '';
    chromium.stdout.on('data', (d: Buffer) => (dom += d.toString('utf8')));
    chromium.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => process.kill(-chromium.pid!, 'SIGKILL'), timeoutMs);
    const code = await new Promise<number | null>((resolve) => chromium.on('close', resolve));
    clearTimeout(timer);
    if (code !== 0) throw new Error(`Chromium exited with ${code}:\n${stderr.slice(-2000)}`);
    // The page's console messages and errors, as Chromium logs them, for failure messages.
    return { dom, console: stderr.split('\n').filter((l) => l.includes(':CONSOLE')) };
  } finally {
    page.closeAllConnections();
    await new Promise<void>((resolve) => page.close(() => resolve()));
  }
}
