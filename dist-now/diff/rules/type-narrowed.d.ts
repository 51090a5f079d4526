declare const _default: import("../rule.js").DiffRule;
export default _default;
