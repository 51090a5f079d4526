/** The versioned JSON shape of `check --format json`. */
export function diagnosticsJson(files, diagnostics) {
    const count = (s) => diagnostics.filter((d) => d.severity === s).length;
    const body = {
        version: 1,
        files,
        summary: { errors: count('error'), warnings: count('warn'), infos: count('info') },
        diagnostics: diagnostics.map((d) => ({
            file: d.file,
            line: d.range?.start.line ?? null,
            column: d.range?.start.col ?? null,
            endLine: d.range?.end.line ?? null,
            endColumn: d.range?.end.col ?? null,
            severity: d.severity,
            code: d.code,
            message: d.message,
            path: d.path,
            ...(d.related ? { related: d.related } : {}),
        })),
    };
    return JSON.stringify(body, null, 2) + '\n';
}
//# sourceMappingURL=diagnostics-json.js.map