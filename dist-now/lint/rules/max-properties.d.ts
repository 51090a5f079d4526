declare const _default: import("../rule.js").Rule<{
    max: number;
}>;
export default _default;
