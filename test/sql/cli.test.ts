import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli } from '../cli/run-cli.js';
import { loadInputs, runQuery } from './duckdb-rows.js';

const ROOT = join(import.meta.dirname, '../..');
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-sql-'));
});

describe('trackplan sql', () => {
  it('prints one query per dialect, the same text on every run', () => {
    for (const dialect of ['duckdb', 'spark', 'trino']) {
      const a = cli(['sql', 'plans/ecommerce.yaml', '--dialect', dialect, '--from', 'events'], { cwd: ROOT });
      expect(a.code, a.stderr).toBe(0);
      expect(a.stdout).toMatch(new RegExp(`^-- trackplan sql \\(${dialect}\\)`));
      expect(a.stdout).toContain('FROM events');
      expect(cli(['sql', 'plans/ecommerce.yaml', '--dialect', dialect, '--from', 'events'], { cwd: ROOT }).stdout).toBe(a.stdout);
    }
  });

  it('refuses what it cannot use with one line and exit code 2', () => {
    const cases: [string[], RegExp][] = [
      [['sql', 'plans/ecommerce.yaml', '--dialect', 'oracle', '--from', 't'], /^trackplan: Unknown dialect "oracle"\. Use duckdb, spark, trino\.\n$/],
      [['sql', 'plans/ecommerce.yaml', '--from', 't'], /^trackplan: --dialect is required/],
      [['sql', 'plans/ecommerce.yaml', '--dialect', 'duckdb'], /^trackplan: --from is required/],
      [['sql', 'plans/ecommerce.yaml', '--dialect', 'duckdb', '--from', 't; DROP TABLE t'], /^trackplan: --from must be one relation/],
      [['sql', 'nope.yaml', '--dialect', 'duckdb', '--from', 't'], /nope\.yaml/],
      [['sql', 'plans/ecommerce.yaml', '--dialect', 'duckdb', '--from', 't', '--bogus'], /unknown option '--bogus'/],
    ];
    for (const [args, message] of cases) {
      const r = cli(args, { cwd: ROOT });
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr, args.join(' ')).toMatch(message);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stdout).toBe('');
    }
  });
});

