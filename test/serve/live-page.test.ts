import { mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Analytics } from '@segment/analytics-node';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningServer } from '../../src/serve/server.js';
import { hasChromium, launchChromium } from '../browser/chromium.js';
import { order, post, send, serve, SHOP } from './helpers.js';

// The live page at `/`, in a real headless Chromium, fed by the real @segment/analytics-node.
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const HOSTILE = '<img src=x onerror=alert(1)>';

describe('GET /trackplan/events (server-sent events)', () => {
  it('streams each message stored, as the messages API shows it, after a hello that names the generation', async () => {
    const server = await serve();
    try {
      const u = new URL(server.url);
      const chunks: string[] = [];
      const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => request({ host: u.hostname, port: u.port, path: '/trackplan/events' }, resolve).on('error', reject).end());
      expect(res.statusCode).toBe(200);
      expect(res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
      res.setEncoding('utf8');
      res.on('data', (c: string) => chunks.push(c));
      await new Promise((r) => setTimeout(r, 50));
      // A body sent with line breaks between its tokens: its lines become `data:` lines.
      await send(server.url, '/v1/track', { body: JSON.stringify(order('sse', { total: -1 }), null, 2) });
      const deadline = Date.now() + 2000;
      while (!chunks.join('').includes('\n\ndata:') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      while (!chunks.join('').endsWith('\n\n') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      res.destroy();
      const [hello, message] = chunks.join('').split('\n\n');
      expect(hello).toBe('retry: 1000\nevent: hello\ndata: {"generation":1,"planRevision":1}');
      const data = message!.split('\n').map((l) => l.replace(/^data: /, '')).join('\n');
      const listed = JSON.parse((await send(server.url, '/trackplan/messages', { method: 'GET' })).text) as unknown[];
      expect(JSON.parse(data)).toEqual(listed[0]);
      // HEAD says what GET would send, and ends.
      const head = await send(server.url, '/trackplan/events', { method: 'HEAD' });
      expect([head.status, head.headers['content-type'], head.text]).toEqual([200, 'text/event-stream; charset=utf-8', '']);
    } finally {
      await server.close();
    }
  });

  it('drops a client that does not read rather than buffer for it without bound', async () => {
    const server = await serve();
    try {
      const u = new URL(server.url);
      const res = await new Promise<import('node:http').IncomingMessage>((resolve, reject) => request({ host: u.hostname, port: u.port, path: '/trackplan/events' }, resolve).on('error', reject).end());
      res.pause();
      const big = 'x'.repeat(20_000);
      // 30 MB of events, more than the kernel's buffers and the server's bound together.
      const sent = 1500;
      for (let i = 0; i < sent; i++) await post(server.url, '/v1/batch', { batch: [order(`big-${i}`, { note: big })] });
      // Now read: the stream ends (the server dropped it), short of everything sent.
      let bytes = 0;
      res.on('data', (c: Buffer) => (bytes += c.length));
      res.resume();
      await new Promise<void>((resolve) => res.socket.once('close', () => resolve()));
      expect(bytes).toBeGreaterThan(0);
      expect(bytes).toBeLessThan(sent * 20_000);
      // The server still answers, with every message stored.
      expect((await send(server.url, '/trackplan/status', { method: 'GET' })).json['messages']).toMatchObject({ received: sent });
    } finally {
      await server.close();
    }
  }, 60_000);
});

describe.skipIf(!hasChromium)('the live page in headless Chromium', () => {
  let browser: Browser;
  let server: RunningServer;
  let page: Page;
  const console: string[] = [];

  beforeAll(async () => {
    server = await serve({ plan: SHOP });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') console.push(`${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => console.push(`pageerror: ${e.message}`));
    page.on('dialog', (d) => {
      console.push(`dialog: ${d.message()}`);
      void d.dismiss();
    });
    // Nothing but this server: the page is self-contained.
    await page.route('**/*', (route) => (route.request().url().startsWith(server.url) ? route.continue() : route.abort()));
    page.on('requestfailed', (r) => console.push(`request failed: ${r.url()}`));
    await page.goto(`${server.url}/`);
    await page.locator('#state', { hasText: 'live' }).waitFor();
  }, 30_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('shows messages sent with analytics-node as they arrive, a violation with its plan file:line, coverage and the generation; filters; hostile names stay text', async () => {
    const analytics = new Analytics({ writeKey: 'live', host: server.url, flushInterval: 20, maxRetries: 0 });
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'ok1', total: 30, currency: 'EUR' } });
    analytics.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'bad1', total: -5, currency: 'EUR' } });
    analytics.track({ userId: 'u1', event: 'Product Viewed', properties: { product_id: 'p1' } });
    analytics.track({ userId: 'u1', event: HOSTILE, properties: {} });
    await analytics.closeAndFlush();

    const rows = page.locator('#rows tr');
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(4);
    // Newest first.
    expect(await page.locator('#rows tr td.event').allTextContents()).toEqual([`track ${HOSTILE}`, 'track Product Viewed', 'track Order Completed', 'track Order Completed']);
    // The hostile name is text: no image was made of it, no dialog opened.
    expect(await page.locator('#rows img').count()).toBe(0);
    expect(await page.locator('img').count()).toBe(0);

    // The violation, with the plan's file:line (the `total` property of shop.yaml, line 16).
    const bad = page.locator('#rows tr.invalid', { hasText: 'out-of-range' });
    await expect.poll(() => bad.count()).toBe(1);
    expect(await bad.locator('.where').textContent()).toBe(`${SHOP}:16`);
    expect(await bad.locator('.path').textContent()).toBe('properties.total: ');

    // Coverage and generation (refreshed a moment after messages arrive).
    await expect.poll(() => page.locator('#coverage').textContent(), { timeout: 5000 }).toBe('2 of 2 planned events seen');
    expect(await page.locator('#generation').textContent()).toBe('1');
    expect(await page.locator('#seen li').allTextContents()).toEqual(['Order Completed', 'Product Viewed']);
    expect(await page.locator('#revision').textContent()).toBe('1');

    // Filters: by verdict, then by event.
    const visible = () => page.locator('#rows tr:not([hidden]) td.event').allTextContents();
    await page.selectOption('#verdict', 'invalid');
    expect(await visible()).toEqual([`track ${HOSTILE}`, 'track Order Completed']);
    await page.selectOption('#event', `track ${HOSTILE}`);
    expect(await visible()).toEqual([`track ${HOSTILE}`]);
    await page.selectOption('#verdict', 'valid');
    expect(await visible()).toEqual([]);
    await page.selectOption('#event', 'track Order Completed');
    expect(await visible()).toEqual(['track Order Completed']);
    await page.selectOption('#event', '');
    await page.selectOption('#verdict', '');
    expect(await visible()).toHaveLength(4);

    // A reset: the page follows the new generation and starts empty.
    await post(server.url, '/trackplan/reset', {});
    await expect.poll(() => page.locator('#generation').textContent(), { timeout: 5000 }).toBe('2');
    expect(await rows.count()).toBe(0);
    await post(server.url, '/v1/track', order('after-reset'));
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(1);
    await post(server.url, '/trackplan/reset', {});
    await expect.poll(() => page.locator('#generation').textContent(), { timeout: 5000 }).toBe('3');
    await analytics.closeAndFlush();
    const again = new Analytics({ writeKey: 'live', host: server.url, flushInterval: 20, maxRetries: 0 });
    again.track({ userId: 'u1', event: 'Order Completed', properties: { order_id: 'bad2', total: -1, currency: 'EUR' } });
    again.track({ userId: 'u1', event: HOSTILE, properties: {} });
    await again.closeAndFlush();
    await expect.poll(() => rows.count(), { timeout: 5000 }).toBe(2);
    await expect.poll(() => page.locator('#coverage').textContent(), { timeout: 5000 }).toBe('1 of 2 planned events seen');
    expect(await page.locator('#missing li').allTextContents()).toEqual(['Product Viewed']);

    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: `${ARTIFACTS}live-page.png`, fullPage: true });
    expect(console).toEqual([]);
  }, 30_000);

  it('serves the page with a policy that allows only its own script, style and this server', async () => {
    const r = await send(server.url, '/', { method: 'GET' });
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'sha256-[A-Za-z0-9+/=]+'; style-src 'sha256-[A-Za-z0-9+/=]+'; connect-src 'self'/);
    expect(r.text).not.toMatch(/(src|href)="https?:/);
  });
});
