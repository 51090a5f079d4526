import { lostTypes } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'type-narrowed',
  category: 'type',
  impact: 'breaking',
  description: 'A property admits fewer types (a changed type, number → integer, a union member or null removed).',
  covers: ['types'],
  check(input, report) {
    for (const p of input.properties) {
      const lost = lostTypes(p.baseShape, p.headShape);
      if (lost.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} no longer admits ${lost.join(', ')}.` });
    }
  },
});
