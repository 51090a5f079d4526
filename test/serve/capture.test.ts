import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { type RunningServer, ServeError } from '../../src/serve/server.js';
import { cli } from '../cli/run-cli.js';
import { basic, order, post, send, serve, SHOP } from './helpers.js';

// `--out capture.ndjson`: every line the server checked, written before the answer, so that
// `trackplan audit` on the file gives the report the server gives: the same lines, read by the
// same auditor. Held here byte for byte, in every format, on traffic with every kind of
// message and bad input the server can meet.
const dir = mkdtempSync(join(tmpdir(), 'trackplan-serve-'));
const servers: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

async function started(out: string, options = {}): Promise<RunningServer> {
  const s = await serve({ out, ...options });
  servers.push(s);
  return s;
}

/** Mixed traffic: bad input first (so the file must not open with it), then every kind of message. */
async function traffic(url: string): Promise<void> {
  // Two documents on one line, not JSON: the audit would take a file opening with it for a JSON document.
  expect((await send(url, '/v1/track', { body: '{"type":"track"}{"event":"x"}' })).status).toBe(400);
  const batch = `{"batch":[
    ${JSON.stringify(order('e1'))},
    {"type":"track","event":"Order Completed","userId":"u1","messageId":"big","properties":{"order_id":"e2","total":1e999,"currency":"EUR"}},
    42, [1, 2], {"batch": [${JSON.stringify(order('inner'))}]},
    {"type":"track","event":"Product Viewed","userId":"u1","messageId":"has-batch","batch":[1,2],"properties":{"product_id":"p"}},
    {"type":"identify","userId":"u1","traits":{"email":"not-an-email"}},
    {"type":"page","name":"Home","anonymousId":"a1"},
    {"type":"screen","name":"Settings","userId":"u1"},
    {"type":"group","groupId":"g1","userId":"u1"},
    {"type":"alias","previousId":"a1","userId":"u1"},
    {"type":"track","event":"Order Refunded","userId":"u1"},
    {"type":"track","event":"Wishlist Added","userId":"u1","context":{"trackplan":{"plan":"shop","version":"0.9.0"}}},
    {"type":"track","event":"Product Viewed","properties":{"product_id":"p2"}},
    {"type":"track","event":"Product Viewed","userId":"u1","receivedAt":"2000-01-01T00:00:00.000Z","properties":{"product_id":"p3","extra":"x"}}
  ], "context": {"locale": "de-DE"}}`;
  expect((await send(url, '/v1/batch', { body: batch })).status).toBe(200);
  expect((await send(url, '/v1/track', { body: Buffer.from([0x7b, 0x22, 0x65, 0xe9, 0x22, 0x7d]) })).status).toBe(400);
  expect((await send(url, '/v1/batch', { body: '{"batch": [{"type": "track",\n "event": "Order\nCompleted"}]}' })).status).toBe(400);
  expect((await send(url, '/v1/t', { body: JSON.stringify({ ...order('t1'), properties: { order_id: 't1', total: '12' } }), headers: { 'content-type': 'text/plain' } })).status).toBe(200);
}

const FORMATS = ['json', 'pretty', 'junit', 'markdown', 'github'] as const;

/** The server's report and `trackplan audit` on the capture, in every format, with their verdicts. */
async function bothReports(url: string, file: string, query = ''): Promise<{ served: string[]; audited: string[] }> {
  const served: string[] = [];
  const audited: string[] = [];
  for (const format of FORMATS) {
    const r = await send(url, `/trackplan/report?format=${format}${query}`, { method: 'GET' });
    served.push(`${r.headers['x-trackplan-verdict']}\n${r.text}`);
    const a = cli(['audit', SHOP, file, '--format', format], { env: { GITHUB_STEP_SUMMARY: '' } });
    expect(a.stderr).toBe('');
    audited.push(`${a.code === 1 ? 'failed' : a.code === 0 ? 'passed' : `exit ${a.code}`}\n${a.stdout}`);
  }
  return { served, audited };
}

