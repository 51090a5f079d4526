import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/sql/dialects/index.js';
import { engineTestsRun, missingTrino } from './engines-home.js';
import { contractRows } from './contract.js';
import { probeContract, probeDialect, probeKnown } from './dialect-probes.js';
import { trinoRunner, type EngineRunner } from './runner.js';

describe.skipIf(!engineTestsRun('Trino', missingTrino()))('the trino dialect on a real Trino (single node, memory catalog)', () => {
  let trino: EngineRunner;
  beforeAll(async () => {
    trino = await trinoRunner();
  }, 240_000);
  afterAll(async () => {
    process.stderr.write(`Trino peak RSS: ${trino?.peakRssMb()} MB\n`);
    await trino?.stop();
  }, 60_000);

  it('reads NDJSON into the contract relation line by line, as trackplan splits lines', async () => {
    const { files, rows } = await probeContract(trino);
    const expected = files.flatMap((f) => contractRows(f.path, f.name)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
    expect(rows).toEqual(expected);
    expect(expected.filter((r) => r.file === 'tricky.ndjson').map((r) => r.message)).toEqual(['{"a":1}', '', '  ', '{"q":"it\'s \\"x\\""}', '{"nul":"a\u0000b"}', null, '', '{"last":"no LF, é😀"}']);
  }, 120_000);

  it('runs each dialect primitive as JavaScript does', async () => {
    const mismatches = await probeDialect(DIALECTS.trino, trino);
    expect(mismatches).toEqual([]);
  }, 300_000);

  it('reads what docs/sql.md says it reads otherwise than JSON.parse', async () => {
    const known = await probeKnown(DIALECTS.trino, trino);
    // Trino refuses a value followed by more text, as JSON.parse does.
    expect(known.trailingParses).toEqual([false, false]);
    // A number past a double's range becomes the string "Infinity" (JSON.parse: the number Infinity).
    expect(known.huge).toEqual([['"Infinity"', true], ['["-Infinity"]', false]]);
  }, 120_000);
});
