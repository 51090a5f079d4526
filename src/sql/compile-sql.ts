import { compilePattern } from '../audit/regex-safety.js';
import { RULE_IDS, RULE_OPENINGS } from '../compile/validator/helpers.js';
import { effectiveFields } from '../model/segment-spec.js';
import { allMessages, type MessageDef, type Origin, type Plan, type Primitive, type Shape } from '../model/plan.js';
import type { Candidate, Dialect } from './dialect.js';
import { formatTest } from './formats.js';
import { forFlavour, translatePattern } from './regex.js';
import { ROW_COLUMNS } from './rows.js';
import { jsonLineTest } from './syntax.js';

/** What `trackplan sql` prints, and what it could not express. */
export interface CompiledSql {
  sql: string;
  /** Checks the query leaves out, each with its place in the plan and why (also returned as `not-checked` rows). */
  notChecked: string[];
}

/** How deep a named type is inlined inside itself (a category's children): past it, declared not checked. */
export const MAX_SQL_TYPE_DEPTH = 6;
/** Longest line read (as the audit's MAX_LINE): longer ones are bad input, not checked. */
const MAX_LINE_BYTES = 16 * 1024 * 1024;
const TYPES = ['track', 'identify', 'page', 'screen', 'group', 'alias'];
/** The members of a message the query reads: its kind, its name, its payload, the envelope's checks. */
const TOP_KEYS = ['type', 'event', 'name', 'properties', 'traits', 'userId', 'anonymousId', 'groupId', 'timestamp', 'context'] as const;
const TYPE_WORDS: Record<Primitive, string> = { string: 'a string', number: 'a number', integer: 'an integer', boolean: 'a boolean', object: 'an object', array: 'an array', null: 'null', any: 'any value' };
// The validators' words (compile/validator/helpers.ts), so the rows say what the audit says.
const SAYS: Record<string, string> = Object.fromEntries(RULE_IDS.map((r, i) => [r, RULE_OPENINGS[i]!]));
const OUT_OF_FLOAT_RANGE = 'must be within the range of a 64-bit float (about ±1.8e308)';
const BARE_KEY = /^[A-Za-z_$][A-Za-z0-9_$]*$/;
/** Stands for `def IN (…)` while a property's checks are written (see SqlCompiler.#defs). */
const DEFS = '\u0001defs\u0001';
/** Key columns every scope carries: which message a value belongs to. */
const KEYS = 'file, line, item, type, event';

/** A value being checked: where it is read (a CTE row `s`), its path and order prefix, and when it is checked. */
interface Node {
  scope: string;
  v: string;
  pathBase: string;
  pathSuffix: string;
  guards: readonly string[];
  /** Static text after the scope's order prefix: a property's place among its message's. */
  ord?: string;
}

/**
 * Compiles a checked plan into one SQL query (per dialect) that audits messages as the
 * JavaScript validators do (compile/validator/emit.ts, whose structure this follows check by
 * check): one row per violation with the same code, path (real indexes), severity, message and
 * offending value, one row per message, per input and per bad input. It reads a relation with
 * columns `file`, `line`, `message` (the raw text of one line). Deterministic: the same plan
 * and options give the same text.
 */
export function compileSql(plan: Plan, dialect: Dialect, from: string): CompiledSql {
  return new SqlCompiler(plan, dialect).compile(from);
}

class SqlCompiler {
  readonly #ctes: (string | { name: string; body: string })[] = [];
  /** The checks, each with the text that identifies it (equal texts are one check, see #register). */
  readonly #checks: { text: string; check: Check }[] = [];
  readonly #unchecked: string[] = [];
  readonly notChecked: string[] = [];
  #site = 100;
  #scopes = 0;
  /**
   * The plan messages (numbers of `plan_messages`) whose property is being compiled. Checks and
   * CTEs written meanwhile carry a placeholder for `def IN (…)`; equal texts are written once
   * and their message sets joined (#assemble fills the placeholder): events whose `count` differ
   * only in `maximum` share the type and minimum checks.
   */
  #defs: readonly number[] | undefined;
  readonly #shared = new Map<string, { name?: string; ids: Set<number> }>();
  readonly #depth = new Map<string, number>();
  /** Reads a member of the message in `typed` and `messages` (row prefix `''` or `s.`). */
  #readTop: (row: string, key: (typeof TOP_KEYS)[number]) => string = (row, key) => this.d.member(`${row}m`, key);

  constructor(
    private readonly plan: Plan,
    private readonly d: Dialect,
  ) {}

  private lit(s: string): string {
    return this.d.string(s);
  }

  private id(name: string): string {
    return this.d.ident(name);
  }

