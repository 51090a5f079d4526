import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { beforeAll, describe, expect, it } from 'vitest';
import { listRowsInputs } from '../../src/rows-input/list-rows-inputs.js';
import { readRows } from '../../src/rows-input/read-rows.js';
import type { AuditRow } from '../../src/sql/rows.js';
import { parseRows } from '../../src/sql/rows-file.js';
import { BIN, cli } from '../cli/run-cli.js';
import { duck, loadInputs, runQuery } from './duckdb-rows.js';

const ROOT = join(import.meta.dirname, '../..');
const PLAN = 'plans/ecommerce.yaml';
const COLUMNS = "{kind: 'VARCHAR', file: 'VARCHAR', line: 'BIGINT', item: 'BIGINT', type: 'VARCHAR', event: 'VARCHAR', valid: 'BOOLEAN', code: 'VARCHAR', severity: 'VARCHAR', path: 'VARCHAR', detail: 'VARCHAR', value: 'VARCHAR', ord: 'VARCHAR', lines: 'BIGINT', blank: 'BIGINT', bytes: 'BIGINT', ts: 'VARCHAR'}";
let dir: string;
/** The sample's rows as JSON lines, and `report --format json` of them. */
let rows: string;
let expected: string;

const report = (...files: string[]) => cli(['report', PLAN, ...files, '--format', 'json'], { cwd: ROOT });
const at = (name: string) => join(dir, name);

/** One line on stderr, exit code 2, no stack trace, naming `what`. */
function refused(r: ReturnType<typeof cli>, what: RegExp): void {
  expect(r.code, r.stderr).toBe(2);
  expect(r.stdout).toBe('');
  expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
  expect(r.stderr).not.toMatch(/\n\s+at /);
  expect(r.stderr).toMatch(what);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'trackplan-report-inputs-'));
  const sample = readFileSync(join(ROOT, 'samples/ecommerce.ndjson'), 'utf8');
  const sql = cli(['sql', PLAN, '--dialect', 'duckdb', '--from', await loadInputs([{ name: 'samples/ecommerce.ndjson', text: sample }])], { cwd: ROOT });
  expect(sql.code, sql.stderr).toBe(0);
  rows = `${await runQuery(sql.stdout)}\n`;
  writeFileSync(at('rows.ndjson'), rows);
  const r = report(at('rows.ndjson'));
  expect(r.code, r.stderr).toBeLessThan(2);
  expected = r.stdout;
  expect(JSON.parse(expected).totals.read).toBeGreaterThan(10);
  // The same rows as the engine writes them: CSV with a header, JSON lines and CSV gzipped.
  const c = await duck();
  const from = `SELECT * FROM read_json('${at('rows.ndjson')}', format = 'newline_delimited', columns = ${COLUMNS})`;
  await c.run(`COPY (${from}) TO '${at('rows.csv')}' (HEADER, DELIMITER ',')`);
  await c.run(`COPY (${from}) TO '${at('duckdb.json.gz')}' (FORMAT json, COMPRESSION gzip)`);
  await c.run(`COPY (${from}) TO '${at('duckdb.csv.gz')}' (HEADER, DELIMITER ',', COMPRESSION gzip)`);
});

