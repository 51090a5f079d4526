import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadPlan } from '../../src/load/load-plan.js';
import { stageInputs } from '../../src/engines/duckdb/stage.js';
import { DuckDbEngine } from '../../src/engines/duckdb/engine.js';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { cli } from '../cli/run-cli.js';
import { randomCorpus } from '../sql/random-corpus.js';

const ROOT = join(import.meta.dirname, '../..');
const PLAN = join(ROOT, 'plans/ecommerce.yaml');
const SAMPLE = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'), 'utf8');
const LINES = SAMPLE.split('\n').filter((l) => l !== '');

let dir: string;
let tmp: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-duckdb-test-'));
  // DuckDB's scratch folders go here, so that the tests can see them removed.
  tmp = join(dir, 'tmp');
  mkdirSync(tmp);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** `trackplan audit` with one engine, in `dir`, its scratch space in `tmp`. */
function audit(engine: string, args: string[], input?: string, env: Record<string, string> = {}) {
  return cli(['audit', ...args, '--engine', engine], { cwd: dir, env: { TMPDIR: tmp, ...env }, ...(input !== undefined ? { input } : {}) });
}

/** Both engines on the same arguments: the same exit code and the same bytes on stdout. */
function expectSame(args: string[], input?: string, env: Record<string, string> = {}): { code: number; stdout: string } {
  const js = audit('js', args, input);
  const duck = audit('duckdb', args, input, env);
  expect(duck.stderr, args.join(' ')).toBe(js.stderr);
  expect(duck.stdout, args.join(' ')).toBe(js.stdout);
  expect(duck.code, args.join(' ')).toBe(js.code);
  expect(readdirSync(tmp), 'the scratch folder is removed').toEqual([]);
  return js;
}

function write(name: string, data: string | Buffer): string {
  writeFileSync(join(dir, name), data);
  return name;
}

async function duck(sql: string): Promise<void> {
  const c = await (await DuckDBInstance.create(':memory:')).connect();
  await c.run(sql);
  c.closeSync();
}

