import type { MessageDef, Plan, Primitive, Shape } from '../../model/plan.js';
import { effectiveFields } from '../../model/segment-spec.js';
import { choosePatternEngine } from '../pattern/engine.js';
import { FORMAT_CHECKS, helperSource, RULE_IDS, WARN_UNPLANNED } from './helpers.js';
import { PathExpr } from './path.js';

/** Options of generated validator code. */
export interface EmitOptions {
  /** TypeScript (annotations, `export`) for generated clients, or plain JavaScript for the audit. */
  typed: boolean;
  /**
   * The audit's view: keys a non-strict plan allows are still reported, as warnings
   * (`strict: false` makes unplanned properties warnings, not silence).
   */
  warnUnplanned?: boolean;
  /** Patterns are built by `RX(source)`, which the audit replaces (a linear-time engine for risky ones). */
  regexFactory?: boolean;
  /**
   * The audit's layout (untyped only): the checks of each property at a fixed path go in a
   * function of their own, one for every message with the same property (same name, same
   * definition). A plan's events share most properties, so the hot code is a few functions
   * that V8 optimizes after a few hundred messages, once, rather than one large function per
   * event that each waits for its own thousands of calls and compiles the same checks again.
   */
  share?: boolean;
}

/** One message's validator: its function name and where its violations are rooted. */
export interface EmittedValidator {
  message: MessageDef;
  functionName: string;
}

/** The rule ids a violation can carry; the audit reports the same ids. */
export const VIOLATION_RULES = RULE_IDS;

const TYPE_WORDS: Record<Primitive, string> = {
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  object: 'an object',
  array: 'an array',
  null: 'null',
  any: 'any value',
};

/**
 * Emits validators straight from the plan model: one small function per message, one per
 * named type, no ajv at run time and no `eval`. Checks are ordered so valid data takes the
 * shortest path, and violation paths are only built when a violation is reported.
 */
/** How deep the audit's named types nest before a message counts as too deeply nested to check. */
export const MAX_TYPE_DEPTH = 500;

export class ValidatorEmitter {
  readonly #helpers = new Set<string>();
  readonly #typeFns = new Map<string, string>();
  readonly #typeQueue: string[] = [];
  readonly #moduleLines: string[] = [];
  readonly #regexVars = new Map<string, string>();
  readonly #setVars = new Map<string, string>();
  /** Shared property checks (`share`), by their code. */
  readonly #shared = new Map<string, string>();
  /** Emitting a message's own function (not a shared check or a named type's function). */
  #inMessage = false;
  /** How many messages' functions call each shared check. */
  readonly #messageUses = new Map<string, number>();
  /** Raw `schema:` fragments by their JSON, and the name of their compiled check. */
  readonly fragments = new Map<string, string>();
  #vars = 0;

  constructor(
    private readonly plan: Plan,
    private readonly options: EmitOptions,
  ) {}

  private t(ts: string): string {
    return this.options.typed ? ts : '';
  }

  /** A validator for a message's properties (or traits); returns the function's source. */
  message(m: MessageDef, functionName: string, exported = true): string {
    const root = PathExpr.root(m.kind === 'identify' || m.kind === 'group' ? 'traits' : 'properties');
    const body: string[] = [];
    const shape: Shape = { types: [{ kind: 'primitive', name: 'object' }], nullable: false, properties: effectiveFields(m), origin: m.origin };
    this.#inMessage = true;
    this.value(shape, 'd', root, body, m.strict, '  ');
    this.#inMessage = false;
    // The audit passes one list for every message (`e`), cleared before each call: one
    // allocation fewer per message across millions. Clients call it with the payload alone.
    const sig = this.options.typed ? `${exported ? 'export ' : ''}function ${functionName}(d: unknown): Violation[]` : `${exported ? 'export ' : ''}function ${functionName}(d, e = [])`;
    return this.options.typed ? `${sig} {\n  const e: Violation[] = [];\n${body.join('\n')}\n  return e;\n}` : `${sig} {\n${body.join('\n')}\n  return e;\n}`;
  }

