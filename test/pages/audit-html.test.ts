import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hourOf, MAX_BUCKETS, mergeTimelines, type Timeline, TimelineCounter } from '../../src/audit/timeline.js';
import { timeBuckets } from '../../src/pages/audit-html.js';
import { cli } from '../cli/run-cli.js';

describe('the audit timeline', () => {
  it.each([
    ['2026-11-26T08:00:07.000Z', '2026-11-26T08'],
    ['2026-11-26T08:59:59Z', '2026-11-26T08'],
    ['2026-11-26T01:30:00+02:00', '2026-11-25T23'],
    ['2026-11-26t08:00:00z', '2026-11-26T08'],
  ])('puts %s in the UTC hour %s', (ts, hour) => {
    expect(hourOf(ts)).toBe(hour);
  });

  it('coarsens to days past MAX_BUCKETS hours, and merging parts gives what one counter gives, however the input is cut', () => {
    // Two years, one message every 50 minutes: more hours than buckets, fewer days.
    const stamps = Array.from({ length: 21_000 }, (_v, i) => new Date(Date.UTC(2025, 0, 1) + i * 50 * 60_000).toISOString());
    const whole = new TimelineCounter();
    stamps.forEach((s, i) => whole.add(hourOf(s), i % 7 === 0, i % 7 === 0 ? 2 : 0));
    whole.add(undefined, false, 0);
    const all = whole.toJson()!;
    expect(all.unit).toBe('day');
    expect(Object.keys(all.buckets).length).toBeLessThanOrEqual(MAX_BUCKETS);
    expect(all.untimed).toEqual([1, 0, 0]);
    expect(Object.values(all.buckets).reduce((n, c) => n + c[0], 0)).toBe(21_000);
    for (const cuts of [[10], [5000, 5001], [3000, 9000, 15000, 20999]]) {
      let merged: Timeline | undefined;
      let from = 0;
      for (const to of [...cuts, stamps.length]) {
        const part = new TimelineCounter();
        stamps.slice(from, to).forEach((s, k) => part.add(hourOf(s), (from + k) % 7 === 0, (from + k) % 7 === 0 ? 2 : 0));
        // Parts merged out of order, as workers finish.
        merged = mergeTimelines(part.toJson(), merged);
        from = to;
      }
      merged = mergeTimelines(merged, { unit: 'hour', buckets: {}, untimed: [1, 0, 0] });
      expect(merged).toEqual(all);
    }
  });

  it('charts hours for up to three days, with empty hours as zeros, and days beyond', () => {
    const t: Timeline = { unit: 'hour', buckets: { '2026-11-26T08': [3, 1, 2], '2026-11-26T11': [1, 0, 0] }, untimed: [0, 0, 0] };
    expect(timeBuckets(t)).toEqual({
      unit: 'hour',
      rows: [['2026-11-26 08:00', [3, 1, 2]], ['2026-11-26 09:00', [0, 0, 0]], ['2026-11-26 10:00', [0, 0, 0]], ['2026-11-26 11:00', [1, 0, 0]]],
    });
    const week: Timeline = { unit: 'hour', buckets: { '2026-11-20T08': [3, 1, 2], '2026-11-20T20': [1, 1, 1], '2026-11-23T11': [1, 0, 0] }, untimed: [0, 0, 0] };
    expect(timeBuckets(week)).toEqual({ unit: 'day', rows: [['2026-11-20', [4, 2, 3]], ['2026-11-21', [0, 0, 0]], ['2026-11-22', [0, 0, 0]], ['2026-11-23', [1, 0, 0]]] });
  });
});