describe('audit --engine duckdb gives the JavaScript engine’s report', () => {
  it('on every shape of input the audit reads, one by one and all together, in every format', async () => {
    const gz = gzipSync(LINES.slice(0, 30).join('\n') + '\n');
    const files = [
      write('plain.ndjson', `${LINES.slice(0, 20).join('\n')}\n\n  \n${LINES.slice(20, 25).join('\n')}\n${LINES[25]}`),
      write('gzip.ndjson.gz', gz),
      write('truncated.ndjson.gz', gz.subarray(0, 700)),
      write('trailing.ndjson.gz', Buffer.concat([gz, Buffer.from('not gzip\n')])),
      write('two-members.ndjson.gz', Buffer.concat([gzipSync(`${LINES[0]}\n`), gzipSync(`${LINES[1]}\n`)])),
      write('empty.ndjson', ''),
      write('blank.ndjson', '\n  \n\n'),
      write('crlf.ndjson', LINES.slice(0, 10).map((l) => `${l}\r\n`).join('')),
      write('array.json', `[\n  ${LINES.slice(0, 5).join(',\n  ')}\n]\n`),
      write('not-utf8.ndjson', Buffer.concat([Buffer.from(`${LINES[0]}\n{"type":"track","event":"`), Buffer.from([0xff, 0xfe]), Buffer.from(`"}\n${LINES[1]}\n`)])),
      write('bad.ndjson', 'not json\n{"type":"zzz"}\n[1,2]\n{"batch":[{"type":"track","event":"Order Completed","userId":"u"},5]}\nNaN\n{"a":1,}\n'),
      write('bom.ndjson', `\ufeff${LINES.slice(0, 3).join('\n')}\n`),
      write('nul.ndjson', `${LINES[0]}\n{"type":"track","event":"A\u0000"}\n`),
      write("x'); DROP TABLE t; --.ndjson", `${LINES.slice(3, 6).join('\n')}\n`),
      write('we’ird *name? [1].ndjson', `${LINES.slice(6, 9).join('\n')}\n`),
    ];
    // Alone, an input that holds no message is flagged empty as the JavaScript engine flags it.
    for (const f of ['empty.ndjson', 'blank.ndjson', 'truncated.ndjson.gz']) expectSame([PLAN, f, '--format', 'json']);
    const all = expectSame([PLAN, ...files, '--format', 'json']);
    expect(all.code).toBe(1);
    expect(JSON.parse(all.stdout).inputs).toHaveLength(files.length);
    // The same file twice is two inputs, as for the JavaScript engine.
    expectSame([PLAN, files[0]!, files[0]!, '--format', 'json']);
    for (const format of ['pretty', 'junit', 'html']) expectSame([PLAN, ...files.slice(0, 4), '--format', format]);
    // Standard input, alone and between files.
    expectSame([PLAN, '-', '--format', 'json'], SAMPLE);
    expectSame([PLAN, files[1]!, '-', files[0]!, '--format', 'json'], SAMPLE);
    expectSame([PLAN, '-', '--format', 'json'], '');
  }, 180_000);

  it('reads plain NDJSON, gzip and empty inputs with DuckDB, and leaves the rest to the audit’s reader, saying why', async () => {
    const scratch = mkdtempSync(join(dir, 'stage-'));
    const at = (f: string) => join(dir, f);
    const files = [
      write('s-plain.ndjson', `${LINES[0]}\n\n${LINES[1]}`),
      write('s-gzip.gz', gzipSync(`${LINES[0]}\n`)),
      write('s-empty.ndjson', ''),
      write('s-bad-first.ndjson', 'x\n{"a"\n'),
      write('s-crlf.ndjson', `${LINES[0]}\r\n`),
      write('s-doc.json', `[\n${LINES[0]}\n]\n`),
      write('s-utf8.ndjson', Buffer.from([0x7b, 0xff, 0x7d, 10])),
      write('s-cut.gz', gzipSync(`${LINES[0]}\n`).subarray(0, 20)),
    ];
    const staged = await stageInputs(files.map(at), scratch);
    expect(staged.map((s) => [s.kind, s.kind === 'js' ? s.why : ''])).toEqual([
      ['lines', ''],
      ['lines', ''],
      ['empty', ''],
      ['lines', ''],
      ['js', 'it has CR characters (CRLF line ends)'],
      ['js', 'its first line opens a JSON document spread over lines'],
      ['js', 'it has bytes that are not UTF-8'],
      ['js', 'the gzip data is cut short or damaged'],
    ]);
    expect(staged[0]).toMatchObject({ bytes: Buffer.byteLength(`${LINES[0]}\n\n${LINES[1]}`) });
  });

  for (const [name, planFile] of [['plans/ecommerce.yaml', 'plans/ecommerce.yaml'], ['plans/saas.yaml', 'plans/saas.yaml'], ['the bench synthetic plan (20 events)', 'synthetic']] as const) {
    it(`on seeded random corpora of ${name}`, async () => {
      let planPath = join(ROOT, planFile);
      if (planFile === 'synthetic') {
        const { syntheticPlan } = (await import('../../bench/synthetic-plan.mjs' as string)) as { syntheticPlan(n: number): string };
        planPath = join(dir, 'synthetic.yaml');
        writeFileSync(planPath, syntheticPlan(20));
      }
      const loaded = await loadPlan(planPath);
      if (!loaded.plan) throw new Error(`${planPath} does not load`);
      const files: string[] = [];
      for (const seed of [1, 2, 3]) {
        files.push(write(`corpus-${seed}-a.ndjson`, randomCorpus(loaded.plan, seed, 400)));
        files.push(write(`corpus-${seed}-b.ndjson.gz`, gzipSync(randomCorpus(loaded.plan, seed + 100, 150))));
      }
      const r = expectSame([planPath, ...files, '--format', 'json']);
      expect(JSON.parse(r.stdout).totals.read).toBeGreaterThan(1000);
      expectSame([planPath, ...files.slice(0, 2), '--format', 'html']);
      // The query over slices smaller than a file, and slices that hold the end of one file and
      // the start of the next: the same report.
      if (planFile === 'plans/ecommerce.yaml') {
        expectSame([planPath, ...files.slice(0, 2), '--format', 'json'], undefined, { TRACKPLAN_DUCKDB_BATCH: '97' });
        // Slices cut by bytes (about 20 KB of messages), as large messages are.
        expectSame([planPath, ...files.slice(0, 2), '--format', 'json'], undefined, { TRACKPLAN_DUCKDB_SLICE_BYTES: '20000' });
      }
    }, 180_000);
  }

  it('on a slice of the bench corpus', async () => {
    const { syntheticPlan } = (await import('../../bench/synthetic-plan.mjs' as string)) as { syntheticPlan(n: number): string };
    const { writeCorpus, eventNames } = (await import('../../bench/audit-corpus.mjs' as string)) as typeof import('../../bench/audit-corpus.mjs');
    const plan = join(dir, 'bench-50.yaml');
    writeFileSync(plan, syntheticPlan(50));
    const loaded = await loadPlan(plan);
    await writeCorpus(join(dir, 'bench.ndjson'), 5000, eventNames(loaded.plan!));
    const r = expectSame([plan, 'bench.ndjson', '--format', 'json']);
    expect(JSON.parse(r.stdout).totals.violations).toBeGreaterThan(200);
  }, 180_000);
});