  compile(from: string): CompiledSql {
    const d = this.d;
    const x = (n: string) => this.id(n);
    const defs = allMessages(this.plan);
    // ---- lines -> messages ----------------------------------------------------------------
    this.#ctes.push(
      `${x('src')} AS (\n  -- The relation given: one row per line of input.\n  SELECT coalesce(CAST(${x('file')} AS ${this.d.textType}), '-') AS file, coalesce(CAST(${x('line')} AS BIGINT), 0) AS line, CAST(${x('message')} AS ${this.d.textType}) AS raw FROM ${from}\n)`,
    );
    // A byte-order mark opens a file, never a later line; blank lines are white space alone
    // (JavaScript's trim()); a CR before the line's end is part of the end (CRLF). `size` counts
    // the line's bytes and its line end, as audit counts a file's.
    this.#ctes.push(
      `${x('lines')} AS ${d.materialized}(\n  SELECT file, line, raw, size, CASE\n    WHEN raw IS NULL THEN 'none'\n    WHEN ${blankTest(d, 'raw')} THEN 'blank'\n    WHEN ${byteLength(d, 'raw')} > ${MAX_LINE_BYTES} THEN 'long'\n    WHEN ${jsonLineTest(d, 'raw')} THEN 'json'\n    ELSE 'bad' END AS state\n  FROM (SELECT file, line, CASE WHEN line = 1 AND substr(raw, 1, 1) = ${d.string('\ufeff')} THEN substr(raw, 2) ELSE raw END AS raw, size FROM (SELECT file, line, CASE WHEN substr(raw, length(raw), 1) = ${d.string('\r')} THEN substr(raw, 1, length(raw) - 1) ELSE raw END AS raw, CASE WHEN raw IS NULL THEN 0 ELSE ${byteLength(d, 'raw')} + 1 END AS size FROM ${x('src')}) AS c) AS l\n)`,
    );
    const isList = (j: string) => d.isKind(j, ['array']);
    const isBatch = (j: string) => `(${d.isKind(j, ['object'])} AND ${d.isKind(d.member(j, 'batch'), ['array'])})`;
    const list = `CASE WHEN ${isList('s.j')} THEN s.j ELSE ${d.member('s.j', 'batch')} END`;
    this.#ctes.push(
      `${x('docs')} AS ${d.materialized}(\n  SELECT file, line, ${d.canonical('raw')} AS j FROM ${x('lines')} WHERE state = 'json'\n)`,
      `${x('items')} AS (\n  -- A line holds one message, a list of them, or a Segment batch {"batch": [...]}.\n  SELECT file, line, CAST(-1 AS BIGINT) AS item, j AS m FROM ${x('docs')} WHERE NOT ${isList('j')} AND NOT ${isBatch('j')}\n  UNION ALL\n  SELECT file, line, CAST(ei AS BIGINT) AS item, ev AS m FROM (${d.explodeElements(`${x('docs')} AS s`, list, `(${isList('s.j')} OR ${isBatch('s.j')})`)}) AS e\n)`,
    );
    // The message's members that the query reads, parsed once per message where the engine can
    // (`top`, carried to the envelope's checks); else each read parses the message again.
    const top = d.members?.('m', TOP_KEYS);
    const read = (row: string, key: (typeof TOP_KEYS)[number]) => (top ? top.item(`${row}top`, TOP_KEYS.indexOf(key)) : d.member(`${row}m`, key));
    const t = read('', 'type');
    const ev = read('', 'event');
    const tstr = `CASE WHEN ${d.isKind(t, ['string'])} THEN ${d.stringValue(t)} END`;
    this.#ctes.push(
      `${x('typed')} AS ${d.materialized}(\n  -- A message without \`type\` but with \`event\` is a track; types are read in any case.\n  SELECT file, line, item, m,${top ? ' top,' : ''} CASE\n    WHEN NOT ${d.isKind('m', ['object'])} THEN NULL\n    WHEN ${t} IS NULL AND ${ev} IS NOT NULL THEN 'track'\n    WHEN ${d.oneOf(`lower(${tstr})`, TYPES.map((n) => `'${n}'`))} THEN lower(${tstr})\n  END AS type FROM ${top ? `(SELECT file, line, item, m, ${top.list} AS top FROM ${x('items')}) AS i` : x('items')}\n)`,
    );
    const evs = d.stringValue(ev);
    const name = read('', 'name');
    const nameOk = `CASE WHEN type = 'track' THEN ${d.isKind(ev, ['string'])} AND ${evs} <> '' ELSE true END`;
    // `ts`: the message's `timestamp` when it is a string, for the report's timeline (from-rows.ts).
    const ts = read('', 'timestamp');
    this.#ctes.push(
      `${x('messages')} AS ${d.materialized}(\n  SELECT file, line, item, m,${top ? ' top,' : ''} type, CASE WHEN ${d.isKind(ts, ['string'])} THEN ${d.stringValue(ts)} END AS ts, CASE type WHEN 'track' THEN ${evs} WHEN 'page' THEN coalesce(CASE WHEN ${d.isKind(name, ['string'])} THEN ${d.stringValue(name)} END, '') WHEN 'screen' THEN coalesce(CASE WHEN ${d.isKind(name, ['string'])} THEN ${d.stringValue(name)} END, '') ELSE '' END AS event,\n    CASE WHEN type IN ('identify', 'group') THEN ${read('', 'traits')} WHEN type = 'alias' THEN NULL ELSE ${read('', 'properties')} END AS payload\n  FROM ${x('typed')} WHERE type IS NOT NULL AND ${nameOk}\n)`,
    );
    this.#readTop = read;
    this.#envelope(defs, (key) => read('s.', key));
    this.#messages(defs);
    return { sql: this.#assemble(), notChecked: this.notChecked };
  }

  // ---- the envelope: ids, timestamp, the client's stamp; planned or not, deprecated ---------

  #envelope(defs: MessageDef[], read: (key: (typeof TOP_KEYS)[number]) => string): void {
    const d = this.d;
    const user = read('userId');
    const anon = read('anonymousId');
    const isId = (v: string) => `((${d.isKind(v, ['string'])} AND ${d.stringValue(v)} <> '') OR (${d.isKind(v, ['number'])} AND ${d.isFinite(d.numberValue(v))}))`;
    const env: Node = { scope: 'messages', v: 's.m', pathBase: "''", pathSuffix: '', guards: [] };
    const at = (path: string): Node => ({ ...env, pathBase: this.lit(path) });
    // The value shown is `userId ?? anonymousId`; the audit shows a number past a double's range
    // as written only when it stands at the finding's path (userId), else as JSON.stringify does.
    this.#row(at('userId'), 0, 'missing-required', 'error', this.lit('needs a userId or an anonymousId'), `CASE WHEN ${user} IS NOT NULL AND ${user} <> 'null' THEN ${user} WHEN ${d.isKind(anon, ['number'])} AND NOT ${d.isFinite(d.numberValue(anon))} THEN 'null' ELSE ${anon} END`, [`s.type <> 'alias'`, `NOT coalesce(${isId(user)}, false)`, `NOT coalesce(${isId(anon)}, false)`]);
    const gid = read('groupId');
    this.#row(at('groupId'), 1, 'missing-required', 'error', this.lit('a group call needs a groupId'), gid, [`s.type = 'group'`, `NOT coalesce((${d.isKind(gid, ['string'])} AND ${d.stringValue(gid)} <> '') OR ${d.isKind(gid, ['number'])}, false)`]);
    const ts = read('timestamp');
    this.#row(
      at('timestamp'),
      2,
      `CASE WHEN ${d.isKind(ts, ['string'])} THEN 'format-mismatch' ELSE 'type-mismatch' END`,
      'error',
      this.lit('must be a valid date-time'),
      ts,
      [`${ts} IS NOT NULL`, `${ts} <> 'null'`, `NOT coalesce(${d.isKind(ts, ['string'])} AND ${formatTest(d, 'date-time', d.stringValue(ts))}, false)`],
    );
    const ctx = read('context');
    const stamp = `CASE WHEN ${d.isKind(ctx, ['object'])} THEN ${d.member(ctx, 'trackplan')} END`;
    const sp = d.member(stamp, 'plan');
    const sv = d.member(stamp, 'version');
    const ownPlan = this.plan.name ?? '';
    const ownVersion = this.plan.version ?? '';
    const wellFormed = `coalesce(${d.isKind(stamp, ['object'])} AND ${d.isKind(sp, ['string'])} AND ${d.isKind(sv, ['string'])}, false)`;
    this.#row(at('context.trackplan'), 3, 'plan-mismatch', 'warn', this.lit('is not the stamp of a generated client ({"plan": "…", "version": "…"})'), stamp, [`${stamp} IS NOT NULL`, `NOT ${wellFormed}`]);
    this.#row(at('context.trackplan.plan'), 3, 'plan-mismatch', 'warn', this.lit(`was sent by a client generated from another plan (this plan is ${JSON.stringify(ownPlan)})`), sp, [wellFormed, `${d.stringValue(sp)} <> ${this.lit(ownPlan)}`]);
    const mine = ownVersion === '' ? 'this plan has no version' : `this plan is ${ownVersion}`;
    this.#row(at('context.trackplan.version'), 3, 'plan-mismatch', 'warn', this.lit(`was sent by a client generated from another version of the plan (${mine}); regenerate that client`), sv, [wellFormed, `${d.stringValue(sp)} = ${this.lit(ownPlan)}`, `${d.stringValue(sv)} <> ${this.lit(ownVersion)}`]);

    // Not in the plan: an event, page or screen name the plan lacks. A plan without pages (or
    // screens) does not plan those calls, and they pass unchecked.
    for (const kind of ['track', 'page', 'screen'] as const) {
      const named = defs.filter((m) => m.kind === kind);
      if (kind !== 'track' && named.length === 0) continue;
      const what = kind === 'track' ? 'Event' : kind === 'page' ? 'Page' : 'Screen';
      const text = `CASE WHEN s.event = '' THEN ${this.lit(`A ${kind} call without a name is not in the plan`)} ELSE ${this.lit(`${what} `)} || ${d.quoteJson('s.event')} || ${this.lit(' is not in the plan')} END`;
      const conds = [`s.type = '${kind}'`];
      if (named.length > 0) conds.push(`NOT ${d.oneOf('s.event', named.map((m) => this.lit(m.name)))}`);
      this.#row(at(kind === 'track' ? 'event' : 'name'), 4, 'unplanned-event', 'error', text, d.quoteJson('s.event'), conds);
    }
    for (const def of defs) {
      if (def.deprecated === undefined || (def.kind !== 'track' && def.kind !== 'page' && def.kind !== 'screen')) continue;
      const text = `is deprecated${typeof def.deprecated === 'string' ? `: ${def.deprecated}` : ''}`;
      this.#row(at(def.kind === 'track' ? 'event' : 'name'), 5, 'deprecated-event', 'warn', this.lit(text), d.quoteJson('s.event'), [`s.type = '${def.kind}'`, `s.event = ${this.lit(def.name)}`]);
    }
  }

  // ---- a planned message's properties or traits ---------------------------------------------

  /**
   * The planned messages' properties (traits). Events share most properties (the same
   * definition at the same place): each such property is checked once, over every message of
   * the events that have it, rather than once per event, so a plan of 2,000 events compiles to
   * a query of its distinct definitions (the JavaScript validators share them the same way).
   */
  #messages(defs: MessageDef[]): void {
    const d = this.d;
    const planned = defs;
    if (planned.length === 0) return;
    // The properties any message plans, read from each payload in one pass where the engine can.
    const names = [...new Set(planned.flatMap((m) => effectiveFields(m).map((f) => f.name)))];
    const many = names.length > 0 ? d.members?.('payload', names) : undefined;
    const read = (name: string) => (many ? many.item('s.props', names.indexOf(name)) : d.member('s.v', name));
    const values = planned.map((m, i) => `(${this.lit(m.kind)}, ${this.lit(m.kind === 'identify' || m.kind === 'group' ? '' : m.name)}, ${i})`);
    this.#ctes.push(
      `${this.id('plan_messages')} AS (\n  -- The plan's events, pages, screens, identify and group, numbered.\n  SELECT * FROM (VALUES\n    ${values.join(',\n    ')}\n  ) AS t(type, event, def)\n)`,
      // A message without properties (or with null) is checked as {}, as every SDK sends it.
      `${this.id('planned')} AS ${d.materialized}(\n  SELECT s.*${many ? `, ${many.list.replace(/\bpayload\b/g, 's.v')} AS props` : ''} FROM (SELECT m.file, m.line, m.item, m.type, m.event, CASE WHEN m.payload IS NULL OR m.payload = 'null' THEN '{}' ELSE m.payload END AS v, CASE WHEN m.type IN ('identify', 'group') THEN 'traits' ELSE 'properties' END AS p, '' AS o, d.def\n  FROM ${this.id('messages')} AS m JOIN ${this.id('plan_messages')} AS d ON d.type = m.type AND d.event = m.event) AS s\n)`,
    );
    const root: Node = { scope: 'planned', v: 's.v', pathBase: 's.p', pathSuffix: '', guards: [] };
    // The payload itself must be an object.
    this.#row(guarded(root, `NOT ${d.isKind('s.v', ['object'])}`), 1, 'type-mismatch', 'error', this.lit(`${SAYS['type-mismatch']}an object`), 's.v', []);
    const inside = guarded(root, d.isKind('s.v', ['object']));
    // Properties by place, name, definition and strictness: one set of checks for each.
    const groups = new Map<string, { ids: number[]; field: ReturnType<typeof effectiveFields>[number]; strict: boolean; at: number }>();
    const keySets = new Map<string, { ids: number[]; names: string[]; strict: boolean }>();
    planned.forEach((m, i) => {
      const fields = effectiveFields(m);
      fields.forEach((f, at) => {
        const key = JSON.stringify([at, f.name, f.required, m.strict, shapeKey(f.shape)]);
        const g = groups.get(key);
        if (g) g.ids.push(i);
        else groups.set(key, { ids: [i], field: f, strict: m.strict, at });
      });
      const names = fields.map((f) => f.name);
      const key = JSON.stringify([m.strict, names]);
      const k = keySets.get(key);
      if (k) k.ids.push(i);
      else keySets.set(key, { ids: [i], names, strict: m.strict });
    });
    for (const g of groups.values()) {
      const f = g.field;
      const y = read(f.name);
      const at: Node = { ...inside, v: y, pathSuffix: keySegment(f.name), ord: pad(100 + g.at) };
      // Sites count from the same number in every property: they order findings within it.
      this.#defs = g.ids;
      this.#site = 100;
      if (f.required) this.#row(at, 0, 'missing-required', 'error', this.lit(SAYS['missing-required']!), 'NULL', [`${y} IS NULL`]);
      this.#value(f.shape, guarded(at, `${y} IS NOT NULL`), g.strict);
    }
    // Keys the message's plan does not name: errors in a strict plan, warnings in another. One
    // scope of every payload's keys, each message's known names tested in it (a scope per set of
    // names read the payloads once per set: hundreds of times in a large plan).
    this.#defs = undefined;
    this.#site = 100;
    const keys = this.#keysScope({ ...inside, ord: '99999' }, this.#next(), [], true);
    for (const k of keySets.values()) {
      const conds = [defTest(d, k.ids)];
      if (k.names.length > 0) conds.push(`NOT ${d.oneOf('s.k', k.names.map((n) => this.lit(n)))}`);
      if (k.strict) this.#row(keys, 0, 'unplanned-property', 'error', this.lit(SAYS['unplanned-property']!), 's.v', conds, true);
      else this.#row(keys, 0, 'unplanned-property', 'warn', this.lit(RULE_OPENINGS[RULE_IDS.length]!), 's.v', conds, true);
    }
    this.#defs = undefined;
  }

  /** Checks of a present value against `shape` (emit.ts `value`). */
  #value(shape: Shape, x: Node, strict: boolean): void {
    const d = this.d;
    if (shape.schema) this.#skip(shape.origin, 'a raw `schema:` fragment (JSON Schema the SQL compiler does not translate)');
    const hasAny = shape.types.length === 0 || shape.types.some((t) => t.kind === 'primitive' && t.name === 'any');
    const prims = new Set(shape.types.filter((t) => t.kind === 'primitive').map((t) => t.name));
    const named = shape.types.filter((t) => t.kind === 'named').map((t) => t.name);
    const allowsNull = hasAny || shape.nullable || prims.has('null') || (shape.enum?.includes(null) ?? false);
    const hasValueChecks = shape.enum !== undefined || shape.const !== undefined;
    const isNull = d.isKind(x.v, ['null']);

    if (!hasAny && prims.size === 0 && named.length > 0) {
      const inner = allowsNull ? guarded(x, `NOT ${isNull}`) : x;
      this.#named(named, inner, strict, shape.origin);
      this.#valueChecks(shape, inner);
      return;
    }
    const has = (p: Primitive) => hasAny || prims.has(p);
    const num = d.numberValue(x.v);
    const branches: { cond: string; kinds: string[] }[] = [];
    if (allowsNull && hasValueChecks) branches.push({ cond: isNull, kinds: [] });
    else if (allowsNull && !hasAny) branches.push({ cond: isNull, kinds: ['skip'] });
    if (has('string')) branches.push({ cond: d.isKind(x.v, ['string']), kinds: ['string'] });
    if (has('number')) branches.push({ cond: `(${d.isKind(x.v, ['number'])} AND ${d.isFinite(num)})`, kinds: ['number'] });
    else if (has('integer')) branches.push({ cond: `(${d.isKind(x.v, ['number'])} AND ${d.isFinite(num)} AND ${num} = floor(${num}))`, kinds: ['number'] });
    if (has('boolean')) branches.push({ cond: d.isKind(x.v, ['boolean']), kinds: [] });
    if (has('object')) branches.push({ cond: d.isKind(x.v, ['object']), kinds: ['object'] });
    if (has('array')) branches.push({ cond: d.isKind(x.v, ['array']), kinds: ['array'] });
    for (const b of branches) {
      if (b.kinds[0] === 'skip') continue;
      const inner = guarded(x, b.cond);
      this.#valueChecks(shape, inner);
      this.#typedChecks(shape, inner, strict, b.kinds);
    }
    const none = branches.length > 0 ? guarded(x, `NOT coalesce(${branches.map((b) => b.cond).join(' OR ')}, false)`) : x;
    if (!hasAny) {
      if (named.length > 0) {
        this.#named(named, none, strict, shape.origin);
        this.#valueChecks(shape, none);
      } else {
        const words = [...prims].filter((p) => p !== 'null').map((p) => TYPE_WORDS[p]);
        if (allowsNull) words.push('null');
        const text = words.join(' or ');
        // null where the type has no null is `null-not-allowed`; a number beyond a double's
        // range where the plan takes a number is `out-of-range` (the auditor's rule).
        const numeric = /\b(?:number|integer)\b/.test(text);
        const nonFinite = `${d.isKind(x.v, ['number'])} AND NOT ${d.isFinite(num)}`;
        const code = `CASE WHEN ${isNull} THEN 'null-not-allowed'${numeric ? ` WHEN ${nonFinite} THEN 'out-of-range'` : ''} ELSE 'type-mismatch' END`;
        const detail = `CASE WHEN ${isNull} THEN ${this.lit(SAYS['null-not-allowed']!)}${numeric ? ` WHEN ${nonFinite} THEN ${this.lit(OUT_OF_FLOAT_RANGE)}` : ''} ELSE ${this.lit(SAYS['type-mismatch'] + text)} END`;
        this.#row(none, this.#next(), code, 'error', detail, x.v, []);
      }
    } else if (branches.length > 0 && hasValueChecks) this.#valueChecks(shape, none);
  }

  /** A value of one named type: its checks inlined at this path (emit.ts `namedBranch`). */
  #named(named: readonly string[], x: Node, strict: boolean, origin: Origin): void {
    void strict;
    if (named.length > 1) {
      // The validators report the closest of the alternatives, which would need every
      // alternative's findings counted per value: not expressed in SQL.
      this.#skip(origin, `a value of one of several named types (${named.join(' | ')})`);
      return;
    }
    const name = named[0]!;
    const t = this.plan.types.get(name);
    if (!t) return;
    const depth = this.#depth.get(name) ?? 0;
    if (depth >= MAX_SQL_TYPE_DEPTH) {
      this.#skip(t.origin, `values of type ${name} nested more than ${MAX_SQL_TYPE_DEPTH} levels deep inside itself`);
      return;
    }
    this.#depth.set(name, depth + 1);
    this.#value(t.shape, x, this.plan.strict);
    this.#depth.set(name, depth);
  }

  /** enum and const (emit.ts `valueChecks`). */
  #valueChecks(shape: Shape, x: Node): void {
    if (shape.enum) {
      const values = shape.nullable && !shape.enum.includes(null) ? [...shape.enum, null] : shape.enum;
      const shown = values.slice(0, 10).map((v) => JSON.stringify(v)).join(', ') + (values.length > 10 ? ', …' : '');
      const site = this.#next();
      if (values.some((v) => v !== null && typeof v === 'object')) this.#skip(shape.origin, 'an enum holding a list or an object');
      else this.#row(x, site, 'not-in-enum', 'error', this.lit(SAYS['not-in-enum'] + shown), x.v, [`NOT coalesce(${this.#equalsAny(x.v, values)}, false)`]);
    }
    if (shape.const) {
      const c = shape.const.value;
      const site = this.#next();
      if (c !== null && typeof c === 'object') this.#skip(shape.origin, 'a const that is a list or an object');
      else {
        const conds = [`NOT coalesce(${this.#equalsAny(x.v, [c])}, false)`];
        if (shape.nullable && c !== null) conds.push(`NOT ${this.d.isKind(x.v, ['null'])}`);
        this.#row(x, site, 'const-mismatch', 'error', this.lit(SAYS['const-mismatch'] + JSON.stringify(c)), x.v, conds);
      }
    }
  }

  /** Whether JSON value `v` is strictly equal (JavaScript's ===) to one of these primitives. */
  #equalsAny(v: string, values: readonly unknown[]): string {
    const d = this.d;
    const parts: string[] = [];
    const strings = values.filter((x): x is string => typeof x === 'string');
    const numbers = values.filter((x): x is number => typeof x === 'number');
    if (strings.length > 0) parts.push(`(${d.isKind(v, ['string'])} AND ${d.oneOf(d.stringValue(v), strings.map((s) => this.lit(s)))})`);
    if (numbers.length > 0) parts.push(`(${d.isKind(v, ['number'])} AND ${d.oneOf(d.numberValue(v), numbers.map((n) => d.double(n)))})`);
    if (values.includes(true)) parts.push(`${v} = 'true'`);
    if (values.includes(false)) parts.push(`${v} = 'false'`);
    if (values.includes(null)) parts.push(d.isKind(v, ['null']));
    return parts.length > 0 ? `(${parts.join(' OR ')})` : 'false';
  }

  #typedChecks(shape: Shape, x: Node, strict: boolean, kinds: readonly string[]): void {
    if (kinds.includes('string')) this.#stringChecks(shape, x);
    if (kinds.includes('number')) this.#numberChecks(shape, x);
    if (kinds.includes('array')) this.#arrayChecks(shape, x, strict);
    if (kinds.includes('object')) this.#objectChecks(shape, x, strict);
  }

  #stringChecks(shape: Shape, x: Node): void {
    const d = this.d;
    const s = d.stringValue(x.v);
    if (shape.minLength !== undefined || shape.maxLength !== undefined) {
      const conds: string[] = [];
      if (shape.minLength !== undefined) conds.push(`${d.length(s)} < ${shape.minLength}`);
      if (shape.maxLength !== undefined) conds.push(`${d.length(s)} > ${shape.maxLength}`);
      const words = shape.minLength !== undefined && shape.maxLength !== undefined ? `between ${shape.minLength} and ${shape.maxLength} characters` : shape.minLength !== undefined ? `at least ${shape.minLength} character${shape.minLength === 1 ? '' : 's'}` : `at most ${shape.maxLength} characters`;
      this.#row(x, this.#next(), 'length-out-of-range', 'error', this.lit(SAYS['length-out-of-range'] + words), x.v, [`(${conds.join(' OR ')})`]);
    }
    if (shape.pattern !== undefined) {
      const site = this.#next();
      const pattern = shape.pattern;
      if (compilePattern(pattern).engine === 'unchecked') {
        // Not checked by the audit either: named in the report where a value first reached it.
        const text = `SELECT s.file, s.line, s.item, s.o || '${x.ord ?? ''}${pad(site)}' AS ord, ${this.lit(pattern)} AS value FROM ${this.id(x.scope)} AS s${where([...x.guards, ...this.#defGuard()])}`;
        if (this.#register(text) === undefined) this.#unchecked.push(text);
      } else {
        const tr = translatePattern(pattern, d.regexFlavour);
        if ('reason' in tr) this.#skip(shape.origin, `the pattern /${pattern}/: ${tr.reason}`);
        else {
          const ok = tr.parts.map((p) => (p.negate ? `NOT ${d.matches(s, p.source)}` : d.matches(s, p.source))).join(' AND ');
          this.#row(x, site, 'pattern-mismatch', 'error', this.lit(`${SAYS['pattern-mismatch']}/${pattern}/`), x.v, [`NOT (${ok})`]);
        }
      }
    }
    if (shape.format !== undefined) {
      this.#row(x, this.#next(), 'format-mismatch', 'error', this.lit(SAYS['format-mismatch'] + shape.format), x.v, [`NOT coalesce(${formatTest(d, shape.format, s)}, false)`]);
    }
  }

  #numberChecks(shape: Shape, x: Node): void {
    const d = this.d;
    const checks: [string, number | undefined, string][] = [
      ['<', shape.minimum, '≥'],
      ['>', shape.maximum, '≤'],
      ['<=', shape.exclusiveMinimum, '>'],
      ['>=', shape.exclusiveMaximum, '<'],
    ];
    for (const [op, limit, word] of checks) {
      if (limit === undefined) continue;
      this.#row(x, this.#next(), 'out-of-range', 'error', this.lit(`${SAYS['out-of-range']}${word} ${limit}`), x.v, [`${d.numberValue(x.v)} ${op} ${d.double(limit)}`]);
    }
  }

  #arrayChecks(shape: Shape, x: Node, strict: boolean): void {
    const d = this.d;
    if (shape.minItems !== undefined || shape.maxItems !== undefined) {
      const len = d.arrayLength(x.v);
      const conds: string[] = [];
      if (shape.minItems !== undefined) conds.push(`${len} < ${shape.minItems}`);
      if (shape.maxItems !== undefined) conds.push(`${len} > ${shape.maxItems}`);
      const words = shape.minItems !== undefined && shape.maxItems !== undefined ? `between ${shape.minItems} and ${shape.maxItems} items` : shape.minItems !== undefined ? `at least ${shape.minItems} item${shape.minItems === 1 ? '' : 's'}` : `at most ${shape.maxItems} items`;
      this.#row(x, this.#next(), 'length-out-of-range', 'error', this.lit(SAYS['length-out-of-range'] + words), d.text(len), [`(${conds.join(' OR ')})`]);
    }
    if (shape.uniqueItems) {
      const site = this.#next();
      this.#skip(shape.origin, 'uniqueItems compares items that are lists or objects by their JSON text (key order counts), where the audit compares them by value', true);
      const scope = this.#elements(x, site);
      // Items equal as JSON Schema says: numbers by value (0 and -0 alike), strings by text.
      const key = `CASE WHEN ${d.isKind('s.v', ['number'])} THEN 'n' || ${d.text(`(${d.numberValue('s.v')} + 0.0)`)} WHEN ${d.isKind('s.v', ['string'])} THEN 's' || ${d.stringValue('s.v')} ELSE 'j' || s.v END`;
      const dup = this.#scope('u', `-- The first item equal to an earlier one, per array.\n  SELECT ${KEYS}, def, v, p, o, parent, parent_o FROM (SELECT s.*, row_number() OVER (PARTITION BY s.file, s.line, s.item, s.parent ORDER BY s.i) AS first FROM (SELECT s.*, row_number() OVER (PARTITION BY s.file, s.line, s.item, s.parent, ${key} ORDER BY s.i) AS seen FROM ${this.id(scope)} AS s) AS s WHERE seen > 1) AS s WHERE first = 1`);
      const check: Check = { scope: dup, values: ["'not-unique'", "'error'", 's.p', this.lit(SAYS['not-unique']!), 's.v', `s.parent_o || '${pad(site)}'`], conds: this.#defGuard() };
      this.#check(checkText(check), check);
    }
    if (shape.items) {
      const site = this.#next();
      const scope = this.#elements(x, site);
      this.#value(shape.items, { scope, v: 's.v', pathBase: 's.p', pathSuffix: '', guards: [] }, strict);
    }
  }

  /** A CTE of the elements of the array `x`, one row each: path `…[i]`, order after `site`. */
  #elements(x: Node, site: number): string {
    const d = this.d;
    const path = renderPath(this.d, x);
    const exploded = d.explodeElements(`${this.id(x.scope)} AS s`, x.v, [...x.guards, ...this.#defGuard(), 'true'].join(' AND '));
    return this.#scope('a', `SELECT ${KEYS.split(', ').map((k) => `s.${k}`).join(', ')}, s.def, s.ev AS v, ${path} || '[' || ${d.text('s.ei')} || ']' AS p, s.o || '${x.ord ?? ''}${pad(site)}' || ${d.padded('s.ei', 10)} AS o, s.ei AS i, ${path} AS parent, s.o || '${x.ord ?? ''}' AS parent_o\n  FROM (${exploded}) AS s`);
  }

  #objectChecks(shape: Shape, x: Node, strict: boolean): void {
    const d = this.d;
    const fields = shape.properties ?? [];
    const extra = shape.additionalProperties;
    const closed = extra === false || (extra === undefined && strict && shape.properties !== undefined);
    const lenient = !closed && extra === undefined && shape.properties !== undefined;
    for (const f of fields) {
      const y = d.member(x.v, f.name);
      const at: Node = { ...x, v: y, pathSuffix: x.pathSuffix + keySegment(f.name) };
      const site = this.#next();
      if (f.required) this.#row(at, site, 'missing-required', 'error', this.lit(SAYS['missing-required']!), 'NULL', [`${y} IS NULL`]);
      this.#value(f.shape, guarded(at, `${y} IS NOT NULL`), strict);
    }
    if (closed) this.#unplannedKeys(x, fields.map((f) => f.name), 'closed', strict);
    else if (lenient) this.#unplannedKeys(x, fields.map((f) => f.name), 'lenient', strict);
    else if (typeof extra === 'object') this.#unplannedKeys(x, fields.map((f) => f.name), extra, strict);
  }

  /** Keys of the object `x` not in `known`: reported (closed: errors; lenient: warnings) or checked against a shape. */
  #unplannedKeys(x: Node, known: readonly string[], mode: 'closed' | 'lenient' | Shape, strict: boolean): void {
    const node = this.#keysScope(x, this.#next(), known, false);
    if (mode === 'closed') this.#row(node, 0, 'unplanned-property', 'error', this.lit(SAYS['unplanned-property']!), 's.v', [], true);
    else if (mode === 'lenient') this.#row(node, 0, 'unplanned-property', 'warn', this.lit(RULE_OPENINGS[RULE_IDS.length]!), 's.v', [], true);
    else this.#value(mode, node, strict);
  }

  /** A scope of the members of the object `x` whose key is not in `known`, ordered after `site` (with the key as `k` when `withKey`). */
  #keysScope(x: Node, site: number, known: readonly string[], withKey: boolean): Node {
    const d = this.d;
    const key = 's.ek';
    const segment = `CASE WHEN ${d.matches(key, this.#re(BARE_KEY.source))} THEN '.' || ${key} ELSE '[' || ${d.quoteJson(key)} || ']' END`;
    // JavaScript's for-in order: keys that are array indexes first, by value, then the others as written.
    const order = `CASE WHEN ${d.matches(key, this.#re('^(0|[1-9][0-9]{0,9})$'))} AND ${d.int(key)} < 4294967295 THEN 'a' || ${d.padded(d.int(key), 10)} ELSE 'b' || ${d.padded('s.en', 10)} END`;
    const skip = known.length > 0 ? ` WHERE NOT ${d.oneOf(key, known.map((n) => this.lit(n)))}` : '';
    const exploded = d.explodeMembers(`${this.id(x.scope)} AS s`, x.v, [...x.guards, ...this.#defGuard(), 'true'].join(' AND '));
    const scope = this.#scope('k', `-- ${withKey ? 'Every key' : 'Keys the plan does not name'} at ${oneLine(renderPath(d, x))}.\n  SELECT ${KEYS.split(', ').map((k) => `s.${k}`).join(', ')}, s.def, s.ev AS v, ${renderPath(d, x)} || ${segment} AS p, s.o || '${x.ord ?? ''}${pad(site)}' || ${order} AS o${withKey ? `, ${key} AS k` : ''}\n  FROM (${exploded}) AS s${skip}`);
    return { scope, v: 's.v', pathBase: 's.p', pathSuffix: '', guards: [] };
  }

  // ---- output ---------------------------------------------------------------------------

  /** `def IN (…)` for the messages whose property is being compiled (a placeholder, filled by #assemble). */
  #defGuard(): string[] {
    return this.#defs ? [DEFS] : [];
  }

  /** Note a text that holds the placeholder, joining the current messages to it: undefined when it is new. */
  #register(text: string): { name?: string; ids: Set<number> } | undefined {
    if (!text.includes(DEFS) || !this.#defs) return undefined;
    const seen = this.#shared.get(text);
    if (seen) {
      for (const id of this.#defs) seen.ids.add(id);
      return seen;
    }
    this.#shared.set(text, { ids: new Set(this.#defs) });
    return undefined;
  }

  /** A check, written once whatever the number of properties it serves. */
  #check(text: string, check: Check): void {
    if (this.#register(text) !== undefined) return;
    if (!text.includes(DEFS) && this.#plain.has(text)) return;
    this.#plain.add(text);
    this.#checks.push({ text, check });
  }

  /** A CTE (its name starting with `prefix`) for `body`, or the one already written with the same body. */
  #scope(prefix: string, body: string): string {
    const seen = this.#register(body) ?? this.#bodies.get(body);
    if (seen?.name) return seen.name;
    const name = `${prefix}${this.#scopes++}`;
    if (body.includes(DEFS) && this.#defs) this.#shared.get(body)!.name = name;
    else this.#bodies.set(body, { name, ids: new Set() });
    this.#ctes.push({ name, body });
    return name;
  }

  readonly #plain = new Set<string>();
  readonly #bodies = new Map<string, { name?: string; ids: Set<number> }>();

  /** An RE2 source (as written here) in the dialect's flavour. */
  #re(source: string): string {
    return forFlavour(source, this.d.regexFlavour);
  }

  #next(): number {
    return this.#site++;
  }

  /** A check: one finding per row of `x`'s scope where `x`'s guards and `conds` hold. */
  #row(x: Node, site: number, code: string, severity: 'error' | 'warn', detail: string, value: string, conds: readonly string[], siteInScope = false): void {
    const codeSql = code.startsWith('CASE ') ? code : this.lit(code);
    const ord = x.scope === 'messages' ? `'${pad(site)}'` : siteInScope ? 's.o' : `s.o || '${x.ord ?? ''}${pad(site)}'`;
    const check: Check = { scope: x.scope, values: [codeSql, `'${severity}'`, renderPath(this.d, x), detail, value, ord], conds: [...this.#defGuard(), ...x.guards, ...conds] };
    this.#check(checkText(check), check);
  }

  /** A check left out: named in `notChecked` (and in the rows) with where the plan has it. */
  #skip(origin: Origin, what: string, partial = false): void {
    const text = `${origin.file}: ${origin.path.join('.')}: ${what}${partial ? '' : ' (not checked)'}`;
    if (!this.notChecked.includes(text)) this.notChecked.push(text);
  }

  #assemble(): string {
    const d = this.d;
    const x = (n: string) => this.id(n);
    const row = (given: Record<string, string>) => ROW_COLUMNS.map((c) => `${given[c] ?? `CAST(NULL AS ${columnType(c, this.d.textType)})`} AS ${c}`).join(', ');
    // Each text's placeholder becomes the messages it serves.
    const fill = (text: string) => {
      if (!text.includes(DEFS)) return text;
      const ids = [...this.#shared.get(text)!.ids].sort((a, b) => a - b);
      return text.split(DEFS).join(defTest(d, ids));
    };
    const cteTexts = this.#ctes.map((c) => (typeof c === 'string' ? c : `${this.id(c.name)} AS ${d.materialized}(\n  ${fill(c.body)}\n)`));
    this.#unchecked.splice(0, this.#unchecked.length, ...this.#unchecked.map((c) => fill(c)));
    // One pass per scope: its checks' findings are candidate rows of each of its rows, kept
    // where their conditions hold (a check's placeholder becomes the messages it serves).
    const byScope = new Map<string, Candidate[]>();
    for (const { text, check } of this.#checks) {
      const ids = text.includes(DEFS) ? [...this.#shared.get(text)!.ids].sort((a, b) => a - b) : [];
      const conds = check.conds.filter((c) => c !== DEFS).map((c) => c.split(DEFS).join(defTest(d, ids)));
      const list = byScope.get(check.scope) ?? [];
      list.push({ when: conds.length > 0 ? conds.join(' AND ') : 'true', values: check.values, ...(check.conds.includes(DEFS) ? { guard: defTest(d, ids) } : {}) });
      byScope.set(check.scope, list);
    }
    const passes = [...byScope].map(([scope, candidates]) => d.candidateRows(`${x(scope)} AS s`, KEYS.split(', '), FINDING_COLUMNS, candidates));
    const findings = passes.length > 0 ? passes.join('\n  UNION ALL\n  ') : `SELECT ${KEYS}, CAST(NULL AS ${this.d.textType}) AS code, CAST(NULL AS ${this.d.textType}) AS severity, CAST(NULL AS ${this.d.textType}) AS path, CAST(NULL AS ${this.d.textType}) AS detail, CAST(NULL AS ${this.d.textType}) AS value, CAST(NULL AS ${this.d.textType}) AS ord FROM ${x('messages')} WHERE false`;
    const ctes = [...cteTexts, `${x('findings')} AS (\n  ${findings}\n)`];
    ctes[ctes.length - 1] = `${x('findings')} AS ${d.materialized}(\n  ${findings}\n)`;
    const parts: string[] = [];
    parts.push(`SELECT ${row({ kind: "'input'", file: 'file', lines: 'CAST(count(raw) AS BIGINT)', blank: "CAST(sum(CASE WHEN state = 'blank' THEN 1 ELSE 0 END) AS BIGINT)", bytes: 'CAST(sum(size) AS BIGINT)' })} FROM ${x('lines')} GROUP BY file`);
    parts.push(`SELECT ${row({ kind: "'bad-input'", file: 'file', line: 'line', code: `CASE state WHEN 'long' THEN 'malformed-message' ELSE 'invalid-json' END`, detail: "CASE state WHEN 'long' THEN 'too-long' ELSE 'not-json' END", value: `CASE state WHEN 'long' THEN ${d.text(byteLength(d, 'raw'))} ELSE raw END` })} FROM ${x('lines')} WHERE state IN ('long', 'bad')`);
    parts.push(`SELECT ${row({ kind: "'bad-input'", file: 'file', line: 'line', item: 'CASE WHEN item < 0 THEN NULL ELSE item END', code: "'malformed-message'", detail: "'not-a-message'", value: 'm' })} FROM ${x('typed')} AS t WHERE type IS NULL OR (type = 'track' AND NOT coalesce(${d.isKind(this.#readTop('', 'event'), ['string'])} AND ${d.stringValue(this.#readTop('', 'event'))} <> '', false))`);
    // Messages and their findings in one pass over `findings` (a message's `ts` on its side only): a message is valid when none of
    // its findings is an error (a join with a count of errors read `findings` twice, and Spark
    // and Trino compute a CTE again at each reference).
    const text = (c: string) => `CAST(NULL AS ${columnType(c, this.d.textType)}) AS ${c}`;
    const both = `SELECT 'message' AS kind, file, line, item, type, event, ${['code', 'severity', 'path', 'detail', 'value', 'ord'].map(text).join(', ')}, ts FROM ${x('messages')}\n    UNION ALL\n    SELECT 'violation' AS kind, file, line, item, type, event, code, severity, path, detail, value, ord, ${text('ts')} FROM ${x('findings')}`;
    parts.push(`SELECT ${row({ kind: 'kind', file: 'file', line: 'line', item: 'CASE WHEN item < 0 THEN NULL ELSE item END', type: 'type', event: 'event', valid: "CASE WHEN kind = 'message' THEN tp_errors = 0 END", code: 'code', severity: 'severity', path: 'path', detail: 'detail', value: 'value', ord: 'ord', ts: 'ts' })} FROM (SELECT u.*, sum(CASE WHEN u.severity = 'error' THEN 1 ELSE 0 END) OVER (PARTITION BY u.file, u.line, u.item) AS tp_errors FROM (\n    ${both}\n  ) AS u) AS u`);
    if (this.#unchecked.length > 0) {
      parts.push(`SELECT ${row({ kind: "'unchecked-pattern'", file: 'file', line: 'line', item: 'CASE WHEN item < 0 THEN NULL ELSE item END', value: 'value', ord: 'ord' })} FROM (SELECT u.*, row_number() OVER (PARTITION BY value ORDER BY file, line, item, ord) AS n FROM (${this.#unchecked.join(' UNION ALL ')}) AS u) AS u WHERE n = 1`);
    }
    for (const text of this.notChecked) parts.push(`SELECT ${row({ kind: "'not-checked'", detail: this.lit(text) })}`);
    const order = `ORDER BY CASE kind WHEN 'not-checked' THEN 0 WHEN 'input' THEN 1 ELSE 2 END, file, line, item NULLS FIRST, CASE kind WHEN 'bad-input' THEN 0 WHEN 'message' THEN 1 WHEN 'unchecked-pattern' THEN 2 ELSE 3 END, ord, path, code, detail`;
    return `-- trackplan sql (${d.name}): one row per violation, message, input and bad input (docs/sql.md).\nWITH\n${ctes.join(',\n')}\nSELECT * FROM (\n  ${parts.join('\n  UNION ALL\n  ')}\n) AS r\n${order}\n`;
  }
}

