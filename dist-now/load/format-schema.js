import { createRequire } from 'node:module';
import { didYouMean } from '../diagnostics/suggest.js';
import { describePath } from './describe-path.js';
const require = createRequire(import.meta.url);
/** The JSON Schema of the plan format, shipped for editors and used by the loader itself. */
export const planFormatSchema = require('../../schema/trackplan.schema.json');
/**
 * The plan format's validator, compiled when the package is built (`npm run build` writes
 * ajv's standalone code beside this file): a run then neither loads ajv's compiler nor
 * compiles the schema, about 60 ms of every command's start. Tests that run the sources
 * compile it here instead; a test checks both give the same errors.
 */
export const PREBUILT_FORMAT_VALIDATOR = './plan-format.validator.cjs';
function newFormatAjv(source) {
    const { Ajv: AjvClass } = require('ajv');
    const ajv = new AjvClass({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true, ...(source ? { code: { source: true } } : {}) });
    // `errorMessage` is read by VS Code and by us; to ajv it is an annotation.
    ajv.addKeyword({ keyword: 'errorMessage', schemaType: 'string' });
    return ajv;
}
/** The plan format's validator compiled now (what runs when the prebuilt one is missing). */
export function compilePlanFormatValidator() {
    return newFormatAjv(false).compile(planFormatSchema);
}
/** ajv's standalone code of the plan format's validator (for the build). */
export function planFormatValidatorSource() {
    const ajv = newFormatAjv(true);
    const standalone = require('ajv/dist/standalone/index.js').default;
    return standalone(ajv, ajv.compile(planFormatSchema));
}
const validators = new WeakMap();
function getValidator(schema) {
    let validator = validators.get(schema);
    if (!validator && schema === planFormatSchema) {
        try {
            validator = require(PREBUILT_FORMAT_VALIDATOR);
        }
        catch (e) {
            if (e.code !== 'MODULE_NOT_FOUND')
                throw e;
        }
    }
    validator ??= newFormatAjv(false).compile(schema);
    validators.set(schema, validator);
    return validator;
}
/** Check parsed plan data against the format schema; every problem becomes a located diagnostic. */
export function validateFormat(value, file, sourceMap) {
    return validateAgainst(planFormatSchema, value, file, sourceMap);
}
/** Check parsed YAML against any JSON Schema of ours (the plan format, the config file). */
export function validateAgainst(schema, value, file, sourceMap) {
    const validate = getValidator(schema);
    if (validate(value))
        return [];
    const out = [];
    const seen = new Set();
    for (const e of validate.errors ?? []) {
        const d = toDiagnostic(e, file, sourceMap, value);
        if (!d)
            continue;
        const key = `${d.code}|${d.path.join('\u0000')}|${d.message}`;
        if (seen.has(key))
            continue;
        seen.add(key);
        out.push(d);
    }
    return out;
}
function toDiagnostic(e, file, sourceMap, root) {
    // An if/then/else only says "must match then schema"; the branch's own error says why.
    if (e.keyword === 'if')
        return undefined;
    const path = pointerToPath(e.instancePath, root);
    const where = describePath(path);
    const parent = (e.parentSchema ?? {});
    const custom = typeof parent['errorMessage'] === 'string' ? parent['errorMessage'] : undefined;
    const at = (p, code, message, loc = 'value') => {
        const range = sourceMap.locate(p, loc);
        return { code, severity: 'error', message, file, path: p, ...(range ? { range } : {}) };
    };
    switch (e.keyword) {
        case 'additionalProperties': {
            const key = String(e.params.additionalProperty);
            const known = Object.keys((parent['properties'] ?? {}));
            return at([...path, key], 'unknown-key', `Unknown key \`${key}\` in ${where}.${didYouMean(key, known) || ` Allowed keys: ${known.join(', ')}.`}`, 'key');
        }
        case 'propertyNames': return undefined; // the nested pattern error names the key
        case 'type': {
            if (custom)
                return at(path, 'wrong-type', `${capital(where)} ${custom}, not ${kindOf(e.data)}.`);
            const expected = String(e.params.type).replace(/,/g, ' or ');
            const hint = path[path.length - 1] === 'version' && typeof e.data === 'number' ? ' Quote it: `version: "1.0.0"`.' : '';
            return at(path, 'wrong-type', `${capital(where)} must be ${article(expected)}, not ${kindOf(e.data)}.${hint}`);
        }
        case 'enum': {
            const allowed = e.params.allowedValues.map(String);
            return at(path, 'invalid-value', `${capital(where)} must be one of ${allowed.join(', ')}.${didYouMean(String(e.data), allowed)}`);
        }
        case 'const':
            return at(path, 'invalid-value', `${capital(where)} must be ${JSON.stringify(e.params.allowedValue)}.`);
        case 'required': {
            const missing = e.params.missingProperty;
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
            const { i, j } = e.params;
            const items = e.data;
            return at([...path, Math.max(i, j)], 'invalid-value', `${capital(where)} lists ${JSON.stringify(items[Math.max(i, j)])} twice (items ${Math.min(i, j) + 1} and ${Math.max(i, j) + 1}). Remove one.`);
        }
        case 'minItems':
        case 'minLength': {
            const limit = e.params.limit;
            const what = e.keyword === 'minItems' ? 'list at least' : 'have at least';
            const unit = e.keyword === 'minItems' ? (limit === 1 ? 'value' : 'values') : limit === 1 ? 'character' : 'characters';
            return at(path, 'invalid-value', limit === 1 ? `${capital(where)} must not be empty.` : `${capital(where)} must ${what} ${limit} ${unit}.`);
        }
        default:
            return at(path, 'invalid-value', `${capital(where)} ${e.message ?? 'is invalid'}.`);
    }
}
/** A JSON pointer as a plan path; segments that index a list become numbers. */
function pointerToPath(pointer, root) {
    if (pointer === '')
        return [];
    const out = [];
    let node = root;
    for (const raw of pointer.slice(1).split('/')) {
        const seg = raw.replace(/~1/g, '/').replace(/~0/g, '~');
        const key = Array.isArray(node) ? Number(seg) : seg;
        out.push(key);
        node = node !== null && typeof node === 'object' ? node[key] : undefined;
    }
    return out;
}
function kindOf(v) {
    if (v === null)
        return 'empty (null)';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'object')
        return 'a map';
    if (typeof v === 'string')
        return `the text ${JSON.stringify(v.length > 40 ? v.slice(0, 40) + '…' : v)}`;
    return `${typeof v} ${String(v)}`;
}
function article(t) {
    const names = { object: 'a map', array: 'a list', string: 'text', null: 'empty' };
    return t.split(' or ').map((x) => names[x] ?? `a ${x}`).join(' or ');
}
function capital(s) {
    return s.charAt(0).toUpperCase() + s.slice(1);
}
//# sourceMappingURL=format-schema.js.map