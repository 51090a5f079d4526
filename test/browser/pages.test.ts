import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { hasChromium, launchChromium } from './chromium.js';

// The docs site and the HTML audit report, opened from file:// in a real headless Chromium.
const ARTIFACTS = fileURLToPath(new URL('../../test-artifacts/pages/', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'trackplan-pages-'));
let browser: Browser;

/** A page that records console errors, uncaught exceptions and dialogs (an alert would mean plan text ran). */
async function open(url: string, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1100, height: 900 }, colorScheme: options.colorScheme ?? 'light' });
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  page.on('dialog', (d) => {
    problems.push(`dialog: ${d.message()}`);
    void d.dismiss();
  });
  page.on('request', (r) => {
    if (!r.url().startsWith('file://')) problems.push(`request to ${r.url()}`);
  });
  await page.goto(url);
  return { page, problems };
}

/** Every page reachable from the index by following links (file:// only), with what each recorded. */
async function crawl(start: string): Promise<Map<string, string[]>> {
  const seen = new Map<string, string[]>();
  const todo = [start];
  // One tab for the whole walk; what it records is read and cleared at each page.
  const { page, problems } = await open('about:blank');
  while (todo.length > 0) {
    const url = todo.shift()!;
    if (seen.has(url)) continue;
    await page.goto(url);
    const hrefs = (await page.evaluate('[...document.querySelectorAll("a[href]")].map((a) => a.href)')) as string[];
    expect(await page.evaluate('window.__pwned'), url).toBeUndefined();
    seen.set(url, problems.splice(0));
    for (const h of hrefs) {
      const clean = h.replace(/#.*$/, '');
      if (clean.startsWith('file://') && clean.endsWith('.html') && !seen.has(clean)) todo.push(clean);
    }
  }
  await page.close();
  return seen;
}

describe.skipIf(!hasChromium)('the docs site and the HTML report in headless Chromium', () => {
  beforeAll(async () => {
    mkdirSync(ARTIFACTS, { recursive: true });
    browser = await launchChromium();
    for (const [out, plans] of [['shop', ['plans/ecommerce.yaml']], ['hostile', ['test/fixtures/pages/hostile.yaml']]] as const) {
      const r = cli(['docs', ...plans, '--out', join(dir, out)]);
      expect(r.code, r.stderr).toBe(0);
    }
  });
  afterAll(async () => {
    await browser?.close();
  });

  const manifestPages = (out: string) => (JSON.parse(readFileSync(join(dir, out, 'trackplan-docs.json'), 'utf8')) as { files: string[] }).files.filter((f) => /^(?:(?:track|page|screen)\/[a-z0-9-]+|identify|group)\.html$/.test(f));

  it('reaches every message page of plans/ecommerce.yaml from the index, with no console errors and no requests elsewhere', async () => {
    const index = pathToFileURL(join(dir, 'shop/index.html')).href;
    const visited = await crawl(index);
    const pages = manifestPages('shop');
    expect(pages).toHaveLength(39);
    for (const p of pages) expect([...visited.keys()], p).toContain(pathToFileURL(join(dir, 'shop', p)).href);
    for (const [url, problems] of visited) expect(problems, url).toEqual([]);
  });

  it('finds an event by a word of its description, filters by owner, and works by keyboard; screenshots light, dark, print', async () => {
    const { page, problems } = await open(pathToFileURL(join(dir, 'shop/index.html')).href);
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement.textContent')).toBe('Skip to content');
    await page.getByLabel('Search', { exact: true }).fill('fulfilment');
    const visible = () => page.locator('#messages tbody tr:not([hidden]) th a').allTextContents();
    expect(await visible()).toEqual(['Order Cancelled']);
    expect(await page.textContent('#shown')).toBe('1 of 39 shown');
    await page.getByLabel('Search', { exact: true }).fill('');
    await page.selectOption('#owner', 'retention-team');
    expect(await visible()).toEqual(['Product Added to Wishlist', 'Product Favorited', 'Product Removed from Wishlist', 'Wishlist Product Added to Cart']);
    await page.selectOption('#deprecation', 'yes');
    expect(await visible()).toEqual(['Product Favorited']);
    await page.screenshot({ path: join(ARTIFACTS, 'docs-index-filtered.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();

    const order = manifestPages('shop').find((p) => p.startsWith('track/order-completed-'))!;
    for (const scheme of ['light', 'dark'] as const) {
      const o = await open(pathToFileURL(join(dir, 'shop', order)).href, { colorScheme: scheme });
      const bg = await o.page.evaluate('getComputedStyle(document.body).backgroundColor');
      expect(bg).toBe(scheme === 'light' ? 'rgb(255, 255, 255)' : 'rgb(13, 17, 23)');
      await o.page.screenshot({ path: join(ARTIFACTS, `docs-order-completed-${scheme}.png`), fullPage: true });
      if (scheme === 'light') {
        await o.page.emulateMedia({ media: 'print' });
        expect(await o.page.isVisible('.download')).toBe(false);
        await o.page.screenshot({ path: join(ARTIFACTS, 'docs-order-completed-print.png'), fullPage: true });
      }
      expect(o.problems).toEqual([]);
      await o.page.close();
    }
  });

  it('shows hostile names as text on every page and runs none of them', async () => {
    const visited = await crawl(pathToFileURL(join(dir, 'hostile/index.html')).href);
    expect(visited.size).toBe(manifestPages('hostile').length + 2); // the index and the types page
    for (const [url, problems] of visited) expect(problems, url).toEqual([]);
    const { page, problems } = await open(pathToFileURL(join(dir, 'hostile/index.html')).href);
    await page.getByLabel('Search', { exact: true }).fill('zanzibar');
    expect(await page.locator('#messages tbody tr:not([hidden]) th a').allTextContents()).toEqual(['<script>window.__pwned = 1</script>']);
    expect(await page.title()).toBe('hostile <script>window.__pwned = 1</script> · tracking plan');
    await page.screenshot({ path: join(ARTIFACTS, 'docs-hostile-index.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });

  it("draws the report's charts as SVG with the expected bars", async () => {
    // Messages over four hours, the third without any: hourly buckets, the empty one as zero.
    const input = join(dir, 'hours.ndjson');
    const at = (h: number, m: number) => `2026-11-26T${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:00.000Z`;
    const lines = [
      ...readFileSync('samples/ecommerce.ndjson', 'utf8').trim().split('\n'),
      JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', timestamp: at(9, 5), properties: { order_id: 'o-9', total: 1, currency: 'usd', products: [] } }),
      JSON.stringify({ type: 'track', event: 'Cart Viewed', userId: 'u', timestamp: at(11, 15), properties: {} }),
    ];
    writeFileSync(input, lines.join('\n') + '\n');
    const report = join(dir, 'report.html');
    const json = join(dir, 'report.json');
    const r = cli(['audit', 'plans/ecommerce.yaml', input, '--output', `html=${report}`, '--output', `json=${json}`]);
    expect(r.code, r.stderr).toBe(1);
    const model = JSON.parse(readFileSync(json, 'utf8')) as { messages: { violations: number }[]; groups: { code: string }[] };

    const { page, problems } = await open(pathToFileURL(report).href);
    // The bars vega drew, by their boxes (the test's TypeScript has no DOM types: the code runs in the page as text).
    const bars = async (id: string) => (await page.evaluate(`[...document.querySelectorAll('#${id} svg .mark-rect path')].map((p) => { const b = p.getBBox(); return { w: b.width, h: b.height }; })`)) as { w: number; h: number }[];
    const messages = await bars('chart-messages');
    expect(messages).toHaveLength(model.messages.filter((m) => m.violations > 0).length);
    expect(messages.every((b) => b.w > 0 && b.h > 0)).toBe(true);
    expect(await bars('chart-rules')).toHaveLength(new Set(model.groups.map((g) => g.code)).size);
    // 08:00 to 11:00: four hours, valid and invalid stacked; 10:00 is empty.
    const time = await bars('chart-time');
    expect(time).toHaveLength(8);
    // Non-empty: 08:00 valid and invalid, 09:00 invalid (currency "usd"), 11:00 valid.
    expect(time.filter((b) => b.h > 0)).toHaveLength(4);
    expect(await page.evaluate(`[...document.querySelectorAll('#chart-time svg [aria-label^="X-axis"]')].map((x) => x.getAttribute('aria-label'))`)).toEqual(["X-axis titled 'hour (UTC)' for a discrete scale with 4 values: 2026-11-26 08:00, 2026-11-26 09:00, 2026-11-26 10:00, 2026-11-26 11:00"]);
    expect(await bars('chart-coverage')).toHaveLength(2);
    for (const id of ['chart-messages', 'chart-rules', 'chart-time', 'chart-time-violations', 'chart-coverage']) {
      const box = await page.locator(`#${id} svg`).boundingBox();
      expect((box?.width ?? 0) * (box?.height ?? 0), id).toBeGreaterThan(0);
    }
    expect(await page.textContent('main p.verdict')).toMatch(/^FAILED: /);
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.screenshot({ path: join(ARTIFACTS, 'audit-report-dark.png'), fullPage: true });
    expect(problems).toEqual([]);
    await page.close();
  });
});
