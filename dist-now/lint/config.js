import { rules } from './rules/index.js';
/** Resolve a configuration into the rules to run; problems (unknown rules, bad options) come back as text. */
export function resolveLintConfig(config = {}) {
    const errors = [];
    const base = config.extends ?? 'recommended';
    const chosen = new Map();
    for (const [id, rule] of Object.entries(rules)) {
        const on = base === 'all' || (base === 'recommended' && rule.recommended);
        chosen.set(id, { severity: on ? rule.defaultSeverity : 'off', options: { ...rule.defaultOptions } });
    }
    for (const [id, setting] of Object.entries(config.rules ?? {})) {
        if (!(id in rules)) {
            errors.push(`Unknown lint rule "${id}". Rules: ${Object.keys(rules).join(', ')}.`);
            continue;
        }
        const [severity, options] = Array.isArray(setting) ? setting : [setting, undefined];
        const rule = rules[id];
        const merged = { ...rule.defaultOptions, ...(options ?? {}) };
        const problem = options ? rule.validateOptions?.(merged) : undefined;
        if (problem)
            errors.push(`Rule "${id}": ${problem}.`);
        chosen.set(id, { severity, options: merged });
    }
    const active = [];
    for (const [id, c] of chosen)
        if (c.severity !== 'off')
            active.push({ id, severity: c.severity, options: c.options });
    return { active, errors };
}
//# sourceMappingURL=config.js.map