/** JSON with object keys sorted at every level and a final newline: byte-identical for equal data. */
export function stableJson(value, indent = 2) {
    return JSON.stringify(sortKeys(value), null, indent) + '\n';
}
function sortKeys(value) {
    if (Array.isArray(value))
        return value.map(sortKeys);
    if (value === null || typeof value !== 'object')
        return value;
    const out = {};
    for (const key of Object.keys(value).sort()) {
        // defineProperty, so that a plan key named `__proto__` stays an ordinary key.
        Object.defineProperty(out, key, { value: sortKeys(value[key]), enumerable: true, writable: true, configurable: true });
    }
    return out;
}
//# sourceMappingURL=stable-json.js.map