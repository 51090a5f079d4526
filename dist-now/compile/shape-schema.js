/** `#/definitions/X` (draft-07) or `#/$defs/X` (2020-12). */
export function refTo(name, draft) {
    return `#/${draft === 'draft-07' ? 'definitions' : '$defs'}/${name}`;
}
const CONSTRAINTS = ['pattern', 'format', 'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minLength', 'maxLength', 'minItems', 'maxItems', 'uniqueItems'];
/** The JSON Schema of one shape; `strict` closes objects whose keys the plan lists. */
export function shapeSchema(shape, strict, ctx) {
    const out = {};
    const hasAny = shape.types.some((t) => t.kind === 'primitive' && t.name === 'any');
    const named = shape.types.filter((t) => t.kind === 'named');
    const prims = shape.types.filter((t) => t.kind === 'primitive').map((t) => t.name);
    if (shape.nullable && !prims.includes('null'))
        prims.push('null');
    if (!hasAny && shape.types.length > 0) {
        if (named.length === 0)
            out['type'] = prims.length === 1 ? prims[0] : prims;
        else {
            for (const n of named)
                ctx.refs.add(n.name);
            const members = [...named.map((n) => ({ $ref: refTo(n.name, ctx.draft) })), ...(prims.length > 0 ? [{ type: prims.length === 1 ? prims[0] : prims }] : [])];
            if (members.length === 1)
                out['allOf'] = members;
            else
                out['anyOf'] = members;
        }
    }
    if (shape.description !== undefined)
        out['description'] = shape.description;
    if (shape.enum)
        out['enum'] = shape.nullable && !shape.enum.includes(null) ? [...shape.enum, null] : [...shape.enum];
    // `nullable` admits null beside a const, as it does beside an enum.
    if (shape.const) {
        if (shape.nullable && shape.const.value !== null)
            out['enum'] = [shape.const.value, null];
        else
            out['const'] = shape.const.value;
    }
    for (const k of CONSTRAINTS)
        if (shape[k] !== undefined)
            out[k] = shape[k];
    if (shape.items)
        out['items'] = shapeSchema(shape.items, strict, ctx);
    if (shape.properties) {
        const { type: _object, ...keys } = objectSchema(shape.properties, strict, ctx, shape.additionalProperties);
        Object.assign(out, keys);
    }
    else if (shape.additionalProperties !== undefined)
        out['additionalProperties'] = extraSchema(shape.additionalProperties, strict, ctx);
    if (shape.examples)
        out['examples'] = [...shape.examples];
    if (shape.deprecated !== undefined) {
        out['deprecated'] = true;
        if (typeof shape.deprecated === 'string')
            out['$comment'] = `Deprecated: ${shape.deprecated}`;
    }
    if (shape.schema) {
        // The raw fragment is combined, not merged, so neither side can silently override the other.
        // Repeating `type` in the fragment changes nothing (the first part requires it already)
        // but keeps validators in strict mode (ajv's strictTypes) from refusing the schema.
        const fragment = out['type'] !== undefined && shape.schema['type'] === undefined ? { type: out['type'], ...shape.schema } : { ...shape.schema };
        if (Object.keys(out).some((k) => k !== 'description'))
            return { allOf: [out, fragment] };
        return { ...shape.schema, ...out };
    }
    // A lone `$ref` stays bare; in draft-07 keywords beside `$ref` are ignored, hence the `allOf` above.
    const allOf = out['allOf'];
    if (allOf && Object.keys(out).length === 1)
        return allOf[0];
    return out;
}
/** `properties`, `required` and `additionalProperties` for a list of fields. */
export function objectSchema(fields, strict, ctx, extra) {
    const properties = {};
    const required = [];
    for (const f of fields) {
        Object.defineProperty(properties, f.name, { value: shapeSchema(f.shape, strict, ctx), enumerable: true, writable: true, configurable: true });
        if (f.required)
            required.push(f.name);
    }
    const out = { type: 'object', properties };
    if (required.length > 0)
        out['required'] = required.sort();
    if (extra !== undefined)
        out['additionalProperties'] = extraSchema(extra, strict, ctx);
    else if (strict)
        out['additionalProperties'] = false;
    return out;
}
function extraSchema(extra, strict, ctx) {
    return typeof extra === 'boolean' ? extra : shapeSchema(extra, strict, ctx);
}
//# sourceMappingURL=shape-schema.js.map