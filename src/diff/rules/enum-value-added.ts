import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'enum-value-added',
  category: 'value',
  impact: 'addition',
  description: 'An enum value was added.',
  covers: ['enum'],
  check(input, report) {
    for (const p of input.properties) {
      const b = p.baseShape.enum;
      const h = p.headShape.enum;
      if (!b || !h) continue;
      const had = new Set(b.map((v) => JSON.stringify(v)));
      const added = h.filter((v) => !had.has(JSON.stringify(v)));
      if (added.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} now allows ${added.map((v) => JSON.stringify(v)).join(', ')}.` });
    }
  },
});
