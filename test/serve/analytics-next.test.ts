import { mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { type Collector, start } from 'trackplan/collector';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../browser/chromium.js';
import { cli } from '../cli/run-cli.js';
import { SHOP } from './helpers.js';

// The real @segment/analytics-next, bundled as a web app would be, in headless Chromium, on a
// page served from another origin, loaded with nothing but `cdnURL` pointed at `trackplan
// serve`: it fetches its settings there, and sends there (text/plain JSON with an
// Authorization header: a CORS preflight each time).
declare const window: { AnalyticsBrowser: typeof import('@segment/analytics-next').AnalyticsBrowser };

const out = join(mkdtempSync(join(tmpdir(), 'trackplan-serve-next-')), 'capture.ndjson');
let collector: Collector;
let site: Server;
let origin: string;
let browser: Browser;

beforeAll(async () => {
  if (!hasChromium) return;
  const bundle = await build({
    stdin: { contents: "import { AnalyticsBrowser } from '@segment/analytics-next'; Object.assign(window, { AnalyticsBrowser });", resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    minify: true,
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  const js = bundle.outputFiles[0]!.text;
  // The web app, on its own port: every call to the collector is cross-origin.
  site = createServer((req, res) => {
    if (req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><link rel="icon" href="data:,"><script src="/app.js"></script>');
  });
  await new Promise<void>((r) => site.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(site.address() as AddressInfo).port}`;
  collector = await start({ plan: SHOP, out });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await collector?.close();
  await new Promise<void>((r) => (site ? site.close(() => r()) : r()));
});

let page: Page;
let console: string[];
/** Where the page posted to the collector: `/v1/t`, `/v1/b`, … */
let posted: string[];
beforeEach(async () => {
  if (!hasChromium) return;
  console = [];
  const mine: string[] = (posted = []);
  page = await browser.newPage();
  page.on('request', (r) => {
    if (r.method() === 'POST' && r.url().startsWith(collector.url)) mine.push(new URL(r.url()).pathname);
  });
  page.on('console', (m) => console.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
  await page.goto(`${origin}/`);
});

afterEach(async () => {
  await page?.close();
});

describe.skipIf(!hasChromium)('@segment/analytics-next in headless Chromium → trackplan serve', () => {
  it('loads with only cdnURL, sends each call, and the test waits for it through the API', async () => {
    const { writeKey, generation } = await collector.reset();
    const metrics = page.waitForResponse((r) => r.url() === `${collector.url}/v1/m`);
    await page.evaluate(
      async ({ writeKey, cdnURL }) => {
        const [analytics] = await window.AnalyticsBrowser.load(
          // Remote metrics go to the server too when a page asks for them over http.
          { writeKey, cdnURL },
          { disableClientPersistence: true, integrations: { 'Segment.io': { protocol: 'http' } }, updateCDNSettings: (s) => ({ ...s, metrics: { ...s.metrics, sampleRate: 1, flushTimer: 100 } }) },
        );
        analytics.reset();
        await analytics.identify('u1', { email: 'ada@example.com' });
        await analytics.page('Home');
        await analytics.track('Order Completed', { order_id: 'b1', total: 12.5, currency: 'EUR' });
        await analytics.track('Order Completed', { order_id: 'b2', total: 12.5, currency: 'euro' });
      },
      { writeKey, cdnURL: collector.url },
    );
    const [b2] = await collector.waitFor({ event: 'Order Completed', properties: { order_id: 'b2' } });
    expect(b2.generation).toBe(generation);
    expect(b2.writeKey).toBe(writeKey);
    expect(b2.message).toMatchObject({ type: 'track', event: 'Order Completed', userId: 'u1', writeKey, properties: { order_id: 'b2', total: 12.5, currency: 'euro' }, context: { library: { name: 'analytics.js' }, page: { url: `${origin}/` } } });
    expect(b2.violations).toEqual([{ code: 'pattern-mismatch', severity: 'error', path: 'properties.currency', message: 'must match /^[A-Z]{3}$/', value: 'euro', plan: { file: SHOP, range: { start: { line: 21, col: 7 }, end: { line: 21, col: 15 } } } }]);
    expect((await collector.messages()).map((m) => [m.message['type'], m.message['event'] ?? m.message['name'] ?? '', m.valid])).toEqual([
      ['identify', '', true],
      ['page', 'Home', true],
      ['track', 'Order Completed', true],
      ['track', 'Order Completed', false],
    ]);
    expect((await metrics).status()).toBe(200);
    expect(posted.filter((p) => p !== '/v1/m')).toEqual(['/v1/i', '/v1/p', '/v1/t', '/v1/t']);
    expect(console).toEqual([]);
  });

  it('batches to /v1/b when its settings say so; a late batch of the previous test is never counted in this one', async () => {
    const previous = await collector.reset();
    const { writeKey } = await collector.reset();
    await page.evaluate(
      async ({ writeKey, old, cdnURL }) => {
        const batching = { integrations: { 'Segment.io': { deliveryStrategy: { strategy: 'batching' as const, config: { size: 3, timeout: 50 } } } }, disableClientPersistence: true };
        // The previous test's client, flushing after this test reset the server.
        const [late] = await window.AnalyticsBrowser.load({ writeKey: old, cdnURL }, batching);
        const [analytics] = await window.AnalyticsBrowser.load({ writeKey, cdnURL }, batching);
        await Promise.all([
          late.track('Order Completed', { order_id: 'late', total: 'x' }, { userId: 'u0' } as never),
          analytics.track('Product Viewed', { product_id: 'p1' }),
          analytics.track('Product Viewed', {}),
          analytics.page('Home'),
        ]);
      },
      { writeKey, old: previous.writeKey, cdnURL: collector.url },
    );
    await collector.waitFor({ type: 'page' });
    const mine = await collector.messages();
    expect(mine.map((m) => [m.message['type'], m.message['event'] ?? m.message['name'], m.violations.map((v) => `${v.code}@${v.path}`)])).toEqual([
      ['track', 'Product Viewed', []],
      ['track', 'Product Viewed', ['missing-required@properties.product_id']],
      ['page', 'Home', []],
    ]);
    expect(new Set(posted)).toEqual(new Set(['/v1/b']));
    const report = await collector.report('json');
    expect(report.totals.read).toBe(3);
    expect(report.groups.map((g) => g.code)).toEqual(['missing-required']);
    expect(console).toEqual([]);
  });

  it('the report of everything the browser sent is `trackplan audit` on the capture', async () => {
    const served = await collector.report('json', { generation: 'all' });
    const audited = cli(['audit', SHOP, out, '--format', 'json']);
    expect(served).toEqual(JSON.parse(audited.stdout));
    // Eight messages were sent. analytics-next delivers at least once: a request still in flight
    // when a test closes its page is sent again on pagehide, with the same messageId. So count
    // messages by id; the capture and the report count every delivery alike (checked above).
    const ids = readFileSync(out, 'utf8').trimEnd().split('\n').map((l) => (JSON.parse(l) as { messageId?: string }).messageId);
    expect(new Set(ids).size).toBe(8);
    expect(served.totals.read).toBe(ids.length);
  });
});
