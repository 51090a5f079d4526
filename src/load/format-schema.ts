import { createRequire } from 'node:module';
import type { Ajv, ErrorObject, ValidateFunction } from 'ajv';
import type { Diagnostic, PlanPath } from '../diagnostics/diagnostic.js';
import { didYouMean } from '../diagnostics/suggest.js';
import type { SourceMap } from './source-map.js';
import { describePath } from './describe-path.js';

const require = createRequire(import.meta.url);
/** The JSON Schema of the plan format, shipped for editors and used by the loader itself. */
export const planFormatSchema = require('../../schema/trackplan.schema.json') as Record<string, unknown>;

/**
 * The plan format's validator, compiled when the package is built (`npm run build` writes
 * ajv's standalone code beside this file): a run then neither loads ajv's compiler nor
 * compiles the schema, about 60 ms of every command's start. Tests that run the sources
 * compile it here instead; a test checks both give the same errors.
 */
export const PREBUILT_FORMAT_VALIDATOR = './plan-format.validator.cjs';

function newFormatAjv(source: boolean): Ajv {
  const { Ajv: AjvClass } = require('ajv') as typeof import('ajv');
  const ajv = new AjvClass({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...(source ? { code: { source: true } } : {}) });
  // `errorMessage` is read by VS Code and by us; to ajv it is an annotation.
  ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
  return ajv;
}

/** The plan format's validator compiled now (what runs when the prebuilt one is missing). */
export function compilePlanFormatValidator(): ValidateFunction {
  return newFormatAjv(false).compile(planFormatSchema);
}

/** ajv's standalone code of the plan format's validator (for the build). */
export function planFormatValidatorSource(): string {
  const ajv = newFormatAjv(true);
  const standalone = (require('ajv/dist/standalone/index.js') as typeof import('ajv/dist/standalone/index.js')).default;
  return standalone(ajv, ajv.compile(planFormatSchema));
}

const validators = new WeakMap<object, ValidateFunction>();
function getValidator(schema: Record<string, unknown>): ValidateFunction {
  let validator = validators.get(schema);
  if (!validator && schema === planFormatSchema) {
    try {
      validator = require(PREBUILT_FORMAT_VALIDATOR) as ValidateFunction;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'MODULE_NOT_FOUND') throw e;
    }
  }
  validator ??= newFormatAjv(false).compile(schema);
  validators.set(schema, validator);
  return validator;
}

/** Check parsed plan data against the format schema; every problem becomes a located diagnostic. */
export function validateFormat(value: unknown, file: string, sourceMap: SourceMap): Diagnostic[] {
  return validateAgainst(planFormatSchema, value, file, sourceMap);
}

