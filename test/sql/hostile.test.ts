import { describe, expect, it } from 'vitest';
import { indexPlan } from '../../src/audit/plan-spec.js';
import { loadPlan } from '../../src/load/load-plan.js';
import { compileSql } from '../../src/sql/compile-sql.js';
import { DIALECTS } from '../../src/sql/dialects/index.js';
import { duckdb } from '../../src/sql/dialects/duckdb.js';
import { spark } from '../../src/sql/dialects/spark.js';
import { trino } from '../../src/sql/dialects/trino.js';
import { bothReports } from './compare.js';
import { duck, loadInputs, runQuery } from './duckdb-rows.js';

// Names a plan may hold that SQL must quote: a quote that would end a literal and run a
// statement, double quotes, backslashes, comment starts, statement ends, unicode, NUL-free.
const NAMES = ["x'); DROP TABLE t; --", 'say "hi"', 'back\\slash', '-- not a comment', 'semi;colon', 'ünï cödé 😀', "it's", '*/ end', 'new\nline'];

async function planOf(yaml: string) {
  const loaded = await loadPlan('plan.yaml', { text: yaml });
  if (!loaded.plan) throw new Error(JSON.stringify(loaded.diagnostics));
  return { plan: loaded.plan, index: await indexPlan(loaded.plan) };
}

const yamlKey = (s: string) => JSON.stringify(s);

describe('sql: names and values from the plan are quoted, never pasted', () => {
  it('keeps hostile property, event and enum names inside their literals (DuckDB runs the query, the table survives)', async () => {
    const props = NAMES.map((n, i) => `      ${yamlKey(n)}: {type: string, enum: [${yamlKey(n)}, "b${i}"], required: ${i % 2 === 0}}`).join('\n');
    const { plan, index } = await planOf(`trackplan: 1\nname: "p'q"\nversion: "1.0.0-a"\nevents:\n  ${yamlKey(NAMES[0]!)}:\n    deprecated: ${yamlKey(`*/ DROP TABLE t; --${NAMES[0]}`)}\n    properties:\n${props}\n      nested:\n        type: object\n        properties:\n          ${yamlKey(NAMES[1]!)}: {type: string, pattern: "^[a-z'\\"]+$"}\n`);
    const good: Record<string, string> = Object.fromEntries(NAMES.map((n) => [n, n]));
    const lines = [
      { type: 'track', event: NAMES[0], userId: 'u', properties: good },
      { type: 'track', event: NAMES[0], userId: 'u', properties: { ...good, [NAMES[2]!]: 'wrong', nested: { [NAMES[1]!]: "it's" }, [NAMES[6]!]: 5, "x'y": 1 } },
      { type: 'track', event: "x'); DROP TABLE t; --", userId: 'u', context: { trackplan: { plan: "p'q", version: '1.0.0-a' } } },
      { type: 'track', event: 'other', userId: 'u', context: { trackplan: { plan: "p'q", version: '2' } } },
    ].map((m) => JSON.stringify(m));
    const c = await duck();
    await c.run('CREATE TABLE t (x INTEGER)');
    await c.run('INSERT INTO t VALUES (1)');
    const r = await bothReports(plan, index, [{ name: "in'; --.ndjson", text: `${lines.join('\n')}\n` }]);
    expect(r.notChecked).toEqual([]);
    expect(r.sql).toBe(r.js);
    const after = await c.runAndReadAll('SELECT count(*) AS n FROM t');
    expect(Number(after.getRows()[0]![0])).toBe(1);
    const report = JSON.parse(r.js) as { groups: { code: string; path: string }[] };
    // The third message names the event but sends no properties: its required ones are missing.
    expect(report.groups.map((g) => `${g.code} ${g.path}`).sort()).toEqual([
      'deprecated-event event',
      'missing-required properties["back\\\\slash"]',
      'missing-required properties["it\'s"]',
      'missing-required properties["new\\nline"]',
      'missing-required properties["semi;colon"]',
      'missing-required properties["x\'); DROP TABLE t; --"]',
      'not-in-enum properties["back\\\\slash"]',
      'plan-mismatch context.trackplan.version',
      'type-mismatch properties["it\'s"]',
      'unplanned-event event',
      'unplanned-property properties["x\'y"]',
    ]);
  });

  it('quotes every dialect’s literals so that a name reads back as itself', () => {
    const name = NAMES.join('|');
    // DuckDB and Trino: standard literals; Spark: backslash escapes.
    expect(duckdb.string(name)).toBe(`'${name.replace(/'/g, "''")}'`);
    expect(trino.string(name)).toBe(`'${name.replace(/'/g, "''")}'`);
    expect(spark.string("a'b\\c\nd")).toBe("'a\\'b\\\\c\\u000ad'");
    expect(duckdb.string('a\u0000b')).toBe("'a' || chr(0) || 'b'");
    for (const d of Object.values(DIALECTS)) expect(d.ident('a"b`c')).not.toMatch(/^[^"`].*[^"`]$/);
  });

  it('runs on an empty plan (every event unplanned) and on an empty relation', async () => {
    const { plan, index } = await planOf('trackplan: 1\n');
    const text = `${JSON.stringify({ type: 'track', event: 'A', userId: 'u' })}\n${JSON.stringify({ type: 'identify', userId: 'u', traits: { x: 1 } })}\n`;
    const r = await bothReports(plan, index, [{ name: 'a.ndjson', text }, { name: 'empty.ndjson', text: '' }]);
    expect(r.sql).toBe(r.js);
    expect(JSON.parse(r.js).badInput.counts).toEqual({ 'empty-input': 1 });
    const table = await loadInputs([]);
    const rows = await runQuery(compileSql(plan, duckdb, table).sql);
    expect(rows).toBe('');
  });

  it('names what it cannot express, at its place in the plan, and as rows', async () => {
    const { plan } = await planOf(
      'trackplan: 1\ntypes:\n  Node:\n    type: object\n    properties:\n      children: {type: array, items: Node}\n  A: {type: object}\n  B: {type: object}\nevents:\n  E:\n    properties:\n      tree: Node\n      either: {type: [A, B]}\n      raw:\n        schema: {type: string}\n      back: {type: string, pattern: "(?<=a)b"}\n      objs: {type: array, uniqueItems: true}\n      e: {type: any, enum: [[1], 2]}\n',
    );
    const { sql, notChecked } = compileSql(plan, duckdb, 't');
    expect(notChecked).toEqual([
      'plan.yaml: types.Node: values of type Node nested more than 6 levels deep inside itself (not checked)',
      'plan.yaml: events.E.properties.either: a value of one of several named types (A | B) (not checked)',
      'plan.yaml: events.E.properties.raw: a raw `schema:` fragment (JSON Schema the SQL compiler does not translate) (not checked)',
      'plan.yaml: events.E.properties.back: the pattern /(?<=a)b/: a look-behind, which the SQL engines’ regular expressions do not run in linear time (not checked)',
      'plan.yaml: events.E.properties.objs: uniqueItems compares items that are lists or objects by their JSON text (key order counts), where the audit compares them by value',
      'plan.yaml: events.E.properties.e: an enum holding a list or an object (not checked)',
    ]);
    const table = await loadInputs([]);
    const rows = (await runQuery(compileSql(plan, duckdb, table).sql)).split('\n').map((l) => JSON.parse(l) as { kind: string; detail: string });
    expect(rows.map((r) => r.kind)).toEqual(notChecked.map(() => 'not-checked'));
    expect(rows.map((r) => r.detail)).toEqual([...notChecked].sort());
    expect(sql).toContain('not-checked');
  });
});
