import { createRequire } from 'node:module';
import { fragmentHash, fragmentId } from '../fragment-schema.js';
import { stableJson } from '../stable-json.js';
import { FORMAT_CHECKS, FORMAT_REGEXES, helperSource } from './helpers.js';

/**
 * Raw `schema:` fragments, compiled by ajv's standalone mode at generation time: the one
 * place where generated code uses ajv's output, since a fragment may hold any JSON Schema.
 * ajv's code refers to its small run-time helpers (`ucs2length`, `equal`) and to format
 * checks; we point those at our own helpers, so nothing from ajv is needed at run time.
 * The result is wrapped in one function scope, so its names cannot clash with ours.
 */
export function fragmentsSource(fragments: ReadonlyMap<string, string>): string {
  // Each fragment gets a scope of its own, so a bundler keeps only the ones used events need.
  return [...fragments].map(([json, name]) => oneFragment(JSON.parse(json) as object, name)).join('\n\n');
}

function oneFragment(schema: object, name: string): string {
  // Loaded here, not at start-up: most plans have no raw fragment, and ajv takes time to load.
  const require = createRequire(import.meta.url);
  const { _, Ajv } = require('ajv') as typeof import('ajv');
  const standaloneCode = require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js');
  // ownProperties: JSON has no inherited keys (`required: [toString]` must not pass on `{}`).
  const ajv = new Ajv({ code: { source: true, esm: true, formats: _`FORMATS` }, strict: false, allErrors: false, allowUnionTypes: true, ownProperties: true, logger: false });
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
  if (/\/\*# sourceURL=/.test(code)) throw new Error('a schema fragment\'s `$id` could not be kept out of generated code; simplify the fragment');
  const leftover = /const \w+ = require\("([^"]+)"\)/.exec(code);
  if (leftover) throw new Error(`a schema fragment needs ${leftover[1]} at run time, which generated code does not ship; simplify the fragment`);
  const formats = Object.entries(FORMAT_CHECKS).filter(([f]) => code.includes(`FORMATS[${JSON.stringify(f)}]`) || code.includes(`FORMATS.${f}`));
  const helpers = helperSource([...(/\bulen\b/.test(code) ? ['ulen'] : []), ...(/\beq\b/.test(code) ? ['eq'] : []), ...formats.map(([, f]) => f.helper)], false);
  const table = formats.length > 0 ? `const FORMATS = { ${formats.map(([f, c]) => `${JSON.stringify(f)}: ${c.helper}`).join(', ')} };` : '';
  code = [helpers, table, code].filter(Boolean).join('\n');
  return `const ${name} = /*#__PURE__*/ (() => {\n${code}\nreturn ${name};\n})();`;
}