  /**
   * A message's function once every message is emitted: a shared check that only this message
   * calls is called directly, so V8 may inline it (copying it into one function costs nothing).
   */
  finishMessage(code: string): string {
    const direct = code.replace(/\bvia\((pc\d+), /g, (call, fn: string) => ((this.#messageUses.get(fn) ?? 0) > 1 ? call : `${fn}(`));
    // Named types count how deep they nest (see namedTypes); each message starts from the top,
    // also after one that was too deep.
    return this.#guardsDepth() ? direct.replace(/\{\n/, '{\n  depth = 0;\n') : direct;
  }

  /**
   * The audit's named types (`share`) stop at a fixed depth: a type that holds itself (a
   * category's children) nests as deep as the data, and running out of stack instead would
   * depend on the thread and on where the call came from, not on the message alone.
   */
  #guardsDepth(): boolean {
    return this.options.share === true && !this.options.typed && this.#typeFns.size > 0;
  }

  /** Functions for the named types used so far (call after all messages). */
  namedTypes(): string {
    const out: string[] = [];
    for (let name = this.#typeQueue.shift(); name !== undefined; name = this.#typeQueue.shift()) {
      const t = this.plan.types.get(name);
      if (!t) continue;
      const body: string[] = [];
      this.value(t.shape, 'd', PathExpr.root(''), body, this.plan.strict, '  ');
      if (this.#guardsDepth()) {
        // Generated checks never return early: the count goes down on every normal way out.
        this.#helpers.add('depth');
        body.unshift(`  if (++depth > ${MAX_TYPE_DEPTH}) tooDeep();`);
        body.push('  depth--;');
      }
      out.push(`function ${this.#typeFns.get(name)}(d${this.t(': unknown')}, e${this.t(': Violation[]')})${this.t(': void')} {\n${body.join('\n')}\n}`);
    }
    return out.join('\n\n');
  }

  /** The helpers the module defines at its top level (after every message and named type). */
  get helperNames(): ReadonlySet<string> {
    return this.#helpers;
  }

  /** Module-level declarations (lazy regexes, enum sets) and the helpers used. */
  prelude(): string {
    const factory = this.options.regexFactory ? ['let RX = (s) => new RegExp(s, "u");\n/** Replace how patterns are compiled (the audit bounds risky ones). */\nexport function setRegexFactory(f) {\n  RX = f;\n}'] : [];
    return [helperSource(this.#helpers, this.options.typed), ...factory, ...this.#moduleLines].filter(Boolean).join('\n\n');
  }

  // ---- emitting checks -------------------------------------------------------------------

  private v(): string {
    return `v${this.#vars++}`;
  }

  /** Report a violation through the `bad` helper, which builds the message from the rule and `detail`. */
  private push(out: string[], ind: string, path: PathExpr, rule: (typeof VIOLATION_RULES)[number], detail: string, value: string): void {
    this.#helpers.add(this.options.warnUnplanned ? 'badWarn' : 'bad');
    out.push(`${ind}bad(e, ${path.render()}, ${VIOLATION_RULES.indexOf(rule)}, ${JSON.stringify(detail)}, ${value});`);
  }

  /** Checks of a present (non-undefined) value `x` against `shape`. */
  private value(shape: Shape, x: string, path: PathExpr, out: string[], strict: boolean, ind: string): void {
    if (shape.schema) {
      const json = JSON.stringify(shape.schema);
      let frag = this.fragments.get(json);
      if (!frag) {
        frag = `frag${this.fragments.size}`;
        this.fragments.set(json, frag);
      }
      this.#helpers.add('fragErr');
      out.push(`${ind}if (!${frag}(${x})) {`);
      this.push(out, ind + '  ', path, 'schema-mismatch', '', x);
      out[out.length - 1] = out[out.length - 1]!.replace(', "", ', `, fragErr(${frag}), `);
      out.push(`${ind}}`);
    }
    const hasAny = shape.types.length === 0 || shape.types.some((t) => t.kind === 'primitive' && t.name === 'any');
    const prims = new Set(shape.types.filter((t) => t.kind === 'primitive').map((t) => t.name));
    const named = shape.types.filter((t) => t.kind === 'named').map((t) => t.name);
    const allowsNull = hasAny || shape.nullable || prims.has('null') || (shape.enum?.includes(null) ?? false);
    const hasValueChecks = shape.enum !== undefined || shape.const !== undefined;

    // Only named types: their own validators judge the value, null included.
    if (!hasAny && prims.size === 0 && named.length > 0) {
      const inner = allowsNull ? ind + '  ' : ind;
      if (allowsNull) out.push(`${ind}if (${x} !== null) {`);
      this.namedBranch(named, x, path, out, inner, strict);
      this.valueChecks(shape, x, path, out, inner);
      if (allowsNull) out.push(`${ind}}`);
      return;
    }

    // `any` admits every type, but constraints such as `pattern` still apply to the values
    // of the type they concern (JSON Schema's rule), hence branches with no "else" error.
    const has = (p: Primitive) => hasAny || prims.has(p);
    const branches: { cond: string; kinds: string[] }[] = [];
    // null comes first when allowed: enum and const still judge it.
    if (allowsNull && hasValueChecks) branches.push({ cond: `${x} === null`, kinds: [] });
    else if (allowsNull && !hasAny) branches.push({ cond: `${x} === null`, kinds: ['skip'] });
    if (has('string')) branches.push({ cond: `typeof ${x} === "string"`, kinds: ['string'] });
    if (has('number')) branches.push({ cond: `typeof ${x} === "number" && isFinite(${x})`, kinds: ['number'] });
    else if (has('integer')) branches.push({ cond: `typeof ${x} === "number" && Number.isInteger(${x})`, kinds: ['number'] });
    if (has('boolean')) branches.push({ cond: `typeof ${x} === "boolean"`, kinds: [] });
    if (has('object')) {
      this.#helpers.add('isObj');
      branches.push({ cond: `isObj(${x})`, kinds: ['object'] });
    }
    if (has('array')) {
      this.#helpers.add('isArr');
      branches.push({ cond: `isArr(${x})`, kinds: ['array'] });
    }
    branches.forEach((b, i) => {
      out.push(`${ind}${i === 0 ? '' : '} else '}if (${b.cond}) {`);
      if (b.kinds[0] === 'skip') return;
      this.valueChecks(shape, x, path, out, ind + '  ');
      this.typedChecks(shape, x, path, out, ind + '  ', strict, b.kinds);
    });
    if (!hasAny) {
      if (branches.length > 0) out.push(`${ind}} else {`);
      const last = branches.length > 0 ? ind + '  ' : ind;
      if (named.length > 0) {
        this.namedBranch(named, x, path, out, last, strict);
        // Constraints beside a named type (enum, const) still apply to the value.
        this.valueChecks(shape, x, path, out, last);
      } else {
        const words = [...prims].filter((p) => p !== 'null').map((p) => TYPE_WORDS[p]);
        if (allowsNull) words.push('null');
        // `bad` reports null as `null-not-allowed` rather than a type mismatch.
        this.push(out, last, path, 'type-mismatch', words.join(' or '), x);
      }
    } else if (branches.length > 0 && hasValueChecks) {
      out.push(`${ind}} else {`);
      this.valueChecks(shape, x, path, out, ind + '  ');
    }
    if (branches.length > 0) out.push(`${ind}}`);
  }

  /** A value that must match one of several named types (JSON Schema `anyOf` of `$ref`s). */
  private namedBranch(named: readonly string[], x: string, path: PathExpr, out: string[], ind: string, strict: boolean): void {
    void strict;
    const fns = named.map((n) => this.typeFn(n));
    if (fns.length === 1) {
      const n = this.v();
      this.#helpers.add('pre');
      out.push(`${ind}const ${n} = e.length;`, `${ind}${fns[0]}(${x}, e);`, `${ind}if (e.length !== ${n}) pre(e, ${n}, ${path.render()});`);
      return;
    }
    // Try each; the value is valid if one accepts it. Otherwise report the closest attempt.
    const best = this.v();
    out.push(`${ind}let ${best}${this.t(': Violation[] | undefined')};`);
    for (const fn of fns) {
      const tmp = this.v();
      out.push(`${ind}if (${best} === undefined || ${best}.length > 0) {`, `${ind}  const ${tmp}${this.t(': Violation[]')} = [];`, `${ind}  ${fn}(${x}, ${tmp});`, `${ind}  if (${best} === undefined || ${tmp}.length < ${best}.length) ${best} = ${tmp};`, `${ind}}`);
    }
    this.#helpers.add('pre');
    out.push(`${ind}if (${best} !== undefined && ${best}.length > 0) {`, `${ind}  const n = e.length;`, `${ind}  e.push(...${best});`, `${ind}  pre(e, n, ${path.render()});`, `${ind}}`);
  }

  private typeFn(name: string): string {
    let fn = this.#typeFns.get(name);
    if (!fn) {
      fn = `vt_${name}`;
      this.#typeFns.set(name, fn);
      this.#typeQueue.push(name);
    }
    return fn;
  }

  /** enum and const: they apply to any type. */
  private valueChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string): void {
    if (shape.enum) {
      const values = shape.nullable && !shape.enum.includes(null) ? [...shape.enum, null] : shape.enum;
      const shown = values.slice(0, 10).map((v) => JSON.stringify(v)).join(', ') + (values.length > 10 ? ', …' : '');
      out.push(`${ind}if (!(${this.inEnum(values, x)})) {`);
      this.push(out, ind + '  ', path, 'not-in-enum', shown, x);
      out.push(`${ind}}`);
    }
    if (shape.const) {
      const c = shape.const.value;
      const allowNull = shape.nullable && c !== null ? ` && ${x} !== null` : '';
      let cond: string;
      if (c !== null && typeof c === 'object') {
        this.#helpers.add('eq');
        cond = `!eq(${x}, ${JSON.stringify(c)})`;
      } else cond = `${this.options.typed ? `(${x} as unknown)` : x} !== ${JSON.stringify(c)}`;
      out.push(`${ind}if (${cond}${allowNull}) {`);
      this.push(out, ind + '  ', path, 'const-mismatch', JSON.stringify(c), x);
      out.push(`${ind}}`);
    }
  }

  /** The name of a function holding the checks of a value at a fixed path (see `share`). */
  private sharedCheck(shape: Shape, path: PathExpr, strict: boolean): string {
    // Variables counted from zero, so the same checks give the same code, whatever came before.
    const vars = this.#vars;
    const inMessage = this.#inMessage;
    this.#vars = 0;
    this.#inMessage = false;
    const body: string[] = [];
    this.value(shape, 'd', path, body, strict, '  ');
    this.#vars = vars;
    this.#inMessage = inMessage;
    const code = body.join('\n');
    let fn = this.#shared.get(code);
    if (!fn) {
      fn = `pc${this.#shared.size}`;
      this.#shared.set(code, fn);
      this.#moduleLines.push(`function ${fn}(d, e) {\n${code}\n}`);
    }
    return fn;
  }

  private inEnum(values: readonly unknown[], x: string): string {
    const complex = values.filter((v) => v !== null && typeof v === 'object');
    const simple = values.filter((v) => v === null || typeof v !== 'object');
    const parts: string[] = [];
    if (simple.length > 16) {
      const key = JSON.stringify(simple);
      const set = this.hoist(key, 'en', (name) => `const ${name}${this.t(': ReadonlySet<unknown>')} = /*#__PURE__*/ new Set(${key});`);
      parts.push(`${set}.has(${x})`);
    } else if (simple.length > 2) {
      // Hoisted: an array literal in the check would be built again on every call.
      const list = this.hoist(`list:${JSON.stringify(simple)}`, 'el', (name) => `const ${name}${this.t(': readonly unknown[]')} = ${JSON.stringify(simple)};`);
      parts.push(`${list}.includes(${x})`);
    }
    // Compared as unknown: inside a `typeof` branch TypeScript would call a value of another
    // type (an enum on `any` or on a union) an impossible comparison.
    else parts.push(...simple.map((v) => `${this.options.typed ? `(${x} as unknown)` : x} === ${JSON.stringify(v)}`));
    if (complex.length > 0) {
      this.#helpers.add('eq');
      parts.push(...complex.map((v) => `eq(${x}, ${JSON.stringify(v)})`));
    }
    return parts.length > 0 ? parts.join(' || ') : 'false';
  }

  /** Checks that apply once the JSON type is known. */
  private typedChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string, strict: boolean, kinds: readonly string[]): void {
    if (kinds.includes('string')) this.stringChecks(shape, x, path, out, ind);
    if (kinds.includes('number')) this.numberChecks(shape, x, path, out, ind);
    if (kinds.includes('array')) this.arrayChecks(shape, x, path, out, ind, strict);
    if (kinds.includes('object')) this.objectChecks(shape, x, path, out, ind, strict);
  }

  private stringChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string): void {
    const guard = (body: () => void, cond: string) => {
      out.push(`${ind}if (${cond}) {`);
      body();
      out.push(`${ind}}`);
    };
    if (shape.minLength !== undefined || shape.maxLength !== undefined) {
      this.#helpers.add('ulen');
      const conds: string[] = [];
      // `length` counts UTF-16 units, an upper bound of code points: only count when it matters.
      if (shape.minLength !== undefined) conds.push(`(${x}.length < ${shape.minLength * 2} && ulen(${x}) < ${shape.minLength})`);
      if (shape.maxLength !== undefined) conds.push(`(${x}.length > ${shape.maxLength} && ulen(${x}) > ${shape.maxLength})`);
      const words = shape.minLength !== undefined && shape.maxLength !== undefined ? `between ${shape.minLength} and ${shape.maxLength} characters` : shape.minLength !== undefined ? `at least ${shape.minLength} character${shape.minLength === 1 ? '' : 's'}` : `at most ${shape.maxLength} characters`;
      guard(() => this.push(out, ind + '  ', path, 'length-out-of-range', words, x), conds.join(' || '));
    }
    if (shape.pattern !== undefined) {
      const re = this.regex(shape.pattern);
      // Generated clients carry no RE2: a pattern V8 is not proven to run in linear time could
      // hang the app on one long value (src/compile/pattern/linear.ts), so only the audit checks it.
      if (re === undefined) out.push(`${ind}// Pattern not checked here (V8 could take more than linear time on it): \`trackplan audit\` checks it.`);
      else guard(() => this.push(out, ind + '  ', path, 'pattern-mismatch', `/${shape.pattern}/`, x), `!(${re}).test(${x})`);
    }
    if (shape.format !== undefined) {
      const f = FORMAT_CHECKS[shape.format]!;
      this.#helpers.add(f.helper);
      guard(() => this.push(out, ind + '  ', path, 'format-mismatch', shape.format!, x), `!${f.expr(x)}`);
    }
  }

  /** The expression of a pattern's lazily built matcher; undefined when this module cannot run it safely. */
  private regex(pattern: string): string | undefined {
    // The audit's factory chooses the engine at run time (RE2 when V8 is not proven linear);
    // without it, V8 runs the pattern, or a rewriting of it with the same verdicts, if proven.
    const v8 = this.options.regexFactory ? pattern : choosePatternEngine(pattern).v8;
    if (v8 === undefined) return undefined;
    let v = this.#regexVars.get(pattern);
    if (!v) {
      v = `rx${this.#regexVars.size}`;
      this.#regexVars.set(pattern, v);
      // Compiled on first use, so a large plan costs nothing at start-up.
      this.#moduleLines.push(`let ${v}${this.t(': RegExp | undefined')};`);
    }
    return this.options.regexFactory ? `${v} ??= RX(${JSON.stringify(pattern)})` : `${v} ??= new RegExp(${JSON.stringify(v8)}, "u")`;
  }

  private numberChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string): void {
    const checks: [string | undefined, number | undefined, string, string][] = [
      ['<', shape.minimum, '≥', 'minimum'],
      ['>', shape.maximum, '≤', 'maximum'],
      ['<=', shape.exclusiveMinimum, '>', 'exclusiveMinimum'],
      ['>=', shape.exclusiveMaximum, '<', 'exclusiveMaximum'],
    ];
    for (const [op, limit, word] of checks) {
      if (limit === undefined) continue;
      out.push(`${ind}if (${x} ${op} ${limit}) {`);
      this.push(out, ind + '  ', path, 'out-of-range', `${word} ${limit}`, x);
      out.push(`${ind}}`);
    }
  }

  private arrayChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string, strict: boolean): void {
    if (shape.minItems !== undefined || shape.maxItems !== undefined) {
      const conds: string[] = [];
      if (shape.minItems !== undefined) conds.push(`${x}.length < ${shape.minItems}`);
      if (shape.maxItems !== undefined) conds.push(`${x}.length > ${shape.maxItems}`);
      const words = shape.minItems !== undefined && shape.maxItems !== undefined ? `between ${shape.minItems} and ${shape.maxItems} items` : shape.minItems !== undefined ? `at least ${shape.minItems} item${shape.minItems === 1 ? '' : 's'}` : `at most ${shape.maxItems} items`;
      out.push(`${ind}if (${conds.join(' || ')}) {`);
      this.push(out, ind + '  ', path, 'length-out-of-range', words, `${x}.length`);
      out.push(`${ind}}`);
    }
    if (shape.uniqueItems) {
      this.#helpers.add('dupAt');
      const d = this.v();
      out.push(`${ind}const ${d} = dupAt(${x});`, `${ind}if (${d} >= 0) {`);
      this.push(out, ind + '  ', path.index(d), 'not-unique', '', `${x}[${d}]`);
      out.push(`${ind}}`);
    }
    if (shape.items) {
      const i = this.v();
      const y = this.v();
      out.push(`${ind}for (let ${i} = 0; ${i} < ${x}.length; ${i}++) {`);
      // A hole or `undefined` in a JavaScript array is sent as null.
      out.push(`${ind}  const ${y} = ${x}[${i}] ?? null;`);
      this.value(shape.items, y, path.index(i), out, strict, ind + '  ');
      out.push(`${ind}}`);
    }
  }

