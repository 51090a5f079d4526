import { asMap, own } from './context.js';
import { checkFragment } from './check-fragment.js';
const ALL = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];
/** Keywords that only constrain some types, for the "has no effect" warning. */
const APPLIES_TO = {
    pattern: ['string'],
    format: ['string'],
    minLength: ['string'],
    maxLength: ['string'],
    minimum: ['number', 'integer'],
    maximum: ['number', 'integer'],
    exclusiveMinimum: ['number', 'integer'],
    exclusiveMaximum: ['number', 'integer'],
    items: ['array'],
    minItems: ['array'],
    maxItems: ['array'],
    uniqueItems: ['array'],
    properties: ['object'],
    additionalProperties: ['object'],
};
/** Semantic checks the format schema cannot express: values against types, ranges, regexes. */
export function checkShape(shape, at, ctx) {
    const prims = primitivesOf(shape.types, ctx);
    const allowsNull = shape.nullable || prims.has('null');
    if (shape.pattern !== undefined) {
        try {
            // JSON Schema patterns are ECMA-262 with the `u` flag, as ajv compiles them.
            new RegExp(shape.pattern, 'u');
        }
        catch (e) {
            ctx.report(at('pattern'), 'invalid-pattern', `\`pattern\` is not a valid regular expression: ${e.message.replace(/^Invalid regular expression: /, '')}. Fix it, or escape characters meant literally (\`\\.\`, \`\\{\`).`);
        }
    }
    if (shape.enum) {
        const seen = new Map();
        shape.enum.forEach((v, i) => {
            const key = JSON.stringify(v);
            if (seen.has(key)) {
                ctx.report(child(at('enum'), i), 'duplicate-enum-value', `Enum value ${key} is listed twice (also item ${seen.get(key) + 1}). Remove one.`);
            }
            else
                seen.set(key, i);
            if (!matches(v, prims, allowsNull)) {
                const fix = v === null ? ' Add `nullable: true` to allow null.' : ' Change the value or the type.';
                ctx.report(child(at('enum'), i), 'enum-type-mismatch', `Enum value ${key} is ${describe(v)}, but the type is ${typeList(shape.types, shape.nullable)}.${fix}`);
            }
        });
    }
    if (shape.const && !matches(shape.const.value, prims, allowsNull)) {
        const fix = shape.const.value === null ? ' Add `nullable: true` to allow null.' : '';
        ctx.report(at('const'), 'const-type-mismatch', `\`const\` ${JSON.stringify(shape.const.value)} is ${describe(shape.const.value)}, but the type is ${typeList(shape.types, shape.nullable)}.${fix}`);
    }
    if (shape.enum && shape.const && !shape.enum.some((v) => JSON.stringify(v) === JSON.stringify(shape.const.value))) {
        ctx.report(at('const'), 'const-type-mismatch', '`const` is not one of the `enum` values, so no value can pass. Remove one of them.');
    }
    shape.examples?.forEach((v, i) => {
        if (!matches(v, prims, allowsNull)) {
            ctx.report(child(at('examples'), i), 'example-type-mismatch', `Example ${JSON.stringify(v)} is ${describe(v)}, but the type is ${typeList(shape.types, shape.nullable)}.`, { severity: 'warn' });
        }
    });
    const home = shape.origin;
    range(shape.minimum, shape.maximum, 'minimum', 'maximum', at, ctx, false, home);
    range(shape.exclusiveMinimum, shape.exclusiveMaximum, 'exclusiveMinimum', 'exclusiveMaximum', at, ctx, true, home);
    range(shape.minimum, shape.exclusiveMaximum, 'minimum', 'exclusiveMaximum', at, ctx, true, home);
    range(shape.exclusiveMinimum, shape.maximum, 'exclusiveMinimum', 'maximum', at, ctx, true, home);
    range(shape.minLength, shape.maxLength, 'minLength', 'maxLength', at, ctx, false, home);
    range(shape.minItems, shape.maxItems, 'minItems', 'maxItems', at, ctx, false, home);
    if (shape.types.some((t) => t.kind === 'named') && (shape.properties || shape.additionalProperties !== undefined)) {
        const key = shape.properties ? 'properties' : 'additionalProperties';
        ctx.report(at(key), 'conflicting-keywords', `\`${key}\` cannot extend a named type: the type already decides the object's keys. Add them to the type under \`types:\`, or define a new type.`, { at: 'key' });
    }
    if (shape.schema) {
        const simple = shape.types.every((t) => t.kind === 'primitive' && t.name !== 'any');
        const types = simple ? [...new Set(shape.types.map((t) => t.name))] : [];
        if (shape.nullable && types.length > 0 && !types.includes('null'))
            types.push('null');
        checkFragment(shape.schema, at('schema'), ctx, types);
    }
    if (prims.size < ALL.length) {
        for (const [key, types] of Object.entries(APPLIES_TO)) {
            if (shape[key] === undefined)
                continue;
            if (!types.some((t) => prims.has(t))) {
                ctx.report(at(key), 'inapplicable-keyword', `\`${key}\` has no effect on ${typeList(shape.types, false)}; it applies to ${types.join(' or ')} values. Remove it or change the type.`, { severity: 'warn', at: 'key' });
            }
        }
    }
}
/** The primitive types a union admits, following named types (`any` admits all). */
export function primitivesOf(types, ctx, seen = new Set()) {
    const out = new Set();
    if (types.length === 0)
        for (const p of ALL)
            out.add(p); // a raw `schema:` alone: unknown, so admit all
    for (const t of types) {
        if (t.kind === 'primitive') {
            if (t.name === 'any')
                for (const p of ALL)
                    out.add(p);
            else
                out.add(t.name);
            if (t.name === 'number')
                out.add('integer');
            continue;
        }
        if (seen.has(t.name))
            continue;
        seen.add(t.name);
        const raw = ctx.rawTypes.get(t.name)?.raw;
        const def = asMap(raw);
        const inner = def ? own(def, 'type') : raw;
        const names = Array.isArray(inner) ? inner : typeof inner === 'string' ? [inner] : [];
        const refs = names.filter((n) => typeof n === 'string').map((n) => ALL.includes(n) || n === 'any' ? { kind: 'primitive', name: n } : { kind: 'named', name: n });
        if (refs.length === 0)
            for (const p of ALL)
                out.add(p);
        for (const p of primitivesOf(refs, ctx, seen))
            out.add(p);
        if (def && own(def, 'nullable') === true)
            out.add('null');
    }
    return out;
}
function matches(v, prims, allowsNull) {
    if (v === null)
        return allowsNull;
    if (typeof v === 'string')
        return prims.has('string');
    if (typeof v === 'boolean')
        return prims.has('boolean');
    if (typeof v === 'number')
        return prims.has('number') || (prims.has('integer') && Number.isInteger(v));
    if (Array.isArray(v))
        return prims.has('array');
    if (typeof v === 'object')
        return prims.has('object');
    return false;
}
function range(lo, hi, loKey, hiKey, at, ctx, exclusive, home) {
    if (lo === undefined || hi === undefined)
        return;
    if (lo > hi || (exclusive && lo === hi)) {
        // When a use refines a shared definition, report where the use wrote its half.
        const where = home && within(at(hiKey), home) && !within(at(loKey), home) ? at(hiKey) : at(loKey);
        ctx.report(where, 'invalid-range', `\`${loKey}\` (${lo}) is ${lo === hi ? 'equal to' : 'greater than'} \`${hiKey}\` (${hi}), so no value can pass. Swap or fix them.`);
    }
}
function within(o, home) {
    return o.file === home.file && o.path.length >= home.path.length && home.path.every((k, i) => o.path[i] === k);
}
function describe(v) {
    if (v === null)
        return 'null';
    if (Array.isArray(v))
        return 'a list';
    if (typeof v === 'number')
        return Number.isInteger(v) ? 'an integer' : 'a number';
    if (typeof v === 'string')
        return 'text';
    return typeof v === 'object' ? 'a map' : `a ${typeof v}`;
}
function typeList(types, nullable) {
    const names = types.map((t) => `\`${t.name}\``);
    if (nullable)
        names.push('`null`');
    return names.length === 0 ? 'unknown' : names.join(' | ');
}
function child(origin, key) {
    return { file: origin.file, path: [...origin.path, key] };
}
//# sourceMappingURL=check-shape.js.map