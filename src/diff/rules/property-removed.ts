import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'property-removed',
  category: 'property',
  impact: 'breaking',
  description: 'A property was removed: reports and destinations that read it lose it.',
  covers: [],
  check(input, report) {
    for (const p of input.removedProperties) report({ base: p.field.origin, head: p.message.origin, message: `${propName(p.message, p.where)} was removed.` });
  },
});
