declare const _default: import("../rule.js").Rule<Record<string, never>>;
export default _default;
