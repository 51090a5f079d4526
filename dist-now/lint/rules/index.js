import consistentPropertyTypes from './consistent-property-types.js';
import deprecatedHasReason from './deprecated-has-reason.js';
import descriptionRequired from './description-required.js';
import enumValueCasing from './enum-value-casing.js';
import eventNameCasing from './event-name-casing.js';
import eventNameTense from './event-name-tense.js';
import maxProperties from './max-properties.js';
import noEmptyEvents from './no-empty-events.js';
import noNearDuplicateEvents from './no-near-duplicate-events.js';
import noNearDuplicateProperties from './no-near-duplicate-properties.js';
import noUnusedDefinitions from './no-unused-definitions.js';
import ownerRequired from './owner-required.js';
import propertyNameCasing from './property-name-casing.js';
/** Every lint rule, by id. A test checks each id matches its file and has docs/rules/<id>.md. */
export const rules = {
    'consistent-property-types': consistentPropertyTypes,
    'deprecated-has-reason': deprecatedHasReason,
    'description-required': descriptionRequired,
    'enum-value-casing': enumValueCasing,
    'event-name-casing': eventNameCasing,
    'event-name-tense': eventNameTense,
    'max-properties': maxProperties,
    'no-empty-events': noEmptyEvents,
    'no-near-duplicate-events': noNearDuplicateEvents,
    'no-near-duplicate-properties': noNearDuplicateProperties,
    'no-unused-definitions': noUnusedDefinitions,
    'owner-required': ownerRequired,
    'property-name-casing': propertyNameCasing,
};
//# sourceMappingURL=index.js.map