describe('--out', () => {
  it('trackplan audit on the capture gives the report the server gives, in every format', async () => {
    const file = join(dir, 'capture.ndjson');
    const s = await started(file);
    await traffic(s.url);
    const { served, audited } = await bothReports(s.url, file);
    expect(served).toEqual(audited);
    // The traffic did meet what it was meant to.
    const report = JSON.parse(served[0]!.slice(served[0]!.indexOf('\n') + 1)) as { badInput: { counts: object }; groups: { code: string; path: string; examples: { value?: string }[] }[]; totals: { read: number } };
    expect(report.badInput.counts).toEqual({ 'invalid-json': 2, 'invalid-utf8': 1, 'malformed-message': 3 });
    expect(report.totals.read).toBe(13);
    expect(report.groups.find((g) => g.code === 'out-of-range')!.examples[0]!.value).toBe('1e999');
    expect(report.groups.map((g) => g.code).sort()).toEqual(['deprecated-event', 'format-mismatch', 'missing-required', 'out-of-range', 'plan-mismatch', 'type-mismatch', 'unplanned-event', 'unplanned-property']);
    // The file opens with an empty list, which the audit reads as nothing, not with the bad line.
    const lines = readFileSync(file, 'utf8').split('\n');
    expect(lines.slice(0, 2)).toEqual(['[]', '{"type":"track"}{"event":"x"}']);
    expect(lines.at(-1)).toBe('');
    // What the server added, kept as written: the number out of a float's range, the message's own `batch` (wrapped so it stays a message).
    expect(lines[3]).toMatch(/^\{"type":"track","event":"Order Completed","userId":"u1","messageId":"big","properties":\{"order_id":"e2","total":1e999,"currency":"EUR"\},"context":\{"locale":"de-DE"\},"receivedAt":"[^"]+"\}$/);
    expect(lines[7]).toMatch(/^\[\{"type":"track","event":"Product Viewed","userId":"u1","messageId":"has-batch","batch":\[1,2\],/);
    expect(lines.filter((l) => l.includes('"p3"'))[0]).not.toContain('2000-01-01');
  });

  it('holds across generations: the report of everything (generation=all) is the audit of the whole capture, a late flush of an earlier generation included', async () => {
    const file = join(dir, 'generations.ndjson');
    const s = await started(file);
    const first = s.intake.reset();
    await post(s.url, '/v1/batch', { batch: [order('g1'), order('g1b', { total: 'x' })] }, basic(first.writeKey));
    await send(s.url, '/v1/track', { body: 'nope', headers: basic(first.writeKey) });
    s.intake.reset();
    await post(s.url, '/v1/track', order('g2', { currency: 'usd' }));
    await post(s.url, '/v1/track', order('g1-late', { total: -5 }), basic(first.writeKey));
    const { served, audited } = await bothReports(s.url, file, '&generation=all');
    expect(served).toEqual(audited);
    // The current generation's report has its own message only.
    const current = s.intake.report('current', {});
    expect([current.totals.read, current.groups.map((g) => g.code), current.badInput.counts]).toEqual([1, ['pattern-mismatch'], {}]);
  });

  it('with one generation, the default report is the audit of the capture too', async () => {
    const file = join(dir, 'one.ndjson');
    const s = await started(file);
    await post(s.url, '/v1/batch', { batch: [order('a'), order('b', { total: 'x' })] });
    const { served, audited } = await bothReports(s.url, file);
    expect(served).toEqual(audited);
  });

  it('a message is in the file before its request is answered', async () => {
    const file = join(dir, 'before.ndjson');
    const s = await started(file);
    for (let i = 0; i < 20; i++) {
      expect((await post(s.url, '/v1/track', order(`n${i}`))).status).toBe(200);
      const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
      expect(lines).toHaveLength(i + 1);
      expect((JSON.parse(lines[i]!) as { messageId: string }).messageId).toBe(`m-n${i}`);
    }
  });

  it('the file replaces one that exists; an empty capture (no message) fails as the audit fails on it', async () => {
    const file = join(dir, 'old.ndjson');
    writeFileSync(file, 'old line\n');
    const s = await started(file);
    expect(readFileSync(file, 'utf8')).toBe('');
    const { served, audited } = await bothReports(s.url, file);
    expect(served).toEqual(audited);
    expect(served[0]!.startsWith('failed\n')).toBe(true);
  });

  it.each([
    ['the plan itself', () => SHOP, `Cannot write --out ${SHOP}: it would overwrite ${SHOP}, a file of the plan. Write the capture to another file.`],
    ['a folder that does not exist', () => join(dir, 'no', 'c.ndjson'), `Cannot write --out ${join(dir, 'no', 'c.ndjson')}: the folder ${join(dir, 'no')} does not exist. Create it first.`],
    ['a symbolic link', () => {
      const link = join(dir, 'link.ndjson');
      symlinkSync(join(dir, 'target.ndjson'), link);
      return link;
    }, `Cannot write --out ${join(dir, 'link.ndjson')}: ${join(dir, 'link.ndjson')} is a symbolic link, and the capture is not written through links. Name the file itself.`],
    ['a folder', () => dir, `Cannot write --out ${dir}: ${dir} is a folder. Name a file inside it.`],
  ])('refuses %s, before listening', async (_what, path, message) => {
    const error = await serve({ out: path() }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ServeError);
    expect((error as Error).message).toBe(message);
  });

  it('without --out, reports name the server as the input: <serve>:line', async () => {
    const s = await serve();
    servers.push(s);
    await post(s.url, '/v1/batch', { batch: [order('a'), order('b', { total: 'x' })] });
    const report = s.intake.report('current', {});
    expect(report.inputs).toEqual([{ file: '<serve>', lines: 2, blank: 0, bytes: expect.any(Number) }]);
    expect(report.groups[0]!.examples).toEqual([{ file: '<serve>', line: 2, value: '"x"' }]);
  });
});
