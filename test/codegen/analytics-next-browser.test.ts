import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium } from '../browser/chromium.js';

// The committed golden analytics-next client, bundled with the real @segment/analytics-next as a
// web developer's build would (esbuild, minified, for the browser), in headless Chromium,
// sending to a stand-in for Segment's API on 127.0.0.1.
const ENTRY = `
import { AnalyticsBrowser } from '@segment/analytics-next';
import * as tp from '../golden/ecommerce/analytics-next/index.js';
Object.assign(window, { tp, AnalyticsBrowser });
`;

interface Sent {
  type: string;
  event?: string;
  messageId: string;
  properties?: Record<string, unknown>;
  context?: Record<string, unknown>;
}

declare const window: {
  tp: typeof import('../golden/ecommerce/analytics-next/index.js');
  AnalyticsBrowser: typeof import('@segment/analytics-next').AnalyticsBrowser;
  seenByServer(messageId: string): Promise<boolean>;
};

let server: Server;
let origin: string;
let bundleText: string;
let browser: Browser;
const received: Sent[] = [];
/** How long the stand-in holds each answer: an `await` that does not wait for delivery shows. */
const ANSWER_DELAY_MS = 250;

beforeAll(async () => {
  if (!hasChromium) return;
  const out = await build({
    stdin: { contents: ENTRY, resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
    bundle: true,
    minify: true, // and so, with platform browser, esbuild defines process.env.NODE_ENV as "production"
    platform: 'browser',
    format: 'iife',
    write: false,
    logLevel: 'silent',
  });
  bundleText = out.outputFiles[0]!.text;
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method === 'GET' && req.url === '/') return void res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>shop</title><link rel="icon" href="data:,"><script src="/app.js"></script>');
      if (req.method === 'GET' && req.url === '/app.js') return void res.writeHead(200, { 'content-type': 'text/javascript' }).end(bundleText);
      if (req.method === 'POST' && req.url?.startsWith('/v1/')) {
        // analytics-next posts text/plain JSON to /v1/t, /v1/p, /v1/i...: stored first, answered later.
        received.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Sent);
        return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end('{}'), ANSWER_DELAY_MS);
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((r) => (server ? server.close(() => r()) : r()));
});

let page: Page;
let consoleLines: string[];
beforeEach(async () => {
  if (!hasChromium) return;
  received.length = 0;
  consoleLines = [];
  page = await browser.newPage();
  page.on('console', (m) => consoleLines.push(`${m.type()}: ${m.text()}`));
  page.on('pageerror', (e) => consoleLines.push(`pageerror: ${e.message}`));
  await page.exposeFunction('seenByServer', (id: string) => received.some((m) => m.messageId === id));
  await page.goto(`${origin}/`);
  await page.evaluate((apiHost) => {
    const analytics = window.AnalyticsBrowser.load(
      { writeKey: 'browser-key', cdnSettings: { integrations: { 'Segment.io': { apiKey: 'browser-key', apiHost, protocol: 'http' } } } },
      { disableClientPersistence: true },
    );
    window.tp.setAnalytics(analytics);
  }, `${origin.slice('http://'.length)}/v1`);
});

const products = [{ product_id: 'p1', price: 19, quantity: 1 }];

describe.skipIf(!hasChromium)('the analytics-next client in headless Chromium, minified by esbuild', () => {
  it('the bundler set NODE_ENV to production, so --validate dev is off; setValidation(true) turns it on and warns', async () => {
    expect(bundleText).not.toContain('process.env.NODE_ENV');
    const result = await page.evaluate(async (items) => {
      const bad = { order_id: 'o1', currency: 'usd', products: items };
      const before = window.tp.isValidating();
      await window.tp.orderCompleted(bad);
      const previous = window.tp.setValidation(true);
      const during = window.tp.isValidating();
      await window.tp.orderCompleted({ ...bad, order_id: 'o2' });
      window.tp.setValidation(previous);
      return { before, during, after: window.tp.isValidating() };
    }, products);
    expect(result).toEqual({ before: false, during: true, after: false });
    const warnings = consoleLines.filter((l) => l.startsWith('warning: trackplan'));
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('Event "Order Completed" does not match the tracking plan (ecommerce 3.0.0)');
    expect(warnings[0]).toContain('properties.currency');
    // Violations never block sending: both calls arrived.
    expect(received.map((m) => m.properties?.['order_id'])).toEqual(['o1', 'o2']);
    expect(consoleLines.filter((l) => !l.startsWith('warning: trackplan'))).toEqual([]);
  });

  it('await of a generated call resolves after the server received the message, to its context', async () => {
    const result = await page.evaluate(async (items) => {
      const ctx = await window.tp.orderCompleted({ order_id: 'o3', currency: 'USD', products: items });
      const id = ctx?.event.messageId ?? '';
      return { id, event: ctx?.event.event, seen: await window.seenByServer(id) };
    }, products);
    expect(result.event).toBe('Order Completed');
    expect(result.seen).toBe(true);
    const sent = received.find((m) => m.messageId === result.id)!;
    expect(sent).toMatchObject({ type: 'track', event: 'Order Completed', properties: { order_id: 'o3', currency: 'USD', products } });
    expect(sent.context?.['trackplan']).toEqual({ plan: 'ecommerce', version: '3.0.0' });
    // Page and identify return their delivered contexts too.
    const kinds = await page.evaluate(async () => {
      const all = await Promise.all([window.tp.pageHome(), window.tp.identify('u1', { email: 'a@b.co' })]);
      return all.map((c) => c?.event.type);
    });
    expect(kinds).toEqual(['page', 'identify']);
    expect(received.map((m) => m.type).sort()).toEqual(['identify', 'page', 'track']);
    expect(consoleLines).toEqual([]);
  });
});