describe('audit --engine duckdb: Parquet', () => {
  it('reads a message column (text or JSON) as NDJSON lines, and auto picks DuckDB for it', async () => {
    const nd = write('pq.ndjson', `${LINES.slice(0, 20).join('\n')}\n`);
    const src = `read_csv('${join(dir, nd)}', header = false, columns = {'column0': 'VARCHAR'}, delim = '\\0', quote = '', escape = '', auto_detect = false)`;
    await duck(`COPY (SELECT column0 AS message FROM ${src}) TO '${join(dir, 'text.parquet')}' (FORMAT parquet)`);
    await duck(`COPY (SELECT CAST(column0 AS JSON) AS message, 1 AS other FROM ${src}) TO '${join(dir, 'json.parquet')}' (FORMAT parquet)`);
    const expected = JSON.parse(audit('js', [PLAN, nd, '--format', 'json']).stdout) as { inputs: { file: string }[] };
    for (const f of ['text.parquet', 'json.parquet']) {
      for (const engine of ['duckdb', 'auto']) {
        const r = audit(engine, [PLAN, f, '--format', 'json']);
        expect(r.code, r.stderr).toBe(0);
        const got = JSON.parse(r.stdout) as { inputs: { file: string }[] };
        expect(got.inputs[0]!.file).toBe(f);
        got.inputs[0]!.file = nd;
        expect(got).toEqual(expected);
      }
    }
    // Parquet beside NDJSON, in the order given.
    const both = JSON.parse(audit('auto', [PLAN, 'text.parquet', nd, '--format', 'json']).stdout) as { inputs: { file: string }[] };
    expect(both.inputs.map((i) => i.file)).toEqual(['text.parquet', nd]);
    // A pattern the shell did not expand: its files in name order; one that matches nothing is an error.
    const globbed = JSON.parse(audit('auto', [PLAN, '*.parquet', nd, '--format', 'json']).stdout) as { inputs: { file: string }[] };
    expect(globbed.inputs.map((i) => i.file)).toEqual(['json.parquet', 'text.parquet', nd]);
    const none = audit('duckdb', [PLAN, 'nothing-*.parquet']);
    expect(none.code).toBe(2);
    expect(none.stderr).toBe('trackplan: Cannot read nothing-*.parquet: no file matches this pattern.\n');
  });

  it('refuses what is not a Parquet input it can audit, with one line and exit code 2', async () => {
    await duck(`COPY (SELECT 1 AS x) TO '${join(dir, 'no-message.parquet')}' (FORMAT parquet)`);
    await duck(`COPY (SELECT 'x' AS message WHERE false) TO '${join(dir, 'no-rows.parquet')}' (FORMAT parquet)`);
    write('damaged.parquet', 'PAR1 and then nothing of the kind');
    write('mislabelled.parquet', `${LINES[0]}\n`);
    const cases: [string, string, RegExp][] = [
      ['duckdb', 'no-message.parquet', /^trackplan: Cannot read no-message\.parquet: a Parquet input needs a column `message` holding each message's JSON text; it has `x`/],
      ['duckdb', 'damaged.parquet', /^trackplan: Cannot read damaged\.parquet: it starts as Parquet does, but DuckDB cannot read it as Parquet \(.*damaged\.parquet/],
      ['duckdb', 'mislabelled.parquet', /^trackplan: Cannot read mislabelled\.parquet: its name says Parquet, but it does not start as Parquet does/],
      ['js', 'mislabelled.parquet', /^trackplan: Cannot read mislabelled\.parquet: its name says Parquet/],
      ['auto', 'mislabelled.parquet', /^trackplan: Cannot read mislabelled\.parquet: its name says Parquet/],
      ['js', 'no-rows.parquet', /^trackplan: no-rows\.parquet is a Parquet file, which --engine js does not read; use --engine duckdb/],
    ];
    for (const [engine, f, message] of cases) {
      const r = audit(engine, [PLAN, f]);
      expect(r.code, `${engine} ${f}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(message);
      expect(r.stderr.trim().split('\n'), 'one line, no stack').toHaveLength(1);
      expect(r.stderr).not.toContain('trackplan-duckdb-');
    }
    // A Parquet file without rows is an empty input, as an empty NDJSON file is.
    const empty = audit('duckdb', [PLAN, 'no-rows.parquet', '--format', 'json']);
    expect(empty.code).toBe(1);
    expect(JSON.parse(empty.stdout).badInput.counts).toEqual({ 'empty-input': 1 });
    expect(readdirSync(tmp)).toEqual([]);
  });
});

describe('audit --engine: choosing, and what the SQL cannot check', () => {
  it('refuses an unknown engine with exit code 2', () => {
    const r = cli(['audit', PLAN, 'x.ndjson', '--engine', 'sqlite'], { cwd: dir });
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('trackplan: Unknown engine "sqlite". Use auto, js, duckdb.\n');
    expect(cli(['audit', PLAN, 'x.ndjson', '--engine'], { cwd: dir }).code).toBe(2);
  });

  it('names the checks the SQL leaves out when DuckDB is asked for; auto audits such a plan in JavaScript', () => {
    const plan = join(dir, 'behind.yaml');
    writeFileSync(plan, 'trackplan: 1\nevents:\n  A:\n    properties:\n      s: {type: string, pattern: "(?<=a)b"}\n');
    const f = write('behind.ndjson', `${JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { s: 'xb' } })}\n`);
    const said = `${plan}: events.A.properties.s: the pattern /(?<=a)b/: a look-behind, which the SQL engines’ regular expressions do not run in linear time (not checked)`;
    const duckJson = JSON.parse(audit('duckdb', [plan, f, '--format', 'json']).stdout) as { notChecked?: string[]; totals: { violations: number } };
    expect(duckJson.notChecked).toEqual([said]);
    const pretty = audit('duckdb', [plan, f]);
    expect(pretty.stdout).toContain(`Not checked by the SQL query (docs/sql.md):\n  ${said}`);
    const auto = JSON.parse(audit('auto', [plan, f, '--format', 'json']).stdout) as { notChecked?: string[]; totals: { violations: number } };
    expect(auto.notChecked).toBeUndefined();
    expect(auto.totals.violations).toBe(1);
  });

  it('stops with one line and exit code 2 when DuckDB runs out of its memory limit, and removes its scratch folder', () => {
    // 16 MB: less than DuckDB's first block for this line (the query itself no longer needs more than 64 MB).
    const plan = join(dir, 'unique.yaml');
    writeFileSync(plan, 'trackplan: 1\nevents:\n  X:\n    properties:\n      a: {type: array, items: {type: integer}, uniqueItems: true}\n');
    const f = write('big-array.ndjson', `${JSON.stringify({ type: 'track', event: 'X', userId: 'u', properties: { a: Array.from({ length: 200_000 }, (_, i) => i) } })}\n`);
    const r = cli(['audit', plan, f, '--engine', 'duckdb'], { cwd: dir, env: { TMPDIR: tmp, TRACKPLAN_DUCKDB_MEMORY: '16MB' } });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^trackplan: --engine duckdb needed more memory than its limit \(16MB\): .*Set TRACKPLAN_DUCKDB_MEMORY higher \(e\.g\. 2GB\), or use --engine js\.\n$/);
    expect(readdirSync(tmp)).toEqual([]);
  });

  it('says how many lines it has checked, slice by slice, for the progress line', async () => {
    const { plan } = await loadPlan(PLAN);
    if (!plan) throw new Error('the ecommerce plan does not load');
    const f = write('progress.ndjson', `${LINES.join('\n')}\n\n${LINES.join('\n')}\n`);
    const engine = new DuckDbEngine({ threads: 1, memoryLimit: '512MB', batch: 40, sliceBytes: 1 << 20 });
    const calls: [number, number][] = [];
    try {
      const s = await engine.audit({ plan, index: await indexPlan(plan), files: [join(dir, f)], sizes: new Map(), onChecked: (n, of) => calls.push([n, of]) });
      expect(s.messages.read).toBe(2 * LINES.length);
    } finally {
      engine.close();
    }
    const total = 2 * LINES.length + 1;
    expect(calls[0]).toEqual([0, total]);
    expect(calls.at(-1)).toEqual([total, total]);
    // One call per slice of at most 40 lines, each further than the last.
    expect(calls.length).toBe(1 + Math.ceil(total / 40));
    for (let i = 1; i < calls.length; i++) expect(calls[i]![0]).toBeGreaterThan(calls[i - 1]![0]);
  }, 120_000);

  it('says an input it cannot read as the JavaScript engine does', () => {
    expectSame([PLAN, 'missing.ndjson']);
    mkdirSync(join(dir, 'a-folder'), { recursive: true });
    expectSame([PLAN, 'a-folder']);
    // A read that fails after the file was opened (Linux: /proc/self/mem).
    if (process.platform === 'linux') expectSame([PLAN, '/proc/self/mem']);
  });
});
