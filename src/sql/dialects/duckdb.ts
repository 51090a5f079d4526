import type { Dialect, JsonKind } from '../dialect.js';
import { standardString } from '../syntax.js';

// DuckDB's json_type words for each JSON type (numbers come as BIGINT, UBIGINT, HUGEINT or DOUBLE).
const KINDS: Record<JsonKind, readonly string[]> = { object: ['OBJECT'], array: ['ARRAY'], string: ['VARCHAR'], boolean: ['BOOLEAN'], null: ['NULL'], number: ['BIGINT', 'UBIGINT', 'HUGEINT', 'DOUBLE'] };

/** A JSON Pointer (RFC 6901) to one member: DuckDB reads any key through it, quotes and all. */
function pointer(key: string): string {
  return `/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
}

/**
 * DuckDB (embedded with @duckdb/node-api, or its CLI): the JSON extension, RE2 for regular
 * expressions, `unnest … WITH ORDINALITY` and `json_each` in LATERAL subqueries.
 */
export const duckdb: Dialect = {
  name: 'duckdb',
  regexFlavour: 're2',
  textType: 'VARCHAR',
  materialized: 'MATERIALIZED ',
  string: standardString,
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  double: (n) => `CAST('${JSON.stringify(n)}' AS DOUBLE)`,
  parses: (text) => `coalesce(json_valid(${text}), false)`,
  canonical: (text) => `CAST(json(${text}) AS VARCHAR)`,
  isKind: (json, kinds) => {
    const words = kinds.flatMap((k) => KINDS[k]);
    return words.length === 1 ? `coalesce(json_type(${json}) = '${words[0]}', false)` : `coalesce(json_type(${json}) IN (${words.map((w) => `'${w}'`).join(', ')}), false)`;
  },
  member(json, key) {
    return `CAST(json_extract(${json}, ${this.string(pointer(key))}) AS VARCHAR)`;
  },
  members(json, keys) {
    return { list: `json_extract(${json}, [${keys.map((k) => this.string(pointer(k))).join(', ')}])`, item: (list, k) => `CAST(${list}[${k + 1}] AS VARCHAR)` };
  },
  memberAt: (json, keyExpr) => `CAST(json_extract(${json}, '/' || replace(replace(${keyExpr}, '~', '~0'), '/', '~1')) AS VARCHAR)`,
  stringValue: (json) => `json_extract_string(${json}, '$')`,
  numberValue: (json) => `TRY_CAST(${json} AS DOUBLE)`,
  arrayLength: (json) => `CAST(json_array_length(${json}) AS BIGINT)`,
  // Unnested in the select list: a LATERAL unnest (or json_each) of a long array was evaluated
  // per element and ran out of memory on 200,000 items; this form is linear.
  explodeElements: (from, json, where) =>
    `SELECT x.* EXCLUDE (tp_list), CAST(unnest(x.tp_list) AS VARCHAR) AS ev, generate_subscripts(x.tp_list, 1) - 1 AS ei FROM (SELECT s.*, CASE WHEN json_type(${json}) = 'ARRAY' THEN CAST(${json} AS JSON[]) END AS tp_list FROM ${from} WHERE ${where}) AS x`,
  explodeMembers: (from, json, where) =>
    `SELECT x.* EXCLUDE (tp_obj, tp_keys, tp_values), unnest(x.tp_keys) AS ek, CAST(unnest(x.tp_values) AS VARCHAR) AS ev, generate_subscripts(x.tp_keys, 1) AS en FROM (SELECT s.*, json_keys(s.tp_obj) AS tp_keys, json_extract(s.tp_obj, '$.*') AS tp_values FROM (SELECT s.*, CASE WHEN json_type(${json}) = 'OBJECT' THEN ${json} END AS tp_obj FROM ${from} WHERE ${where}) AS s) AS x`,
  // A list of structs, NULL where a check passes, built in a projection and kept where it is
  // not empty, then unnested: the unnest sees the few rows with findings, not every row.
  candidateRows: (from, keys, fields, candidates) =>
    `SELECT ${keys.map((k) => `s.${k}`).join(', ')}, ${fields.map((f) => `s.c.${f} AS ${f}`).join(', ')} FROM (SELECT ${keys.map((k) => `s.${k}`).join(', ')}, unnest(s.tp_found) AS c FROM (SELECT ${keys.map((k) => `s.${k}`).join(', ')}, list_filter([\n    ${candidates.map((c) => `CASE WHEN ${c.when} THEN {${fields.map((f, i) => `'${f}': CAST(${c.values[i]} AS VARCHAR)`).join(', ')}} END`).join(',\n    ')}\n  ], lambda c: c IS NOT NULL) AS tp_found FROM ${from}) AS s WHERE len(s.tp_found) > 0) AS s`,
  quoteJson: (str) => `CAST(to_json(CAST(${str} AS VARCHAR)) AS VARCHAR)`,
  length: (str) => `length(${str})`,
  byteLength: (str) => `strlen(${str})`,
  matches(str, pattern) {
    return `regexp_matches(${str}, ${this.string(pattern)})`;
  },
  replaceAll(str, pattern, replacement) {
    return `regexp_replace(${str}, ${this.string(pattern)}, ${this.string(replacement)}, 'g')`;
  },
  extract(str, pattern, group) {
    return `regexp_extract(${str}, ${this.string(pattern)}, ${group})`;
  },
  padded: (n, width) => `lpad(CAST(${n} AS VARCHAR), ${width}, '0')`,
  isFinite: (x) => `isfinite(${x})`,
  text: (n) => `CAST(${n} AS VARCHAR)`,
  int: (str) => `TRY_CAST(${str} AS BIGINT)`,
};
