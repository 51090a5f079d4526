import { CONSTRAINT_KEYS, constraintChanges } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'constraint-tightened',
  category: 'value',
  impact: 'breaking',
  description: 'A pattern, format, range, length, const or enum was added or tightened: values valid before may now fail.',
  covers: CONSTRAINT_KEYS,
  check(input, report) {
    for (const p of input.properties) {
      const { tightened } = constraintChanges(p.baseShape, p.headShape);
      if (tightened.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)}: ${tightened.join('; ')}.` });
    }
  },
});
