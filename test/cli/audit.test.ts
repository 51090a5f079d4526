import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { XMLParser } from 'fast-xml-parser';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli.js';

let dir: string;
const ROOT = process.cwd();
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-audit-'));
});

describe('trackplan audit', () => {
  it('audits the bundled sample and fails the build on its mistakes, with the verdict first', () => {
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('FAILED: 8 violations at error severity and 1 bad input (invalid-json).');
    expect(r.stdout).toContain('"Order Completed"  pattern-mismatch  properties.currency');
  });

  it('passes within limits and writes several formats at once', () => {
    const junit = join(dir, 'audit.xml');
    const json = join(dir, 'audit.json');
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--max-rate', '0.2', '--format', 'markdown', '--output', `junit=${junit}`, '--output', `json=${json}`], { cwd: ROOT });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^### ✅ trackplan audit: PASSED/);
    expect(new XMLParser().parse(readFileSync(junit, 'utf8')).testsuites).toBeDefined();
    expect(JSON.parse(readFileSync(json, 'utf8')).verdict.failed).toBe(false);
  });

  it('reads stdin and gzip', () => {
    const sample = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'));
    const viaStdin = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), '-', '--format', 'json'], { cwd: dir, input: sample.toString('utf8') });
    expect(JSON.parse(viaStdin.stdout).totals.read).toBe(51);
    writeFileSync(join(dir, 'events.gz'), gzipSync(sample));
    const gz = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'events.gz', '--format', 'json'], { cwd: dir });
    expect(JSON.parse(gz.stdout).totals.read).toBe(51);
  });

  it('says how much bad input there was beside the invalid messages, since the rate counts both', () => {
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson'], { cwd: ROOT });
    expect(r.stdout.split('\n')[2]).toBe('Messages: 51 read · 44 valid · 7 invalid · 1 bad input (15% invalid or bad) · identify 7 · page 7 · track 37');
    const md = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'markdown'], { cwd: ROOT });
    expect(md.stdout).toContain('- **Messages:** 51 read · 44 valid · 7 invalid · 1 bad input (15% invalid or bad)\n');
    writeFileSync(join(dir, 'one-good.ndjson'), `${JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: 'o1', currency: 'USD', products: [{ product_id: 'p' }] } })}\n`);
    const clean = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'one-good.ndjson'], { cwd: dir });
    expect(clean.stdout.split('\n')[2]).toBe('Messages: 1 read · 1 valid · 0 invalid (0% invalid) · track 1');
  });

  it('warns of messages from a client generated from another version of the plan, and fails on them when asked', () => {
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'github'], { cwd: ROOT });
    const stale = r.stdout.split('\n').filter((l) => l.includes('title=trackplan plan-mismatch'));
    // Two messages of a browser tab opened before the deploy: annotated on the plan's `version`.
    expect(stale).toHaveLength(2);
    for (const a of stale) expect(a).toMatch(/^::warning file=plans\/ecommerce\.yaml,line=10,col=1,title=trackplan plan-mismatch::.*context\.trackplan\.version: .*this plan is 3\.0\.0.*e\.g\. samples\/ecommerce\.ndjson:4[67] "2\.0\.0"$/);
    const strict = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--fail-on', 'plan-mismatch'], { cwd: ROOT });
    expect(strict.code).toBe(1);
    expect(strict.stdout.split('\n')[0]).toBe('FAILED: 2 violations of the --fail-on codes (plan-mismatch).');
  });

  it('fails on coverage when asked', () => {
    const r = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--max-rate', '0.5', '--min-coverage', '0.9'], { cwd: ROOT });
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('FAILED: plan coverage 25%, below --min-coverage 90% (21 planned events never seen).');
  });

  it('splits a large file over workers and reports the same lines as one thread', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      lines.push(JSON.stringify({ type: 'track', event: 'Order Completed', userId: `u${i}`, properties: { order_id: `o${i}`, currency: i % 9973 === 0 ? 'usd' : 'USD', products: [{ product_id: 'p' }] } }));
    }
    writeFileSync(join(dir, 'big.ndjson'), lines.join('\n') + '\n');
    const one = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'big.ndjson', '--format', 'json', '--workers', '1'], { cwd: dir });
    // Force the worker path on a small file by lowering nothing but the thread count: 4 ranges.
    const many = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'big.ndjson', '--format', 'json', '--workers', '4'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
    const a = JSON.parse(one.stdout);
    const b = JSON.parse(many.stdout);
    expect(b.totals).toEqual(a.totals);
    expect(b.groups).toEqual(a.groups);
    expect(a.groups[0].examples.map((e: { line: number }) => e.line)).toEqual([1, 9974, 19947]);
  });

  it('decompresses gzip here and parses its line batches in workers, with the same lines as one thread', () => {
    const lines: string[] = [];
    for (let i = 0; i < 30_000; i++) {
      lines.push(JSON.stringify({ type: 'track', event: 'Order Completed', userId: `u${i}`, properties: { order_id: `o${i}`, currency: i % 9973 === 0 ? 'usd' : 'USD', products: [{ product_id: 'p' }] } }));
    }
    lines.push('not json');
    writeFileSync(join(dir, 'big.ndjson.gz'), gzipSync(Buffer.from(lines.join('\n'))));
    const one = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'big.ndjson.gz', '--format', 'json', '--workers', '1'], { cwd: dir }).stdout);
    const many = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'big.ndjson.gz', '--format', 'json', '--workers', '2'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } }).stdout);
    expect(many.totals).toEqual(one.totals);
    expect(many.groups).toEqual(one.groups);
    expect(many.badInput).toEqual(one.badInput);
    expect(many.inputs).toEqual(one.inputs);
    expect(one.badInput.examples[0].line).toBe(30_001);
  });

  it('refuses --workers outside 1 to 64 (each thread holds the validators and input): exit 2, one line', () => {
    for (const bad of ['0', '65', '1000', '2.5', 'all']) {
      const r = cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), join(ROOT, 'samples/ecommerce.ndjson'), '--workers', bad]);
      expect(r.code).toBe(2);
      expect(r.stderr.trim()).toBe(`trackplan: --workers must be a whole number from 1 to 64, not "${bad}".`);
    }
  });

  it('fails on an input with no messages (a capture that went wrong), in one thread and in workers', () => {
    writeFileSync(join(dir, 'empty.ndjson'), '');
    writeFileSync(join(dir, 'blank.ndjson'), '\n  \r\n\n'.repeat(1000));
    writeFileSync(join(dir, 'empty.ndjson.gz'), gzipSync(Buffer.alloc(0)));
    const plan = join(ROOT, 'plans/ecommerce.yaml');
    for (const [file, what, env] of [
      ['empty.ndjson', 'empty', {}],
      ['empty.ndjson.gz', 'empty', {}],
      ['blank.ndjson', 'only blank lines', {}],
      ['blank.ndjson', 'only blank lines', { TRACKPLAN_PARALLEL_BYTES: '1' }],
    ] as const) {
      const r = cli(['audit', plan, file, '--workers', '2'], { cwd: dir, env });
      expect(r.code, `${file} ${JSON.stringify(env)}`).toBe(1);
      expect(r.stdout).toContain(`! ${file}:1 empty-input: The input is ${what}: there was nothing to audit.`);
    }
    const viaStdin = cli(['audit', plan, '-', '--format', 'json'], { cwd: dir, input: '' });
    expect(viaStdin.code).toBe(1);
    const empty = JSON.parse(viaStdin.stdout);
    expect(empty.badInput.counts).toEqual({ 'empty-input': 1 });
    expect(empty.verdict.headline).toBe('FAILED: 1 bad input (empty-input).');
    expect(empty.totals.rate).toBe(0);
    // One empty input among good ones is still flagged; --fail-on can leave the code out.
    const sample = join(ROOT, 'samples/ecommerce.ndjson');
    const mixed = cli(['audit', plan, sample, 'empty.ndjson', '--fail-on', 'empty-input', '--format', 'json'], { cwd: dir });
    expect(mixed.code).toBe(1);
    expect(JSON.parse(mixed.stdout).badInput.counts).toEqual({ 'empty-input': 1, 'invalid-json': 1 });
    expect(cli(['audit', plan, sample, 'empty.ndjson', '--fail-on', 'not-unique'], { cwd: dir }).code).toBe(0);
  });

  it('exits 2 on usage errors and unreadable input, never with a stack trace', () => {
    const cases = [
      ['audit', 'plans/ecommerce.yaml'],
      ['audit', 'plans/ecommerce.yaml', 'nope.ndjson'],
      ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--format', 'xml'],
      ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--max-rate', '2'],
      ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--fail-on', 'typo-code'],
      ['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', 'junit'],
      ['audit', 'test/fixtures/plans/mistakes.yaml', 'samples/ecommerce.ndjson'],
    ];
    for (const args of cases) {
      const r = cli(args, { cwd: ROOT });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr + r.stdout).not.toMatch(/\n\s+at /);
    }
  });
});

