import { spawnSync } from 'node:child_process';
import { chmodSync, closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { BIN, cli } from './run-cli.js';

// How `trackplan audit` reads its inputs (issue 10, items 5, 6, 7, 8 and 10), through the CLI:
// in one thread, and in workers (a plain file cut into pieces, gzip decompressed here and parsed
// there), which must give the very same report.

const ROOT = process.cwd();
const PLAN = join(ROOT, 'plans/ecommerce.yaml');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-input-'));
  // Readable by anyone: some tests run the CLI as another user (see `asUser`).
  chmodSync(dir, 0o755);
});

const good = (i: number, currency = 'USD') => JSON.stringify({ type: 'track', event: 'Order Completed', userId: `u${i}`, properties: { order_id: `o${i}`, currency, products: [{ product_id: 'p' }] } });

/** The JSON report of one file, with one thread and with two (workers for anything over one byte). */
function bothWays(file: string): [Record<string, unknown>, Record<string, unknown>] {
  const one = cli(['audit', PLAN, file, '--format', 'json', '--workers', '1'], { cwd: dir });
  const two = cli(['audit', PLAN, file, '--format', 'json', '--workers', '2'], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
  expect(one.stderr).toBe('');
  expect(two.stderr).toBe('');
  return [JSON.parse(one.stdout), JSON.parse(two.stdout)];
}

describe('audit input: the same report from one thread and from workers', () => {
  it('gzip followed by bytes that are not gzip: every line audited, the bytes reported where they start (item 5)', () => {
    const lines = Array.from({ length: 10_000 }, (_, i) => good(i, i === 9_999 ? 'usd' : 'USD'));
    const gz = gzipSync(`${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'trailing.ndjson.gz'), Buffer.concat([gz, Buffer.from('garbage\n')]));
    const [one, two] = bothWays('trailing.ndjson.gz');
    expect(two).toEqual(one);
    expect(one).toMatchObject({ totals: { read: 10_000 }, inputs: [{ lines: 10_000 }], badInput: { counts: { 'trailing-data': 1 } } });
    expect((one.badInput as { examples: { line: number }[] }).examples.map((e) => e.line)).toEqual([10_001]);
    // The last line, the one Node's gunzip dropped with the error, is audited.
    expect((one.groups as { examples: { line: number }[] }[])[0]!.examples.map((e) => e.line)).toEqual([10_000]);
  });

  it('lines that are not UTF-8: reported with their line, plain (pieces) and gzip (batches) (item 6)', () => {
    // Latin-1 where UTF-8 was expected: `"order_id"` written `"\xe9rder_id"`.
    const lines = Array.from({ length: 3_000 }, (_, i) => Buffer.from(good(i)));
    for (const at of [0, 1_499, 2_999]) lines[at] = Buffer.from(good(at).replace('"order_id"', '"\xe9rder_id"'), 'latin1');
    const column = (i: number) => good(i).indexOf('"order_id"') + 2;
    const text = Buffer.concat(lines.flatMap((l) => [l, Buffer.from('\n')]));
    writeFileSync(join(dir, 'latin1.ndjson'), text);
    writeFileSync(join(dir, 'latin1.ndjson.gz'), gzipSync(text));
    for (const file of ['latin1.ndjson', 'latin1.ndjson.gz']) {
      const [one, two] = bothWays(file);
      expect(two).toEqual(one);
      expect(one).toMatchObject({ totals: { read: 2_997, invalid: 0 }, badInput: { counts: { 'invalid-utf8': 3 } } });
      expect((one.badInput as { examples: { line: number; message: string }[] }).examples.map((e) => `${e.line} ${e.message.split(';')[0]}`)).toEqual([1, 1_500, 3_000].map((l) => `${l} Not UTF-8: byte 0xe9 at byte ${column(l - 1)} of the line is not UTF-8 text`));
    }
  });

  it('numbers beyond a 64-bit float: shown as written in every thread (item 7)', () => {
    const lines = Array.from({ length: 3_000 }, (_, i) => good(i));
    lines[2_500] = lines[2_500]!.replace('"currency":"USD"', '"currency":"USD","total":1e999');
    writeFileSync(join(dir, 'huge-number.ndjson'), `${lines.join('\n')}\n`);
    writeFileSync(join(dir, 'huge-number.ndjson.gz'), gzipSync(`${lines.join('\n')}\n`));
    for (const file of ['huge-number.ndjson', 'huge-number.ndjson.gz']) {
      const [one, two] = bothWays(file);
      expect(two).toEqual(one);
      expect((one.groups as { code: string; path: string; examples: unknown[] }[]).map((g) => [g.code, g.path, g.examples])).toEqual([['out-of-range', 'properties.total', [{ file, line: 2_501, value: '1e999' }]]]);
    }
  });

  it('JSON documents, plain and gzip, read message by message with their lines (item 8)', () => {
    const msgs = Array.from({ length: 2_000 }, (_, i) => JSON.parse(good(i, i % 700 === 0 ? 'usd' : 'USD')) as object);
    const pretty = JSON.stringify(msgs, null, 2);
    writeFileSync(join(dir, 'doc.json'), pretty);
    writeFileSync(join(dir, 'doc.json.gz'), gzipSync(pretty));
    // Each message starts on a line of its own, `  {`.
    const starts = pretty.split('\n').flatMap((l, i) => (l === '  {' ? [i + 1] : []));
    for (const file of ['doc.json', 'doc.json.gz']) {
      const [one, two] = bothWays(file);
      expect(two).toEqual(one);
      expect(one).toMatchObject({ totals: { read: 2_000 }, inputs: [{ lines: pretty.split('\n').length }] });
      expect((one.groups as { examples: { line: number }[] }[])[0]!.examples.map((e) => e.line)).toEqual([0, 700, 1_400].map((i) => starts[i]));
    }
  });
});

describe('audit input: memory bounded by a message, not by the input (item 8)', () => {
  // Each input is larger than the heap the process is given: it cannot be held whole (before, a
  // 200 MB array took 1.3–2 GB, and a broken first line made the reader hold up to 512 MB).
  const MB = 40;
  function write(file: string, shape: 'pretty' | 'one-line' | 'broken-first-line'): number {
    const parts: string[] = [];
    let bytes = 0;
    let n = 0;
    while (bytes < MB * 1024 * 1024) {
      const m = shape === 'pretty' ? JSON.stringify(JSON.parse(good(n)), null, 2) : good(n);
      parts.push(m);
      bytes += m.length + 2;
      n++;
    }
    const text = shape === 'pretty' ? `[\n${parts.join(',\n')}\n]\n` : shape === 'one-line' ? `[${parts.join(',')}]` : `{"type":"track","event":"Order Compl\n${parts.join('\n')}\n`;
    writeFileSync(join(dir, file), file.endsWith('.gz') ? gzipSync(text, { level: 1 }) : text);
    return n;
  }

  it.each([
    ['big-pretty.json', 'pretty', '1'],
    ['big-one-line.json', 'one-line', '1'],
    ['big-broken.ndjson', 'broken-first-line', '1'],
    ['big-pretty.json.gz', 'pretty', '2'],
  ] as const)('%s (%s, --workers %s) in a 32 MB heap', (file, shape, workers) => {
    const n = write(file, shape);
    const r = cli(['audit', PLAN, file, '--format', 'json', '--workers', workers], { cwd: dir, env: { NODE_OPTIONS: '--max-old-space-size=32', TRACKPLAN_PARALLEL_BYTES: '1' } });
    expect(r.stderr).toBe('');
    const report = JSON.parse(r.stdout);
    expect(report.totals).toMatchObject({ read: n, invalid: 0 });
    expect(report.badInput.counts).toEqual(shape === 'broken-first-line' ? { 'invalid-json': 1 } : {});
  });
});

const ROOT_USER = process.getuid?.() === 0;
/** As root, whether `nobody` can run the build here (not when the checkout is in root's home). */
const NOBODY = ROOT_USER && spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(BIN)}, 4); require('fs').accessSync(${JSON.stringify(PLAN)}, 4)`], { uid: 65534, gid: 65534 }).status === 0;

/** Run the CLI as a user that file permissions apply to: root reads everything, so as root, as `nobody`. */
function asUser(args: string[], options: { env?: Record<string, string> } = {}): { code: number; stderr: string } {
  const root = ROOT_USER && NOBODY;
  const r = spawnSync(process.execPath, [BIN, ...args], {
    cwd: dir,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    ...(root ? { uid: 65534, gid: 65534 } : {}),
  });
  return { code: r.status ?? -1, stderr: r.stderr };
}

describe('audit input that cannot be read (item 10)', () => {
  it('says so in the one line `check` uses, exit 2, plain or gzip, in one thread or in workers', () => {
    if (process.platform === 'linux') {
      // Write-only, and so unreadable even for root: permission denied without changing user.
      for (const workers of ['1', '2']) {
        const r = cli(['audit', PLAN, '/proc/sys/vm/drop_caches', '--workers', workers], { cwd: dir, env: { TRACKPLAN_PARALLEL_BYTES: '0' } });
        expect([workers, r.code, r.stderr]).toEqual([workers, 2, 'trackplan: Cannot read /proc/sys/vm/drop_caches: permission denied.\n']);
      }
    }
    if (ROOT_USER && !NOBODY) {
      console.warn('SKIPPED: running as root, and user nobody cannot read the build here, so a chmod 000 file (plain or gzip) cannot be made unreadable; only /proc/sys/vm/drop_caches was checked.');
      return;
    }
    writeFileSync(join(dir, 'locked.ndjson'), readFileSync(join(ROOT, 'samples/ecommerce.ndjson')));
    writeFileSync(join(dir, 'locked.ndjson.gz'), gzipSync(readFileSync(join(ROOT, 'samples/ecommerce.ndjson'))));
    for (const f of ['locked.ndjson', 'locked.ndjson.gz']) chmodSync(join(dir, f), 0o000);
    for (const f of ['locked.ndjson', 'locked.ndjson.gz']) {
      for (const workers of ['1', '2']) {
        const r = asUser(['audit', PLAN, f, '--workers', workers], { env: { TRACKPLAN_PARALLEL_BYTES: '1' } });
        expect([f, workers, r.code, r.stderr]).toEqual([f, workers, 2, `trackplan: Cannot read ${f}: permission denied.\n`]);
      }
    }
    // Among readable inputs, before any is audited.
    const mixed = asUser(['audit', PLAN, join(ROOT, 'samples/ecommerce.ndjson'), 'locked.ndjson.gz']);
    expect([mixed.code, mixed.stderr]).toEqual([2, 'trackplan: Cannot read locked.ndjson.gz: permission denied.\n']);
  });

  it.skipIf(process.platform !== 'linux')('says so when reading fails after the file was opened (EIO), in each way a file is read', () => {
    // /proc/self/mem opens, and fails on the first read: a real read error, for any user.
    for (const env of [{}, { TRACKPLAN_PARALLEL_BYTES: '0' }]) {
      for (const workers of ['1', '2']) {
        const r = cli(['audit', PLAN, '/proc/self/mem', '--workers', workers], { cwd: dir, env });
        expect([workers, env, r.code, r.stderr]).toEqual([workers, env, 2, 'trackplan: Cannot read /proc/self/mem: EIO: i/o error, read.\n']);
      }
    }
  });

  it('says so for a directory given as an input, or as standard input', () => {
    mkdirSync(join(dir, 'folder'), { recursive: true });
    const r = cli(['audit', PLAN, 'folder'], { cwd: dir });
    expect([r.code, r.stderr]).toEqual([2, 'trackplan: Cannot read folder: it is a directory.\n']);
    const fd = openSync(join(dir, 'folder'), 'r');
    try {
      const viaStdin = spawnSync(process.execPath, [BIN, 'audit', PLAN, '-'], { cwd: dir, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8' });
      expect([viaStdin.status, viaStdin.stderr]).toEqual([2, 'trackplan: Cannot read standard input: it is a directory.\n']);
    } finally {
      closeSync(fd);
    }
  });
});
