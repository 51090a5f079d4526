import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DIALECTS } from '../../src/sql/dialects/index.js';
import { engineTestsRun } from './engines-home.js';
import { contractRows } from './contract.js';
import { AUDIT_CASES, auditBothWays, auditCaseRuns } from './differential.js';
import { probeContract, probeDialect, probeKnown } from './dialect-probes.js';
import type { EngineRunner } from './runner.js';

/** One real engine held to the JS audit: the same tests for Spark and Trino, but where the engines differ. */
export interface EngineSuite {
  /** As people write it (`Spark`), and the dialect's name (`spark`). */
  name: 'Spark' | 'Trino';
  dialect: 'spark' | 'trino';
  title: string;
  /** Why the engine cannot run here, or undefined when it can. */
  missing: string | undefined;
  start(): Promise<EngineRunner>;
  /** Whether the engine takes a JSON value followed by more text (JSON.parse does not), and why. */
  trailingParses: boolean;
  trailingWhy: string;
}

export function describeEngine(s: EngineSuite): void {
  describe.skipIf(!engineTestsRun(s.name, s.missing))(s.title, () => {
    let engine: EngineRunner;
    beforeAll(async () => {
      engine = await s.start();
    }, 240_000);
    afterAll(async () => {
      process.stderr.write(`${s.name} peak RSS: ${engine?.peakRssMb()} MB\n`);
      await engine?.stop();
    }, 60_000);

    it('reads NDJSON into the contract relation as docs/sql.md defines it (a row per LF-ended line, text as it is)', async () => {
      const { files, rows } = await probeContract(engine);
      const expected = files.flatMap((f) => contractRows(f.path, f.name)).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : (a.line ?? 0) - (b.line ?? 0)));
      expect(rows).toEqual(expected);
      expect(expected.filter((r) => r.file === 'tricky.ndjson').map((r) => r.message)).toEqual(['\ufeff{"a":1}\r', '', '  \r', '{"q":"it\'s \\"x\\""}', '{"nul":"a\u0000b"}', '{\ufffd}', '\r', '{"last":"no LF, é😀"}']);
      expect(expected.filter((r) => r.file === 'empty.ndjson')).toEqual([{ file: 'empty.ndjson', line: null, message: null }]);
    }, 120_000);

    it('runs each dialect primitive as JavaScript does', async () => {
      const mismatches = await probeDialect(DIALECTS[s.dialect], engine);
      expect(mismatches).toEqual([]);
    }, 300_000);

    it('reads what docs/sql.md says it reads otherwise than JSON.parse', async () => {
      const known = await probeKnown(DIALECTS[s.dialect], engine);
      expect(known.trailingParses, s.trailingWhy).toEqual([s.trailingParses, s.trailingParses]);
      // A number past a double's range becomes the string "Infinity" (JSON.parse: the number Infinity).
      expect(known.huge).toEqual([['"Infinity"', true], ['["-Infinity"]', false]]);
    }, 120_000);

    for (const c of AUDIT_CASES) {
      it.skipIf(!auditCaseRuns(s.dialect, c))(`gives the report of the JavaScript audit on ${c.name}`, async () => {
        await c.make?.();
        const r = await auditBothWays(engine, c.plan, c.files);
        process.stderr.write(`${s.dialect}: ${c.name}: ${r.sqlChars} characters of SQL, ${r.queryMs} ms\n`);
        expect(r.engine.report).toEqual(r.js.report);
        expect(r.engine.code).toBe(r.js.code);
      }, 1_800_000);
    }
  });
}
