declare const _default: import("../rule.js").Rule<{
    minLength: number;
    properties: boolean;
}>;
export default _default;
