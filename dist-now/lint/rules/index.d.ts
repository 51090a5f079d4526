import type { Rule } from '../rule.js';
/** Every lint rule, by id. A test checks each id matches its file and has docs/rules/<id>.md. */
export declare const rules: {
    'consistent-property-types': Rule<Record<string, never>>;
    'deprecated-has-reason': Rule<Record<string, never>>;
    'description-required': Rule<{
        minLength: number;
        properties: boolean;
    }>;
    'enum-value-casing': Rule<{
        style: import("../casing.js").CasingStyle;
    }>;
    'event-name-casing': Rule<{
        style: import("../casing.js").CasingStyle;
    }>;
    'event-name-tense': Rule<Record<string, never>>;
    'max-properties': Rule<{
        max: number;
    }>;
    'no-empty-events': Rule<Record<string, never>>;
    'no-near-duplicate-events': Rule<Record<string, never>>;
    'no-near-duplicate-properties': Rule<Record<string, never>>;
    'no-unused-definitions': Rule<Record<string, never>>;
    'owner-required': Rule<Record<string, never>>;
    'property-name-casing': Rule<{
        style: import("../casing.js").CasingStyle;
    }>;
};
export type RuleId = keyof typeof rules;
