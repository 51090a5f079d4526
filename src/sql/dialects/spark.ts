import type { Dialect } from '../dialect.js';
import { kindByFirstChar } from './first-char.js';

/** A Spark string literal: backslash escapes are on by default (`spark.sql.parser.escapedStringLiterals=false`). */
function literal(s: string): string {
  let out = "'";
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === "'" || ch === '\\') out += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += ch;
  }
  return `${out}'`;
}

/** Member `key` (a plain value) of a VARIANT as JSON text: NULL when absent or not an object. */
function variantMember(variant: string, key: string): string {
  // A variant path has no escapes: `$['…']` reads any key without a single quote, `$["…"]`
  // any without a double quote (backslashes as they are); a key with both goes through a map.
  if (!key.includes("'")) return `to_json(try_variant_get(${variant}, ${literal(`$['${key}']`)}))`;
  if (!key.includes('"')) return `to_json(try_variant_get(${variant}, ${literal(`$["${key}"]`)}))`;
  return `to_json(element_at(try_variant_get(${variant}, '$', 'map<string,variant>'), ${literal(key)}))`;
}

/**
 * Spark SQL 4: JSON read through VARIANT (`parse_json`, `try_variant_get`, `to_json`), which
 * keeps a string apart from a number (`from_json` into STRING loses the quotes), Java's
 * java.util.regex, `LATERAL VIEW posexplode`. Tested on a real Spark 4.0.1 by
 * test/engines/spark.test.ts (docs/sql.md, "Spark").
 */
export const spark: Dialect = {
  name: 'spark',
  regexFlavour: 'java',
  textType: 'STRING',
  materialized: '',
  string: literal,
  ident: (name) => `\`${name.replace(/`/g, '``')}\``,
  double: (n) => `CAST('${JSON.stringify(n)}' AS DOUBLE)`,
  parses: (text) => `(try_parse_json(${text}) IS NOT NULL)`,
  // try_: a line that is not JSON never reaches here, but Spark may compute it before the filter
  // that keeps it out (the sample capture's query failed on one, "Malformed records").
  canonical: (text) => `to_json(try_parse_json(${text}))`,
  isKind: kindByFirstChar,
  member: (json, key) => variantMember(`parse_json(${json})`, key),
  // The text parsed once to a VARIANT (one parse per row for every key read), read as `member` reads it.
  members: (json, keys) => ({ list: `parse_json(${json})`, item: (list, k) => variantMember(list, keys[k]!) }),
  memberAt: (json, keyExpr) => `to_json(element_at(try_variant_get(parse_json(${json}), '$', 'map<string,variant>'), ${keyExpr}))`,
  stringValue: (json) => `variant_get(parse_json(${json}), '$', 'string')`,
  numberValue: (json) => `try_variant_get(parse_json(${json}), '$', 'double')`,
  arrayLength: (json) => `CAST(json_array_length(${json}) AS BIGINT)`,
  explodeElements: (from, json, where) =>
    `SELECT s.*, to_json(u.v) AS ev, u.i AS ei FROM ${from} LATERAL VIEW posexplode(try_variant_get(parse_json(${json}), '$', 'array<variant>')) u AS i, v WHERE ${where}`,
  explodeMembers: (from, json, where) =>
    `SELECT s.*, u.e.key AS ek, to_json(u.e.value) AS ev, u.n AS en FROM ${from} LATERAL VIEW posexplode(map_entries(try_variant_get(parse_json(${json}), '$', 'map<string,variant>'))) u AS n, e WHERE ${where}`,
  // An array of structs, NULL where a check passes, filtered and exploded by one LATERAL VIEW.
  candidateRows: (from, keys, fields, candidates) =>
    `SELECT ${keys.map((k) => `s.${k}`).join(', ')}, ${fields.map((f) => `c.${f}`).join(', ')} FROM ${from} LATERAL VIEW inline(filter(array(\n    ${candidates.map((c) => `CASE WHEN ${c.guard ? `${c.guard} AND ` : ''}${c.when} THEN named_struct(${fields.map((f, i) => `'${f}', CAST(${c.values[i]} AS STRING)`).join(', ')}) END`).join(',\n    ')}\n  ), c -> c IS NOT NULL)) c AS ${fields.join(', ')}`,
  quoteJson: (str) => `regexp_extract(to_json(named_struct('s', ${str})), '^\\\\{"s":(.*)\\\\}$', 1)`,
  oneOf: (expr, values) => `${expr} IN (${values.join(', ')})`,
  length: (str) => `char_length(${str})`,
  byteLength: (str) => `octet_length(${str})`,
  matches: (str, pattern) => `regexp_like(${str}, ${literal(pattern)})`,
  replaceAll: (str, pattern, replacement) => `regexp_replace(${str}, ${literal(pattern)}, ${literal(replacement)})`,
  extract: (str, pattern, group) => `regexp_extract(${str}, ${literal(pattern)}, ${group})`,
  padded: (n, width) => `lpad(CAST(${n} AS STRING), ${width}, '0')`,
  isFinite: (x) => `(${x} NOT IN (double('Infinity'), double('-Infinity')) AND NOT isnan(${x}))`,
  text: (n) => `CAST(${n} AS STRING)`,
  int: (str) => `try_cast(${str} AS BIGINT)`,
};
