import type { DiffRule } from '../rule.js';
import codegenNameChanged from './codegen-name-changed.js';
import constraintLoosened from './constraint-loosened.js';
import constraintTightened from './constraint-tightened.js';
import deprecationAdded from './deprecation-added.js';
import deprecationRemoved from './deprecation-removed.js';
import documentationChanged from './documentation-changed.js';
import enumValueAdded from './enum-value-added.js';
import enumValueRemoved from './enum-value-removed.js';
import messageAdded from './message-added.js';
import messageRemoved from './message-removed.js';
import namedTypeAdded from './named-type-added.js';
import namedTypeRemoved from './named-type-removed.js';
import propertyAdded from './property-added.js';
import propertyBecameOptional from './property-became-optional.js';
import propertyBecameRequired from './property-became-required.js';
import propertyRemoved from './property-removed.js';
import requiredPropertyAdded from './required-property-added.js';
import strictnessLoosened from './strictness-loosened.js';
import strictnessTightened from './strictness-tightened.js';
import typeNarrowed from './type-narrowed.js';
import typeWidened from './type-widened.js';
import unclassifiedChange from './unclassified-change.js';

/** Every diff rule, by id; a test checks ids, files, fixtures and docs. */
export const diffRules = {
  'codegen-name-changed': codegenNameChanged,
  'constraint-loosened': constraintLoosened,
  'constraint-tightened': constraintTightened,
  'deprecation-added': deprecationAdded,
  'deprecation-removed': deprecationRemoved,
  'documentation-changed': documentationChanged,
  'enum-value-added': enumValueAdded,
  'enum-value-removed': enumValueRemoved,
  'message-added': messageAdded,
  'message-removed': messageRemoved,
  'named-type-added': namedTypeAdded,
  'named-type-removed': namedTypeRemoved,
  'property-added': propertyAdded,
  'property-became-optional': propertyBecameOptional,
  'property-became-required': propertyBecameRequired,
  'property-removed': propertyRemoved,
  'required-property-added': requiredPropertyAdded,
  'strictness-loosened': strictnessLoosened,
  'strictness-tightened': strictnessTightened,
  'type-narrowed': typeNarrowed,
  'type-widened': typeWidened,
  'unclassified-change': unclassifiedChange,
} satisfies Record<string, DiffRule>;
