import { createRequire } from 'node:module';
import { fragmentHash, fragmentId } from '../fragment-schema.js';
import { choosePatternEngine } from '../pattern/engine.js';
import { stableJson } from '../stable-json.js';
import { FORMAT_CHECKS, FORMAT_REGEXES, helperSource } from './helpers.js';

/**
 * Raw `schema:` fragments, compiled by ajv's standalone mode at generation time: the one
 * place where generated code uses ajv's output, since a fragment may hold any JSON Schema.
 * ajv's code refers to its small run-time helpers (`ucs2length`, `equal`) and to format
 * checks; we point those at our own helpers, so nothing from ajv is needed at run time.
 * The result is wrapped in one function scope, so its names cannot clash with ours.
 */
export function fragmentsSource(fragments: ReadonlyMap<string, string>, regexFactory = false): string {
  // Each fragment gets a scope of its own, so a bundler keeps only the ones used events need.
  return [...fragments].map(([json, name]) => oneFragment(JSON.parse(json) as object, name, regexFactory)).join('\n\n');
}

function oneFragment(schema: object, name: string, regexFactory: boolean): string {
  // Loaded here, not at start-up: most plans have no raw fragment, and ajv takes time to load.
  const require = createRequire(import.meta.url);
  const { _, Ajv } = require('ajv') as typeof import('ajv');
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
  // ownProperties: JSON has no inherited keys (`required: [toString]` must not pass on `{}`).
  // ajv builds a fragment's `pattern`s and `patternProperties` keys by calling `regExp` (at
  // generation time, with each source) and names `regExp.code` in its output: `fragRx`, ours.
  const patterns: string[] = [];
  const regExp = Object.assign((source: string, flags: string) => (patterns.push(source), new RegExp(source, flags)), { code: 'fragRx' });
  const ajv = new Ajv({ code: { source: true, esm: true, formats: _`FORMATS`, regExp }, strict: false, allErrors: false, allowUnionTypes: true, ownProperties: true, logger: false });
  // ajv compares every pair of items for `uniqueItems` (quadratic on an untrusted array); our
  // dupAt looks each item up in a set.
  ajv.removeKeyword('uniqueItems');
  ajv.addKeyword({
    keyword: 'uniqueItems',
    type: 'array',
    schemaType: 'boolean',
    error: { message: 'must NOT have duplicate items' },
    code(cxt) {
      if (cxt.schema !== true) return;
      // `ref` runs while ajv compiles (its meta-schema uses uniqueItems too); `code` is what
      // standalone output names: the helper of the same name, defined in the fragment's scope.
      const dupAt = cxt.gen.scopeValue('func', { ref: dupAtHere(), code: _`dupAt` });
      cxt.fail(_`${dupAt}(${cxt.data}) >= 0`);
    },
  });
  for (const [format, f] of Object.entries(FORMAT_CHECKS)) {
    // ajv writes a regular expression into its code as it is, and refers to a function by
    // name in FORMATS: both are our own checks.
    ajv.addFormat(format, FORMAT_REGEXES[f.helper] ?? (() => true));
  }
  // Under the `$id` compiled schemas give it (its own, when it has one), so that references
  // inside resolve as they do there, and as when `check` compiled it alone.
  const id = fragmentId(schema as Record<string, unknown>, fragmentHash(stableJson(schema), 12));
  ajv.addSchema(schema, id);
  let code = standaloneCode.default(ajv, { [name]: id })
    // ajv names each function's schema in a comment, `$id` and all: one with `*/` in it would
    // end the comment and run as code (in the audit, and in clients).
    .replace(/\/\*# sourceURL="(?:[^"\\]|\\.)*" \*\//g, '')
    .replace(/^"use strict";/, '')
    // Only ajv's own declarations: the fragment's strings are in the code too (`enum: ["require(\"fs\")"]`).
    .replace(/(const \w+ = )require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, '$1ulen')
    .replace(/(const \w+ = )require\("ajv\/dist\/runtime\/equal"\)\.default/g, '$1eq')
    .replace(`export const ${name} =`, `const ${name} =`);
  if (/\/\*# sourceURL=/.test(code)) throw new FragmentError('a schema fragment\'s `$id` could not be kept out of generated code; simplify the fragment');
  const leftover = /const \w+ = require\("([^"]+)"\)/.exec(code);
  if (leftover) throw new FragmentError(`a schema fragment needs ${leftover[1]} at run time, which generated code does not ship; simplify the fragment`);
  const formats = Object.entries(FORMAT_CHECKS).filter(([f]) => code.includes(`FORMATS[${JSON.stringify(f)}]`) || code.includes(`FORMATS.${f}`));
  const helpers = helperSource([...(/\bulen\b/.test(code) ? ['ulen'] : []), ...(/\beq\b/.test(code) ? ['eq'] : []), ...(/\bdupAt\b/.test(code) ? ['dupAt'] : []), ...formats.map(([, f]) => f.helper)], false);
  const table = formats.length > 0 ? `const FORMATS = { ${formats.map(([f, c]) => `${JSON.stringify(f)}: ${c.helper}`).join(', ')} };` : '';
  code = [helpers, table, patterns.length > 0 ? fragRx(patterns, keyPatterns(schema), regexFactory) : '', code].filter(Boolean).join('\n');
  return `const ${name} = /*#__PURE__*/ (() => {\n${code}\nreturn ${name};\n})();`;
}

let dupAtFn: ((a: readonly unknown[]) => number) | undefined;
/** Our dupAt helper as a function of this process, made from the very source clients get. */
function dupAtHere(): (a: readonly unknown[]) => number {
  return (dupAtFn ??= new Function(`${helperSource(['dupAt'], false)}\nreturn dupAt;`)() as (a: readonly unknown[]) => number);
}

/** A raw fragment that generated clients cannot check safely (the CLI reports it as bad input). */
export class FragmentError extends Error {
  override name = 'FragmentError';
}

/**
 * The patterns of a fragment, held to the rule of the plan's own (src/compile/pattern): in the
 * audit, built by its factory `RX` on first use (it is set after the module loads); elsewhere,
 * on V8 when proven linear there, else not checked (a matcher that passes everything). A
 * `patternProperties` key has no such neutral answer (it chooses which schema a property
 * gets), so one that is not proven stops generation with what to do.
 */
function fragRx(patterns: string[], keys: ReadonlySet<string>, regexFactory: boolean): string {
  if (regexFactory) return 'const fragRx = (s) => {\n  let re;\n  return { test: (v) => (re ??= RX(s)).test(v) };\n};';
  const v8 = [...new Set(patterns)].flatMap((p) => {
    const source = choosePatternEngine(p).v8;
    if (source === undefined && keys.has(p)) throw new FragmentError(`a schema fragment's patternProperties key ${JSON.stringify(p)} could take V8 more than linear time on a long property name, and generated clients carry no linear-time engine; rewrite it without nested or overlapping repetitions, anchored with ^ (\`trackplan audit\` checks it as it is)`);
    return source === undefined ? [] : [[p, source]];
  });
  return `const fragV8 = new Map(${JSON.stringify(v8)});\nconst fragRx = (s) => {\n  const v8 = fragV8.get(s);\n  return v8 === undefined ? { test: () => true } : new RegExp(v8, "u");\n};`;
}

/** Every `patternProperties` key anywhere in a schema. */
function keyPatterns(schema: unknown, out = new Set<string>()): Set<string> {
  if (schema === null || typeof schema !== 'object') return out;
  for (const [k, v] of Object.entries(schema)) {
    if (k === 'patternProperties' && v !== null && typeof v === 'object') for (const key of Object.keys(v)) out.add(key);
    keyPatterns(v, out);
  }
  return out;
}
