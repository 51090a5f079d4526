import constraintLoosened from './constraint-loosened.js';
import constraintTightened from './constraint-tightened.js';
import deprecationAdded from './deprecation-added.js';
import documentationChanged from './documentation-changed.js';
import enumValueAdded from './enum-value-added.js';
import enumValueRemoved from './enum-value-removed.js';
import messageAdded from './message-added.js';
import messageRemoved from './message-removed.js';
import propertyAdded from './property-added.js';
import propertyBecameRequired from './property-became-required.js';
import propertyRemoved from './property-removed.js';
import requiredPropertyAdded from './required-property-added.js';
import strictnessTightened from './strictness-tightened.js';
import typeNarrowed from './type-narrowed.js';
import typeWidened from './type-widened.js';
/** Every diff rule, by id; a test checks ids, files, fixtures and docs. */
export const diffRules = {
    'constraint-loosened': constraintLoosened,
    'constraint-tightened': constraintTightened,
    'deprecation-added': deprecationAdded,
    'documentation-changed': documentationChanged,
    'enum-value-added': enumValueAdded,
    'enum-value-removed': enumValueRemoved,
    'message-added': messageAdded,
    'message-removed': messageRemoved,
    'property-added': propertyAdded,
    'property-became-required': propertyBecameRequired,
    'property-removed': propertyRemoved,
    'required-property-added': requiredPropertyAdded,
    'strictness-tightened': strictnessTightened,
    'type-narrowed': typeNarrowed,
    'type-widened': typeWidened,
};
//# sourceMappingURL=index.js.map