import { CONSTRAINT_KEYS, constraintChanges } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'constraint-loosened',
  category: 'value',
  impact: 'addition',
  description: 'A pattern, format, range, length, const or enum was removed or loosened.',
  covers: CONSTRAINT_KEYS,
  check(input, report) {
    for (const p of input.properties) {
      const { loosened } = constraintChanges(p.baseShape, p.headShape);
      if (loosened.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)}: ${loosened.join('; ')}.` });
    }
  },
});
