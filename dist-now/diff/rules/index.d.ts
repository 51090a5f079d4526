import type { DiffRule } from '../rule.js';
/** Every diff rule, by id; a test checks ids, files, fixtures and docs. */
export declare const diffRules: {
    'constraint-loosened': DiffRule;
    'constraint-tightened': DiffRule;
    'deprecation-added': DiffRule;
    'documentation-changed': DiffRule;
    'enum-value-added': DiffRule;
    'enum-value-removed': DiffRule;
    'message-added': DiffRule;
    'message-removed': DiffRule;
    'property-added': DiffRule;
    'property-became-required': DiffRule;
    'property-removed': DiffRule;
    'required-property-added': DiffRule;
    'strictness-tightened': DiffRule;
    'type-narrowed': DiffRule;
    'type-widened': DiffRule;
};
