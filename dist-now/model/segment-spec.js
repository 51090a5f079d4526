/**
 * Properties that analytics.js adds to every page call by itself. A strict page must accept
 * them, or every real page call would be a violation; the plan may define them to constrain
 * them. https://segment.com/docs/connections/spec/page/#properties
 */
export const AUTO_PAGE_PROPERTIES = ['category', 'name', 'path', 'referrer', 'search', 'title', 'url'];
/**
 * The fields a message really takes: its own, plus, for pages, the ones analytics.js adds
 * (as optional strings). Compile, generated validators and generated types all use this,
 * so the three agree.
 */
export function effectiveFields(m) {
    if (m.kind !== 'page')
        return m.fields;
    const own = new Set(m.fields.map((f) => f.name));
    const extra = AUTO_PAGE_PROPERTIES.filter((name) => !own.has(name)).map((name) => {
        const origin = { file: m.origin.file, path: [...m.origin.path, 'properties'] };
        const shape = { types: [{ kind: 'primitive', name: 'string' }], nullable: false, description: `Set by analytics.js on every page call.`, origin };
        return { name, required: false, shape, origin };
    });
    return [...m.fields, ...extra];
}
//# sourceMappingURL=segment-spec.js.map