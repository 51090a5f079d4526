import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'enum-value-removed',
  category: 'value',
  impact: 'breaking',
  description: 'An enum value was removed: messages that send it become violations.',
  covers: ['enum'],
  check(input, report) {
    for (const p of input.properties) {
      const b = p.baseShape.enum;
      const h = p.headShape.enum;
      if (!b || !h) continue;
      const have = new Set(h.map((v) => JSON.stringify(v)));
      const gone = b.filter((v) => !have.has(JSON.stringify(v)));
      if (gone.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} no longer allows ${gone.map((v) => JSON.stringify(v)).join(', ')}.` });
    }
  },
});
