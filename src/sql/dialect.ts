/**
 * What differs between the SQL engines the compiled audit runs on, and nothing else: the
 * compiler (compile-sql.ts) writes every query through one of these, so each engine's
 * spelling of JSON access, type tests, regular expressions and array unnesting lives in one
 * file (dialects/<name>.ts).
 *
 * Conventions every dialect keeps:
 * - A JSON value is carried as its JSON text (VARCHAR / STRING), never as an engine's own JSON
 *   or variant type: rows cross CTEs and engines the same way. A member that is absent is SQL
 *   NULL; a JSON `null` is the text `null`.
 * - Arguments and results are SQL expressions (strings of SQL), except where a parameter says it
 *   is a plain value (a key, a pattern): those are quoted by the dialect, never pasted.
 * - Indexes are 0-based, as JSON paths write them.
 */
export type DialectName = 'duckdb' | 'spark' | 'trino';

/**
 * The regular-expression engine a dialect runs: RE2 (DuckDB; Trino with
 * `regex-library=RE2J`), java.util.regex (Spark), Joni (Trino's default, Ruby syntax).
 * A plan pattern (JavaScript's syntax and meaning) is translated for it by regex.ts, or
 * declared not checked when it has no translation with the same meaning.
 */
export type RegexFlavour = 're2' | 'java' | 'joni';

/** The JSON types `jsonType` names. */
export type JsonKind = 'object' | 'array' | 'string' | 'number' | 'boolean' | 'null';

/** A check as `candidateRows` computes it: its finding's values where its conditions hold. */
export interface Candidate {
  /** The condition of the finding (SQL over `s`). */
  when: string;
  /**
   * A condition many candidates share, when there is one: which plan messages the check serves
   * (`s.def`). Part of the condition; a dialect may test it once for all the candidates that
   * have it.
   */
  guard?: string;
  values: readonly string[];
}

export interface Dialect {
  readonly name: DialectName;
  readonly regexFlavour: RegexFlavour;
  /**
   * What follows `name AS` in a CTE that is read more than once: DuckDB's `MATERIALIZED` (else
   * it computes the CTE again, with every JSON parse in it, for each scope and pass that reads
   * it); Spark and Trino have no such word and inline it at every reference.
   */
  readonly materialized: string;
  /** The type of text columns in casts: VARCHAR, or Spark's STRING (its VARCHAR needs a length). */
  readonly textType: string;

  // ---- literals ----------------------------------------------------------------------------
  /** A string literal holding `s` exactly (any character: quotes, backslashes, NUL excepted). */
  string(s: string): string;
  /** An identifier (a CTE or column name the compiler chose: `[a-z_][a-z0-9_]*`). */
  ident(name: string): string;
  /** A DOUBLE literal (finite). */
  double(n: number): string;

  // ---- JSON --------------------------------------------------------------------------------
  /** TRUE when `text` parses as JSON in the engine (syntax.ts adds what makes it JavaScript's JSON.parse). */
  parses(text: string): string;
  /** The minified JSON text of `text`, a line that `parses` (what member and element texts look like). */
  canonical(text: string): string;
  /** TRUE when the JSON value `json` is of one of `kinds`; FALSE otherwise, NULL `json` included (never NULL: it is negated). */
  isKind(json: string, kinds: readonly JsonKind[]): string;
  /** The JSON text of member `key` (a plain value) of object `json`; NULL when absent or not an object. */
  member(json: string, key: string): string;
  /**
   * Several members of one object read in one pass, where the engine can (DuckDB parses the
   * text once for a list of paths): an expression holding them, and how to read the k-th
   * (0-based) as `member` would. Undefined: the compiler reads each with `member`.
   */
  members?(json: string, keys: readonly string[]): { list: string; item(list: string, k: number): string };
  /** The same for a key given as an SQL expression. */
  memberAt(json: string, keyExpr: string): string;
  /** The value of a JSON string as a string (NULL for another type). */
  stringValue(json: string): string;
  /** The value of a JSON number as a DOUBLE (±Infinity past a double's range; NULL for another type). */
  numberValue(json: string): string;
  /** The number of elements of a JSON array. */
  arrayLength(json: string): string;
  /**
   * A query with one row per element of the JSON array `json` (an expression over alias `s`)
   * for each row of `from` (a FROM item aliased `s`) that `where` keeps (rows whose `json` is
   * not an array get none): every column of `s`, then `ev`, the element's JSON text, and `ei`,
   * its 0-based index.
   */
  explodeElements(from: string, json: string, where: string): string;
  /**
   * The same for the members of the JSON object `json`: every column of `s`, then `ek` (the
   * key), `ev` (the value's JSON text) and `en` (a number that orders members as written).
   */
  explodeMembers(from: string, json: string, where: string): string;
  /**
   * One pass over `from` (a FROM item aliased `s`) computing several checks at once: for each
   * row, the candidates whose `guard` and `when` hold, each giving one row of the columns `keys`
   * of `s` followed by `fields` (text), valued as the candidate's `values` (SQL over `s`, in the
   * order of `fields`). Candidates are written as an array of rows, NULL where a check passes,
   * filtered and unnested once, so the scope is read once whatever the number of its checks.
   */
  candidateRows(from: string, keys: readonly string[], fields: readonly string[], candidates: readonly Candidate[]): string;
  /** The JSON text of a string expression (a quoted, escaped JSON string). */
  quoteJson(str: string): string;

  /**
   * TRUE when `expr` equals one of `values` (SQL constants), NULL when `expr` is NULL: `IN (…)`,
   * or DuckDB's `list_contains`, as DuckDB turns an `IN` list of six or more constants into a
   * join, and hundreds of such joins (a check's events, an enum) took seconds to plan.
   */
  oneOf(expr: string, values: readonly string[]): string;

  // ---- strings and numbers -----------------------------------------------------------------
  /** Length in code points (JSON Schema's, JavaScript's `[...s].length`). */
  length(str: string): string;
  /** Length in bytes of the string's UTF-8. */
  byteLength(str: string): string;
  /** Whether `pattern` (a plain value, already in this dialect's flavour) matches somewhere in `str`. */
  matches(str: string, pattern: string): string;
  /** `str` with every match of `pattern` (a plain value, in this dialect's flavour) replaced by `replacement` (plain, no group references). */
  replaceAll(str: string, pattern: string, replacement: string): string;
  /** Capture group `group` of `pattern`'s first match in `str` ('' or NULL when none). */
  extract(str: string, pattern: string, group: number): string;
  /** `n` (an integer expression) as decimal text, left-padded with zeros to `width`. */
  padded(n: string, width: number): string;
  /** Whether a DOUBLE is finite. */
  isFinite(x: string): string;
  /** An integer expression as text. */
  text(n: string): string;
  /** Integer cast of a digit string. */
  int(str: string): string;
}
