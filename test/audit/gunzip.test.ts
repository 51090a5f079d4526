import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { auditText, findings, planFrom } from './helpers.js';

const ROOT = process.cwd();
const SAMPLE = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'));
let index: Awaited<ReturnType<typeof indexPlan>>;
beforeAll(async () => {
  index = await indexPlan((await loadPlan(join(ROOT, 'plans/ecommerce.yaml'))).plan!);
});

const trailing = (s: Awaited<ReturnType<typeof auditText>>) => s.badInput.examples.filter((e) => e.code === 'trailing-data');

describe('gzip followed by bytes that are not gzip (issue 10, item 5)', () => {
  it('audits every decompressed line, as zcat reads them, and reports the bytes after the data where they start', async () => {
    const plain = await auditText(index, SAMPLE, { chunk: 64 * 1024 });
    const gz = gzipSync(SAMPLE);
    const s = await auditText(index, Buffer.concat([gz, Buffer.from('garbage\n')]), { chunk: 64 * 1024 });
    // The report of the sample itself, line for line, and one finding more.
    expect(s.messages).toEqual(plain.messages);
    expect(s.groups).toEqual(plain.groups);
    expect(s.inputs[0]).toMatchObject({ lines: 52, bytes: SAMPLE.length });
    expect(findings(s)).toEqual([...findings(plain), 'trailing-data@53']);
    expect(trailing(s)[0]!.message).toBe(`8 bytes after the end of the gzip data (from byte ${gz.length + 1} of the input) are not gzip and were not read; everything before them was audited (zcat skips them too, with a warning).`);
  });

  it('loses none of 10,000 lines', async () => {
    const { index: small } = await planFrom('trackplan: 1\nevents:\n  A: {}\n');
    const text = Array.from({ length: 10_000 }, (_, i) => JSON.stringify({ type: 'track', event: 'A', userId: `u${i}`, context: { page: { path: `/p/${i}` } } })).join('\n') + '\n';
    for (const chunk of [1024, 64 * 1024, 1 << 20]) {
      const s = await auditText(small, Buffer.concat([gzipSync(text), Buffer.from('\u0001junk')]), { chunk });
      expect([chunk, s.messages.read, s.inputs[0]!.lines, findings(s)]).toEqual([chunk, 10_000, 10_000, ['trailing-data@10001']]);
    }
  });

  it('reads every member of a multi-member file (cat a.gz b.gz), and takes zero bytes after the end for padding', async () => {
    const half = SAMPLE.indexOf('\n', SAMPLE.length >> 1) + 1;
    const members = Buffer.concat([gzipSync(SAMPLE.subarray(0, half)), gzipSync(SAMPLE.subarray(half)), Buffer.alloc(512)]);
    const plain = await auditText(index, SAMPLE);
    for (const chunk of [1, 7, 4096]) {
      const s = await auditText(index, members, { chunk });
      expect(findings(s)).toEqual(findings(plain));
      expect(s.inputs[0]).toEqual(plain.inputs[0]);
    }
    // Padding, then bytes that are not: reported from the first of those.
    const s = await auditText(index, Buffer.concat([members, Buffer.from('x')]));
    expect(trailing(s).map((e) => e.line)).toEqual([53]);
    expect(trailing(s)[0]!.message).toMatch(/^1 byte after the end of the gzip data \(from byte \d+ of the input\) is not gzip and was not read; everything before it/);
  });

  it('still reports gzip data cut short or damaged, after auditing what came before', async () => {
    const gz = gzipSync(SAMPLE);
    const cut = await auditText(index, gz.subarray(0, gz.length - 4), { chunk: 512 });
    // The data is all there, its length field is not.
    expect(cut.messages.read).toBe(51);
    expect(cut.badInput.examples.filter((e) => e.code === 'truncated-input').map((e) => e.message)).toEqual(['The gzip data ends early or is damaged (the data ends early); what came before was audited.']);
    const flipped = Buffer.from(gz);
    flipped[gz.length - 8]! ^= 0xff; // the CRC-32
    const damaged = await auditText(index, flipped);
    expect(damaged.badInput.examples.filter((e) => e.code === 'truncated-input').map((e) => e.message)).toEqual(['The gzip data ends early or is damaged (the CRC-32 check failed); what came before was audited.']);
    const torn = await auditText(index, gz.subarray(0, gz.length >> 1), { chunk: 100 });
    expect(torn.badInput.counts).toMatchObject({ 'truncated-input': 1 });
    expect(torn.messages.read).toBeGreaterThan(0);
  });

  it('reads headers with a name, a comment, an extra field and a header CRC, and will not hold a name that never ends', async () => {
    const data = SAMPLE.subarray(0, SAMPLE.indexOf('\n', 2000) + 1);
    // CRC-32 and length, as gzip writes them.
    const trailer = gzipSync(data).subarray(-8);
    const extra = Buffer.alloc(2 + 6000, 7);
    extra.writeUInt16LE(6000, 0);
    // FHCRC 2, FEXTRA 4, FNAME 8, FCOMMENT 16.
    const header = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 2 | 4 | 8 | 16, 0, 0, 0, 0, 0, 3]), extra, Buffer.from('events.ndjson\0'), Buffer.from('a comment\0'), Buffer.from([0, 0])]);
    const member = Buffer.concat([header, deflateRawSync(data), trailer]);
    const plain = await auditText(index, data);
    for (const chunk of [1, 100, 1 << 16]) expect(findings(await auditText(index, member, { chunk }))).toEqual(findings(plain));
    const endless = Buffer.concat([Buffer.from([0x1f, 0x8b, 8, 8, 0, 0, 0, 0, 0, 3]), Buffer.alloc(2 * 1024 * 1024, 0x61)]);
    const s = await auditText(index, endless, { chunk: 1 << 16 });
    expect(s.badInput.examples.map((e) => e.message)).toEqual(['The gzip data ends early or is damaged (a gzip header longer than 1024 KB); what came before was audited.']);
  });
});
