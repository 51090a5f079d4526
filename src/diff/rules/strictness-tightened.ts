import { messageLabel } from '../../model/plan.js';
import { openness, OPENNESS_RANK } from '../compare.js';
import { defineDiffRule, propName } from '../rule.js';

export default defineDiffRule({
  id: 'strictness-tightened',
  category: 'property',
  impact: 'breaking',
  description: 'A message or object that let unlisted keys through no longer does, or now types them (`strict`, `additionalProperties`).',
  covers: ['strict', 'openness'],
  check(input, report) {
    for (const { base, head } of input.messages) {
      if (!base.strict && head.strict) report({ base: base.origin, head: head.origin, message: `${messageLabel(head)} became strict: properties not in the plan are now violations.` });
    }
    for (const p of input.properties) {
      const b = openness(p.baseShape, p.baseStrict);
      const h = openness(p.headShape, p.headStrict);
      if (!b || !h || OPENNESS_RANK[h] >= OPENNESS_RANK[b]) continue;
      const what = h === 'closed' ? 'no longer allows keys it does not list' : 'now gives a type to the keys it does not list';
      report({ base: p.base.origin, head: p.head.origin, message: `${propName(p.message, p.where)} ${what}.` });
    }
  },
});
