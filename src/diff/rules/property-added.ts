import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'property-added',
  category: 'property',
  impact: 'addition',
  description: 'An optional property was added.',
  covers: [],
  check(input, report) {
    for (const p of input.addedProperties) if (!p.field.required) report({ head: p.field.origin, message: `${propName(p.message, p.where)} was added.` });
  },
});