/**
 * A check over one scope: the values of its finding (FINDING_COLUMNS, SQL over the scope's row
 * `s`) where every condition holds. The checks of a scope are computed together, in one pass
 * over it (#assemble).
 */
interface Check {
  scope: string;
  values: readonly string[];
  conds: readonly string[];
}

/** A finding's columns after the scope's keys (KEYS). */
const FINDING_COLUMNS = ['code', 'severity', 'path', 'detail', 'value', 'ord'] as const;

/** What identifies a check: two equal texts are one check, whatever messages each serves. */
function checkText(c: Check): string {
  return `${c.scope}\u0000${c.values.join('\u0000')}\u0000${c.conds.join('\u0000')}`;
}

/**
 * `s.def` is one of `ids` (sorted): runs of consecutive numbers as ranges, the rest as a list.
 * A property most events share is then one range, not a list of thousands of constants that
 * the engine folds and searches for every check (the 2,000-event plan's query took DuckDB 16 s
 * to prepare with lists).
 */
function defTest(d: Dialect, ids: readonly number[]): string {
  const parts: string[] = [];
  const single: string[] = [];
  for (let i = 0; i < ids.length; ) {
    let j = i;
    while (j + 1 < ids.length && ids[j + 1] === ids[j]! + 1) j++;
    if (j - i >= 2) parts.push(`s.def BETWEEN ${ids[i]} AND ${ids[j]}`);
    else for (let k = i; k <= j; k++) single.push(String(ids[k]));
    i = j + 1;
  }
  if (single.length > 0) parts.push(single.length === 1 ? `s.def = ${single[0]}` : d.oneOf('s.def', single));
  return parts.length === 1 ? parts[0]! : `(${parts.join(' OR ')})`;
}

