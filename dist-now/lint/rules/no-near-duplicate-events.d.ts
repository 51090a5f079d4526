/** The same words in any order, case and separator: "Order Completed" = "completed_order". */
export declare function nearKey(name: string): string;
declare const _default: import("../rule.js").Rule<Record<string, never>>;
export default _default;
