import { defineDiffRule, propName } from '../rule.js';

/**
 * Breaking, though every message valid before still is: readers (warehouse columns declared NOT
 * NULL, joins, dashboards, code that reads the generated types) relied on the property being
 * there, as they rely on a property that is removed. Loosening a guarantee breaks those who read it.
 */
export default defineDiffRule({
  id: 'property-became-optional',
  category: 'property',
  impact: 'breaking',
  description: 'A required property became optional: readers can no longer rely on it being there.',
  covers: ['required'],
  check(input, report) {
    for (const p of input.properties) {
      if (p.base.required && !p.head.required) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} is no longer required: readers can no longer rely on it being there.` });
    }
  },
});