/** Check parsed YAML against any JSON Schema of ours (the plan format, the config file). */
export function validateAgainst(schema: Record<string, unknown>, value: unknown, file: string, sourceMap: SourceMap): Diagnostic[] {
  const validate = getValidator(schema);
  if (validate(value)) return [];
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const e of validate.errors ?? []) {
    const d = toDiagnostic(e, file, sourceMap, value, schema === planFormatSchema ? 'a plan is a map starting with `trackplan: 1`' : 'this file is a map of settings (`generate:`, `lint:`)');
    if (!d) continue;
    const key = `${d.code}|${d.path.join('\u0000')}|${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

function toDiagnostic(e: ErrorObject, file: string, sourceMap: SourceMap, root: unknown, whole: string): Diagnostic | undefined {
  // An if/then/else only says "must match then schema"; the branch's own error says why.
  if (e.keyword === 'if') return undefined;
  const path = pointerToPath(e.instancePath, root);
  const where = describePath(path);
  const parent = (e.parentSchema ?? {}) as Record<string, unknown>;
  const custom = typeof parent['errorMessage'] === 'string' ? (parent['errorMessage'] as string) : undefined;
  const at = (p: PlanPath, code: string, message: string, loc: 'key' | 'value' = 'value'): Diagnostic => {
    const range = sourceMap.locate(p, loc);
    return { code, severity: 'error', message, file, path: p, ...(range ? { range } : {}) };
  };
  switch (e.keyword) {
    case 'additionalProperties': {
      const key = String((e.params as { additionalProperty: string }).additionalProperty);
      const known = Object.keys((parent['properties'] ?? {}) as object);
      return at([...path, key], 'unknown-key', `Unknown key \`${key}\` in ${where}.${didYouMean(key, known) || ` Allowed keys: ${known.join(', ')}.`}`, 'key');
    }
    case 'propertyNames': return undefined; // the nested pattern error names the key
    case 'type': {
      // A whole file that is not a map is not a plan at all (a link to /etc/passwd, a secret):
      // say what it is, never quote it.
      if (path.length === 0) return at(path, 'wrong-type', `This file holds ${Array.isArray(e.data) ? 'a list' : typeof e.data === 'string' ? 'plain text' : `a single ${typeof e.data}`}, where ${whole}.`);
      if (custom) return at(path, 'wrong-type', `${capital(where)} ${custom}, not ${kindOf(e.data)}.`);
      const expected = String((e.params as { type: string | string[] }).type).replace(/,/g, ' or ');
      const hint = path[path.length - 1] === 'version' && typeof e.data === 'number' ? ' Quote it: `version: "1.0.0"`.' : '';
      return at(path, 'wrong-type', `${capital(where)} must be ${article(expected)}, not ${kindOf(e.data)}.${hint}`);
    }
    case 'enum': {
      const allowed = (e.params as { allowedValues: unknown[] }).allowedValues.map(String);
      // Parsed maps have no prototype, so `String()` of one throws: name what it is instead.
      const got = e.data !== null && typeof e.data === 'object' ? ` It is ${kindOf(e.data)}.` : didYouMean(String(e.data), allowed);
      return at(path, 'invalid-value', `${capital(where)} must be one of ${allowed.join(', ')}.${got}`);
    }
    case 'const':
      return at(path, 'invalid-value', `${capital(where)} must be ${JSON.stringify((e.params as { allowedValue: unknown }).allowedValue)}.`);
    case 'required': {
      const missing = (e.params as { missingProperty: string }).missingProperty;
      return at(path, 'missing-key', `${capital(where)} needs \`${missing}\`.`);
    }
    case 'not':
    case 'pattern': {
      // A pattern inside `propertyNames` describes the key itself.
      if (e.propertyName !== undefined) {
        return at([...path, e.propertyName], 'invalid-name', `\`${e.propertyName}\` is not a valid name in ${where}: ${custom ?? 'it does not match the allowed pattern'}.`, 'key');
      }
      return at(path, 'invalid-value', `${capital(where)} ${custom ?? `must match ${String(parent['pattern'])}`}, not ${JSON.stringify(e.data)}.`);
    }
    case 'uniqueItems': {
      const { i, j } = e.params as { i: number; j: number };
      const items = e.data as unknown[];
      return at([...path, Math.max(i, j)], 'invalid-value', `${capital(where)} lists ${JSON.stringify(items[Math.max(i, j)])} twice (items ${Math.min(i, j) + 1} and ${Math.max(i, j) + 1}). Remove one.`);
    }
    case 'minItems':
    case 'minLength': {
      const limit = (e.params as { limit: number }).limit;
      const what = e.keyword === 'minItems' ? 'list at least' : 'have at least';
      const unit = e.keyword === 'minItems' ? (limit === 1 ? 'value' : 'values') : limit === 1 ? 'character' : 'characters';
      return at(path, 'invalid-value', limit === 1 ? `${capital(where)} must not be empty.` : `${capital(where)} must ${what} ${limit} ${unit}.`);
    }
    default:
      return at(path, 'invalid-value', `${capital(where)} ${e.message ?? 'is invalid'}.`);
  }
}

/** A JSON pointer as a plan path; segments that index a list become numbers. */
function pointerToPath(pointer: string, root: unknown): PlanPath {
  if (pointer === '') return [];
  const out: (string | number)[] = [];
  let node = root;
  for (const raw of pointer.slice(1).split('/')) {
    const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    const key = Array.isArray(node) ? Number(seg) : seg;
    out.push(key);
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key as string] : undefined;
  }
  return out;
}

function kindOf(v: unknown): string {
  if (v === null) return 'empty (null)';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
  return `${typeof v} ${String(v)}`;
}

function article(t: string): string {
  const names: Record<string, string> = { object: 'a map', array: 'a list', string: 'text', null: 'empty' };
  return t.split(' or ').map((x) => names[x] ?? `a ${x}`).join(' or ');
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
