import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Dialect, JsonKind } from '../../src/sql/dialect.js';
import type { EngineRunner } from './runner.js';

/**
 * Each primitive of a dialect (src/sql/dialect.ts), run by the real engine over a table of JSON
 * values, next to what JavaScript says for the same value. The compiled audit is made of
 * these, so an engine that disagrees here disagrees with the JS audit somewhere.
 */

/** JSON texts, one per line of the probe file (line n is VALID[n - 1]). */
export const VALID = [
  '{"a":1,"b":"x"}',
  '{"b":1,"a":2}',
  '[1,"two",null,true,{"k":[]}]',
  '"héllo 😀"',
  '"quote\\"back\\\\slash\\nnl\\u0001"',
  '123',
  '-0',
  '1.5',
  '1e2',
  '0.1',
  '-12.5e-3',
  '9007199254740993',
  'true',
  'false',
  'null',
  '{}',
  '[]',
  '{"it\'s":1,"dq\\"":2,"a.b":3,"$":4,"":5,"ü":6,"[0]":7,"back\\\\slash":8}',
  '{"nested":{"x":[{"y":1},2.50]}}',
  ' { "spaced" : [ 1 , 2 ] } ',
  '"\\ud83d\\ude00 escaped"',
  '{"dup":1,"dup":2}',
];

/** Lines JSON.parse refuses. */
export const INVALID = ['{a:1}', '[1,]', 'NaN', "'x'", '01', '"\\x"', '{"a":1', 'tru', '"\t"', '1.', '.5', '+1', 'Infinity', ''];

/**
 * What an engine is known to read otherwise than JSON.parse, pinned so that docs/sql.md stays
 * true: a value followed by more text (Spark's try_parse_json takes `{"a":1} x`), and a number
 * past a double's range, which both engines turn into the string "Infinity".
 */
export const TRAILING = ['{"a":1} x', '[1]]'];
export const HUGE = ['1E400', '[-1e999]'];

/** Keys looked up with `member` in every value. */
export const KEYS = ['a', 'b', "it's", 'dq"', 'a.b', '$', '', 'ü', '[0]', 'back\\slash', 'missing'];

const KINDS: JsonKind[] = ['object', 'array', 'string', 'number', 'boolean', 'null'];

/** Patterns in every flavour's syntax alike, with JavaScript's meaning (the `u` flag, as Ajv runs them). */
export const PATTERNS = ['^h.llo', '^.{7}$', '😀$', '^[a-z]+$', '\\d', '\\s', '^[^x]*$', 'a|b'];

function kindOf(v: unknown): JsonKind {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v as JsonKind;
}

function write(lines: readonly string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-probe-'));
  const path = join(dir, 'probe.ndjson');
  writeFileSync(path, lines.map((l) => `${l}\n`).join(''));
  return path;
}

/** A mismatch, said so a failing test shows the SQL's answer beside JavaScript's. */
export interface Mismatch {
  probe: string;
  input: string;
  engine: unknown;
  js: unknown;
}

function same(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Keys sorted all the way down: both engines keep an object's members in key order. */
function sorted(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sorted);
  if (v !== null && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sorted((v as Record<string, unknown>)[k])]));
  return v;
}

/**
 * JSON text as the report reads it (parsed, so `100.0` is 100 and `\uD83D\uDE00` is one
 * character), keys in order: what the engine wrote must mean the same value as JavaScript's.
 */
function json(text: unknown): unknown {
  if (typeof text !== 'string') return text;
  try {
    return JSON.stringify(sorted(JSON.parse(text)));
  } catch {
    return `not JSON: ${text}`;
  }
}

/** Normalises what an engine writes for a DOUBLE (a JSON number, or "Infinity" text from Trino) and a missing column. */
function value(row: Record<string, unknown>, col: string): unknown {
  const v = row[col];
  if (v === undefined) return null;
  if (v === 'Infinity') return Infinity;
  if (v === '-Infinity') return -Infinity;
  return v;
}