describe('audit: a huge line inside gzip, in parallel', () => {
  it('skips it without holding it and reports the same line as one thread', () => {
    const ok = JSON.stringify({ type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: 'o1', currency: 'USD', products: [{ product_id: 'p' }] } });
    const huge = `{"type":"track","event":"x","userId":"u","properties":{"s":"${'x'.repeat(17 * 1024 * 1024)}"}}`;
    writeFileSync(join(dir, 'huge.ndjson.gz'), gzipSync(Buffer.from(`${ok}\n${ok}\n${huge}\n${ok}\n`)));
    const one = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'huge.ndjson.gz', '--format', 'json', '--workers', '1'], { cwd: dir }).stdout);
    const many = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), 'huge.ndjson.gz', '--format', 'json', '--workers', '2'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } }).stdout);
    expect(one.badInput.examples.map((e: { line: number; code: string }) => `${e.code}@${e.line}`)).toEqual(['malformed-message@3']);
    expect(many.badInput).toEqual(one.badInput);
    expect(many.totals).toEqual(one.totals);
  });
});

describe('audit CLI: findings of review', () => {
  it('gives the same report in parallel for a blank first line, a pretty array, and BOMs mid-file', () => {
    const m = { type: 'track', event: 'Order Completed', userId: 'u', properties: { order_id: 'o1', currency: 'USD', products: [{ product_id: 'p' }] } };
    writeFileSync(join(dir, 'arr.json'), `\n${JSON.stringify([m, { ...m, properties: {} }, m], null, 2)}\n`);
    writeFileSync(join(dir, 'boms.ndjson'), Array.from({ length: 30 }, () => `\ufeff${JSON.stringify(m)}`).join('\n'));
    for (const f of ['arr.json', 'boms.ndjson']) {
      const one = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), f, '--format', 'json', '--workers', '1'], { cwd: dir }).stdout);
      const many = JSON.parse(cli(['audit', join(ROOT, 'plans/ecommerce.yaml'), f, '--format', 'json', '--workers', '3'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } }).stdout);
      expect([f, many.totals, many.badInput]).toEqual([f, one.totals, one.badInput]);
    }
  });

  it('says the verdict on stdout with --output alone, and reports an unwritable --output in one line', () => {
    const only = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', `json=${join(dir, 'r.json')}`], { cwd: ROOT });
    expect(only.stdout).toBe('FAILED: 8 violations at error severity and 1 bad input (invalid-json).\n');
    const bad = cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', '--output', 'json=/nonexistent/dir/r.json'], { cwd: ROOT });
    expect(bad.code).toBe(2);
    expect(bad.stderr.trim().split('\n')).toEqual(['trackplan: Cannot write --output json=/nonexistent/dir/r.json: the folder /nonexistent/dir does not exist. Create it first.']);
  });
});
