/** Declare a rule (typed options, checked registry). */
export function defineRule(rule) {
    return rule;
}
//# sourceMappingURL=rule.js.map