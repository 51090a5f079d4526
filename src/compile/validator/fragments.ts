import { _, Ajv } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { FORMAT_CHECKS, FORMAT_REGEXES, helperSource } from './helpers.js';

/**
 * Raw `schema:` fragments, compiled by ajv's standalone mode at generation time: the one
 * place where generated code uses ajv's output, since a fragment may hold any JSON Schema.
 * ajv's code refers to its small run-time helpers (`ucs2length`, `equal`) and to format
 * checks; we point those at our own helpers, so nothing from ajv is needed at run time.
 * The result is wrapped in one function scope, so its names cannot clash with ours.
 */
export function fragmentsSource(fragments: ReadonlyMap<string, string>): string {
  if (fragments.size === 0) return '';
  // ownProperties: JSON has no inherited keys (`required: [toString]` must not pass on `{}`).
  const ajv = new Ajv({ code: { source: true, esm: true, formats: _`FORMATS` }, strict: false, allErrors: false, allowUnionTypes: true, ownProperties: true, logger: false });
  for (const [name, f] of Object.entries(FORMAT_CHECKS)) {
    // ajv writes a regular expression into its code as it is, and refers to a function by
    // name in FORMATS: both are our own checks.
    ajv.addFormat(name, FORMAT_REGEXES[f.helper] ?? (() => true));
  }
  const names: Record<string, string> = {};
  for (const [json, name] of fragments) {
    ajv.addSchema({ ...(JSON.parse(json) as object), $id: `trackplan:${name}` });
    names[name] = `trackplan:${name}`;
  }
  let code = standaloneCode.default(ajv, names)
    .replace(/^"use strict";/, '')
    .replace(/require\("ajv\/dist\/runtime\/ucs2length"\)\.default/g, 'ulen')
    .replace(/require\("ajv\/dist\/runtime\/equal"\)\.default/g, 'eq')
    .replace(/export const (\w+) =/g, 'const $1 =');
  const leftover = /require\("([^"]+)"\)/.exec(code);
  if (leftover) throw new Error(`a schema fragment needs ${leftover[1]} at run time, which generated code does not ship; simplify the fragment`);
  const formats = Object.entries(FORMAT_CHECKS).filter(([f]) => code.includes(`FORMATS[${JSON.stringify(f)}]`) || code.includes(`FORMATS.${f}`));
  const helpers = helperSource(['ulen', 'eq', ...formats.map(([, f]) => f.helper)], false);
  const table = `const FORMATS = { ${formats.map(([f, c]) => `${JSON.stringify(f)}: ${c.helper}`).join(', ')} };`;
  code = `${helpers}\n${table}\n${code}`;
  return `const { ${[...fragments.values()].join(', ')} } = /*#__PURE__*/ (() => {\n${code}\nreturn { ${[...fragments.values()].join(', ')} };\n})();`;
}