function columnType(c: string, text: string): string {
  return c === 'line' || c === 'item' || c === 'lines' || c === 'blank' || c === 'bytes' ? 'BIGINT' : c === 'valid' ? 'BOOLEAN' : text;
}

/** `.name`, or `["odd key"]` for a key that is not an identifier (compile/validator/path.ts). */
function keySegment(name: string): string {
  return BARE_KEY.test(name) ? `.${name}` : `[${JSON.stringify(name)}]`;
}

function renderPath(d: Dialect, x: Node): string {
  return x.pathSuffix === '' ? x.pathBase : `${x.pathBase} || ${d.string(x.pathSuffix)}`;
}


/** A shape as its checks see it: without where it is written or what it says, so equal definitions compare equal. */
function shapeKey(shape: Shape): string {
  return JSON.stringify(shape, (k, v: unknown) => (k === 'origin' || k === 'description' || k === 'examples' || k === 'shared' || k === 'deprecated' ? undefined : v));
}

function guarded(x: Node, cond: string): Node {
  return { ...x, guards: [...x.guards, cond] };
}

function where(conds: readonly string[]): string {
  return conds.length === 0 ? '' : ` WHERE ${conds.join(' AND ')}`;
}

function pad(site: number): string {
  return String(site).padStart(5, '0');
}

/** Text for an SQL comment: one line, no comment end. */
function oneLine(s: string): string {
  return s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\*\//g, '* /');
}

function byteLength(d: Dialect, s: string): string {
  return d.byteLength(s);
}

/** A line with nothing to read: empty, or white space alone as JavaScript's trim() sees it, starting with a character ≤ U+0020. */
function blankTest(d: Dialect, s: string): string {
  const f = (re: string) => forFlavour(re, d.regexFlavour);
  return `(${s} = '' OR (${d.matches(s, f('^[\\x{0}-\\x{20}]'))} AND ${d.matches(s, f('^[\\t\\n\\x{B}\\x{C}\\r \\x{A0}\\x{1680}\\x{2000}-\\x{200A}\\x{2028}\\x{2029}\\x{202F}\\x{205F}\\x{3000}\\x{FEFF}]*$'))}))`;
}