/** Runs every probe; returns each disagreement with JavaScript. */
export async function probeDialect(d: Dialect, engine: EngineRunner): Promise<Mismatch[]> {
  const out: Mismatch[] = [];
  const check = (probe: string, input: string, got: unknown, js: unknown): void => {
    if (!same(got, js)) out.push({ probe, input, engine: got, js });
  };
  const valid = { path: write(VALID), name: 'valid.ndjson' };
  const invalid = { path: write(INVALID), name: 'invalid.ndjson' };

  // parses: on both files.
  for (const [file, lines] of [[valid, VALID], [invalid, INVALID]] as const) {
    const { rows } = await engine.run([file], `SELECT line, ${d.parses('message')} AS ok FROM messages`);
    for (const r of rows) {
      const text = lines[Number(r['line']) - 1]!;
      let js = true;
      try {
        JSON.parse(text);
      } catch {
        js = false;
      }
      check('parses', text, value(r, 'ok'), js);
    }
  }

  // Scalar primitives over the canonical text of each valid line.
  const j = 'j';
  const cols: string[] = [`${d.canonical('message')} AS j`];
  const sel: string[] = ['line', 'j'];
  KINDS.forEach((k, i) => sel.push(`${d.isKind(j, [k])} AS kind_${i}`));
  KEYS.forEach((k, i) => sel.push(`CASE WHEN ${d.isKind(j, ['object'])} THEN ${d.member(j, k)} END AS member_${i}`));
  KEYS.forEach((k, i) => sel.push(`CASE WHEN ${d.isKind(j, ['object'])} THEN ${d.memberAt(j, d.string(k))} END AS member_at_${i}`));
  sel.push(`CASE WHEN ${d.isKind(j, ['string'])} THEN ${d.stringValue(j)} END AS str`);
  sel.push(`CASE WHEN ${d.isKind(j, ['string'])} THEN ${d.length(d.stringValue(j))} END AS len`);
  sel.push(`CASE WHEN ${d.isKind(j, ['string'])} THEN ${d.quoteJson(d.stringValue(j))} END AS quoted`);
  PATTERNS.forEach((p, i) => sel.push(`CASE WHEN ${d.isKind(j, ['string'])} THEN ${d.matches(d.stringValue(j), p)} END AS re_${i}`));
  sel.push(`CASE WHEN ${d.isKind(j, ['number'])} THEN ${d.numberValue(j)} END AS num`);
  sel.push(`CASE WHEN ${d.isKind(j, ['number'])} THEN ${d.isFinite(d.numberValue(j))} END AS finite`);
  sel.push(`CASE WHEN ${d.isKind(j, ['array'])} THEN ${d.arrayLength(j)} END AS alen`);
  sel.push(`${d.padded('line', 4)} AS padded`, `${d.text('line')} AS txt`, `${d.int(d.string('0042'))} AS int42`);
  const scalar = `WITH c AS (SELECT line, ${cols.join(', ')} FROM messages)\nSELECT ${sel.join(',\n  ')}\nFROM c`;
  const { rows } = await engine.run([valid], scalar);
  for (const r of rows) {
    const line = Number(r['line']);
    const text = VALID[line - 1]!;
    const v = JSON.parse(text) as unknown;
    check('canonical', text, json(value(r, 'j')), json(JSON.stringify(v)));
    KINDS.forEach((k, i) => check(`isKind ${k}`, text, value(r, `kind_${i}`), kindOf(v) === k));
    const obj = kindOf(v) === 'object' ? (v as Record<string, unknown>) : undefined;
    KEYS.forEach((k, i) => {
      const js = obj === undefined ? null : Object.hasOwn(obj, k) ? JSON.stringify(obj[k]) : null;
      check(`member ${JSON.stringify(k)}`, text, json(value(r, `member_${i}`)), json(js));
      check(`memberAt ${JSON.stringify(k)}`, text, json(value(r, `member_at_${i}`)), json(js));
    });
    const s = typeof v === 'string' ? v : undefined;
    check('stringValue', text, value(r, 'str'), s ?? null);
    check('length', text, value(r, 'len'), s === undefined ? null : [...s].length);
    check('quoteJson', text, json(value(r, 'quoted')), s === undefined ? null : json(JSON.stringify(s)));
    PATTERNS.forEach((p, i) => check(`matches /${p}/`, text, value(r, `re_${i}`), s === undefined ? null : new RegExp(p, 'u').test(s)));
    check('numberValue', text, value(r, 'num'), typeof v === 'number' ? (Object.is(v, -0) ? 0 : v) : null);
    check('isFinite', text, value(r, 'finite'), typeof v === 'number' ? Number.isFinite(v) : null);
    check('arrayLength', text, value(r, 'alen'), Array.isArray(v) ? v.length : null);
    check('padded', text, value(r, 'padded'), String(line).padStart(4, '0'));
    check('text', text, value(r, 'txt'), String(line));
    check('int', text, value(r, 'int42'), 42);
  }

  // Elements of arrays with their 0-based index; members of objects in written order.
  const elements = await engine.run([valid], `SELECT line, ei AS idx, ev AS v FROM (${d.explodeElements('messages AS s', d.canonical('s.message'), 'true')}) AS x`);
  const members = await engine.run([valid], `SELECT line, ek AS k, ev AS v, en AS ord FROM (${d.explodeMembers('messages AS s', d.canonical('s.message'), 'true')}) AS x`);
  VALID.forEach((text, i) => {
    const v = JSON.parse(text) as unknown;
    const line = i + 1;
    const gotEl = elements.rows
      .filter((r) => Number(r['line']) === line)
      .map((r) => [Number(r['idx']), json(value(r, 'v'))])
      .sort((a, b) => (a[0] as number) - (b[0] as number));
    check('elements', text, gotEl, Array.isArray(v) ? v.map((x, n) => [n, json(JSON.stringify(x))]) : []);
    const gotMem = members.rows
      .filter((r) => Number(r['line']) === line)
      .map((r) => [value(r, 'k'), json(value(r, 'v'))])
      // Compared as sets: neither engine keeps the written order (docs/sql.md).
      .sort((a, b) => (String(a[0]) < String(b[0]) ? -1 : 1));
    const obj = kindOf(v) === 'object' ? Object.keys(v as object).sort().map((k) => [k, json(JSON.stringify((v as Record<string, unknown>)[k]))]) : [];
    check('members', text, gotMem, obj);
  });
  return out;
}