describe('trackplan report', () => {
  async function rowsOf(plan: string, inputs: { name: string; text: string }[]): Promise<string> {
    const sql = cli(['sql', plan, '--dialect', 'duckdb', '--from', await loadInputs(inputs)], { cwd: ROOT });
    expect(sql.code, sql.stderr).toBe(0);
    return runQuery(sql.stdout);
  }

  it('gives the audit report and exit code, in every format and with every limit, from JSON lines or CSV', async () => {
    const sample = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'), 'utf8');
    const rows = await rowsOf('plans/ecommerce.yaml', [{ name: 'samples/ecommerce.ndjson', text: sample }]);
    writeFileSync(join(dir, 'rows.ndjson'), `${rows}\n`);
    const audit = (args: string[]) => cli(['audit', 'plans/ecommerce.yaml', 'samples/ecommerce.ndjson', ...args], { cwd: ROOT });
    const report = (args: string[], file = join(dir, 'rows.ndjson'), input?: string) => cli(['report', 'plans/ecommerce.yaml', file, ...args], { cwd: ROOT, ...(input !== undefined ? { input } : {}) });
    for (const args of [[], ['--format', 'json'], ['--format', 'junit'], ['--format', 'github'], ['--format', 'markdown'], ['--max-rate', '0.5', '--min-coverage', '0.9'], ['--fail-on', 'plan-mismatch'], ['--max-violations', '100'], ['--fail-on', 'not-unique']]) {
      const a = audit(args);
      const r = report(args);
      expect(r.code, args.join(' ')).toBe(a.code);
      expect(r.stdout, args.join(' ')).toBe(a.stdout);
    }
    // Standard input, and CSV as DuckDB writes it (NULL as an empty field, '' quoted).
    expect(report(['--format', 'json'], '-', rows).stdout).toBe(audit(['--format', 'json']).stdout);
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const c = await (await DuckDBInstance.create(':memory:')).connect();
    const csv = join(dir, 'rows.csv');
    await c.run(`COPY (SELECT * FROM read_json('${join(dir, 'rows.ndjson')}', format = 'newline_delimited', columns = {kind: 'VARCHAR', file: 'VARCHAR', line: 'BIGINT', item: 'BIGINT', type: 'VARCHAR', event: 'VARCHAR', valid: 'BOOLEAN', code: 'VARCHAR', severity: 'VARCHAR', path: 'VARCHAR', detail: 'VARCHAR', value: 'VARCHAR', ord: 'VARCHAR', lines: 'BIGINT', blank: 'BIGINT', bytes: 'BIGINT', ts: 'VARCHAR'})) TO '${csv}' (HEADER, DELIMITER ',')`);
    expect(report(['--format', 'json'], csv).stdout).toBe(audit(['--format', 'json']).stdout);
    // Every field quoted, NULL numbers as "" (Trino's CSV_HEADER output).
    const quoted = join(dir, 'rows-quoted.csv');
    const text = readFileSync(csv, 'utf8').split('\n').map((l, i) => (i === 0 || l === '' ? l : l.replace(/(^|,)(?=,|$)/g, '$1""'))).join('\n');
    writeFileSync(quoted, text);
    expect(report(['--format', 'json'], quoted).stdout).toBe(audit(['--format', 'json']).stdout);
    // The HTML page, charts over time included: the rows carry each message's timestamp (ts).
    const html = report(['--format', 'html']);
    expect(html.code).toBe(audit([]).code);
    expect(html.stdout).toContain('<!doctype html>');
    expect(html.stdout).not.toContain('Not charted');
    expect(html.stdout).toBe(audit(['--format', 'html']).stdout);
  });

  it('names what the query left out, in the pretty, Markdown and JSON reports', async () => {
    const plan = join(dir, 'behind.yaml');
    writeFileSync(plan, 'trackplan: 1\nevents:\n  A:\n    properties:\n      s: {type: string, pattern: "(?<=a)b"}\n');
    const rows = await rowsOf(plan, [{ name: 'a.ndjson', text: `${JSON.stringify({ type: 'track', event: 'A', userId: 'u', properties: { s: 'xb' } })}\n` }]);
    writeFileSync(join(dir, 'behind.ndjson'), rows);
    const said = `${plan}: events.A.properties.s: the pattern /(?<=a)b/: a look-behind, which the SQL engines’ regular expressions do not run in linear time (not checked)`;
    const pretty = cli(['report', plan, join(dir, 'behind.ndjson')], { cwd: ROOT });
    expect(pretty.code).toBe(0);
    expect(pretty.stdout).toContain(`Not checked by the SQL query (docs/sql.md):\n  ${said}`);
    expect(cli(['report', plan, join(dir, 'behind.ndjson'), '--format', 'markdown'], { cwd: ROOT }).stdout).toContain('**Not checked by the SQL query:**');
    expect(JSON.parse(cli(['report', plan, join(dir, 'behind.ndjson'), '--format', 'json'], { cwd: ROOT }).stdout).notChecked).toEqual([said]);
  });

  it('refuses a malformed rows file with its file:line and exit code 2', () => {
    const good = JSON.stringify({ kind: 'input', file: 'a.ndjson', lines: 1, blank: 0, bytes: 3 });
    const cases: [string, string, RegExp][] = [
      ['not-json.ndjson', `${good}\n{"kind":"message",\n`, /not-json\.ndjson:2: not JSON/],
      ['bad-kind.ndjson', `${good}\n{"kind":"nonsense","file":"a"}\n`, /bad-kind\.ndjson:2: kind must be one of/],
      ['bad-code.ndjson', `${good}\n{"kind":"violation","file":"a","line":1,"code":"made-up","severity":"error","path":"x"}\n`, /bad-code\.ndjson:2: unknown code "made-up"/],
      ['bad-line.ndjson', `${good}\n{"kind":"message","file":"a","line":"one","type":"track","event":"E"}\n`, /bad-line\.ndjson:2: column line must be a whole number/],
      ['lacking.ndjson', `${good}\n{"kind":"violation","file":"a","line":1}\n`, /lacking\.ndjson:2: a violation row needs code, severity, path/],
      ['header.csv', 'a,b\n1,2\n', /header\.csv:1: the header lacks kind, file, line/],
      ['fields.csv', 'kind,file,line\ninput,a\n', /fields\.csv:2: 2 fields where the header has 3/],
      ['quote.csv', 'kind,file,line\ninput,"a,1\n', /quote\.csv:2: a quoted field is not closed/],
      ['empty.ndjson', '', /no input rows/],
      ['array.json', '[1, 2]', /array\.json:1 \(row 1\): a row must be an object/],
    ];
    for (const [name, text, message] of cases) {
      writeFileSync(join(dir, name), text);
      const r = cli(['report', 'plans/ecommerce.yaml', join(dir, name)], { cwd: ROOT });
      expect(r.code, name).toBe(2);
      expect(r.stderr, name).toMatch(message);
      expect(r.stderr.trim().split('\n'), name).toHaveLength(1);
    }
    const missing = cli(['report', 'plans/ecommerce.yaml', join(dir, 'absent.ndjson')], { cwd: ROOT });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read .*absent\.ndjson: no such file/);
    expect(cli(['report', 'plans/ecommerce.yaml', join(dir, 'rows.ndjson'), '--format', 'xml'], { cwd: ROOT }).code).toBe(2);
  });
});