describe('report reads gzip rows files (by their magic bytes)', () => {
  it('gives the same report from gzip JSON lines and gzip CSV as from the plain files', () => {
    expect(report(at('rows.csv')).stdout).toBe(expected);
    expect(readFileSync(at('duckdb.json.gz')).subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(report(at('duckdb.json.gz')).stdout).toBe(expected);
    expect(report(at('duckdb.csv.gz')).stdout).toBe(expected);
    // Named without .gz, and several gzip members (as `cat a.gz b.gz` makes).
    const half = rows.indexOf('\n', rows.length / 2) + 1;
    writeFileSync(at('members.ndjson'), Buffer.concat([gzipSync(rows.slice(0, half)), gzipSync(rows.slice(half))]));
    expect(report(at('members.ndjson')).stdout).toBe(expected);
  });

  it('reads gzip rows from standard input', () => {
    const r = spawnSync(process.execPath, [BIN, 'report', PLAN, '-', '--format', 'json'], { cwd: ROOT, input: gzipSync(rows), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe(expected);
  });

  it('reads 200,000 rows (rows once spread into one call overflowed the stack)', () => {
    const many = [JSON.stringify({ kind: 'input', file: 'big.ndjson', lines: 200_000, blank: 0, bytes: 200_000 * 60 })];
    for (let line = 1; line <= 200_000; line++) many.push(`{"kind":"message","file":"big.ndjson","line":${line},"type":"track","event":"Order Completed","valid":true}`);
    writeFileSync(at('many.ndjson'), `${many.join('\n')}\n`);
    const r = report(at('many.ndjson'));
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).totals.read).toBe(200_000);
  });

  it('refuses truncated, damaged or trailing gzip data with one line naming the file', () => {
    const gz = readFileSync(at('duckdb.json.gz'));
    writeFileSync(at('truncated.json.gz'), gz.subarray(0, Math.floor(gz.length / 2)));
    refused(report(at('truncated.json.gz')), /^trackplan: .*truncated\.json\.gz: the gzip data ends early or is damaged \(.+\); its rows are incomplete/);
    writeFileSync(at('cut-trailer.json.gz'), gz.subarray(0, gz.length - 3));
    refused(report(at('cut-trailer.json.gz')), /cut-trailer\.json\.gz: the gzip data ends early or is damaged/);
    const damaged = Buffer.from(gz);
    for (let i = 40; i < damaged.length - 40; i += 97) damaged[i] = damaged[i]! ^ 0x55;
    writeFileSync(at('damaged.json.gz'), damaged);
    refused(report(at('damaged.json.gz')), /damaged\.json\.gz: the gzip data ends early or is damaged/);
    writeFileSync(at('trailing.json.gz'), Buffer.concat([gz, Buffer.from('junk')]));
    refused(report(at('trailing.json.gz')), /trailing\.json\.gz: 4 bytes after the end of the gzip data \(from byte \d+\) are not gzip/);
    writeFileSync(at('header-only.json.gz'), gz.subarray(0, 5));
    refused(report(at('header-only.json.gz')), /header-only\.json\.gz: the gzip data ends early/);
  });
});

describe('report reads a Spark or Athena output folder', () => {
  /** The rows in `parts` part files, each with its own lines. */
  function split(parts: number): string[] {
    const lines = rows.trimEnd().split('\n');
    const size = Math.ceil(lines.length / parts);
    return Array.from({ length: parts }, (_, i) => `${lines.slice(i * size, (i + 1) * size).join('\n')}\n`);
  }

  it('reads its part files in name order, plain or gzip, leaving out markers, checksums and hidden files', () => {
    const out = at('spark-out');
    mkdirSync(out);
    const [a, b, c] = split(3);
    writeFileSync(join(out, 'part-00000-5f1c-c000.json'), a!);
    writeFileSync(join(out, 'part-00001-5f1c-c000.json.gz'), gzipSync(b!));
    writeFileSync(join(out, 'part-00002-5f1c-c000.json'), c!);
    writeFileSync(join(out, '_SUCCESS'), '');
    writeFileSync(join(out, '.part-00000-5f1c-c000.json.crc'), Buffer.from([0x63, 0x72, 0x63, 0x00, 1, 2, 3]));
    writeFileSync(join(out, 'part-00000-5f1c-c000.json.crc'), 'not rows');
    writeFileSync(join(out, '_committed_8213'), '{"added":["part-00000"]}');
    writeFileSync(join(out, '_started_8213'), '');
    writeFileSync(at('concatenated.ndjson'), a! + b! + c!);
    expect(report(at('concatenated.ndjson')).stdout).toBe(expected);
    expect(report(out).stdout).toBe(expected);
    expect(report(`${out}/`).stdout).toBe(expected);
    // An error in a part file is named by the folder and the file, with its own line.
    const bad = at('bad-out');
    mkdirSync(bad);
    writeFileSync(join(bad, 'part-00000.json'), a!);
    writeFileSync(join(bad, 'part-00001.json.gz'), gzipSync(`${b!.split('\n').slice(0, 2).join('\n')}\n{"kind":\n`));
    writeFileSync(join(bad, 'part-00002.json'), '{"kind":\n');
    refused(report(bad), new RegExp(`bad-out/part-00001\\.json\\.gz:3: not JSON`));
  });

  it('reads a folder of CSV part files, each with its header (Spark `header=true`)', () => {
    const out = at('csv-out');
    mkdirSync(out);
    const [header, ...records] = readFileSync(at('rows.csv'), 'utf8').trimEnd().split('\n');
    const half = Math.ceil(records.length / 2);
    writeFileSync(join(out, 'part-00000.csv'), `${header}\n${records.slice(0, half).join('\n')}\n`);
    writeFileSync(join(out, 'part-00001.csv.gz'), gzipSync(`${header}\r\n${records.slice(half).join('\r\n')}\r\n`));
    writeFileSync(join(out, '_SUCCESS'), '');
    expect(report(out).stdout).toBe(expected);
  });

  it('refuses an empty folder, one with no part files, and one whose part files hold no rows', () => {
    mkdirSync(at('empty-out'));
    refused(report(at('empty-out')), /empty-out: no part files in this folder; did the export write its rows here\?/);
    mkdirSync(at('markers-out'));
    writeFileSync(at('markers-out/_SUCCESS'), '');
    writeFileSync(at('markers-out/.part-00000.json.crc'), '');
    refused(report(at('markers-out')), /markers-out: no part files in this folder \(only markers and hidden files: \.part-00000\.json\.crc, _SUCCESS\)/);
    mkdirSync(at('blank-out'));
    writeFileSync(at('blank-out/part-00000.json'), '');
    writeFileSync(at('blank-out/part-00001.json.gz'), gzipSync('\n'));
    refused(report(at('blank-out'), at('rows.ndjson')), /blank-out: its part files hold no rows/);
  });

  it('refuses a link that leads out of the folder, and a subfolder; reads a link that stays inside', () => {
    const out = at('linked-out');
    mkdirSync(out);
    mkdirSync(join(out, '.stash'));
    writeFileSync(join(out, '.stash', 'rows.json'), rows);
    symlinkSync(join(out, '.stash', 'rows.json'), join(out, 'part-00000.json'));
    expect(report(out).stdout).toBe(expected);
    symlinkSync(at('rows.ndjson'), join(out, 'part-00001.json'));
    refused(report(out), /linked-out\/part-00001\.json: a link to .*rows\.ndjson, outside the folder .*linked-out; rows are read from the folder's own files only/);
    const relative = at('relative-out');
    mkdirSync(relative);
    symlinkSync('../rows.ndjson', join(relative, 'part-00000.json'));
    refused(report(relative), /relative-out\/part-00000\.json: a link to .*, outside the folder/);
    const escape = at('escape-out');
    mkdirSync(escape);
    symlinkSync('/etc', join(escape, 'part-00000'));
    refused(report(escape), /escape-out\/part-00000: a link to \/etc, outside the folder/);
    const nested = at('nested-out');
    mkdirSync(join(nested, 'kind=input'), { recursive: true });
    writeFileSync(join(nested, 'part-00000.json'), rows);
    refused(report(nested), /nested-out\/kind=input: a folder inside the rows folder .*nested-out, which is not read/);
    const dangling = at('dangling-out');
    mkdirSync(dangling);
    symlinkSync(join(dangling, 'gone.json'), join(dangling, 'part-00000.json'));
    refused(report(dangling), /Cannot read .*dangling-out\/part-00000\.json: no such file\./);
  });

  it('refuses a folder on standard input, and a device', () => {
    const fd = openSync(dir, 'r');
    try {
      const r = spawnSync(process.execPath, [BIN, 'report', PLAN, '-'], { cwd: ROOT, stdio: [fd, 'pipe', 'pipe'], encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
      refused({ code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr, signal: r.signal }, /^trackplan: Cannot read standard input: it is a folder\.$/m);
    } finally {
      closeSync(fd);
    }
    refused(report('/dev/null'), /Cannot read \/dev\/null: it is not a regular file, a pipe or a folder\./);
  });

  it('shows a hostile file name on one line', () => {
    const out = at('hostile-out');
    mkdirSync(out);
    writeFileSync(join(out, 'part-0\nx.json'), '{"kind":\n');
    refused(report(out), /hostile-out\/"part-0\\nx\.json":1: not JSON/);
  });
});

describe('readRows, files read in small chunks', () => {
  async function read(files: string[], chunkSize: number): Promise<AuditRow[]> {
    const out: AuditRow[] = [];
    await readRows(await listRowsInputs(files), (r) => out.push(r), { chunkSize });
    return out;
  }

  it('keeps a CSV field with a line break whole across a chunk boundary, plain and gzip', async () => {
    const text = 'kind,file,line,code,severity,path,detail,lines,blank,bytes\r\ninput,a,,,,,,1,0,2\r\nviolation,a,1,type-mismatch,error,x,"two\r\nlines",,,\r\nbad-input,a,3,invalid-json,,,,,,\n';
    writeFileSync(at('field.csv'), text);
    writeFileSync(at('field.csv.gz'), gzipSync(text));
    const whole = parseRows(text, at('field.csv'));
    expect(whole[1]!.detail).toBe('two\r\nlines');
    const boundary = text.indexOf('two') + 4;
    for (const chunk of [1, 2, 3, boundary, 64 * 1024]) expect(await read([at('field.csv')], chunk), `chunks of ${chunk}`).toEqual(whole);
    // (gzip output comes in zlib's own pieces; it equals the plain file's.)
    expect(await read([at('field.csv.gz')], 3)).toEqual(whole);
  });

  it('numbers lines right after a chunk boundary', async () => {
    const text = `${JSON.stringify({ kind: 'input', file: 'a', lines: 1, blank: 0, bytes: 2 })}\r\n\r\n\r\n{"kind": "message", "file": "a", "line": "x"}\n`;
    writeFileSync(at('late.ndjson'), text);
    for (const chunk of [1, 5, 17, 80]) await expect(read([at('late.ndjson')], chunk)).rejects.toThrow(`${at('late.ndjson')}:4: column line must be a whole number, not "x".`);
  });
});
