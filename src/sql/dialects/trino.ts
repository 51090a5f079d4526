import type { Dialect } from '../dialect.js';
import { kindByFirstChar } from './first-char.js';
import { standardString } from '../syntax.js';

const CANDIDATES_PER_ARRAY = 16;

/**
 * Trino (and Athena): JSON through `json_parse` / `json_format` and casts to MAP and ARRAY of
 * JSON (which read any key exactly), Joni for regular expressions (Trino's default
 * `regex-library`), `UNNEST … WITH ORDINALITY`. Values are carried as `json_format` text.
 * Tested on a real Trino 476 by test/engines/trino.test.ts (docs/sql.md, "Trino").
 */
export const trino: Dialect = {
  name: 'trino',
  regexFlavour: 'joni',
  textType: 'VARCHAR',
  materialized: '',
  string: standardString,
  ident: (name) => `"${name.replace(/"/g, '""')}"`,
  double: (n) => `CAST('${JSON.stringify(n)}' AS DOUBLE)`,
  parses: (text) => `(try(json_parse(${text})) IS NOT NULL)`,
  // try(): a line that is not JSON never reaches here, but Trino may compute it before the
  // filter that keeps it out (a blank line failed the sample capture's query: "Cannot convert
  // value to JSON: ''").
  canonical: (text) => `json_format(try(json_parse(${text})))`,
  isKind: kindByFirstChar,
  member(json, key) {
    return `json_format(element_at(try_cast(json_parse(${json}) AS MAP(VARCHAR, JSON)), ${this.string(key)}))`;
  },
  // The object cast once to a MAP (one parse per row for every key read), as `member` reads it.
  members(json, keys) {
    return { list: `try_cast(json_parse(${json}) AS MAP(VARCHAR, JSON))`, item: (list, k) => `json_format(element_at(${list}, ${this.string(keys[k]!)}))` };
  },
  memberAt: (json, keyExpr) => `json_format(element_at(try_cast(json_parse(${json}) AS MAP(VARCHAR, JSON)), ${keyExpr}))`,
  stringValue: (json) => `json_extract_scalar(${json}, '$')`,
  numberValue: (json) => `try_cast(json_extract_scalar(${json}, '$') AS DOUBLE)`,
  arrayLength: (json) => `CAST(json_array_length(json_parse(${json})) AS BIGINT)`,
  explodeElements: (from, json, where) =>
    `SELECT s.*, json_format(u.v) AS ev, u.n - 1 AS ei FROM ${from} CROSS JOIN UNNEST(try_cast(json_parse(${json}) AS ARRAY(JSON))) WITH ORDINALITY AS u(v, n) WHERE ${where}`,
  // A MAP has no order: members come in key order here, which only orders examples.
  explodeMembers: (from, json, where) =>
    `SELECT s.*, u.k AS ek, json_format(u.v) AS ev, 0 AS en FROM ${from} CROSS JOIN UNNEST(try_cast(json_parse(${json}) AS MAP(VARCHAR, JSON))) AS u(k, v) WHERE ${where}`,
  // An ARRAY of ROWs, NULL where a check passes, filtered and unnested by one CROSS JOIN. At
  // most CANDIDATES_PER_ARRAY checks an array: Trino compiles a projection into one JVM method,
  // and the ecommerce plan's 221 checks of one scope failed with QUERY_EXCEEDED_COMPILER_LIMIT
  // (20 of them compiled; a scope of more is read once per array).
  candidateRows: (from, keys, fields, candidates) => {
    const type = `ROW(${fields.map((f) => `${f} VARCHAR`).join(', ')})`;
    const arrays: string[] = [];
    for (let i = 0; i < candidates.length; i += CANDIDATES_PER_ARRAY) {
      const some = candidates.slice(i, i + CANDIDATES_PER_ARRAY);
      arrays.push(`SELECT ${keys.map((k) => `s.${k}`).join(', ')}, ${fields.map((f) => `c.${f}`).join(', ')} FROM ${from} CROSS JOIN UNNEST(filter(ARRAY[\n    ${some.map((c) => `CASE WHEN ${c.guard ? `${c.guard} AND ` : ''}${c.when} THEN CAST(ROW(${c.values.map((v) => `CAST(${v} AS VARCHAR)`).join(', ')}) AS ${type}) END`).join(',\n    ')}\n  ], c -> c IS NOT NULL)) AS c(${fields.join(', ')})`);
    }
    return arrays.join('\n  UNION ALL\n  ');
  },
  quoteJson: (str) => `json_format(CAST(CAST(${str} AS VARCHAR) AS JSON))`,
  oneOf: (expr, values) => `${expr} IN (${values.join(', ')})`,
  length: (str) => `length(${str})`,
  byteLength: (str) => `length(to_utf8(${str}))`,
  matches(str, pattern) {
    return `regexp_like(${str}, ${this.string(pattern)})`;
  },
  replaceAll(str, pattern, replacement) {
    return `regexp_replace(${str}, ${this.string(pattern)}, ${this.string(replacement)})`;
  },
  extract(str, pattern, group) {
    return `coalesce(regexp_extract(${str}, ${this.string(pattern)}, ${group}), '')`;
  },
  padded: (n, width) => `lpad(CAST(${n} AS VARCHAR), ${width}, '0')`,
  isFinite: (x) => `is_finite(${x})`,
  text: (n) => `CAST(${n} AS VARCHAR)`,
  int: (str) => `try_cast(${str} AS BIGINT)`,
};
