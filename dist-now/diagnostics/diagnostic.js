/** Sort diagnostics by file, then position, then code, so output is deterministic. */
export function sortDiagnostics(list) {
    return [...list].sort((a, b) => cmp(a.file, b.file) ||
        (a.range?.start.line ?? 0) - (b.range?.start.line ?? 0) ||
        (a.range?.start.col ?? 0) - (b.range?.start.col ?? 0) ||
        cmp(a.code, b.code) ||
        cmp(a.message, b.message));
}
/** True when any diagnostic is an error. */
export function hasErrors(list) {
    return list.some((d) => d.severity === 'error');
}
function cmp(a, b) {
    return a < b ? -1 : a > b ? 1 : 0;
}
//# sourceMappingURL=diagnostic.js.map