/** How the engine reads TRAILING and HUGE: whether each parses, and the kind and text of each huge one. */
export async function probeKnown(d: Dialect, engine: EngineRunner): Promise<{ trailingParses: unknown[]; huge: unknown[] }> {
  const trailing = await engine.run([{ path: write(TRAILING), name: 't.ndjson' }], `SELECT line, ${d.parses('message')} AS ok FROM messages ORDER BY line`);
  const canon = d.canonical('message');
  const huge = await engine.run(
    [{ path: write(HUGE), name: 'h.ndjson' }],
    `SELECT line, ${canon} AS j, ${d.isKind(canon, ['string'])} AS is_string FROM messages ORDER BY line`,
  );
  return { trailingParses: trailing.rows.map((r) => value(r, 'ok')), huge: huge.rows.map((r) => [value(r, 'j'), value(r, 'is_string')]) };
}

/**
 * A file with every case of line splitting (byte-order mark, CRLF, blank and white-space lines,
 * a quote, a NUL, a line that is not UTF-8, no final LF), plain and gzipped: the relation the
 * engine reads, ordered, for a test to hold to contractRows().
 */
export async function probeContract(engine: EngineRunner): Promise<{ files: { path: string; name: string }[]; rows: Record<string, unknown>[] }> {
  const dir = mkdtempSync(join(tmpdir(), 'trackplan-contract-'));
  const bytes = Buffer.concat([
    Buffer.from([0xef, 0xbb, 0xbf]),
    Buffer.from('{"a":1}\r\n\n  \r\n{"q":"it\'s \\"x\\""}\n{"nul":"a\u0000b"}\n'),
    Buffer.from([0x7b, 0xff, 0x7d, 0x0a]),
    Buffer.from('\r\n{"last":"no LF, é😀"}'),
  ]);
  const plain = join(dir, 'tricky.ndjson');
  writeFileSync(plain, bytes);
  const gz = join(dir, 'tricky.ndjson.gz');
  writeFileSync(gz, gzipSync(bytes));
  const empty = join(dir, 'empty.ndjson');
  writeFileSync(empty, '');
  const files = [
    { path: plain, name: 'tricky.ndjson' },
    { path: gz, name: "o'dd name.ndjson.gz" },
    { path: empty, name: 'empty.ndjson' },
  ];
  const { rows } = await engine.run(files, 'SELECT file, line, message FROM messages ORDER BY file, line NULLS FIRST');
  return { files, rows: rows.map((r) => ({ file: r['file'], line: r['line'] ?? null, message: r['message'] ?? null })) };
}
