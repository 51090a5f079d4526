const STYLES = {
    // "Order Completed", "Product Added to Wishlist": capitalised words; short joining words may stay lower case.
    title: { re: /^[A-Z0-9][A-Za-z0-9]*(?: (?:[A-Z0-9][A-Za-z0-9]*|a|an|and|as|at|by|for|from|in|into|of|on|or|the|to|via|with))*$/, label: 'Title Case ("Order Completed")' },
    sentence: { re: /^[A-Z0-9][a-z0-9]*(?: [a-z0-9]+)*$/, label: 'Sentence case ("Order completed")' },
    snake: { re: /^[a-z][a-z0-9]*(?:_[a-z0-9]+)*$/, label: 'snake_case ("order_id")' },
    camel: { re: /^[a-z][a-zA-Z0-9]*$/, label: 'camelCase ("orderId")' },
    pascal: { re: /^[A-Z][a-zA-Z0-9]*$/, label: 'PascalCase ("OrderId")' },
    kebab: { re: /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/, label: 'kebab-case ("order-id")' },
};
export const CASING_NAMES = Object.keys(STYLES);
/** Whether `name` follows `style`, and the style's name for messages. */
export function casing(style) {
    if (typeof style === 'object') {
        const re = new RegExp(style.pattern, 'u');
        return { test: (n) => re.test(n), label: `/${style.pattern}/` };
    }
    const s = STYLES[style];
    return { test: (n) => s.re.test(n), label: s.label };
}
/** Validate a casing option: a style name, or `{pattern}` with a valid expression. */
export function casingOptionError(v) {
    if (typeof v === 'string')
        return CASING_NAMES.includes(v) ? undefined : `style must be one of ${CASING_NAMES.join(', ')}, or {pattern: "..."}`;
    if (v && typeof v === 'object' && typeof v.pattern === 'string') {
        try {
            new RegExp(v.pattern, 'u');
            return undefined;
        }
        catch (e) {
            return `pattern is not a valid regular expression: ${e.message}`;
        }
    }
    return `style must be one of ${CASING_NAMES.join(', ')}, or {pattern: "..."}`;
}
/** Words of a name whatever its style: "Order Completed", "order_completed", "orderCompleted" → order, completed. */
export function nameWords(name) {
    return name
        .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
        .split(/[^\p{L}\p{N}]+/u)
        .filter(Boolean)
        .map((w) => w.toLowerCase());
}
//# sourceMappingURL=casing.js.map