describe('trackplan audit --format html', () => {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-audit-html-'));

  it('writes one self-contained page: the verdict first, charts as SVG, groups linked to the docs site, the same bytes every time', () => {
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'html', '--docs-url', '../site']);
    expect(r.code, r.stderr).toBe(1);
    const html = r.stdout;
    expect(html.startsWith('<!doctype html>')).toBe(true);
    // Nothing to fetch and nothing to run: no script, no external reference.
    expect(html).not.toMatch(/<script|<link|src="http|url\(/i);
    expect(html).toContain('content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;');
    const main = html.slice(html.indexOf('<main>'));
    expect(main.indexOf('class="verdict failed"')).toBeLessThan(main.indexOf('<h2'));
    expect(main).toContain('FAILED: 8 violations at error severity and 1 bad input (invalid-json).');
    for (const id of ['chart-messages', 'chart-rules', 'chart-time', 'chart-time-violations', 'chart-coverage']) expect(main).toMatch(new RegExp(`<figure id="${id}"[^>]*><figcaption[^>]*>.*?</figcaption><svg`));
    expect(main).toMatch(/<a href="\.\.\/site\/track\/order-completed-[0-9a-f]{8}\.html">Order Completed<\/a>/);
    expect(main).toContain('<code>plans/ecommerce.yaml:380:7</code>');
    // Each chart's numbers as a table too (screen readers, copying).
    expect(main).toMatch(/<figure id="chart-messages"[\s\S]*?<details><summary>The numbers<\/summary><table>[\s\S]*?<th scope="row">Order Completed<\/th><td class="n">4<\/td>/);
    expect(main).toMatch(/<figure id="chart-time"[\s\S]*?<th scope="col" class="n">valid<\/th><th scope="col" class="n">invalid<\/th>[\s\S]*?<th scope="row">2026-11-26 08:00<\/th><td class="n">44<\/td><td class="n">7<\/td>/);
    expect(cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'html', '--docs-url', '../site']).stdout).toBe(html);
  });

  it('--output html=file writes it beside the other formats; bad --docs-url and --output paths exit 2', () => {
    const out = join(dir, 'report.html');
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', `html=${out}`, '--output', `json=${join(dir, 'r.json')}`]);
    expect(r.code, r.stderr).toBe(1);
    expect(r.stdout).toBe('FAILED: 8 violations at error severity and 1 bad input (invalid-json).\n');
    expect(readFileSync(out, 'utf8')).toContain('<figure id="chart-time"');
    // The JSON report does not carry the timeline: its shape is unchanged.
    expect(Object.keys(JSON.parse(readFileSync(join(dir, 'r.json'), 'utf8')) as object)).not.toContain('timeline');
    const bad = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'html', '--docs-url', 'javascript:alert(1)']);
    expect([bad.code, bad.stderr]).toEqual([2, expect.stringContaining('--docs-url must be an http(s) address or a relative path')]);
    const folder = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', `html=${dir}`]);
    expect([folder.code, folder.stderr]).toEqual([2, expect.stringContaining('is a folder')]);
  });

  it('shows hostile names from the input as text, and an input with no timestamps or no messages without failing', () => {
    const input = join(dir, 'hostile.ndjson');
    writeFileSync(input, [
      { type: 'track', event: '<script>window.__pwned=1</script>', userId: 'u', timestamp: '2026-11-26T08:00:00Z', properties: {} },
      { type: 'track', event: 'Order Completed', userId: 'u', properties: { '"><img src=x onerror=alert(1)>': 1 } },
    ].map((m) => JSON.stringify(m)).join('\n') + '\n');
    const r = cli(['audit', 'plans/ecommerce.yaml', input, '--format', 'html']);
    expect(r.code).toBe(1);
    expect(r.stdout).not.toMatch(/<script|<img/);
    expect(r.stdout).toContain('&lt;script&gt;window.__pwned=1&lt;/script&gt;');
    expect(r.stdout).toContain('Left out: 1 message without a valid timestamp.');
    // Characters that hide themselves (bidi controls, NUL) are shown as escapes, in the charts too.
    writeFileSync(input, ['\u202eevil', 'a\u0000b', 'z\u2066w'].map((event) => JSON.stringify({ type: 'track', event, userId: 'u', timestamp: '2026-11-26T08:00:00Z' })).join('\n') + '\n');
    const hidden = cli(['audit', 'plans/ecommerce.yaml', input, '--format', 'html']);
    expect(hidden.code).toBe(1);
    expect(hidden.stdout).not.toMatch(/[\u0000\u202e\u2066]/);
    expect(hidden.stdout).toContain('\\u202Eevil');
    const empty = join(dir, 'empty.ndjson');
    writeFileSync(empty, '');
    const e = cli(['audit', 'plans/ecommerce.yaml', empty, '--format', 'html']);
    expect(e.code).toBe(1);
    expect(e.stdout).toContain('No message had a timestamp.');
    expect(e.stdout).toContain('<h2 id="bad">Bad input</h2>');
  });
});