  private objectChecks(shape: Shape, x: string, path: PathExpr, out: string[], ind: string, strict: boolean): void {
    const fields = shape.properties ?? [];
    const extra = shape.additionalProperties;
    const closed = extra === false || (extra === undefined && strict && shape.properties !== undefined);
    const lenient = !closed && extra === undefined && shape.properties !== undefined && this.options.warnUnplanned === true;
    const looks = closed || lenient || typeof extra === 'object';
    const share = this.options.share === true && !this.options.typed;
    // The audit counts the planned keys present, and looks for others only when the object
    // has more keys than that (rarely): counting keys is cheaper than naming each one.
    const counted = share && looks && fields.length > 0 ? this.v() : undefined;
    if (counted) out.push(`${ind}let ${counted} = 0;`);
    for (const f of fields) {
      const y = this.v();
      const read = f.name in Object.prototype || f.name === '__proto__' ? (this.#helpers.add('own'), `own(${x}, ${JSON.stringify(f.name)})`) : `${x}[${JSON.stringify(f.name)}]`;
      out.push(`${ind}const ${y} = ${read};`);
      if (f.required) {
        out.push(`${ind}if (${y} === undefined) {`);
        this.push(out, ind + '  ', path.key(f.name), 'missing-required', '', 'undefined');
        out.push(`${ind}} else {`);
      } else out.push(`${ind}if (${y} !== undefined) {`);
      if (counted) out.push(`${ind}  ${counted}++;`);
      const at = path.key(f.name);
      if (share && at.isStatic()) {
        const fn = this.sharedCheck(f.shape, at, strict);
        // A message's function calls shared checks through one shared call site (`via`), so V8
        // does not copy every check into every event's optimized code: compiling 50 events'
        // validators took 0.9 s of CPU in each thread, now a third of that.
        if (this.#inMessage) {
          this.#helpers.add('via');
          this.#messageUses.set(fn, (this.#messageUses.get(fn) ?? 0) + 1);
        }
        out.push(this.#inMessage ? `${ind}  via(${fn}, ${y}, e);` : `${ind}  ${fn}(${y}, e);`);
      } else this.value(f.shape, y, at, out, strict, ind + '  ');
      out.push(`${ind}}`);
    }
    if (!looks) return;
    if (counted) {
      this.#helpers.add('keyCount');
      if (closed || lenient) {
        // Reporting unplanned keys is out of line: compiled once per thread, not once per
        // message's function (a third of the audit's compile work for a 50-event plan).
        this.#helpers.add(lenient || this.options.warnUnplanned ? 'badWarn' : 'bad').add('unplanned');
        const rule = closed ? VIOLATION_RULES.indexOf('unplanned-property') : WARN_UNPLANNED;
        out.push(`${ind}if (keyCount(${x}) !== ${counted}) unplanned(${x}, e, ${path.render()}, ${path.isRoot()}, ${this.knownKeys(fields)}, ${rule});`);
        return;
      }
      out.push(`${ind}if (keyCount(${x}) !== ${counted}) {`);
      this.unplannedKeys(fields, extra, x, path, out, ind + '  ', strict, closed, lenient);
      out.push(`${ind}}`);
    } else this.unplannedKeys(fields, extra, x, path, out, ind, strict, closed, lenient);
  }

  /** A module-level set of an object's planned keys, shared by objects with the same keys. */
  private knownKeys(fields: readonly { name: string }[]): string {
    const names = JSON.stringify(fields.map((f) => f.name));
    return this.hoist(`known:${names}`, 'kn', (name) => `const ${name} = new Set(${names});`);
  }

  /** A module-level constant declared once per `key` (`declare` names it), so checks do not build it on every call. */
  private hoist(key: string, prefix: string, declare: (name: string) => string): string {
    let name = this.#setVars.get(key);
    if (!name) {
      name = `${prefix}${this.#setVars.size}`;
      this.#setVars.set(key, name);
      this.#moduleLines.push(declare(name));
    }
    return name;
  }

  /** Keys of `x` the plan does not name: reported (strict or lenient plans) or checked (`additionalProperties`). */
  private unplannedKeys(fields: readonly { name: string }[], extra: Shape['additionalProperties'], x: string, path: PathExpr, out: string[], ind: string, strict: boolean, closed: boolean, lenient: boolean): void {
    const k = this.v();
    out.push(`${ind}for (const ${k} in ${x}) {`);
    const known = fields.map((f) => JSON.stringify(f.name));
    const inner = ind + '  ';
    if (known.length > 0) out.push(`${inner}switch (${k}) {`, ...known.map((n) => `${inner}  case ${n}:`), `${inner}    continue;`, `${inner}}`);
    const y = this.v();
    out.push(`${inner}const ${y} = ${x}[${k}];`, `${inner}if (${y} === undefined) continue;`);
    this.#helpers.add('seg');
    if (closed) {
      this.push(out, inner, path.dynamicKey(k), 'unplanned-property', '', y);
    } else if (lenient) {
      this.#helpers.add('badWarn');
      out.push(`${inner}bad(e, ${path.dynamicKey(k).render()}, ${WARN_UNPLANNED}, "", ${y});`);
    } else if (typeof extra === 'object') {
      this.value(extra, y, path.dynamicKey(k), out, strict, inner);
    }
    out.push(`${ind}}`);
  }
}
