/** Extend an origin's path. */
export function child(origin, ...keys) {
    return { file: origin.file, path: [...origin.path, ...keys] };
}
/** A null-prototype map or undefined: raw data is untrusted until the format check passed. */
export function asMap(v) {
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? v : undefined;
}
/** The own value of a key, safe for keys such as `__proto__` on any object. */
export function own(map, key) {
    return Object.prototype.hasOwnProperty.call(map, key) ? map[key] : undefined;
}
export function str(v) {
    return typeof v === 'string' ? v : undefined;
}
export function num(v) {
    return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
}
export function bool(v) {
    return typeof v === 'boolean' ? v : undefined;
}
//# sourceMappingURL=context.js.map