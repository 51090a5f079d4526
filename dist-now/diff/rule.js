import { messageLabel } from '../model/plan.js';
export function defineDiffRule(rule) {
    return rule;
}
/** `property "total" of event "Order Completed"`. */
export function propName(message, where) {
    return `property "${where}" of ${messageLabel(message)}`;
}
//# sourceMappingURL=rule.js.map