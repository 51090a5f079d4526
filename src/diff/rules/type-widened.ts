import { admitted } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'type-widened',
  category: 'type',
  impact: 'addition',
  description: 'A property admits more types (a union member or null added).',
  covers: ['types'],
  check(input, report) {
    for (const p of input.properties) {
      const before = admitted(p.baseShape);
      const gained = [...admitted(p.headShape)].filter((t) => !before.has(t));
      if (gained.length > 0) report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} now also admits ${gained.join(', ')}.` });
    }
  },
});
